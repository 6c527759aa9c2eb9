import dayjs from 'dayjs';

/** Dates are shown as dd/mm/yyyy; the API speaks ISO yyyy-mm-dd. */
export const displayDateFormat = 'DD/MM/YYYY';

export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const d = dayjs(value);
  return d.isValid() ? d.format(displayDateFormat) : value;
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = dayjs(value);
  return d.isValid() ? d.format('DD/MM/YYYY HH:mm') : value;
}

export function todayIso(): string {
  return dayjs().format('YYYY-MM-DD');
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat('vi-VN').format(n);
}

/** Reads what people type: 5/9/2026, 05/09/2026, 05-09-2026 or 05.09.2026 (day first), or an ISO date. */
export function parseTypedDate(text: string): string | null {
  const s = text.trim();
  const iso = s.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  const vn = s.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : vn ? [vn[3], vn[2].padStart(2, '0'), vn[1].padStart(2, '0')] : [];
  if (!y) return null;
  const value = `${y}-${m}-${d}`;
  // refuse days that do not exist (31/02)
  return new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value ? value : null;
}
