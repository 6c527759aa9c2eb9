import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors';
import { kinds, outline, reimport, tmpDir } from './fixtures/roundtrip';
import { richPlan } from './fixtures/rich-plan';
import { sparsePlan } from './fixtures/sparse-plan';
import { convertDocxToPdf, isPdfAvailable, renderPlanDocx } from './index';
import { findSoffice } from './pdf';

afterAll(() => fs.rmSync(tmpDir, { recursive: true, force: true }));

const hasPoppler = spawnSync('sh', ['-c', 'command -v pdffonts && command -v pdftotext'], { stdio: 'ignore' }).status === 0;
const SKIP_NO_SOFFICE = 'LibreOffice (soffice) is not installed: PDF export not tested (apt-get install libreoffice-writer-nogui fonts-liberation2)';
const SKIP_NO_POPPLER = 'poppler-utils (pdffonts, pdftotext) is not installed: PDF fonts and text not checked';

describe('finding LibreOffice', () => {
  const saved = process.env.LOA_SOFFICE;
  afterEach(() => {
    if (saved === undefined) delete process.env.LOA_SOFFICE;
    else process.env.LOA_SOFFICE = saved;
  });

  it('honours LOA_SOFFICE and refuses with plan.pdf_unavailable (503) when missing', async () => {
    process.env.LOA_SOFFICE = path.join(tmpDir, 'no-such-soffice');
    expect(isPdfAvailable()).toBe(false);
    const e = await convertDocxToPdf(Buffer.from('x')).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('plan.pdf_unavailable');
    expect((e as AppError).status).toBe(503);
    expect((e as AppError).messageKey).toBe('plan.pdf_unavailable');
  });

  it('looks on the PATH for soffice, then libreoffice', () => {
    const dir = fs.mkdtempSync(path.join(tmpDir, 'bin-'));
    fs.writeFileSync(path.join(dir, 'libreoffice'), '#!/bin/sh\n', { mode: 0o755 });
    expect(findSoffice({ PATH: dir })).toBe(path.join(dir, 'libreoffice'));
    fs.writeFileSync(path.join(dir, 'soffice'), '#!/bin/sh\n', { mode: 0o755 });
    expect(findSoffice({ PATH: dir })).toBe(path.join(dir, 'soffice'));
    expect(findSoffice({ PATH: '/nonexistent', LOA_SOFFICE: path.join(dir, 'libreoffice') })).toBe(path.join(dir, 'libreoffice'));
  });

  it('reports a failing LibreOffice as plan.render_failed and cleans up', async () => {
    const dir = fs.mkdtempSync(path.join(tmpDir, 'bin-'));
    const fake = path.join(dir, 'soffice');
    fs.writeFileSync(fake, '#!/bin/sh\necho "boom" >&2\nexit 3\n', { mode: 0o755 });
    process.env.LOA_SOFFICE = fake;
    const before = fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('loa-pdf-'));
    const e = await convertDocxToPdf(Buffer.from('x')).catch((x: unknown) => x);
    expect((e as AppError).code).toBe('plan.render_failed');
    expect(String((e as AppError).params.reason)).toMatch(/boom/);
    const after = fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('loa-pdf-'));
    expect(after.filter((f) => !before.includes(f))).toEqual([]);
  });

  it('stops a conversion that runs past its time limit', async () => {
    const dir = fs.mkdtempSync(path.join(tmpDir, 'bin-'));
    const fake = path.join(dir, 'soffice');
    const marker = path.join(dir, 'still-running');
    // A helper process in the same group, like soffice.bin: it must be stopped too.
    fs.writeFileSync(fake, `#!/bin/sh\n(sleep 2; touch ${marker}) &\nsleep 30\n`, { mode: 0o755 });
    process.env.LOA_SOFFICE = fake;
    const savedTimeout = process.env.LOA_PDF_TIMEOUT_MS;
    process.env.LOA_PDF_TIMEOUT_MS = '300';
    try {
      const started = Date.now();
      const e = await convertDocxToPdf(Buffer.from('x')).catch((x: unknown) => x);
      expect((e as AppError).code).toBe('plan.render_failed');
      expect(Date.now() - started).toBeLessThan(5000);
      await new Promise((r) => setTimeout(r, 2500));
      expect(fs.existsSync(marker)).toBe(false);
    } finally {
      if (savedTimeout === undefined) delete process.env.LOA_PDF_TIMEOUT_MS;
      else process.env.LOA_PDF_TIMEOUT_MS = savedTimeout;
    }
  });
});

describe('convertDocxToPdf (LibreOffice)', () => {
  it('converts two plans queued together; fonts embedded; the text round-trips', async (ctx) => {
    if (!findSoffice()) ctx.skip(SKIP_NO_SOFFICE);
    const doc = richPlan();
    const before = fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('loa-pdf-'));
    // Both asked at once: the queue runs them one after the other, each with its own profile.
    const [rich, sparse] = await Promise.all([renderPlanDocx(doc).then(convertDocxToPdf), renderPlanDocx(sparsePlan()).then(convertDocxToPdf)]);
    const after = fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('loa-pdf-'));
    expect(after.filter((f) => !before.includes(f))).toEqual([]);
    for (const pdf of [rich, sparse]) expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    const file = path.join(tmpDir, 'rich-check.pdf');
    fs.writeFileSync(file, rich);
    if (hasPoppler) {
      const fonts = spawnSync('pdffonts', [file], { encoding: 'utf8' }).stdout.split('\n').slice(2).filter((l) => l.trim());
      expect(fonts.length).toBeGreaterThan(0);
      // Columns: name type encoding emb sub uni …: every font embedded.
      for (const line of fonts) expect(line).toMatch(/\s(yes)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/);
      const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
      expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(text).toMatch(/Độc lập - Tự do - Hạnh phúc/);
      const pages = spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout;
      expect(pages).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    } else {
      console.warn(SKIP_NO_POPPLER);
    }

    const back = await reimport(rich, 'rich.pdf');
    expect(back.title).toBe(doc.title);
    expect(back.number).toBe(doc.number);
    expect(back.issuer).toBe(doc.issuer); // wrapped over two lines in its column
    expect(back.place).toBe(doc.place);
    expect(back.date).toBe(doc.date);
    expect(back.period).toEqual(doc.period);
    expect(back.basis.map((b) => b.ref)).toEqual(doc.basis.map((b) => b.ref));
    expect(outline(back.sections)).toEqual(outline(doc.sections));
    expect(kinds(back.channels)).toEqual(kinds(doc.channels));
    expect(back.obligations.map((o) => `${o.who}|${o.recurrence}`).sort()).toEqual(doc.obligations.map((o) => `${o.who}|${o.recurrence}`).sort());
    expect(back.signer).toEqual(doc.signer);
    expect(back.recipients).toEqual(doc.recipients);

    const backSparse = await reimport(sparse, 'sparse.pdf');
    expect(backSparse.title).toBe(sparsePlan().title);
    expect(backSparse.issuer).toBe(sparsePlan().issuer);
    expect(backSparse.signer).toEqual(sparsePlan().signer);
  }, 120_000);
});

