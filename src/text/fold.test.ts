import { describe, it, expect } from 'vitest';
import { foldForMatch, foldVietnamese, hasVietnameseDiacritics, normalizeToneMarks } from './fold';

const nfd = (s: string) => s.normalize('NFD');

describe('foldVietnamese', () => {
  it.each([
    ['Nguyễn', 'nguyen'],
    ['Trần Thị Ngọc Ánh', 'tran thi ngoc anh'],
    ['Lê Văn Đức', 'le van duc'],
    ['Phạm Thị Hương Giang', 'pham thi huong giang'],
    ['Võ Thị Sáu', 'vo thi sau'],
    ['Đặng Thùy Trâm', 'dang thuy tram'],
    ['Trường THCS Lê Lợi', 'truong thcs le loi'],
    ['Trường THPT chuyên Lương Thế Vinh', 'truong thpt chuyen luong the vinh'],
    ['Đồng Tháp', 'dong thap'],
    ['Thừa Thiên Huế', 'thua thien hue'],
    ['Bà Rịa – Vũng Tàu', 'ba ria - vung tau'],
    ['Đắk Lắk', 'dak lak'],
    ['Sở Giáo dục và Đào tạo', 'so giao duc va dao tao'],
    ['ĐƯỜNG', 'duong'],
    ['Ủy ban nhân dân', 'uy ban nhan dan'],
    ['Quảng Ngãi', 'quang ngai'],
    ['Cà Mau', 'ca mau'],
  ])('%s → %s', (input, expected) => {
    expect(foldVietnamese(input)).toBe(expected);
  });

  it('treats old and new tone placement alike', () => {
    expect(foldVietnamese('Khánh Hòa')).toBe(foldVietnamese('Khánh Hoà'));
    expect(foldVietnamese('hòa')).toBe(foldVietnamese('hoà'));
    expect(foldVietnamese('thủy')).toBe(foldVietnamese('thuỷ'));
    expect(foldVietnamese('khỏe')).toBe(foldVietnamese('khoẻ'));
    expect(foldVietnamese('Hóa học')).toBe(foldVietnamese('Hoá học'));
    expect(foldVietnamese('Khánh Hoà')).toBe('khanh hoa');
  });

  it('maps đ and Đ to d', () => {
    expect(foldVietnamese('Đ')).toBe('d');
    expect(foldVietnamese('đ')).toBe('d');
    expect(foldVietnamese('Đ')).toBe(foldVietnamese('D'));
    expect(foldVietnamese('Đà Nẵng')).toBe('da nang');
  });

  it('gives the same key for NFD and NFC input', () => {
    const names = ['Nguyễn Thị Minh Khai', 'Thừa Thiên Huế', 'Đồng Tháp', 'Khánh Hoà', 'Bùi Xuân Phái', 'Lê Quý Đôn'];
    for (const name of names) {
      expect(nfd(name)).not.toBe(name.normalize('NFC'));
      expect(foldVietnamese(nfd(name))).toBe(foldVietnamese(name.normalize('NFC')));
    }
    expect(foldVietnamese(nfd('Nguyễn'))).toBe('nguyen');
  });

  it('handles mixed NFD/NFC inside one string', () => {
    expect(foldVietnamese(`${nfd('Trường')} ${'Lê Lợi'.normalize('NFC')}`)).toBe('truong le loi');
  });

  it('collapses whitespace runs of any kind and trims', () => {
    expect(foldVietnamese('  Lê   Lợi  ')).toBe('le loi');
    expect(foldVietnamese('Lê\u00A0Lợi')).toBe('le loi'); // NBSP
    expect(foldVietnamese('Lê\u202FLợi')).toBe('le loi'); // narrow NBSP
    expect(foldVietnamese('Lê\u3000Lợi')).toBe('le loi'); // ideographic space
    expect(foldVietnamese('Lê\t\n\r Lợi')).toBe('le loi');
    expect(foldVietnamese('\u00A0\u00A0Huế\u00A0')).toBe('hue');
  });

  it('drops invisible characters', () => {
    expect(foldVietnamese('Lê\u200BLợi')).toBe('leloi');
    expect(foldVietnamese('\uFEFFHuế')).toBe('hue');
    expect(foldVietnamese('giáo\u00ADdục')).toBe('giaoduc');
  });

  it('folds typographic punctuation to ASCII', () => {
    expect(foldVietnamese('“Tiếng Việt”')).toBe('"tieng viet"');
    expect(foldVietnamese('‘ABC’')).toBe("'abc'");
    expect(foldVietnamese('2024–2025')).toBe('2024-2025');
    expect(foldVietnamese('A — B')).toBe('a - b');
    expect(foldVietnamese('Chờ…')).toBe('cho...');
  });

  it('keeps digits and punctuation', () => {
    expect(foldVietnamese('Lớp 6A1, năm học 2024-2025!')).toBe('lop 6a1, nam hoc 2024-2025!');
    expect(foldVietnamese('Số 15/QĐ-UBND')).toBe('so 15/qd-ubnd');
  });

  it('handles empty and blank strings', () => {
    expect(foldVietnamese('')).toBe('');
    expect(foldVietnamese('   ')).toBe('');
    expect(foldVietnamese('\u00A0\t\n')).toBe('');
  });

  it('keeps emoji (base characters)', () => {
    expect(foldVietnamese('Chúc mừng 🎉')).toBe('chuc mung 🎉');
    expect(foldVietnamese('👍🏽 Tốt')).toBe('👍🏽 tot');
  });

  it('strips diacritics of other Latin languages too', () => {
    expect(foldVietnamese('Café Crème')).toBe('cafe creme');
    expect(foldVietnamese('İstanbul')).toBe('istanbul');
  });

  it('is idempotent', () => {
    for (const s of ['Nguyễn  Văn A', 'Thừa Thiên Huế', '“x” – y', '']) {
      expect(foldVietnamese(foldVietnamese(s))).toBe(foldVietnamese(s));
    }
  });
});

describe('foldForMatch', () => {
  it('replaces non letters/digits by single spaces', () => {
    expect(foldForMatch('Lớp 6A1 (2024–2025)')).toBe('lop 6a1 2024 2025');
    expect(foldForMatch('Trường THCS Lê Lợi - Q.1, TP.HCM')).toBe('truong thcs le loi q 1 tp hcm');
    expect(foldForMatch('Số 15/QĐ-UBND')).toBe('so 15 qd ubnd');
    expect(foldForMatch('"Bà Rịa – Vũng Tàu"')).toBe('ba ria vung tau');
  });

  it('removes emoji and symbols', () => {
    expect(foldForMatch('🎉 Khai giảng 🎉')).toBe('khai giang');
    expect(foldForMatch('100% học sinh ✓')).toBe('100 hoc sinh');
  });

  it('handles empty/blank/punctuation-only input', () => {
    expect(foldForMatch('')).toBe('');
    expect(foldForMatch('   ')).toBe('');
    expect(foldForMatch('!?...—')).toBe('');
  });

  it('supports whole-word matching', () => {
    const hay = ` ${foldForMatch('Trường Tiểu học Hoà Bình, Đồng Tháp')} `;
    expect(hay.includes(` ${foldForMatch('hòa bình')} `)).toBe(true);
    expect(hay.includes(` ${foldForMatch('dong thap')} `)).toBe(true);
    expect(hay.includes(` ${foldForMatch('thap')} `)).toBe(true);
    expect(hay.includes(` ${foldForMatch('ong')} `)).toBe(false);
  });
});

describe('hasVietnameseDiacritics', () => {
  it('detects tones, vowel marks and đ', () => {
    expect(hasVietnameseDiacritics('Nguyễn')).toBe(true);
    expect(hasVietnameseDiacritics('Lê')).toBe(true); // circumflex only
    expect(hasVietnameseDiacritics('Lợi')).toBe(true);
    expect(hasVietnameseDiacritics('ư')).toBe(true); // horn only
    expect(hasVietnameseDiacritics('ă')).toBe(true); // breve only
    expect(hasVietnameseDiacritics('Da')).toBe(false);
    expect(hasVietnameseDiacritics('Đa')).toBe(true);
    expect(hasVietnameseDiacritics('đ')).toBe(true);
    expect(hasVietnameseDiacritics('ạ')).toBe(true); // dot below
    expect(hasVietnameseDiacritics('ả')).toBe(true); // hook above
  });

  it('works on NFD input', () => {
    expect(hasVietnameseDiacritics(nfd('Huế'))).toBe(true);
    expect(hasVietnameseDiacritics(nfd('Hue'))).toBe(false);
  });

  it('returns false for plain ASCII, digits, empty, emoji', () => {
    expect(hasVietnameseDiacritics('nguyen van a')).toBe(false);
    expect(hasVietnameseDiacritics('2024-2025')).toBe(false);
    expect(hasVietnameseDiacritics('')).toBe(false);
    expect(hasVietnameseDiacritics('🎉🇻🇳')).toBe(false);
  });
});

describe('normalizeToneMarks', () => {
  it.each([
    ['hoà', 'hòa'],
    ['hoá', 'hóa'],
    ['hoả', 'hỏa'],
    ['hoạ', 'họa'],
    ['loã', 'lõa'],
    ['khoẻ', 'khỏe'],
    ['xoè', 'xòe'],
    ['hoè', 'hòe'],
    ['thuỷ', 'thủy'],
    ['thuý', 'thúy'],
    ['tuỳ', 'tùy'],
    ['luỹ', 'lũy'],
    ['thuỵ', 'thụy'],
    ['uỷ', 'ủy'],
    ['toà', 'tòa'],
    ['thoả', 'thỏa'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeToneMarks(input)).toBe(expected);
  });

  it.each([
    // qu + y: y is the only vowel, mark stays on y in every style.
    'quý',
    'quỳ',
    'quỷ',
    'quỹ',
    'Lê Quý Đôn',
    // closed syllables and longer rhymes: both styles agree.
    'hoàng',
    'toán',
    'huỳnh',
    'Quỳnh',
    'ngoài',
    'xoáy',
    'khuỷu',
    'thuyết',
    'Nguyễn',
    'Huế',
    'thuế',
    'khuya',
    'hoặc',
    'người',
    // already in the target form / no tone
    'hòa',
    'thủy',
    'hoa',
    'thuy',
    'xoe',
    '',
  ])('leaves %j unchanged', (word) => {
    expect(normalizeToneMarks(word)).toBe(word);
  });

  it('converts whole phrases and place names', () => {
    expect(normalizeToneMarks('Khánh Hoà')).toBe('Khánh Hòa');
    expect(normalizeToneMarks('Thanh Hoá')).toBe('Thanh Hóa');
    expect(normalizeToneMarks('Hoà Bình')).toBe('Hòa Bình');
    expect(normalizeToneMarks('Uỷ ban nhân dân tỉnh Khánh Hoà')).toBe('Ủy ban nhân dân tỉnh Khánh Hòa');
    expect(normalizeToneMarks('Nguyễn Thị Thuỷ, lớp Hoá 10A')).toBe('Nguyễn Thị Thủy, lớp Hóa 10A');
    expect(normalizeToneMarks('Sức khoẻ học đường')).toBe('Sức khỏe học đường');
  });

  it('preserves case', () => {
    expect(normalizeToneMarks('HOÀ')).toBe('HÒA');
    expect(normalizeToneMarks('Hoà')).toBe('Hòa');
    expect(normalizeToneMarks('THUỶ')).toBe('THỦY');
    expect(normalizeToneMarks('hOÀ')).toBe('hÒA');
    expect(normalizeToneMarks('KHÁNH HOÀ')).toBe('KHÁNH HÒA');
  });

  it('accepts NFD input and returns NFC', () => {
    const out = normalizeToneMarks(nfd('Khánh Hoà, Thuỷ'));
    expect(out).toBe('Khánh Hòa, Thủy');
    expect(out).toBe(out.normalize('NFC'));
    expect(normalizeToneMarks(nfd('Nguyễn'))).toBe('Nguyễn');
  });

  it('keeps punctuation, digits, emoji and spacing as is', () => {
    expect(normalizeToneMarks('  hoà!  (2024–2025) 🎉 ')).toBe('  hòa!  (2024–2025) 🎉 ');
    expect(normalizeToneMarks('Hoà-Bình')).toBe('Hòa-Bình');
  });

  it('does not change the fold key', () => {
    for (const s of ['Khánh Hoà', 'Thuỷ', 'khoẻ', 'Quý', 'Hoàng']) {
      expect(foldVietnamese(normalizeToneMarks(s))).toBe(foldVietnamese(s));
    }
  });

  it('is idempotent', () => {
    const s = 'Uỷ ban Khánh Hoà, Thuỷ, khoẻ, quý';
    expect(normalizeToneMarks(normalizeToneMarks(s))).toBe(normalizeToneMarks(s));
  });
});
