import { Anchor, Button, Card, Group, Loader, Stack, Table, Text, Textarea } from '@mantine/core';
import { IconBellRinging, IconCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { deadlinesApi } from '../../api/plans';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate, formatDateTime } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { plansKey } from '../plans/keys';
import { useUnitAccess } from '../plans/usePlanUnit';
import { obligationsApi, obligationsKey } from './api';
import { StatusBadge } from './ObligationsPage';

/** One deadline (the evidence behind a score): its state, who met it, reminders and chases; mark it met or chase it. */
export function DeadlinePage({ id }: { id: number }) {
  const qc = useQueryClient();
  const q = useQuery({ queryKey: [...obligationsKey, 'deadline', id], queryFn: () => obligationsApi.deadline(id) });
  const access = useUnitAccess(q.data?.unitId);
  const [note, setNote] = useState('');
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: obligationsKey });
    void qc.invalidateQueries({ queryKey: plansKey });
  };
  const chase = useMutation({
    mutationFn: () => obligationsApi.chase([id], note.trim() || null),
    onSuccess: (r) => {
      notifySuccess(t('obl.chased', { n: r.chased.length, people: r.recipients }));
      setNote('');
      refresh();
    },
    onError: notifyError,
  });
  const fulfil = useMutation({
    mutationFn: () => deadlinesApi.fulfil(id),
    onSuccess: () => {
      notifySuccess(t('deadlines.fulfilled'));
      refresh();
    },
    onError: notifyError,
  });
  const d = q.data;
  return (
    <>
      <PageHeader title={t('obl.deadlineTitle')} />
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {d ? (
        <Stack gap="sm" maw={820}>
          <Card withBorder padding="md">
            <Stack gap={6}>
              <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
                <Text fw={700} className="loa-break" style={{ flex: 1, minWidth: 0 }}>
                  {d.what}
                </Text>
                <StatusBadge status={d.status} />
              </Group>
              <Text size="sm">{t('obl.detail.unit', { unit: d.unitName })}</Text>
              <Text size="sm">{t('obl.detail.due', { label: d.label, date: formatDate(d.dueDate) })}</Text>
              <Text size="sm" className="loa-break">
                {t('obl.detail.plan')}{' '}
                <Anchor component={Link} to={`/ke-hoach/${d.planId}` as '/'}>
                  {d.planTitle}
                </Anchor>
              </Text>
              {d.fulfilledAt ? <Text size="sm">{t('obl.detail.fulfilled', { at: formatDateTime(d.fulfilledAt), by: d.fulfilledByName ?? '—' })}</Text> : null}
              {d.remindedAt ? <Text size="sm" c="dimmed">{t('obl.detail.reminded', { at: formatDateTime(d.remindedAt) })}</Text> : null}
              {d.overdueRemindedAt ? <Text size="sm" c="dimmed">{t('obl.detail.overdueReminded', { at: formatDateTime(d.overdueRemindedAt) })}</Text> : null}
            </Stack>
          </Card>
          {access.canWrite ? (
            <Group gap="sm" wrap="wrap" align="flex-end">
              {!d.fulfilledAt ? (
                <Button leftSection={<IconCheck size={16} />} variant="light" color="teal" onClick={() => fulfil.mutate()} loading={fulfil.isPending}>
                  {t('deadlines.fulfil')}
                </Button>
              ) : null}
            </Group>
          ) : null}
          {access.canWrite && d.status === 'late' ? (
            <Card withBorder padding="sm">
              <Stack gap="xs">
                <Textarea label={t('obl.chaseNote')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={1} maxLength={500} />
                <Button leftSection={<IconBellRinging size={16} />} color="red" onClick={() => chase.mutate()} loading={chase.isPending} w={{ base: '100%', xs: 'auto' }}>
                  {t('obl.chaseOne')}
                </Button>
              </Stack>
            </Card>
          ) : null}
          <Text fw={600}>{t('obl.detail.chases')}</Text>
          {d.chases.length ? (
            <Table.ScrollContainer minWidth={300}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('obl.detail.chasedAt')}</Table.Th>
                    <Table.Th>{t('obl.detail.chasedBy')}</Table.Th>
                    <Table.Th>{t('obl.detail.recipients')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.chases.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>{formatDateTime(c.chasedAt)}</Table.Td>
                      <Table.Td className="loa-break">{c.note ? `${c.chasedByName ?? '—'}: ${c.note}` : (c.chasedByName ?? '—')}</Table.Td>
                      <Table.Td>{c.recipients}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ) : (
            <Text size="sm" c="dimmed">
              {t('obl.detail.noChases')}
            </Text>
          )}
        </Stack>
      ) : null}
    </>
  );
}
