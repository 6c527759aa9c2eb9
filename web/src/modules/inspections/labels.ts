import { t } from '../../i18n';
import type { ActionStatus, FindingSeverity, InspectionMode, InspectionStatus } from './api';

const modeLabels: Record<InspectionMode, () => string> = { visit: () => t('insp.mode.visit'), remote: () => t('insp.mode.remote') };
const statusLabels: Record<InspectionStatus, () => string> = {
  planned: () => t('insp.status.planned'),
  follow_up: () => t('insp.status.follow_up'),
  closed: () => t('insp.status.closed'),
};
const severityLabels: Record<FindingSeverity, () => string> = {
  note: () => t('insp.severity.note'),
  minor: () => t('insp.severity.minor'),
  major: () => t('insp.severity.major'),
};
const actionLabels: Record<ActionStatus, () => string> = {
  open: () => t('insp.action.open'),
  reported: () => t('insp.action.reported'),
  closed: () => t('insp.action.closed'),
};
export const modeLabel = (m: InspectionMode) => modeLabels[m]?.() ?? m;
export const inspectionStatusLabel = (s: InspectionStatus) => statusLabels[s]?.() ?? s;
export const inspectionStatusColor = (s: InspectionStatus) => ({ planned: 'blue', follow_up: 'orange', closed: 'teal' })[s] ?? 'gray';
export const severityLabel = (s: FindingSeverity) => severityLabels[s]?.() ?? s;
export const severityColor = (s: FindingSeverity) => ({ note: 'gray', minor: 'orange', major: 'red' })[s] ?? 'gray';
export const actionStatusLabel = (s: ActionStatus) => actionLabels[s]?.() ?? s;
export const actionStatusColor = (s: ActionStatus) => ({ open: 'orange', reported: 'blue', closed: 'teal' })[s] ?? 'gray';
export const formatScore = (n: number | null) => (n == null ? '—' : new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(n));
