import { describe, expect, it } from 'vitest';
import { foldForMatch as referenceFold } from '../../../text';
import {
  PROVINCES_2025, PROVINCES_BEFORE_2025, RISK_CATEGORIES, analyse, buildMatcher, foldForMatch, generateAliases, provinceOf,
  type Analysis, type WatchEntry,
} from './index';
import { WordAutomaton } from './automaton';

// A small watch list of a (fictional) Đồng Tháp department, written for these tests.
const WATCH: WatchEntry[] = [
  { kind: 'unit', id: 1, code: 'SGD-DT', name: 'Sở Giáo dục và Đào tạo tỉnh Đồng Tháp', unitType: 'department', provinceName: 'Đồng Tháp' },
  { kind: 'unit', id: 2, code: 'X-SADEC', name: 'Phường Sa Đéc', unitType: 'commune', provinceName: 'Đồng Tháp', parentName: 'Sở Giáo dục và Đào tạo tỉnh Đồng Tháp' },
  { kind: 'unit', id: 3, code: 'THCS-LELOI', name: 'Trường THCS Lê Lợi', unitType: 'school', provinceName: 'Đồng Tháp', parentName: 'Phường Sa Đéc' },
  { kind: 'unit', id: 4, code: 'TH-KIMDONG', name: 'Trường Tiểu học Kim Đồng', unitType: 'school', provinceName: 'Đồng Tháp', parentName: 'Phường Sa Đéc', aliases: ['Kim Đồng'] },
  { kind: 'unit', id: 5, code: 'THPT-LAMSON', name: 'Trường THPT Lam Sơn', unitType: 'school', provinceName: 'Đồng Tháp', parentName: 'Xã Tân Hồng', aliases: ['Lam Sơn'] },
  { kind: 'unit', id: 6, code: 'X-TANHONG', name: 'Xã Tân Hồng', unitType: 'commune', provinceName: 'Đồng Tháp', parentName: 'Sở Giáo dục và Đào tạo tỉnh Đồng Tháp' },
  { kind: 'unit', id: 7, code: 'TH-TANHONG1', name: 'Trường Tiểu học Tân Hồng 1', unitType: 'school', provinceName: 'Đồng Tháp', parentName: 'Xã Tân Hồng' },
  { kind: 'person', id: 20, code: 'P-HUNG', name: 'Nguyễn Văn Hùng' },
  { kind: 'topic', id: 30, code: 'TS10', name: 'Tuyển sinh lớp 10', aliases: ['thi vào lớp 10'] },
];
const matcher = buildMatcher(WATCH);
const run = (title: string, body = ''): Analysis => analyse(matcher, { title, body });
const codes = (a: Analysis) => a.units.map((u) => u.code).sort();

describe('folding', () => {
  it('equals the reference foldForMatch of src/text', () => {
    const samples = [
      'Trường THCS Lê Lợi, phường Sa Đéc', 'Hoà  Bình\u00a0– “Thuỷ”', 'Le\u0302 Lo\u031b\u0323i (NFD)', 'ĐỒNG THÁP: Sở GD&ĐT…',
      'Lớp 6A1 (2024–2025)', 'soft\u00adhy\u200bphen', 'emoji 😀 và 𝒜', 'İstanbul ß',
    ];
    for (const s of samples) expect(foldForMatch(s)).toBe(referenceFold(s));
  });
});

describe('aliases', () => {
  const texts = (e: Partial<WatchEntry> & { name: string }) =>
    generateAliases({ kind: 'unit', ...e }).map((a) => foldForMatch(a.text));
  it('expands and contracts school levels', () => {
    const a = texts({ name: 'Trường THCS Lê Lợi', unitType: 'school' });
    for (const x of ['THCS Lê Lợi', 'trường Lê Lợi', 'Trung học cơ sở Lê Lợi', 'Trường Trung học cơ sở Lê Lợi']) expect(a).toContain(foldForMatch(x));
    const b = texts({ name: 'Trường Mầm non Hoa Sen', unitType: 'school' });
    expect(b).toContain('mn hoa sen');
    const c = texts({ name: 'Trường Tiểu học Kim Đồng', unitType: 'school' });
    expect(c).toEqual(expect.arrayContaining(['th kim dong', 'tih kim dong', 'truong kim dong']));
    const d = texts({ name: 'Trường PTDTNT THCS Mường Chà', unitType: 'school' });
    expect(d).toContain(foldForMatch('Phổ thông Dân tộc nội trú THCS Mường Chà'));
    const e = texts({ name: 'Trung tâm GDTX Cao Lãnh', unitType: 'affiliated' });
    expect(e).toContain(foldForMatch('Giáo dục thường xuyên Cao Lãnh'));
  });
  it('names a department by its province in every usual spelling, plus bare forms', () => {
    const a = texts({ name: 'Sở Giáo dục và Đào tạo tỉnh Đồng Tháp', unitType: 'department' });
    for (const x of ['Sở GD&ĐT Đồng Tháp', 'Sở Giáo dục Đồng Tháp', 'Sở GDĐT Đồng Tháp', 'Sở GDĐT', 'ngành giáo dục Đồng Tháp']) expect(a).toContain(foldForMatch(x));
  });
  it('keeps user-added aliases', () => {
    const a = generateAliases({ kind: 'unit', name: 'Trường THCS Lê Lợi', aliases: ['Trường Lê Lợi Sa Đéc'] });
    expect(a.find((x) => x.kind === 'alias')?.text).toBe('Trường Lê Lợi Sa Đéc');
  });
  it('short forms need two syllables', () => {
    expect(texts({ name: 'Trường THCS Hòa', unitType: 'school' })).not.toContain('truong hoa');
  });
});

describe('gazetteer', () => {
  it('has the 34 provinces since 2025 and the 63 before, each mapped', () => {
    expect(PROVINCES_2025).toHaveLength(34);
    expect(PROVINCES_BEFORE_2025).toHaveLength(63);
    const keys = new Set(PROVINCES_2025.map((p) => p.key));
    for (const o of PROVINCES_BEFORE_2025) expect(keys.has(o.into)).toBe(true);
    expect(PROVINCES_2025[provinceOf('Tiền Giang')].name).toBe('Đồng Tháp');
    expect(PROVINCES_2025[provinceOf('tỉnh Bình Dương')].name).toBe('Hồ Chí Minh');
    expect(PROVINCES_2025[provinceOf('TP.HCM')].name).toBe('Hồ Chí Minh');
  });
});

describe('matching', () => {
  it('finds a school by name, with and without diacritics, and says how', () => {
    const a = run('Học sinh Trường THCS Lê Lợi đạt giải nhất Olympic Toán');
    expect(codes(a)).toEqual(['THCS-LELOI']);
    expect(a.units[0].via).toContain('THCS Lê Lợi');
    expect(codes(run('Hoc sinh truong THCS Le Loi dat giai nhat'))).toEqual(['THCS-LELOI']);
    expect(codes(run('HỌC SINH THCS LÊ LỢI'))).toEqual(['THCS-LELOI']);
    expect(codes(run('Nam sinh trường Kim Đồng bị đánh'))).toEqual(['TH-KIMDONG']);
  });
  it('uses word boundaries', () => {
    expect(codes(run('Trường Tiểu học Tân Hồng 12 khai giảng'))).toEqual([]);
    expect(codes(run('Trường Tiểu học Tân Hồng 1 khai giảng'))).toEqual(['TH-TANHONG1']);
  });
  it('does not take a street, an address or a historical figure for a bare alias', () => {
    expect(codes(run('Xe tải lật trên đường Kim Đồng, giao thông ùn tắc'))).toEqual([]);
    expect(codes(run('Cửa hàng ở số 12 Kim Đồng bị cháy'))).toEqual([]);
    expect(codes(run('Tượng đài Kim Đồng được trùng tu'))).toEqual([]);
    expect(codes(run('Kỷ niệm ngày khởi nghĩa Lam Sơn'))).toEqual([]);
    expect(codes(run('Học sinh Kim Đồng tham gia hội thi vẽ tranh'))).toEqual(['TH-KIMDONG']);
    const a = run('Người dân phản ánh đường Kim Đồng ngập sâu');
    expect(a.reasons.join(' ')).toContain('tên đường');
  });
  it('does not take a same-named school in another province for ours', () => {
    const other = run('Hà Nội: Trường THCS Lê Lợi (quận Hà Đông) tổ chức lễ khai giảng');
    expect(codes(other)).toEqual([]);
    expect(other.reasons.join(' ')).toContain('địa phương khác');
    expect(codes(run('Trường THCS Lê Lợi ở Hà Đông có 1.200 học sinh'))).toEqual([]);
    // our own place nearby wins even if another province is named
    expect(codes(run('Trường THCS Lê Lợi (phường Sa Đéc) kết nghĩa với một trường ở Hà Nội'))).toContain('THCS-LELOI');
    // the old (pre-2025) province name is ours too: Tiền Giang merged into Đồng Tháp
    expect(codes(run('Trường THCS Lê Lợi (Tiền Giang cũ) nhận bằng khen'))).toContain('THCS-LELOI');
  });
  it('tells same-named schools apart by their place', () => {
    const m = buildMatcher([
      { kind: 'unit', id: 1, code: 'LL-DT', name: 'Trường THCS Lê Lợi', unitType: 'school', provinceName: 'Đồng Tháp', parentName: 'Phường Sa Đéc' },
      { kind: 'unit', id: 2, code: 'LL-HN', name: 'Trường THCS Lê Lợi', unitType: 'school', provinceName: 'Hà Nội', parentName: 'Phường Hà Đông' },
    ]);
    expect(analyse(m, { title: 'Trường THCS Lê Lợi (Hà Đông) khai giảng', body: '' }).units.map((u) => u.code)).toEqual(['LL-HN']);
    expect(analyse(m, { title: 'Trường THCS Lê Lợi ở Sa Đéc khai giảng', body: '' }).units.map((u) => u.code)).toEqual(['LL-DT']);
    expect(analyse(m, { title: 'Trường THCS Lê Lợi khai giảng', body: '' }).units.map((u) => u.code).sort()).toEqual(['LL-DT', 'LL-HN']);
  });
  it('among many same-named schools, takes the one whose commune is named, and none when only the province is', () => {
    const communes = ['Sa Đéc', 'Cao Lãnh', 'Tân Hồng', 'Mỹ Tho', 'Hồng Ngự'];
    const m = buildMatcher(communes.map((c, i) => ({
      kind: 'unit' as const, id: i + 1, code: `KD-${i}`, name: 'Trường Tiểu học Kim Đồng', unitType: 'school', provinceName: 'Đồng Tháp', parentName: `Phường ${c}`,
    })));
    const pick = (title: string) => analyse(m, { title, body: '' }).units.map((u) => u.code);
    expect(pick('Trường Tiểu học Kim Đồng (phường Mỹ Tho) khánh thành thư viện')).toEqual(['KD-3']);
    const none = analyse(m, { title: 'Trường Tiểu học Kim Đồng ở Đồng Tháp khánh thành thư viện', body: '' });
    expect(none.units).toEqual([]);
    expect(none.reasons.join(' ')).toContain('trùng tên');
  });
  it('matches a department by its province only in an education context', () => {
    expect(codes(run('Giáo viên Đồng Tháp lúng túng với sách mới'))).toEqual(['SGD-DT']);
    expect(codes(run('Học sinh tỉnh Đồng Tháp giành 5 huy chương'))).toEqual(['SGD-DT']);
    expect(codes(run('Ngành giáo dục Đồng Tháp triển khai chuyển đổi số'))).toEqual(['SGD-DT']);
    expect(run('Ngành giáo dục Đồng Tháp triển khai chuyển đổi số').units[0].via).toMatch(/sector|province\+education/);
    expect(codes(run('Thời tiết Đồng Tháp hôm nay: nắng nóng, chiều tối mưa rào'))).toEqual([]);
    expect(codes(run('Du lịch Đồng Tháp hút khách mùa sen nở'))).toEqual([]);
    expect(codes(run('Sở GD&ĐT Đồng Tháp công bố điểm chuẩn'))).toEqual(['SGD-DT']);
  });
  it('reads a bare "Sở GDĐT" as ours unless another province follows', () => {
    expect(codes(run('Sở GDĐT khẳng định không có chuyện lạm thu'))).toEqual(['SGD-DT']);
    expect(codes(run('Sở GDĐT Hà Nội công bố lịch thi'))).toEqual([]);
  });
  it('matches a commune by its prefixed name', () => {
    expect(codes(run('Giáo viên ở xã Tân Hồng bị nợ lương'))).toEqual(['X-TANHONG']);
    expect(codes(run('Ông Tân Hồng phát biểu'))).toEqual([]);
  });
  it('matches people and topics, not people inside school names or streets', () => {
    const a = run('Ông Nguyễn Văn Hùng, hiệu trưởng, cho biết kế hoạch tuyển sinh lớp 10');
    expect(a.people.map((p) => p.id)).toEqual([20]);
    expect(a.topics.map((t) => t.code)).toEqual(['TS10']);
    expect(run('Dự án mở rộng đường Nguyễn Văn Hùng').people).toEqual([]);
  });
});

describe('tone and risk', () => {
  it('flags a negative story with its category and explains it', () => {
    const a = run('Phụ huynh phản ánh Trường THCS Lê Lợi lạm thu đầu năm học', 'Nhiều phụ huynh cho biết phải nộp hơn mười khoản tiền, có quỹ xây dựng.');
    expect(a.tone).toBe('negative');
    expect(a.categories).toContain('fees');
    expect(a.riskScore).toBeGreaterThan(0.5);
    expect(a.reasons.some((r) => r.includes('"lạm thu"') && r.includes('→ fees'))).toBe(true);
  });
  it('handles denials: the category stays as context, the tone is not negative', () => {
    for (const title of [
      'Không có chuyện lạm thu tại Trường THCS Lê Lợi',
      'Sở GDĐT bác tin học sinh bị ngộ độc sau bữa trưa',
      'Thông tin giáo viên đánh học sinh là sai sự thật',
      'Đã xác minh không có việc lạm thu như phản ánh',
      'Khong co chuyen lam thu tai truong THCS Le Loi',
    ]) {
      const a = run(title);
      expect(a.tone, title).not.toBe('negative');
      expect(a.categories.length, title).toBeGreaterThan(0);
      expect(a.reasons.join(' '), title).toContain('bác bỏ');
      expect(a.riskScore, title).toBeLessThan(0.5);
    }
  });
  it('keeps a strong accusation negative when the denial is a minor note in the body', () => {
    const a = run('Phụ huynh tố trường lạm thu hàng chục khoản, bức xúc vì bị ép đóng tiền', 'Hiệu trưởng phủ nhận.');
    expect(a.tone).toBe('negative');
    expect(run('Trường bị tố lạm thu', 'Sau khi xác minh, Phòng GDĐT khẳng định không có chuyện lạm thu.').tone).toBe('neutral');
  });
  it('does not let a phrase span a comma, and knows folding collisions', () => {
    // "tạm bợ, học sinh" must not read as "bỏ học"
    expect(run('Phòng học tạm bợ, học sinh ngồi học trong lán').categories).not.toContain('other');
    // "tuyến đường" folds like "tuyên dương" but is not praise
    expect(run('Mưa lớn gây ngập nhiều tuyến đường').tone).not.toBe('positive');
  });
  it('recognises positive news', () => {
    expect(run('Học sinh Trường THCS Lê Lợi giành huy chương vàng').tone).toBe('positive');
    expect(run('Thầy giáo vượt lũ đưa học sinh đến lớp').tone).toBe('positive');
    expect(run('Trường Tiểu học Kim Đồng được tuyên dương').reasons.join(' ')).toContain('tích cực');
  });
  it('weights the title more than the body', () => {
    const inTitle = run('Học sinh bị bạo lực học đường', 'Nhà trường đang làm rõ.');
    const inBody = run('Tin giáo dục', 'Học sinh bị bạo lực học đường. Nhà trường đang làm rõ.');
    expect(inTitle.scores.negative).toBeGreaterThan(inBody.scores.negative);
  });
  it('stays neutral on neutral news', () => {
    const a = run('Sở GD&ĐT Đồng Tháp công bố điểm chuẩn vào lớp 10', 'Điểm chuẩn các trường công lập được công bố chiều nay.');
    expect(a.tone).toBe('neutral');
    expect(run('Giá xăng tăng lần thứ ba liên tiếp').tone).toBe('neutral');
  });
  const CASES: [string, string][] = [
    ['fees', 'Phụ huynh bức xúc vì nhà trường thu sai quy định nhiều khoản'],
    ['violence', 'Nam sinh bị đánh hội đồng ngay trước cổng trường'],
    ['abuse', 'Bảo mẫu bị tố bạo hành trẻ ở nhóm trẻ tư thục'],
    ['food_safety', 'Hàng chục học sinh nhập viện nghi ngộ độc thực phẩm'],
    ['exam', 'Đề thi học kỳ môn Ngữ văn bị lộ trước giờ thi'],
    ['accident', 'Hai học sinh đuối nước khi tắm sông'],
    ['tutoring', 'Giáo viên ép học sinh học thêm tại nhà'],
    ['textbook', 'Sách giáo khoa lớp 6 in sai nhiều lỗi'],
    ['staffing', 'Trường vẫn thiếu 5 giáo viên khi vào năm học mới'],
    ['salary', 'Giáo viên hợp đồng bị nợ lương ba tháng'],
    ['facilities', 'Phòng học xuống cấp, trần bong tróc'],
    ['finance', 'Hiệu trưởng bị khởi tố vì tham ô tiền bán trú'],
    ['other', 'Nữ sinh tự tử vì áp lực học tập'],
  ];
  it.each(CASES)('category %s', (cat, title) => {
    const a = run(title);
    expect(a.categories).toContain(cat);
    expect(a.tone).toBe('negative');
    expect(a.reasons.some((r) => r.includes(`→ ${cat}`))).toBe(true);
  });
  it('covers every risk category and explains every flag', () => {
    expect([...RISK_CATEGORIES].sort()).toEqual(CASES.map((c) => c[0]).sort());
    for (const [, title] of CASES) {
      const a = run(title, 'Trường THCS Lê Lợi đang phối hợp với phụ huynh.');
      for (const c of a.categories) expect(a.reasons.some((r) => r.includes(`→ ${c}`))).toBe(true);
      for (const u of a.units) expect(a.reasons.some((r) => r.startsWith('đơn vị') && r.includes(WATCH.find((w) => w.id === u.id)!.name))).toBe(true);
      if (a.tone !== 'neutral') expect(a.reasons.some((r) => r.startsWith('giọng'))).toBe(true);
      expect(a.riskScore).toBeGreaterThanOrEqual(0);
      expect(a.riskScore).toBeLessThanOrEqual(1);
    }
  });
  it('accepts user categories', () => {
    const m = buildMatcher(WATCH, { extraRules: [{ phrase: 'mất an ninh trật tự', category: 'security', weight: 3 }] });
    expect(analyse(m, { title: 'Cổng trường mất an ninh trật tự vào giờ tan học', body: '' }).categories).toContain('security');
  });
});

describe('sketch', () => {
  it('gives a copy without diacritics the same fingerprint', () => {
    const body = 'Sau bữa trưa bán trú, 30 học sinh Trường Tiểu học Kim Đồng có biểu hiện đau bụng, nôn ói và được đưa đi cấp cứu. Cơ quan y tế đã lấy mẫu thức ăn để xét nghiệm.';
    const a = run('Học sinh nhập viện sau bữa trưa', body).sketch;
    const b = run('Hoc sinh nhap vien sau bua trua', body.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd')).sketch;
    expect(b).toEqual(a);
    expect(run('Khai giảng năm học mới', 'Hơn 1.200 học sinh dự lễ khai giảng trong không khí vui tươi, nhiều phần quà được trao tặng.').sketch).not.toEqual(a);
  });
});

describe('automaton', () => {
  it('finds exactly the word-bounded occurrences a naive search finds', () => {
    let seed = 42;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
    const words = ['le', 'loi', 'kim', 'dong', 'thcs', 'truong', 'hoc', 'sinh', 'sa', 'dec'];
    const pats = new Set<string>();
    while (pats.size < 40) pats.add(Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => words[Math.floor(rnd() * words.length)]).join(' '));
    const ac = new WordAutomaton();
    const list = [...pats];
    const ids = list.map((p) => ac.add(p));
    ac.build();
    for (let t = 0; t < 200; t++) {
      const text = Array.from({ length: 30 }, () => (rnd() < 0.15 ? 'xyz' : words[Math.floor(rnd() * words.length)])).join(' ');
      const s = ac.scan([text]);
      const got: string[] = [];
      for (let i = 0; i < s.nHits; i++) got.push(`${s.hitPattern[i]}@${s.hitEnd[i]}`);
      const want: string[] = [];
      const tw = text.split(' ');
      list.forEach((p, pi) => {
        const pw = p.split(' ');
        for (let e = pw.length - 1; e < tw.length; e++) if (tw.slice(e - pw.length + 1, e + 1).join(' ') === p) want.push(`${ids[pi]}@${e}`);
      });
      expect(got.sort()).toEqual(want.sort());
    }
  });
});
