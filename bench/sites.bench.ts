import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import zlib from 'node:zlib';
import { systemActor } from '../src/modules/audit';
import { createArticle } from '../src/modules/newsroom';
import { createUnit } from '../src/modules/org';
import { loadConfig, setConfig } from '../src/platform/config';
import { closeDb, db, openDb } from '../src/platform/db';
import { configureLog } from '../src/platform/log';
import { createTemplate, createTestDatabase, startTestCluster } from '../test/support/pg';
import type { BenchResult } from './index';

/**
 * `npm run bench -- sites`: 1,000 unit sites on one Loa server (web role, a
 * child process), each with an introduction, leaders and a few published
 * articles. A closed loop of 64 keep-alive connections in this process asks
 * for the home pages of random sites for LOA_BENCH_SECONDS (default 8); we
 * report the p95/p99 latency, requests per second, the first-render p95 (every
 * site's home once, before the measured run) and the page weight of a first
 * visit without photos (HTML + stylesheet + script + the unit's colour sheet).
 * The baseline is a bare node:http server answering the same bytes from
 * memory, measured the same way: `ratio_p95` says how far Loa is from the floor
 * of any Node server on this machine. With `taskset` the server runs on core 0
 * and the load on core 1; without it, both share the machine (noted).
 */
const SITES = Number(process.env.LOA_BENCH_SITES ?? 1000);
const CONNECTIONS = 64;
const SECONDS = Number(process.env.LOA_BENCH_SECONDS ?? 8);

const has = (cmd: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

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

async function waitFor(url: string, ms = 90_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no answer from ${url}`);
}

type Load = { p50Ms: number; p95Ms: number; p99Ms: number; rps: number; errors: number; count: number };

/** Closed loop: `CONNECTIONS` workers, each sends its next request when the last one answered. */
async function closedLoop(port: number, paths: () => string, seconds: number): Promise<Load> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const one = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = http.get({ host: '127.0.0.1', port, path: paths(), agent }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode === 200) latencies.push(performance.now() - t0);
          else errors++;
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) await one();
    }),
  );
  const took = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const q = (p: number) => Number((latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? Number.NaN).toFixed(2));
  return { p50Ms: q(0.5), p95Ms: q(0.95), p99Ms: q(0.99), rps: Math.round(latencies.length / took), errors, count: latencies.length };
}

/** Every path once, `CONNECTIONS` at a time: the first render of each site's home. */
async function everyOnce(port: number, all: string[]): Promise<{ p95Ms: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies: number[] = [];
  let i = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (i < all.length) {
        const p = all[i++];
        const t0 = performance.now();
        await new Promise<void>((resolve, reject) => {
          http
            .get({ host: '127.0.0.1', port, path: p, agent }, (res) => {
              res.resume();
              res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${p} → ${res.statusCode}`))));
            })
            .on('error', reject);
        });
        latencies.push(performance.now() - t0);
      }
    }),
  );
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { p95Ms: Number(latencies[Math.floor(latencies.length * 0.95)].toFixed(2)) };
}

const children: ChildProcess[] = [];
function start(args: string[], env: NodeJS.ProcessEnv, isPinned: boolean): ChildProcess {
  const child = isPinned
    ? spawn('taskset', ['-c', '0', process.execPath, ...args], { env, stdio: ['ignore', 'ignore', 'inherit'] })
    : spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  return child;
}

const intro = (name: string) =>
  `<p>${name} được thành lập năm 1985, hiện có 28 lớp với hơn một nghìn học sinh. Nhà trường đạt chuẩn quốc gia mức độ 2 và kiểm định chất lượng giáo dục cấp độ 3.</p>` +
  '<p>Tập thể sư phạm đoàn kết, đổi mới phương pháp dạy học, chú trọng giáo dục kỹ năng sống và trải nghiệm sáng tạo cho học sinh.</p>';

export async function run(opts: { size?: number } = {}): Promise<BenchResult> {
  const sites = opts.size ?? SITES;
  const isPinned = has('taskset') && os.cpus().length >= 2;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'loa-bench-sites-'));
  const cluster = await startTestCluster();
  try {
    await createTemplate(cluster.adminUrl);
    const database = await createTestDatabase(cluster.adminUrl);
    setConfig(loadConfig({ LOA_LOG_LEVEL: 'warn', LOA_DATA_DIR: work, DATABASE_URL: database.url } as NodeJS.ProcessEnv));
    configureLog({ level: 'warn', format: 'json' });
    openDb(database.url, 4);

    // A Sở with `sites` schools; each school a complete site (the trigger gives each its slug).
    process.stderr.write(`bench sites: ${sites} sites…\n`);
    const dept = await createUnit(systemActor, { code: 'B-SO', name: 'Sở Giáo dục và Đào tạo tỉnh Bến Đò', type: 'department', parentId: null });
    await db().query(
      `with ins as (
         insert into units (code, name, type, level, parent_id, path, search_text, contacts)
         select 'B-T' || g, 'Trường THCS số ' || g || ' Bến Đò', 'school', 'lower_secondary', $1, '0', 'truong thcs so ' || g,
                jsonb_build_object('address', g || ' đường Lê Lợi, tỉnh Bến Đò', 'phone', '0237 38' || lpad(g::text, 5, '0'))
           from generate_series(1, $2) g returning id)
       update units u set path = (select path from units where id = $1) || u.id::text from ins where ins.id = u.id`,
      [dept.id, sites],
    );
    const schools = (await db().query<{ id: number; name: string; slug: string }>(
      `select u.id, u.name, s.slug from units u join site_settings s on s.unit_id = u.id where u.parent_id = $1 order by u.id`,
      [dept.id],
    )).rows;
    for (const s of schools) {
      await db().query(`update site_settings set intro_html = $2, tagline = 'Dạy tốt – Học tốt', primary_color = '#1f5f3a' where unit_id = $1`, [s.id, intro(s.name)]);
      await db().query(
        `insert into site_leaders (unit_id, name, position, bio_html, duties_html, sort_order)
         values ($1, 'Nguyễn Văn An', 'Hiệu trưởng', '<p>Thạc sĩ Quản lý giáo dục.</p>', '<p>Phụ trách chung.</p>', 1),
                ($1, 'Trần Thị Bình', 'Phó Hiệu trưởng', '<p>Cử nhân Ngữ văn.</p>', '<p>Phụ trách chuyên môn.</p>', 2)`,
        [s.id],
      );
    }
    // three published articles per school for the first 300 schools, some on every home
    const body = '<p>Sáng nay, thầy và trò nhà trường tổ chức hoạt động trải nghiệm với nhiều nội dung bổ ích, thu hút đông đảo học sinh tham gia.</p>'.repeat(6);
    for (const s of schools.slice(0, Math.min(300, schools.length))) {
      for (let k = 1; k <= 3; k++) {
        const a = await createArticle(systemActor, { unitId: s.id, title: `${s.name}: hoạt động trải nghiệm tháng ${k}`, summary: 'Nhiều hoạt động bổ ích.', bodyHtml: body, themes: ['Hoạt động'] });
        await db().query(`update articles set status = 'published', published_at = now() - ($2 || ' days')::interval where id = $1`, [a.id, k]);
      }
    }
    await closeDb();
    if (isPinned) execFileSync('taskset', ['-pc', '1', String(process.pid)], { stdio: 'ignore' });

    const loaPort = await freePort();
    start([path.resolve('bin/loa'), 'serve', '--role', 'web', '--port', String(loaPort)], { ...process.env, DATABASE_URL: database.url, LOA_DATA_DIR: work, LOA_LOG_LEVEL: 'warn' }, isPinned);
    await waitFor(`http://127.0.0.1:${loaPort}/healthz`);
    const homes = schools.map((s) => `/don-vi/${s.slug}`);

    // page weight of a first visit (no photos): HTML + stylesheet + script + colour sheet
    const html = await (await fetch(`http://127.0.0.1:${loaPort}${homes[0]}`)).text();
    const assets = [...html.matchAll(/(?:href|src)="(\/site-(?:assets|theme)\/[^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
    let bytes = Buffer.byteLength(html);
    let gz = zlib.gzipSync(html).length;
    for (const a of assets) {
      const b = Buffer.from(await (await fetch(`http://127.0.0.1:${loaPort}${a}`)).arrayBuffer());
      bytes += b.length;
      gz += zlib.gzipSync(b).length;
    }

    const cold = await everyOnce(loaPort, homes);
    const loa = await closedLoop(loaPort, () => homes[Math.floor(Math.random() * homes.length)], SECONDS);

    // the floor: a bare node:http server sending the same bytes from memory
    const barePort = await freePort();
    const bareFile = path.join(work, 'home.html');
    fs.writeFileSync(bareFile, html);
    start(
      ['-e', `const b=require('fs').readFileSync(${JSON.stringify(bareFile)});require('http').createServer((q,r)=>{r.writeHead(200,{'content-type':'text/html; charset=utf-8','content-length':b.length});r.end(b)}).listen(${barePort},'127.0.0.1')`],
      process.env,
      isPinned,
    );
    await waitFor(`http://127.0.0.1:${barePort}/`);
    const bare = await closedLoop(barePort, () => '/', SECONDS);

    return {
      bench: 'sites',
      measures: [
        { name: 'sites', value: schools.length, unit: 'sites' },
        { name: 'home_p50_ms', value: loa.p50Ms, unit: 'ms' },
        { name: 'home_p95_ms', value: loa.p95Ms, unit: 'ms' },
        { name: 'home_p99_ms', value: loa.p99Ms, unit: 'ms' },
        { name: 'home_rps', value: loa.rps, unit: 'req/s' },
        { name: 'home_first_render_p95_ms', value: cold.p95Ms, unit: 'ms' },
        { name: 'home_kb', value: Number((bytes / 1024).toFixed(1)), unit: 'KB' },
        { name: 'home_kb_gzip', value: Number((gz / 1024).toFixed(1)), unit: 'KB' },
        { name: 'baseline_p95_ms', value: bare.p95Ms, unit: 'ms' },
        { name: 'baseline_rps', value: bare.rps, unit: 'req/s' },
        { name: 'ratio_p95', value: Number((loa.p95Ms / Math.max(bare.p95Ms, 0.01)).toFixed(1)), unit: 'x' },
      ],
      notes: {
        connections: CONNECTIONS,
        seconds: SECONDS,
        pinned: isPinned ? 'server core 0, load core 1 (taskset)' : 'not pinned: taskset missing or one core',
        target: 'home_p95_ms < 50 under 64 connections; home_kb ≤ 100 (docs/SITES.md)',
        errors: loa.errors + bare.errors,
        requests: loa.count,
      },
    };
  } finally {
    await Promise.all(
      children.map((c) => new Promise<void>((resolve) => {
        if (c.exitCode !== null || c.signalCode !== null) return resolve();
        c.once('exit', () => resolve());
        c.kill('SIGTERM');
        setTimeout(resolve, 5000).unref();
      })),
    );
    await closeDb().catch(() => {});
    await cluster.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
