import { describe, expect, it } from 'vitest';
import {
  bandsOf,
  isSameStory,
  keyTerms,
  LSH_BANDS,
  WORD_LSH_BANDS,
  pickThread,
  shingles,
  similarity,
} from '../../src/modules/monitoring/clustering';

/**
 * Story clustering on fixtures written for the test: the same report syndicated,
 * rewritten by another paper, and typed without diacritics must be one story; a
 * different report about the same school, or an unrelated one, must not; a
 * follow-up joins the thread.
 */
export const report = {
  title: 'Phụ huynh tố cô giáo Trường Tiểu học Hòa Bình đánh học sinh lớp 2 bằng thước',
  body:
    'Một phụ huynh ở xã Hòa Bình cho biết con gái học lớp 2 bị cô giáo chủ nhiệm đánh nhiều cái vào tay bằng thước kẻ ' +
    'vì chưa thuộc bài. Trên tay cháu còn nhiều vết bầm tím. Gia đình đã gửi đơn lên Ban giám hiệu nhà trường và ' +
    'đề nghị làm rõ sự việc, xử lý nghiêm giáo viên.',
};
export const syndicated = { title: report.title, body: `${report.body} (Theo Báo Đồng Nai)` };
export const rewrite = {
  title: 'Bé lớp 2 bị cô chủ nhiệm đánh bầm tay vì chưa thuộc bài ở trường Hòa Bình',
  body:
    'Theo phản ánh của phụ huynh, con gái học lớp 2 Trường Tiểu học Hòa Bình bị cô giáo chủ nhiệm đánh nhiều cái vào tay ' +
    'bằng thước kẻ vì chưa thuộc bài, tay cháu còn nhiều vết bầm tím. Gia đình đã gửi đơn lên Ban giám hiệu và đề nghị ' +
    'xử lý nghiêm giáo viên.',
};
export const accentFree = {
  title: 'Phu huynh to co giao Truong Tieu hoc Hoa Binh danh hoc sinh lop 2 bang thuoc',
  body:
    'Mot phu huynh o xa Hoa Binh cho biet con gai hoc lop 2 bi co giao chu nhiem danh nhieu cai vao tay bang thuoc ke ' +
    'vi chua thuoc bai. Tren tay chau con nhieu vet bam tim.',
};
/** Another paper's rewrite that keeps the facts but reorders nearly every phrase. */
export const reordered = {
  title: 'Hòa Bình: cô chủ nhiệm dùng thước kẻ đánh tay học sinh lớp 2 chưa thuộc bài',
  body:
    'Vết bầm tím còn trên tay bé gái lớp 2 Trường Tiểu học Hòa Bình sau khi bị cô giáo chủ nhiệm dùng thước kẻ đánh ' +
    'vì chưa thuộc bài, theo đơn phụ huynh gửi Ban giám hiệu đề nghị làm rõ và xử lý nghiêm.',
};
export const followUp = {
  title: 'Tạm đình chỉ cô giáo Trường Tiểu học Hòa Bình đánh học sinh lớp 2',
  body:
    'Ủy ban nhân dân xã Hòa Bình đã quyết định tạm đình chỉ công tác 15 ngày đối với giáo viên chủ nhiệm lớp 2 để xác minh ' +
    'việc học sinh bị đánh. Đoàn kiểm tra sẽ báo cáo kết quả trong tuần tới.',
};
export const otherAtSameSchool = {
  title: 'Trường Tiểu học Hòa Bình khánh thành thư viện xanh',
  body: 'Thư viện xanh với hơn 3.000 đầu sách được các nhà hảo tâm tài trợ, học sinh có thể đọc sách dưới tán cây.',
};
export const unrelated = {
  title: 'Học sinh Trường THPT Long Khánh đoạt giải nhất khoa học kỹ thuật',
  body: 'Đề tài máy lọc nước bằng năng lượng mặt trời của hai em học sinh lớp 11 đoạt giải nhất cuộc thi cấp tỉnh.',
};

const sh = (x: { title: string; body: string }) => shingles(x.title, x.body);

describe('story similarity', () => {
  it('joins a syndicated copy, a rewrite and a copy without diacritics', () => {
    expect(isSameStory(sh(report), sh(syndicated))).toBe(true);
    expect(isSameStory(sh(report), sh(rewrite))).toBe(true);
    expect(isSameStory(sh(report), sh(accentFree))).toBe(true);
    // few bigrams in common, most words: the word rule joins it
    expect(similarity(sh(report), sh(reordered)).jaccard).toBeLessThan(0.3);
    expect(isSameStory(sh(report), sh(reordered))).toBe(true);
    expect(similarity(sh(report), sh(accentFree)).containment).toBeGreaterThan(0.9);
  });

  it('keeps a follow-up, another report about the same school and an unrelated report apart', () => {
    for (const other of [followUp, otherAtSameSchool, unrelated]) {
      for (const copy of [report, rewrite, reordered, accentFree]) expect(isSameStory(sh(copy), sh(other)), `${copy.title} ≠ ${other.title}`).toBe(false);
    }
  });

  it('makes copies LSH candidates of each other (a shared band) and unrelated texts not', () => {
    const shared = (a: ReturnType<typeof bandsOf>, b: ReturnType<typeof bandsOf>) => a.filter((x) => b.some((y) => y.band === x.band && y.hash === x.hash)).length;
    const r = bandsOf(sh(report));
    expect(r).toHaveLength(LSH_BANDS + WORD_LSH_BANDS);
    expect(shared(r, bandsOf(sh(syndicated)))).toBeGreaterThan(LSH_BANDS / 2);
    expect(shared(r, bandsOf(sh(accentFree)))).toBeGreaterThan(0);
    expect(shared(r, bandsOf(sh(rewrite)))).toBeGreaterThan(0);
    expect(shared(r, bandsOf(sh(unrelated)))).toBe(0);
    expect(bandsOf([])).toEqual([]);
  });
});

describe('threads', () => {
  const at = new Date('2026-10-10T08:00:00Z');
  const base = { id: 7, unitIds: [42], categories: ['violence'], keyTerms: keyTerms(report.title), lastSeenAt: at };

  it('joins a follow-up that shares the unit and the category or key terms, within the window', () => {
    const probe = { unitIds: [42], broadUnitIds: [], categories: ['violence'], keyTerms: keyTerms(followUp.title), at: new Date('2026-10-12T08:00:00Z') };
    expect(pickThread(probe, [base])).toBe(7);
    expect(pickThread({ ...probe, categories: [] }, [base])).toBe(7); // "co giao", "danh hoc", "lop 2"… are shared key terms
    expect(pickThread({ ...probe, at: new Date('2026-12-30T00:00:00Z') }, [base])).toBeNull();
  });

  it('does not join without a shared unit, or on a shared department and category alone', () => {
    const probe = { unitIds: [43], broadUnitIds: [], categories: ['violence'], keyTerms: keyTerms(followUp.title), at };
    expect(pickThread(probe, [base])).toBeNull();
    const broad = { unitIds: [1], broadUnitIds: [1], categories: ['violence'], keyTerms: keyTerms(unrelated.title), at };
    expect(pickThread(broad, [{ ...base, unitIds: [1] }])).toBeNull();
    expect(pickThread({ ...probe, unitIds: [] }, [base])).toBeNull();
  });

  it('drops everyday education words and the matched units\' names from key terms', () => {
    expect(keyTerms('Học sinh và phụ huynh phản ánh giáo viên')).not.toContain('hoc sinh');
    const school = ['Trường Tiểu học Hòa Bình', 'TH Hòa Bình'];
    const a = keyTerms(report.title, school);
    expect(a).not.toContain('hoa binh');
    expect(a.filter((x) => keyTerms(otherAtSameSchool.title, school).includes(x))).toEqual([]);
    expect(a.filter((x) => keyTerms(followUp.title, school).includes(x)).length).toBeGreaterThanOrEqual(2);
  });
});
