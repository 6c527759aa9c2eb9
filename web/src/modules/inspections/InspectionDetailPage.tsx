import { Anchor, Badge, Button, Card, Group, Loader, NumberInput, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { t } from '../../i18n';
import { DateField } from '../../ui/DateField';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate, formatDateTime } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { type FindingSeverity, type Inspection, inspectionsApi, inspectionsKey } from './api';
import { actionStatusColor, actionStatusLabel, formatScore, inspectionStatusColor, inspectionStatusLabel, modeLabel, severityColor, severityLabel } from './labels';

const inspectionKey = (id: number) => [...inspectionsKey, 'detail', id] as const;

/** One inspection: checklist scoring, the score, findings, follow-up actions (reported by the inspected unit, closed by the inspectors). */
export function InspectionDetailPage({ id }: { id: number }) {
  const qc = useQueryClient();
  const one = useQuery({ queryKey: inspectionKey(id), queryFn: () => inspectionsApi.get(id) });
  const set = (x: Inspection) => {
    qc.setQueryData(inspectionKey(id), x);
    qc.invalidateQueries({ queryKey: [...inspectionsKey, 'list'] });
  };
  const finish = useMutation({
    mutationFn: () => inspectionsApi.finish(id),
    onSuccess: (x) => {
      set(x);
      notifySuccess(t('insp.finished'));
    },
  });
  if (one.isPending) return <Loader aria-label={t('common.loading')} />;
  if (one.isError) {
    return (
      <Stack gap="sm">
        <Back />
        <ErrorAlert error={one.error} />
      </Stack>
    );
  }
  const x = one.data;
  return (
    <Stack gap="sm" maw={1000}>
      <Back />
      <Card withBorder padding="md">
        <Stack gap="xs">
          <Group gap="xs" wrap="wrap">
            <Badge variant="light" color={inspectionStatusColor(x.status)}>
              {inspectionStatusLabel(x.status)}
            </Badge>
            <Badge variant="outline" color="gray">
              {modeLabel(x.mode)}
            </Badge>
            {x.overdueActions ? (
              <Badge variant="filled" color="red.9">
                {t('insp.overdueActions', { n: x.overdueActions })}
              </Badge>
            ) : null}
          </Group>
          <Title order={2} fz={{ base: 'h4', sm: 'h3' }} className="loa-break">
            {x.title}
          </Title>
          <Text size="sm" className="loa-break">
            {t('insp.header', { inspected: x.inspectedUnitName, unit: x.unitName, date: formatDate(x.inspectedOn) })}
          </Text>
          {x.inspectors.length ? (
            <Text size="sm" className="loa-break">
              {t('insp.inspectorsList', { names: x.inspectors.join(', ') })}
            </Text>
          ) : null}
          {x.summary ? (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} className="loa-break">
              {x.summary}
            </Text>
          ) : null}
          <Text fw={700} size="lg" aria-live="polite">
            {x.score != null ? t('insp.score', { score: formatScore(x.score) }) : t('insp.liveScore', { score: formatScore(x.liveScore) })}
          </Text>
          {x.can.finish ? (
            <Group>
              <Button onClick={() => finish.mutate()} loading={finish.isPending}>
                {t('insp.finish')}
              </Button>
            </Group>
          ) : null}
          <ErrorAlert error={finish.error} />
        </Stack>
      </Card>
      <Scoring x={x} onDone={set} />
      <Findings x={x} onDone={set} />
      <Actions x={x} onDone={set} />
    </Stack>
  );
}

function Back() {
  return (
    <Anchor component={Link} to="/kiem-tra" size="sm" style={{ alignSelf: 'flex-start' }}>
      <Group gap={4} wrap="nowrap">
        <IconArrowLeft size={16} />
        {t('insp.back')}
      </Group>
    </Anchor>
  );
}

function Scoring({ x, onDone }: { x: Inspection; onDone: (x: Inspection) => void }) {
  const [draft, setDraft] = useState<Record<number, { result: number | null; note: string }>>({});
  useEffect(() => {
    setDraft(Object.fromEntries(x.items.map((i) => [i.id, { result: i.result, note: i.note ?? '' }])));
  }, [x]);
  const save = useMutation({
    mutationFn: () => inspectionsApi.results(x.id, Object.entries(draft).map(([k, v]) => ({ itemId: Number(k), result: v.result, note: v.note.trim() || null }))),
    onSuccess: (r) => {
      onDone(r);
      notifySuccess(t('insp.resultsSaved'));
    },
  });
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <Title order={3} fz="h5">
          {t('insp.items')}
        </Title>
        {x.items.map((i) => {
          const d = draft[i.id] ?? { result: i.result, note: i.note ?? '' };
          return (
            <Stack key={i.id} gap={4} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)', paddingBottom: 6 }}>
              <Text size="sm" fw={500} className="loa-break">
                {t('insp.itemLine', { n: i.position, text: i.text, weight: i.weight })}
              </Text>
              {i.guidance ? (
                <Text size="xs" c="dimmed" className="loa-break">
                  {i.guidance}
                </Text>
              ) : null}
              {x.can.score ? (
                <Group gap="xs" wrap="wrap" align="flex-end">
                  <NumberInput
                    label={t('insp.result')}
                    value={d.result ?? ''}
                    min={0}
                    max={100}
                    w={120}
                    onChange={(v) => setDraft((m) => ({ ...m, [i.id]: { ...d, result: v === '' ? null : Number(v) } }))}
                  />
                  <Group gap={4}>
                    {[100, 50, 0].map((v) => {
                      const label = v === 100 ? t('insp.met') : v === 50 ? t('insp.partly') : t('insp.notMet');
                      // the accessible name starts with the visible text (WCAG 2.5.3 label in name)
                      return (
                        <Button key={v} size="xs" variant={d.result === v ? 'filled' : 'default'} onClick={() => setDraft((m) => ({ ...m, [i.id]: { ...d, result: v } }))} aria-label={t('insp.quickResult', { label, v, n: i.position })}>
                          {label}
                        </Button>
                      );
                    })}
                  </Group>
                  <TextInput label={t('insp.note')} value={d.note} onChange={(e) => setDraft((m) => ({ ...m, [i.id]: { ...d, note: e.currentTarget.value } }))} style={{ flex: 1, minWidth: 200 }} />
                </Group>
              ) : (
                <Text size="sm">
                  {t('insp.resultShown', { result: formatScore(i.result) })}
                  {i.note ? ` — ${i.note}` : ''}
                </Text>
              )}
            </Stack>
          );
        })}
        <ErrorAlert error={save.error} />
        {x.can.score ? (
          <Group>
            <Button onClick={() => save.mutate()} loading={save.isPending}>
              {t('insp.saveResults')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}

function Findings({ x, onDone }: { x: Inspection; onDone: (x: Inspection) => void }) {
  const [text, setText] = useState('');
  const [severity, setSeverity] = useState<FindingSeverity>('minor');
  const add = useMutation({
    mutationFn: () => inspectionsApi.addFinding(x.id, { text: text.trim(), severity }),
    onSuccess: (r) => {
      onDone(r);
      setText('');
      notifySuccess(t('insp.findingAdded'));
    },
  });
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <Title order={3} fz="h5">
          {t('insp.findings')}
        </Title>
        {!x.findings.length ? <Text size="sm" c="dimmed">{t('insp.noFindings')}</Text> : null}
        {x.findings.map((f) => (
          <Group key={f.id} gap="xs" wrap="nowrap" align="flex-start">
            <Badge variant="light" color={severityColor(f.severity)} style={{ flex: 'none' }}>
              {severityLabel(f.severity)}
            </Badge>
            <Text size="sm" className="loa-break">
              {f.text}
            </Text>
          </Group>
        ))}
        {x.can.edit ? (
          <Group gap="xs" align="flex-end" wrap="wrap">
            <Textarea label={t('insp.newFinding')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={1} style={{ flex: 1, minWidth: 220 }} />
            <Select
              label={t('insp.severity')}
              data={(['note', 'minor', 'major'] as const).map((s) => ({ value: s, label: severityLabel(s) }))}
              value={severity}
              onChange={(v) => setSeverity((v as FindingSeverity) ?? 'minor')}
              allowDeselect={false}
              w={160}
            />
            <Button onClick={() => add.mutate()} loading={add.isPending} disabled={!text.trim()}>
              {t('insp.addFinding')}
            </Button>
          </Group>
        ) : null}
        <ErrorAlert error={add.error} />
      </Stack>
    </Card>
  );
}

function Actions({ x, onDone }: { x: Inspection; onDone: (x: Inspection) => void }) {
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [dueOn, setDueOn] = useState<string | null>(null);
  const [findingId, setFindingId] = useState<string | null>(null);
  const [notes, setNotes] = useState<Record<number, string>>({});
  const add = useMutation({
    mutationFn: () => inspectionsApi.addAction(x.id, { title: title.trim(), ownerName: owner.trim(), dueOn: dueOn as string, findingId: findingId ? Number(findingId) : null }),
    onSuccess: (r) => {
      onDone(r);
      setTitle('');
      setOwner('');
      setDueOn(null);
      setFindingId(null);
      notifySuccess(t('insp.actionAdded'));
    },
  });
  const report = useMutation({
    mutationFn: (actionId: number) => inspectionsApi.report(actionId, (notes[actionId] ?? '').trim()),
    onSuccess: (r) => {
      onDone(r);
      notifySuccess(t('insp.reported'));
    },
  });
  const decide = useMutation({
    mutationFn: (v: { actionId: number; decision: 'close' | 'reopen' }) => inspectionsApi.decide(v.actionId, v.decision),
    onSuccess: (r) => {
      onDone(r);
      notifySuccess(r.status === 'closed' ? t('insp.inspectionClosed') : t('insp.actionUpdated'));
    },
  });
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <Title order={3} fz="h5">
          {t('insp.actions')}
        </Title>
        {!x.actions.length ? <Text size="sm" c="dimmed">{t('insp.noActions')}</Text> : null}
        {x.openActions ? (
          <Text size="xs" c="dimmed">
            {t('insp.remindNote')}
          </Text>
        ) : null}
        {x.actions.map((a) => (
          <Stack key={a.id} gap={4} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)', paddingBottom: 6 }}>
            <Group gap="xs" wrap="wrap">
              <Badge variant="light" color={actionStatusColor(a.status)}>
                {actionStatusLabel(a.status)}
              </Badge>
              {a.isOverdue ? (
                <Badge variant="filled" color="red.9">
                  {t('insp.overdue')}
                </Badge>
              ) : null}
              <Text size="sm" fw={500} className="loa-break" style={{ flex: 1, minWidth: 180 }}>
                {a.title}
              </Text>
            </Group>
            <Text size="xs" c={a.isOverdue ? 'red.9' : 'dimmed'} fw={a.isOverdue ? 600 : undefined} className="loa-break">
              {t('insp.actionMeta', { owner: a.ownerName, due: formatDate(a.dueOn) })}
            </Text>
            {a.reportNote ? (
              <Text size="sm" className="loa-break">
                {t('insp.reportLine', { note: a.reportNote, by: a.reportedByName ?? '—', at: formatDateTime(a.reportedAt) })}
              </Text>
            ) : null}
            {x.can.report && a.status !== 'closed' ? (
              <Group gap="xs" align="flex-end" wrap="wrap">
                <TextInput
                  label={t('insp.reportNote')}
                  value={notes[a.id] ?? ''}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    setNotes((m) => ({ ...m, [a.id]: v }));
                  }}
                  style={{ flex: 1, minWidth: 200 }}
                />
                <Button size="sm" variant="light" onClick={() => report.mutate(a.id)} disabled={!(notes[a.id] ?? '').trim()} loading={report.isPending}>
                  {t('insp.reportDone')}
                </Button>
              </Group>
            ) : null}
            {x.can.decide && a.status !== 'closed' ? (
              <Group gap="xs">
                <Button size="xs" onClick={() => decide.mutate({ actionId: a.id, decision: 'close' })}>
                  {t('insp.closeAction')}
                </Button>
                {a.status === 'reported' ? (
                  <Button size="xs" variant="default" onClick={() => decide.mutate({ actionId: a.id, decision: 'reopen' })}>
                    {t('insp.reopenAction')}
                  </Button>
                ) : null}
              </Group>
            ) : null}
          </Stack>
        ))}
        {x.can.edit ? (
          <Stack gap="xs">
            <Text size="sm" fw={600}>
              {t('insp.newAction')}
            </Text>
            <Group gap="xs" align="flex-end" wrap="wrap">
              <TextInput label={t('insp.actionTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} style={{ flex: 1, minWidth: 220 }} />
              <TextInput label={t('insp.owner')} value={owner} onChange={(e) => setOwner(e.currentTarget.value)} w={{ base: '100%', xs: 200 }} />
              <DateField label={t('insp.dueOn')} value={dueOn} onChange={(v) => setDueOn(v as string | null)} w={{ base: '100%', xs: 170 }} />
              {x.findings.length ? (
                <Select
                  label={t('insp.forFinding')}
                  data={x.findings.map((f) => ({ value: String(f.id), label: f.text.slice(0, 80) }))}
                  value={findingId}
                  onChange={setFindingId}
                  clearable
                  w={{ base: '100%', xs: 220 }}
                />
              ) : null}
              <Button onClick={() => add.mutate()} loading={add.isPending} disabled={!title.trim() || !owner.trim() || !dueOn}>
                {t('insp.addAction')}
              </Button>
            </Group>
          </Stack>
        ) : null}
        <ErrorAlert error={add.error ?? report.error ?? decide.error} />
      </Stack>
    </Card>
  );
}
