import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from './support/db';
import { makeClient } from './support/http';

/** The `loa` binary as a user runs it: stdout carries only the result, exit codes tell refusal. */
const state = useTestDatabase();
const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../bin/loa');

async function loa(args: string[]) {
  try {
    const r = await run(bin, args, { env: { ...process.env, DATABASE_URL: state.url, LOA_LOG_LEVEL: 'warn' } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

function file(name: string, text: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loa-cli-'));
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}

describe('loa CLI', () => {
  it('refuses a file with a bad row, writes nothing, then imports the fixed file and lists it as JSON', async () => {
    const bad = file(
      'don-vi.csv',
      [
        'code,name,type,parent,aliases',
        'CLI-SO,Sở Giáo dục và Đào tạo tỉnh Thử,sở,,Sở GDĐT Thử',
        'CLI-XA,Xã Đông Hòa,xã,CLI-SO,',
        'CLI-TH,Trường Tiểu học Đông Hòa,trường,CLI-KHONG,TH Đông Hòa;Tiểu học Đông Hoà',
      ].join('\n'),
    );
    const refused = await loa(['units', 'import', bad, '--json']);
    expect(refused.code).toBe(1);
    const body = JSON.parse(refused.stdout);
    expect(body.ok).toBe(false);
    expect(body.errors).toMatchObject([{ row: 4, field: 'parent', code: 'unknown_parent' }]);
    expect(refused.stderr).toContain('Dòng 4');
    expect(JSON.parse((await loa(['units', 'list', '--json'])).stdout)).toEqual([]);

    const good = file('don-vi.csv', fs.readFileSync(bad, 'utf8').replace('CLI-KHONG', 'CLI-XA'));
    const ok = await loa(['units', 'import', good, '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, created: 3, updated: 0 });
    const list = JSON.parse((await loa(['units', 'list', '--json'])).stdout);
    expect(list).toEqual([
      { code: 'CLI-SO', name: 'Sở Giáo dục và Đào tạo tỉnh Thử', type: 'department', parent: null, aliases: ['Sở GDĐT Thử'] },
      { code: 'CLI-XA', name: 'Xã Đông Hòa', type: 'commune', parent: 'CLI-SO', aliases: [] },
      {
        code: 'CLI-TH',
        name: 'Trường Tiểu học Đông Hòa',
        type: 'school',
        parent: 'CLI-XA',
        aliases: ['TH Đông Hòa', 'Tiểu học Đông Hoà'],
      },
    ]);
  }, 60_000);

  it('creates an administrator who can then sign in', async () => {
    const r = await loa(['users', 'create-admin', '--email', 'Quan.Tri@thu.loa.vn', '--name', 'Quản Trị Viên', '--password', 'Mat-khau-2025-an-toan']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ email: 'quan.tri@thu.loa.vn' });
    const c = makeClient();
    expect((await c.login('quan.tri@thu.loa.vn', 'Mat-khau-2025-an-toan')).status).toBe(200);
    expect((await c.get('/api/audit')).status).toBe(200);
  }, 60_000);

  it('exits non-zero with usage on a bad command', async () => {
    const r = await loa(['units', 'frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });
});
