import { Card, Group, Loader, SimpleGrid, Text, ThemeIcon } from '@mantine/core';
import { IconBuildingCommunity, IconMicrophone, IconSchool, IconUsers } from '@tabler/icons-react';
import { type ComponentType, type ReactNode, Suspense, lazy, useMemo } from 'react';
import { unitLevels, unitTypes } from '../../api/types';
import { t } from '../../i18n';
import type { EChartOption } from '../../ui/EChart';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatNumber } from '../../ui/format';
import { unitLevelLabel, unitTypeLabel } from '../../ui/labels';
import { useDashboard } from './useDashboard';

// ECharts is large: load it only when a chart is on screen.
const EChart = lazy(() => import('../../ui/EChart').then((m) => ({ default: m.EChart })));

function StatCard({ label, value, icon: Icon, color }: { label: string; value: number; icon: ComponentType<{ size?: number }>; color: string }) {
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" wrap="nowrap">
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {label}
          </Text>
          <Text fz={28} fw={700}>
            {formatNumber(value)}
          </Text>
        </div>
        <ThemeIcon variant="light" color={color} size={44} radius="md">
          <Icon size={26} />
        </ThemeIcon>
      </Group>
    </Card>
  );
}

export function StatCardsPanel() {
  const d = useDashboard();
  if (d.isPending) return <Loader aria-label={t('common.loading')} />;
  if (d.isError) return <ErrorAlert error={d.error} />;
  const units = d.data.unitsByType.reduce((s, r) => s + r.n, 0);
  const schools = d.data.unitsByType.filter((r) => r.type === 'school').reduce((s, r) => s + r.n, 0);
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
      <StatCard label={t('home.units')} value={units} icon={IconBuildingCommunity} color="indigo" />
      <StatCard label={t('home.schools')} value={schools} icon={IconSchool} color="teal" />
      <StatCard label={t('home.people')} value={d.data.people} icon={IconUsers} color="orange" />
      <StatCard label={t('home.spokespersons')} value={d.data.spokespersons} icon={IconMicrophone} color="grape" />
    </SimpleGrid>
  );
}

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

function barOption(labels: string[], values: number[], color: string): EChartOption {
  return {
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { width: 110, overflow: 'truncate' } },
    series: [{ type: 'bar', data: values, itemStyle: { color, borderRadius: [0, 4, 4, 0] }, label: { show: true, position: 'right' } }],
  };
}

export function SchoolsByLevelPanel() {
  const d = useDashboard();
  const option = useMemo(() => {
    const rows = d.data?.unitsByType.filter((r) => r.type === 'school') ?? [];
    const keys = [...unitLevels, null] as const;
    const counts = keys.map((level) => rows.filter((r) => r.level === level).reduce((s, r) => s + r.n, 0));
    const shown = keys.map((k, i) => ({ k, n: counts[i] })).filter((x) => x.n > 0 || x.k !== null);
    return barOption(
      shown.map((x) => (x.k ? unitLevelLabel(x.k) : t('home.levelUnknown'))),
      shown.map((x) => x.n),
      '#12b886',
    );
  }, [d.data]);
  return (
    <ChartCard title={t('home.schoolsByLevel')}>
      {d.isError ? <ErrorAlert error={d.error} /> : <EChart option={option} height={280} ariaLabel={t('home.schoolsByLevel')} />}
    </ChartCard>
  );
}

export function UnitsByTypePanel() {
  const d = useDashboard();
  const option = useMemo(() => {
    const rows = d.data?.unitsByType ?? [];
    const counts = unitTypes.map((type) => rows.filter((r) => r.type === type).reduce((s, r) => s + r.n, 0));
    return barOption(unitTypes.map(unitTypeLabel), counts, '#4c6ef5');
  }, [d.data]);
  return (
    <ChartCard title={t('home.unitsByType')}>
      {d.isError ? <ErrorAlert error={d.error} /> : <EChart option={option} height={280} ariaLabel={t('home.unitsByType')} />}
    </ChartCard>
  );
}
