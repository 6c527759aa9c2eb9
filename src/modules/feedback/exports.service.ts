import { PassThrough } from 'node:stream';
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import ExcelJS from 'exceljs';
import { type Queryable } from '../../platform/db';
import { getVnDateParts } from '../../text';
import { type Channel, type Stance, type Visibility, channelLabel, stanceLabel, statusLabel } from './common';
import { getConsultation } from './consultations.service';

/**
 * Exports of a consultation's comments: XLSX (streamed, for 100,000 rows) and DOCX
 * (a report for the leadership). Both say, for every comment, whether it was hidden
 * and why, so the record is complete.
 */
export type ExportRow = {
  id: number; paragraph: string; stance: Stance | null; body: string; channel: Channel; createdAt: Date; visibility: Visibility; hiddenReason: string | null; reportCount: number;
};

function vnTime(d: Date): string {
  const p = getVnDateParts(d);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(p.day)}/${pad(p.month)}/${p.year} ${pad(p.hour)}:${pad(p.minute)}`;
}
const visibilityLabel: Record<Visibility, string> = { public: 'Hiển thị', hidden: 'Đã ẩn', private: 'Không công khai' };

/** The comments in id order, a page at a time (keyset), so memory stays flat. */
export async function* exportRows(q: Queryable, consultationId: number, pageSize = 5000): AsyncGenerator<ExportRow[]> {
  let after = 0;
  for (;;) {
    const r = await q.query(
      `select f.id, coalesce(p.label, case when p.position is not null then 'Đoạn ' || p.position end, 'Toàn văn') as paragraph, f.stance, f.body, f.channel,
              f.created_at as "createdAt", f.visibility, f.hidden_reason as "hiddenReason", f.report_count as "reportCount"
         from feedback_items f left join consultation_paragraphs p on p.id = f.paragraph_id
        where f.consultation_id = $1 and f.id > $2 order by f.id limit $3`,
      [consultationId, after, pageSize],
    );
    if (!r.rowCount) return;
    yield r.rows.map((x) => ({ ...x, id: Number(x.id) }) as ExportRow);
    after = Number(r.rows[r.rows.length - 1].id);
    if (r.rows.length < pageSize) return;
  }
}

/** XLSX of a consultation's comments (streaming writer, shared strings off). */
export async function exportConsultationXlsx(q: Queryable, consultationId: number): Promise<Buffer> {
  const c = await getConsultation(q, consultationId);
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<void>((resolve, reject) => { out.on('end', resolve); out.on('error', reject); });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Loa';
  const info = wb.addWorksheet('Thông tin');
  info.columns = [{ header: 'Mục', key: 'k', width: 28 }, { header: 'Nội dung', key: 'v', width: 90 }];
  for (const [k, v] of [
    ['Dự thảo', c.title], ['Đơn vị', c.unitName], ['Trạng thái', statusLabel[c.status]], ['Mở lấy ý kiến', vnTime(new Date(c.opensAt))], ['Đóng', vnTime(new Date(c.closesAt))],
    ['Hạn trả lời', vnTime(new Date(c.responseDueAt))], ['Số góp ý', String(c.counts.total)], ['Đã ẩn', String(c.counts.hidden)],
  ]) info.addRow({ k, v }).commit();
  info.commit();
  const ws = wb.addWorksheet('Góp ý');
  ws.columns = [
    { header: 'Mã', key: 'id', width: 10 }, { header: 'Điều/đoạn', key: 'paragraph', width: 14 }, { header: 'Lập trường', key: 'stance', width: 18 },
    { header: 'Nội dung', key: 'body', width: 80 }, { header: 'Kênh', key: 'channel', width: 16 }, { header: 'Thời gian', key: 'at', width: 18 },
    { header: 'Trạng thái', key: 'status', width: 14 }, { header: 'Lý do ẩn', key: 'reason', width: 40 }, { header: 'Số báo cáo vi phạm', key: 'reports', width: 10 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  for await (const page of exportRows(q, consultationId)) {
    for (const r of page) {
      ws.addRow({
        id: r.id, paragraph: r.paragraph, stance: r.stance ? stanceLabel[r.stance] : '', body: r.body, channel: channelLabel[r.channel], at: vnTime(new Date(r.createdAt)),
        status: visibilityLabel[r.visibility], reason: r.hiddenReason ?? '', reports: r.reportCount,
      }).commit();
    }
  }
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

const txt = (text: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}) => new TextRun({ text, bold: o.bold, italics: o.italics, size: o.size ?? 24 });
const para = (text: string, o: { bold?: boolean; italics?: boolean } = {}) => new Paragraph({ spacing: { before: 80, after: 0 }, children: [txt(text, o)] });
const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [txt(text, { bold, size: 22 })] })] });

/** DOCX report: the draft's paragraphs with the comments on each, stance counts, and what was hidden and why. */
export async function exportConsultationDocx(q: Queryable, consultationId: number, maxComments = 5000): Promise<Buffer> {
  const c = await getConsultation(q, consultationId);
  const counts = await q.query(
    `select paragraph_id as "paragraphId", stance, visibility, count(*)::int as n from feedback_items where consultation_id = $1 group by 1, 2, 3`,
    [consultationId],
  );
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [txt(c.unitName.toUpperCase(), { bold: true })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240 }, heading: HeadingLevel.TITLE, children: [txt('TỔNG HỢP Ý KIẾN GÓP Ý', { bold: true, size: 28 })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [txt(c.title, { bold: true, size: 26 })] }),
    para(`Thời gian lấy ý kiến: ${vnTime(new Date(c.opensAt))} – ${vnTime(new Date(c.closesAt))}. Tổng số góp ý: ${c.counts.total}, trong đó đã ẩn ${c.counts.hidden}.`, { italics: true }),
  ];
  const stanceTotal = (pid: number | null, s: Stance) => counts.rows.filter((x) => x.paragraphId === pid && x.stance === s).reduce((a, x) => a + x.n, 0);
  children.push(new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ children: [cell('Điều/đoạn', true), cell('Đồng ý', true), cell('Đồng ý một phần', true), cell('Không đồng ý', true)] }),
      new TableRow({ children: [cell('Toàn văn'), cell(String(stanceTotal(null, 'agree'))), cell(String(stanceTotal(null, 'partly'))), cell(String(stanceTotal(null, 'disagree')))] }),
      ...c.paragraphs.map((p) => new TableRow({ children: [cell(p.label ?? `Đoạn ${p.position}`), cell(String(stanceTotal(p.id, 'agree'))), cell(String(stanceTotal(p.id, 'partly'))), cell(String(stanceTotal(p.id, 'disagree')))] })),
    ],
  }));
  const byPara = new Map<string, ExportRow[]>();
  let n = 0;
  for await (const page of exportRows(q, consultationId)) {
    for (const r of page) {
      if (n++ >= maxComments) break;
      (byPara.get(r.paragraph) ?? byPara.set(r.paragraph, []).get(r.paragraph)!).push(r);
    }
    if (n >= maxComments) break;
  }
  for (const [label, rows] of byPara) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240 }, children: [txt(label, { bold: true, size: 26 })] }));
    for (const r of rows) {
      const head = `#${r.id} — ${r.stance ? stanceLabel[r.stance] : 'Không nêu lập trường'} — ${channelLabel[r.channel]} — ${vnTime(new Date(r.createdAt))}`;
      children.push(para(head, { bold: true }));
      if (r.visibility === 'hidden') children.push(para(`[Đã ẩn — lý do: ${r.hiddenReason ?? ''}]`, { italics: true }));
      children.push(para(r.body));
    }
  }
  if (c.counts.total > maxComments) children.push(para(`(Chỉ in ${maxComments} góp ý đầu tiên; xem đủ trong tệp XLSX.)`, { italics: true }));
  if (c.responseText) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240 }, children: [txt('Tiếp thu, giải trình (đã công bố)', { bold: true, size: 26 })] }));
    for (const line of c.responseText.split(/\n+/)) children.push(para(line));
  }
  const doc = new Document({ creator: 'Loa', title: c.title, styles: { default: { document: { run: { font: 'Times New Roman' } } } }, sections: [{ children }] });
  return Buffer.from(await Packer.toBuffer(doc));
}
