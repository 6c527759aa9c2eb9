import { Anchor, Badge, Button, Card, Checkbox, Group, Loader, Select, SimpleGrid, Stack, Stepper, Text, TextInput, Textarea, Timeline, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconCheck, IconDownload, IconExternalLink, IconSend } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { type Clock, type Incident, type ReportField, type ReviewItem, type Severity, incidentsApi, incidentsKey, reportFields, reviewItems, severities, stageOrder } from '../../api/incidents';
import { type MessageKey, t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { IncidentStatusBadge, SeverityBadge } from './IncidentsPage';
import { clockColor, clockText, hoursText, severityLabel, statusLabel } from './labels';

const textToHtml = (s: string) =>
  s
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br>')}</p>`)
    .join('');
const htmlToText = (h: string) => {
  if (!h) return '';
  const doc = new DOMParser().parseFromString(h.replace(/<br\s*\/?>/gi, '\n').replace(/<\/p>/gi, '</p>\n\n'), 'text/html');
  return (doc.body.textContent ?? '').replace(/\n{3,}/g, '\n\n').trim();
};

/** An incident: stage stepper, clocks, timeline, tasks, fast report, escalations, lines to take, result and review. */
export function IncidentPage({ id }: { id: number }) {
  const qc = useQueryClient();
  const key = [...incidentsKey, 'detail', id];
  const q = useQuery({ queryKey: key, queryFn: () => incidentsApi.get(id), refetchInterval: 60_000 });
  const done = (i: Incident, message?: string) => {
    qc.setQueryData(key, i);
    void qc.invalidateQueries({ queryKey: [...incidentsKey, 'list'] });
    if (message) notifySuccess(message);
  };
  if (q.isPending) return <Loader aria-label={t('common.loading')} />;
  if (q.isError) return <ErrorAlert error={q.error} />;
  const i = q.data;
  const isOpen = !['closed', 'cancelled'].includes(i.status);
  const mayWrite = i.can.write && isOpen;
  return (
    <Stack gap="md">
      <Anchor c="indigo.9" component={Link} to="/su-co" size="sm">
        <Group gap={4} wrap="nowrap">
          <IconArrowLeft size={14} />
          {t('inc.back')}
        </Group>
      </Anchor>
      <Title order={2} fz={{ base: 'h3', sm: 'h2' }} className="loa-break">
        {i.title}
      </Title>
      <Group gap={4}>
        <SeverityBadge severity={i.severity} />
        <IncidentStatusBadge status={i.status} />
      </Group>
      <Text size="sm" c="gray.7" className="loa-break">
        {[i.unitName, i.location, t('inc.detectedAt', { at: formatDateTime(i.detectedAt) }), t('inc.openedAt', { at: formatDateTime(i.openedAt) })].filter(Boolean).join(' · ')}
      </Text>
      {i.summary ? (
        <Text size="sm" className="loa-break" style={{ whiteSpace: 'pre-wrap' }}>
          {i.summary}
        </Text>
      ) : null}
      {i.storyId ? (
        <Anchor component={Link} to={`/theo-doi/tin/${i.storyId}`} size="sm" c="indigo.9">
          {t('inc.story')}
        </Anchor>
      ) : null}
      <Stages i={i} mayWrite={mayWrite} onDone={done} />
      <Clocks i={i} />
      {mayWrite ? <SeverityEdit i={i} onDone={done} /> : null}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Stack gap="md">
          <TimelineCard i={i} mayWrite={mayWrite} onDone={done} />
          <TasksCard i={i} mayWrite={mayWrite} onDone={done} />
        </Stack>
        <Stack gap="md">
          <ReportCard i={i} mayWrite={mayWrite} onDone={done} />
          <EscalationsCard i={i} />
          <LinesToTake i={i} />
          <ResultCard i={i} mayWrite={i.can.write && i.status !== 'cancelled'} onDone={done} />
          <ReviewCard i={i} mayWrite={mayWrite} onDone={done} />
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}

type CardProps = { i: Incident; mayWrite: boolean; onDone: (i: Incident, message?: string) => void };

function Stages({ i, mayWrite, onDone }: CardProps) {
  const [reason, setReason] = useState('');
  const [isCancelling, setCancelling] = useState(false);
  const move = useMutation({ mutationFn: ({ to, note }: { to: Incident['status']; note?: string }) => incidentsApi.move(i.id, to, note), onSuccess: (x) => onDone(x, t('inc.stageSaved', { stage: statusLabel(x.status) })), onError: notifyError });
  const active = i.status === 'cancelled' ? -1 : stageOrder.indexOf(i.status);
  const next = active >= 0 && active < stageOrder.length - 1 ? stageOrder[active + 1] : null;
  const stamps: Record<string, string | null> = { triage: i.openedAt, active: i.activeAt, contained: i.containedAt, resolved: i.resolvedAt, review: i.reviewAt, closed: i.closedAt };
  return (
    <Card withBorder padding="sm">
      <Stack gap="sm">
        <Stepper active={i.status === 'closed' ? stageOrder.length : Math.max(active, 0)} size="xs" orientation="horizontal" allowNextStepsSelect={false} styles={{ steps: { flexWrap: 'wrap', rowGap: 8 } }} aria-label={t('inc.stages')}>
          {stageOrder.map((s) => (
            <Stepper.Step key={s} label={statusLabel(s)} description={stamps[s] ? formatDateTime(stamps[s]) : undefined} />
          ))}
        </Stepper>
        {i.status === 'cancelled' ? (
          <Text size="sm" c="red.9">
            {t('inc.cancelledBecause', { reason: i.cancelReason ?? '' })}
          </Text>
        ) : null}
        {mayWrite ? (
          <Group gap="xs">
            {next ? (
              <Button color="indigo.9" size="sm" loading={move.isPending && move.variables?.to === next} onClick={() => move.mutate({ to: next })}>
                {t('inc.moveTo', { stage: statusLabel(next) })}
              </Button>
            ) : null}
            <Button variant="subtle" color="red.9" c="red.9" size="sm" onClick={() => setCancelling((v) => !v)}>
              {t('inc.cancel')}
            </Button>
          </Group>
        ) : null}
        {mayWrite && next === 'closed' && i.reviewMissing.length ? (
          <Text size="sm" c="orange.9">
            {t('inc.reviewNeeded')}
          </Text>
        ) : null}
        {mayWrite && isCancelling ? (
          <Group align="flex-end" gap="xs">
            <TextInput label={t('inc.cancelReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} w={{ base: '100%', sm: 360 }} />
            <Button color="red.9" size="sm" disabled={!reason.trim()} loading={move.isPending && move.variables?.to === 'cancelled'} onClick={() => move.mutate({ to: 'cancelled', note: reason.trim() })}>
              {t('inc.cancelConfirm')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}

function ClockBox({ label, c }: { label: string; c: Clock }) {
  return (
    <Card withBorder padding="sm">
      <Text size="sm" c="gray.7">
        {label}
      </Text>
      {c ? (
        <>
          <Group gap={4}>
            {c.state === 'overdue' ? <IconAlertTriangle size={16} color="var(--mantine-color-red-9)" aria-hidden /> : null}
            <Text fw={700} c={clockColor(c)}>
              {clockText(c)}
            </Text>
          </Group>
          <Text size="xs" c="gray.7">
            {t('inc.clock.due', { at: formatDateTime(c.dueAt) })}
          </Text>
        </>
      ) : (
        <Text fw={700}>{t('inc.clock.none')}</Text>
      )}
    </Card>
  );
}

function Clocks({ i }: { i: Incident }) {
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
      <ClockBox label={t('inc.clock.statement')} c={i.clocks.firstStatement} />
      <ClockBox label={t('inc.clock.report')} c={i.clocks.fastReport} />
      <ClockBox label={t('inc.clock.update')} c={i.clocks.nextUpdate} />
      <Card withBorder padding="sm">
        <Text size="sm" c="gray.7">
          {t('inc.measures')}
        </Text>
        <Text size="sm">{t('inc.measure.ttd', { v: hoursText(i.measures.timeToDetectHours) })}</Text>
        <Text size="sm">{t('inc.measure.ttfs', { v: hoursText(i.measures.timeToFirstStatementHours) })}</Text>
        <Text size="sm">{t('inc.measure.ttr', { v: hoursText(i.measures.timeToResolveHours) })}</Text>
      </Card>
    </SimpleGrid>
  );
}

function SeverityEdit({ i, onDone }: Omit<CardProps, 'mayWrite'>) {
  const save = useMutation({ mutationFn: (s: Severity) => incidentsApi.update(i.id, { version: i.version, severity: s }), onSuccess: (x) => onDone(x, t('inc.severitySaved')), onError: notifyError });
  return (
    <Select
      label={t('inc.severityChange')}
      data={severities.map((s) => ({ value: String(s), label: `${s} — ${severityLabel(s)}` }))}
      value={String(i.severity)}
      onChange={(v) => v && Number(v) !== i.severity && save.mutate(Number(v) as Severity)}
      allowDeselect={false}
      w={{ base: '100%', xs: 280 }}
      disabled={save.isPending}
    />
  );
}

const entryKinds = ['note', 'message', 'decision', 'statement'] as const;
function TimelineCard({ i, mayWrite, onDone }: CardProps) {
  const [kind, setKind] = useState<(typeof entryKinds)[number]>('note');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const add = useMutation({
    mutationFn: () => incidentsApi.entry(i.id, { kind, title: title.trim(), body: body.trim() || undefined }),
    onSuccess: (x) => {
      setTitle('');
      setBody('');
      onDone(x, t('inc.timeline.saved'));
    },
    onError: notifyError,
  });
  const decisions = i.timeline.filter((e) => e.kind === 'decision');
  return (
    <Card withBorder padding="sm">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('inc.timeline')}
        </Title>
        {mayWrite ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              add.mutate();
            }}
          >
            <Stack gap="xs">
              <Select label={t('inc.timeline.kind')} data={entryKinds.map((k) => ({ value: k, label: t(`inc.kind.${k}` as MessageKey) }))} value={kind} onChange={(v) => v && setKind(v as typeof kind)} allowDeselect={false} />
              <TextInput label={t('inc.timeline.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} maxLength={500} required />
              <Textarea label={t('inc.timeline.body')} value={body} onChange={(e) => setBody(e.currentTarget.value)} autosize minRows={2} />
              <Group>
                <Button type="submit" size="sm" color="indigo.9" loading={add.isPending} disabled={!title.trim()}>
                  {t('inc.timeline.add')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : null}
        {decisions.length ? (
          <Text size="sm" c="gray.7">
            {t('inc.decisions', { n: decisions.length })}
          </Text>
        ) : null}
        <Timeline bulletSize={14} lineWidth={2} active={-1}>
          {i.timeline.map((e) => (
            <Timeline.Item key={e.id} title={<Text size="sm" fw={600} className="loa-break">{e.title}</Text>}>
              <Group gap={4}>
                <Badge size="xs" variant="light" color={e.kind === 'escalation' ? 'red.9' : e.kind === 'statement' ? 'teal.9' : 'indigo.9'}>
                  {t(`inc.kind.${e.kind}` as MessageKey)}
                </Badge>
                <Text size="xs" c="gray.7">
                  {formatDateTime(e.at)}
                  {e.actorName ? ` · ${e.actorName}` : ''}
                </Text>
              </Group>
              {e.body ? (
                <Text size="sm" className="loa-break" style={{ whiteSpace: 'pre-wrap' }}>
                  {e.body}
                </Text>
              ) : null}
              {e.link ? (
                <Anchor href={e.link} target="_blank" rel="noopener noreferrer" size="xs" c="indigo.9">
                  <Group gap={2} wrap="nowrap">
                    {t('inc.timeline.open')}
                    <IconExternalLink size={12} />
                  </Group>
                </Anchor>
              ) : null}
            </Timeline.Item>
          ))}
        </Timeline>
      </Stack>
    </Card>
  );
}

function TasksCard({ i, mayWrite, onDone }: CardProps) {
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const add = useMutation({
    mutationFn: () => incidentsApi.addTask(i.id, { title: title.trim(), dueAt: due ? new Date(due).toISOString() : null }),
    onSuccess: (x) => {
      setTitle('');
      setDue('');
      onDone(x, t('inc.tasks.saved'));
    },
    onError: notifyError,
  });
  const toggle = useMutation({ mutationFn: ({ taskId, isDone }: { taskId: number; isDone: boolean }) => incidentsApi.updateTask(i.id, taskId, { isDone }), onSuccess: (x) => onDone(x), onError: notifyError });
  return (
    <Card withBorder padding="sm">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('inc.tasks')}
        </Title>
        {!i.tasks.length ? <Text size="sm" c="gray.7">{t('inc.tasks.none')}</Text> : null}
        {i.tasks.map((k) => (
          <Checkbox
            key={k.id}
            checked={!!k.doneAt}
            disabled={!mayWrite || toggle.isPending}
            onChange={(e) => toggle.mutate({ taskId: k.id, isDone: e.currentTarget.checked })}
            label={
              <Text size="sm" className="loa-break" c={k.isOverdue ? 'red.9' : undefined}>
                {k.title}
                {k.ownerName ? ` — ${k.ownerName}` : ''}
                {k.dueAt ? ` · ${t('inc.tasks.due', { at: formatDateTime(k.dueAt) })}` : ''}
              </Text>
            }
          />
        ))}
        {mayWrite ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              add.mutate();
            }}
          >
            <Group align="flex-end" gap="xs">
              <TextInput label={t('inc.tasks.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} w={{ base: '100%', sm: 260 }} maxLength={500} />
              <TextInput type="datetime-local" label={t('inc.tasks.dueAt')} value={due} onChange={(e) => setDue(e.currentTarget.value)} w={{ base: '100%', sm: 220 }} />
              <Button type="submit" size="sm" color="indigo.9" loading={add.isPending} disabled={!title.trim()}>
                {t('inc.tasks.add')}
              </Button>
            </Group>
          </form>
        ) : null}
      </Stack>
    </Card>
  );
}

function ReportCard({ i, mayWrite, onDone }: CardProps) {
  const draft = i.reports.find((r) => r.status === 'draft');
  const sent = i.reports.filter((r) => r.status === 'sent');
  const [fields, setFields] = useState<Partial<Record<ReportField, string>>>(draft?.fields ?? sent[0]?.fields ?? {});
  useEffect(() => {
    if (draft) setFields(draft.fields);
  }, [draft?.id]);
  const save = useMutation({ mutationFn: () => incidentsApi.saveReport(i.id, fields), onSuccess: (x) => onDone(x, t('inc.report.saved')), onError: notifyError });
  const send = useMutation({
    mutationFn: async () => {
      await incidentsApi.saveReport(i.id, fields);
      return incidentsApi.sendReport(i.id);
    },
    onSuccess: (x) => onDone(x, t('inc.report.sentOk')),
    onError: notifyError,
  });
  return (
    <Card withBorder padding="sm">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('inc.report')}
        </Title>
        <Text size="sm" c="gray.7">
          {t('inc.report.lead')}
        </Text>
        {mayWrite ? (
          <Stack gap="xs">
            {reportFields.map((f) => (
              <Textarea key={f} label={t(`inc.report.${f}` as MessageKey)} value={fields[f] ?? ''} onChange={(e) => setFields({ ...fields, [f]: e.currentTarget.value })} autosize minRows={f === 'what' || f === 'actions' ? 3 : 1} />
            ))}
            <Group gap="xs">
              <Button size="sm" variant="light" color="indigo.9" onClick={() => save.mutate()} loading={save.isPending}>
                {t('inc.report.save')}
              </Button>
              {draft ? (
                <Button component="a" href={incidentsApi.docxUrl(draft.id)} size="sm" variant="subtle" color="indigo.9" c="indigo.9" leftSection={<IconDownload size={14} />}>
                  {t('inc.report.docx')}
                </Button>
              ) : null}
              <Button size="sm" color="indigo.9" leftSection={<IconSend size={14} />} onClick={() => send.mutate()} loading={send.isPending} disabled={!fields.what?.trim() || !fields.actions?.trim()}>
                {t('inc.report.send')}
              </Button>
            </Group>
          </Stack>
        ) : null}
        {sent.map((r) => (
          <Card key={r.id} withBorder padding="xs">
            <Group justify="space-between" gap="xs">
              <Text size="sm" fw={600}>
                {t('inc.report.sent', { seq: r.seq, at: formatDateTime(r.sentAt) })}
              </Text>
              <Anchor href={incidentsApi.docxUrl(r.id)} size="sm" c="indigo.9">
                {t('inc.report.docx')}
              </Anchor>
            </Group>
            <Stack gap={2} mt={4}>
              {r.recipients.map((x) => (
                <Group key={x.unitId} gap={4}>
                  {x.readAt ? <IconCheck size={14} color="var(--mantine-color-teal-9)" aria-hidden /> : null}
                  <Text size="xs" className="loa-break">
                    {x.unitName}: {x.readAt ? t('inc.report.readBy', { name: x.readByName ?? '—', at: formatDateTime(x.readAt) }) : t('inc.report.unread')}
                  </Text>
                </Group>
              ))}
            </Stack>
          </Card>
        ))}
      </Stack>
    </Card>
  );
}

function EscalationsCard({ i }: { i: Incident }) {
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('inc.escalations')}
        </Title>
        {!i.escalations.length ? <Text size="sm" c="gray.7">{t('inc.escalations.none')}</Text> : null}
        {i.escalations.map((e) => (
          <Text key={e.id} size="sm" className="loa-break">
            {e.unitName} — {t(`inc.reason.${e.reason}` as MessageKey)} · {formatDateTime(e.createdAt)}
            {e.notifiedAt ? ` · ${t('inc.escalations.notified')}` : ` · ${t('inc.escalations.pending')}`}
          </Text>
        ))}
      </Stack>
    </Card>
  );
}

/** Lines to take pushed for this incident (the notices module's API, issue 7 "push down"); shown when that API answers. */
function LinesToTake({ i }: { i: Incident }) {
  const lines = useQuery({
    queryKey: ['notices', 'for-incident', i.id],
    queryFn: async () => {
      const r = await api<{ items: { id: number; title: string; kind: string; status: string; incidentId?: number | null; sentAt?: string | null }[] }>('/notices', { query: { unitId: i.unitId, incidentId: i.id } });
      return r.items.filter((n) => n.incidentId === undefined || n.incidentId === i.id);
    },
    retry: false,
  });
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('inc.lines')}
        </Title>
        {lines.isPending ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
        {lines.isError ? <Text size="sm" c="gray.7">{t('inc.lines.unavailable')}</Text> : null}
        {lines.data && !lines.data.length ? <Text size="sm" c="gray.7">{t('inc.lines.none')}</Text> : null}
        {lines.data?.map((n) => (
          <Anchor key={n.id} component={Link} to={`/thong-bao/${n.id}`} size="sm" c="indigo.9" className="loa-break">
            {n.title}
          </Anchor>
        ))}
      </Stack>
    </Card>
  );
}

function ResultCard({ i, mayWrite, onDone }: CardProps) {
  const [title, setTitle] = useState(i.resultTitle ?? '');
  const [text, setText] = useState(() => htmlToText(i.resultHtml));
  const save = useMutation({ mutationFn: () => incidentsApi.saveResult(i.id, { title: title.trim(), html: textToHtml(text) }), onSuccess: (x) => onDone(x, t('inc.result.saved')), onError: notifyError });
  const publish = useMutation({
    mutationFn: async (isPublished: boolean) => {
      if (isPublished) await incidentsApi.saveResult(i.id, { title: title.trim(), html: textToHtml(text) });
      return incidentsApi.publishResult(i.id, isPublished);
    },
    onSuccess: (x) => onDone(x, x.resultPublishedAt ? t('inc.result.published') : t('inc.result.withdrawn')),
    onError: notifyError,
  });
  const mayPublish = ['resolved', 'review', 'closed'].includes(i.status);
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('inc.result')}
        </Title>
        <Text size="sm" c="gray.7">
          {t('inc.result.lead')}
        </Text>
        {i.resultUrl ? (
          <Anchor href={i.resultUrl} target="_blank" rel="noopener" size="sm" c="indigo.9">
            {t('inc.result.view', { at: formatDateTime(i.resultPublishedAt) })}
          </Anchor>
        ) : null}
        {mayWrite ? (
          <>
            <TextInput label={t('inc.result.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} maxLength={300} />
            <Textarea label={t('inc.result.body')} description={t('inc.result.bodyHelp')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={4} />
            <Group gap="xs">
              <Button size="sm" variant="light" color="indigo.9" onClick={() => save.mutate()} loading={save.isPending} disabled={!title.trim()}>
                {t('inc.result.save')}
              </Button>
              {i.resultPublishedAt ? (
                <Button size="sm" variant="subtle" color="red.9" c="red.9" onClick={() => publish.mutate(false)} loading={publish.isPending}>
                  {t('inc.result.withdraw')}
                </Button>
              ) : (
                <Button size="sm" color="indigo.9" onClick={() => publish.mutate(true)} loading={publish.isPending} disabled={!mayPublish || !title.trim() || !text.trim()}>
                  {t('inc.result.publish')}
                </Button>
              )}
            </Group>
            {!mayPublish ? <Text size="xs" c="gray.7">{t('inc.result.tooEarly')}</Text> : null}
          </>
        ) : null}
      </Stack>
    </Card>
  );
}

function ReviewCard({ i, mayWrite, onDone }: CardProps) {
  const [review, setReview] = useState<Partial<Record<ReviewItem, string>>>(i.review);
  const save = useMutation({ mutationFn: () => incidentsApi.saveReview(i.id, review), onSuccess: (x) => onDone(x, t('inc.review.saved')), onError: notifyError });
  const isRelevant = ['resolved', 'review', 'closed'].includes(i.status);
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('inc.review')}
        </Title>
        <Text size="sm" c="gray.7">
          {t('inc.review.lead')}
        </Text>
        {reviewItems.map((k) =>
          mayWrite && isRelevant ? (
            <Textarea key={k} label={t(`inc.review.${k}` as MessageKey)} value={review[k] ?? ''} onChange={(e) => setReview({ ...review, [k]: e.currentTarget.value })} autosize minRows={2} />
          ) : (
            <Text key={k} size="sm" className="loa-break">
              {i.reviewMissing.includes(k) ? '○' : '✓'} {t(`inc.review.${k}` as MessageKey)}
              {i.review[k] ? `: ${i.review[k]}` : ''}
            </Text>
          ),
        )}
        {mayWrite && isRelevant ? (
          <Group>
            <Button size="sm" color="indigo.9" onClick={() => save.mutate()} loading={save.isPending}>
              {t('inc.review.save')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}
