import { describe, expect, it } from 'vitest';
import { parsePlanText } from '../import';
import { extractChannels } from '../import/channels';
import { buildParagraphs } from '../import/text';
import { budgetLines, channelLine, composePlan, dateLine, obligationParagraphs, proseName, recipientLines } from './compose';
import { richPlan } from './fixtures/rich-plan';
import type { PlanDocument } from './types';

describe('proseName', () => {
  it.each([
    ['SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH LÂM HÀ', 'Sở Giáo dục và Đào tạo tỉnh Lâm Hà'],
    ['PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN TÂN HÒA', 'Phòng Giáo dục và Đào tạo huyện Tân Hòa'],
    ['UBND THÀNH PHỐ HÒA AN', 'UBND thành phố Hòa An'],
    ['TRƯỜNG THPT PHAN BỘI CHÂU', 'Trường THPT Phan Bội Châu'],
    ['TRƯỜNG TRUNG HỌC CƠ SỞ LÊ LỢI', 'Trường Trung học cơ sở Lê Lợi'],
    ['Sở GDĐT tỉnh Lâm Hà', 'Sở GDĐT tỉnh Lâm Hà'],
  ])('%s → %s', (name, prose) => expect(proseName(name)).toBe(prose));
});

describe('dateLine', () => {
  it('pads days below 10 and months below 3 (Decree 30)', () => {
    expect(dateLine({ place: 'Lâm Hà', date: '2026-01-05', period: null })).toBe('Lâm Hà, ngày 05 tháng 01 năm 2026');
    expect(dateLine({ place: 'Lâm Hà', date: '2026-03-09', period: null })).toBe('Lâm Hà, ngày 09 tháng 3 năm 2026');
    expect(dateLine({ place: 'Lâm Hà', date: '2026-11-20', period: null })).toBe('Lâm Hà, ngày 20 tháng 11 năm 2026');
  });
  it('leaves the day and month blank when undated, the year from the period', () => {
    expect(dateLine({ place: 'Tân Hòa', date: null, period: { schoolYear: '2025-2026' } }).replace(/\u00a0/g, ' ')).toMatch(/^Tân Hòa, ngày {4,}tháng {4,}năm 2025$/);
    expect(dateLine({ place: null, date: null, period: { year: 2027 } }).replace(/\u00a0/g, ' ')).toMatch(/^ngày {4,}tháng {4,}năm 2027$/);
  });
});

describe('recipientLines', () => {
  it('dashes each line, `;` between and `.` at the end, archive last', () => {
    expect(recipientLines(['- Lưu: VT, VP.', 'Bộ GDĐT (để b/c);', 'Các trường THPT'])).toEqual(['- Bộ GDĐT (để b/c);', '- Các trường THPT;', '- Lưu: VT, VP.']);
    expect(recipientLines(['UBND tỉnh'])).toEqual(['- UBND tỉnh;', '- Lưu: VT.']);
  });
});

describe('channelLine', () => {
  const cases: PlanDocument['channels'] = [
    { kind: 'portal', label: 'Cổng thông tin của ngành', address: null },
    { kind: 'portal', label: 'Cổng của Sở', address: 'https://sgddt.lamha.gov.vn' },
    { kind: 'website', label: 'Trang web các trường', address: null },
    { kind: 'fanpage', label: 'Trang “Giáo dục Lâm Hà”', address: null },
    { kind: 'group', label: 'Cộng đồng phụ huynh', address: null },
    { kind: 'zalo', label: 'OA chính thức', address: null },
    { kind: 'email', label: 'Văn phòng', address: 'vanphong@lamha.edu.vn' },
    { kind: 'hotline', label: 'Số trực', address: '0263 3822 123' },
    { kind: 'press', label: 'Các cơ quan thường trú', address: null },
    { kind: 'newsletter', label: 'Ấn bản hằng quý', address: null },
    { kind: 'event', label: 'Ngày hội chuyển đổi số', address: null },
  ];
  it.each(cases)('reads back $kind ($label)', (c) => {
    const line = channelLine(c);
    expect(line).toMatch(/^- .+\.$/);
    const found = extractChannels(buildParagraphs(line).paras, () => true);
    expect(found.some((f) => f.kind === c.kind && (!c.address || f.address === c.address))).toBe(true);
  });
});

describe('obligationParagraphs', () => {
  const base = { who: 'Các trường trung học cơ sở', what: 'Gửi báo cáo kết quả truyền thông về Phòng', dayOfMonth: null, dueDate: null, quantity: null };
  const cases: PlanDocument['obligations'] = [
    { ...base, recurrence: 'weekly' },
    { ...base, recurrence: 'monthly', dayOfMonth: 20 },
    { ...base, recurrence: 'quarterly' },
    { ...base, recurrence: 'semester' },
    { ...base, recurrence: 'yearly' },
    { ...base, recurrence: 'once', dueDate: '2026-06-30' },
    { ...base, recurrence: 'on_event' },
    { ...base, recurrence: 'on_request' },
  ];
  it.each(cases)('states $recurrence so the import reads it back, keeping the words', (o) => {
    const paras = obligationParagraphs(o, { title: 'Truyền thông năm 2026', issuer: 'PHÒNG GIÁO DỤC VÀ ĐÀO TẠO', date: '2026-01-05', who: o.who! });
    expect(paras[0]).toBe(`- ${o.what}.`);
    const text = ['KẾ HOẠCH', 'Truyền thông năm 2026', '', 'I. TỔ CHỨC THỰC HIỆN', '', `1. ${o.who}`, '', ...paras.flatMap((p) => [p, ''])].join('\n');
    const [back] = parsePlanText(text).obligations;
    expect(back).toMatchObject({ who: o.who, what: o.what, recurrence: o.recurrence, dayOfMonth: o.dayOfMonth, dueDate: o.dueDate });
  });
});

describe('budgetLines', () => {
  it('lists items with amounts in đồng and a total', () => {
    expect(budgetLines([{ item: 'In tài liệu', amount: 1_500_000, source: 'Ngân sách' }, { item: 'Hội thảo', amount: null, source: null }, { item: 'Video', amount: 500_000, source: null }])).toEqual([
      '- In tài liệu: 1.500.000 đồng (Ngân sách);',
      '- Hội thảo;',
      '- Video: 500.000 đồng.',
      'Tổng kinh phí: 2.000.000 đồng.',
    ]);
  });
});

describe('composePlan', () => {
  it('does not repeat channels or duties the plan text already states', () => {
    const doc = richPlan();
    const kenh = doc.sections[1]!.children[1]!;
    kenh.body = 'Cổng thông tin điện tử của Sở (https://sgddt.lamha.gov.vn) và Fanpage “Giáo dục Lâm Hà” trên Facebook.';
    const office = doc.sections[3]!.children[0]!;
    office.body = `- ${doc.obligations[0]!.what}.`;
    const c = composePlan(doc);
    const texts = c.body.filter((b) => b.kind === 'para').map((b) => (b as { text: string }).text);
    expect(texts.filter((t) => t.includes('https://sgddt.lamha.gov.vn'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('Fanpage'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes(doc.obligations[0]!.what))).toHaveLength(1);
  });

  it('keeps a closing the plan already has and groups tasks with named groups', () => {
    const doc = richPlan();
    doc.sections[3]!.children[3]!.body = 'Trên đây là Kế hoạch truyền thông năm 2026 của Sở./.';
    doc.tasks = doc.tasks.map((t, i) => ({ ...t, group: i < 2 ? 'Đổi mới chương trình' : 'Thi cử' }));
    const c = composePlan(doc);
    expect(c.closing).toBeNull();
    expect(c.appendix!.rows.filter((r) => r.kind === 'group')).toEqual([
      { kind: 'group', stt: 'I', label: 'Đổi mới chương trình' },
      { kind: 'group', stt: 'II', label: 'Thi cử' },
    ]);
  });
});
