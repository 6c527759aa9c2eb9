import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { importPlanFile } from './parse';
import { NO_OCR_MESSAGE } from './read';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'loa-plan-read-'));

/** A minimal one-page PDF; `lines` become a Helvetica text layer (ASCII), none means a "scan" with no text. */
function writePdf(file: string, lines: string[]): void {
  const content = lines.length ? `BT /F1 11 Tf 50 780 Td 14 TL ${lines.map((l) => `(${l.replace(/[()\\]/g, '\\$&')}) Tj T*`).join(' ')} ET` : '';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  fs.writeFileSync(file, pdf, 'latin1');
}

describe('importPlanFile', () => {
  it('reads a PDF text layer', async () => {
    const file = path.join(tmp, 'plan.pdf');
    writePdf(file, ['KE HOACH', 'Truyen thong giao duc nam 2025', '', 'I. MUC DICH, YEU CAU', '1. Muc dich', 'II. TO CHUC THUC HIEN']);
    const d = await importPlanFile(file);
    expect(d.title).toBe('Truyen thong giao duc nam 2025');
    expect(d.period).toEqual({ year: 2025 });
    expect(d.sections.map((s) => s.number)).toEqual(['I', 'II']);
  });

  it('refuses a scanned PDF in Vietnamese when tesseract is missing', async () => {
    const file = path.join(tmp, 'scan.pdf');
    writePdf(file, []);
    const hasTesseract = spawnSync('which', ['tesseract'], { stdio: 'ignore' }).status === 0;
    if (hasTesseract) return; // with OCR installed the path is exercised for real instead
    await expect(importPlanFile(file)).rejects.toThrow(NO_OCR_MESSAGE);
    expect(NO_OCR_MESSAGE).toMatch(/bản quét/);
  });

  it('reads a DOCX (built with jszip, a dependency of mammoth) with a table', async (ctx) => {
    let JSZip: typeof import('jszip');
    try {
      JSZip = (await import('jszip')).default as unknown as typeof import('jszip');
    } catch {
      ctx.skip(); // jszip comes with mammoth/exceljs; without it no DOCX can be built here
      return;
    }
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const p = (t: string, bold = false) => `<w:p><w:r>${bold ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t xml:space="preserve">${t}</w:t></w:r></w:p>`;
    const row = (cells: string[]) => `<w:tr>${cells.map((c) => `<w:tc>${p(c)}</w:tc>`).join('')}</w:tr>`;
    const body = [
      p('KẾ HOẠCH', true),
      p('Truyền thông giáo dục năm 2025', true),
      p('Căn cứ Kế hoạch số 52/KH-BGDĐT ngày 10/01/2025 của Bộ Giáo dục và Đào tạo về truyền thông giáo dục năm 2025.'),
      p('I. TỔ CHỨC THỰC HIỆN', true),
      p('1. Các trường', true),
      p('- Báo cáo kết quả truyền thông hằng quý về Phòng.'),
      `<w:tbl>${row(['TT', 'Nội dung', 'Đơn vị chủ trì', 'Thời gian'])}${row(['1', 'Tuyển sinh đầu cấp', 'Phòng GDĐT', 'Quý II, III'])}</w:tbl>`,
    ].join('');
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
    zip.file('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
    zip.file('word/document.xml', `<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`);
    const file = path.join(tmp, 'plan.docx');
    fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
    const d = await importPlanFile(file);
    expect(d.title).toBe('Truyền thông giáo dục năm 2025');
    expect(d.basis.map((b) => b.ref)).toEqual(['52/KH-BGDĐT']);
    expect(d.sections).toEqual([{ number: 'I', title: 'TỔ CHỨC THỰC HIỆN', children: [{ number: '1', title: 'Các trường', children: [] }] }]);
    expect(d.obligations).toMatchObject([{ who: 'Các trường', recurrence: 'quarterly' }]);
    expect(d.tasks).toMatchObject([{ topic: 'Tuyển sinh đầu cấp', lead: ['Phòng GDĐT'], quarters: [2, 3] }]);
  });
});
