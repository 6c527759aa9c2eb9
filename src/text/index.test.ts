import { describe, it, expect } from 'vitest';
import * as text from './index';

describe('src/text index', () => {
  it('re-exports the whole toolkit', () => {
    const expected = [
      'foldVietnamese',
      'foldForMatch',
      'normalizeToneMarks',
      'hasVietnameseDiacritics',
      'tokenize',
      'slugify',
      'formatDateVi',
      'formatDateTimeVi',
      'formatLongDateVi',
      'parseDateVi',
      'schoolYearOf',
      'formatSchoolYear',
      'quarterOf',
      'formatQuarterVi',
      'formatSemesterVi',
      'toRoman',
      'startOfWeekVn',
      'isoWeekVn',
      'startOfDayVn',
      'endOfDayVn',
      'addDaysVn',
      'formatNumberVi',
      'parseNumberVi',
      'formatCurrencyVnd',
      'formatPercentVi',
    ];
    for (const name of expected) {
      expect(typeof (text as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it('pieces work together: search key of a stored display name', () => {
    const stored = text.normalizeToneMarks('Trường Tiểu học Hoà Bình, Khánh Hoà'.normalize('NFD'));
    expect(stored).toBe('Trường Tiểu học Hòa Bình, Khánh Hòa');
    expect(text.tokenize(stored)).toEqual(['truong', 'tieu', 'hoc', 'hoa', 'binh', 'khanh', 'hoa']);
    expect(text.slugify(stored)).toBe('truong-tieu-hoc-hoa-binh-khanh-hoa');
  });
});
