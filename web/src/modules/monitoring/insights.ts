import type { AlertChannel, Tone, TriageStatus } from '../../api/monitoring-insights';
import { t } from '../../i18n';

/** Labels and colours shared by the triage, alerts, dashboard and digest pages. */
export const toneLabel = (x: Tone | string) => t(`mi.tone.${x}` as 'mi.tone.negative');
export const toneColor = (x: Tone | string) => (x === 'negative' ? 'red.9' : x === 'positive' ? 'teal.9' : 'gray.8');
export const statusLabel = (x: TriageStatus | string) => t(`mi.status.${x}` as 'mi.status.new');
export const statusColor = (x: TriageStatus | string) => ({ new: 'blue.9', reviewed: 'gray.8', needs_action: 'red.9', closed: 'dark.6' })[x] ?? 'gray.8';
export const channelLabel = (x: AlertChannel) => t(`mi.channel.${x}` as 'mi.channel.inapp');
export function categoryLabel(code: string): string {
  const key = `mi.category.${code}` as 'mi.category.fees';
  const s = t(key);
  return s === key ? code : s;
}
export const percent = (x: number | null | undefined) => (x == null ? '—' : `${Math.round(x * 1000) / 10}%`);
