import { ActionIcon, Badge, Group, Tooltip } from '@mantine/core';
import { IconEye, IconEyeOff, IconPencil, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PublishStatus } from '../../api/sitecontent';
import { siteContentApi } from '../../api/sitecontent';
import { t } from '../../i18n';
import { notifyError, notifySuccess } from '../../ui/notify';

/** React Query keys of the site-content pages. */
export const siteContentKey = ['site-content'] as const;

/** '2026-06-01' → '01/06/2026'. */
export const dmy = (d: string | null | undefined) => (d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : '');
/** The Monday of the week holding a day (Vietnamese weeks run Monday–Sunday). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
const weekdayKeys = ['sc.day.0', 'sc.day.1', 'sc.day.2', 'sc.day.3', 'sc.day.4', 'sc.day.5', 'sc.day.6'] as const;
export const weekdayOf = (day: string) => t(weekdayKeys[new Date(`${day}T00:00:00Z`).getUTCDay()]);

export function StatusBadge({ status }: { status: PublishStatus }) {
  return (
    <Badge variant="light" color={status === 'published' ? 'teal' : 'gray'} style={{ flex: 'none' }}>
      {status === 'published' ? t('sc.status.published') : t('sc.status.draft')}
    </Badge>
  );
}

/** Edit / publish or take down / delete buttons of one row (each with an accessible name). */
export function RowActions(props: {
  name: string;
  onEdit?: () => void;
  publish?: { kind: 'admissions' | 'albums' | 'videos'; id: number; status: PublishStatus };
  remove?: { kind: 'admissions' | 'albums' | 'videos' | 'schedule' | 'faqs' | 'links'; id: number };
}) {
  const qc = useQueryClient();
  const toggle = useMutation({
    mutationFn: () => siteContentApi.setPublished(props.publish!.kind, props.publish!.id, props.publish!.status !== 'published'),
    onSuccess: () => {
      notifySuccess(props.publish!.status === 'published' ? t('sc.unpublished') : t('sc.published'));
      void qc.invalidateQueries({ queryKey: siteContentKey });
    },
    onError: notifyError,
  });
  const del = useMutation({
    mutationFn: () => siteContentApi.remove(props.remove!.kind, props.remove!.id),
    onSuccess: () => {
      notifySuccess(t('sc.deleted'));
      void qc.invalidateQueries({ queryKey: siteContentKey });
    },
    onError: notifyError,
  });
  const isPublished = props.publish?.status === 'published';
  return (
    <Group gap={4} wrap="nowrap" style={{ flex: 'none' }}>
      {props.onEdit && (
        <Tooltip label={t('sc.edit')}>
          <ActionIcon variant="subtle" size="lg" aria-label={t('sc.editNamed', { name: props.name })} onClick={props.onEdit}>
            <IconPencil size={18} />
          </ActionIcon>
        </Tooltip>
      )}
      {props.publish && (
        <Tooltip label={isPublished ? t('sc.unpublish') : t('sc.publish')}>
          <ActionIcon
            variant="subtle"
            size="lg"
            color={isPublished ? 'gray' : 'teal'}
            loading={toggle.isPending}
            aria-label={`${isPublished ? t('sc.unpublish') : t('sc.publish')}: ${props.name}`}
            onClick={() => toggle.mutate()}
          >
            {isPublished ? <IconEyeOff size={18} /> : <IconEye size={18} />}
          </ActionIcon>
        </Tooltip>
      )}
      {props.remove && (
        <Tooltip label={t('sc.delete')}>
          <ActionIcon
            variant="subtle"
            size="lg"
            color="red"
            loading={del.isPending}
            aria-label={t('sc.deleteNamed', { name: props.name })}
            onClick={() => {
              if (window.confirm(t('sc.confirmDelete', { name: props.name }))) del.mutate();
            }}
          >
            <IconTrash size={18} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}
