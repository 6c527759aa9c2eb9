// The monitoring part of `npm run eval` (called by scripts/eval.mjs): serves a labelled
// items file as RSS feeds on loopback with ../shared/eval/make_feeds.py, runs Loa against a
// fresh embedded database (its own LOA_DATA_DIR), and scores the export with score_monitor.py.
//
//   units import <units_csv> → monitor source add <feed>… → monitor poll --once → monitor export --json
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port, ms = 10_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the feed server on port ${port} did not start`);
}

export async function runMonitorEval({ root, loa, evalDir, itemsFile }) {
  const work = path.join(root, 'data', 'eval', 'monitor');
  fs.rmSync(work, { recursive: true, force: true });
  const feedsDir = path.join(work, 'feeds');
  fs.mkdirSync(feedsDir, { recursive: true });
  const feeds = execFileSync('python3', [path.join(evalDir, 'make_feeds.py'), itemsFile, feedsDir]).toString().trim().split(/\s+/).filter(Boolean);
  const data = JSON.parse(fs.readFileSync(itemsFile, 'utf8'));
  const unitsCsv = path.join(path.dirname(itemsFile), data.units_csv);

  const port = await freePort();
  const server = spawn('python3', ['-m', 'http.server', String(port), '-b', '127.0.0.1', '-d', feedsDir], { stdio: 'ignore' });
  const env = { ...process.env, LOA_DATA_DIR: path.join(work, 'data'), LOA_FETCH_ALLOW: '127.0.0.1', LOA_LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const run = (args) => execFileSync(loa, args, { env, stdio: ['ignore', 'pipe', 'inherit'] }).toString();
  try {
    await waitForPort(port);
    run(['units', 'import', unitsCsv, '--json']);
    for (const f of feeds) run(['monitor', 'source', 'add', `http://127.0.0.1:${port}/${f}`, '--name', `Báo ${f.replace(/\.\w+$/, '').toUpperCase()}`]);
    run(['monitor', 'poll', '--once']);
    const exported = path.join(work, 'export.json');
    fs.writeFileSync(exported, run(['monitor', 'export', '--json']));
    const report = execFileSync('python3', [path.join(evalDir, 'score_monitor.py'), itemsFile, exported]).toString();
    const measures = {};
    for (const line of report.split('\n')) {
      const m = /^(.+?)\s+([\d.]+)$/.exec(line.trim());
      if (m && !line.startsWith('items exported') && !line.startsWith('score')) measures[m[1].trim()] = Number(m[2]);
    }
    const score = Number(report.match(/score:\s*([\d.]+)/)?.[1] ?? 0);
    return { report, score, measures };
  } finally {
    server.kill();
  }
}
