import { Card, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Suspense, lazy, useMemo, useState } from 'react';
import { siteContentApi } from '../../api/sitecontent';
import { t } from '../../i18n';
import { DateField } from '../../ui/DateField';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatNumber } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { UnitPicker } from '../../ui/UnitPicker';
import { addDays, dmy, siteContentKey } from './common';
import { useSiteUnit } from './useSiteUnit';

// ECharts is large: load it only when the charts are on screen.
const EChart = lazy(() => import('../../ui/EChart').then((m) => ({ default: m.EChart })));

const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const avg = (n: number | null) => (n == null ? '—' : n.toFixed(2).replace('.', ','));

/** "Was this page useful?" — per page averages, the spread of scores, ratings per day and the latest comments. */
export function RatingsPage() {
  const [unit, setUnit] = useSiteUnit();
  const [to, setTo] = useState<string | null>(today());
  const [from, setFrom] = useState<string | null>(addDays(today(), -29));
  const q = useQuery({
    queryKey: [...siteContentKey, 'ratings', unit?.id, from, to],
    queryFn: () => siteContentApi.ratings(unit!.id, from ?? undefined, to ?? undefined),
    enabled: !!unit,
  });
  const r = q.data;
  const scoreChart = useMemo(
    () =>
      r && {
        grid: { left: 40, right: 10, top: 10, bottom: 30 },
        tooltip: { trigger: 'axis' as const },
        xAxis: { type: 'category' as const, data: ['1', '2', '3', '4', '5'] },
        yAxis: { type: 'value' as const, minInterval: 1 },
        series: [{ type: 'bar' as const, name: t('sc.rt.ratings'), data: r.distribution, itemStyle: { color: '#1c7ed6' } }],
      },
    [r],
  );
  const dailyChart = useMemo(
    () =>
      r && {
        grid: { left: 40, right: 10, top: 10, bottom: 30 },
        tooltip: { trigger: 'axis' as const },
        xAxis: { type: 'category' as const, data: r.daily.map((d) => dmy(d.day).slice(0, 5)) },
        yAxis: { type: 'value' as const, minInterval: 1 },
        series: [{ type: 'bar' as const, name: t('sc.rt.ratings'), data: r.daily.map((d) => d.count), itemStyle: { color: '#2f9e44' } }],
      },
    [r],
  );
  return (
    <>
      <PageHeader title={t('sc.rt.title')} />
      <Stack gap="sm">
        <Text size="sm" c="dimmed" maw={720}>
          {t('sc.rt.lead')}
        </Text>
        <UnitPicker label={t('sc.unit')} value={unit} onChange={setUnit} maw={520} />
        <Group gap="sm" wrap="wrap">
          <DateField label={t('sc.rt.from')} value={from} onChange={setFrom} w={180} />
          <DateField label={t('sc.rt.to')} value={to} onChange={setTo} w={180} />
        </Group>
        {q.isPending && !!unit && <Loader aria-label={t('common.loading')} />}
        {q.isError && <ErrorAlert error={q.error} />}
        {r && (
          <>
            <SimpleGrid cols={{ base: 2, sm: 3 }}>
              <Card withBorder padding="sm">
                <Text size="sm" c="dimmed">
                  {t('sc.rt.count')}
                </Text>
                <Text fz="xl" fw={700}>
                  {formatNumber(r.count)}
                </Text>
              </Card>
              <Card withBorder padding="sm">
                <Text size="sm" c="dimmed">
                  {t('sc.rt.average')}
                </Text>
                <Text fz="xl" fw={700}>
                  {avg(r.average)}
                </Text>
              </Card>
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <Card withBorder padding="sm">
                <Title order={3} fz="h5" mb="xs">
                  {t('sc.rt.spread')}
                </Title>
                {scoreChart && <Suspense fallback={<Loader size="sm" aria-label={t('common.loading')} />}><EChart option={scoreChart} height={220} ariaLabel={t('sc.rt.spreadAria', { list: r.distribution.map((n, i) => `${i + 1}: ${n}`).join(', ') })} /></Suspense>}
              </Card>
              <Card withBorder padding="sm">
                <Title order={3} fz="h5" mb="xs">
                  {t('sc.rt.perDay')}
                </Title>
                {dailyChart && <Suspense fallback={<Loader size="sm" aria-label={t('common.loading')} />}><EChart option={dailyChart} height={220} ariaLabel={t('sc.rt.perDayAria', { n: r.daily.length })} /></Suspense>}
              </Card>
            </SimpleGrid>
            <Title order={3} fz="h4">
              {t('sc.rt.pages')}
            </Title>
            {!r.pages.length && <Text c="dimmed">{t('sc.rt.none')}</Text>}
            {r.pages.length > 0 && (
              <Table.ScrollContainer minWidth={480}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('sc.rt.page')}</Table.Th>
                      <Table.Th ta="right">{t('sc.rt.count')}</Table.Th>
                      <Table.Th ta="right">{t('sc.rt.average')}</Table.Th>
                      <Table.Th ta="right">{t('sc.rt.useful')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {r.pages.map((p) => (
                      <Table.Tr key={p.pagePath}>
                        <Table.Td className="loa-break">{p.pagePath}</Table.Td>
                        <Table.Td ta="right">{formatNumber(p.count)}</Table.Td>
                        <Table.Td ta="right">{avg(p.average)}</Table.Td>
                        <Table.Td ta="right">{`${Math.round((100 * p.useful) / Math.max(1, p.count))}%`}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {r.comments.length > 0 && (
              <>
                <Title order={3} fz="h4">
                  {t('sc.rt.comments')}
                </Title>
                {r.comments.map((c, i) => (
                  <Card key={i} withBorder padding="xs">
                    <Text size="sm" className="loa-break">
                      {c.comment}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('sc.rt.commentMeta', { page: c.pagePath, score: c.score, day: dmy(c.day) })}
                    </Text>
                  </Card>
                ))}
              </>
            )}
          </>
        )}
      </Stack>
    </>
  );
}
