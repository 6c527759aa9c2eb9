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
