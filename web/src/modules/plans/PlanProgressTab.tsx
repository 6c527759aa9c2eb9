import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { IconNotes, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Suspense, lazy, useMemo, useState } from 'react';
import { type Evidence, type QuarterProgress, type TaskProgress, type TaskStatus, plansApi, taskStatuses } from '../../api/plans';
import { t } from '../../i18n';
import type { EChartOption } from '../../ui/EChart';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { notifySuccess } from '../../ui/notify';
import { useIsMobile } from '../../ui/useMobile';
import { quarterLabel, taskStatusColors, taskStatusHex, taskStatusLabel, taskStatusOptions } from './labels';
import { planPartKey, plansKey } from './keys';

// ECharts is large: load it only when the chart is on screen.
const EChart = lazy(() => import('../../ui/EChart').then((m) => ({ default: m.EChart })));

type Target = { task: TaskProgress; quarter: number; q: QuarterProgress };

/** Tasks' status per quarter, the roll-up from sub-units' plans, and the totals per quarter as a stacked bar chart. */
export function PlanProgressTab({ planId, canWrite }: { planId: number; canWrite: boolean }) {
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const [editing, setEditing] = useState<Target | null>(null);
  const progress = useQuery({ queryKey: planPartKey(planId, 'progress'), queryFn: () => plansApi.progress(planId) });
  const save = useMutation({
    mutationFn: (b: { taskId: number; quarter: number; status: TaskStatus; note?: string; evidence?: Evidence[] }) =>
      plansApi.setProgress(planId, b.taskId, { quarter: b.quarter, status: b.status, note: b.note, evidence: b.evidence }),
    onSuccess: async () => {
      notifySuccess(t('planProgress.saved'));
      await qc.invalidateQueries({ queryKey: plansKey });
    },
  });
  const option = useMemo((): EChartOption => {
    const totals = progress.data?.totals ?? [];
    return {
      grid: { left: 8, right: 8, top: isMobile ? 64 : 40, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 11 } },
      xAxis: { type: 'category', data: [1, 2, 3, 4].map(quarterLabel) },
      yAxis: { type: 'value', minInterval: 1 },
      series: taskStatuses.map((s) => ({
        name: taskStatusLabel(s),
        type: 'bar' as const,
        stack: 'total',
        data: [1, 2, 3, 4].map((q) => totals.find((x) => x.quarter === q)?.[s] ?? 0),
        itemStyle: { color: taskStatusHex[s] },
        emphasis: { focus: 'series' as const },
        barMaxWidth: 64,
      })),
    };
  }, [progress.data, isMobile]);
  if (progress.isPending) return <Loader aria-label={t('common.loading')} />;
  if (progress.isError) return <ErrorAlert error={progress.error} />;
  const tasks = progress.data.tasks;
  if (!tasks.length) return <Text c="dimmed">{t('planProgress.noTasks')}</Text>;
  const quick = (target: Target, status: TaskStatus) =>
    save.mutate({
      taskId: target.task.id,
      quarter: target.quarter,
      status,
      note: target.q.note ?? undefined,
      evidence: target.q.evidence,
    });
  return (
    <Stack gap="md">
      <Card withBorder padding="sm">
        <Text fw={600} mb="xs">
          {t('planProgress.chartTitle')}
        </Text>
        <Suspense fallback={<Loader size="sm" aria-label={t('common.loading')} />}>
          <EChart option={option} height={260} ariaLabel={t('planProgress.chartTitle')} />
        </Suspense>
      </Card>
      <Text size="sm" c="dimmed">
        {t('planProgress.hint')}
      </Text>
      <ErrorAlert error={save.error} />
      {tasks.map((task) => (
        <TaskCard key={task.id} task={task} canWrite={canWrite} onQuick={quick} onEdit={setEditing} isSaving={save.isPending} />
      ))}
      {editing ? (
        <ProgressDialog
          target={editing}
          onClose={() => setEditing(null)}
          onSave={(b) =>
            save.mutate({ taskId: editing.task.id, quarter: editing.quarter, ...b }, { onSuccess: () => setEditing(null) })
          }
          isSaving={save.isPending}
          error={save.error}
        />
      ) : null}
    </Stack>
  );
}

function StatusBadge({ status }: { status: TaskStatus | null }) {
  return (
    <Badge variant="light" color={status ? taskStatusColors[status] : 'gray'}>
      {status ? taskStatusLabel(status) : t('planProgress.noStatus')}
    </Badge>
  );
}

function TaskCard({
  task,
  canWrite,
  onQuick,
  onEdit,
  isSaving,
}: {
  task: TaskProgress;
  canWrite: boolean;
  onQuick: (target: Target, status: TaskStatus) => void;
  onEdit: (target: Target) => void;
  isSaving: boolean;
}) {
  const quarters = task.quarters.length ? [...task.quarters].sort() : [1, 2, 3, 4];
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <div>
          {task.group ? (
            <Text size="xs" c="dimmed" className="loa-break">
              {task.group}
            </Text>
          ) : null}
          <Text fw={600} size="sm" className="loa-break">
            {`${task.position}. ${task.topic}`}
          </Text>
        </div>
        {quarters.map((quarter) => {
          const q = task.byQuarter[String(quarter)];
          if (!q) return null;
          const target = { task, quarter, q };
          const showRollup = q.rollup.total > 1 || q.rollup.status !== (q.status ?? 'not_started');
          return (
            <Stack key={quarter} gap={4} pt={6} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
              <Group gap="xs" wrap="wrap" align="center">
                <Text size="sm" fw={500} w={60}>
                  {quarterLabel(quarter)}
                </Text>
                {canWrite ? (
                  <Select
                    aria-label={t('planProgress.statusFor', { topic: task.topic, quarter: quarterLabel(quarter) })}
                    data={taskStatusOptions()}
                    value={q.status}
                    placeholder={t('planProgress.noStatus')}
                    onChange={(v) => v && onQuick(target, v as TaskStatus)}
                    allowDeselect={false}
                    disabled={isSaving}
                    w={170}
                    size="xs"
                    comboboxProps={{ withinPortal: true }}
                  />
                ) : (
                  <StatusBadge status={q.status} />
                )}
                {showRollup ? (
                  <Group gap={4} wrap="nowrap">
                    <Text size="xs" c="dimmed">
                      {t('planProgress.rollup')}
                    </Text>
                    <Badge size="sm" variant="dot" color={taskStatusColors[q.rollup.status]}>
                      {t('planProgress.rollupValue', {
                        status: taskStatusLabel(q.rollup.status),
                        done: q.rollup.done,
                        total: q.rollup.total,
                      })}
                    </Badge>
                  </Group>
                ) : null}
                {canWrite ? (
                  <ActionIcon
                    variant="subtle"
                    onClick={() => onEdit(target)}
                    aria-label={t('planProgress.editFor', { topic: task.topic, quarter: quarterLabel(quarter) })}
                    title={t('planProgress.edit')}
                  >
                    <IconNotes size={16} />
                  </ActionIcon>
                ) : null}
              </Group>
              {q.note ? (
                <Text size="xs" className="loa-break" style={{ whiteSpace: 'pre-wrap' }}>
                  {q.note}
                </Text>
              ) : null}
              {q.evidence.length ? (
                <Group gap="xs">
                  {q.evidence.map((e, i) => (
                    <Anchor key={i} href={e.url} target="_blank" rel="noopener noreferrer" size="xs" className="loa-break">
                      {e.label}
                    </Anchor>
                  ))}
                </Group>
              ) : null}
              {task.articles.some((a) => a.quarter === quarter) ? (
                <Group gap="xs">
                  <Text size="xs" c="dimmed">
                    {t('planProgress.linkedArticles')}
                  </Text>
                  {task.articles
                    .filter((a) => a.quarter === quarter)
                    .map((a) => (
                      <Anchor key={a.url} href={a.url} target="_blank" rel="noopener noreferrer" size="xs" className="loa-break">
                        {a.title}
                      </Anchor>
                    ))}
                </Group>
              ) : null}
            </Stack>
          );
        })}
      </Stack>
    </Card>
  );
}

function ProgressDialog({
  target,
  onClose,
  onSave,
  isSaving,
  error,
}: {
  target: Target;
  onClose: () => void;
  onSave: (b: { status: TaskStatus; note?: string; evidence: Evidence[] }) => void;
  isSaving: boolean;
  error: unknown;
}) {
  const isMobile = useIsMobile();
  const [status, setStatus] = useState<TaskStatus>(target.q.status ?? 'in_progress');
  const [note, setNote] = useState(target.q.note ?? '');
  const [evidence, setEvidence] = useState<Evidence[]>(target.q.evidence.length ? target.q.evidence : []);
  const setRow = (i: number, patch: Partial<Evidence>) => setEvidence(evidence.map((e, j) => (j === i ? { ...e, ...patch } : e)));
  return (
    <Modal
      opened
      onClose={onClose}
      centered
      size="lg"
      fullScreen={isMobile}
      title={t('planProgress.dialogTitle', { quarter: quarterLabel(target.quarter) })}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSave({
            status,
            note: note.trim() || undefined,
            evidence: evidence.filter((x) => x.label.trim() && x.url.trim()).map((x) => ({ label: x.label.trim(), url: x.url.trim() })),
          });
        }}
      >
        <Stack>
          <Text size="sm" fw={500} className="loa-break">
            {target.task.topic}
          </Text>
          <Select
            label={t('planProgress.status')}
            data={taskStatusOptions()}
            value={status}
            onChange={(v) => v && setStatus(v as TaskStatus)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <Textarea label={t('planProgress.note')} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <Stack gap="xs">
            <Text size="sm" fw={500}>
              {t('planProgress.evidence')}
            </Text>
            {evidence.map((e, i) => (
              <Group key={i} gap="xs" align="flex-end" wrap="wrap">
                <TextInput
                  label={t('planProgress.evidenceLabel')}
                  value={e.label}
                  onChange={(ev) => setRow(i, { label: ev.currentTarget.value })}
                  style={{ flex: '1 1 140px' }}
                />
                <TextInput
                  label={t('planProgress.evidenceUrl')}
                  type="url"
                  value={e.url}
                  onChange={(ev) => setRow(i, { url: ev.currentTarget.value })}
                  style={{ flex: '2 1 180px' }}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  mb={2}
                  onClick={() => setEvidence(evidence.filter((_, j) => j !== i))}
                  aria-label={t('planProgress.removeEvidence', { n: i + 1 })}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
            <Button
              variant="subtle"
              size="xs"
              leftSection={<IconPlus size={14} />}
              style={{ alignSelf: 'flex-start' }}
              onClick={() => setEvidence([...evidence, { label: '', url: '' }])}
            >
              {t('planProgress.addEvidence')}
            </Button>
          </Stack>
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={isSaving}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
