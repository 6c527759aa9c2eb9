import type { ExemplarKind, ExemplarStatus } from '../../api/exemplars';
import { t } from '../../i18n';

/** React Query keys of the exemplar pages: invalidating `exemplarsKey` refreshes every view. */
export const exemplarsKey = ['exemplars'] as const;
export const exemplarKey = (id: number) => [...exemplarsKey, 'detail', id] as const;

const kindLabels: Record<ExemplarKind, () => string> = {
  person: () => t('exemplars.kind.person'),
  team: () => t('exemplars.kind.team'),
  model: () => t('exemplars.kind.model'),
};
const statusLabels: Record<ExemplarStatus, () => string> = {
  nominated: () => t('exemplars.status.nominated'),
  approved: () => t('exemplars.status.approved'),
  rejected: () => t('exemplars.status.rejected'),
  published: () => t('exemplars.status.published'),
  archived: () => t('exemplars.status.archived'),
};
const statusColors: Record<ExemplarStatus, string> = { nominated: 'blue', approved: 'teal', rejected: 'orange', published: 'indigo', archived: 'gray' };

export const exemplarKindLabel = (k: ExemplarKind) => kindLabels[k]?.() ?? k;
export const exemplarStatusLabel = (s: ExemplarStatus) => statusLabels[s]?.() ?? s;
export const exemplarStatusColor = (s: ExemplarStatus) => statusColors[s] ?? 'gray';
/** '2025-2026' shown as '2025–2026'. */
export const schoolYearLabel = (y: string) => y.replace('-', '–');
