import { Badge, Button, Card, Group, Loader, MultiSelect, Progress, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, Suspense, lazy, useMemo, useState } from 'react';
import { t } from '../../../i18n';
import type { EChartOption } from '../../../ui/EChart';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDateTime, formatNumber } from '../../../ui/format';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { PageHeader } from '../../../ui/PageHeader';
import { can } from '../../auth/permissions';
import { useUser } from '../../auth/session';
import { type CodingFilter, type CodingItem, type Dashboard, type ModelInfo, type Tone, type Topic, analysisApi, analysisKey, tones } from './api';

// ECharts is large: load it only when a chart is on screen.
const EChart = lazy(() => import('../../../ui/EChart').then((m) => ({ default: m.EChart })));
const toneColors: Record<Tone, string> = { negative: '#c92a2a', neutral: '#868e96', positive: '#2b8a3e' };
const toneBadge: Record<Tone, string> = { negative: 'red', neutral: 'gray', positive: 'teal' };
const stanceColors = { agree: '#2b8a3e', partly: '#e67700', disagree: '#c92a2a', none: '#adb5bd' } as const;
const toneLabel = (x: Tone) => t(`fa.tone.${x}` as 'fa.tone.negative');
const stanceLabel = (x: keyof typeof stanceColors) => t(`fa.stance.${x}` as 'fa.stance.agree');
const pct = (x: number) => `${Math.round(x * 100)}%`;

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

function hbar(labels: string[], series: { name: string; values: number[]; color: string }[], stacked = false): EChartOption {
  return {
    grid: { left: 8, right: 24, top: 28, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { width: 110, overflow: 'truncate' } },
    series: series.map((s) => ({ type: 'bar', name: s.name, data: s.values, itemStyle: { color: s.color }, ...(stacked ? { stack: 'all' } : {}) })),
  };
}
const chartHeight = (n: number) => Math.max(140, n * 30 + 56);
const paragraphName = (p: { position: number | null; label: string | null }) => (p.position == null ? t('fa.whole') : p.label || t('fa.paragraphN', { n: p.position }));

/** Analysis of one consultation: progress, themes, tone, per paragraph, the model, and the coding list. */
export function AnalysisPage({ consultationId }: { consultationId: number }) {
  const d = useQuery({ queryKey: [...analysisKey, 'dashboard', consultationId], queryFn: () => analysisApi.dashboard(consultationId) });
  return (
    <>
      <PageHeader title={d.data ? t('fa.title', { title: d.data.title }) : t('fa.titleShort')} />
      <Stack gap="md">
        {d.isPending ? <Loader aria-label={t('common.loading')} /> : null}
        <ErrorAlert error={d.error} />
        {d.data ? (
          <>
            <Figures d={d.data} />
            <ModelCard model={d.data.model} consultationId={consultationId} />
            <CodingList consultationId={consultationId} d={d.data} />
            <TopicsCard unitId={d.data.unitId} />
          </>
        ) : null}
      </Stack>
    </>
  );
}

function Stat({ label, value, color }: { label: string; value: string; color?: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="gray.7" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={24} fw={700} c={color}>
        {value}
      </Text>
    </Card>
  );
}

function Figures({ d }: { d: Dashboard }) {
  const topics = useMemo(() => hbar(d.topics.map((x) => x.label), [{ name: t('fa.comments'), values: d.topics.map((x) => x.count), color: '#4263eb' }]), [d]);
  const tone = useMemo(() => hbar([t('fa.codedComments')], tones.map((x) => ({ name: toneLabel(x), values: [d.tone[x]], color: toneColors[x] })), true), [d]);
  const paras = d.paragraphs.filter((p) => p.comments > 0 || p.position != null);
  const names = paras.map(paragraphName);
  const stance = useMemo(
    () => hbar(names, (['agree', 'partly', 'disagree', 'none'] as const).map((s) => ({ name: stanceLabel(s), values: paras.map((p) => p.stance[s]), color: stanceColors[s] })), true),
    [d],
  );
  const toneByPara = useMemo(() => hbar(names, tones.map((x) => ({ name: toneLabel(x), values: paras.map((p) => p.tone[x]), color: toneColors[x] })), true), [d]);
  return (
    <Stack gap="md">
      <Card withBorder padding="md">
        <Group justify="space-between" wrap="wrap" mb={6}>
          <Text fw={600}>{t('fa.progress')}</Text>
          <Text size="sm">{t('fa.progressText', { coded: formatNumber(d.totals.coded), total: formatNumber(d.totals.comments), pct: pct(d.totals.progress) })}</Text>
        </Group>
        <Progress value={d.totals.progress * 100} size="lg" color="indigo.8" aria-label={t('fa.progress')} />
        <Text size="xs" c="gray.7" mt={6}>
          {t('fa.sources', { accepted: formatNumber(d.totals.accepted), corrected: formatNumber(d.totals.corrected), manual: formatNumber(d.totals.manual), hidden: formatNumber(d.totals.hidden) })}
        </Text>
      </Card>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <Stat label={t('fa.comments')} value={formatNumber(d.totals.comments)} />
        <Stat label={stanceLabel('disagree')} value={formatNumber(d.stance.disagree)} color="red.8" />
        <Stat label={toneLabel('negative')} value={formatNumber(d.tone.negative)} color="red.8" />
        <Stat label={toneLabel('positive')} value={formatNumber(d.tone.positive)} color="teal.8" />
      </SimpleGrid>
      {d.totals.comments === 0 ? <Text c="gray.7">{t('fa.empty')}</Text> : null}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <ChartCard title={t('fa.themes')}>
          {d.topics.length ? <EChart option={topics} height={chartHeight(d.topics.length)} ariaLabel={t('fa.themes')} /> : <Text size="sm" c="gray.7">{t('fa.noCodes')}</Text>}
        </ChartCard>
        <ChartCard title={t('fa.tone')}>
          <EChart option={tone} height={140} ariaLabel={t('fa.tone')} />
        </ChartCard>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <ChartCard title={t('fa.stanceByParagraph')}>
          <EChart option={stance} height={chartHeight(paras.length)} ariaLabel={t('fa.stanceByParagraph')} />
        </ChartCard>
        <ChartCard title={t('fa.toneByParagraph')}>
          <EChart option={toneByPara} height={chartHeight(paras.length)} ariaLabel={t('fa.toneByParagraph')} />
        </ChartCard>
      </SimpleGrid>
    </Stack>
  );
}

function ModelCard({ model, consultationId }: { model: ModelInfo | null; consultationId: number }) {
  const qc = useQueryClient();
  const mayAnalyse = can(useUser(), 'feedback.analyse');
  const retrain = useMutation({
    mutationFn: analysisApi.retrain,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: [...analysisKey, 'dashboard', consultationId] });
      void qc.invalidateQueries({ queryKey: [...analysisKey, 'items', consultationId] });
      notifySuccess(t('fa.model.retrained'));
    },
    onError: notifyError,
  });
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Text fw={600}>{t('fa.model.title')}</Text>
        {mayAnalyse ? (
          <Button color="indigo.9" size="xs" variant="light" onClick={() => retrain.mutate()} loading={retrain.isPending}>
            {t('fa.model.retrain')}
          </Button>
        ) : null}
      </Group>
      {!model ? <Text size="sm" c="gray.7">{t('fa.model.none')}</Text> : null}
      {model ? (
        <Stack gap={4}>
          <Text size="sm">{t('fa.model.f1', { tone: pct(model.metrics.tone.macroF1), topics: pct(model.metrics.topics.macroF1) })}</Text>
          <Text size="xs" c="gray.7">
            {t('fa.model.lead', { at: formatDateTime(model.trainedAt), n: formatNumber(model.examples), codes: formatNumber(model.codes), test: formatNumber(model.metrics.test), since: formatNumber(model.codesSince) })}
          </Text>
        </Stack>
      ) : null}
    </Card>
  );
}

function CodingList({ consultationId, d }: { consultationId: number; d: Dashboard }) {
  const [filter, setFilter] = useState<CodingFilter>('uncoded');
  const [paragraph, setParagraph] = useState('all');
  const topics = useQuery({ queryKey: [...analysisKey, 'topics', d.unitId], queryFn: () => analysisApi.topics(d.unitId) });
  const list = useInfiniteQuery({
    queryKey: [...analysisKey, 'items', consultationId, filter, paragraph],
    queryFn: ({ pageParam }) => analysisApi.items(consultationId, { filter, paragraph, afterId: pageParam, limit: 20 }),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextAfterId ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const qc = useQueryClient();
  const mayAnalyse = can(useUser(), 'feedback.analyse');
  const acceptable = items.filter((x) => !x.code && x.suggestion?.tone).map((x) => x.id).slice(0, 100);
  const acceptAll = useMutation({
    mutationFn: () => analysisApi.acceptMany(acceptable),
    onSuccess: (r) => {
      notifySuccess(t('fa.acceptedN', { n: r.accepted }));
      void qc.invalidateQueries({ queryKey: [...analysisKey, 'items', consultationId] });
      void qc.invalidateQueries({ queryKey: [...analysisKey, 'dashboard', consultationId] });
    },
    onError: notifyError,
  });
  const paragraphOptions = [
    { value: 'all', label: t('fa.allParagraphs') },
    ...d.paragraphs.map((p) => ({ value: p.paragraphId == null ? 'whole' : String(p.paragraphId), label: paragraphName(p) })),
  ];
  return (
    <Card withBorder padding="md">
      <Text fw={600} mb="sm">
        {t('fa.coding')}
      </Text>
      <Group gap="sm" mb="sm" wrap="wrap" align="flex-end">
        <SegmentedControl
          aria-label={t('fa.filter')}
          value={filter}
          onChange={(v) => setFilter(v as CodingFilter)}
          data={(['uncoded', 'coded', 'all'] as const).map((x) => ({ value: x, label: t(`fa.filter.${x}` as 'fa.filter.all') }))}
        />
        <select aria-label={t('fa.paragraph')} value={paragraph} onChange={(e) => setParagraph(e.currentTarget.value)} style={{ maxWidth: '100%', padding: '6px 8px' }}>
          {paragraphOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        {mayAnalyse && acceptable.length > 1 ? (
          <Button variant="light" color="teal.9" onClick={() => acceptAll.mutate()} loading={acceptAll.isPending}>
            {t('fa.acceptAll', { n: acceptable.length })}
          </Button>
        ) : null}
      </Group>
      <ErrorAlert error={list.error ?? topics.error} />
      {list.isPending ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
      {list.data && !items.length ? <Text size="sm" c="gray.7">{t('fa.noItems')}</Text> : null}
      <Stack gap="sm">
        {items.map((it) => (
          <CodingRow key={it.id} item={it} topics={topics.data?.items ?? []} consultationId={consultationId} />
        ))}
      </Stack>
      {list.hasNextPage ? (
        <Button mt="sm" variant="default" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('fa.more')}
        </Button>
      ) : null}
    </Card>
  );
}

function CodingRow({ item, topics, consultationId }: { item: CodingItem; topics: Topic[]; consultationId: number }) {
  const qc = useQueryClient();
  const mayAnalyse = can(useUser(), 'feedback.analyse');
  const [editing, setEditing] = useState(false);
  const start = item.code ?? (item.suggestion?.tone ? { tone: item.suggestion.tone, topicIds: item.suggestion.topicIds } : { tone: 'neutral' as Tone, topicIds: [] });
  const [tone, setTone] = useState<Tone>(start.tone);
  const [topicIds, setTopicIds] = useState<string[]>(start.topicIds.map(String));
  const labelOf = new Map(topics.map((x) => [x.id, x.label]));
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: [...analysisKey, 'items', consultationId] });
    void qc.invalidateQueries({ queryKey: [...analysisKey, 'dashboard', consultationId] });
  };
  const accept = useMutation({ mutationFn: () => analysisApi.accept(item.id, item.code?.version), onSuccess: () => { notifySuccess(t('fa.saved')); refresh(); }, onError: notifyError });
  const save = useMutation({
    mutationFn: () => analysisApi.code(item.id, { tone, topicIds: topicIds.map(Number), version: item.code?.version }),
    onSuccess: () => { setEditing(false); notifySuccess(t('fa.saved')); refresh(); },
    onError: notifyError,
  });
  const s = item.suggestion;
  return (
    <Card withBorder padding="sm" component="article" aria-label={t('fa.commentN', { n: item.id })}>
      <Group gap={6} mb={4} wrap="wrap">
        <Badge variant="light" color="gray">{item.paragraphPosition == null ? t('fa.whole') : item.paragraphLabel || t('fa.paragraphN', { n: item.paragraphPosition })}</Badge>
        {item.stance ? <Badge variant="light" color={item.stance === 'agree' ? 'teal' : item.stance === 'disagree' ? 'red' : 'orange'}>{stanceLabel(item.stance)}</Badge> : null}
        {item.visibility === 'hidden' ? <Badge variant="outline" color="gray">{t('fa.hidden')}</Badge> : null}
      </Group>
      <Text size="sm" className="loa-break" style={{ whiteSpace: 'pre-wrap' }}>
        {item.body}
      </Text>
      {item.code && !editing ? (
        <Group gap={6} mt={6} wrap="wrap">
          <Text size="xs" fw={600}>{t('fa.code')}</Text>
          <Badge color={toneBadge[item.code.tone]}>{toneLabel(item.code.tone)}</Badge>
          {item.code.topicIds.map((id) => <Badge key={id} variant="light" color="indigo">{labelOf.get(id) ?? `#${id}`}</Badge>)}
          <Text size="xs" c="gray.7">{t(`fa.source.${item.code.source}` as 'fa.source.manual')} · {item.code.codedByName ?? ''}</Text>
          {mayAnalyse ? <Button size="compact-xs" variant="subtle" onClick={() => setEditing(true)}>{t('fa.change')}</Button> : null}
        </Group>
      ) : null}
      {!item.code && s?.tone && !editing ? (
        <Group gap={6} mt={6} wrap="wrap">
          <Text size="xs" fw={600}>{t('fa.suggested')}</Text>
          <Badge variant="outline" color={toneBadge[s.tone]}>{toneLabel(s.tone)}{s.toneP ? ` ${pct(s.toneP[s.tone] ?? 0)}` : ''}</Badge>
          {s.topicIds.map((id) => <Badge key={id} variant="outline" color="indigo">{labelOf.get(id) ?? `#${id}`}</Badge>)}
          {mayAnalyse ? (
            <>
              <Button size="compact-xs" color="teal.9" onClick={() => accept.mutate()} loading={accept.isPending}>{t('fa.accept')}</Button>
              <Button size="compact-xs" variant="default" onClick={() => setEditing(true)}>{t('fa.correct')}</Button>
            </>
          ) : null}
        </Group>
      ) : null}
      {mayAnalyse && !item.code && !s?.tone && !editing ? (
        <Button mt={6} size="compact-xs" variant="default" onClick={() => setEditing(true)}>{t('fa.codeIt')}</Button>
      ) : null}
      {editing ? (
        <Stack gap={6} mt={6}>
          <SegmentedControl aria-label={t('fa.tone')} value={tone} onChange={(v) => setTone(v as Tone)} data={tones.map((x) => ({ value: x, label: toneLabel(x) }))} />
          <MultiSelect label={t('fa.topics')} data={topics.map((x) => ({ value: String(x.id), label: x.label }))} value={topicIds} onChange={setTopicIds} searchable clearable />
          <Group gap="xs">
            <Button size="xs" color="indigo.9" onClick={() => save.mutate()} loading={save.isPending}>{t('common.save')}</Button>
            <Button size="xs" variant="default" onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
          </Group>
        </Stack>
      ) : null}
    </Card>
  );
}

function TopicsCard({ unitId }: { unitId: number }) {
  const qc = useQueryClient();
  const mayAnalyse = can(useUser(), 'feedback.analyse');
  const [label, setLabel] = useState('');
  const topics = useQuery({ queryKey: [...analysisKey, 'topics', unitId, 'all'], queryFn: () => analysisApi.topics(unitId, true) });
  const done = () => void qc.invalidateQueries({ queryKey: [...analysisKey, 'topics', unitId] });
  const add = useMutation({ mutationFn: () => analysisApi.addTopic(unitId, label), onSuccess: () => { setLabel(''); notifySuccess(t('fa.topicAdded')); done(); }, onError: notifyError });
  const archive = useMutation({ mutationFn: (x: Topic) => analysisApi.updateTopic(x.id, { isArchived: !x.isArchived }), onSuccess: done, onError: notifyError });
  return (
    <Card withBorder padding="md">
      <Text fw={600} mb="xs">{t('fa.topicsTitle')}</Text>
      <Text size="xs" c="gray.7" mb="sm">{t('fa.topicsLead')}</Text>
      <ErrorAlert error={topics.error} />
      <Table.ScrollContainer minWidth={320}>
        <Table>
          <Table.Tbody>
            {(topics.data?.items ?? []).map((x) => (
              <Table.Tr key={x.id}>
                <Table.Td>{x.label}</Table.Td>
                <Table.Td>{x.isShared ? t('fa.topicShared') : x.isArchived ? t('fa.topicArchived') : t('fa.topicOwn')}</Table.Td>
                <Table.Td>
                  {x.isShared || !mayAnalyse ? null : (
                    <Button size="compact-xs" variant="subtle" onClick={() => archive.mutate(x)}>{x.isArchived ? t('fa.restore') : t('fa.archive')}</Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {mayAnalyse ? (
      <Group gap="xs" mt="sm" align="flex-end" wrap="wrap">
        <TextInput label={t('fa.newTopic')} value={label} onChange={(e) => setLabel(e.currentTarget.value)} maxLength={120} w={{ base: '100%', sm: 320 }} />
        <Button color="indigo.9" onClick={() => add.mutate()} disabled={!label.trim()} loading={add.isPending}>{t('fa.addTopic')}</Button>
      </Group>
      ) : null}
    </Card>
  );
}
