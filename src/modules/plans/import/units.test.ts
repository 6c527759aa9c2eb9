import { describe, expect, it } from 'vitest';
import { parseQuarters, splitUnits } from './appendix';
import { normaliseRef } from './basis';
import { timeRules } from './obligations';
import { alignedFold, buildParagraphs, htmlToText } from './text';
import { foldVietnamese } from '../../../text';

describe('normaliseRef', () => {
  it.each([
    ['141/KH-BGDĐT', '141/KH-BGDĐT'],
    ['140/KHBGDĐT', '140/KH-BGDĐT'],
    ['1137/KH - SGDDT', '1137/KH-SGDĐT'],
    ['21/2018/QD-UBND', '21/2018/QĐ-UBND'],
    ['07/CT-TTg', '07/CT-TTg'],
  ])('%s → %s', (raw, ref) => expect(normaliseRef(raw)).toBe(ref));
});

describe('parseQuarters', () => {
  it.each([
    ['Quý I, II, III, IV', [1, 2, 3, 4]],
    ['Quy II, III', [2, 3]],
    ['Tháng 9 - tháng 12', [3, 4]],
    ['Cả năm', [1, 2, 3, 4]],
    ['15/3/2025', [1]],
  ])('%s', (cell, qs) => expect(parseQuarters(cell)).toEqual(qs));
});

describe('timeRules', () => {
  const rules = (s: string) => timeRules(foldVietnamese(s), 2025).map((r) => [r.recurrence, r.dueDate ?? r.dayOfMonth]);
  it('reads periodic rules, due dates and triggers', () => {
    expect(rules('gửi báo cáo trước ngày 20 hằng tháng')).toEqual([['monthly', 20]]);
    expect(rules('báo cáo 02 lần/năm học')).toEqual([['semester', null]]);
    expect(rules('gửi về Sở trước ngày 10/3')).toEqual([['once', '2025-03-10']]);
    expect(rules('báo cáo khi có yêu cầu hoặc khi xảy ra vụ việc')).toEqual([['on_request', null], ['on_event', null]]);
    expect(rules('báo cáo tổng kết năm học')).toEqual([]);
    // "định hướng thông tin" and "mọi thông tin" are not "hằng tháng"/"mỗi tháng".
    expect(rules('định hướng thông tin, cung cấp mọi thông tin')).toEqual([]);
  });
});

describe('text helpers', () => {
  it('folds without changing length', () => {
    const s = 'Kế hoạch … Đào tạo';
    expect(alignedFold(s)).toHaveLength(s.length);
    expect(alignedFold(s)).toBe('ke hoach … dao tao');
  });
  it('converts HTML tables to tab rows and bold paragraphs to ** lines', () => {
    expect(htmlToText('<p><strong>I. MỤC ĐÍCH</strong></p><table><tr><td><p>a</p></td><td>b</td></tr></table>')).toMatch(/\*\*I\. MỤC ĐÍCH\*\*[\s\S]*a\tb/);
  });
  it('rejoins wrapped lines and keeps short lines apart', () => {
    const { paras } = buildParagraphs('1. Mục đích\n- Thông tin kịp thời các chủ trương, chính sách của ngành đến cán bộ,\ngiáo viên và nhân dân.\nIII. KINH PHÍ\nSử dụng kinh phí thường xuyên.');
    expect(paras.map((p) => p.text)).toEqual([
      '1. Mục đích',
      '- Thông tin kịp thời các chủ trương, chính sách của ngành đến cán bộ, giáo viên và nhân dân.',
      'III. KINH PHÍ',
      'Sử dụng kinh phí thường xuyên.',
    ]);
  });
  it('restores Đ read as P in OCR text', () => {
    const { paras } = buildParagraphs('PHONG GIAO DUC VA PAO TAO\nMUC PICH\nPam bao va Poi moi');
    expect(paras.map((p) => p.text).join(' ')).toBe('PHONG GIAO DUC VA ĐAO TAO MUC ĐICH Đam bao va Đoi moi');
  });
  it('splits unit lists', () => {
    expect(splitUnits('- Phòng GDMN-TH - Phòng Kế hoạch-Tài chính; Văn phòng Sở.')).toEqual(['Phòng GDMN-TH', 'Phòng Kế hoạch-Tài chính', 'Văn phòng Sở']);
  });
});
