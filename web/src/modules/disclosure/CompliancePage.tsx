import { Anchor, Badge, Card, Group, Loader, ScrollArea, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Suspense, lazy, useMemo, useState } from 'react';
import { type Compliance, type ComplianceStatus, complianceStatuses, disclosureApi } from '../../api/disclosure';
import { t } from '../../i18n';
import type { EChartOption } from '../../ui/EChart';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { UnitPicker } from '../../ui/UnitPicker';
import { useIsMobile } from '../../ui/useMobile';
import { useArticleUnit } from '../newsroom/useArticleUnit';
import { disclosureKey, headingLabel, recentSchoolYears, schoolYearLabel, statusColor, statusHex, statusLabel } from './labels';

// ECharts is large: load it only when the chart is on screen.
const EChart = lazy(() => import('../../ui/EChart').then((m) => ({ default: m.EChart })));

/**
 * Disclosure compliance of the schools under a unit, for a school year: the
 * totals, a chart per group (the unit's direct children), and the school ×
 * heading table (on a phone: one card per school).
 */
export function CompliancePage() {
  const isMobile = useIsMobile();
  const [unit, setUnit] = useArticleUnit('dashboard.read');
  const [schoolYear, setSchoolYear] = useState<string>(recentSchoolYears()[0]);
  const data = useQuery({ queryKey: [...disclosureKey, 'compliance', unit?.id, schoolYear], queryFn: () => disclosureApi.compliance(unit?.id as number, schoolYear), enabled: !!unit });
  return (
    <>
      <Anchor component={Link} to="/cong-khai" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} />
          {t('disc.back')}
        </Group>
      </Anchor>
      <PageHeader title={t('disc.complianceTitle')} />
      <Stack gap="sm">
        <Text size="sm" c="dimmed" maw={760}>
          {t('disc.complianceLead')}
        </Text>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <UnitPicker label={t('disc.unit')} value={unit} onChange={setUnit} w={{ base: '100%', sm: 420 }} />
          <Select label={t('disc.schoolYear')} data={recentSchoolYears().map((y) => ({ value: y, label: schoolYearLabel(y) }))} value={schoolYear} onChange={(v) => v && setSchoolYear(v)} allowDeselect={false} w={{ base: '100%', xs: 160 }} />
        </Group>
        {!unit ? <Text c="dimmed">{t('disc.pickUnit')}</Text> : null}
        {unit && data.isPending ? <Loader aria-label={t('common.loading')} /> : null}
        <ErrorAlert error={data.error} />
        {data.data ? <ComplianceView c={data.data} isMobile={isMobile} /> : null}
      </Stack>
    </>
  );
}

function StatusBadge({ s }: { s: ComplianceStatus }) {
  return (
    <Badge variant="filled" color={statusColor[s]} autoContrast style={{ flex: 'none' }}>
      {statusLabel(s)}
    </Badge>
  );
}

function ComplianceView({ c, isMobile }: { c: Compliance; isMobile: boolean }) {
  const option = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'value', name: t('disc.chartCells') },
      yAxis: { type: 'category', data: c.groups.map((g) => g.name), axisLabel: { width: isMobile ? 110 : 220, overflow: 'truncate' } },
      series: complianceStatuses.map((s) => ({ type: 'bar', stack: 'all', name: statusLabel(s), itemStyle: { color: statusHex[s] }, data: c.groups.map((g) => g.counts[s]) })),
    }),
    [c, isMobile],
  );
  return (
    <Stack gap="md">
      <Text size="sm">{t('disc.yearlyDue', { date: formatDate(c.yearlyDueOn), today: formatDate(c.today) })}</Text>
      <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm">
        <Card withBorder padding="sm">
          <Text size="xs" c="dimmed">
            {t('disc.onTimeRate')}
          </Text>
          <Text fw={700} size="xl">
            {`${String(c.totals.onTimeRate).replace('.', ',')}%`}
          </Text>
          <Text size="xs" c="dimmed">
            {t('disc.schoolsCount', { n: c.totals.schools })}
          </Text>
        </Card>
        {complianceStatuses.map((s) => (
          <Card key={s} withBorder padding="sm">
            <StatusBadge s={s} />
            <Text fw={700} size="xl" mt={4}>
              {c.totals[s]}
            </Text>
            <Text size="xs" c="dimmed">
              {t('disc.cells')}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      {c.groups.length > 0 ? (
        <Card withBorder padding="sm">
          <Text fw={600} mb="xs">
            {t('disc.chartTitle')}
          </Text>
          <Suspense fallback={<Loader aria-label={t('common.loading')} />}>
            <EChart option={option} height={Math.max(200, c.groups.length * 36 + 80)} ariaLabel={t('disc.chartLabel')} />
          </Suspense>
        </Card>
      ) : null}
      {c.schools.length === 0 ? <Text c="dimmed">{t('disc.noSchools')}</Text> : null}
      {isMobile ? (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('disc.schoolsLabel')}>
          {c.schools.map((s) => (
            <Card key={s.unitId} component="li" withBorder padding="xs">
              <Stack gap={4}>
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Text fw={600} size="sm" className="loa-break">
                    {s.name}
                  </Text>
                  <StatusBadge s={s.status} />
                </Group>
                <Text size="xs" c="dimmed">
                  {s.groupName}
                </Text>
                <Stack gap={2}>
                  {s.cells.map((cell) => (
                    <Group key={cell.heading} gap={6} wrap="nowrap" justify="space-between">
                      <Text size="xs" className="loa-break">
                        {headingLabel(cell.heading)}
                      </Text>
                      <Badge size="xs" variant="light" color={statusColor[cell.status]} style={{ flex: 'none' }}>
                        {statusLabel(cell.status)}
                      </Badge>
                    </Group>
                  ))}
                </Stack>
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : c.schools.length ? (
        <ScrollArea type="auto">
          <Table withTableBorder withColumnBorders striped highlightOnHover miw={900} aria-label={t('disc.tableLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('disc.schoolCol')}</Table.Th>
                {c.headings.map((h) => (
                  <Table.Th key={h.key} scope="col" style={{ fontSize: 12, minWidth: 92 }}>
                    {headingLabel(h.key)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.schools.map((s) => (
                <Table.Tr key={s.unitId}>
                  <Table.Th scope="row" style={{ fontWeight: 500 }}>
                    <Text size="sm" fw={600}>
                      {s.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {s.groupName}
                    </Text>
                  </Table.Th>
                  {s.cells.map((cell) => (
                    <Table.Td key={cell.heading} title={cell.obligations.map((o) => `${o.kind === 'update' ? t('disc.obUpdate') : t('disc.obYearly')}: ${t('disc.dueOn', { date: formatDate(o.dueOn) })}`).join('\n')}>
                      <Badge size="sm" variant="light" color={statusColor[cell.status]}>
                        {statusLabel(cell.status)}
                      </Badge>
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      ) : null}
    </Stack>
  );
}
