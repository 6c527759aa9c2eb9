import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { planRenderCommand } from './cli';
import { richPlan } from './fixtures/rich-plan';
import { tmpDir } from './fixtures/roundtrip';

afterAll(() => fs.rmSync(tmpDir, { recursive: true, force: true }));

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await planRenderCommand(args, { out: (s) => (stdout += `${s}\n`), err: (s) => (stderr += `${s}\n`) });
  return { code, stdout, stderr };
}

function writeJson(name: string, value: unknown): string {
  const file = path.join(tmpDir, name);
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

describe('loa plan render', () => {
  it('renders the import JSON shape to DOCX: exit 0, the path alone on stdout', async () => {
    // Exactly what `plan import --json` prints: no parentIssuer, budget, bodies or objectives.
    const { parentIssuer: _p, budget: _b, ...draft } = richPlan();
    const plan = writeJson('plan.json', { ...draft, sections: draft.sections.map(function strip(s): object { return { number: s.number, title: s.title, children: s.children.map(strip) }; }) });
    const out = path.join(tmpDir, 'out', 'plan.docx');
    const r = await run([plan, '--format', 'docx', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${out}\n`);
    expect(r.stderr).toMatch(/Đã xuất kế hoạch ra DOCX/);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses bad input with a Vietnamese message (exit 1)', async () => {
    const out = path.join(tmpDir, 'bad.docx');
    const cases: [string, RegExp][] = [
      [writeJson('broken.json', '{"title": "Kế hoạch'), /không phải JSON hợp lệ/],
      [writeJson('untitled.json', { sections: [] }), /Thiếu tên kế hoạch \(trường "title"\)/],
      [writeJson('empty-title.json', { title: '  ' }), /Tên kế hoạch \(title\) không được để trống/],
      [writeJson('bad-date.json', { title: 'Truyền thông năm 2026', date: '2026-02-30' }), /date: Ngày không có thật/],
      [writeJson('array.json', []), /phải là một đối tượng JSON/],
      [path.join(tmpDir, 'missing.json'), /Không tìm thấy tệp/],
    ];
    for (const [file, message] of cases) {
      const r = await run([file, '--out', out]);
      expect(r.code, file).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
    expect(fs.existsSync(out)).toBe(false);
  });

  it('answers usage errors with exit 2', async () => {
    const plan = writeJson('ok.json', { title: 'Truyền thông năm 2026' });
    for (const args of [[], [plan], [plan, '--format', 'odt', '--out', 'x.odt'], [plan, '--out'], [plan, '--bogus', '--out', 'x.docx']]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/Cách dùng: loa plan render/);
    }
  });

  it('is wired into bin/loa', () => {
    const plan = writeJson('bin.json', { title: 'Truyền thông năm 2026', issuer: 'SỞ GIÁO DỤC VÀ ĐÀO TẠO' });
    const out = path.join(tmpDir, 'bin.docx');
    const ok = spawnSync(process.execPath, [path.join(root, 'bin', 'loa'), 'plan', 'render', plan, '--out', out], { cwd: root, encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout.trim()).toBe(out);
    expect(fs.existsSync(out)).toBe(true);
  }, 60_000);
});
