import { AppError } from '../../platform/errors';

/**
 * The kinds of report and the period each covers (dates are Vietnam calendar days,
 * the end inclusive):
 * - `monthly_opinion` (báo cáo tình hình dư luận tháng): `{ month: '2026-10' }` → the month;
 * - `semester` (sơ kết học kỳ): `{ schoolYear: '2025-2026', semester: 1 | 2 }` →
 *   học kỳ I 01/09–31/01, học kỳ II 01/02–31/08 (as the dashboards count them);
 * - `year_end` (tổng kết năm): `{ schoolYear }` → 01/09–31/08, or `{ year }` → 01/01–31/12.
 */
export const reportKinds = ['monthly_opinion', 'semester', 'year_end'] as const;
export type ReportKind = (typeof reportKinds)[number];
export type PeriodInput = { month?: string; schoolYear?: string; semester?: 1 | 2; year?: number };
export type ReportPeriod = { key: string; start: string; end: string; label: string; title: string };

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const bad = () => new AppError('report.bad_period', 400, 'report.bad_period');

function schoolYearOfInput(s: string | undefined): [number, number] {
  const m = /^(\d{4})-(\d{4})$/.exec(s ?? '');
  if (!m || Number(m[2]) !== Number(m[1]) + 1) throw bad();
  return [Number(m[1]), Number(m[2])];
}

export function reportPeriod(kind: ReportKind, p: PeriodInput): ReportPeriod {
  if (kind === 'monthly_opinion') {
    const m = /^(\d{4})-(\d{2})$/.exec(p.month ?? '');
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw bad();
    const [y, mo] = [Number(m[1]), Number(m[2])];
    const label = `tháng ${mo} năm ${y}`;
    return { key: `${y}-${pad(mo)}`, start: `${y}-${pad(mo)}-01`, end: `${y}-${pad(mo)}-${pad(lastDay(y, mo))}`, label, title: `Tình hình thông tin, dư luận xã hội ${label}` };
  }
  if (kind === 'semester') {
    const [a, b] = schoolYearOfInput(p.schoolYear);
    if (p.semester !== 1 && p.semester !== 2) throw bad();
    const label = `học kỳ ${p.semester === 1 ? 'I' : 'II'} năm học ${a}-${b}`;
    const [start, end] = p.semester === 1 ? [`${a}-09-01`, `${b}-01-31`] : [`${b}-02-01`, `${b}-08-31`];
    return { key: `${a}-${b}/${p.semester}`, start, end, label, title: `Kết quả công tác truyền thông ${label}` };
  }
  if (p.year != null) {
    if (!Number.isInteger(p.year) || p.year < 2000 || p.year > 2100) throw bad();
    const label = `năm ${p.year}`;
    return { key: String(p.year), start: `${p.year}-01-01`, end: `${p.year}-12-31`, label, title: `Tổng kết công tác truyền thông ${label}` };
  }
  const [a, b] = schoolYearOfInput(p.schoolYear);
  const label = `năm học ${a}-${b}`;
  return { key: `${a}-${b}`, start: `${a}-09-01`, end: `${b}-08-31`, label, title: `Tổng kết công tác truyền thông ${label}` };
}

/** 00:00 of a Vietnam calendar day as an instant. */
export const vnDayStart = (day: string) => new Date(`${day}T00:00:00+07:00`);
/** The day after (for half-open windows). */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
/** The window [from, to) of a period, and the one just before it of the same length in months (monthly) or days. */
export function windowOf(period: { start: string; end: string }): { from: Date; to: Date } {
  return { from: vnDayStart(period.start), to: vnDayStart(nextDay(period.end)) };
}
/** The first and last Monday of the full weeks (Mon–Sun) inside [start, min(end, until)]. */
export function fullWeeks(start: string, end: string, until: string): { firstMonday: string | null; lastMonday: string | null } {
  const last = end < until ? end : until;
  const s = new Date(`${start}T00:00:00Z`);
  const offset = (8 - s.getUTCDay()) % 7; // days to the next Monday (0 when it is one)
  const first = addDays(start, offset);
  // the last full week ends on a Sunday on or before `last`
  const l = new Date(`${last}T00:00:00Z`);
  const lastSunday = addDays(last, -((l.getUTCDay() + 7) % 7));
  const lastMonday = addDays(lastSunday, -6);
  if (lastMonday < first) return { firstMonday: null, lastMonday: null };
  return { firstMonday: first, lastMonday };
}
/** The month before a 'YYYY-MM-01' day. */
export function previousMonthStart(start: string): string {
  const [y, m] = start.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12-01` : `${y}-${pad(m - 1)}-01`;
}
