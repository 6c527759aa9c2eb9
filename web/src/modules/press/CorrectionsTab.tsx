import { Anchor, Badge, Button, Card, Group, Loader, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type Correction, type CorrectionOutcome, correctionOutcomes, pressApi, pressKey } from '../../api/press';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { can } from '../auth/permissions';
import { useUser } from '../auth/session';
import { docStatusLabel, outcomeLabel } from './labels';
import { paragraphs } from './ReleasesTab';
import { ThreadPicker } from './ThreadPicker';

/** Correcting the record: correction requests to outlets (tracked to their outcome) and rebuttals published on the portal. */
export function CorrectionsTab({ unitId }: { unitId: number }) {
  const user = useUser();
  const qc = useQueryClient();
  const corrections = useQuery({ queryKey: [...pressKey, 'corrections', unitId], queryFn: () => pressApi.corrections(unitId) });
  const rebuttals = useQuery({ queryKey: [...pressKey, 'rebuttals', unitId], queryFn: () => pressApi.rebuttals(unitId) });
  const outlets = useQuery({ queryKey: [...pressKey, 'outlets', unitId, ''], queryFn: () => pressApi.outlets(unitId) });
  const people = useQuery({ queryKey: [...pressKey, 'people', unitId], queryFn: () => pressApi.people(unitId) });
  const [c, setC] = useState({ outletId: null as string | null, whatWrong: '', requested: '', sentOn: '' });
  const [r, setR] = useState({ title: '', falseClaim: '', body: '', threadId: '' });
  const refresh = () => qc.invalidateQueries({ queryKey: pressKey });
  const addCorrection = useMutation({
    mutationFn: () => pressApi.saveCorrection(null, { unitId, outletId: c.outletId ? Number(c.outletId) : null, whatWrong: c.whatWrong, requestedCorrection: c.requested, sentOn: c.sentOn || null }),
    onSuccess: async () => {
      notifySuccess(t('press.saved'));
      setC({ outletId: null, whatWrong: '', requested: '', sentOn: '' });
      await refresh();
    },
  });
  const setOutcome = useMutation({
    mutationFn: (m: { x: Correction; outcome: CorrectionOutcome }) =>
      pressApi.saveCorrection(m.x.id, { outletId: m.x.outletId, itemId: m.x.itemId, whatWrong: m.x.whatWrong, requestedCorrection: m.x.requestedCorrection, sentOn: m.x.sentOn, outcome: m.outcome, outcomeUrl: m.x.outcomeUrl }),
    onSuccess: async () => {
      notifySuccess(t('press.saved'));
      await refresh();
    },
  });
  const addRebuttal = useMutation({
    mutationFn: () => pressApi.saveRebuttal(null, { unitId, title: r.title, falseClaim: r.falseClaim, bodyHtml: paragraphs(r.body), threadId: r.threadId ? Number(r.threadId) : null }),
    onSuccess: async () => {
      notifySuccess(t('press.saved'));
      setR({ title: '', falseClaim: '', body: '', threadId: '' });
      await refresh();
    },
  });
  const moveRebuttal = useMutation({
    mutationFn: (m: { id: number; action: 'publish' | 'withdraw' }) => pressApi.moveRebuttal(m.id, m.action),
    onSuccess: async () => {
      notifySuccess(t('press.q.done'));
      await refresh();
    },
  });
  const mayWrite = can(user, 'press.write');
  return (
    <Stack gap="md">
      <Title order={2} size="h4">
        {t('press.co.heading')}
      </Title>
      {corrections.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {corrections.error || setOutcome.error ? <ErrorAlert error={corrections.error ?? setOutcome.error} /> : null}
      {corrections.data?.items.length === 0 ? <Text c="dimmed">{t('press.co.none')}</Text> : null}
      {corrections.data?.items.map((x) => (
        <Card key={x.id} withBorder padding="sm">
          <Stack gap={4}>
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Text fw={600}>{x.outletName ?? t('press.co.noOutlet')}</Text>
              <Badge variant="light" color={x.outcome === 'corrected' ? 'green' : x.outcome === 'pending' ? 'gray' : 'orange'}>
                {outcomeLabel(x.outcome)}
              </Badge>
            </Group>
            <Text size="sm">{t('press.co.wrong', { text: x.whatWrong })}</Text>
            <Text size="sm">{t('press.co.requested', { text: x.requestedCorrection })}</Text>
            {x.sentOn ? <Text size="sm" c="dimmed">{t('press.co.sentOn', { date: formatDate(x.sentOn) })}</Text> : null}
            {x.itemUrl ? (
              <Anchor href={x.itemUrl} target="_blank" rel="noopener" size="sm">
                {x.itemTitle ?? x.itemUrl}
              </Anchor>
            ) : null}
            {mayWrite ? (
              <Select
                label={t('press.co.outcome')}
                data={correctionOutcomes.map((o) => ({ value: o, label: outcomeLabel(o) }))}
                value={x.outcome}
                onChange={(v) => v && setOutcome.mutate({ x, outcome: v as CorrectionOutcome })}
                w={{ base: '100%', xs: 260 }}
              />
            ) : null}
          </Stack>
        </Card>
      ))}
      {mayWrite ? (
        <Card withBorder>
          <Stack gap="sm">
            <Text fw={600}>{t('press.co.new')}</Text>
            <Select label={t('press.co.outlet')} data={(outlets.data?.items ?? []).map((o) => ({ value: String(o.id), label: o.name }))} value={c.outletId} onChange={(v) => setC((x) => ({ ...x, outletId: v }))} clearable searchable />
            <Textarea label={t('press.co.whatWrong')} required autosize minRows={2} value={c.whatWrong} onChange={(e) => { const v = e.currentTarget.value; setC((x) => ({ ...x, whatWrong: v })); }} />
            <Textarea label={t('press.co.requestedLabel')} required autosize minRows={2} value={c.requested} onChange={(e) => { const v = e.currentTarget.value; setC((x) => ({ ...x, requested: v })); }} />
            <TextInput label={t('press.co.sentOnLabel')} type="date" value={c.sentOn} onChange={(e) => { const v = e.currentTarget.value; setC((x) => ({ ...x, sentOn: v })); }} />
            {addCorrection.error ? <ErrorAlert error={addCorrection.error} /> : null}
            <Group>
              <Button disabled={!c.whatWrong.trim() || !c.requested.trim()} loading={addCorrection.isPending} onClick={() => addCorrection.mutate()}>
                {t('press.co.create')}
              </Button>
            </Group>
          </Stack>
        </Card>
      ) : null}

      <Title order={2} size="h4">
        {t('press.rb.heading')}
      </Title>
      {rebuttals.error || moveRebuttal.error ? <ErrorAlert error={rebuttals.error ?? moveRebuttal.error} /> : null}
      {rebuttals.data?.items.length === 0 ? <Text c="dimmed">{t('press.rb.none')}</Text> : null}
      {rebuttals.data?.items.map((x) => (
        <Card key={x.id} withBorder padding="sm">
          <Stack gap={4}>
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Text fw={600}>{x.title}</Text>
              <Badge variant="light">{docStatusLabel(x.status)}</Badge>
            </Group>
            <Text size="sm">{x.falseClaim}</Text>
            {x.threadTitle ? <Text size="sm" c="dimmed">{t('press.rb.thread', { title: x.threadTitle })}</Text> : null}
            {x.publicUrl ? (
              <Anchor href={x.publicUrl} target="_blank" size="sm">
                {t('press.rel.view')}
              </Anchor>
            ) : null}
            {people.data?.isInRegister ? (
              <Group gap="xs">
                {x.status !== 'published' && x.authorId !== user.id ? (
                  <Button size="xs" variant="light" onClick={() => moveRebuttal.mutate({ id: x.id, action: 'publish' })}>
                    {t('press.rb.publish')}
                  </Button>
                ) : null}
                {x.status === 'published' ? (
                  <Button size="xs" variant="default" onClick={() => moveRebuttal.mutate({ id: x.id, action: 'withdraw' })}>
                    {t('press.rb.withdraw')}
                  </Button>
                ) : null}
              </Group>
            ) : null}
          </Stack>
        </Card>
      ))}
      {mayWrite ? (
        <Card withBorder>
          <Stack gap="sm">
            <Text fw={600}>{t('press.rb.new')}</Text>
            <TextInput label={t('press.rb.title')} required value={r.title} onChange={(e) => { const v = e.currentTarget.value; setR((x) => ({ ...x, title: v })); }} />
            <Textarea label={t('press.rb.falseClaim')} required autosize minRows={2} value={r.falseClaim} onChange={(e) => { const v = e.currentTarget.value; setR((x) => ({ ...x, falseClaim: v })); }} />
            <Textarea label={t('press.rb.body')} autosize minRows={4} value={r.body} onChange={(e) => { const v = e.currentTarget.value; setR((x) => ({ ...x, body: v })); }} />
            <ThreadPicker unitId={unitId} value={r.threadId || null} onChange={(id) => setR((x) => ({ ...x, threadId: id ?? '' }))} />
            {addRebuttal.error ? <ErrorAlert error={addRebuttal.error} /> : null}
            <Group>
              <Button disabled={!r.title.trim() || !r.falseClaim.trim()} loading={addRebuttal.isPending} onClick={() => addRebuttal.mutate()}>
                {t('press.rb.create')}
              </Button>
            </Group>
          </Stack>
        </Card>
      ) : null}
    </Stack>
  );
}
