import { Badge, Button, Card, Group, Loader, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type Briefing, pressApi, pressKey } from '../../api/press';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { can } from '../auth/permissions';
import { useUser } from '../auth/session';
import { BriefingInvites } from './BriefingInvites';
import { complianceColor, complianceLabel } from './labels';

/** Briefings and press conferences of a year, and the Decree 09 compliance grid (monthly information, quarterly conference). */
export function BriefingsTab({ unitId }: { unitId: number }) {
  const user = useUser();
  const qc = useQueryClient();
  const [year, setYear] = useState(new Date().getFullYear());
  const list = useQuery({ queryKey: [...pressKey, 'briefings', unitId, year], queryFn: () => pressApi.briefings(unitId, year) });
  const compliance = useQuery({ queryKey: [...pressKey, 'compliance', unitId, year], queryFn: () => pressApi.compliance(unitId, year) });
  const people = useQuery({ queryKey: [...pressKey, 'people', unitId], queryFn: () => pressApi.people(unitId) });
  const [f, setF] = useState({ kind: 'briefing', title: '', startsAt: '', place: '', spokespersonId: null as string | null, topics: '' });
  const [minutes, setMinutes] = useState<Record<number, string>>({});
  const [invitesOpen, setInvitesOpen] = useState<Record<number, boolean>>({});
  const refresh = () => qc.invalidateQueries({ queryKey: pressKey });
  const create = useMutation({
    mutationFn: () =>
      pressApi.saveBriefing(null, {
        unitId, kind: f.kind, title: f.title, startsAt: new Date(f.startsAt).toISOString(), place: f.place || null,
        spokespersonId: f.spokespersonId ? Number(f.spokespersonId) : null, topics: f.topics.split('\n').map((x) => x.trim()).filter(Boolean),
      }),
    onSuccess: async () => {
      notifySuccess(t('press.saved'));
      setF({ kind: 'briefing', title: '', startsAt: '', place: '', spokespersonId: null, topics: '' });
      await refresh();
    },
  });
  const record = useMutation({
    mutationFn: (m: { b: Briefing; status: 'held' | 'cancelled' }) =>
      pressApi.saveBriefing(m.b.id, { ...m.b, status: m.status, minutes: minutes[m.b.id] ?? m.b.minutes ?? null }),
    onSuccess: async () => {
      notifySuccess(t('press.saved'));
      await refresh();
    },
  });
  return (
    <Stack gap="sm">
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('press.br.year')}
          data={[year - 1, year, year + 1].map((y) => ({ value: String(y), label: String(y) }))}
          value={String(year)}
          onChange={(v) => v && setYear(Number(v))}
          w={120}
        />
      </Group>
      {compliance.data ? (
        <Card withBorder>
          <Text fw={600} mb="xs">
            {t('press.br.compliance')}
          </Text>
          <SimpleGrid cols={{ base: 3, xs: 4, sm: 6 }} spacing="xs">
            {compliance.data.months.map((m) => (
              <Stack key={m.month} gap={2} align="flex-start">
                <Text size="sm">{t('press.br.month', { m: m.month })}</Text>
                <Badge color={complianceColor(m.state)} variant="light">
                  {complianceLabel(m.state)}
                </Badge>
              </Stack>
            ))}
          </SimpleGrid>
          {compliance.data.needsConference ? (
            <SimpleGrid cols={{ base: 2, xs: 4 }} spacing="xs" mt="sm">
              {compliance.data.quarters.map((q) => (
                <Stack key={q.quarter} gap={2} align="flex-start">
                  <Text size="sm">{t('press.br.quarter', { q: q.quarter })}</Text>
                  <Badge color={complianceColor(q.state)} variant="light">
                    {complianceLabel(q.state)}
                  </Badge>
                </Stack>
              ))}
            </SimpleGrid>
          ) : null}
          <Text size="xs" c="dimmed" mt="xs">
            {t('press.br.rule')}
          </Text>
        </Card>
      ) : null}
      {list.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {list.error || record.error ? <ErrorAlert error={list.error ?? record.error} /> : null}
      {list.data?.items.length === 0 ? <Text c="dimmed">{t('press.br.none')}</Text> : null}
      {list.data?.items.map((b) => (
        <Card key={b.id} withBorder padding="sm">
          <Stack gap={4}>
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Text fw={600}>{b.title}</Text>
              <Group gap={4}>
                <Badge variant="outline">{t(`press.br.kind.${b.kind}`)}</Badge>
                <Badge variant="light">{t(`press.br.status.${b.status}`)}</Badge>
              </Group>
            </Group>
            <Text size="sm" c="dimmed">
              {[formatDateTime(b.startsAt), b.place, b.spokespersonName].filter(Boolean).join(' · ')}
            </Text>
            {b.topics.length ? <Text size="sm">{b.topics.join('; ')}</Text> : null}
            {b.minutes ? <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{b.minutes}</Text> : null}
            <Group gap="xs">
              <Button size="xs" variant="subtle" aria-expanded={!!invitesOpen[b.id]} onClick={() => setInvitesOpen((x) => ({ ...x, [b.id]: !x[b.id] }))}>
                {invitesOpen[b.id] ? t('press.inv.hide') : t('press.inv.show')}
              </Button>
            </Group>
            {invitesOpen[b.id] ? <BriefingInvites briefing={b} unitId={unitId} canWrite={can(user, 'press.write')} /> : null}
            {can(user, 'press.write') && b.status === 'planned' ? (
              <Stack gap={4}>
                <Textarea label={t('press.br.minutes')} autosize minRows={2} value={minutes[b.id] ?? ''} onChange={(e) => { const v = e.currentTarget.value; setMinutes((x) => ({ ...x, [b.id]: v })); }} />
                <Group gap="xs">
                  <Button size="xs" variant="light" onClick={() => record.mutate({ b, status: 'held' })}>
                    {t('press.br.markHeld')}
                  </Button>
                  <Button size="xs" variant="default" onClick={() => record.mutate({ b, status: 'cancelled' })}>
                    {t('press.br.cancel')}
                  </Button>
                </Group>
              </Stack>
            ) : null}
          </Stack>
        </Card>
      ))}
      {can(user, 'press.write') ? (
        <Card withBorder>
          <Stack gap="sm">
            <Text fw={600}>{t('press.br.new')}</Text>
            <Select
              label={t('press.br.kindLabel')}
              data={[
                { value: 'briefing', label: t('press.br.kind.briefing') },
                { value: 'conference', label: t('press.br.kind.conference') },
              ]}
              value={f.kind}
              onChange={(v) => setF((x) => ({ ...x, kind: v ?? 'briefing' }))}
            />
            <TextInput label={t('press.br.title')} required value={f.title} onChange={(e) => { const v = e.currentTarget.value; setF((x) => ({ ...x, title: v })); }} />
            <TextInput label={t('press.br.when')} type="datetime-local" required value={f.startsAt} onChange={(e) => { const v = e.currentTarget.value; setF((x) => ({ ...x, startsAt: v })); }} />
            <TextInput label={t('press.br.place')} value={f.place} onChange={(e) => { const v = e.currentTarget.value; setF((x) => ({ ...x, place: v })); }} />
            <Select
              label={t('press.br.spokesperson')}
              data={(people.data?.register ?? []).map((p) => ({ value: String(p.id), label: p.name }))}
              value={f.spokespersonId}
              onChange={(v) => setF((x) => ({ ...x, spokespersonId: v }))}
              clearable
            />
            <Textarea label={t('press.br.topics')} autosize minRows={2} value={f.topics} onChange={(e) => { const v = e.currentTarget.value; setF((x) => ({ ...x, topics: v })); }} />
            {create.error ? <ErrorAlert error={create.error} /> : null}
            <Group>
              <Button disabled={!f.title.trim() || !f.startsAt} loading={create.isPending} onClick={() => create.mutate()}>
                {t('press.br.create')}
              </Button>
            </Group>
          </Stack>
        </Card>
      ) : null}
    </Stack>
  );
}
