import { describe, expect, it } from 'vitest';
import { addWorkingDays, deadlinesFor, isWorkingDay, periodOf, vietnamHolidays } from './deadlines';

const holidays = new Set([...vietnamHolidays(2025), ...vietnamHolidays(2026)].map((h) => h.date));
const opts = { holidays };
const year2025 = periodOf({ year: 2025 });
const schoolYear = periodOf({ schoolYear: '2025-2026' });

describe('obligation deadlines', () => {
  it('"monthly report before the 20th" falls due at the end of the 19th, twelve times a year', () => {
    const d = deadlinesFor({ recurrence: 'monthly', dayOfMonth: 20, isBeforeDay: true, dueDate: null }, year2025, opts);
    expect(d).toHaveLength(12);
    expect(d[0]).toMatchObject({ label: 'Tháng 1/2025', dueDate: '2025-01-19' });
    // 23:59:59.999 on 19/01 in Vietnam is 16:59:59.999 UTC
    expect(d[0].dueAt.toISOString()).toBe('2025-01-19T16:59:59.999Z');
    expect(d[11].dueDate).toBe('2025-12-19');
  });

  it('"no later than the 31st" clamps to short months', () => {
    const d = deadlinesFor({ recurrence: 'monthly', dayOfMonth: 31, dueDate: null }, year2025, opts);
    expect(d[1].dueDate).toBe('2025-02-28');
  });

  it('a school year runs September to August', () => {
    const d = deadlinesFor({ recurrence: 'monthly', dayOfMonth: 25, dueDate: null }, schoolYear, opts);
    expect(d.map((x) => x.dueDate)).toEqual([
      '2025-09-25', '2025-10-25', '2025-11-25', '2025-12-25', '2026-01-25', '2026-02-25',
      '2026-03-25', '2026-04-25', '2026-05-25', '2026-06-25', '2026-07-25', '2026-08-25',
    ]);
  });

  it('weekly duties end on Sunday; a school year has 52 of them', () => {
    const d = deadlinesFor({ recurrence: 'weekly', dayOfMonth: null, dueDate: null }, schoolYear, opts);
    expect(d[0].dueDate).toBe('2025-09-07');
    expect(d).toHaveLength(52);
    expect(d[0].label).toBe('Tuần 01/09–07/09');
  });

  it('semester reports: end of semester I and end of the school year', () => {
    const d = deadlinesFor({ recurrence: 'semester', dayOfMonth: null, dueDate: null }, schoolYear, { holidays, semesterEnds: ['01-15', '05-31'] });
    expect(d.map((x) => x.dueDate)).toEqual(['2026-01-15', '2026-05-31']);
  });

  it('quarterly and one-off deadlines, "before 10/3" meaning the 9th', () => {
    expect(deadlinesFor({ recurrence: 'quarterly', dayOfMonth: null, dueDate: null }, year2025, opts).map((x) => x.dueDate)).toEqual([
      '2025-03-31', '2025-06-30', '2025-09-30', '2025-12-31',
    ]);
    expect(deadlinesFor({ recurrence: 'once', dayOfMonth: null, dueDate: '2025-03-10', isBeforeDay: true }, year2025, opts)).toMatchObject([
      { dueDate: '2025-03-09' },
    ]);
    expect(deadlinesFor({ recurrence: 'on_event', dayOfMonth: null, dueDate: null }, year2025, opts)).toEqual([]);
  });

  it('respects the holiday calendar where the plan counts working days', () => {
    expect(isWorkingDay('2026-02-18', holidays)).toBe(false); // Tết Bính Ngọ
    expect(isWorkingDay('2025-09-02', holidays)).toBe(false);
    expect(isWorkingDay('2025-09-03', holidays)).toBe(true);
    // 10 working days from Friday 13/02/2026 skip the weekend and the Tết holiday (16–20/02)
    expect(addWorkingDays('2026-02-13', 10, holidays)).toBe('2026-03-06');
    // a monthly deadline on the 19th of April 2026 (a Sunday) moves back to Friday 17th
    const d = deadlinesFor({ recurrence: 'monthly', dayOfMonth: 20, isBeforeDay: true, dueDate: null, isWorkingDaysOnly: true }, periodOf({ year: 2026 }), opts);
    expect(d[3].dueDate).toBe('2026-04-17');
  });
});
