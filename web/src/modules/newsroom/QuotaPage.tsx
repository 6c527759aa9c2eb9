import { Anchor, Box, Button, Card, Group, Loader, SegmentedControl, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowUp, IconChevronRight } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type Quota, type QuotaRow, quotaApi } from '../../api/newsroom';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { unitTypeLabel } from '../../ui/labels';
import { PageHeader } from '../../ui/PageHeader';
import { type PickedUnit, UnitPicker } from '../../ui/UnitPicker';
import { useIsMobile } from '../../ui/useMobile';
import { BackToArticles } from './BackToArticles';
import { quotaKey } from './keys';
import { useArticleUnit } from './useArticleUnit';

type CellStyle = { bg: string; fg: string };
const grey: CellStyle = { bg: 'var(--mantine-color-gray-1)', fg: 'var(--mantine-color-gray-6)' };

/** A school's week: green when it sent what was required, red when it sent nothing, amber in between. */
function schoolCell(n: number, required: number): CellStyle {
  if (n >= required) return { bg: 'var(--mantine-color-teal-6)', fg: 'white' };
  if (n === 0) return { bg: 'var(--mantine-color-red-2)', fg: 'var(--mantine-color-red-9)' };
  return { bg: 'var(--mantine-color-yellow-3)', fg: 'var(--mantine-color-yellow-9)' };
}
/** A group's week: the share of its schools that met the quota, from red (none) to green (all). */
function groupCell(met: number, schools: number): CellStyle {
  if (!schools) return grey;
  const share = met / schools;
  if (share >= 1) return { bg: 'var(--mantine-color-teal-6)', fg: 'white' };
  if (share >= 0.75) return { bg: 'var(--mantine-color-teal-2)', fg: 'var(--mantine-color-teal-9)' };
  if (share >= 0.5) return { bg: 'var(--mantine-color-lime-2)', fg: 'var(--mantine-color-lime-9)' };
  if (share > 0) return { bg: 'var(--mantine-color-orange-2)', fg: 'var(--mantine-color-orange-9)' };
  return { bg: 'var(--mantine-color-red-2)', fg: 'var(--mantine-color-red-9)' };
}

function weekHead(w: Quota['weeks'][number]) {
  const num = /(\d+)/.exec(w.label)?.[1] ?? '';
  const [, m, d] = w.start.split('-');
  return { short: t('quota.weekShort', { n: num }), date: `${d}/${m}` };
}

function cellText(row: QuotaRow, v: number): string {
  return row.isSchool ? String(v) : row.schools ? `${v}/${row.schools}` : '—';
}
function cellTitle(row: QuotaRow, v: number, week: string): string {
  return row.isSchool
    ? t('quota.cellSchool', { unit: row.unitName, week, n: v, required: row.required })
    : t('quota.cellGroup', { unit: row.unitName, week, met: v, schools: row.schools });
}

/** /tin-bai/chi-tieu-tuan: units × weeks, who sent their weekly article; click a group to look inside it. */
export function QuotaPage() {
  const isMobile = useIsMobile();
  const [unit, setUnit] = useArticleUnit('articles.read', { isRemembered: false });
  const [trail, setTrail] = useState<PickedUnit[]>([]);
  const [weeks, setWeeks] = useState<string>(() => (isMobile ? '4' : '12'));
  const quota = useQuery({
    queryKey: quotaKey(unit?.id ?? 0, Number(weeks)),
    queryFn: () => quotaApi.get(unit?.id as number, Number(weeks)),
    enabled: !!unit,
    placeholderData: (prev) => prev,
  });
  const drill = (row: QuotaRow) => {
    if (unit) setTrail((tr) => [...tr, unit]);
    setUnit({ id: row.unitId, name: row.unitName });
  };
  const up = () => {
    const prev = trail[trail.length - 1];
    if (!prev) return;
    setTrail((tr) => tr.slice(0, -1));
    setUnit(prev);
  };
  const q = quota.data;
  return (
    <Stack gap="sm" maw={1300}>
      <BackToArticles />
      <PageHeader title={t('quota.title')} />
      <Text size="sm" c="dimmed">
        {t('quota.intro')}
      </Text>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <UnitPicker
          label={t('quota.unit')}
          value={unit}
          onChange={(u) => {
            setTrail([]);
            setUnit(u);
          }}
          w={{ base: '100%', sm: 420 }}
        />
        <SegmentedControl
          value={weeks}
          onChange={setWeeks}
          data={[
            { value: '4', label: t('quota.weeksN', { n: 4 }) },
            { value: '8', label: t('quota.weeksN', { n: 8 }) },
            { value: '12', label: t('quota.weeksN', { n: 12 }) },
          ]}
          aria-label={t('quota.weeksLabel')}
        />
      </Group>
      {trail.length ? (
        <Group>
          <Button size="xs" variant="subtle" leftSection={<IconArrowUp size={14} />} onClick={up}>
            {t('quota.up', { name: trail[trail.length - 1].name })}
          </Button>
        </Group>
      ) : null}
      {!unit ? <Text c="dimmed">{t('articles.pickUnit')}</Text> : null}
      {unit && quota.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      <ErrorAlert error={quota.error} />
      {q ? (
        <>
          <Card withBorder padding="sm">
            <Group gap="md" wrap="wrap" justify="space-between">
              <Text fw={700} fz="lg" c={q.summary.schools && q.summary.metThisWeek === q.summary.schools ? 'teal.8' : undefined}>
                {t('quota.summary', { met: q.summary.metThisWeek, schools: q.summary.schools })}
              </Text>
              <Legend />
            </Group>
          </Card>
          {q.rows.length === 0 ? (
            <Text c="dimmed">{t('quota.noRows')}</Text>
          ) : (
            <Heatmap q={q} onDrill={drill} isMobile={isMobile} />
          )}
        </>
      ) : null}
    </Stack>
  );
}

function Legend() {
  const items: [CellStyle, string][] = [
    [schoolCell(1, 1), t('quota.legendMet')],
    [schoolCell(1, 2), t('quota.legendPartial')],
    [schoolCell(0, 1), t('quota.legendNone')],
  ];
  return (
    <Group gap="sm" wrap="wrap" aria-label={t('quota.legend')}>
      {items.map(([s, label]) => (
        <Group key={label} gap={4} wrap="nowrap">
          <Box w={14} h={14} style={{ background: s.bg, borderRadius: 3, flex: 'none' }} />
          <Text size="xs">{label}</Text>
        </Group>
      ))}
    </Group>
  );
}

function Heatmap({ q, onDrill, isMobile }: { q: Quota; onDrill: (row: QuotaRow) => void; isMobile: boolean }) {
  const last = q.weeks.length - 1;
  const nameWidth = isMobile ? 130 : 280;
  return (
    <Table.ScrollContainer minWidth={nameWidth + q.weeks.length * 52} type="native">
      <Table
        withTableBorder
        withColumnBorders
        verticalSpacing={4}
        horizontalSpacing={4}
        aria-label={t('quota.tableLabel')}
        style={{ tableLayout: 'fixed' }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th
              w={nameWidth}
              style={{ position: 'sticky', left: 0, background: 'var(--mantine-color-body)', zIndex: 1 }}
            >
              {t('quota.unitCol')}
            </Table.Th>
            {q.weeks.map((w, i) => {
              const h = weekHead(w);
              return (
                <Table.Th key={w.start} ta="center" title={w.label} w={52} bg={i === last ? 'indigo.0' : undefined}>
                  <Text size="xs" fw={700} lh={1.2}>
                    {h.short}
                  </Text>
                  <Text size="xs" c="dimmed" lh={1.2}>
                    {h.date}
                  </Text>
                </Table.Th>
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {q.rows.map((row) => (
            <Table.Tr key={row.unitId}>
              <Table.Td style={{ position: 'sticky', left: 0, background: 'var(--mantine-color-body)', zIndex: 1 }}>
                {row.isSchool ? (
                  <Text size="sm" lineClamp={2} className="loa-break">
                    {row.unitName}
                  </Text>
                ) : (
                  <UnstyledButton onClick={() => onDrill(row)} title={t('quota.drill', { name: row.unitName })} w="100%">
                    <Group gap={2} wrap="nowrap" justify="space-between">
                      <Box style={{ minWidth: 0 }}>
                        <Anchor component="span" size="sm" lineClamp={2} className="loa-break">
                          {row.unitName}
                        </Anchor>
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {t('quota.schoolsIn', { n: row.schools, type: unitTypeLabel(row.unitType) })}
                        </Text>
                      </Box>
                      <IconChevronRight size={14} style={{ flex: 'none' }} />
                    </Group>
                  </UnstyledButton>
                )}
              </Table.Td>
              {row.cells.map((v, i) => {
                const s = row.isSchool ? schoolCell(v, row.required) : groupCell(v, row.schools);
                return (
                  <Table.Td
                    key={q.weeks[i].start}
                    ta="center"
                    title={cellTitle(row, v, q.weeks[i].label)}
                    style={{ background: s.bg, color: s.fg, fontWeight: 600, fontSize: 'var(--mantine-font-size-xs)', whiteSpace: 'nowrap' }}
                  >
                    {cellText(row, v)}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
