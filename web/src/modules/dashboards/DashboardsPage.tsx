import { Anchor, Badge, Breadcrumbs, Button, Card, Group, Loader, SegmentedControl, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type ReactNode, Suspense, lazy, useMemo, useState } from 'react';
import { t } from '../../i18n';
import type { EChartOption } from '../../ui/EChart';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate, formatNumber } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { topUnitFor } from '../auth/permissions';
import { useUser } from '../auth/session';
import { type PeriodKind, type UnitDashboard, dashboardsApi, dashboardsKey } from './api';

// ECharts is large: load it only when a chart is on screen.
const EChart = lazy(() => import('../../ui/EChart').then((m) => ({ default: m.EChart })));

const periodStore = 'loa.dashboards.period';
type PeriodState = { kind: PeriodKind; at: string | null };
function storedPeriod(): PeriodState {
  try {
    const v = JSON.parse(sessionStorage.getItem(periodStore) ?? 'null') as PeriodState | null;
    if (v && ['month', 'semester', 'year'].includes(v.kind)) return v;
  } catch {
    // private mode
  }
  return { kind: 'month', at: null };
}
/** The chosen period survives drilling down (the same tab). */
function usePeriod() {
  const [p, setP] = useState<PeriodState>(storedPeriod);
  const set = (v: PeriodState) => {
    setP(v);
    try {
      sessionStorage.setItem(periodStore, JSON.stringify(v));
    } catch {
      // private mode
    }
  };
  return [p, set] as const;
}

const shiftDay = (isoDay: string, days: number) => {
  const d = new Date(`${isoDay}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const pct = (v: number | null) => (v == null ? '—' : `${formatNumber(v)} %`);
const hoursText = (v: number | null) => (v == null ? '—' : t('dsh.hours', { n: formatNumber(Math.round(v * 10) / 10) }));
const unitTypeLabel = (type: string) => t(`dsh.type.${type}` as 'dsh.type.school');

/** `/bang-dieu-khien`: the dashboard of the highest unit the user may read. */
export function DashboardsHomePage() {
  const user = useUser();
  const id = topUnitFor(user, 'dashboard.read') ?? user.unitId;
  if (!id) return <Text>{t('dsh.noUnit')}</Text>;
  return <UnitDashboardPage id={id} />;
}

/** `/bang-dieu-khien/$id`: one unit's dashboard; sub-units link to their own. */
export function UnitDashboardPage({ id }: { id: number }) {
  const [period, setPeriod] = usePeriod();
  const q = useQuery({
    queryKey: [...dashboardsKey, id, period.kind, period.at],
    queryFn: () => dashboardsApi.get(id, period.kind, period.at),
    staleTime: 60_000,
  });
  const d = q.data;
  return (
    <>
      <PageHeader title={d ? t('dsh.titleOf', { unit: d.unit.name }) : t('dsh.title')} />
      <Stack gap="md">
        {d && d.ancestors.length ? (
          <nav aria-label={t('dsh.breadcrumbs')}>
            <Breadcrumbs separator="›" style={{ flexWrap: 'wrap' }}>
              {d.ancestors.map((a) => (
                <Anchor key={a.id} component={Link} to={`/bang-dieu-khien/${a.id}`}>
                  {a.name}
                </Anchor>
              ))}
              <Text span aria-current="page">
                {d.unit.name}
              </Text>
            </Breadcrumbs>
          </nav>
        ) : null}
        <Group gap="sm" align="center" wrap="wrap">
          <SegmentedControl
            aria-label={t('dsh.period')}
            value={period.kind}
            onChange={(v) => setPeriod({ kind: v as PeriodKind, at: period.at })}
            data={[
              { value: 'month', label: t('dsh.period.month') },
              { value: 'semester', label: t('dsh.period.semester') },
              { value: 'year', label: t('dsh.period.year') },
            ]}
          />
          <Group gap={4} wrap="nowrap">
            <Button variant="default" size="xs" disabled={!d} onClick={() => d && setPeriod({ kind: period.kind, at: shiftDay(d.period.from, -1) })}>
              {t('dsh.prev')}
            </Button>
            <Text fw={600} data-testid="dsh-period" aria-live="polite" px={4}>
              {d?.period.label ?? ''}
            </Text>
            <Button variant="default" size="xs" disabled={!d} onClick={() => d && setPeriod({ kind: period.kind, at: shiftDay(d.period.to, 1) })}>
              {t('dsh.next')}
            </Button>
            {period.at ? (
              <Button variant="subtle" size="xs" onClick={() => setPeriod({ kind: period.kind, at: null })}>
                {t('dsh.current')}
              </Button>
            ) : null}
          </Group>
        </Group>
        {q.isPending ? <Loader aria-label={t('common.loading')} /> : null}
        <ErrorAlert error={q.error} />
        {d ? <Panels d={d} /> : null}
      </Stack>
    </>
  );
}

/** A horizontally scrollable box that keyboard users can reach and scroll (WCAG: scrollable region focusable). */
function ScrollBox({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto', maxWidth: '100%' }}>
      {children}
    </div>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="gray.8" fw={600}>
        {label}
      </Text>
      <Text fz={24} fw={700} data-testid={testId}>
        {value}
      </Text>
    </Card>
  );
}

/** A chart with its table alternative (screen readers, printing, exact figures). */
function ChartCard({ title, children, table }: { title: string; children?: ReactNode; table: ReactNode }) {
  return (
    <Card withBorder padding="md" component="section" aria-label={title}>
      <Text fw={600} mb="sm" component="h3" fz="md">
        {title}
      </Text>
      {children ? <Suspense fallback={<Loader size="sm" aria-label={t('common.loading')} />}>{children}</Suspense> : null}
      <details>
        <summary style={{ cursor: 'pointer', marginTop: 8 }}>{t('dsh.asTable')}</summary>
        <ScrollBox label={t('dsh.tableOf', { title })}>{table}</ScrollBox>
      </details>
    </Card>
  );
}

function bars(categories: string[], series: { name: string; values: number[]; color: string }[], stack = true): EChartOption {
  return {
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    xAxis: { type: 'category', data: categories },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({ type: 'bar', stack: stack ? 'all' : undefined, name: s.name, data: s.values, itemStyle: { color: s.color } })),
  };
}

const colors = { good: '#2b8a3e', warn: '#e8590c', bad: '#c92a2a', neutral: '#868e96', info: '#1971c2' };

function heatColor(v: number, isSchool: boolean): string {
  if (isSchool) return v >= 2 ? '#8ce99a' : v >= 1 ? '#d3f9d8' : '#ffc9c9';
  return v >= 80 ? '#b2f2bb' : v >= 50 ? '#ffec99' : '#ffc9c9';
}

function Panels({ d }: { d: UnitDashboard }) {
  const s = d.summary;
  const monthLabel = (m: string) => `${m.slice(5, 7)}/${m.slice(0, 4)}`;
  const bucketLabel = (b: string) => `${b.slice(8, 10)}/${b.slice(5, 7)}`;
  const progress = useMemo(
    () =>
      bars(
        d.progress.byQuarter.map((x) => t('dsh.quarter', { n: x.quarter })),
        [
          { name: t('dsh.status.done'), values: d.progress.byQuarter.map((x) => x.done), color: colors.good },
          { name: t('dsh.status.in_progress'), values: d.progress.byQuarter.map((x) => x.in_progress), color: colors.info },
          { name: t('dsh.status.at_risk'), values: d.progress.byQuarter.map((x) => x.at_risk), color: colors.bad },
          { name: t('dsh.status.not_started'), values: d.progress.byQuarter.map((x) => x.not_started), color: colors.neutral },
        ],
      ),
    [d],
  );
  const mentions = useMemo(
    () =>
      bars(
        d.mentions.series.map((x) => bucketLabel(x.bucket)),
        [
          { name: t('dsh.tone.negative'), values: d.mentions.series.map((x) => x.negative), color: colors.bad },
          { name: t('dsh.tone.neutral'), values: d.mentions.series.map((x) => x.neutral), color: colors.neutral },
          { name: t('dsh.tone.positive'), values: d.mentions.series.map((x) => x.positive), color: colors.good },
        ],
      ),
    [d],
  );
  const incidents = useMemo(
    () =>
      bars(
        d.incidents.bySeverity.map((x) => t('dsh.severity', { n: x.severity })),
        [
          { name: t('dsh.inc.detect'), values: d.incidents.bySeverity.map((x) => x.detectMedianHours ?? 0), color: colors.info },
          { name: t('dsh.inc.statement'), values: d.incidents.bySeverity.map((x) => x.statementMedianHours ?? 0), color: colors.warn },
          { name: t('dsh.inc.resolve'), values: d.incidents.bySeverity.map((x) => x.resolveMedianHours ?? 0), color: colors.good },
        ],
        false,
      ),
    [d],
  );
  const punctuality = useMemo(
    () =>
      bars(
        d.punctuality.months.map((x) => monthLabel(x.month)),
        [
          { name: t('dsh.rep.onTime'), values: d.punctuality.months.map((x) => x.onTime), color: colors.good },
          { name: t('dsh.rep.late'), values: d.punctuality.months.map((x) => x.late), color: colors.warn },
          { name: t('dsh.rep.overdue'), values: d.punctuality.months.map((x) => x.overdue), color: colors.bad },
          { name: t('dsh.rep.pending'), values: d.punctuality.months.map((x) => x.pending), color: colors.neutral },
        ],
      ),
    [d],
  );
  const isSchool = d.unit.type === 'school';
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Stat label={t('dsh.sum.schools')} value={formatNumber(s.schools)} testId="dsh-schools" />
        <Stat label={t('dsh.sum.quota')} value={pct(s.quotaPct)} testId="dsh-quota" />
        <Stat label={t('dsh.sum.articles')} value={formatNumber(s.articles)} testId="dsh-articles" />
        <Stat label={t('dsh.sum.progress')} value={pct(s.progressPct)} testId="dsh-progress" />
        <Stat label={t('dsh.sum.mentions')} value={formatNumber(s.mentions)} testId="dsh-mentions" />
        <Stat label={t('dsh.sum.negative')} value={formatNumber(s.negative)} />
        <Stat label={t('dsh.sum.incidents')} value={formatNumber(s.incidents)} testId="dsh-incidents" />
        <Stat label={t('dsh.sum.reports')} value={pct(s.reportsOnTimePct)} testId="dsh-reports" />
      </SimpleGrid>

      {d.units.length && !isSchool ? (
        <Card withBorder padding="md" component="section" aria-label={t('dsh.units.title')}>
          <Text fw={600} mb="xs" component="h3" fz="md">
            {t('dsh.units.title')}
          </Text>
          <Text size="sm" c="gray.8" mb="sm">
            {t('dsh.units.hint')}
          </Text>
          <ScrollBox label={t('dsh.units.title')}>
            <Table striped highlightOnHover miw={640} data-testid="dsh-units">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('dsh.units.unit')}</Table.Th>
                  <Table.Th scope="col">{t('dsh.sum.schools')}</Table.Th>
                  <Table.Th scope="col">{t('dsh.sum.quota')}</Table.Th>
                  <Table.Th scope="col">{t('dsh.sum.progress')}</Table.Th>
                  <Table.Th scope="col">{t('dsh.units.mentions')}</Table.Th>
                  <Table.Th scope="col">{t('dsh.sum.incidents')}</Table.Th>
                  <Table.Th scope="col">{t('dsh.units.reports')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.units.map((u) => (
                  <Table.Tr key={u.unitId}>
                    <Table.Td>
                      <Anchor component={Link} to={`/bang-dieu-khien/${u.unitId}`}>
                        {u.unitName}
                      </Anchor>{' '}
                      <Badge size="xs" variant="light" color="gray">
                        {unitTypeLabel(u.unitType)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{formatNumber(u.schools)}</Table.Td>
                    <Table.Td>{pct(u.quotaPct)}</Table.Td>
                    <Table.Td>{pct(u.progressPct)}</Table.Td>
                    <Table.Td>
                      {formatNumber(u.mentions)} / {formatNumber(u.negative)}
                    </Table.Td>
                    <Table.Td>{formatNumber(u.incidents)}</Table.Td>
                    <Table.Td>
                      {formatNumber(u.reportsOnTime)} / {formatNumber(u.reportsLate)} / {formatNumber(u.reportsOverdue)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollBox>
        </Card>
      ) : null}

      <Card withBorder padding="md" component="section" aria-label={t('dsh.quota.title')}>
        <Text fw={600} mb="xs" component="h3" fz="md">
          {t('dsh.quota.title')}
        </Text>
        <Text size="sm" c="gray.8" mb="sm">
          {isSchool || d.quota.rows.every((r) => r.unitType === 'school') ? t('dsh.quota.hintSchool') : t('dsh.quota.hintUnits')}
        </Text>
        {d.quota.rows.length && d.quota.weeks.length ? (
          <ScrollBox label={t('dsh.quota.title')}>
            <table className="loa-heatmap" data-testid="dsh-heatmap" style={{ borderCollapse: 'collapse', fontSize: 12 }}>
              <caption style={{ textAlign: 'left', captionSide: 'top', fontSize: 12, paddingBottom: 4 }}>{t('dsh.quota.caption', { period: d.period.label })}</caption>
              <thead>
                <tr>
                  <th scope="col" style={{ textAlign: 'left', position: 'sticky', left: 0, background: 'var(--mantine-color-body)', minWidth: 160 }}>
                    {t('dsh.units.unit')}
                  </th>
                  {d.quota.weeks.map((w) => (
                    <th key={w.start} scope="col" title={w.label} style={{ padding: '2px 3px', fontWeight: 600 }}>
                      <abbr title={w.label} style={{ textDecoration: 'none' }}>
                        {w.label.split(' ')[1]}
                      </abbr>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {d.quota.rows.map((r) => (
                  <tr key={r.unitId}>
                    <th scope="row" style={{ textAlign: 'left', fontWeight: 400, position: 'sticky', left: 0, background: 'var(--mantine-color-body)', paddingRight: 8, maxWidth: 220 }}>
                      {r.unitId === d.unit.id ? (
                        r.unitName
                      ) : (
                        <Anchor component={Link} to={`/bang-dieu-khien/${r.unitId}`} size="xs">
                          {r.unitName}
                        </Anchor>
                      )}
                    </th>
                    {r.cells.map((v, i) => (
                      <td
                        key={d.quota.weeks[i].start}
                        title={`${r.unitName} — ${d.quota.weeks[i].label}: ${r.unitType === 'school' ? t('dsh.quota.cellSchool', { n: v }) : t('dsh.quota.cellUnit', { n: v })}`}
                        style={{ background: heatColor(v, r.unitType === 'school'), color: '#1a1a1a', textAlign: 'center', minWidth: 28, padding: '2px 3px', border: '1px solid #fff' }}
                      >
                        {r.unitType === 'school' ? v : Math.round(v)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        ) : (
          <Text c="gray.8">{t('dsh.empty')}</Text>
        )}
      </Card>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <ChartCard
          title={t('dsh.progress.title')}
          table={
            <Table miw={360}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('dsh.progress.quarter')}</Table.Th>
                  <Table.Th scope="col">{t('dsh.status.done')}</Table.Th>
                  <Table.Th scope="col">{t('dsh.status.in_progress')}</Table.Th>
                  <Table.Th scope="col">{t('dsh.status.at_risk')}</Table.Th>
                  <Table.Th scope="col">{t('dsh.status.not_started')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.progress.byQuarter.map((x) => (
                  <Table.Tr key={x.quarter}>
                    <Table.Th scope="row">{t('dsh.quarter', { n: x.quarter })}</Table.Th>
                    <Table.Td>{x.done}</Table.Td>
                    <Table.Td>{x.in_progress}</Table.Td>
                    <Table.Td>{x.at_risk}</Table.Td>
                    <Table.Td>{x.not_started}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          }
        >
          <Text size="sm" c="gray.8" mb="xs">
            {t('dsh.progress.hint', { plans: d.progress.plans, done: d.progress.done, total: d.progress.total })}
          </Text>
          {d.progress.total ? <EChart option={progress} height={260} ariaLabel={t('dsh.progress.title')} /> : null}
        </ChartCard>

        <ChartCard
          title={t('dsh.mentions.title')}
          table={
            <Table miw={360}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{d.mentions.bucket === 'day' ? t('dsh.mentions.day') : t('dsh.mentions.week')}</Table.Th>
                  <Table.Th scope="col">{t('dsh.tone.negative')}</Table.Th>
                  <Table.Th scope="col">{t('dsh.tone.neutral')}</Table.Th>
                  <Table.Th scope="col">{t('dsh.tone.positive')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.mentions.series.map((x) => (
                  <Table.Tr key={x.bucket}>
                    <Table.Th scope="row">{formatDate(x.bucket)}</Table.Th>
                    <Table.Td>{x.negative}</Table.Td>
                    <Table.Td>{x.neutral}</Table.Td>
                    <Table.Td>{x.positive}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          }
        >
          {d.mentions.series.length ? <EChart option={mentions} height={260} ariaLabel={t('dsh.mentions.title')} /> : <Text c="gray.8">{t('dsh.empty')}</Text>}
        </ChartCard>

        <ChartCard
          title={t('dsh.inc.title')}
          table={
            <Table miw={420}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('dsh.inc.incident')}</Table.Th>
                  <Table.Th scope="col">{t('dsh.inc.detect')}</Table.Th>
                  <Table.Th scope="col">{t('dsh.inc.statement')}</Table.Th>
                  <Table.Th scope="col">{t('dsh.inc.resolve')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.incidents.recent.map((x) => (
                  <Table.Tr key={x.id}>
                    <Table.Th scope="row" style={{ fontWeight: 400 }}>
                      <Anchor component={Link} to={`/su-co/${x.id}`} size="sm">
                        {x.title}
                      </Anchor>
                      <Text size="xs" c="gray.8">
                        {x.unitName}
                        {x.severity != null && <> · {t('dsh.severity', { n: x.severity })}</>}
                      </Text>
                    </Table.Th>
                    <Table.Td>{hoursText(x.detectHours)}</Table.Td>
                    <Table.Td>{hoursText(x.statementHours)}</Table.Td>
                    <Table.Td>{hoursText(x.resolveHours)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          }
        >
          <Text size="sm" c="gray.8" mb="xs" data-testid="dsh-incident-summary">
            {t('dsh.inc.summary', {
              n: d.incidents.summary.count,
              detect: hoursText(d.incidents.summary.detectMedianHours),
              statement: hoursText(d.incidents.summary.statementMedianHours),
              resolve: hoursText(d.incidents.summary.resolveMedianHours),
              late: d.incidents.summary.statementLate,
            })}
          </Text>
          {d.incidents.summary.count ? <EChart option={incidents} height={240} ariaLabel={t('dsh.inc.title')} /> : null}
        </ChartCard>

        <ChartCard
          title={t('dsh.rep.title')}
          table={
            <Table miw={360}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('dsh.rep.month')}</Table.Th>
                  <Table.Th scope="col">{t('dsh.rep.onTime')}</Table.Th>
                  <Table.Th scope="col">{t('dsh.rep.late')}</Table.Th>
                  <Table.Th scope="col">{t('dsh.rep.overdue')}</Table.Th>
                  <Table.Th scope="col">{t('dsh.rep.pending')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.punctuality.months.map((x) => (
                  <Table.Tr key={x.month}>
                    <Table.Th scope="row">{monthLabel(x.month)}</Table.Th>
                    <Table.Td>{x.onTime}</Table.Td>
                    <Table.Td>{x.late}</Table.Td>
                    <Table.Td>{x.overdue}</Table.Td>
                    <Table.Td>{x.pending}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          }
        >
          {d.punctuality.months.length ? <EChart option={punctuality} height={260} ariaLabel={t('dsh.rep.title')} /> : <Text c="gray.8">{t('dsh.empty')}</Text>}
        </ChartCard>
      </SimpleGrid>
    </Stack>
  );
}
