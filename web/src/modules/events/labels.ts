import { t } from '../../i18n';
import type { EventKind, EventReminder, EventResponse, EventStatus } from './api';

const kindLabels: Record<EventKind, () => string> = {
  conference: () => t('ev.kind.conference'),
  training: () => t('ev.kind.training'),
  contest: () => t('ev.kind.contest'),
  other: () => t('ev.kind.other'),
};
const statusLabels: Record<EventStatus, () => string> = {
  planned: () => t('ev.status.planned'),
  held: () => t('ev.status.held'),
  cancelled: () => t('ev.status.cancelled'),
};
const responseLabels: Record<EventResponse, () => string> = {
  pending: () => t('ev.response.pending'),
  accepted: () => t('ev.response.accepted'),
  declined: () => t('ev.response.declined'),
};
export const eventKindLabel = (k: EventKind) => kindLabels[k]?.() ?? k;
export const eventStatusLabel = (s: EventStatus) => statusLabels[s]?.() ?? s;
export const eventStatusColor = (s: EventStatus) => ({ planned: 'blue', held: 'teal', cancelled: 'gray' })[s] ?? 'gray';
export const eventResponseLabel = (r: EventResponse) => responseLabels[r]?.() ?? r;
export const eventResponseColor = (r: EventResponse) => ({ pending: 'gray', accepted: 'teal', declined: 'orange' })[r] ?? 'gray';
const reminderLabels: Record<EventReminder, () => string> = {
  none: () => t('evcal.reminder.none'),
  '1h': () => t('evcal.reminder.1h'),
  '1d': () => t('evcal.reminder.1d'),
  '3d': () => t('evcal.reminder.3d'),
};
export const eventReminderLabel = (r: EventReminder) => reminderLabels[r]?.() ?? r;
