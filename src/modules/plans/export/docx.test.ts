import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanDraft } from '../import';
import { bodyParagraphs, paragraphs, rows, sections, tables, unzipDocx, xmlAttr, type DocxXml, type XmlPara } from './docx-xml';
import { duties, kinds, outline, reimport, taskRows, tmpDir } from './fixtures/roundtrip';
import { richPlan } from './fixtures/rich-plan';
import { sparsePlan } from './fixtures/sparse-plan';
import { renderPlanDocx } from './index';

afterAll(() => fs.rmSync(tmpDir, { recursive: true, force: true }));

const mm = (twips: number) => (twips * 25.4) / 1440;
const find = (ps: XmlPara[], text: string | RegExp) => {
  const p = ps.find((x) => (typeof text === 'string' ? x.text === text : text.test(x.text)));
  if (!p) throw new Error(`no paragraph ${String(text)} in: ${ps.map((x) => x.text).join(' | ').slice(0, 2000)}`);
  return p;
};
const inRange = (n: number, lo: number, hi: number) => n >= lo && n <= hi;
/** Half-points → points, each run. */
const pts = (p: XmlPara) => p.sizes.map((s) => s / 2);

describe('renderPlanDocx: Decree 30 layout', () => {
  let docx: Buffer;
  let x: DocxXml;
  let body: XmlPara[];
  beforeAll(async () => {
    docx = await renderPlanDocx(richPlan());
    x = await unzipDocx(docx);
    body = bodyParagraphs(x.document);
  });

  it('is A4 portrait with the decree margins and Times New Roman', () => {
    const [first] = sections(x.document);
    expect(xmlAttr(first!, 'pgSz', 'w')).toBe('11906');
    expect(xmlAttr(first!, 'pgSz', 'h')).toBe('16838');
    const margin = (side: string) => mm(Number(xmlAttr(first!, 'pgMar', side)));
    expect(inRange(margin('top'), 20, 25)).toBe(true);
    expect(inRange(margin('bottom'), 20, 25)).toBe(true);
    expect(inRange(margin('left'), 30, 35)).toBe(true);
    expect(inRange(margin('right'), 15, 20)).toBe(true);
    const defaults = x.styles.match(/<w:docDefaults>[\s\S]*?<\/w:docDefaults>/)?.[0] ?? '';
    expect(xmlAttr(defaults, 'rFonts', 'ascii')).toBe('Times New Roman');
    expect(xmlAttr(defaults, 'rFonts', 'hAnsi')).toBe('Times New Roman');
    // No run overrides the font.
    expect(x.document).not.toMatch(/<w:rFonts\b(?![^>]*Times New Roman)/);
  });

  it('has the two-column borderless header table', () => {
    const header = tables(x.document)[0]!;
    expect(header.match(/<w:gridCol\b/g)).toHaveLength(2);
    const borders = header.match(/<w:tblBorders>([\s\S]*?)<\/w:tblBorders>/)?.[1] ?? '';
    for (const side of ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']) expect(xmlAttr(borders, side, 'val')).toMatch(/^(none|nil)$/);
    const [leftW, rightW] = [...header.matchAll(/<w:gridCol w:w="(\d+)"/g)].map((m) => Number(m[1]));
    expect(rightW!).toBeGreaterThan(leftW!); // room for the 14 pt motto on one line
    const grid = rows(header).map((r) => r.map((c) => paragraphs(c).filter((p) => p.text)));
    const left = grid.flatMap((r) => r[0] ?? []);
    const right = grid.flatMap((r) => r[1] ?? []);
    const parent = find(left, 'UBND TỈNH LÂM HÀ');
    expect(parent.bold).toBe(false);
    expect(pts(parent).every((s) => inRange(s, 12, 13))).toBe(true);
    // Too long for one line: broken before the place.
    const issuer = find(left, 'SỞ GIÁO DỤC VÀ ĐÀO TẠO\nTỈNH LÂM HÀ');
    expect(issuer.bold).toBe(true);
    expect(pts(issuer).every((s) => inRange(s, 12, 13))).toBe(true);
    expect(left.indexOf(parent)).toBeLessThan(left.indexOf(issuer));
    const number = find(left, 'Số: 33/KH-SGDĐT');
    expect(pts(number)).toEqual([13]);
    expect(left.indexOf(issuer)).toBeLessThan(left.indexOf(number));
    // A short rule under the issuing body and under the motto: bordered, indented empty paragraphs.
    const cellsXml = rows(header).map((r) => r.map((c) => paragraphs(c)));
    const ruleUnder = (cells: XmlPara[][], text: string) => {
      const all = cells.flat();
      const i = all.findIndex((p) => p.text === text);
      return all[i + 1]!;
    };
    for (const [col, text] of [[0, 'SỞ GIÁO DỤC VÀ ĐÀO TẠO\nTỈNH LÂM HÀ'], [1, 'Độc lập - Tự do - Hạnh phúc']] as const) {
      const rule = ruleUnder(cellsXml.map((r) => r[col] ?? []), text);
      expect(rule.text).toBe('');
      expect(rule.xml).toMatch(/<w:pBdr><w:bottom w:val="single"/);
      expect(Number(xmlAttr(rule.xml, 'ind', 'left'))).toBeGreaterThan(500);
    }
    const national = find(right, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(national.bold).toBe(true);
    expect(pts(national).every((s) => inRange(s, 12, 13))).toBe(true);
    const motto = find(right, 'Độc lập - Tự do - Hạnh phúc');
    expect(motto.bold).toBe(true);
    expect(pts(motto).every((s) => inRange(s, 13, 14))).toBe(true);
    const dateLine = find(right, 'Lâm Hà, ngày 05 tháng 01 năm 2026');
    expect(dateLine.italic).toBe(true);
    expect(pts(dateLine).every((s) => inRange(s, 13, 14))).toBe(true);
    for (const p of [...left, ...right]) expect(p.jc).toBe('center');
  });

  it('titles the plan KẾ HOẠCH + title, bold and centred', () => {
    const ke = find(body, 'KẾ HOẠCH');
    const title = find(body, 'Công tác truyền thông giáo dục và đào tạo năm 2026');
    for (const p of [ke, title]) {
      expect(p.bold).toBe(true);
      expect(p.jc).toBe('center');
      expect(pts(p).every((s) => inRange(s, 13, 14))).toBe(true);
    }
    expect(body.indexOf(ke) + 1).toBe(body.indexOf(title));
  });

  it('opens with the basis, then the body: justified, indented, spaced, 13–14 pt', () => {
    const opening = find(body, /^Căn cứ Kế hoạch số 141\/KH-BGDĐT/);
    expect(opening.text).toBe('Căn cứ Kế hoạch số 141/KH-BGDĐT ngày 10/02/2025 của Bộ Giáo dục và Đào tạo về công tác truyền thông giáo dục năm 2025;');
    find(body, /^Căn cứ Quyết định số 21\/2024\/QĐ-UBND ngày 18\/06\/2024 của Ủy ban nhân dân tỉnh Lâm Hà về ban hành/);
    find(body, /^Căn cứ Chỉ thị số 05\/CT-UBND ngày 12\/03\/2025/);
    find(body, 'Sở Giáo dục và Đào tạo tỉnh Lâm Hà xây dựng Kế hoạch công tác truyền thông giáo dục và đào tạo năm 2026 như sau:');
    const start = body.indexOf(opening);
    const end = body.findIndex((p) => p.text === 'Nơi nhận:');
    const prose = body.slice(start, end).filter((p) => p.text && !p.framed);
    expect(prose.length).toBeGreaterThan(30);
    for (const p of prose) {
      expect(p.jc).toBe('both');
      expect(mm(p.firstLine ?? 0) / 10).toBeGreaterThanOrEqual(1);
      expect(mm(p.firstLine ?? 0) / 10).toBeLessThanOrEqual(1.27);
      expect(p.before).toBeGreaterThanOrEqual(120); // ≥ 6 pt
      expect(pts(p).every((s) => inRange(s, 13, 14))).toBe(true);
    }
  });

  it('numbers the sections as bold headings with their bodies', () => {
    for (const h of ['I. MỤC ĐÍCH, YÊU CẦU', '1. Mục đích', 'II. NỘI DUNG VÀ HÌNH THỨC TRUYỀN THÔNG', '1.1. Đổi mới chương trình, sách giáo khoa', 'IV. TỔ CHỨC THỰC HIỆN', '4. Chế độ thông tin, báo cáo']) {
      expect(find(body, h).bold).toBe(true);
    }
    const purpose = body.findIndex((p) => p.text === '1. Mục đích');
    expect(body[purpose + 1]!.text).toMatch(/^- Thông tin kịp thời, chính xác/);
    expect(body[purpose + 1]!.bold).toBe(false);
  });

  it('writes the channels, duties and budget into their parts', () => {
    const texts = body.map((p) => p.text);
    const channels = texts.indexOf('2. Kênh truyền thông');
    expect(texts.slice(channels + 1, channels + 10)).toEqual([
      '- Cổng thông tin điện tử của Sở Giáo dục và Đào tạo: https://sgddt.lamha.gov.vn.',
      '- Trang thông tin điện tử của các trường học.',
      '- Fanpage “Giáo dục Lâm Hà” trên Facebook.',
      '- Nhóm Zalo của ban đại diện cha mẹ học sinh.',
      '- Báo Lâm Hà, Đài Phát thanh và Truyền hình tỉnh.',
      '- Bản tin Giáo dục Lâm Hà.',
      '- Hộp thư điện tử của Văn phòng Sở: vanphong@lamha.edu.vn.',
      '- Đường dây nóng: 0263 3822 123.',
      '- Hội nghị, tọa đàm, cuộc thi tìm hiểu về chuyển đổi số.',
    ]);
    const schools = texts.indexOf('3. Các trường trung học phổ thông');
    expect(texts.slice(schools + 1, schools + 4)).toEqual([
      '- Đăng tối thiểu 04 tin, bài về hoạt động của nhà trường trên trang thông tin điện tử của trường.',
      'Thời hạn: hằng tuần.',
      '- Cung cấp thông tin cho Văn phòng Sở khi có yêu cầu.',
    ]);
    const budget = texts.indexOf('III. KINH PHÍ THỰC HIỆN');
    expect(texts.slice(budget + 2, budget + 6)).toEqual([
      '- Biên tập, sản xuất tin, bài, video clip: 120.000.000 đồng (Ngân sách nhà nước);',
      '- Bồi dưỡng kỹ năng truyền thông cho cán bộ phụ trách: 45.000.000 đồng (Ngân sách nhà nước);',
      '- In ấn tài liệu tuyên truyền: 30.000.000 đồng (Nguồn huy động hợp pháp).',
      'Tổng kinh phí: 195.000.000 đồng.',
    ]);
    expect(texts).toContain('Trên đây là Kế hoạch công tác truyền thông giáo dục và đào tạo năm 2026 của Sở Giáo dục và Đào tạo tỉnh Lâm Hà./.');
  });

  it('lists the recipients (bold italic 12 / 11) and signs on the right', () => {
    const label = find(body, 'Nơi nhận:');
    expect(label.bold && label.italic).toBe(true);
    expect(pts(label)).toEqual([12]);
    const list = body.slice(body.indexOf(label) + 1).filter((p) => p.text.startsWith('- '));
    expect(list.map((p) => p.text)).toEqual([
      '- Bộ Giáo dục và Đào tạo (để báo cáo);',
      '- UBND tỉnh Lâm Hà (để báo cáo);',
      '- Giám đốc, các Phó Giám đốc Sở;',
      '- Phòng GDĐT các huyện, thành phố;',
      '- Các trường THPT;',
      '- Lưu: VT, VP.',
    ]);
    for (const p of list) expect(pts(p)).toEqual([11]);
    const signature = body.filter((p) => p.framed);
    expect(signature.filter((p) => p.text).map((p) => p.text)).toEqual(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Nguyễn Thị Hoài An']);
    for (const p of signature.filter((s) => s.text)) {
      expect(p.bold).toBe(true);
      expect(p.jc).toBe('center');
      expect(p.frameX!).toBeGreaterThan(9355 / 3); // right side of the text width
    }
    // Room for the signature between the titles and the name.
    const titles = signature.findIndex((p) => p.text === 'PHÓ GIÁM ĐỐC');
    const name = signature.findIndex((p) => p.text === 'Nguyễn Thị Hoài An');
    expect(name - titles).toBeGreaterThanOrEqual(4);
  });

  it('puts the task appendix in a landscape section with its table', () => {
    const [portrait, landscape] = sections(x.document);
    expect(landscape).toBeDefined();
    expect(xmlAttr(landscape!, 'pgSz', 'orient')).toBe('landscape');
    expect(xmlAttr(landscape!, 'pgSz', 'w')).toBe('16838');
    expect(xmlAttr(landscape!, 'pgSz', 'h')).toBe('11906');
    // The portrait section ends before the appendix starts (its sectPr sits in the last paragraph before it).
    const breakAt = x.document.indexOf(portrait!);
    expect(x.document.indexOf('>Phụ lục<')).toBeGreaterThan(breakAt);
    find(body, 'Phụ lục');
    find(body, 'NHIỆM VỤ TRUYỀN THÔNG NĂM 2026');
    const ref = find(body, '(Kèm theo Kế hoạch số 33/KH-SGDĐT ngày 05/01/2026 của Sở Giáo dục và Đào tạo tỉnh Lâm Hà)');
    expect(ref.italic).toBe(true);
    const table = tables(x.document)[1]!;
    const grid = rows(table).map((r) => r.map((c) => paragraphs(c).map((p) => p.text).join('\n')));
    expect(grid[0]).toEqual(['STT', 'Nội dung/chủ đề', 'Hình thức/sản phẩm', 'Đơn vị chủ trì', 'Thời gian (Quý)', 'Đơn vị phối hợp']);
    expect(table).toMatch(/<w:tblHeader\/>/);
    expect(grid.map((r) => r[0])).toEqual(['STT', 'I', '1', '2', 'II', '1', '2']);
    expect(grid[2]).toEqual([
      '1',
      'Truyền thông về Chương trình giáo dục phổ thông 2018',
      'Tin, bài, video clip\nChỉ tiêu: Số tin, bài đăng tải: 24',
      'Phòng Giáo dục trung học',
      'Quý I, II',
      'Văn phòng Sở;\nCác trường trung học phổ thông',
    ]);
    expect(grid[6]![4]).toBe('Cả năm');
  });

  it('numbers pages in the header from page 2', () => {
    const [portrait, landscape] = sections(x.document);
    expect(portrait).toMatch(/<w:titlePg\/>/);
    const rel = (type: string, sect: string) => sect.match(new RegExp(`<w:headerReference w:type="${type}" r:id="(\\w+)"`))?.[1];
    const rels = x.parts['word/_rels/document.xml.rels']!;
    const target = (id: string) => rels.match(new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`))?.[1] ?? rels.match(new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`))?.[1];
    const firstHeader = x.parts[`word/${target(rel('first', portrait!)!)}`]!;
    const defaultHeader = x.parts[`word/${target(rel('default', portrait!)!)}`]!;
    expect(firstHeader).not.toMatch(/PAGE/);
    expect(defaultHeader).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(x.parts[`word/${target(rel('default', landscape!)!)}`]).toMatch(/PAGE/);
  });

  it('leaves the day and month blank for an undated draft and adds "Lưu: VT"', async () => {
    const d = await unzipDocx(await renderPlanDocx(sparsePlan()));
    const all = paragraphs(d.document).map((p) => p.text.replace(/\u00a0/g, ' '));
    expect(all.some((t) => /^Tân Hòa, ngày\s{3,}tháng\s{3,}năm 2026$/.test(t))).toBe(true);
    expect(all.some((t) => /^Số:\s{6,}\/KH$/.test(t))).toBe(true);
    expect(all.slice(-3)).toEqual(['- UBND huyện (để báo cáo);', '- Các trường tiểu học, THCS;', '- Lưu: VT.']);
    // No tasks: no appendix section.
    expect(sections(d.document)).toHaveLength(1);
  });
});

describe('renderPlanDocx → importPlanFile (round trip)', () => {
  it('gives back the rich plan', async () => {
    const doc = richPlan();
    const back = await reimport(await renderPlanDocx(doc), 'rich.docx');
    expect(back.title).toBe(doc.title);
    expect(back.number).toBe(doc.number);
    expect(back.issuer).toBe(doc.issuer);
    expect(back.place).toBe(doc.place);
    expect(back.date).toBe(doc.date);
    expect(back.period).toEqual(doc.period);
    expect(back.basis).toEqual(doc.basis);
    expect(outline(back.sections)).toEqual(outline(doc.sections));
    expect(kinds(back.channels)).toEqual(kinds(doc.channels));
    for (const c of doc.channels.filter((x) => x.address)) expect(back.channels.find((b) => b.address === c.address)?.kind).toBe(c.kind);
    expect(duties(back.obligations)).toEqual(duties(doc.obligations));
    expect(taskRows(back.tasks)).toEqual(taskRows(doc.tasks));
    expect(back.signer).toEqual(doc.signer);
    expect(back.recipients).toEqual(doc.recipients);
  });

  it('gives back a plan whose channels, duties and budget had no part of their own', async () => {
    const doc = sparsePlan();
    const back: PlanDraft = await reimport(await renderPlanDocx(doc), 'sparse.docx');
    expect(back.title).toBe(doc.title);
    expect(back.issuer).toBe(doc.issuer);
    expect(back.place).toBe('Tân Hòa');
    expect(back.date).toBeNull();
    expect(back.period).toEqual({ schoolYear: '2026-2027' });
    expect(back.number).toBe('/KH'); // the blank number of a draft: `Số:    /KH`
    expect(back.basis.map((b) => b.ref)).toEqual(['412/SGDĐT-VP']);
    // The parts the export added after the plan's own.
    expect(outline(back.sections)).toEqual([
      { number: 'I', title: 'MỤC ĐÍCH, YÊU CẦU', children: [] },
      {
        number: 'II',
        title: 'NỘI DUNG TRUYỀN THÔNG',
        children: [
          { number: '1', title: 'Thông tin về tuyển sinh', children: [] },
          { number: '2', title: 'Kênh truyền thông', children: [] },
        ],
      },
      { number: 'III', title: 'KINH PHÍ THỰC HIỆN', children: [] },
      {
        number: 'IV',
        title: 'TỔ CHỨC THỰC HIỆN',
        children: [
          { number: '1', title: 'Các trường tiểu học', children: [] },
          { number: '2', title: 'Các trường trung học cơ sở', children: [] },
          { number: '3', title: 'Chế độ thông tin, báo cáo', children: [] },
        ],
      },
    ]);
    expect(kinds(back.channels)).toEqual(kinds(doc.channels));
    expect(back.channels.find((c) => c.address === 'https://pgd.tanhoa.edu.vn')?.kind).toBe('portal');
    expect(back.channels.find((c) => c.address === '0263 3555 888')?.kind).toBe('hotline');
    const rules = (list: PlanDraft['obligations']) => duties(list).map(({ what: _what, ...rest }) => rest);
    expect(rules(back.obligations)).toEqual(rules(doc.obligations));
    // A duty whose words carry no time rule keeps them, with the rule on the next line…
    expect(back.obligations.find((o) => o.recurrence === 'monthly')?.what).toBe(doc.obligations[0]!.what);
    // …or, when the import would not read that line for it, with the rule appended.
    expect(back.obligations.find((o) => o.recurrence === 'once')?.what).toBe('Xây dựng kế hoạch tuyển sinh của trường, trước ngày 20 tháng 5 năm 2026');
    expect(back.signer).toEqual(doc.signer);
    expect(back.recipients).toEqual([...doc.recipients, 'Lưu: VT']);
    expect(back.tasks).toEqual([]);
  });
});
