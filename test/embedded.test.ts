import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { freePort } from '../src/platform/embedded-pg';

/**
 * The embedded PostgreSQL lifecycle, as a user meets it: a CLI command alone
 * starts and stops the cluster; a server owns it and the CLI joins it; the
 * cluster stops with the server. The data folder is private (0700), as mktemp makes.
 */
const bin = path.resolve(import.meta.dirname, '../bin/loa');
const run = promisify(execFile);

describe('embedded PostgreSQL under LOA_DATA_DIR', () => {
  it('serves the CLI with or without a running server, and stops with the server', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loa-embedded-'));
    const dataDir = path.join(dir, 'data');
    const env: NodeJS.ProcessEnv = { ...process.env, LOA_DATA_DIR: dataDir, LOA_LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    try {
      const alone = await run(bin, ['units', 'list', '--json'], { env });
      expect(JSON.parse(alone.stdout)).toEqual([]); // no demo data from commands other than serve/seed
      expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

      const port = await freePort();
      const server = spawn(bin, ['serve', '--port', String(port)], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      server.stderr.on('data', (d) => (stderr += d.toString()));
      try {
        let isUp = false;
        for (let i = 0; i < 120 && !isUp; i++) {
          await new Promise((r) => setTimeout(r, 250));
          isUp = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
        }
        expect(isUp, stderr).toBe(true);
        expect(stderr).toContain('admin@demo.loa.vn');
        const pgPort = Number(fs.readFileSync(path.join(dataDir, 'pg-port'), 'utf8'));
        expect(pgPort).not.toBe(5432);
        const joined = await run(bin, ['units', 'list', '--json'], { env });
        const codes = JSON.parse(joined.stdout).map((u: { code: string }) => u.code);
        expect(codes).toContain('DEMO-THCS-LELOI');
        expect(codes.every((c: string) => c.startsWith('DEMO-'))).toBe(true);
      } finally {
        server.kill('SIGTERM');
        await new Promise((r) => server.once('exit', r));
      }
      for (let i = 0; i < 40 && fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid')); i++) {
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
