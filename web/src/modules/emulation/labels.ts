import { t } from '../../i18n';
import type { MessageKey } from '../../i18n';
import type { Metric, MetricKind, PeriodKind } from './api';

export const metricLabel = (m: string) => t(`emu.metric.${m}` as MessageKey);
export const periodKindLabel = (k: PeriodKind) => t(`emu.period.${k}` as MessageKey);
export const metricUnit = (k: MetricKind) => (k === 'percent' ? '%' : k === 'average' ? t('emu.unit.score') : t('emu.unit.count'));
export const defaultTarget = (m: Metric) => ({ articles_published: 40, weekly_quota_pct: 100, deadlines_on_time_pct: 100, incidents_on_clock_pct: 100, exemplars_published: 2, feedback_on_time_pct: 100, events_attended: 4, inspection_score: 100 })[m];

export function formatValue(v: number | null, kind: MetricKind): string {
  if (v === null) return t('emu.noData');
  const n = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(v);
  return kind === 'percent' ? `${n}%` : n;
}
export const formatPoints = (v: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(v);

/** School years around today, newest first ("2025-2026"). */
export function schoolYears(): string[] {
  const now = new Date();
  const start = now.getMonth() >= 8 ? now.getFullYear() : now.getFullYear() - 1;
  return Array.from({ length: 4 }, (_, i) => `${start + 1 - i}-${start + 2 - i}`);
}
