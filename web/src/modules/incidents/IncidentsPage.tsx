import { Anchor, Badge, Button, Card, Group, Loader, SegmentedControl, Select, SimpleGrid, Stack, Tabs, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconPlus, IconSearch } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { Suspense, lazy, useMemo, useState } from 'react';
import { type IncidentStatus, type IncidentSummary, type Severity, incidentStatuses, incidentsApi, incidentsKey, severities, stageOrder } from '../../api/incidents';
import { t } from '../../i18n';
import type { EChartOption } from '../../ui/EChart';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { notifyError } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { type PickedUnit, UnitPicker } from '../../ui/UnitPicker';
import { can } from '../auth/permissions';
import { useUser } from '../auth/session';
import { useArticleUnit } from '../newsroom/useArticleUnit';
import { clockColor, clockText, hoursText, severityColor, severityLabel, statusColor, statusLabel } from './labels';

const EChart = lazy(() => import('../../ui/EChart').then((m) => ({ default: m.EChart })));

export function SeverityBadge({ severity }: { severity: number }) {
  return (
    <Badge variant="light" color={severityColor(severity)} style={{ flex: 'none' }}>
      {severityLabel(severity)}
    </Badge>
  );
}
export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  return (
    <Badge variant="outline" color={statusColor(status)} style={{ flex: 'none' }}>
      {statusLabel(status)}
    </Badge>
  );
}

/** Incidents of a unit's subtree: open ones first with their clocks; fast reports received; the time figures. */
export function IncidentsPage({ storyId, storyTitle }: { storyId?: number; storyTitle?: string }) {
  const user = useUser();
  const [unit, setUnit] = useArticleUnit('incidents.read');
  const [tab, setTab] = useState<string>(storyId ? 'new' : 'list');
  const mayWrite = can(user, 'incidents.write');
  return (
    <>
      <PageHeader
        title={t('inc.title')}
        actions={
          mayWrite ? (
            <Button color="indigo.9" leftSection={<IconPlus size={16} />} onClick={() => setTab('new')}>
              {t('inc.new')}
            </Button>
          ) : null
        }
      />
      <Stack gap="sm">
        <Text size="sm" c="gray.7" maw={760}>
          {t('inc.lead')}
        </Text>
        <UnitPicker label={t('inc.unit')} value={unit} onChange={setUnit} maw={520} />
        <Tabs value={tab} onChange={(v) => setTab(v ?? 'list')}>
          <Tabs.List aria-label={t('inc.tabs')}>
            <Tabs.Tab value="list">{t('inc.tab.list')}</Tabs.Tab>
            <Tabs.Tab value="inbox">{t('inc.tab.inbox')}</Tabs.Tab>
            <Tabs.Tab value="stats">{t('inc.tab.stats')}</Tabs.Tab>
            {mayWrite ? <Tabs.Tab value="new">{t('inc.tab.new')}</Tabs.Tab> : null}
          </Tabs.List>
          <Tabs.Panel value="list" pt="sm">
            {unit ? <IncidentList unitId={unit.id} /> : <Text c="gray.7">{t('inc.pickUnit')}</Text>}
          </Tabs.Panel>
          <Tabs.Panel value="inbox" pt="sm">
            {unit ? <Inbox unitId={unit.id} /> : null}
          </Tabs.Panel>
          <Tabs.Panel value="stats" pt="sm">
            {unit && tab === 'stats' ? <Stats unitId={unit.id} /> : null}
          </Tabs.Panel>
          {mayWrite ? (
            <Tabs.Panel value="new" pt="sm">
              <NewIncident defaultUnit={unit} storyId={storyId} storyTitle={storyTitle} />
            </Tabs.Panel>
          ) : null}
        </Tabs>
      </Stack>
    </>
  );
}

function IncidentList({ unitId }: { unitId: number }) {
  const [view, setView] = useState<'list' | 'board'>('list');
  const [status, setStatus] = useState<string | null>('open');
  const [severity, setSeverity] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const query = { unitId, status: (status as IncidentStatus | 'open' | null) ?? null, severity: severity ? Number(severity) : null, q, limit: 100 };
  const list = useQuery({ queryKey: [...incidentsKey, 'list', query], queryFn: () => incidentsApi.list(query), placeholderData: (p) => p });
  return (
    <Stack gap="sm">
      <SegmentedControl
        value={view}
        onChange={(v) => setView(v as 'list' | 'board')}
        data={[
          { value: 'list', label: t('inc.view.list') },
          { value: 'board', label: t('inc.view.board') },
        ]}
        aria-label={t('inc.view')}
        color="indigo.9"
        w={{ base: '100%', xs: 'auto' }}
      />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput label={t('inc.search')} leftSection={<IconSearch size={16} />} value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={{ base: '100%', xs: 260 }} />
        <Select
          label={t('inc.statusFilter')}
          data={[{ value: 'open', label: t('inc.status.open') }, ...incidentStatuses.map((s) => ({ value: s, label: statusLabel(s) }))]}
          value={status}
          onChange={setStatus}
          clearable
          placeholder={t('inc.allStatuses')}
          w={{ base: '100%', xs: 200 }}
        />
        <Select
          label={t('inc.severity')}
          data={severities.map((s) => ({ value: String(s), label: severityLabel(s) }))}
          value={severity}
          onChange={setSeverity}
          clearable
          placeholder={t('inc.allSeverities')}
          w={{ base: '100%', xs: 180 }}
        />
      </Group>
      {list.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      <ErrorAlert error={list.error} />
      {list.data && !list.data.items.length ? <Text c="gray.7">{t('inc.none')}</Text> : null}
      {list.data?.items.length && view === 'board' ? <Board items={list.data.items} /> : null}
      {list.data?.items.length && view === 'list' ? (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('inc.listLabel')}>
          {list.data.items.map((i) => (
            <IncidentRow key={i.id} i={i} />
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}

/** Open incidents as columns, one per stage (stacked on a phone). */
function Board({ items }: { items: IncidentSummary[] }) {
  const columns = stageOrder.filter((s) => s !== 'closed');
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: columns.length }} spacing="sm">
      {columns.map((stage) => {
        const inStage = items.filter((i) => i.status === stage);
        return (
          <Stack key={stage} gap="xs">
            <Title order={3} size="h5">
              {t('inc.board.column', { stage: statusLabel(stage), n: inStage.length })}
            </Title>
            <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={statusLabel(stage)}>
              {inStage.map((i) => (
                <IncidentRow key={i.id} i={i} />
              ))}
            </Stack>
          </Stack>
        );
      })}
    </SimpleGrid>
  );
}

function IncidentRow({ i }: { i: IncidentSummary }) {
  const clocks = [
    ['inc.clock.statement', i.clocks.firstStatement],
    ['inc.clock.report', i.clocks.fastReport],
  ] as const;
  return (
    <Card component="li" withBorder padding="xs">
      <Stack gap={4}>
        <Anchor component={Link} to={`/su-co/${i.id}`} fw={600} c="indigo.9" className="loa-break">
          {i.title}
        </Anchor>
        <Text size="xs" c="gray.7" className="loa-break">
          {i.unitName} · {t('inc.openedAt', { at: formatDateTime(i.openedAt) })}
        </Text>
        <Group gap={4}>
          <SeverityBadge severity={i.severity} />
          <IncidentStatusBadge status={i.status} />
          {clocks.map(([key, c]) =>
            c && (c.state === 'running' || c.state === 'overdue') ? (
              <Badge key={key} variant={c.state === 'overdue' ? 'filled' : 'light'} color={clockColor(c)} leftSection={c.state === 'overdue' ? <IconAlertTriangle size={12} /> : null} style={{ flex: 'none' }}>
                {t(key)}: {clockText(c)}
              </Badge>
            ) : null,
          )}
        </Group>
      </Stack>
    </Card>
  );
}

function Inbox({ unitId }: { unitId: number }) {
  const qc = useQueryClient();
  const inbox = useQuery({ queryKey: [...incidentsKey, 'inbox', unitId], queryFn: () => incidentsApi.inbox(unitId) });
  const read = useMutation({ mutationFn: (reportId: number) => incidentsApi.markRead(reportId, unitId), onSuccess: () => qc.invalidateQueries({ queryKey: [...incidentsKey, 'inbox', unitId] }), onError: notifyError });
  if (inbox.isPending) return <Loader aria-label={t('common.loading')} />;
  if (inbox.isError) return <ErrorAlert error={inbox.error} />;
  if (!inbox.data.items.length) return <Text c="gray.7">{t('inc.inbox.none')}</Text>;
  return (
    <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('inc.tab.inbox')}>
      {inbox.data.items.map((r) => (
        <Card key={r.id} component="li" withBorder padding="xs">
          <Stack gap={4}>
            <Anchor component={Link} to={`/su-co/${r.incidentId}`} fw={600} c="indigo.9" className="loa-break">
              {t('inc.inbox.item', { seq: r.seq, unit: r.unitName, title: r.title })}
            </Anchor>
            <Text size="sm" className="loa-break" lineClamp={3}>
              {r.what}
            </Text>
            <Group gap="xs">
              <SeverityBadge severity={r.severity} />
              <Text size="xs" c="gray.7">
                {t('inc.inbox.sentAt', { at: formatDateTime(r.sentAt) })}
              </Text>
              <Anchor href={incidentsApi.docxUrl(r.id)} size="sm" c="indigo.9">
                {t('inc.report.docx')}
              </Anchor>
              {r.readAt ? (
                <Badge variant="light" color="teal.9">
                  {t('inc.inbox.read', { at: formatDateTime(r.readAt) })}
                </Badge>
              ) : (
                <Button size="xs" variant="light" color="indigo.9" loading={read.isPending && read.variables === r.id} onClick={() => read.mutate(r.id)}>
                  {t('inc.inbox.markRead')}
                </Button>
              )}
            </Group>
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

function Stats({ unitId }: { unitId: number }) {
  const stats = useQuery({ queryKey: [...incidentsKey, 'stats', unitId], queryFn: () => incidentsApi.stats(unitId) });
  const option = useMemo<EChartOption | null>(() => {
    if (!stats.data?.items.length) return null;
    const items = stats.data.items;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 10, top: 40, bottom: 60 },
      xAxis: { type: 'category', data: items.map((i) => (i.title.length > 18 ? `${i.title.slice(0, 17)}…` : i.title)), axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', name: t('inc.stats.hours') },
      series: [
        { name: t('inc.stats.ttd'), type: 'bar', data: items.map((i) => i.timeToDetectHours) },
        { name: t('inc.stats.ttfs'), type: 'bar', data: items.map((i) => i.timeToFirstStatementHours) },
        { name: t('inc.stats.ttr'), type: 'bar', data: items.map((i) => i.timeToResolveHours) },
      ],
    };
  }, [stats.data]);
  if (stats.isPending) return <Loader aria-label={t('common.loading')} />;
  if (stats.isError) return <ErrorAlert error={stats.error} />;
  const a = stats.data.averages;
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        {(
          [
            ['inc.stats.ttd', hoursText(a.timeToDetectHours)],
            ['inc.stats.ttfs', hoursText(a.timeToFirstStatementHours)],
            ['inc.stats.ttr', hoursText(a.timeToResolveHours)],
            ['inc.stats.onTime', t('inc.stats.onTimeValue', { ok: stats.data.statementOnTime, late: stats.data.statementLate })],
          ] as const
        ).map(([k, v]) => (
          <Card key={k} withBorder padding="sm">
            <Text size="sm" c="gray.7">
              {t(k)}
            </Text>
            <Text fw={700} size="lg">
              {v}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      {option ? (
        <Suspense fallback={<Loader aria-label={t('common.loading')} />}>
          <EChart option={option} height={320} ariaLabel={t('inc.stats.chart')} />
        </Suspense>
      ) : (
        <Text c="gray.7">{t('inc.none')}</Text>
      )}
    </Stack>
  );
}

/** Open an incident (from scratch, or from a monitoring story: its copies attach and keep attaching). */
function NewIncident({ defaultUnit, storyId, storyTitle }: { defaultUnit: PickedUnit | null; storyId?: number; storyTitle?: string }) {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [unit, setUnit] = useState<PickedUnit | null>(defaultUnit);
  const [title, setTitle] = useState(storyTitle ?? '');
  const [summary, setSummary] = useState('');
  const [location, setLocation] = useState('');
  const [severity, setSeverity] = useState<string | null>('2');
  const open = useMutation({
    mutationFn: () => incidentsApi.open({ unitId: (unit ?? defaultUnit)!.id, title: title.trim(), summary: summary.trim() || undefined, location: location.trim() || null, severity: Number(severity) as Severity, storyId: storyId ?? null }),
    onSuccess: (i) => {
      void qc.invalidateQueries({ queryKey: incidentsKey });
      void navigate({ to: `/su-co/${i.id}` });
    },
    onError: notifyError,
  });
  return (
    <Card withBorder padding="md" maw={720}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          open.mutate();
        }}
      >
        <Stack gap="sm">
          {storyId ? (
            <Text size="sm" className="loa-break">
              {t('inc.fromStory', { title: storyTitle ?? `#${storyId}` })}
            </Text>
          ) : null}
          <UnitPicker label={t('inc.form.unit')} value={unit ?? defaultUnit} onChange={setUnit} required />
          <TextInput label={t('inc.form.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required maxLength={300} />
          <Select
            label={t('inc.severity')}
            description={t('inc.form.severityHelp')}
            data={severities.map((s) => ({ value: String(s), label: `${s} — ${severityLabel(s)}` }))}
            value={severity}
            onChange={setSeverity}
            allowDeselect={false}
            required
          />
          <TextInput label={t('inc.form.location')} value={location} onChange={(e) => setLocation(e.currentTarget.value)} maxLength={300} />
          <Textarea label={t('inc.form.summary')} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} autosize minRows={3} maxLength={5000} />
          <Group>
            <Button type="submit" color="indigo.9" loading={open.isPending} disabled={!title.trim() || !(unit ?? defaultUnit)}>
              {t('inc.form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
