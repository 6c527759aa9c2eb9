import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createTemplate, createTestDatabase, startTestCluster } from '../test/support/pg';
import { systemActor } from '../src/modules/audit';
import { createArticle } from '../src/modules/newsroom';
import { createUnit } from '../src/modules/org';
import { loadConfig, setConfig } from '../src/platform/config';
import { closeDb, db, openDb } from '../src/platform/db';
import { configureLog } from '../src/platform/log';
import type { BenchResult } from './index';

/**
 * `npm run bench -- portal`: an article page served by Loa against a static
 * copy of the same page served by nginx (one worker), each pinned to core 0
 * with `taskset`, the load generator (wrk) pinned to core 1. Then p99 latency
 * at a fixed 5,000 requests/s (an open-loop generator in this process, on core
 * 1, timing each request from when it was due, so a stall is not hidden), and
 * the production setup docs/OPERATIONS.md recommends — nginx caching in front
 * of Loa — against the same static nginx. A bare node:http server sending a
 * prepared buffer is the floor for any Node server on this machine.
 */
const CONNECTIONS = 64;
const SECONDS = Number(process.env.LOA_BENCH_SECONDS ?? 8);

function need(cmd: string, pkg: string) {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
  } catch {
    throw new Error(`Bench portal cần ${cmd}: apt-get install -y --no-install-recommends ${pkg}`);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitFor(url: string, ms = 60_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no answer from ${url}`);
}

/** wrk on core 1; returns requests/s (after a short warm-up). */
function wrk(url: string, seconds = SECONDS): { rps: number; p99Ms: number } {
  execFileSync('taskset', ['-c', '1', 'wrk', '-t1', `-c${CONNECTIONS}`, '-d2s', url], { stdio: 'ignore' });
  const out = execFileSync('taskset', ['-c', '1', 'wrk', '-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '--latency', url]).toString();
  const rps = Number(out.match(/Requests\/sec:\s+([\d.]+)/)?.[1] ?? 0);
  const p99 = out.match(/99%\s+([\d.]+)(us|ms|s)/);
  const p99Ms = p99 ? Number(p99[1]) * (p99[2] === 'us' ? 0.001 : p99[2] === 's' ? 1000 : 1) : Number.NaN;
  return { rps: Math.round(rps), p99Ms: Number(p99Ms.toFixed(2)) };
}

/** Open-loop load at a fixed rate: latency measured from each request's due time. */
async function fixedRate(url: string, rate: number, seconds: number): Promise<{ p50Ms: number; p99Ms: number; sent: number; errors: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const u = new URL(url);
  const latencies: number[] = [];
  let errors = 0;
  const total = rate * seconds;
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    // sleep only when ahead of schedule; never wait for answers (an open loop)
    const wait = due - performance.now();
    if (wait > 2) await new Promise((r) => setTimeout(r, wait));
    // timed from when it was due if it left late (no coordinated omission), or from when it
    // left if it left early (up to 2 ms ahead of schedule: timing from `due` would go negative)
    const from = Math.min(due, performance.now());
    inflight.push(
      new Promise<void>((resolve) => {
        const req = http.get({ host: u.hostname, port: u.port, path: u.pathname, agent }, (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode === 200) latencies.push(performance.now() - from);
            else errors++;
            resolve();
          });
        });
        req.on('error', () => {
          errors++;
          resolve();
        });
      }),
    );
  }
  await Promise.all(inflight);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const q = (p: number) => Number((latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? Number.NaN).toFixed(2));
  return { p50Ms: q(0.5), p99Ms: q(0.99), sent: total, errors };
}

function pinTree(pattern: string, core: number) {
  const out = execFileSync('ps', ['-eo', 'pid,args']).toString();
  for (const line of out.split('\n')) {
    if (line.includes(pattern)) {
      const pid = line.trim().split(/\s+/)[0];
      try {
        execFileSync('taskset', ['-a', '-pc', String(core), pid], { stdio: 'ignore' });
      } catch {}
    }
  }
}

const children: ChildProcess[] = [];
function start(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const child = spawn('taskset', ['-c', '0', cmd, ...args], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  return child;
}

export async function run(): Promise<BenchResult> {
  need('nginx', 'nginx-light');
  need('wrk', 'wrk');
  need('taskset', 'util-linux');
  if (os.cpus().length < 2) throw new Error('Bench portal cần ít nhất 2 lõi CPU (máy chủ và máy tạo tải mỗi bên một lõi).');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'loa-bench-portal-'));
  fs.chmodSync(work, 0o755);
  const cluster = await startTestCluster();
  try {
    await createTemplate(cluster.adminUrl);
    const database = await createTestDatabase(cluster.adminUrl);
    setConfig(loadConfig({ LOA_LOG_LEVEL: 'warn', LOA_DATA_DIR: work, DATABASE_URL: database.url } as NodeJS.ProcessEnv));
    configureLog({ level: 'warn', format: 'json' });
    openDb(database.url, 4);

    // One published article of realistic length.
    const dept = await createUnit(systemActor, { code: 'B-SO', name: 'Sở Giáo dục và Đào tạo tỉnh Bến Đò', type: 'department', parentId: null });
    const school = await createUnit(systemActor, { code: 'B-THCS', name: 'Trường THCS Nguyễn Du', type: 'school', parentId: dept.id });
    const paragraph = 'Sáng ngày 20/11, Trường THCS Nguyễn Du long trọng tổ chức lễ kỷ niệm Ngày Nhà giáo Việt Nam. Thầy và trò nhà trường đã ôn lại truyền thống tôn sư trọng đạo, tuyên dương các thầy cô giáo có thành tích xuất sắc trong năm học. ';
    const a = await createArticle(systemActor, {
      unitId: school.id,
      title: 'Trường THCS Nguyễn Du kỷ niệm Ngày Nhà giáo Việt Nam 20/11',
      summary: 'Lễ kỷ niệm ấm áp, nhiều hoạt động ý nghĩa của thầy và trò.',
      bodyHtml: Array.from({ length: 12 }, (_, i) => `<p>${paragraph.repeat(1 + (i % 3))}</p>`).join(''),
      themes: ['Hoạt động chuyên môn'],
    });
    await db().query(`update articles set status = 'published', published_at = now(), is_on_sector_portal = true where id = $1`, [a.id]);
    await closeDb();
    pinTree(cluster.dir ?? 'postgres', 0);
    execFileSync('taskset', ['-pc', '1', String(process.pid)], { stdio: 'ignore' });

    // Loa (web role) on core 0.
    const loaPort = await freePort();
    start(process.execPath, [path.resolve('bin/loa'), 'serve', '--role', 'web', '--port', String(loaPort)], {
      ...process.env,
      DATABASE_URL: database.url,
      LOA_DATA_DIR: work,
      LOA_LOG_LEVEL: 'warn',
    });
    const page = `/tin-tuc/${a.slug}`;
    const loaUrl = `http://127.0.0.1:${loaPort}${page}`;
    await waitFor(`http://127.0.0.1:${loaPort}/healthz`);
    // the same without the raw node:http fast path (every request through Hono), for comparison;
    // started after the first, as two nodes creating the job queues at once can deadlock
    const honoPort = await freePort();
    start(process.execPath, [path.resolve('bin/loa'), 'serve', '--role', 'web', '--port', String(honoPort)], {
      ...process.env,
      DATABASE_URL: database.url,
      LOA_DATA_DIR: work,
      LOA_LOG_LEVEL: 'warn',
      LOA_PORTAL_FAST_PATH: '0',
    });
    const honoUrl = `http://127.0.0.1:${honoPort}${page}`;
    await waitFor(`http://127.0.0.1:${honoPort}/healthz`);
    const res = await fetch(loaUrl);
    if (res.status !== 200) throw new Error(`${loaUrl} → ${res.status}`);
    const html = await res.text();

    // nginx on core 0: the same page as a static file, and a caching proxy in front of Loa.
    const staticDir = path.join(work, 'static');
    fs.mkdirSync(path.join(staticDir, 'tin-tuc', a.slug), { recursive: true });
    fs.writeFileSync(path.join(staticDir, 'tin-tuc', a.slug, 'index.html'), html);
    const [staticPort, cachePort, barePort] = [await freePort(), await freePort(), await freePort()];
    const conf = path.join(work, 'nginx.conf');
    fs.writeFileSync(
      conf,
      `${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
daemon off;
pid ${work}/nginx.pid;
error_log ${work}/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  types { text/html html; }
  client_body_temp_path ${work}/nginx-body;
  proxy_temp_path ${work}/nginx-proxy;
  fastcgi_temp_path ${work}/nginx-fastcgi;
  uwsgi_temp_path ${work}/nginx-uwsgi;
  scgi_temp_path ${work}/nginx-scgi;
  proxy_cache_path ${work}/nginx-cache keys_zone=loa:10m max_size=100m;
  server {
    listen 127.0.0.1:${staticPort};
    root ${staticDir};
    location / { default_type text/html; try_files $uri/index.html =404; }
  }
  server {
    listen 127.0.0.1:${cachePort};
    location / {
      proxy_pass http://127.0.0.1:${loaPort};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_cache loa;
      proxy_cache_key $scheme$host$request_uri;
      proxy_cache_valid 200 60s;
      proxy_cache_use_stale updating error timeout;
      proxy_cache_background_update on;
      proxy_cache_lock on;
    }
  }
}
`,
    );
    start('nginx', ['-c', conf, '-p', work]);
    const staticUrl = `http://127.0.0.1:${staticPort}${page}`;
    const cacheUrl = `http://127.0.0.1:${cachePort}${page}`;
    await waitFor(staticUrl);
    await waitFor(cacheUrl);

    // The floor: bare node:http sending a prepared buffer.
    const body = Buffer.from(html);
    const bareScript = `require('node:http').createServer((q,s)=>{s.writeHead(200,{'content-type':'text/html; charset=utf-8','content-length':${body.length}});s.end(B)}).listen(${barePort},'127.0.0.1')`;
    start(process.execPath, ['-e', `const B=Buffer.alloc(${body.length},97);${bareScript}`]);
    const bareUrl = `http://127.0.0.1:${barePort}/`;
    await waitFor(bareUrl);

    const nginx = wrk(staticUrl);
    const loa = wrk(loaUrl);
    const hono = wrk(honoUrl);
    const bare = wrk(bareUrl);
    const cached = wrk(cacheUrl);
    const fixedSeconds = Math.max(4, Math.round(SECONDS / 2));
    // each fixed-rate run gets a 1 s warm-up at the same rate first (as wrk gets 2 s): otherwise
    // whichever target goes first also pays for the generator's own JIT and its new connections
    await fixedRate(loaUrl, 5000, 1);
    const fixed = await fixedRate(loaUrl, 5000, fixedSeconds);
    // the same load against static nginx: what the generator and the machine add by themselves
    await fixedRate(staticUrl, 5000, 1);
    const fixedNginx = await fixedRate(staticUrl, 5000, fixedSeconds);
    const ready = (await (await fetch(`http://127.0.0.1:${loaPort}/readyz`)).json()) as { portalCache?: string; fastPath?: unknown };
    const ratio = (x: number) => Number((x / nginx.rps).toFixed(3));
    return {
      bench: 'portal',
      measures: [
        { name: 'nginx_static_rps', value: nginx.rps, unit: 'req/s' },
        { name: 'loa_rps', value: loa.rps, unit: 'req/s' },
        { name: 'rps_ratio_vs_nginx', value: ratio(loa.rps), unit: 'ratio' },
        { name: 'loa_without_fast_path_rps', value: hono.rps, unit: 'req/s' },
        { name: 'without_fast_path_rps_ratio_vs_nginx', value: ratio(hono.rps), unit: 'ratio' },
        { name: 'bare_node_rps_ratio_vs_nginx', value: ratio(bare.rps), unit: 'ratio' },
        { name: 'p99_ms_at_5000_rps', value: fixed.p99Ms, unit: 'ms' },
        { name: 'p50_ms_at_5000_rps', value: fixed.p50Ms, unit: 'ms' },
        { name: 'nginx_p99_ms_at_5000_rps', value: fixedNginx.p99Ms, unit: 'ms' },
        { name: 'production_rps', value: cached.rps, unit: 'req/s' },
        { name: 'production_rps_ratio_vs_nginx', value: ratio(cached.rps), unit: 'ratio' },
      ],
      notes: { page, portalCache: ready.portalCache, fastPath: ready.fastPath, bytes: body.length, connections: CONNECTIONS, seconds: SECONDS, loaP99AtMaxMs: loa.p99Ms, fixedRateErrors: fixed.errors, production: 'nginx proxy_cache in front of Loa (docs/OPERATIONS.md)' },
    };
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await closeDb().catch(() => {});
    await cluster.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
