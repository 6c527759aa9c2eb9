import { describe, it, expect } from 'vitest';
import { slugify, tokenize } from './tokenize';

describe('tokenize', () => {
  it('splits into folded word tokens', () => {
    expect(tokenize('Trường THCS Lê Lợi, năm học 2024-2025')).toEqual([
      'truong',
      'thcs',
      'le',
      'loi',
      'nam',
      'hoc',
      '2024',
      '2025',
    ]);
  });

  it('folds tone placement, case and NFD alike', () => {
    expect(tokenize('Khánh Hoà')).toEqual(['khanh', 'hoa']);
    expect(tokenize('KHÁNH HÒA')).toEqual(['khanh', 'hoa']);
    expect(tokenize('Khánh Hòa'.normalize('NFD'))).toEqual(['khanh', 'hoa']);
  });

  it('splits number ranges and punctuation', () => {
    expect(tokenize('2024-2025')).toEqual(['2024', '2025']);
    expect(tokenize('2024–2025')).toEqual(['2024', '2025']);
    expect(tokenize('Số 15/QĐ-UBND ngày 05/3/2025')).toEqual(['so', '15', 'qd', 'ubnd', 'ngay', '05', '3', '2025']);
    expect(tokenize('Q.1, TP.HCM')).toEqual(['q', '1', 'tp', 'hcm']);
    expect(tokenize('Đồng Tháp;Thừa Thiên Huế|Cà Mau')).toEqual(['dong', 'thap', 'thua', 'thien', 'hue', 'ca', 'mau']);
  });

  it('keeps letters and digits together', () => {
    expect(tokenize('Lớp 6A1 và 12C3')).toEqual(['lop', '6a1', 'va', '12c3']);
  });

  it('returns [] for empty, blank or symbol-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('    ')).toEqual([]);
    expect(tokenize('\u00A0\n\t')).toEqual([]);
    expect(tokenize('— … !!! 🎉')).toEqual([]);
  });

  it('ignores emoji between words', () => {
    expect(tokenize('Chúc mừng🎉năm mới🎆')).toEqual(['chuc', 'mung', 'nam', 'moi']);
  });

  it('handles NBSP and tabs as separators', () => {
    expect(tokenize('Nguyễn\u00A0Văn\tAn')).toEqual(['nguyen', 'van', 'an']);
  });
});

describe('slugify', () => {
  it.each([
    ['Học sinh đạt giải Nhất', 'hoc-sinh-dat-giai-nhat'],
    ['Trường THCS Lê Lợi', 'truong-thcs-le-loi'],
    ['Thừa Thiên Huế', 'thua-thien-hue'],
    ['Khánh Hoà', 'khanh-hoa'],
    ['Khánh Hòa', 'khanh-hoa'],
    ['Đồng Tháp', 'dong-thap'],
    ['  --Thông báo: Lịch nghỉ Tết Nguyên đán 2025!--  ', 'thong-bao-lich-nghi-tet-nguyen-dan-2025'],
    ['Kế hoạch năm học 2024–2025', 'ke-hoach-nam-hoc-2024-2025'],
    ['“Ngày hội đọc sách” 🎉📚', 'ngay-hoi-doc-sach'],
    ['Số 15/QĐ-UBND', 'so-15-qd-ubnd'],
    ['Straße & Øresund', 'strasse-oresund'],
  ])('%j → %j', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  it('gives the same slug for NFD input', () => {
    expect(slugify('Học sinh đạt giải Nhất'.normalize('NFD'))).toBe('hoc-sinh-dat-giai-nhat');
  });

  it('output is ASCII [a-z0-9-] without leading/trailing/double dashes', () => {
    const inputs = ['Ủy ban — nhân dân', '!!!Ánh???', ' a  -  b ', 'Đắk Lắk / Đắk Nông', '漢字 Hà Nội 漢字'];
    for (const s of inputs) {
      const slug = slugify(s);
      expect(slug).toMatch(/^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$/);
    }
    expect(slugify('漢字 Hà Nội 漢字')).toBe('ha-noi');
  });

  it('returns empty string when nothing is sluggable', () => {
    expect(slugify('')).toBe('');
    expect(slugify('   ')).toBe('');
    expect(slugify('🎉🎉')).toBe('');
    expect(slugify('漢字')).toBe('');
  });

  it('cuts at a word boundary within maxLen', () => {
    expect(slugify('Học sinh đạt giải Nhất', 12)).toBe('hoc-sinh-dat'); // exactly 12
    expect(slugify('Học sinh đạt giải Nhất', 11)).toBe('hoc-sinh');
    expect(slugify('Học sinh đạt giải Nhất', 22)).toBe('hoc-sinh-dat-giai-nhat');
    expect(slugify('Học sinh đạt giải Nhất', 21)).toBe('hoc-sinh-dat-giai');
    expect(slugify('Học sinh', 3)).toBe('hoc');
  });

  it('hard-cuts a single word longer than maxLen', () => {
    expect(slugify('Supercalifragilistic', 5)).toBe('super');
    expect(slugify('abcdef ghi', 3)).toBe('abc');
  });

  it('respects the default maxLen of 80', () => {
    const long = Array.from({ length: 40 }, (_, i) => `Trường ${i}`).join(' ');
    const slug = slugify(long);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith('-')).toBe(false);
    expect(long.startsWith('Trường 0 Trường 1')).toBe(true);
    expect(slug.startsWith('truong-0-truong-1-')).toBe(true);
    // Never ends mid-word: the last part is a full token of the input.
    expect(['truong', ...Array.from({ length: 40 }, (_, i) => String(i))]).toContain(slug.split('-').pop());
  });

  it('returns empty string for non-positive maxLen', () => {
    expect(slugify('abc', 0)).toBe('');
    expect(slugify('abc', -1)).toBe('');
    expect(slugify('abc', Number.NaN)).toBe('');
  });
});
