import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../src/platform/embedded-pg';
import { useTestDatabase } from './support/db';
import { makePerson, makeTree, TEST_PASSWORD } from './support/factories';

/**
 * `loa serve --role web` and `--role worker` as separate processes on one
 * PostgreSQL: the web node only enqueues; the import is applied once a worker runs.
 */
const state = useTestDatabase();
const bin = path.resolve(import.meta.dirname, '../bin/loa');

function start(args: string[]): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: state.url, LOA_LOG_LEVEL: 'warn', LOA_DATA_DIR: `/tmp/loa-roles-${process.pid}` };
  return spawn(bin, ['serve', ...args], { env, stdio: 'ignore' });
}
async function stop(p: ChildProcess) {
  if (p.exitCode !== null) return;
  p.kill('SIGTERM');
  await new Promise((r) => p.once('exit', r));
}

describe('roles split across processes', () => {
  it('web enqueues, worker applies', async () => {
    const t = await makeTree();
    const admin = await makePerson({ unitId: t.dept.id, roles: ['administrator'] });
    const code = (await (await import('../src/platform/db')).db().query('select code from units where id = $1', [t.commune.id])).rows[0].code;
    const port = await freePort();
    const web = start(['--role', 'web', '--port', String(port)]);
    let worker: ChildProcess | undefined;
    try {
      const base = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 120; i++) {
        if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base },
        body: JSON.stringify({ email: admin.email, password: TEST_PASSWORD }),
      });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
      const { csrfToken } = await login.json();
      const headers = { cookie, 'x-csrf-token': csrfToken, origin: base };
      const form = new FormData();
      form.append('file', new File([`code,name,type,parent,aliases\nRS-1,Trường Tiểu học Tách Vai,trường,${code},\n`], 'x.csv'));
      const run = await (await fetch(`${base}/api/imports?unitId=${t.dept.id}&kind=units`, { method: 'POST', headers, body: form })).json();
      expect(run.status).toBe('ready');
      const applied = await fetch(`${base}/api/imports/${run.id}/apply`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ isSkippingInvalid: false }),
      });
      expect(applied.status).toBe(202);
      const poll = async () => (await (await fetch(`${base}/api/imports/${run.id}`, { headers })).json()).status as string;
      await new Promise((r) => setTimeout(r, 3000));
      expect(await poll()).toBe('running'); // no worker yet: the job waits in PostgreSQL
      worker = start(['--role', 'worker']);
      let status = 'running';
      for (let i = 0; i < 120 && status === 'running'; i++) {
        await new Promise((r) => setTimeout(r, 250));
        status = await poll();
      }
      expect(status).toBe('done');
    } finally {
      await stop(web);
      if (worker) await stop(worker);
    }
  }, 90_000);
});
