import { ActionIcon, Anchor, Badge, Button, Card, Checkbox, Group, Loader, Modal, MultiSelect, NumberInput, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { type AlertChannel, type AlertRule, type RuleInput, alertChannels, insightsApi, insightsKey, riskCategories, tones } from '../../api/monitoring-insights';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { UnitPicker } from '../../ui/UnitPicker';
import { can } from '../auth/permissions';
import { useUser } from '../auth/session';
import { useArticleUnit } from '../newsroom/useArticleUnit';
import { categoryLabel, channelLabel, toneLabel } from './insights';
import { type WatchPerson, type WatchTopic, watchApi, watchKey } from './WatchSection';

/** A rule as the API returns it, with the names of its people and topics (insights.routes.ts RuleSchema). */
type WatchRef = { id: number; name: string; isActive: boolean };
type Rule = AlertRule & { people?: WatchRef[]; topics?: WatchRef[] };
const refLabel = (x: WatchRef) => (x.isActive ? x.name : t('mi.rules.notWatched', { name: x.name }));

/** Options for the people / topics pickers: what the unit watches, plus what the rule already has (names kept). */
function watchOptions(items: (WatchPerson | WatchTopic)[], had: WatchRef[], withUnit: boolean) {
  const count = new Map<string, number>();
  for (const x of items) count.set(x.name, (count.get(x.name) ?? 0) + 1);
  const out = items.map((x) => ({
    value: String(x.id),
    label: withUnit && (count.get(x.name) ?? 0) > 1 ? t('mi.rules.personOption', { name: x.name, unit: x.unitName }) : x.name,
  }));
  const seen = new Set(out.map((o) => o.value));
  for (const x of had) if (!seen.has(String(x.id))) out.push({ value: String(x.id), label: refLabel(x) });
  return out;
}

/** My alert notices; the alert rules of a unit (create, edit, delete); the spikes found. */
export function AlertsPage() {
  const user = useUser();
  const [unit, setUnit] = useArticleUnit('monitoring.read', { isRemembered: false });
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const qc = useQueryClient();
  const rules = useQuery({ queryKey: [...insightsKey, 'rules', unit?.id], queryFn: () => insightsApi.rules(unit?.id as number), enabled: !!unit });
  const spikes = useQuery({ queryKey: [...insightsKey, 'spikes', unit?.id], queryFn: () => insightsApi.spikes(unit?.id as number), enabled: !!unit });
  const mayWrite = !!unit && can(user, 'monitoring.write');
  const remove = useMutation({
    mutationFn: (id: number) => insightsApi.deleteRule(id),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: [...insightsKey, 'rules'] });
      notifySuccess(t('mi.rules.deleted'));
    },
    onError: notifyError,
  });
  return (
    <>
      <PageHeader
        title={t('mi.alerts.title')}
        actions={
          mayWrite ? (
            <Button color="indigo.9" leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
              {t('mi.rules.new')}
            </Button>
          ) : null
        }
      />
      <Stack gap="md">
        <Notices />
        <UnitPicker className="loa-unit-picker" label={t('mi.unit')} value={unit} onChange={setUnit} maw={520} />
        <Title order={3} fz="h4">
          {t('mi.rules.title')}
        </Title>
        {unit && rules.isPending ? <Loader aria-label={t('common.loading')} /> : null}
        <ErrorAlert error={rules.error} />
        {rules.data && rules.data.items.length === 0 ? <Text c="gray.7">{t('mi.rules.none')}</Text> : null}
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('mi.rules.title')}>
          {(rules.data?.items as Rule[] | undefined)?.map((r) => (
            <Card key={r.id} component="li" withBorder padding="xs">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Text fw={600} className="loa-break">
                    {r.name}
                  </Text>
                  <Text size="xs" c="gray.7" className="loa-break">
                    {[r.userName ? t('mi.rules.forPerson', { name: r.userName }) : t('mi.rules.forUnit', { name: r.unitName }), r.mode === 'digest' ? t('mi.rules.modeDigest') : t('mi.rules.modeImmediate'), r.channels.map(channelLabel).join(', ')].join(' · ')}
                  </Text>
                  {r.people?.length ? (
                    <Text size="xs" className="loa-break">
                      {t('mi.rules.peopleOf', { names: r.people.map(refLabel).join(', ') })}
                    </Text>
                  ) : null}
                  {r.topics?.length ? (
                    <Text size="xs" className="loa-break">
                      {t('mi.rules.topicsOf', { names: r.topics.map(refLabel).join(', ') })}
                    </Text>
                  ) : null}
                  <Group gap={4}>
                    {r.tones.map((x) => <Badge key={x} variant="outline" color="gray.8">{toneLabel(x)}</Badge>)}
                    {r.categories.map((c) => <Badge key={c} variant="outline" color="gray.8">{categoryLabel(c)}</Badge>)}
                    {r.minRisk > 0 ? <Badge variant="outline" color="indigo.9">{t('mi.risk', { n: Math.round(r.minRisk * 100) })}</Badge> : null}
                    {r.quietStart ? <Badge variant="outline" color="grape.9">{t('mi.rules.quiet', { from: r.quietStart, to: r.quietEnd ?? '' })}</Badge> : null}
                    {!r.isActive ? <Badge variant="outline" color="gray.8">{t('mi.rules.paused')}</Badge> : null}
                  </Group>
                </Stack>
                {mayWrite ? (
                  <Group gap={4} wrap="nowrap">
                    <ActionIcon variant="subtle" aria-label={t('mi.rules.edit', { name: r.name })} onClick={() => setEditing(r)}>
                      <IconPencil size={16} />
                    </ActionIcon>
                    <ActionIcon variant="subtle" color="red" aria-label={t('mi.rules.delete', { name: r.name })} onClick={() => window.confirm(t('mi.rules.confirmDelete')) && remove.mutate(r.id)}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Group>
                ) : null}
              </Group>
            </Card>
          ))}
        </Stack>
        <Title order={3} fz="h4">
          {t('mi.spikes.title')}
        </Title>
        <Text size="sm" c="gray.7">
          {t('mi.spikes.lead')}
        </Text>
        {spikes.data && spikes.data.items.length === 0 ? <Text c="gray.7">{t('mi.spikes.none')}</Text> : null}
        <Stack gap={4} component="ul" style={{ margin: 0, paddingLeft: 20 }}>
          {spikes.data?.items.map((s) => (
            <li key={s.id}>
              <Text size="sm" className="loa-break">
                {t('mi.spikes.row', { day: s.day.split('-').reverse().join('/'), unit: s.unitName, category: categoryLabel(s.category), count: s.count, median: s.median })}
              </Text>
            </li>
          ))}
        </Stack>
      </Stack>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('mi.rules.new') : t('mi.rules.editTitle')} size="lg" closeButtonProps={{ 'aria-label': t('mi.rules.close') }}>
        {editing !== null && unit ? <RuleForm rule={editing === 'new' ? null : editing} unitId={unit.id} onDone={() => { setEditing(null); void qc.invalidateQueries({ queryKey: [...insightsKey, 'rules'] }); }} /> : null}
      </Modal>
    </>
  );
}

function Notices() {
  const qc = useQueryClient();
  const n = useQuery({ queryKey: [...insightsKey, 'notices'], queryFn: insightsApi.notices });
  const read = useMutation({ mutationFn: () => insightsApi.readNotices(), onSuccess: () => qc.invalidateQueries({ queryKey: [...insightsKey, 'notices'] }), onError: notifyError });
  if (!n.data) return <ErrorAlert error={n.error} />;
  return (
    <Card withBorder padding="sm">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Text fw={600}>{t('mi.notices.title', { n: n.data.unread })}</Text>
        {n.data.unread ? (
          <Button color="indigo.9" c="indigo.9" size="xs" variant="subtle" onClick={() => read.mutate()} loading={read.isPending}>
            {t('mi.notices.readAll')}
          </Button>
        ) : null}
      </Group>
      {n.data.items.length === 0 ? <Text size="sm" c="gray.7">{t('mi.notices.none')}</Text> : null}
      <Stack gap={4} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {n.data.items.slice(0, 10).map((x) => (
          <li key={x.id}>
            <Text size="sm" fw={x.readAt ? 400 : 700} className="loa-break">
              {x.link ? <Anchor c="indigo.9" component={Link} to={x.link}>{x.title}</Anchor> : x.title}
            </Text>
            <Text size="xs" c="gray.7" className="loa-break">
              {formatDateTime(x.createdAt)} · {x.body}
            </Text>
          </li>
        ))}
      </Stack>
    </Card>
  );
}

function RuleForm({ rule, unitId, onDone }: { rule: Rule | null; unitId: number; onDone: () => void }) {
  const user = useUser();
  const [forMe, setForMe] = useState(rule ? rule.userId === user.id : false);
  const [scopeUnit, setScopeUnit] = useState(rule ? { id: rule.unitId, name: rule.unitName } : null);
  const [v, setV] = useState<RuleInput>({
    name: rule?.name ?? '',
    categories: rule?.categories ?? [],
    tones: (rule?.tones as RuleInput['tones']) ?? ['negative'],
    minRisk: rule?.minRisk ?? 0,
    mode: rule?.mode ?? 'immediate',
    channels: rule?.channels ?? ['inapp', 'email'],
    emails: rule?.emails ?? [],
    webhookUrl: rule?.webhookUrl ?? null,
    zaloUrl: rule?.zaloUrl ?? null,
    quietStart: rule?.quietStart ?? null,
    quietEnd: rule?.quietEnd ?? null,
    includesSpikes: rule?.includesSpikes ?? true,
    isActive: rule?.isActive ?? true,
    personIds: rule?.personIds ?? [],
    topicIds: rule?.topicIds ?? [],
  });
  const watchUnit = scopeUnit?.id ?? unitId;
  const people = useQuery({ queryKey: [...watchKey, 'people', watchUnit], queryFn: () => watchApi.people(watchUnit) });
  const topics = useQuery({ queryKey: [...watchKey, 'topics', watchUnit], queryFn: () => watchApi.topics(watchUnit) });
  const personOptions = watchOptions(people.data?.items ?? [], rule?.people ?? [], true);
  const topicOptions = watchOptions(topics.data?.items ?? [], rule?.topics ?? [], false);
  const [secret, setSecret] = useState('');
  const [emails, setEmails] = useState((rule?.emails ?? []).join(', '));
  const set = (patch: Partial<RuleInput>) => setV({ ...v, ...patch });
  const save = useMutation({
    mutationFn: () => {
      const body: RuleInput = {
        ...v,
        userId: forMe ? user.id : null,
        emails: emails.split(/[,;\s]+/).map((x) => x.trim()).filter(Boolean),
        webhookUrl: v.webhookUrl || null,
        zaloUrl: v.zaloUrl || null,
        quietStart: v.quietStart || null,
        quietEnd: v.quietEnd || null,
        ...(secret ? { webhookSecret: secret } : {}),
      };
      return rule ? insightsApi.updateRule(rule.id, { ...body, version: rule.version }) : insightsApi.createRule({ ...body, unitId: scopeUnit?.id ?? unitId });
    },
    onSuccess: () => {
      notifySuccess(t('mi.rules.saved'));
      onDone();
    },
    onError: notifyError,
  });
  const has = (c: AlertChannel) => (v.channels ?? []).includes(c);
  return (
    <Stack gap="sm" component="form" onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
      <TextInput label={t('mi.rules.name')} required value={v.name} onChange={(e) => set({ name: e.currentTarget.value })} />
      {!rule ? (
        <UnitPicker
          className="loa-unit-picker"
          label={t('mi.rules.scope')}
          value={scopeUnit ?? null}
          onChange={(u) => {
            setScopeUnit(u);
            set({ personIds: [], topicIds: [] }); // the people and topics offered follow the unit
          }}
          placeholder={t('mi.rules.scopeDefault')}
        />
      ) : null}
      <Switch label={t('mi.rules.forMe')} checked={forMe} onChange={(e) => setForMe(e.currentTarget.checked)} />
      <MultiSelect searchable label={t('mi.tone')} data={tones.map((x) => ({ value: x, label: toneLabel(x) }))} value={v.tones ?? []} onChange={(x) => set({ tones: x as RuleInput['tones'] })} placeholder={t('mi.any')} />
      <MultiSelect searchable label={t('mi.category')} data={riskCategories.map((x) => ({ value: x, label: categoryLabel(x) }))} value={v.categories ?? []} onChange={(x) => set({ categories: x })} placeholder={t('mi.any')} />
      <MultiSelect
        searchable
        clearable
        label={t('mi.rules.people')}
        description={people.data && personOptions.length === 0 ? t('mi.rules.peopleNone') : t('mi.rules.peopleHint')}
        data={personOptions}
        value={(v.personIds ?? []).map(String)}
        onChange={(x) => set({ personIds: x.map(Number) })}
        placeholder={t('mi.any')}
        disabled={!!people.data && personOptions.length === 0}
        error={people.error ? t('common.error') : undefined}
        clearButtonProps={{ 'aria-label': t('mi.rules.clearPeople') }}
      />
      <MultiSelect
        searchable
        clearable
        label={t('mi.rules.topics')}
        description={topics.data && topicOptions.length === 0 ? t('mi.rules.topicsNone') : t('mi.rules.topicsHint')}
        data={topicOptions}
        value={(v.topicIds ?? []).map(String)}
        onChange={(x) => set({ topicIds: x.map(Number) })}
        placeholder={t('mi.any')}
        disabled={!!topics.data && topicOptions.length === 0}
        error={topics.error ? t('common.error') : undefined}
        clearButtonProps={{ 'aria-label': t('mi.rules.clearTopics') }}
      />
      <NumberInput label={t('mi.rules.minRisk')} min={0} max={100} value={Math.round((v.minRisk ?? 0) * 100)} onChange={(x) => set({ minRisk: Math.max(0, Math.min(100, Number(x) || 0)) / 100 })} />
      <Select label={t('mi.rules.mode')} data={[{ value: 'immediate', label: t('mi.rules.modeImmediate') }, { value: 'digest', label: t('mi.rules.modeDigest') }]} value={v.mode} onChange={(x) => x && set({ mode: x as 'immediate' | 'digest' })} allowDeselect={false} />
      <Checkbox.Group label={t('mi.rules.channels')} value={v.channels ?? []} onChange={(x) => set({ channels: x as AlertChannel[] })}>
        <Group gap="md" mt={4}>
          {alertChannels.map((c) => <Checkbox key={c} value={c} label={channelLabel(c)} />)}
        </Group>
      </Checkbox.Group>
      {has('email') ? <TextInput label={t('mi.rules.emails')} description={t('mi.rules.emailsHint')} value={emails} onChange={(e) => setEmails(e.currentTarget.value)} /> : null}
      {has('webhook') ? (
        <>
          <TextInput label={t('mi.rules.webhookUrl')} type="url" required value={v.webhookUrl ?? ''} onChange={(e) => set({ webhookUrl: e.currentTarget.value })} />
          <TextInput label={t('mi.rules.webhookSecret')} description={rule?.hasWebhookSecret ? t('mi.rules.secretKept') : t('mi.rules.secretHint')} value={secret} onChange={(e) => setSecret(e.currentTarget.value)} autoComplete="off" />
        </>
      ) : null}
      {has('zalo') ? <TextInput label={t('mi.rules.zaloUrl')} description={t('mi.rules.zaloHint')} type="url" required value={v.zaloUrl ?? ''} onChange={(e) => set({ zaloUrl: e.currentTarget.value })} /> : null}
      <Group gap="sm" grow>
        <TextInput type="time" label={t('mi.rules.quietStart')} value={v.quietStart ?? ''} onChange={(e) => set({ quietStart: e.currentTarget.value || null })} />
        <TextInput type="time" label={t('mi.rules.quietEnd')} value={v.quietEnd ?? ''} onChange={(e) => set({ quietEnd: e.currentTarget.value || null })} />
      </Group>
      <Switch label={t('mi.rules.includesSpikes')} checked={v.includesSpikes ?? true} onChange={(e) => set({ includesSpikes: e.currentTarget.checked })} />
      <Switch label={t('mi.rules.active')} checked={v.isActive ?? true} onChange={(e) => set({ isActive: e.currentTarget.checked })} />
      <Group justify="flex-end">
        <Button color="indigo.9" type="submit" loading={save.isPending}>
          {t('mi.rules.save')}
        </Button>
      </Group>
    </Stack>
  );
}
