import type { ReportKind, ReportListItem, ReportStatus } from '../../api/reports';
import { t } from '../../i18n';

/** React Query keys of the report pages: invalidating `reportsKey` refreshes every view. */
export const reportsKey = ['reports'] as const;
export const reportKey = (id: number) => [...reportsKey, 'detail', id] as const;

const kindLabels: Record<ReportKind, () => string> = {
  monthly_opinion: () => t('rp.kind.monthly_opinion'),
  semester: () => t('rp.kind.semester'),
  year_end: () => t('rp.kind.year_end'),
};
const statusLabels: Record<ReportStatus, () => string> = {
  generating: () => t('rp.status.generating'),
  draft: () => t('rp.status.draft'),
  approved: () => t('rp.status.approved'),
  submitted: () => t('rp.status.submitted'),
};
const statusColors: Record<ReportStatus, string> = { generating: 'gray', draft: 'blue', approved: 'teal', submitted: 'indigo' };

export const reportKindLabel = (k: ReportKind) => kindLabels[k]?.() ?? k;
export const reportStatusLabel = (s: ReportStatus) => statusLabels[s]?.() ?? s;
export const reportStatusColor = (s: ReportStatus) => statusColors[s] ?? 'gray';

/** On time / late badge text and colour, or null when there is no due date or it is not yet due. */
export function punctuality(r: Pick<ReportListItem, 'isLate' | 'lateDays'>): { label: string; color: string } | null {
  if (r.isLate === null) return null;
  return r.isLate ? { label: t('rp.late', { n: r.lateDays }), color: 'red' } : { label: t('rp.onTime'), color: 'green' };
}

/** The last twelve months as 'YYYY-MM', newest first (Vietnam time is close enough for a picker). */
export function recentMonths(count = 12): string[] {
  const d = new Date();
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const y = d.getFullYear();
    const m = d.getMonth() + 1 - i;
    const yy = m <= 0 ? y - 1 : y;
    const mm = m <= 0 ? m + 12 : m;
    out.push(`${yy}-${String(mm).padStart(2, '0')}`);
  }
  return out;
}
export const monthLabel = (m: string) => t('rp.monthLabel', { m: Number(m.slice(5)), y: m.slice(0, 4) });

/** This school year and the two before it ('2025-2026'). */
export function recentYears(): string[] {
  const d = new Date();
  const start = d.getMonth() + 1 >= 9 ? d.getFullYear() : d.getFullYear() - 1;
  return [0, 1, 2].map((i) => `${start - i}-${start - i + 1}`);
}
