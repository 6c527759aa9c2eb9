import { Anchor, Badge, Card, Group, Loader, Pagination, ScrollArea, Select, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { type InboxRow, type Tone, type TriageStatus, insightsApi, insightsKey, riskCategories, tones, triageStatuses } from '../../api/monitoring-insights';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { UnitPicker } from '../../ui/UnitPicker';
import { useIsMobile } from '../../ui/useMobile';
import { useArticleUnit } from '../newsroom/useArticleUnit';
import { categoryLabel, statusColor, statusLabel, toneColor, toneLabel } from './insights';
import { watchApi, watchKey } from './WatchSection';

const pageSize = 20;

export function ToneBadge({ tone }: { tone: Tone }) {
  return (
    <Badge variant="outline" color={toneColor(tone)} style={{ flex: 'none' }}>
      {toneLabel(tone)}
    </Badge>
  );
}
export function StatusBadge({ status }: { status: TriageStatus }) {
  return (
    <Badge variant="outline" color={statusColor(status)} style={{ flex: 'none' }}>
      {statusLabel(status)}
    </Badge>
  );
}

/** The triage inbox: stories about a unit's subtree, by status tab, with tone, category, assignee and text filters. */
export function InboxPage() {
  const isMobile = useIsMobile();
  const [unit, setUnit] = useArticleUnit('monitoring.read', { isRemembered: false });
  const [status, setStatus] = useState<string>('new');
  const [tone, setTone] = useState<string | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const [assigned, setAssigned] = useState<string | null>(null);
  const [personId, setPersonId] = useState<string | null>(null);
  const [topicId, setTopicId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const query = {
    unitId: unit?.id ?? 0,
    status: status === 'all' ? null : (status as TriageStatus),
    tone: tone as Tone | null,
    category,
    assigned: assigned as 'me' | 'none' | null,
    personId: personId ? Number(personId) : null,
    topicId: topicId ? Number(topicId) : null,
    q,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  };
  const list = useQuery({ queryKey: [...insightsKey, 'inbox', query], queryFn: () => insightsApi.inbox(query), enabled: !!unit, placeholderData: (p) => p });
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / pageSize));
  const people = useQuery({ queryKey: [...watchKey, 'people', unit?.id ?? 0], queryFn: () => watchApi.people(unit?.id ?? 0), enabled: !!unit });
  const topics = useQuery({ queryKey: [...watchKey, 'topics', unit?.id ?? 0], queryFn: () => watchApi.topics(unit?.id ?? 0), enabled: !!unit });
  const reset = () => setPage(1);
  const tabs = (
    <Tabs value={status} onChange={(v) => { setStatus(v ?? 'new'); reset(); }}>
      <Tabs.List aria-label={t('mi.inbox.statusFilter')} style={isMobile ? { flexWrap: 'nowrap' } : undefined}>
        {triageStatuses.map((s) => (
          <Tabs.Tab key={s} value={s} style={{ whiteSpace: 'nowrap' }}>
            {statusLabel(s)}
          </Tabs.Tab>
        ))}
        <Tabs.Tab value="all">{t('mi.inbox.all')}</Tabs.Tab>
      </Tabs.List>
    </Tabs>
  );
  return (
    <>
      <PageHeader title={t('mi.inbox.title')} />
      <Stack gap="sm">
        <Text size="sm" c="gray.7" maw={720}>
          {t('mi.inbox.lead')}
        </Text>
        <UnitPicker className="loa-unit-picker" label={t('mi.unit')} value={unit} onChange={(u) => { setUnit(u); reset(); }} maw={520} />
        {isMobile ? <ScrollArea type="never" offsetScrollbars={false}>{tabs}</ScrollArea> : tabs}
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label={t('mi.inbox.search')}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => { setSearch(e.currentTarget.value); reset(); }}
            w={{ base: '100%', xs: 240 }}
          />
          <Select label={t('mi.tone')} placeholder={t('mi.any')} data={tones.map((x) => ({ value: x, label: toneLabel(x) }))} value={tone} onChange={(v) => { setTone(v); reset(); }} clearable w={{ base: '100%', xs: 150 }} />
          <Select label={t('mi.category')} placeholder={t('mi.any')} data={riskCategories.map((x) => ({ value: x, label: categoryLabel(x) }))} value={category} onChange={(v) => { setCategory(v); reset(); }} clearable w={{ base: '100%', xs: 200 }} />
          <Select
            label={t('mi.inbox.assigned')}
            placeholder={t('mi.any')}
            data={[{ value: 'me', label: t('mi.inbox.assignedMe') }, { value: 'none', label: t('mi.inbox.assignedNone') }]}
            value={assigned}
            onChange={(v) => { setAssigned(v); reset(); }}
            clearable
            w={{ base: '100%', xs: 170 }}
          />
          {people.data && people.data.items.length > 0 ? (
            <Select label={t('mi.inbox.person')} placeholder={t('mi.any')} data={people.data.items.map((p) => ({ value: String(p.id), label: p.name }))} value={personId} onChange={(v) => { setPersonId(v); reset(); }} clearable searchable w={{ base: '100%', xs: 200 }} />
          ) : null}
          {topics.data && topics.data.items.length > 0 ? (
            <Select label={t('mi.inbox.topic')} placeholder={t('mi.any')} data={topics.data.items.map((x) => ({ value: String(x.id), label: x.name }))} value={topicId} onChange={(v) => { setTopicId(v); reset(); }} clearable searchable w={{ base: '100%', xs: 200 }} />
          ) : null}
          {list.data ? (
            <Text size="sm" c="gray.7" mb={8} ml="auto">
              {t('mi.inbox.count', { n: list.data.total })}
            </Text>
          ) : null}
        </Group>
        {unit && list.isPending ? <Loader aria-label={t('common.loading')} /> : null}
        <ErrorAlert error={list.error} />
        {list.data && list.data.items.length === 0 ? <Text c="gray.7">{t('mi.inbox.none')}</Text> : null}
        {list.data && list.data.items.length > 0 ? (
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('mi.inbox.listLabel')}>
            {list.data.items.map((s) => (
              <InboxCard key={s.id} s={s} />
            ))}
          </Stack>
        ) : null}
        {pages > 1 ? <Pagination total={pages} value={page} onChange={setPage} size="sm" siblings={isMobile ? 0 : 1} /> : null}
      </Stack>
    </>
  );
}

function InboxCard({ s }: { s: InboxRow }) {
  return (
    <Card component="li" withBorder padding="xs">
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Anchor c="indigo.9" component={Link} to={`/theo-doi/tin/${s.id}`} fw={600} className="loa-break" lineClamp={3}>
          {s.title}
        </Anchor>
        <Text size="xs" c="gray.7" className="loa-break">
          {[s.source, t('mi.copies', { n: s.itemCount }), s.units.join(', '), (s.people ?? []).join(', '), formatDateTime(s.lastSeenAt)].filter(Boolean).join(' · ')}
        </Text>
        <Group gap={4} mt={2}>
          <StatusBadge status={s.status} />
          <ToneBadge tone={s.tone} />
          {s.categories.map((c) => (
            <Badge key={c} variant="outline" color="gray.8" style={{ flex: 'none' }}>
              {categoryLabel(c)}
            </Badge>
          ))}
          {(s.topics ?? []).map((x) => (
            <Badge key={`topic-${x}`} variant="outline" color="teal.9" style={{ flex: 'none' }}>
              {x}
            </Badge>
          ))}
          {s.riskScore > 0 ? (
            <Badge variant="outline" color={s.riskScore >= 0.6 ? 'red.9' : 'gray.8'} style={{ flex: 'none' }}>
              {t('mi.risk', { n: Math.round(s.riskScore * 100) })}
            </Badge>
          ) : null}
          {s.assignedToName ? (
            <Badge variant="outline" color="grape.9" style={{ flex: 'none' }}>
              {t('mi.assignedTo', { name: s.assignedToName })}
            </Badge>
          ) : null}
        </Group>
      </Stack>
    </Card>
  );
}
