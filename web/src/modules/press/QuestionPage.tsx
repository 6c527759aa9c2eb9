import { Anchor, Button, Card, Group, Loader, MultiSelect, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { type PressQuestion, pressApi, pressKey } from '../../api/press';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { can } from '../auth/permissions';
import { useUser } from '../auth/session';
import { channelLabel } from './labels';
import { QuestionStatusBadge } from './QuestionsTab';

/** One press question and its workflow: assign → draft → approve (the register) → answer, or decline. */
export function QuestionPage({ id }: { id: number }) {
  const user = useUser();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: [...pressKey, 'question', id], queryFn: () => pressApi.question(id) });
  const people = useQuery({ queryKey: [...pressKey, 'people', q.data?.unitId], queryFn: () => pressApi.people(q.data?.unitId as number), enabled: !!q.data });
  const [assignee, setAssignee] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [reason, setReason] = useState('');
  const [issueIds, setIssueIds] = useState<string[]>([]);
  const [incident, setIncident] = useState('');
  const issues = useQuery({ queryKey: [...pressKey, 'issues', q.data?.unitId, ''], queryFn: () => pressApi.issues(q.data?.unitId as number), enabled: !!q.data });
  useEffect(() => {
    if (q.data) setDraft(q.data.draftAnswer ?? '');
  }, [q.data?.id, q.data?.draftAnswer]);
  useEffect(() => {
    if (q.data) {
      setIssueIds((q.data.issues ?? []).map((i) => String(i.id)));
      setIncident(q.data.incidentId ? String(q.data.incidentId) : '');
    }
  }, [q.data?.id, q.data?.updatedAt]);
  const move = useMutation({
    mutationFn: (m: { action: 'assign' | 'draft' | 'approve' | 'answer' | 'decline' | 'link'; body?: Record<string, unknown> }) => pressApi.moveQuestion(id, m.action, m.body),
    onSuccess: async (updated: PressQuestion) => {
      notifySuccess(t('press.q.done'));
      qc.setQueryData([...pressKey, 'question', id], updated);
      await qc.invalidateQueries({ queryKey: [...pressKey, 'questions'] });
    },
  });
  if (q.isPending) return <Loader aria-label={t('common.loading')} />;
  if (q.error) return <ErrorAlert error={q.error} />;
  const x = q.data;
  const isOpen = !['answered', 'declined'].includes(x.status);
  const mayWrite = can(user, 'press.write');
  const mayApprove = !!people.data?.isInRegister;
  const isOwnDraft = x.draftedBy === user.id;
  return (
    <>
      <PageHeader title={x.subject} />
      <Stack gap="md" maw={820}>
        <Anchor component={Link} to="/bao-chi" size="sm">
          {t('press.back')}
        </Anchor>
        <Group gap="xs" wrap="wrap">
          <QuestionStatusBadge q={x} />
          <Text size="sm" c="dimmed">
            {[x.journalistName, x.outletName, x.email, x.phone, channelLabel(x.channel)].filter(Boolean).join(' · ')}
          </Text>
        </Group>
        <Text size="sm">{x.deadlineAt ? t('press.q.deadline', { at: formatDateTime(x.deadlineAt) }) : t('press.q.noDeadline')}</Text>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            {t('press.q.question')}
          </Title>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{x.question}</Text>
        </Card>
        {x.assignedToName ? <Text size="sm">{t('press.q.assignedTo', { name: x.assignedToName })}</Text> : null}
        {move.error ? <ErrorAlert error={move.error} /> : null}
        {isOpen && mayWrite ? (
          <Group align="flex-end" wrap="wrap">
            <Select
              label={t('press.q.assignee')}
              data={(people.data?.assignees ?? []).map((p) => ({ value: String(p.id), label: p.name }))}
              value={assignee ?? (x.assignedTo ? String(x.assignedTo) : null)}
              onChange={setAssignee}
              searchable
              w={{ base: '100%', xs: 300 }}
            />
            <Button variant="light" disabled={!assignee} loading={move.isPending} onClick={() => move.mutate({ action: 'assign', body: { assignedTo: Number(assignee) } })}>
              {t('press.q.assign')}
            </Button>
          </Group>
        ) : null}
        {isOpen && mayWrite && x.status !== 'received' ? (
          <Stack gap="xs">
            <Textarea label={t('press.q.draft')} autosize minRows={5} value={draft} onChange={(e) => setDraft(e.currentTarget.value)} />
            <Group>
              <Button variant="light" loading={move.isPending} onClick={() => move.mutate({ action: 'draft', body: { draftAnswer: draft } })}>
                {t('press.q.saveDraft')}
              </Button>
            </Group>
          </Stack>
        ) : x.draftAnswer ? (
          <Card withBorder>
            <Text fw={600}>{t('press.q.draft')}</Text>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{x.draftAnswer}</Text>
          </Card>
        ) : null}
        {isOpen && mayApprove ? (
          <Group wrap="wrap">
            {x.status === 'drafted' ? (
              <Button color="teal" disabled={isOwnDraft} loading={move.isPending} onClick={() => move.mutate({ action: 'approve' })}>
                {t('press.q.approve')}
              </Button>
            ) : null}
            {x.status === 'approved' ? (
              <Button color="green" loading={move.isPending} onClick={() => move.mutate({ action: 'answer' })}>
                {t('press.q.answer')}
              </Button>
            ) : null}
          </Group>
        ) : null}
        {isOpen && mayApprove && isOwnDraft && x.status === 'drafted' ? <Text size="sm" c="dimmed">{t('press.q.ownDraft')}</Text> : null}
        {isOpen && !mayApprove && ['drafted', 'approved'].includes(x.status) ? <Text size="sm" c="dimmed">{t('press.q.needsRegister')}</Text> : null}
        {isOpen && mayApprove ? (
          <Group align="flex-end" wrap="wrap">
            <Textarea label={t('press.q.declineReason')} autosize minRows={1} value={reason} onChange={(e) => setReason(e.currentTarget.value)} w={{ base: '100%', xs: 420 }} />
            <Button variant="default" color="orange" disabled={!reason.trim()} onClick={() => move.mutate({ action: 'decline', body: { reason } })}>
              {t('press.q.decline')}
            </Button>
          </Group>
        ) : null}
        {x.answer ? (
          <Card withBorder>
            <Text fw={600}>{t('press.q.answerSent', { at: formatDateTime(x.answeredAt) })}</Text>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{x.answer}</Text>
          </Card>
        ) : null}
        {x.declineReason ? <Text>{t('press.q.declined', { reason: x.declineReason })}</Text> : null}
        {x.issues?.length ? <Text size="sm">{t('press.q.issues', { list: x.issues.map((i) => i.topic).join('; ') })}</Text> : null}
        {x.incidentId ? (
          <Anchor component={Link} to={`/su-co/${x.incidentId}`} size="sm">
            {t('press.q.incident', { id: x.incidentId })}
          </Anchor>
        ) : null}
        {mayWrite ? (
          <Card withBorder>
            <Stack gap="xs">
              <Text fw={600}>{t('press.q.links')}</Text>
              <MultiSelect
                label={t('press.q.linkIssues')}
                data={(issues.data?.items ?? []).map((i) => ({ value: String(i.id), label: i.topic }))}
                value={issueIds}
                onChange={setIssueIds}
                searchable
              />
              <TextInput label={t('press.q.linkIncident')} inputMode="numeric" value={incident} onChange={(e) => setIncident(e.currentTarget.value.replace(/\D/g, ''))} w={{ base: '100%', xs: 200 }} />
              <Group>
                <Button variant="light" loading={move.isPending} onClick={() => move.mutate({ action: 'link', body: { issueIds: issueIds.map(Number), incidentId: incident ? Number(incident) : null } })}>
                  {t('press.q.saveLinks')}
                </Button>
              </Group>
            </Stack>
          </Card>
        ) : null}
      </Stack>
    </>
  );
}
