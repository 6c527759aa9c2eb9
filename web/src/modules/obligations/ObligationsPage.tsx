import { ActionIcon, Anchor, Badge, Button, Card, Group, Loader, SegmentedControl, SimpleGrid, Stack, Tabs, Text, Textarea, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconBellRinging, IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate, formatDateTime, todayIso } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { UnitPicker } from '../../ui/UnitPicker';
import { usePlanUnit, useUnitAccess } from '../plans/usePlanUnit';
import { type BoardRow, type CalendarItem, type DeadlineStatus, obligationsApi, obligationsKey } from './api';
import { deadlineStatusColor, deadlineStatusLabel } from './labels';

const pad = (n: number) => String(n).padStart(2, '0');
const monthStart = (y: number, m: number) => `${y}-${pad(m)}-01`;
const monthEnd = (y: number, m: number) => `${y}-${pad(m)}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
const weekdays = () => [t('obl.wd.mon'), t('obl.wd.tue'), t('obl.wd.wed'), t('obl.wd.thu'), t('obl.wd.fri'), t('obl.wd.sat'), t('obl.wd.sun')];

export function StatusBadge({ status }: { status: DeadlineStatus }) {
  return (
    <Badge variant={status === 'late' ? 'filled' : 'light'} color={deadlineStatusColor(status)} style={{ flex: 'none' }}>
      {deadlineStatusLabel(status)}
    </Badge>
  );
}

/** The obligations calendar: what the chosen unit owes this month (calendar and list) and, for a parent, its sub-units' state with one-click chasing. */
export function ObligationsPage() {
  const [unit, setUnit] = usePlanUnit('plans.read');
  const today = todayIso();
  const [month, setMonth] = useState(() => ({ y: Number(today.slice(0, 4)), m: Number(today.slice(5, 7)) }));
  const [tab, setTab] = useState<string>('own');
  const shift = (d: number) => setMonth(({ y, m }) => ({ y: m + d > 12 ? y + 1 : m + d < 1 ? y - 1 : y, m: ((m + d + 11) % 12) + 1 }));
  const from = monthStart(month.y, month.m);
  const to = monthEnd(month.y, month.m);
  return (
    <>
      <PageHeader title={t('obl.title')} />
      <Stack gap="sm">
        <Text size="sm" c="dimmed" maw={720}>
          {t('obl.lead')}
        </Text>
        <UnitPicker label={t('obl.unit')} value={unit} onChange={setUnit} maw={520} />
        <Group gap="xs" wrap="nowrap">
          <ActionIcon variant="default" size="lg" onClick={() => shift(-1)} aria-label={t('obl.prevMonth')}>
            <IconChevronLeft size={18} />
          </ActionIcon>
          <Text fw={600} miw={120} ta="center" aria-live="polite">
            {t('obl.month', { m: month.m, y: month.y })}
          </Text>
          <ActionIcon variant="default" size="lg" onClick={() => shift(1)} aria-label={t('obl.nextMonth')}>
            <IconChevronRight size={18} />
          </ActionIcon>
        </Group>
        {!unit ? <Text c="dimmed">{t('obl.pickUnit')}</Text> : null}
        {unit ? (
          <Tabs value={tab} onChange={(v) => setTab(v ?? 'own')}>
            <Tabs.List aria-label={t('obl.tabs')}>
              <Tabs.Tab value="own">{t('obl.tab.own')}</Tabs.Tab>
              <Tabs.Tab value="board">{t('obl.tab.board')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="own" pt="sm">
              <OwnCalendar unitId={unit.id} year={month.y} month={month.m} from={from} to={to} />
            </Tabs.Panel>
            <Tabs.Panel value="board" pt="sm">
              {tab === 'board' ? <Board unitId={unit.id} from={from} to={to} /> : null}
            </Tabs.Panel>
          </Tabs>
        ) : null}
      </Stack>
    </>
  );
}

function OwnCalendar({ unitId, year, month, from, to }: { unitId: number; year: number; month: number; from: string; to: string }) {
  const [day, setDay] = useState<string | null>(null);
  const q = useQuery({ queryKey: [...obligationsKey, 'calendar', unitId, from, to], queryFn: () => obligationsApi.calendar({ unitId, from, to }) });
  const items = q.data?.items ?? [];
  const byDay = new Map<string, CalendarItem[]>();
  for (const d of items) byDay.set(d.dueDate, [...(byDay.get(d.dueDate) ?? []), d]);
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay(); // 0 = Sunday
  const lead = (first + 6) % 7;
  const days = Number(to.slice(8, 10));
  const cells: (string | null)[] = [...Array(lead).fill(null), ...Array.from({ length: days }, (_, i) => `${from.slice(0, 8)}${pad(i + 1)}`)];
  const shown = day ? (byDay.get(day) ?? []) : items;
  return (
    <Stack gap="sm">
      <ErrorAlert error={q.error} />
      <Card withBorder padding="xs" aria-label={t('obl.calendar')} component="section">
        <SimpleGrid cols={7} spacing={4} verticalSpacing={4}>
          {weekdays().map((w) => (
            <Text key={w} size="xs" fw={600} ta="center" c="dimmed" aria-hidden>
              {w}
            </Text>
          ))}
          {cells.map((d, i) =>
            d ? (
              <UnstyledButton
                key={d}
                onClick={() => setDay(day === d ? null : d)}
                aria-pressed={day === d}
                style={{
                  minHeight: 44,
                  borderRadius: 6,
                  padding: 2,
                  textAlign: 'center',
                  border: day === d ? '2px solid var(--mantine-color-blue-7)' : '1px solid var(--mantine-color-gray-3)',
                  background: d === todayIso() ? 'var(--mantine-color-blue-0)' : undefined,
                }}
              >
                <Text size="sm">{Number(d.slice(8))}</Text>
                <VisuallyHidden>{t('obl.dayLabel', { date: formatDate(d), n: byDay.get(d)?.length ?? 0 })}</VisuallyHidden>
                <Group gap={2} justify="center" wrap="wrap">
                  {(byDay.get(d) ?? []).slice(0, 3).map((x) => (
                    <span key={x.id} style={{ width: 8, height: 8, borderRadius: 4, background: `var(--mantine-color-${deadlineStatusColor(x.status)}-7)` }} />
                  ))}
                </Group>
              </UnstyledButton>
            ) : (
              <span key={`blank-${i}`} />
            ),
          )}
        </SimpleGrid>
      </Card>
      <Group justify="space-between" gap="xs">
        <Text fw={600}>{day ? t('obl.listDay', { date: formatDate(day) }) : t('obl.listMonth')}</Text>
        {day ? (
          <Button variant="subtle" size="compact-sm" onClick={() => setDay(null)}>
            {t('obl.showMonth')}
          </Button>
        ) : null}
      </Group>
      {q.isPending ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
      {q.data && !shown.length ? <Text c="dimmed">{t('obl.noneOwn')}</Text> : null}
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('obl.listMonth')}>
        {shown.map((d) => (
          <Card key={d.id} withBorder padding="sm" component="li">
            <Group justify="space-between" gap="xs" wrap="wrap" align="flex-start">
              <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
                <Anchor component={Link} to={`/nghia-vu/han/${d.id}` as '/'} fw={600} className="loa-break">
                  {d.what}
                </Anchor>
                <Text size="sm" c="dimmed" className="loa-break">
                  {t('obl.dueLine', { label: d.label, date: formatDate(d.dueDate), plan: d.planTitle })}
                </Text>
              </Stack>
              <StatusBadge status={d.status} />
            </Group>
          </Card>
        ))}
      </Stack>
    </Stack>
  );
}

function Board({ unitId, from, to }: { unitId: number; from: string; to: string }) {
  const [state, setState] = useState<'late' | 'all'>('all');
  const q = useQuery({ queryKey: [...obligationsKey, 'board', unitId, from, to, state], queryFn: () => obligationsApi.board({ unitId, from, to, state }) });
  return (
    <Stack gap="sm">
      <SegmentedControl
        value={state}
        onChange={(v) => setState(v as 'late' | 'all')}
        data={[
          { value: 'all', label: t('obl.board.all') },
          { value: 'late', label: t('obl.board.lateOnly') },
        ]}
        aria-label={t('obl.board.filter')}
        w={{ base: '100%', xs: 'auto' }}
      />
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
      {q.data && !q.data.items.length ? <Text c="dimmed">{t('obl.board.none')}</Text> : null}
      {q.data ? <Text size="xs" c="dimmed">{t('obl.board.window', { hours: q.data.chaseWindowHours })}</Text> : null}
      {q.data?.items.map((row) => <BoardCard key={`${row.obligationId}-${row.dueDate}`} row={row} unitId={unitId} />)}
    </Stack>
  );
}

function BoardCard({ row, unitId }: { row: BoardRow; unitId: number }) {
  const qc = useQueryClient();
  const access = useUnitAccess(unitId);
  const [note, setNote] = useState('');
  const chaseable = row.units.filter((u) => u.canChase).map((u) => u.deadlineId);
  const chase = useMutation({
    mutationFn: (ids: number[]) => obligationsApi.chase(ids, note.trim() || null),
    onSuccess: (r) => {
      notifySuccess(t('obl.chased', { n: r.chased.length, people: r.recipients }));
      setNote('');
      void qc.invalidateQueries({ queryKey: obligationsKey });
    },
    onError: notifyError,
  });
  return (
    <Card withBorder padding="sm" component="section" aria-label={`${row.what} — ${row.label}`}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" align="flex-start" wrap="wrap">
          <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
            <Text fw={600} className="loa-break">
              {row.what}
            </Text>
            <Text size="sm" c="dimmed" className="loa-break">
              {t('obl.dueLine', { label: row.label, date: formatDate(row.dueDate), plan: row.planTitle })}
            </Text>
          </Stack>
          <Group gap={4}>
            {(['done', 'done_late', 'late', 'pending'] as const).map((s) =>
              row.counts[s] ? (
                <Badge key={s} variant="light" color={deadlineStatusColor(s)}>
                  {`${deadlineStatusLabel(s)}: ${row.counts[s]}`}
                </Badge>
              ) : null,
            )}
          </Group>
        </Group>
        <Stack gap={4} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {row.units.map((u) => (
            <Group key={u.deadlineId} component="li" justify="space-between" gap="xs" wrap="wrap">
              <Anchor component={Link} to={`/nghia-vu/han/${u.deadlineId}` as '/'} size="sm" className="loa-break" style={{ minWidth: 0, flex: 1 }}>
                {u.unitName}
              </Anchor>
              <Group gap={6} wrap="wrap">
                {u.lastChasedAt ? (
                  <Text size="xs" c="dimmed">
                    {t('obl.lastChased', { at: formatDateTime(u.lastChasedAt) })}
                  </Text>
                ) : null}
                {u.fulfilledAt ? (
                  <Text size="xs" c="dimmed">
                    {t('obl.fulfilledOn', { date: formatDate(u.fulfilledAt) })}
                  </Text>
                ) : null}
                <StatusBadge status={u.status} />
              </Group>
            </Group>
          ))}
        </Stack>
        {access.canWrite && chaseable.length ? (
          <Stack gap="xs">
            <Textarea label={t('obl.chaseNote')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={1} maxLength={500} />
            <Button leftSection={<IconBellRinging size={16} />} color="red" onClick={() => chase.mutate(chaseable)} loading={chase.isPending} w={{ base: '100%', xs: 'auto' }}>
              {t('obl.chaseLate', { n: chaseable.length })}
            </Button>
          </Stack>
        ) : null}
      </Stack>
    </Card>
  );
}
