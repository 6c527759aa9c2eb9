import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType } from 'docx';
import { type Queryable } from '../../platform/db';
import { getVnDateParts } from '../../text';
import { type FastReportFields } from './incidents.rules';
import { reportRef, severityName } from './incidents.service';

/**
 * A fast report (báo cáo nhanh) as a DOCX laid out like an administrative
 * document of Decree 30/2020/NĐ-CP: A4, Times New Roman 14 pt, margins
 * 20/20/30/15 mm; a two-column header (parent body / issuing body in bold |
 * national title and motto), number and place-date line, BÁO CÁO NHANH with
 * its subject, "Kính gửi", the seven headings of the form, recipients and
 * the signer's block.
 */
const MM = 1440 / 25.4;
const PAGE = { width: 11906, height: 16838, margin: { top: Math.ceil(20 * MM), bottom: Math.ceil(20 * MM), left: Math.ceil(30 * MM), right: Math.ceil(15 * MM) } };
const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;
const COLS = [TEXT_WIDTH - 5560, 5560];
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

const headings: [keyof FastReportFields, string][] = [
  ['what', 'Sự việc xảy ra'],
  ['when', 'Thời gian'],
  ['where', 'Địa điểm'],
  ['affected', 'Đối tượng bị ảnh hưởng'],
  ['actions', 'Những việc đã làm'],
  ['nextSteps', 'Bước tiếp theo'],
  ['proposals', 'Đề xuất, kiến nghị'],
];

const c = (text: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0 }, children: [new TextRun({ text, bold: o.bold, italics: o.italics, size: o.size ?? 26 })] });
const cell = (w: number, children: Paragraph[]) => new TableCell({ width: { size: w, type: WidthType.DXA }, borders: NO_BORDERS, children });
const body = (text: string, o: { bold?: boolean; italics?: boolean; indent?: boolean } = {}) =>
  new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: o.indent === false ? undefined : { firstLine: 720 }, spacing: { before: 120, after: 0 }, children: [new TextRun({ text, bold: o.bold, italics: o.italics, size: 28 })] });

export type FastReportDoc = {
  seq: number;
  unitName: string;
  parentName: string | null;
  abbr: string | null;
  recipients: string[];
  incidentTitle: string;
  severity: number;
  date: Date;
  fields: FastReportFields;
};

export async function renderFastReport(d: FastReportDoc): Promise<Buffer> {
  const p = getVnDateParts(d.date);
  const header = new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: COLS,
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({ children: [cell(COLS[0], [c((d.parentName ?? '').toUpperCase())]), cell(COLS[1], [c('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true })])] }),
      new TableRow({ children: [cell(COLS[0], [c(d.unitName.toUpperCase(), { bold: true }), c('________', { size: 20 })]), cell(COLS[1], [c('Độc lập - Tự do - Hạnh phúc', { bold: true, size: 28 }), c('________________', { size: 20 })])] }),
      new TableRow({
        children: [
          cell(COLS[0], [c(`Số:      /BC-${d.abbr ?? ''}`.replace(/-$/, ''))]),
          cell(COLS[1], [c(`ngày ${String(p.day).padStart(2, '0')} tháng ${String(p.month).padStart(2, '0')} năm ${p.year}`, { italics: true, size: 28 })]),
        ],
      }),
    ],
  });
  const children: (Paragraph | Table)[] = [
    header,
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 360, after: 0 }, children: [new TextRun({ text: 'BÁO CÁO NHANH', bold: true, size: 28 })] }),
    c(`Về ${d.incidentTitle} (lần ${d.seq})`, { bold: true, size: 28 }),
    c('__________', { size: 20 }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240, after: 120 }, children: [new TextRun({ text: `Kính gửi: ${d.recipients.join('; ')}.`, size: 28 })] }),
    body(`${d.unitName} báo cáo nhanh sự việc (mức độ: ${severityName(d.severity)}) như sau:`),
  ];
  headings.forEach(([k, label], i) => {
    children.push(body(`${i + 1}. ${label}`, { bold: true }));
    for (const line of (d.fields[k] ?? '').split(/\n+/).map((x) => x.trim()).filter(Boolean)) children.push(body(line));
    if (!(d.fields[k] ?? '').trim()) children.push(body('(Chưa có thông tin.)', { italics: true }));
  });
  children.push(body(`${d.unitName} sẽ tiếp tục báo cáo khi có diễn biến mới./.`));
  children.push(
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: [TEXT_WIDTH - 4960, 4960],
      layout: TableLayoutType.FIXED,
      borders: NO_BORDERS,
      rows: [
        new TableRow({
          children: [
            cell(TEXT_WIDTH - 4960, [
              new Paragraph({ spacing: { before: 240 }, children: [new TextRun({ text: 'Nơi nhận:', bold: true, italics: true, size: 24 })] }),
              ...[...d.recipients.map((r) => `- ${r};`), '- Lưu: VT.'].map((r) => new Paragraph({ children: [new TextRun({ text: r, size: 22 })] })),
            ]),
            cell(4960, [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240 }, children: [new TextRun({ text: 'THỦ TRƯỞNG ĐƠN VỊ', bold: true, size: 28 })] })]),
          ],
        }),
      ],
    }),
  );
  const doc = new Document({
    creator: 'Loa',
    title: `Báo cáo nhanh: ${d.incidentTitle}`,
    styles: { default: { document: { run: { font: 'Times New Roman', size: 28 } } } },
    sections: [{ properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: PAGE.margin } }, children }],
  });
  return Packer.toBuffer(doc);
}

/** The DOCX of a stored fast report (a draft or a sent one). */
export async function fastReportDocx(q: Queryable, reportId: number, at: Date): Promise<{ fileName: string; data: Buffer }> {
  const r = await reportRef(q, reportId);
  const i = (await q.query(
    `select i.title, i.severity, u.name as "unitName", u.doc_abbr as abbr, p.name as "parentName"
       from incidents i join units u on u.id = i.unit_id left join units p on p.id = u.parent_id where i.id = $1`,
    [r.incidentId],
  )).rows[0];
  let recipients = (await q.query<{ name: string }>(
    `select u.name from incident_report_recipients rr join units u on u.id = rr.unit_id where rr.report_id = $1 order by u.path`,
    [reportId],
  )).rows.map((x) => x.name);
  if (!recipients.length && i.parentName) recipients = [i.parentName];
  const data = await renderFastReport({
    seq: r.seq, unitName: i.unitName, parentName: i.parentName, abbr: i.abbr, recipients, incidentTitle: i.title, severity: Number(i.severity),
    date: r.sentAt ? new Date(r.sentAt) : at, fields: r.fields,
  });
  return { fileName: `bao-cao-nhanh-${r.incidentId}-${r.seq}.docx`, data };
}
