import { getVnDateParts, vnDate } from '../../../text';

/**
 * Quiet hours in Vietnam time ('HH:MM' or 'HH:MM:SS', as PostgreSQL prints a
 * `time`). A window may wrap midnight (22:00–06:00). Returns when an alert
 * raised at `at` may go out: `at` itself outside the window, else the window's end.
 */
export function afterQuietHours(at: Date, start: string | null, end: string | null): Date {
  if (!start || !end || start === end) return at;
  const mins = (s: string) => {
    const [h, m] = s.split(':').map(Number);
    return h * 60 + m;
  };
  const p = getVnDateParts(at);
  const nowMin = p.hour * 60 + p.minute;
  const s = mins(start);
  const e = mins(end);
  const isQuiet = s < e ? nowMin >= s && nowMin < e : nowMin >= s || nowMin < e;
  if (!isQuiet) return at;
  // the end of the window: today if it is still ahead, else tomorrow
  const dayOffset = nowMin < e ? 0 : 1;
  return vnDate(p.year, p.month, p.day + dayOffset, Math.floor(e / 60), e % 60);
}
