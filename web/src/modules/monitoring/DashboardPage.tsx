import { Anchor, Button, Card, Group, Loader, SegmentedControl, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type ReactNode, Suspense, lazy, useMemo, useState } from 'react';
import { type Dashboard, type TaskScore, insightsApi, insightsKey } from '../../api/monitoring-insights';
import { t } from '../../i18n';
import type { EChartOption } from '../../ui/EChart';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime, formatNumber } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { UnitPicker } from '../../ui/UnitPicker';
import { can } from '../auth/permissions';
import { useUser } from '../auth/session';
import { useArticleUnit } from '../newsroom/useArticleUnit';
import { StatusBadge, ToneBadge } from './InboxPage';
import { categoryLabel, percent, toneLabel } from './insights';

// ECharts is large: load it only when a chart is on screen.
const EChart = lazy(() => import('../../ui/EChart').then((m) => ({ default: m.EChart })));
const toneColors = { negative: '#c92a2a', neutral: '#868e96', positive: '#2b8a3e' } as const;

function ChartCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder padding="md">
      <Text fw={600} mb="sm">
        {title}
      </Text>
      <Suspense fallback={<Loader size="sm" aria-label={t('common.loading')} />}>{children}</Suspense>
    </Card>
  );
}

function hbar(labels: string[], series: { name: string; values: number[]; color: string }[]): EChartOption {
  return {
    grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { width: 120, overflow: 'truncate' } },
    series: series.map((s) => ({ type: 'bar', name: s.name, data: s.values, itemStyle: { color: s.color } })),
  };
}

/** Mentions and tone over time, by outlet, by unit and category, top stories; the learned model's accuracy. */
export function DashboardPage() {
  const [unit, setUnit] = useArticleUnit('monitoring.read', { isRemembered: false });
  const [days, setDays] = useState('30');
  const d = useQuery({ queryKey: [...insightsKey, 'dashboard', unit?.id, days], queryFn: () => insightsApi.dashboard(unit?.id as number, Number(days)), enabled: !!unit });
  return (
    <>
      <PageHeader title={t('mi.dash.title')} />
      <Stack gap="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <UnitPicker className="loa-unit-picker" label={t('mi.unit')} value={unit} onChange={setUnit} w={{ base: '100%', sm: 420 }} />
          <SegmentedControl
            aria-label={t('mi.dash.period')}
            value={days}
            onChange={setDays}
            data={['7', '30', '90'].map((x) => ({ value: x, label: t('mi.dash.days', { n: x }) }))}
          />
        </Group>
        {unit && d.isPending ? <Loader aria-label={t('common.loading')} /> : null}
        <ErrorAlert error={d.error} />
        {d.data ? <Figures d={d.data} /> : null}
        <ModelCard />
      </Stack>
    </>
  );
}

function Stat({ label, value, color }: { label: string; value: number; color?: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="gray.7" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={26} fw={700} c={color}>
        {formatNumber(value)}
      </Text>
    </Card>
  );
}

function Figures({ d }: { d: Dashboard }) {
  const overTime = useMemo<EChartOption>(
    () => ({
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: { type: 'category', data: d.byDay.map((x) => x.day.slice(8, 10) + '/' + x.day.slice(5, 7)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: (['negative', 'neutral', 'positive'] as const).map((tone) => ({ type: 'bar', stack: 'tone', name: toneLabel(tone), data: d.byDay.map((x) => x[tone]), itemStyle: { color: toneColors[tone] } })),
    }),
    [d],
  );
  const outlets = useMemo(
    () => hbar(d.byOutlet.map((x) => x.outlet), [
      { name: t('mi.dash.all'), values: d.byOutlet.map((x) => x.count), color: '#4263eb' },
      { name: toneLabel('negative'), values: d.byOutlet.map((x) => x.negative), color: toneColors.negative },
    ]),
    [d],
  );
  const units = useMemo(
    () => hbar(d.byUnit.map((x) => x.name), [
      { name: t('mi.dash.all'), values: d.byUnit.map((x) => x.count), color: '#4263eb' },
      { name: toneLabel('negative'), values: d.byUnit.map((x) => x.negative), color: toneColors.negative },
    ]),
    [d],
  );
  const cats = useMemo(() => hbar(d.byCategory.map((x) => categoryLabel(x.category)), [{ name: t('mi.dash.mentions'), values: d.byCategory.map((x) => x.count), color: '#e8590c' }]), [d]);
  const h = (n: number) => Math.max(160, n * 28 + 48);
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <Stat label={t('mi.dash.mentions')} value={d.totals.mentions} />
        <Stat label={toneLabel('negative')} value={d.totals.negative} color="red.8" />
        <Stat label={toneLabel('positive')} value={d.totals.positive} color="teal.8" />
        <Stat label={t('mi.dash.open')} value={d.byStatus.new + d.byStatus.needs_action} color="red.9" />
      </SimpleGrid>
      {d.totals.mentions === 0 ? <Text c="gray.7">{t('mi.dash.empty')}</Text> : null}
      <ChartCard title={t('mi.dash.overTime')}>
        <EChart option={overTime} height={280} ariaLabel={t('mi.dash.overTime')} />
      </ChartCard>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <ChartCard title={t('mi.dash.byOutlet')}>
          <EChart option={outlets} height={h(d.byOutlet.length)} ariaLabel={t('mi.dash.byOutlet')} />
        </ChartCard>
        <ChartCard title={t('mi.dash.byUnit')}>
          <EChart option={units} height={h(d.byUnit.length)} ariaLabel={t('mi.dash.byUnit')} />
        </ChartCard>
      </SimpleGrid>
      <ChartCard title={t('mi.dash.byCategory')}>
        <EChart option={cats} height={h(d.byCategory.length)} ariaLabel={t('mi.dash.byCategory')} />
      </ChartCard>
      <Card withBorder padding="md">
        <Text fw={600} mb="sm">
          {t('mi.dash.top')}
        </Text>
        <Stack gap={6} component="ol" style={{ margin: 0, paddingLeft: 20 }}>
          {d.topStories.map((s) => (
            <li key={s.id}>
              <Anchor c="indigo.9" component={Link} to={`/theo-doi/tin/${s.id}`} className="loa-break">
                {s.title}
              </Anchor>
              <Group gap={4} mt={2}>
                <Text size="xs" c="gray.7">
                  {t('mi.copies', { n: s.itemCount })}
                </Text>
                <ToneBadge tone={s.tone} />
                <StatusBadge status={s.status} />
              </Group>
            </li>
          ))}
        </Stack>
      </Card>
    </Stack>
  );
}

/** The learned classifier: cross-validated accuracy beside the rules-only baseline, and a retrain button. */
function ModelCard() {
  const user = useUser();
  const qc = useQueryClient();
  const m = useQuery({ queryKey: [...insightsKey, 'model'], queryFn: insightsApi.model });
  const retrain = useMutation({
    mutationFn: insightsApi.retrain,
    onSuccess: (r) => {
      qc.setQueryData([...insightsKey, 'model'], r);
      notifySuccess(t('mi.model.retrained'));
    },
    onError: notifyError,
  });
  const row = (label: string, s: TaskScore) => (
    <Table.Tr key={label}>
      <Table.Td>{label}</Table.Td>
      <Table.Td>{formatNumber(s.n)}</Table.Td>
      <Table.Td>{percent(s.rules)}</Table.Td>
      <Table.Td>{percent(s.model)}</Table.Td>
    </Table.Tr>
  );
  const info = m.data?.model;
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Text fw={600}>{t('mi.model.title')}</Text>
        {can(user, 'monitoring.write') ? (
          <Button color="indigo.9" size="xs" variant="light" onClick={() => retrain.mutate()} loading={retrain.isPending}>
            {t('mi.model.retrain')}
          </Button>
        ) : null}
      </Group>
      <ErrorAlert error={m.error} />
      {m.isPending ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
      {m.data && !info ? <Text size="sm" c="gray.7">{t('mi.model.none')}</Text> : null}
      {info ? (
        <Stack gap="xs">
          <Text size="sm" c="gray.7">
            {t('mi.model.lead', { at: formatDateTime(info.trainedAt), n: info.corrections, since: info.correctionsSince, folds: info.metrics.folds })}
          </Text>
          <Table.ScrollContainer minWidth={360}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('mi.model.task')}</Table.Th>
                  <Table.Th>{t('mi.model.examples')}</Table.Th>
                  <Table.Th>{t('mi.model.rules')}</Table.Th>
                  <Table.Th>{t('mi.model.blended')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {row(t('mi.model.units'), info.metrics.units)}
                {row(t('mi.tone'), info.metrics.tone)}
                {row(t('mi.category'), info.metrics.categories)}
                {row(t('mi.model.overall'), info.metrics.overall)}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      ) : null}
    </Card>
  );
}
