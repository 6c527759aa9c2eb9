import { Badge } from '@mantine/core';
import { t } from '../../i18n';
import type { ConsultationStatus, Stance } from './api';

const statusColor: Record<ConsultationStatus, string> = { draft: 'gray', open: 'green', closed: 'orange', answered: 'violet' };

export function ConsultationStatusBadge({ status }: { status: ConsultationStatus }) {
  return (
    <Badge variant="light" color={statusColor[status]} style={{ flex: 'none' }}>
      {t(`fb.status.${status}`)}
    </Badge>
  );
}

export const stanceLabel = (s: Stance | null) => (s ? t(`fb.stance.${s}`) : t('fb.stance.none'));

/** A datetime-local value (Vietnam time) from an ISO instant, and back. */
export function toLocalInput(isoValue: string | null | undefined): string {
  if (!isoValue) return '';
  const d = new Date(new Date(isoValue).getTime() + 7 * 3_600_000);
  return d.toISOString().slice(0, 16);
}
export function fromLocalInput(v: string): string {
  return new Date(`${v}:00+07:00`).toISOString();
}
