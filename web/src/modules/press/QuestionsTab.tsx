import { Anchor, Badge, Button, Card, Group, Loader, Modal, Select, SegmentedControl, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { type PressQuestion, pressApi, pressKey } from '../../api/press';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { can } from '../auth/permissions';
import { useUser } from '../auth/session';
import { pressExtraApi } from './extraApi';
import { channelLabel, questionStatusColor, questionStatusLabel } from './labels';

export function QuestionStatusBadge({ q }: { q: Pick<PressQuestion, 'status' | 'isOverdue'> }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Badge variant="light" color={questionStatusColor(q.status)}>
        {questionStatusLabel(q.status)}
      </Badge>
      {q.isOverdue ? (
        <Badge variant="filled" color="red">
          {t('press.overdue')}
        </Badge>
      ) : null}
    </Group>
  );
}

/** The unit's press e-mail address: mail sent there becomes a question (when the inbound listener runs). */
function InboundAddress({ unitId }: { unitId: number }) {
  const r = useQuery({ queryKey: [...pressKey, 'inbound-address', unitId], queryFn: () => pressExtraApi.inboundAddress(unitId) });
  if (!r.data?.address) return null;
  return (
    <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
      {t('press.q.inboundAddress', { hours: r.data.deadlineHours })} <Text span fw={600} c="var(--mantine-color-text)">{r.data.address}</Text>
    </Text>
  );
}

/** The questions board: open questions first by deadline; record one received by e-mail or phone. */
export function QuestionsTab({ unitId }: { unitId: number }) {
  const user = useUser();
  const [filter, setFilter] = useState('open');
  const [isRecording, setRecording] = useState(false);
  const list = useQuery({ queryKey: [...pressKey, 'questions', unitId, filter], queryFn: () => pressApi.questions({ unitId, open: filter === 'open' }) });
  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap">
        <SegmentedControl
          aria-label={t('press.q.filter')}
          value={filter}
          onChange={setFilter}
          data={[
            { value: 'open', label: t('press.q.open') },
            { value: 'all', label: t('press.q.all') },
          ]}
        />
        {can(user, 'press.write') ? <Button onClick={() => setRecording(true)}>{t('press.q.record')}</Button> : null}
      </Group>
      <InboundAddress unitId={unitId} />
      {list.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {list.data?.items.length === 0 ? <Text c="dimmed">{t('press.q.none')}</Text> : null}
      {list.data?.items.map((q) => (
        <Card key={q.id} withBorder padding="sm">
          <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
            <Stack gap={2} style={{ minWidth: 0, flex: '1 1 16rem' }}>
              <Anchor component={Link} to={`/bao-chi/cau-hoi/${q.id}`} fw={600}>
                {q.subject}
              </Anchor>
              <Text size="sm" c="dimmed">
                {[q.journalistName, q.outletName, channelLabel(q.channel), q.unitName].filter(Boolean).join(' · ')}
              </Text>
              <Text size="sm">{q.deadlineAt ? t('press.q.deadline', { at: formatDateTime(q.deadlineAt) }) : t('press.q.noDeadline')}</Text>
            </Stack>
            <QuestionStatusBadge q={q} />
          </Group>
        </Card>
      ))}
      <RecordQuestionModal unitId={unitId} opened={isRecording} onClose={() => setRecording(false)} />
    </Stack>
  );
}

function RecordQuestionModal({ unitId, opened, onClose }: { unitId: number; opened: boolean; onClose: () => void }) {
  const qc = useQueryClient();
  const [f, setF] = useState({ channel: 'email', journalistName: '', outletName: '', email: '', phone: '', subject: '', question: '', deadline: '' });
  const set = (k: keyof typeof f) => (v: string) => setF((x) => ({ ...x, [k]: v }));
  const save = useMutation({
    mutationFn: () =>
      pressApi.recordQuestion({
        unitId, channel: f.channel, journalistName: f.journalistName, outletName: f.outletName || null, email: f.email || null, phone: f.phone || null,
        subject: f.subject, question: f.question, deadlineAt: f.deadline || null,
      }),
    onSuccess: async () => {
      notifySuccess(t('press.q.recorded'));
      onClose();
      await qc.invalidateQueries({ queryKey: pressKey });
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('press.q.record')} size="lg">
      <Stack gap="sm">
        <Select label={t('press.q.channel')} data={['email', 'phone'].map((c) => ({ value: c, label: channelLabel(c) }))} value={f.channel} onChange={(v) => set('channel')(v ?? 'email')} />
        <TextInput label={t('press.q.journalist')} required value={f.journalistName} onChange={(e) => set('journalistName')(e.currentTarget.value)} />
        <TextInput label={t('press.q.outlet')} value={f.outletName} onChange={(e) => set('outletName')(e.currentTarget.value)} />
        <Group grow wrap="wrap">
          <TextInput label={t('press.q.email')} type="email" value={f.email} onChange={(e) => set('email')(e.currentTarget.value)} />
          <TextInput label={t('press.q.phone')} type="tel" value={f.phone} onChange={(e) => set('phone')(e.currentTarget.value)} />
        </Group>
        <TextInput label={t('press.q.subject')} required value={f.subject} onChange={(e) => set('subject')(e.currentTarget.value)} />
        <Textarea label={t('press.q.question')} required autosize minRows={4} value={f.question} onChange={(e) => set('question')(e.currentTarget.value)} />
        <TextInput label={t('press.q.deadlineInput')} type="date" value={f.deadline} onChange={(e) => set('deadline')(e.currentTarget.value)} />
        {save.error ? <ErrorAlert error={save.error} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={save.isPending} onClick={() => save.mutate()}>
            {t('press.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
