import { t } from '../../i18n';
import type { EventKind, EventResponse, EventStatus } from './api';

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
