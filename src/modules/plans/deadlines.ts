import { addDaysVn, endOfDayVn, getVnDateParts, vnDate } from '../../text';

/**
 * Turns a plan's obligations ("monthly opinion report before the 20th", "one
 * article per school per week", "report at the end of semester I and of the
 * year", "plan due before 10/3") into concrete deadlines. Pure: the holiday
 * calendar and the semester dates come in as arguments.
 *
 * All dates are calendar days in Asia/Ho_Chi_Minh as 'yyyy-mm-dd'; a deadline
 * falls due at the end of its day (23:59:59.999, UTC+7).
 */
export type Recurrence = 'once' | 'weekly' | 'monthly' | 'quarterly' | 'semester' | 'yearly' | 'on_event' | 'on_request';
export type TimeRule = {
  recurrence: Recurrence;
  /** For monthly/quarterly rules: the day of the month named in the plan. */
  dayOfMonth: number | null;
  /** "trước ngày 20" — due at the end of the day before; "chậm nhất ngày 20" — due that day. */
  isBeforeDay?: boolean;
  /** For once/yearly rules: the date named in the plan. */
  dueDate: string | null;
  /** When the plan counts working days: a deadline on a weekend or holiday moves to the working day before. */
  isWorkingDaysOnly?: boolean;
};
export type Period = { start: string; end: string };
export type Deadline = { label: string; dueDate: string; dueAt: Date };
export type CalendarOptions = {
  holidays: ReadonlySet<string>;
  /** Month-day when semester I and the school year end, e.g. ['01-15', '05-31']. */
  semesterEnds?: [string, string];
};

export const iso = (d: Date): string => {
  const p = getVnDateParts(d);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
};
export const fromIso = (s: string): Date => {
  const [y, m, d] = s.split('-').map(Number);
  return vnDate(y, m, d);
};
const dayBefore = (s: string) => iso(addDaysVn(fromIso(s), -1));

/** A calendar year or a school year (1 September – 31 August). */
export function periodOf(p: { year: number } | { schoolYear: string }): Period {
  if ('year' in p) return { start: `${p.year}-01-01`, end: `${p.year}-12-31` };
  const start = Number(p.schoolYear.slice(0, 4));
  return { start: `${start}-09-01`, end: `${start + 1}-08-31` };
}

export function isWorkingDay(date: string, holidays: ReadonlySet<string>): boolean {
  const wd = getVnDateParts(fromIso(date)).weekday;
  return wd !== 0 && wd !== 6 && !holidays.has(date);
}

/** `n` working days after `date` (n ≥ 0; 0 gives the date itself, moved forward to a working day). */
export function addWorkingDays(date: string, n: number, holidays: ReadonlySet<string>): string {
  let d = date;
  while (!isWorkingDay(d, holidays)) d = iso(addDaysVn(fromIso(d), 1));
  for (let left = n; left > 0; ) {
    d = iso(addDaysVn(fromIso(d), 1));
    if (isWorkingDay(d, holidays)) left--;
  }
  return d;
}

function previousWorkingDay(date: string, holidays: ReadonlySet<string>): string {
  let d = date;
  while (!isWorkingDay(d, holidays)) d = dayBefore(d);
  return d;
}

function monthEnd(year: number, month: number): string {
  return iso(vnDate(year, month + 1, 0));
}

function clampDay(year: number, month: number, day: number): string {
  const last = Number(monthEnd(year, month).slice(8));
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/** Every deadline the rule yields within the period, in order. on_event / on_request yield none. */
export function deadlinesFor(rule: TimeRule, period: Period, opts: CalendarOptions): Deadline[] {
  const out: { label: string; dueDate: string }[] = [];
  const due = (y: number, m: number, day: number | null) => {
    const named = day == null ? monthEnd(y, m) : clampDay(y, m, day);
    return rule.isBeforeDay && day != null ? dayBefore(named) : named;
  };
  const months: { y: number; m: number }[] = [];
  for (let y = Number(period.start.slice(0, 4)), m = Number(period.start.slice(5, 7)); ; ) {
    months.push({ y, m });
    if (`${y}-${String(m).padStart(2, '0')}` >= period.end.slice(0, 7)) break;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  switch (rule.recurrence) {
    case 'once':
    case 'yearly': {
      if (rule.dueDate) {
        const d = rule.isBeforeDay ? dayBefore(rule.dueDate) : rule.dueDate;
        if (rule.recurrence === 'once') out.push({ label: `Hạn ${viDate(d)}`, dueDate: d });
        else {
          // the same month-day every year of the period
          for (let y = Number(period.start.slice(0, 4)); y <= Number(period.end.slice(0, 4)); y++) {
            const named = `${y}${rule.dueDate.slice(4)}`;
            const dd = rule.isBeforeDay ? dayBefore(named) : named;
            if (dd >= period.start && dd <= period.end) out.push({ label: `Năm ${y}`, dueDate: dd });
          }
        }
      } else if (rule.recurrence === 'yearly') out.push({ label: 'Cả năm', dueDate: period.end });
      break;
    }
    case 'monthly':
      for (const { y, m } of months) out.push({ label: `Tháng ${m}/${y}`, dueDate: due(y, m, rule.dayOfMonth) });
      break;
    case 'quarterly':
      for (const { y, m } of months.filter((x) => x.m % 3 === 0)) {
        out.push({ label: `Quý ${['I', 'II', 'III', 'IV'][m / 3 - 1]}/${y}`, dueDate: due(y, m, rule.dayOfMonth) });
      }
      break;
    case 'semester': {
      const [s1, s2] = opts.semesterEnds ?? ['01-15', '05-31'];
      for (let y = Number(period.start.slice(0, 4)); y <= Number(period.end.slice(0, 4)); y++) {
        for (const [md, label] of [
          [s1, 'Học kỳ I'],
          [s2, 'Cuối năm học'],
        ] as const) {
          const d = `${y}-${md}`;
          if (d >= period.start && d <= period.end) out.push({ label: `${label} ${y - 1}–${y}`, dueDate: d });
        }
      }
      break;
    }
    case 'weekly': {
      // Weeks run Monday–Sunday; a week counts for the period if its Sunday falls inside it.
      let d = fromIso(period.start);
      while (getVnDateParts(d).weekday !== 0) d = addDaysVn(d, 1);
      for (; iso(d) <= period.end; d = addDaysVn(d, 7)) {
        const monday = iso(addDaysVn(d, -6));
        out.push({ label: `Tuần ${viDate(monday).slice(0, 5)}–${viDate(iso(d)).slice(0, 5)}`, dueDate: iso(d) });
      }
      break;
    }
    case 'on_event':
    case 'on_request':
      break;
  }
  return out
    .filter((x) => x.dueDate >= period.start && x.dueDate <= period.end)
    .map((x) => {
      const dueDate = rule.isWorkingDaysOnly ? previousWorkingDay(x.dueDate, opts.holidays) : x.dueDate;
      return { label: x.label, dueDate, dueAt: endOfDayVn(fromIso(dueDate)) };
    });
}

function viDate(isoDate: string): string {
  return `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}`;
}

/**
 * Vietnam's public holidays as the default calendar (Labour Code 2019, art. 112):
 * 1/1, Tết (5 days from the last day of the lunar year), Hùng Kings' day (10/3 lunar),
 * 30/4, 1/5, 2/9 and the day before it. Lunar dates are tabulated for 2024–2030.
 * The government moves days each year by decision: offices edit the calendar in Loa.
 */
const lunar: Record<number, { tet: string; hung: string }> = {
  2024: { tet: '2024-02-10', hung: '2024-04-18' },
  2025: { tet: '2025-01-29', hung: '2025-04-07' },
  2026: { tet: '2026-02-17', hung: '2026-04-26' },
  2027: { tet: '2027-02-06', hung: '2027-04-16' },
  2028: { tet: '2028-01-26', hung: '2028-04-04' },
  2029: { tet: '2029-02-13', hung: '2029-04-23' },
  2030: { tet: '2030-02-03', hung: '2030-04-12' },
};
export function vietnamHolidays(year: number): { date: string; name: string }[] {
  const days = [
    { date: `${year}-01-01`, name: 'Tết Dương lịch' },
    { date: `${year}-04-30`, name: 'Ngày Chiến thắng' },
    { date: `${year}-05-01`, name: 'Ngày Quốc tế Lao động' },
    { date: `${year}-09-01`, name: 'Quốc khánh (nghỉ liền kề)' },
    { date: `${year}-09-02`, name: 'Quốc khánh' },
  ];
  const l = lunar[year];
  if (l) {
    for (let i = -1; i < 4; i++) days.push({ date: iso(addDaysVn(fromIso(l.tet), i)), name: 'Tết Nguyên đán' });
    days.push({ date: l.hung, name: 'Giỗ Tổ Hùng Vương' });
  }
  return days.sort((a, b) => a.date.localeCompare(b.date));
}
