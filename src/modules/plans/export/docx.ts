// The plan as a DOCX laid out to Decree 30/2020/NĐ-CP (Appendix I, form 1.4: a plan).
//
// A4 portrait, Times New Roman; a borderless two-column header table (issuing
// body | national title and motto, then number | place and date); KẾ HOẠCH and
// the title; the body; the recipients on the left with the signature beside
// them in a frame on the right; the task appendix in a landscape section.
// Page numbers sit in the header from page 2. Sizes and margins are the
// constants below; docs/PLAN-EXPORT.md lists the rules.
import {
  AlignmentType,
  BorderStyle,
  Document,
  FrameAnchorType,
  FrameWrap,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IParagraphOptions,
  type ITableBordersOptions,
} from 'docx';
import { composePlan, type AppendixRow, type ComposedPlan } from './compose';
import type { PlanDocument } from './types';

/** Twips per millimetre (1 inch = 1440 twips = 25.4 mm). */
const MM = 1440 / 25.4;
export const PAGE = {
  width: 11906, // A4, 210 mm
  height: 16838, // 297 mm
  margin: { top: Math.ceil(20 * MM), bottom: Math.ceil(20 * MM), left: Math.ceil(30 * MM), right: Math.ceil(15 * MM) },
  headerDistance: Math.round(10 * MM),
};
/** Landscape appendix: the binding edge (left of a portrait page) is the top. */
const LANDSCAPE_MARGIN = { top: Math.ceil(30 * MM), bottom: Math.ceil(15 * MM), left: Math.ceil(20 * MM), right: Math.ceil(20 * MM) };
const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right; // 9354 (165 mm)
const LANDSCAPE_TEXT_WIDTH = PAGE.height - LANDSCAPE_MARGIN.left - LANDSCAPE_MARGIN.right;
/** Header columns: issuing body (6.7 cm) | national title (9.8 cm: the 13 pt national title and the 14 pt motto each on one line). */
const HEADER_COLUMNS = [TEXT_WIDTH - 5560, 5560];
/** Signature frame: the right part of the text width. */
const SIGNATURE_WIDTH = 4960;

export const FONT = 'Times New Roman';
/** Half-points. */
const SIZE = { body: 28, header: 26, motto: 28, number: 26, dateLine: 28, title: 28, recipientsLabel: 24, recipients: 22, table: 24, pageNumber: 26 };
/** En dashes in the rule under the title (about 1/3 of the title line). */
const TITLE_RULE_DASHES = 12;
const FIRST_LINE_INDENT = 720; // 1.27 cm
const PARA_SPACING = { before: 120, after: 0, line: 276, lineRule: LineRuleType.AUTO }; // 6 pt, 1.15 lines

type RunStyle = { bold?: boolean; italics?: boolean; size?: number };
const run = (text: string, s: RunStyle = {}) => new TextRun({ text, bold: s.bold, italics: s.italics, size: s.size });

function centred(text: string, s: RunStyle, extra: Partial<IParagraphOptions> = {}): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0 }, ...extra, children: [run(text, s)] });
}

/** A short horizontal rule: an empty paragraph with a bottom border, narrowed by equal indents. */
function rule(columnWidth: number, length: number): Paragraph {
  const indent = Math.max(0, Math.round((columnWidth - length) / 2));
  return new Paragraph({
    indent: { left: indent, right: indent },
    spacing: { before: 0, after: 0, line: 60, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [run('', { size: 2 })],
  });
}

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS: ITableBordersOptions = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const THIN_BORDERS: ITableBordersOptions = { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN };

function plainCell(width: number, children: Paragraph[]): TableCell {
  return new TableCell({ width: { size: width, type: WidthType.DXA }, borders: { top: NONE, bottom: NONE, left: NONE, right: NONE }, margins: { left: 0, right: 0, top: 0, bottom: 0 }, children });
}

/** Rough advance widths (em) of bold capitals in Times New Roman; slightly generous on purpose. */
function capsWidthEm(s: string): number {
  let w = 0;
  for (const ch of s.normalize('NFD').replace(/\p{M}/gu, '')) {
    if (ch === ' ') w += 0.25;
    else if (ch === 'I') w += 0.39;
    else if (ch === 'J' || ch === '-' || ch === '.' || ch === ',') w += 0.5;
    else if (ch === 'M' || ch === 'W' || ch === '&') w += 0.95;
    else w += 0.72;
  }
  return w;
}

const PLACE_START = /^(TỈNH|HUYỆN|XÃ|PHƯỜNG|QUẬN|THỊ|THÀNH|TP\.)$/u;

/**
 * Lines of the issuing body in its column. A name too long for one line is
 * broken before its place (`PHÒNG GIÁO DỤC VÀ ĐÀO TẠO` / `HUYỆN TÂN HÒA`) rather
 * than wherever the line fills: that reads better and lets a reader of the
 * PDF's text put the name back together. 13 pt when that fits, else 12 pt.
 */
export function issuerLines(name: string, columnTwips: number): { lines: string[]; size: number } {
  const words = name.split(/\s+/).filter(Boolean);
  const fits = (text: string, pt: number) => capsWidthEm(text) * pt * 20 <= columnTwips;
  for (const pt of [13, 12]) {
    if (fits(name, pt)) return { lines: [name], size: pt * 2 };
    const at = words.findLastIndex((w, i) => i > 0 && PLACE_START.test(w) && (w !== 'THỊ' || /^(XÃ|TRẤN)$/u.test(words[i + 1] ?? '')) && (w !== 'THÀNH' || words[i + 1] === 'PHỐ'));
    if (at > 0 && fits(words.slice(0, at).join(' '), pt) && fits(words.slice(at).join(' '), pt)) return { lines: [words.slice(0, at).join(' '), words.slice(at).join(' ')], size: pt * 2 };
  }
  return { lines: [name], size: 24 };
}

/** The issuing body (bold) or the parent body above it (regular), laid out by issuerLines. */
function bodyNameParagraph(name: string, columnTwips: number, bold: boolean): Paragraph {
  const { lines, size } = issuerLines(name, columnTwips);
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after: 0 },
    children: lines.map((l, i) => new TextRun({ text: l, bold, size, break: i > 0 ? 1 : undefined })),
  });
}

/**
 * The header table. Three rows keep the parent body and the issuing body on
 * separate lines for readers that flatten cells (the import reads each row as
 * a line): parent | national title; issuing body + rule | motto + rule;
 * number | place and date. With no parent body the issuing body faces the national title.
 */
function headerTable(h: ComposedPlan['header']): Table {
  const [lw, rw] = HEADER_COLUMNS as [number, number];
  const nationalTitle = centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: SIZE.header });
  const motto = centred('Độc lập - Tự do - Hạnh phúc', { bold: true, size: SIZE.motto });
  const issuer = h.issuer ? [bodyNameParagraph(h.issuer, lw, true), rule(lw, 1300)] : [];
  const mottoRule = rule(rw, 3500);
  const rows: TableRow[] = [];
  if (h.parent) {
    rows.push(new TableRow({ children: [plainCell(lw, [bodyNameParagraph(h.parent, lw, false)]), plainCell(rw, [nationalTitle])] }));
    rows.push(new TableRow({ children: [plainCell(lw, issuer.length ? issuer : [centred('', {})]), plainCell(rw, [motto, mottoRule])] }));
  } else {
    rows.push(new TableRow({ children: [plainCell(lw, issuer.length ? issuer : [centred('', {})]), plainCell(rw, [nationalTitle, motto, mottoRule])] }));
  }
  rows.push(
    new TableRow({
      children: [
        plainCell(lw, [centred(h.number, { size: SIZE.number }, { spacing: { before: 160, after: 0 } })]),
        plainCell(rw, [centred(h.dateLine, { italics: true, size: SIZE.dateLine }, { spacing: { before: 160, after: 0 } })]),
      ],
    }),
  );
  return new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: HEADER_COLUMNS, layout: TableLayoutType.FIXED, borders: NO_BORDERS, rows });
}

function bodyParagraph(text: string, s: RunStyle = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: FIRST_LINE_INDENT },
    spacing: PARA_SPACING,
    children: [run(text, { size: SIZE.body, ...s })],
  });
}

function heading(text: string, level: number): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: FIRST_LINE_INDENT },
    spacing: PARA_SPACING,
    keepNext: true,
    children: [run(text, { bold: true, italics: level >= 2, size: SIZE.body })],
  });
}

function gridCell(width: number, lines: string[], o: { bold?: boolean; centre?: boolean; span?: number } = {}): TableCell {
  const paras = (lines.length ? lines : ['']).map(
    (l) =>
      new Paragraph({
        alignment: o.centre ? AlignmentType.CENTER : AlignmentType.LEFT,
        spacing: { before: 40, after: 40 },
        children: [run(l, { bold: o.bold, size: SIZE.table })],
      }),
  );
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    columnSpan: o.span,
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 80, right: 80, top: 0, bottom: 0 },
    children: paras,
  });
}

/** Units listed one per line; `;` between them keeps them apart when a reader joins the lines. */
const unitLines = (units: string[]) => units.map((u, i) => (i < units.length - 1 ? `${u};` : u));

const APPENDIX_HEADINGS = ['STT', 'Nội dung/chủ đề', 'Hình thức/sản phẩm', 'Đơn vị chủ trì', 'Thời gian (Quý)', 'Đơn vị phối hợp'];
const APPENDIX_SHARES = [0.05, 0.29, 0.2, 0.17, 0.1, 0.19];

function appendixTable(rows: AppendixRow[]): Table {
  const widths = APPENDIX_SHARES.map((s) => Math.floor(LANDSCAPE_TEXT_WIDTH * s));
  widths[1]! += LANDSCAPE_TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  const header = new TableRow({ tableHeader: true, cantSplit: true, children: APPENDIX_HEADINGS.map((h, i) => gridCell(widths[i]!, [h], { bold: true, centre: true })) });
  const body = rows.map((r) =>
    r.kind === 'group'
      ? new TableRow({
          cantSplit: true,
          // Six cells, not one merged cell: readers that flatten a table (the import) keep the row's shape.
          children: widths.map((w, i) => gridCell(w, i === 0 ? [r.stt] : i === 1 ? [r.label] : [], { bold: true, centre: i === 0 })),
        })
      : new TableRow({
          cantSplit: true,
          children: [
            gridCell(widths[0]!, [r.stt], { centre: true }),
            gridCell(widths[1]!, [r.topic]),
            gridCell(widths[2]!, r.products),
            gridCell(widths[3]!, unitLines(r.lead)),
            gridCell(widths[4]!, [r.time], { centre: true }),
            gridCell(widths[5]!, unitLines(r.partners)),
          ],
        }),
  );
  return new Table({ width: { size: LANDSCAPE_TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED, borders: THIN_BORDERS, rows: [header, ...body] });
}

const pageNumberHeader = () =>
  new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: SIZE.pageNumber })] })] });

/** The closing: the signature in a frame on the right, the recipients flowing beside it on the left. */
function closingBlock(c: ComposedPlan): Paragraph[] {
  const out: Paragraph[] = [];
  if (c.signer) {
    const frame = {
      type: 'absolute' as const,
      position: { x: TEXT_WIDTH - SIGNATURE_WIDTH, y: 0 },
      width: SIGNATURE_WIDTH,
      anchor: { horizontal: FrameAnchorType.MARGIN, vertical: FrameAnchorType.TEXT },
      wrap: FrameWrap.AROUND,
      space: { horizontal: 0, vertical: 0 },
    };
    const line = (text: string, s: RunStyle, before = 0) => new Paragraph({ frame, alignment: AlignmentType.CENTER, spacing: { before, after: 0 }, children: [run(text, s)] });
    c.signer.lines.forEach((l, i) => out.push(line(l, { bold: true, size: SIZE.body }, i === 0 ? 240 : 0)));
    // Room for the signature and the seal.
    for (let i = 0; i < 4; i++) out.push(line('', { size: SIZE.body }));
    if (c.signer.name) out.push(line(c.signer.name, { bold: true, size: SIZE.body }, 240));
  }
  out.push(new Paragraph({ spacing: { before: 240, after: 0 }, children: [run('Nơi nhận:', { bold: true, italics: true, size: SIZE.recipientsLabel })] }));
  for (const r of c.recipients) out.push(new Paragraph({ spacing: { before: 0, after: 0 }, children: [run(r, { size: SIZE.recipients })] }));
  return out;
}

/** Renders the plan as a DOCX (Decree 30 layout). Pure: no file system, no network. */
export async function renderPlanDocx(doc: PlanDocument): Promise<Buffer> {
  const c = composePlan(doc);
  const main: (Paragraph | Table)[] = [headerTable(c.header)];
  main.push(centred(c.heading, { bold: true, size: SIZE.title }, { spacing: { before: 360, after: 0 } }));
  main.push(centred(c.title, { bold: true, size: SIZE.title }, { keepNext: true }));
  // The rule under the title is a run of en dashes drawn together (condensed spacing):
  // it prints as a line and, unlike a border, survives into a PDF's text layer, where
  // it ends the title's paragraph for a reader (the import skips such rule lines).
  main.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 60, line: 320, lineRule: LineRuleType.EXACT },
      children: [new TextRun({ text: '–'.repeat(TITLE_RULE_DASHES), bold: true, size: SIZE.title, characterSpacing: -50 })],
    }),
  );
  for (const p of c.opening) main.push(bodyParagraph(p));
  for (const b of c.body) {
    if (b.kind === 'heading') main.push(heading(b.text, b.level));
    else main.push(bodyParagraph(b.text));
  }
  if (c.closing) main.push(bodyParagraph(c.closing));
  main.push(...closingBlock(c));

  const sections: ConstructorParameters<typeof Document>[0]['sections'][number][] = [
    {
      properties: {
        titlePage: true,
        page: { size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT }, margin: { ...PAGE.margin, header: PAGE.headerDistance, footer: PAGE.headerDistance } },
      },
      headers: { default: pageNumberHeader(), first: new Header({ children: [new Paragraph({ children: [] })] }) },
      children: main,
    },
  ];
  if (c.appendix) {
    const a = c.appendix;
    sections.push({
      properties: {
        page: { size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.LANDSCAPE }, margin: { ...LANDSCAPE_MARGIN, header: PAGE.headerDistance, footer: PAGE.headerDistance } },
      },
      headers: { default: pageNumberHeader() },
      children: [
        centred(a.heading, { bold: true, size: SIZE.title }),
        centred(a.title, { bold: true, size: SIZE.title }),
        centred(a.reference, { italics: true, size: SIZE.body }, { spacing: { before: 0, after: 240 } }),
        appendixTable(a.rows),
      ],
    });
  }

  const document = new Document({
    creator: 'Loa',
    title: `${doc.kind === 'report' ? 'Báo cáo' : 'Kế hoạch'} ${c.title}`,
    description: doc.number ? `${doc.kind === 'report' ? 'Báo cáo' : 'Kế hoạch'} số ${doc.number}` : doc.kind === 'report' ? 'Báo cáo' : 'Kế hoạch',
    styles: {
      default: {
        document: {
          run: { font: { ascii: FONT, hAnsi: FONT, cs: FONT, eastAsia: FONT }, size: SIZE.body, language: { value: 'vi-VN' } },
          paragraph: { spacing: { before: 0, after: 0 } },
        },
      },
    },
    sections,
  });
  return Packer.toBuffer(document);
}
