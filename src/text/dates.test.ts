import { afterEach, describe, it, expect } from 'vitest';
import {
  addDaysVn,
  daysInMonth,
  endOfDayVn,
  formatDateTimeVi,
  formatDateVi,
  formatLongDateVi,
  formatQuarterVi,
  formatSchoolYear,
  formatSemesterVi,
  getVnDateParts,
  isLeapYear,
  isoWeekVn,
  parseDateVi,
  quarterOf,
  schoolYearOf,
  startOfDayVn,
  startOfWeekVn,
  toRoman,
  vnDate,
} from './dates';

const utc = (iso: string) => new Date(iso);
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const invalid = new Date(Number.NaN);

describe('getVnDateParts / vnDate', () => {
  it('reads the wall clock at UTC+7', () => {
    expect(getVnDateParts(utc('2025-03-09T17:30:00Z'))).toEqual({
      year: 2025,
      month: 3,
      day: 10,
      hour: 0,
      minute: 30,
      second: 0,
      millisecond: 0,
      weekday: 1,
    });
  });

  it('vnDate builds the instant of a Vietnam wall-clock time', () => {
    expect(iso(vnDate(2025, 3, 10))).toBe('2025-03-09T17:00:00.000Z');
    expect(iso(vnDate(2025, 1, 1, 6, 45))).toBe('2024-12-31T23:45:00.000Z');
    expect(getVnDateParts(vnDate(50, 6, 1)).year).toBe(50); // not 1950
  });

  it('round-trips', () => {
    const d = vnDate(2024, 2, 29, 23, 59, 58, 123);
    const p = getVnDateParts(d);
    expect([p.year, p.month, p.day, p.hour, p.minute, p.second, p.millisecond]).toEqual([2024, 2, 29, 23, 59, 58, 123]);
  });

  it('throws on invalid Date', () => {
    expect(() => getVnDateParts(invalid)).toThrow(RangeError);
  });
});

describe('formatDateVi / formatDateTimeVi', () => {
  it('formats in Vietnam time, not UTC', () => {
    expect(formatDateVi(utc('2025-03-05T00:00:00Z'))).toBe('05/03/2025');
    expect(formatDateVi(utc('2025-03-09T17:30:00Z'))).toBe('10/03/2025');
    expect(formatDateVi(utc('2025-03-09T16:59:59.999Z'))).toBe('09/03/2025');
    expect(formatDateVi(utc('2024-12-31T17:00:00Z'))).toBe('01/01/2025');
  });

  it('formats date-time with a 24h clock', () => {
    expect(formatDateTimeVi(utc('2025-03-09T17:30:00Z'))).toBe('00:30 10/03/2025');
    expect(formatDateTimeVi(utc('2025-03-05T01:05:00Z'))).toBe('08:05 05/03/2025');
    expect(formatDateTimeVi(utc('2025-11-20T13:45:59Z'))).toBe('20:45 20/11/2025');
  });

  it('pads years below 1000', () => {
    expect(formatDateVi(vnDate(999, 1, 2))).toBe('02/01/0999');
  });

  it('throws on invalid Date', () => {
    expect(() => formatDateVi(invalid)).toThrow(RangeError);
    expect(() => formatDateTimeVi(invalid)).toThrow(RangeError);
  });
});

describe('formatLongDateVi', () => {
  it('follows Decree 30/2020 zero padding (day < 10, month < 3)', () => {
    expect(formatLongDateVi(vnDate(2025, 3, 5), 'Hà Nội')).toBe('Hà Nội, ngày 05 tháng 3 năm 2025');
    expect(formatLongDateVi(vnDate(2025, 1, 9), 'Huế')).toBe('Huế, ngày 09 tháng 01 năm 2025');
    expect(formatLongDateVi(vnDate(2025, 2, 28), 'Cao Lãnh')).toBe('Cao Lãnh, ngày 28 tháng 02 năm 2025');
    expect(formatLongDateVi(vnDate(2025, 10, 10), 'Nha Trang')).toBe('Nha Trang, ngày 10 tháng 10 năm 2025');
    expect(formatLongDateVi(vnDate(2025, 12, 1))).toBe('ngày 01 tháng 12 năm 2025');
    expect(formatLongDateVi(vnDate(2025, 11, 20))).toBe('ngày 20 tháng 11 năm 2025');
  });

  it.each([
    [1, '01'],
    [2, '02'],
    [3, '3'],
    [9, '9'],
    [12, '12'],
  ])('month %i is written "tháng %s"', (month, text) => {
    expect(formatLongDateVi(vnDate(2025, month, 15))).toBe(`ngày 15 tháng ${text} năm 2025`);
  });

  it('omits a blank place', () => {
    expect(formatLongDateVi(vnDate(2025, 3, 5), '')).toBe('ngày 05 tháng 3 năm 2025');
    expect(formatLongDateVi(vnDate(2025, 3, 5), '   ')).toBe('ngày 05 tháng 3 năm 2025');
    expect(formatLongDateVi(vnDate(2025, 3, 5), '  TP. Hồ Chí Minh ')).toBe('TP. Hồ Chí Minh, ngày 05 tháng 3 năm 2025');
  });

  it('uses the Vietnam calendar day', () => {
    expect(formatLongDateVi(utc('2025-03-09T17:30:00Z'), 'Hà Nội')).toBe('Hà Nội, ngày 10 tháng 3 năm 2025');
  });
});

describe('parseDateVi', () => {
  const midnight = (y: number, m: number, d: number) => iso(vnDate(y, m, d));

  it.each([
    ['05/03/2025', 2025, 3, 5],
    ['5/3/2025', 2025, 3, 5],
    ['05-03-2025', 2025, 3, 5],
    ['05.03.2025', 2025, 3, 5],
    ['2025-03-05', 2025, 3, 5],
    ['2025-3-5', 2025, 3, 5],
    ['  31/12/2024 ', 2024, 12, 31],
    ['1/1/2025', 2025, 1, 1],
    ['ngày 5 tháng 3 năm 2025', 2025, 3, 5],
    ['ngày 05 tháng 3 năm 2025', 2025, 3, 5],
    ['ngay 5 thang 3 nam 2025', 2025, 3, 5],
    ['NGÀY 20 THÁNG 11 NĂM 2025', 2025, 11, 20],
    ['Ngày 01 tháng 01 năm 2025.', 2025, 1, 1],
    ['Hà Nội, ngày 05 tháng 3 năm 2025', 2025, 3, 5],
    ['Thừa Thiên Huế, ngày 02 tháng 02 năm 2024', 2024, 2, 2],
  ])('%j → %i-%i-%i', (text, y, m, d) => {
    expect(iso(parseDateVi(text))).toBe(midnight(y, m, d));
  });

  it('returns midnight in Vietnam (17:00Z of the previous UTC day)', () => {
    expect(iso(parseDateVi('10/03/2025'))).toBe('2025-03-09T17:00:00.000Z');
    expect(formatDateVi(parseDateVi('10/03/2025')!)).toBe('10/03/2025');
  });

  it('accepts NFD text', () => {
    expect(iso(parseDateVi('ngày 5 tháng 3 năm 2025'.normalize('NFD')))).toBe(midnight(2025, 3, 5));
  });

  it('handles leap years', () => {
    expect(iso(parseDateVi('29/02/2024'))).toBe(midnight(2024, 2, 29));
    expect(iso(parseDateVi('29/02/2000'))).toBe(midnight(2000, 2, 29));
    expect(parseDateVi('29/02/2025')).toBeNull();
    expect(parseDateVi('29/02/1900')).toBeNull();
    expect(parseDateVi('2100-02-29')).toBeNull();
  });

  it.each([
    '31/02/2025',
    '30/02/2024',
    '31/04/2025',
    '31/06/2025',
    '31/09/2025',
    '31/11/2025',
    '00/01/2025',
    '32/01/2025',
    '15/13/2025',
    '15/00/2025',
    '2025-02-30',
    'ngày 31 tháng 2 năm 2025',
    '05/03/25',
    '05/03-2025',
    '5 3 2025',
    '2025/03/05x',
    'hôm qua',
    '',
    '   ',
    '01/01/0000',
    '🎉',
    'ngày 5 tháng năm 2025',
    '123/03/2025',
  ])('rejects %j', (text) => {
    expect(parseDateVi(text)).toBeNull();
  });

  it('round-trips with the formatters', () => {
    for (const d of [vnDate(2025, 1, 1), vnDate(2024, 2, 29), vnDate(2025, 12, 31), vnDate(2026, 9, 5)]) {
      expect(iso(parseDateVi(formatDateVi(d)))).toBe(iso(d));
      expect(iso(parseDateVi(formatLongDateVi(d, 'Đồng Tháp')))).toBe(iso(d));
    }
  });
});

describe('daysInMonth / isLeapYear', () => {
  it('knows month lengths', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2025, m))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(daysInMonth(2024, 2)).toBe(29);
  });

  it('applies the Gregorian leap rule', () => {
    expect(isLeapYear(2024)).toBe(true);
    expect(isLeapYear(2025)).toBe(false);
    expect(isLeapYear(2000)).toBe(true);
    expect(isLeapYear(1900)).toBe(false);
    expect(isLeapYear(2100)).toBe(false);
  });
});

describe('school years', () => {
  it('starts on 1 September, Vietnam time', () => {
    expect(schoolYearOf(vnDate(2024, 9, 1))).toEqual({ start: 2024, end: 2025, label: '2024–2025' });
    expect(schoolYearOf(vnDate(2025, 5, 31))).toEqual({ start: 2024, end: 2025, label: '2024–2025' });
    expect(schoolYearOf(vnDate(2025, 8, 31, 23, 59, 59, 999)).start).toBe(2024);
    expect(schoolYearOf(vnDate(2025, 9, 1)).start).toBe(2025);
    expect(schoolYearOf(vnDate(2025, 1, 1)).label).toBe('2024–2025');
    expect(schoolYearOf(vnDate(2025, 12, 31)).label).toBe('2025–2026');
  });

  it('uses local time at the boundary', () => {
    // 2025-08-31T17:00Z is 01/09/2025 00:00 in Vietnam.
    expect(schoolYearOf(utc('2025-08-31T17:00:00Z')).start).toBe(2025);
    expect(schoolYearOf(utc('2025-08-31T16:59:59Z')).start).toBe(2024);
  });

  it('formats with an en dash', () => {
    expect(formatSchoolYear(2024)).toBe('2024–2025');
    expect(formatSchoolYear(2024)).toBe('2024\u20132025');
    expect(formatSchoolYear(1999)).toBe('1999–2000');
  });
});

describe('quarters, semesters, Roman numerals', () => {
  it('quarterOf uses the Vietnam month', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => quarterOf(vnDate(2025, m, 15)))).toEqual([
      1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4,
    ]);
    // 31/03 23:30 UTC is already 1 April in Vietnam.
    expect(quarterOf(utc('2025-03-31T17:30:00Z'))).toBe(2);
    expect(quarterOf(utc('2024-12-31T17:00:00Z'))).toBe(1);
  });

  it('formatQuarterVi', () => {
    expect([1, 2, 3, 4].map(formatQuarterVi)).toEqual(['Quý I', 'Quý II', 'Quý III', 'Quý IV']);
    expect(() => formatQuarterVi(0)).toThrow(RangeError);
    expect(() => formatQuarterVi(5)).toThrow(RangeError);
    expect(() => formatQuarterVi(1.5)).toThrow(RangeError);
  });

  it('formatSemesterVi', () => {
    expect(formatSemesterVi(1)).toBe('học kỳ I');
    expect(formatSemesterVi(2)).toBe('học kỳ II');
    expect(() => formatSemesterVi(3 as 1)).toThrow(RangeError);
  });

  it('toRoman', () => {
    expect(toRoman(1)).toBe('I');
    expect(toRoman(4)).toBe('IV');
    expect(toRoman(9)).toBe('IX');
    expect(toRoman(12)).toBe('XII');
    expect(toRoman(14)).toBe('XIV');
    expect(toRoman(40)).toBe('XL');
    expect(toRoman(90)).toBe('XC');
    expect(toRoman(400)).toBe('CD');
    expect(toRoman(1945)).toBe('MCMXLV');
    expect(toRoman(2025)).toBe('MMXXV');
    expect(toRoman(3999)).toBe('MMMCMXCIX');
    for (const bad of [0, -1, 4000, 2.5, Number.NaN]) {
      expect(() => toRoman(bad)).toThrow(RangeError);
    }
  });
});

describe('day boundaries', () => {
  it('startOfDayVn / endOfDayVn', () => {
    const d = utc('2025-03-09T17:30:00Z'); // 10/03 00:30 local
    expect(iso(startOfDayVn(d))).toBe('2025-03-09T17:00:00.000Z');
    expect(iso(endOfDayVn(d))).toBe('2025-03-10T16:59:59.999Z');
    const late = utc('2025-03-10T16:59:59.999Z'); // 10/03 23:59:59.999 local
    expect(iso(startOfDayVn(late))).toBe('2025-03-09T17:00:00.000Z');
    expect(iso(endOfDayVn(late))).toBe('2025-03-10T16:59:59.999Z');
  });

  it('works before 1970 (negative epoch)', () => {
    const d = vnDate(1960, 5, 15, 10);
    expect(iso(startOfDayVn(d))).toBe(iso(vnDate(1960, 5, 15)));
    expect(formatDateVi(endOfDayVn(d))).toBe('15/05/1960');
  });

  it('addDaysVn keeps the local time and crosses months/years', () => {
    const d = vnDate(2025, 2, 28, 8, 0);
    expect(formatDateTimeVi(addDaysVn(d, 1))).toBe('08:00 01/03/2025');
    expect(formatDateTimeVi(addDaysVn(vnDate(2024, 2, 28, 8), 1))).toBe('08:00 29/02/2024');
    expect(formatDateTimeVi(addDaysVn(vnDate(2024, 12, 31, 23, 59), 1))).toBe('23:59 01/01/2025');
    expect(formatDateTimeVi(addDaysVn(d, -28))).toBe('08:00 31/01/2025');
    expect(formatDateTimeVi(addDaysVn(d, 0))).toBe('08:00 28/02/2025');
    expect(formatDateVi(addDaysVn(vnDate(2024, 1, 1), 366))).toBe('01/01/2025');
  });

  it('addDaysVn rejects fractional days and invalid dates', () => {
    expect(() => addDaysVn(vnDate(2025, 1, 1), 0.5)).toThrow(RangeError);
    expect(() => addDaysVn(invalid, 1)).toThrow(RangeError);
    expect(() => startOfDayVn(invalid)).toThrow(RangeError);
    expect(() => endOfDayVn(invalid)).toThrow(RangeError);
  });
});

describe('weeks', () => {
  it('UTC Sunday 17:30 is already Monday 00:30 in Vietnam (new week)', () => {
    const d = utc('2025-03-09T17:30:00Z');
    expect(getVnDateParts(d).weekday).toBe(1);
    expect(iso(startOfWeekVn(d))).toBe(iso(vnDate(2025, 3, 10)));
  });

  it('Sunday 23:30 local belongs to the week that started the previous Monday', () => {
    const sundayLate = vnDate(2025, 3, 9, 23, 30);
    expect(getVnDateParts(sundayLate).weekday).toBe(0);
    expect(iso(startOfWeekVn(sundayLate))).toBe(iso(vnDate(2025, 3, 3)));
  });

  it('every day Monday..Sunday maps to the same Monday', () => {
    for (let day = 10; day <= 16; day++) {
      for (const hour of [0, 12, 23]) {
        expect(iso(startOfWeekVn(vnDate(2025, 3, day, hour, 59)))).toBe(iso(vnDate(2025, 3, 10)));
      }
    }
    expect(iso(startOfWeekVn(vnDate(2025, 3, 17)))).toBe(iso(vnDate(2025, 3, 17)));
  });

  it('crosses month and year boundaries', () => {
    expect(formatDateVi(startOfWeekVn(vnDate(2025, 1, 1)))).toBe('30/12/2024');
    expect(formatDateVi(startOfWeekVn(vnDate(2024, 3, 2)))).toBe('26/02/2024');
  });

  it.each([
    [2025, 3, 10, 2025, 11],
    [2025, 3, 9, 2025, 10],
    [2025, 1, 1, 2025, 1],
    [2024, 12, 30, 2025, 1],
    [2025, 12, 28, 2025, 52],
    [2025, 12, 29, 2026, 1],
    [2021, 1, 3, 2020, 53],
    [2021, 1, 4, 2021, 1],
    [2026, 12, 31, 2026, 53],
    [2027, 1, 1, 2026, 53],
    [2027, 1, 4, 2027, 1],
    [2024, 2, 29, 2024, 9],
  ])('isoWeekVn(%i-%i-%i) = %i-W%i', (y, m, d, wy, w) => {
    expect(isoWeekVn(vnDate(y, m, d, 12))).toEqual({ year: wy, week: w });
  });

  it('isoWeekVn uses the local day', () => {
    expect(isoWeekVn(utc('2025-03-09T17:30:00Z'))).toEqual({ year: 2025, week: 11 });
    expect(isoWeekVn(utc('2025-03-09T16:30:00Z'))).toEqual({ year: 2025, week: 10 });
    // 28/12/2025 23:30 UTC is Monday 29/12 06:30 in Vietnam: week 1 of 2026.
    expect(isoWeekVn(utc('2025-12-28T23:30:00Z'))).toEqual({ year: 2026, week: 1 });
  });
});

describe('host time zone independence', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it('gives identical results whatever TZ the process runs in', () => {
    const d = utc('2025-03-09T17:30:00Z');
    const run = () => [
      formatDateTimeVi(d),
      formatLongDateVi(d, 'Hà Nội'),
      iso(startOfWeekVn(d)),
      iso(startOfDayVn(d)),
      iso(parseDateVi('10/03/2025')),
      JSON.stringify(isoWeekVn(d)),
      schoolYearOf(d).label,
    ];
    process.env.TZ = 'UTC';
    const inUtc = run();
    for (const tz of ['America/New_York', 'Asia/Ho_Chi_Minh', 'Pacific/Kiritimati', 'Europe/London']) {
      process.env.TZ = tz;
      expect(run()).toEqual(inUtc);
    }
    expect(inUtc[0]).toBe('00:30 10/03/2025');
  });
});
