import { t } from '../../i18n';
import type { DeadlineStatus } from './api';

export const deadlineStatusLabel = (s: DeadlineStatus) =>
  ({ done: t('obl.status.done'), done_late: t('obl.status.done_late'), late: t('obl.status.late'), pending: t('obl.status.pending') })[s];
export const deadlineStatusColor = (s: DeadlineStatus) => ({ done: 'teal', done_late: 'orange', late: 'red', pending: 'blue' })[s];
