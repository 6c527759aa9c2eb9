import type { Clock, IncidentStatus } from '../../api/incidents';
import { type MessageKey, t } from '../../i18n';

export const statusLabel = (s: IncidentStatus) => t(`inc.status.${s}` as MessageKey);
export const severityLabel = (n: number) => t(`inc.severity.${n}` as MessageKey);
export const severityColor = (n: number) => (n >= 4 ? 'red.9' : n === 3 ? 'orange.9' : n === 2 ? 'yellow.9' : 'gray.8');
export const statusColor = (s: IncidentStatus) =>
  s === 'closed' ? 'gray.8' : s === 'cancelled' ? 'gray.7' : s === 'resolved' || s === 'review' ? 'teal.9' : s === 'contained' ? 'blue.9' : 'indigo.9';

/** "còn 3 giờ 20 phút" / "quá hạn 1 giờ 5 phút" / "đúng hạn" / "trễ hạn". */
export function clockText(c: NonNullable<Clock>): string {
  if (c.state === 'met') return t('inc.clock.met');
  if (c.state === 'late') return t('inc.clock.late');
  const ms = Math.abs(c.remainingMs);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const span = h >= 48 ? t('inc.clock.days', { d: Math.floor(h / 24), h: h % 24 }) : t('inc.clock.hours', { h, m });
  return c.state === 'overdue' ? t('inc.clock.overdue', { span }) : t('inc.clock.left', { span });
}
export const clockColor = (c: NonNullable<Clock>) => (c.state === 'overdue' || c.state === 'late' ? 'red.9' : c.state === 'met' ? 'teal.9' : c.remainingMs < 2 * 3_600_000 ? 'orange.9' : 'indigo.9');
export const hoursText = (h: number | null) => (h == null ? '—' : t('inc.hoursValue', { h: String(h).replace('.', ',') }));
