import { foldVietnamese } from './fold';

/**
 * Date helpers for Vietnam (Asia/Ho_Chi_Minh).
 *
 * Vietnam has used UTC+7 without daylight saving time since 1975, so every
 * conversion here is fixed-offset arithmetic on epoch milliseconds. This is
 * deliberate: it does not depend on the host time zone (servers run in UTC,
 * browsers anywhere) nor on ICU time-zone data, which small Node builds may
 * lack. Dates before 1975 are therefore not handled historically correctly.
 *
 * All functions taking a `Date` throw `RangeError` for an invalid Date, as
 * `Date.prototype.toISOString` does, rather than printing "NaN/NaN/NaN".
 */

/** Offset of Asia/Ho_Chi_Minh from UTC, in minutes. */
export const VN_UTC_OFFSET_MINUTES = 7 * 60;

const OFFSET_MS = VN_UTC_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;

/** Calendar fields of an instant as seen on a wall clock in Vietnam. */
export interface VnDateParts {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday ... 6 = Saturday, as in `Date.prototype.getDay`. */
  weekday: number;
}

function assertValid(d: Date): number {
  const t = d.getTime();
  if (Number.isNaN(t)) throw new RangeError('Invalid Date');
  return t;
}

/** Wall-clock fields of `d` in Asia/Ho_Chi_Minh, independent of the host time zone. */
export function getVnDateParts(d: Date): VnDateParts {
  // Shift the instant by +7h and read it with the UTC getters: the UTC
  // fields of the shifted instant are the local fields of the original.
  const local = new Date(assertValid(d) + OFFSET_MS);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    millisecond: local.getUTCMilliseconds(),
    weekday: local.getUTCDay(),
  };
}

/**
 * The instant of a wall-clock time in Vietnam. Month is 1-based. Out-of-range
 * fields roll over like `Date.UTC` (day 0 = last day of previous month).
 * Years 0..99 are taken literally (not as 19xx, unlike `Date.UTC`).
 */
export function vnDate(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): Date {
  const u = new Date(0);
  u.setUTCFullYear(year, month - 1, day);
  u.setUTCHours(hour, minute, second, ms);
  return new Date(u.getTime() - OFFSET_MS);
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const pad4 = (n: number): string => (n < 0 ? '-' + String(-n).padStart(4, '0') : String(n).padStart(4, '0'));

/** `dd/mm/yyyy` in Vietnam time, e.g. `05/03/2025`. */
export function formatDateVi(d: Date): string {
  const p = getVnDateParts(d);
  return `${pad2(p.day)}/${pad2(p.month)}/${pad4(p.year)}`;
}

/** `HH:mm dd/mm/yyyy` (24-hour clock) in Vietnam time, e.g. `08:05 05/03/2025`. */
export function formatDateTimeVi(d: Date): string {
  const p = getVnDateParts(d);
  return `${pad2(p.hour)}:${pad2(p.minute)} ${formatDateVi(d)}`;
}

/**
 * The place-and-date line of an administrative document, e.g.
 * `Hà Nội, ngày 05 tháng 3 năm 2025`; without `place` (or with a blank one)
 * just `ngày 05 tháng 3 năm 2025`.
 *
 * Why the odd padding: Decree 30/2020/NĐ-CP (Appendix I) requires a leading
 * zero for days below 10 and months below 3 ("ngày nhỏ hơn 10 và tháng nhỏ
 * hơn 3 thì phải ghi thêm số 0 ở trước"), so months 1 and 2 are `01`, `02`
 * while months 3..12 are written plainly — which stops anyone appending a
 * digit to turn `tháng 1` into `tháng 11`.
 */
export function formatLongDateVi(d: Date, place?: string): string {
  const p = getVnDateParts(d);
  const month = p.month < 3 ? pad2(p.month) : String(p.month);
  const line = `ngày ${pad2(p.day)} tháng ${month} năm ${p.year}`;
  const where = place?.trim();
  return where ? `${where}, ${line}` : line;
}

/** Number of days in a month (1-based) of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Gregorian leap year rule: divisible by 4, except centuries not divisible by 400. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function buildDate(year: number, month: number, day: number): Date | null {
  if (!Number.isInteger(year) || year < 1 || year > 9999) return null;
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return null;
  return vnDate(year, month, day);
}

const NUMERIC_DMY_RE = /^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})$/;
const ISO_YMD_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
/** Matched against folded text, so diacritics and case do not matter. */
const LONG_DATE_RE = /^(?:.*,\s*)?ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})\.?$/;

/**
 * Parses a calendar date written the Vietnamese way and returns midnight
 * (00:00) Asia/Ho_Chi_Minh of that day.
 *
 * Accepted (surrounding whitespace ignored):
 * - `dd/mm/yyyy`, `d/m/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy` (day first, always;
 *   the separator must be the same twice)
 * - `yyyy-mm-dd` (ISO, as sent by `<input type="date">`)
 * - `ngày 5 tháng 3 năm 2025`, with or without diacritics, any case, and
 *   optionally preceded by a place and comma as produced by
 *   {@link formatLongDateVi} (`Hà Nội, ngày 05 tháng 3 năm 2025`).
 *
 * Returns `null` for anything else and for dates that do not exist
 * (`31/02/2025`, `29/02/2025`), and for years outside 1..9999.
 */
export function parseDateVi(s: string): Date | null {
  const text = s.trim();
  let m = NUMERIC_DMY_RE.exec(text);
  if (m) return buildDate(Number(m[4]), Number(m[3]), Number(m[1]));
  m = ISO_YMD_RE.exec(text);
  if (m) return buildDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = LONG_DATE_RE.exec(foldVietnamese(text));
  if (m) return buildDate(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}

/** Month (1-based) in which the Vietnamese school year starts. */
export const SCHOOL_YEAR_START_MONTH = 9;

/** A school year, e.g. `{ start: 2024, end: 2025, label: '2024–2025' }`. */
export interface SchoolYear {
  start: number;
  end: number;
  label: string;
}

/**
 * The school year containing `d` (Vietnam time). A school year is taken to
 * run from 1 September to 31 August, so 31/08/2025 belongs to 2024–2025 and
 * 01/09/2025 to 2025–2026. (The ministry's actual opening and closing dates
 * move every year; for grouping and labels a fixed boundary is what users
 * expect.)
 */
export function schoolYearOf(d: Date): SchoolYear {
  const p = getVnDateParts(d);
  const start = p.month >= SCHOOL_YEAR_START_MONTH ? p.year : p.year - 1;
  return { start, end: start + 1, label: formatSchoolYear(start) };
}

/** `2024–2025` — joined with an en dash (U+2013), the typographic range dash. */
export function formatSchoolYear(startYear: number): string {
  return `${startYear}\u2013${startYear + 1}`;
}

/** Calendar quarter (1..4) of `d` in Vietnam time. */
export function quarterOf(d: Date): 1 | 2 | 3 | 4 {
  return (Math.floor((getVnDateParts(d).month - 1) / 3) + 1) as 1 | 2 | 3 | 4;
}

/** `Quý I` .. `Quý IV`. Throws `RangeError` outside 1..4. */
export function formatQuarterVi(q: number): string {
  if (!Number.isInteger(q) || q < 1 || q > 4) throw new RangeError(`Invalid quarter: ${q}`);
  return `Quý ${toRoman(q)}`;
}

/**
 * `học kỳ I` / `học kỳ II` (lower case, for use inside a sentence; capitalise
 * at the call site when it starts a heading). Throws `RangeError` otherwise.
 */
export function formatSemesterVi(semester: 1 | 2): string {
  if (semester !== 1 && semester !== 2) throw new RangeError(`Invalid semester: ${String(semester)}`);
  return `học kỳ ${toRoman(semester)}`;
}

const ROMAN: ReadonlyArray<readonly [number, string]> = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

/** Roman numeral (standard subtractive form) for an integer 1..3999; `RangeError` otherwise. */
export function toRoman(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 3999) throw new RangeError(`Cannot write ${n} in Roman numerals`);
  let rest = n;
  let out = '';
  for (const [value, symbol] of ROMAN) {
    while (rest >= value) {
      out += symbol;
      rest -= value;
    }
  }
  return out;
}

/** Midnight of the local (Vietnam) day, as epoch ms of the shifted clock. */
function localDayStartMs(t: number): number {
  return Math.floor((t + OFFSET_MS) / DAY_MS) * DAY_MS;
}

/** 00:00:00.000 Vietnam time of the day containing `d`. */
export function startOfDayVn(d: Date): Date {
  return new Date(localDayStartMs(assertValid(d)) - OFFSET_MS);
}

/** 23:59:59.999 Vietnam time of the day containing `d` (inclusive end, for `BETWEEN`-style filters). */
export function endOfDayVn(d: Date): Date {
  return new Date(localDayStartMs(assertValid(d)) + DAY_MS - 1 - OFFSET_MS);
}

/**
 * `d` moved by `days` calendar days (negative goes back), keeping the
 * Vietnam wall-clock time. With no DST in Vietnam a calendar day is always
 * exactly 24 h, so this is plain millisecond arithmetic. `days` must be an
 * integer (`RangeError` otherwise).
 */
export function addDaysVn(d: Date, days: number): Date {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return new Date(assertValid(d) + days * DAY_MS);
}

/**
 * Monday 00:00 Vietnam time of the week containing `d`. Weeks run Monday to
 * Sunday (Vietnamese and ISO convention), so Sunday 23:30 belongs to the week
 * that began six days earlier — computed on the Vietnam wall clock, not UTC:
 * 2025-03-09T17:30Z is already Monday 10/03 00:30 in Vietnam and starts a
 * new week.
 */
export function startOfWeekVn(d: Date): Date {
  const dayStart = localDayStartMs(assertValid(d));
  const weekday = new Date(dayStart).getUTCDay(); // 0 = Sunday
  const sinceMonday = (weekday + 6) % 7;
  return new Date(dayStart - sinceMonday * DAY_MS - OFFSET_MS);
}

/**
 * ISO-8601 week number of `d` on the Vietnam calendar. Weeks start on Monday
 * and week 1 is the week containing the year's first Thursday, so `year` is
 * the ISO week-year and may differ from the calendar year near 1 January
 * (e.g. Monday 29/12/2025 is week 1 of 2026).
 */
export function isoWeekVn(d: Date): { year: number; week: number } {
  const dayStart = localDayStartMs(assertValid(d));
  const isoWeekday = new Date(dayStart).getUTCDay() || 7; // 1 = Monday ... 7 = Sunday
  // The Thursday of the same ISO week decides the week-year.
  const thursday = new Date(dayStart + (4 - isoWeekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const jan1 = new Date(0);
  jan1.setUTCFullYear(year, 0, 1);
  const week = Math.floor((thursday.getTime() - jan1.getTime()) / (7 * DAY_MS)) + 1;
  return { year, week };
}
