import ExcelJS from 'exceljs';
import type { Queryable } from '../../platform/db';
import { slugify, toRoman } from '../../text';
import { type PlanDocument, type PlanDocumentSection, convertDocxToPdf, renderPlanDocx } from '../plans';
import { type Report, getReport } from './reports.service';

/**
 * A report as files: DOCX in the Decree 30 layout through the plan exporter
 * (`kind: 'report'`: BÁO CÁO, the opening and closing of a report, the signer
 * who approved it), PDF converted from that DOCX by LibreOffice (503
 * plan.pdf_unavailable without it), and XLSX with the summary and every table.
 */
export type ReportFormat = 'docx' | 'xlsx' | 'pdf';

const kindWord = (r: Report) => (r.kind === 'monthly_opinion' ? 'bao-cao-du-luan' : r.kind === 'semester' ? 'bao-cao-hoc-ky' : 'bao-cao-tong-ket');

/** The section's body: generated lines, then the person's text (paragraphs split by new lines). */
export function sectionBody(s: Report['sections'][number]): string {
  return [...s.lines, ...(s.text ?? '').split(/\r?\n/).map((x) => x.trim()).filter(Boolean)].join('\n');
}

export async function reportDocumentOf(q: Queryable, r: Report): Promise<PlanDocument> {
  const u = await q.query<{ abbr: string | null; parentName: string | null; type: string }>(
    'select u.doc_abbr as abbr, pu.name as "parentName", u.type from units u left join units pu on pu.id = u.parent_id where u.id = $1',
    [r.unitId],
  );
  const unit = u.rows[0];
  const sections: PlanDocumentSection[] = r.sections.map((s, i) => ({ number: toRoman(i + 1), title: s.title, body: sectionBody(s) || '(Chưa có nội dung.)', children: [] }));
  const approvedDay = r.approvedAt ? new Date(new Date(r.approvedAt).getTime() + 7 * 3600_000).toISOString().slice(0, 10) : null;
  return {
    kind: 'report',
    title: r.title,
    number: unit?.abbr ? `   /BC-${unit.abbr}` : '   /BC',
    issuer: r.unitName,
    parentIssuer: unit?.parentName ?? null,
    place: null,
    date: approvedDay,
    period: { year: Number(r.periodEnd.slice(0, 4)) },
    basis: [],
    sections,
    channels: [],
    obligations: [],
    tasks: [],
    signer: r.signer ? { authority: null, title: r.signer.title, deputyTitle: null, name: r.signer.name } : { authority: null, title: 'THỦ TRƯỞNG ĐƠN VỊ', deputyTitle: null, name: null },
    recipients: [...(unit?.parentName ? [`${unit.parentName} (để báo cáo)`] : []), 'Lưu: VT.'],
  };
}

export async function reportXlsx(r: Report): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Loa';
  wb.title = `Báo cáo ${r.title}`;
  const sum = wb.addWorksheet('Tổng hợp');
  sum.columns = [{ width: 34 }, { width: 110 }];
  sum.addRow(['Báo cáo', r.title]).font = { bold: true };
  sum.addRow(['Đơn vị', r.unitName]);
  sum.addRow(['Kỳ báo cáo', r.periodLabel]);
  sum.addRow(['Trạng thái', { generating: 'Đang tổng hợp', draft: 'Dự thảo', approved: 'Đã ký duyệt', submitted: 'Đã gửi' }[r.status]]);
  if (r.dueAt) sum.addRow(['Hạn gửi', new Date(r.dueAt)]);
  if (r.submittedAt) sum.addRow(['Ngày gửi', new Date(r.submittedAt)]);
  sum.addRow([]);
  for (const [i, s] of r.sections.entries()) {
    sum.addRow([`${toRoman(i + 1)}. ${s.title}`]).font = { bold: true };
    for (const line of sectionBody(s).split('\n').filter(Boolean)) sum.addRow(['', line]).getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }
  const used = new Set<string>(['Tổng hợp']);
  for (const s of r.sections) {
    for (const t of s.tables) {
      const clean = t.title.replace(/[*?:\\/[\]]/g, ' ');
      let name = clean.slice(0, 31);
      for (let k = 2; used.has(name); k++) name = `${clean.slice(0, 27)} ${k}`;
      used.add(name);
      const ws = wb.addWorksheet(name);
      const header = ws.addRow(t.columns);
      header.font = { bold: true };
      header.alignment = { wrapText: true, vertical: 'middle' };
      for (const row of t.rows) ws.addRow(row);
      ws.columns.forEach((c, ci) => {
        c.width = Math.min(60, Math.max(10, ...t.rows.slice(0, 200).map((row) => String(row[ci] ?? '').length + 2), t.columns[ci]!.length + 2));
      });
      ws.views = [{ state: 'frozen', ySplit: 1 }];
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function exportReportFile(q: Queryable, id: number, format: ReportFormat) {
  const r = await getReport(q, id);
  const base = `${kindWord(r)}-${slugify(r.periodKey.replace('/', '-hk'))}-${r.id}`;
  if (format === 'xlsx') {
    return { data: await reportXlsx(r), fileName: `${base}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
  }
  const docx = await renderPlanDocx(await reportDocumentOf(q, r));
  if (format === 'docx') return { data: docx, fileName: `${base}.docx`, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };
  return { data: await convertDocxToPdf(docx), fileName: `${base}.pdf`, contentType: 'application/pdf' };
}
