import { Anchor, Badge, Button, Card, Checkbox, Group, List, Loader, MultiSelect, Select, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconExternalLink } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { type Story, type Tone, type TriageStatus, insightsApi, insightsKey, riskCategories, tones } from '../../api/monitoring-insights';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { type PickedUnit, UnitPicker } from '../../ui/UnitPicker';
import { can } from '../auth/permissions';
import { useUser } from '../auth/session';
import { StatusBadge, ToneBadge } from './InboxPage';
import { categoryLabel, toneLabel } from './insights';

const moves: Record<TriageStatus, TriageStatus[]> = {
  new: ['reviewed', 'needs_action', 'closed'],
  reviewed: ['needs_action', 'closed'],
  needs_action: ['reviewed', 'closed'],
  closed: ['reviewed'],
};

/** A story: its copies and why each matched, its workflow and assignment, and the label corrections Loa learns from. */
export function StoryPage({ id }: { id: number }) {
  const qc = useQueryClient();
  const story = useQuery({ queryKey: [...insightsKey, 'story', id], queryFn: () => insightsApi.story(id) });
  const done = (s: Story, message: string) => {
    qc.setQueryData([...insightsKey, 'story', id], s);
    void qc.invalidateQueries({ queryKey: [...insightsKey, 'inbox'] });
    notifySuccess(message);
  };
  const user = useUser();
  const status = useMutation({ mutationFn: (to: TriageStatus) => insightsApi.setStatus(id, to), onSuccess: (s) => done(s, t('mi.story.statusSaved')), onError: notifyError });
  const assign = useMutation({ mutationFn: (userId: number | null) => insightsApi.assign(id, userId), onSuccess: (s) => done(s, t('mi.story.assignSaved')), onError: notifyError });
  if (story.isPending) return <Loader aria-label={t('common.loading')} />;
  if (story.isError) return <ErrorAlert error={story.error} />;
  const s = story.data;
  return (
    <Stack gap="md">
      <Anchor c="indigo.9" component={Link} to="/theo-doi" size="sm">
        <Group gap={4} wrap="nowrap">
          <IconArrowLeft size={14} />
          {t('mi.story.back')}
        </Group>
      </Anchor>
      <Title order={2} fz={{ base: 'h3', sm: 'h2' }} className="loa-break">
        {s.title}
      </Title>
      <Group gap={4}>
        <StatusBadge status={s.status} />
        <ToneBadge tone={s.tone} />
        {s.categories.map((c) => (
          <Badge key={c} variant="outline" color="gray.8">
            {categoryLabel(c)}
          </Badge>
        ))}
        <Badge variant="outline" color={s.riskScore >= 0.6 ? 'red.9' : 'gray.8'}>
          {t('mi.risk', { n: Math.round(s.riskScore * 100) })}
        </Badge>
      </Group>
      <Text size="sm" c="gray.7" className="loa-break">
        {[t('mi.copies', { n: s.itemCount }), t('mi.story.sources', { n: s.sourceCount }), t('mi.story.seen', { from: formatDateTime(s.firstSeenAt), to: formatDateTime(s.lastSeenAt) })].join(' · ')}
      </Text>
      {s.threadTitle ? (
        <Text size="sm" className="loa-break">
          {t('mi.story.thread', { title: s.threadTitle })}
        </Text>
      ) : null}
      {can(user, 'incidents.write') ? (
        <Group>
          <Button component={Link} to="/su-co" search={{ storyId: s.id, title: s.title } as never} color="red.9" variant="light" size="sm">
            {t('inc.openFromStory')}
          </Button>
        </Group>
      ) : null}
      {s.can.write ? (
        <Card withBorder padding="sm">
          <Stack gap="xs">
            <Text fw={600}>{t('mi.story.workflow')}</Text>
            <Group gap="xs">
              {moves[s.status].map((to) => (
                <Button color="indigo.9" key={to} size="xs" variant={to === 'closed' ? 'default' : 'light'} loading={status.isPending && status.variables === to} onClick={() => status.mutate(to)}>
                  {t(`mi.move.${to}` as 'mi.move.reviewed')}
                </Button>
              ))}
            </Group>
            <Group gap="xs">
              <Text size="sm">{s.assignedToName ? t('mi.assignedTo', { name: s.assignedToName }) : t('mi.story.unassigned')}</Text>
              {s.assignedTo !== user.id ? (
                <Button color="indigo.9" c="indigo.9" size="xs" variant="subtle" onClick={() => assign.mutate(user.id)} loading={assign.isPending}>
                  {t('mi.story.takeIt')}
                </Button>
              ) : null}
              {s.assignedTo ? (
                <Button size="xs" variant="subtle" color="gray.8" c="gray.8" onClick={() => assign.mutate(null)} loading={assign.isPending}>
                  {t('mi.story.unassign')}
                </Button>
              ) : null}
            </Group>
          </Stack>
        </Card>
      ) : null}
      {s.matches && s.matches.length > 0 ? (
        <Text size="sm" className="loa-break">
          {t('mi.story.watchMatches', { list: s.matches.map((m) => `${m.kind === 'person' ? t('mi.inbox.person') : t('mi.inbox.topic')}: ${m.name}`).join('; ') })}
        </Text>
      ) : null}
      {s.can.write ? <CorrectForm story={s} onSaved={(x) => done(x, t('mi.story.correctSaved'))} /> : null}
      <Stack gap="xs">
        <Title order={3} fz="h4">
          {t('mi.story.copiesTitle')}
        </Title>
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('mi.story.copiesTitle')}>
          {s.items.map((it) => (
            <Card key={it.id} component="li" withBorder padding="xs">
              <Stack gap={4}>
                <Group gap={4} wrap="nowrap" align="flex-start">
                  <Text fw={600} size="sm" className="loa-break" style={{ flex: 1 }}>
                    {it.title}
                  </Text>
                  {it.link ? (
                    <Anchor c="indigo.9" href={it.link} target="_blank" rel="noreferrer noopener" aria-label={t('mi.story.openOriginal', { source: it.source })}>
                      <IconExternalLink size={16} />
                    </Anchor>
                  ) : null}
                </Group>
                <Text size="xs" c="gray.7" className="loa-break">
                  {[it.source, formatDateTime(it.publishedAt), toneLabel(it.tone)].join(' · ')}
                </Text>
                <Text size="sm" className="loa-break" lineClamp={4}>
                  {it.excerpt}
                </Text>
                {it.units.length ? (
                  <Text size="xs" className="loa-break">
                    {t('mi.story.matched')}{' '}
                    {it.units.map((u) => (u.origin === 'user' ? t('mi.story.matchedByUser', { name: u.name }) : t('mi.story.matchedVia', { name: u.name, via: u.via }))).join('; ')}
                  </Text>
                ) : null}
                {it.reasons.length ? (
                  <List size="xs" spacing={0} className="loa-break">
                    {it.reasons.map((r) => (
                      <List.Item key={r}>{r}</List.Item>
                    ))}
                  </List>
                ) : null}
              </Stack>
            </Card>
          ))}
        </Stack>
      </Stack>
      {s.corrections.length ? (
        <Stack gap={4}>
          <Title order={3} fz="h4">
            {t('mi.story.history')}
          </Title>
          <List size="sm" spacing={2} className="loa-break">
            {s.corrections.map((c) => (
              <List.Item key={c.id}>
                {formatDateTime(c.at)} · {c.userName ?? '—'}: {correctionText(c)}
              </List.Item>
            ))}
          </List>
        </Stack>
      ) : null}
    </Stack>
  );
}

function correctionText(c: Story['corrections'][number]): string {
  if (c.field === 'unit') return c.newValue ? t('mi.fix.unitAdded', { name: c.unitName ?? c.newValue }) : t('mi.fix.unitRemoved', { name: c.unitName ?? c.oldValue ?? '' });
  if (c.field === 'tone') return t('mi.fix.tone', { from: toneLabel(c.oldValue ?? ''), to: toneLabel(c.newValue ?? '') });
  return c.newValue ? t('mi.fix.categoryAdded', { name: categoryLabel(c.newValue) }) : t('mi.fix.categoryRemoved', { name: categoryLabel(c.oldValue ?? '') });
}

function CorrectForm({ story, onSaved }: { story: Story; onSaved: (s: Story) => void }) {
  const [units, setUnits] = useState<PickedUnit[]>(story.units);
  const [kept, setKept] = useState<Set<number>>(new Set(story.units.map((u) => u.id)));
  const [tone, setTone] = useState<Tone>(story.tone);
  const [categories, setCategories] = useState<string[]>(story.categories);
  const [adding, setAdding] = useState<PickedUnit | null>(null);
  useEffect(() => {
    setUnits(story.units);
    setKept(new Set(story.units.map((u) => u.id)));
    setTone(story.tone);
    setCategories(story.categories);
  }, [story]);
  const save = useMutation({
    mutationFn: () => {
      const body: { units?: number[]; tone?: Tone; categories?: string[] } = {};
      const nextUnits = units.filter((u) => kept.has(u.id)).map((u) => u.id);
      const same = nextUnits.length === story.units.length && story.units.every((u) => nextUnits.includes(u.id));
      if (!same) body.units = nextUnits;
      if (tone !== story.tone) body.tone = tone;
      if (categories.length !== story.categories.length || categories.some((c) => !story.categories.includes(c))) body.categories = categories;
      return insightsApi.correct(story.id, body);
    },
    onSuccess: onSaved,
    onError: notifyError,
  });
  const categoryOptions = [...new Set([...riskCategories, ...story.categories])].map((c) => ({ value: c, label: categoryLabel(c) }));
  return (
    <Card withBorder padding="sm" component="form" onSubmit={(e) => { e.preventDefault(); save.mutate(); }} aria-label={t('mi.story.correctTitle')}>
      <Stack gap="xs">
        <Text fw={600}>{t('mi.story.correctTitle')}</Text>
        <Text size="xs" c="gray.7">
          {t('mi.story.correctLead')}
        </Text>
        <Stack gap={4} role="group" aria-label={t('mi.story.units')}>
          <Text size="sm" fw={500}>
            {t('mi.story.units')}
          </Text>
          {units.length === 0 ? <Text size="sm" c="gray.7">{t('mi.story.noUnits')}</Text> : null}
          {units.map((u) => (
            <Checkbox
              key={u.id}
              label={u.name}
              checked={kept.has(u.id)}
              onChange={(e) => {
                const next = new Set(kept);
                if (e.currentTarget.checked) next.add(u.id);
                else next.delete(u.id);
                setKept(next);
              }}
            />
          ))}
          <UnitPicker
            className="loa-unit-picker"
            label={t('mi.story.addUnit')}
            value={adding}
            onChange={(u) => {
              setAdding(null);
              if (u && !units.some((x) => x.id === u.id)) {
                setUnits([...units, u]);
                setKept(new Set([...kept, u.id]));
              }
            }}
            maw={420}
          />
        </Stack>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select label={t('mi.tone')} data={tones.map((x) => ({ value: x, label: toneLabel(x) }))} value={tone} onChange={(v) => v && setTone(v as Tone)} allowDeselect={false} w={{ base: '100%', xs: 180 }} />
          <MultiSelect searchable label={t('mi.category')} data={categoryOptions} value={categories} onChange={setCategories} w={{ base: '100%', xs: 360 }} clearable />
        </Group>
        <Group>
          <Button color="indigo.9" type="submit" loading={save.isPending}>
            {t('mi.story.saveCorrection')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
