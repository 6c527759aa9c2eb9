import { Anchor, Badge, Button, Card, Group, Loader, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Suspense, lazy, useMemo, useState } from 'react';
import { type OutletKind, outletKinds, pressApi, pressKey } from '../../api/press';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { can } from '../auth/permissions';
import { useUser } from '../auth/session';
import { outletKindLabel } from './labels';

// ECharts is large: load it only when a chart is on screen.
const EChart = lazy(() => import('../../ui/EChart').then((m) => ({ default: m.EChart })));

/** Outlets and journalists, each outlet with its coverage from monitoring (by tone per month). */
export function OutletsTab({ unitId }: { unitId: number }) {
  const user = useUser();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: [...pressKey, 'outlets', unitId, ''], queryFn: () => pressApi.outlets(unitId) });
  const [selected, setSelected] = useState<number | null>(null);
  const [f, setF] = useState({ name: '', kind: 'online' as OutletKind, host: '' });
  const create = useMutation({
    mutationFn: () => pressApi.saveOutlet(null, { unitId, name: f.name, kind: f.kind, host: f.host || null }),
    onSuccess: async () => {
      notifySuccess(t('press.saved'));
      setF({ name: '', kind: 'online', host: '' });
      await qc.invalidateQueries({ queryKey: [...pressKey, 'outlets'] });
    },
  });
  return (
    <Stack gap="sm">
      {list.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {list.data?.items.length === 0 ? <Text c="dimmed">{t('press.ou.none')}</Text> : null}
      {list.data?.items.map((o) => (
        <Card key={o.id} withBorder padding="sm">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Anchor component="button" type="button" fw={600} onClick={() => setSelected(selected === o.id ? null : o.id)} aria-expanded={selected === o.id}>
                {o.name}
              </Anchor>
              <Text size="sm" c="dimmed">
                {[outletKindLabel(o.kind), o.host, t('press.ou.counts', { j: o.journalistCount ?? 0, n: o.itemCount ?? 0 })].filter(Boolean).join(' · ')}
              </Text>
            </Stack>
          </Group>
          {selected === o.id ? <OutletDetail id={o.id} /> : null}
        </Card>
      ))}
      {can(user, 'press.write') ? (
        <Card withBorder>
          <Stack gap="sm">
            <Text fw={600}>{t('press.ou.new')}</Text>
            <TextInput label={t('press.ou.name')} required value={f.name} onChange={(e) => { const v = e.currentTarget.value; setF((x) => ({ ...x, name: v })); }} />
            <Select label={t('press.ou.kind')} data={outletKinds.map((k) => ({ value: k, label: outletKindLabel(k) }))} value={f.kind} onChange={(v) => setF((x) => ({ ...x, kind: (v as OutletKind) ?? 'online' }))} />
            <TextInput label={t('press.ou.host')} placeholder={t('press.ou.hostPlaceholder')} value={f.host} onChange={(e) => { const v = e.currentTarget.value; setF((x) => ({ ...x, host: v })); }} />
            {create.error ? <ErrorAlert error={create.error} /> : null}
            <Group>
              <Button disabled={!f.name.trim()} loading={create.isPending} onClick={() => create.mutate()}>
                {t('press.ou.create')}
              </Button>
            </Group>
          </Stack>
        </Card>
      ) : null}
    </Stack>
  );
}

function OutletDetail({ id }: { id: number }) {
  const user = useUser();
  const qc = useQueryClient();
  const outlet = useQuery({ queryKey: [...pressKey, 'outlet', id], queryFn: () => pressApi.outlet(id) });
  const coverage = useQuery({ queryKey: [...pressKey, 'coverage', id], queryFn: () => pressApi.coverage(id) });
  const [j, setJ] = useState({ name: '', beat: '', phone: '', email: '' });
  const add = useMutation({
    mutationFn: () => pressApi.addJournalist({ outletId: id, name: j.name, beat: j.beat || null, phone: j.phone || null, email: j.email || null }),
    onSuccess: async () => {
      notifySuccess(t('press.saved'));
      setJ({ name: '', beat: '', phone: '', email: '' });
      await qc.invalidateQueries({ queryKey: pressKey });
    },
  });
  const option = useMemo(() => {
    const months = coverage.data?.byMonth ?? [];
    return {
      tooltip: { trigger: 'axis' as const },
      legend: { bottom: 0 },
      grid: { left: 40, right: 10, top: 10, bottom: 40 },
      xAxis: { type: 'category' as const, data: months.map((m) => m.month) },
      yAxis: { type: 'value' as const, minInterval: 1 },
      series: [
        { name: t('press.tone.negative'), type: 'bar' as const, stack: 'tone', data: months.map((m) => m.negative), itemStyle: { color: '#c92a2a' } },
        { name: t('press.tone.neutral'), type: 'bar' as const, stack: 'tone', data: months.map((m) => m.neutral), itemStyle: { color: '#868e96' } },
        { name: t('press.tone.positive'), type: 'bar' as const, stack: 'tone', data: months.map((m) => m.positive), itemStyle: { color: '#2b8a3e' } },
      ],
    };
  }, [coverage.data]);
  return (
    <Stack gap="sm" mt="sm">
      {coverage.data && coverage.data.byMonth.length ? <Suspense fallback={<Loader aria-label={t('common.loading')} />}>
          <EChart option={option} height={240} ariaLabel={t('press.ou.chart')} />
        </Suspense> : <Text size="sm" c="dimmed">{t('press.ou.noCoverage')}</Text>}
      {coverage.data?.latest.length ? (
        <Stack gap={2}>
          {coverage.data.latest.slice(0, 8).map((x) => (
            <Text key={x.id} size="sm">
              {x.url ? (
                <Anchor href={x.url} target="_blank" rel="noopener">
                  {x.title || x.url}
                </Anchor>
              ) : (
                x.title
              )}{' '}
              <Badge size="xs" variant="light" color={x.tone === 'negative' ? 'red' : x.tone === 'positive' ? 'green' : 'gray'}>
                {t(`press.tone.${x.tone as 'negative' | 'neutral' | 'positive'}`)}
              </Badge>{' '}
              <Text span size="xs" c="dimmed">
                {formatDate(x.publishedAt)}
              </Text>
            </Text>
          ))}
        </Stack>
      ) : null}
      <Text fw={600}>{t('press.ou.journalists')}</Text>
      {outlet.data?.journalists?.length ? (
        <Table.ScrollContainer minWidth={300}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('press.ou.jName')}</Table.Th>
                <Table.Th>{t('press.ou.jBeat')}</Table.Th>
                <Table.Th>{t('press.ou.jArticles')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {outlet.data.journalists.map((x) => (
                <Table.Tr key={x.id}>
                  <Table.Td>{[x.name, x.phone, x.email].filter(Boolean).join(' · ')}</Table.Td>
                  <Table.Td>{x.beat}</Table.Td>
                  <Table.Td>{coverage.data?.byJournalist.find((b) => b.journalistId === x.id)?.total ?? 0}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Text size="sm" c="dimmed">
          {t('press.ou.noJournalists')}
        </Text>
      )}
      {can(user, 'press.write') ? (
        <Group align="flex-end" wrap="wrap" gap="xs">
          <TextInput label={t('press.ou.jName')} value={j.name} onChange={(e) => { const v = e.currentTarget.value; setJ((x) => ({ ...x, name: v })); }} w={{ base: '100%', xs: 200 }} />
          <TextInput label={t('press.ou.jBeat')} value={j.beat} onChange={(e) => { const v = e.currentTarget.value; setJ((x) => ({ ...x, beat: v })); }} w={{ base: '100%', xs: 160 }} />
          <TextInput label={t('press.ou.jPhone')} type="tel" value={j.phone} onChange={(e) => { const v = e.currentTarget.value; setJ((x) => ({ ...x, phone: v })); }} w={{ base: '100%', xs: 150 }} />
          <TextInput label={t('press.ou.jEmail')} type="email" value={j.email} onChange={(e) => { const v = e.currentTarget.value; setJ((x) => ({ ...x, email: v })); }} w={{ base: '100%', xs: 200 }} />
          <Button variant="light" disabled={!j.name.trim()} loading={add.isPending} onClick={() => add.mutate()}>
            {t('press.ou.addJournalist')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
