import { Alert, Button, Card, FileInput, Group, Progress, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconDownload, IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { importsApi, unitsApi } from '../../api/endpoints';
import type { ImportKind, ImportRun } from '../../api/types';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { type PickedUnit, UnitPicker } from '../../ui/UnitPicker';
import { topUnitFor } from '../auth/permissions';
import { useUser } from '../auth/session';
import { ImportErrorsTable } from './ImportErrorsTable';
import { downloadTemplate } from './templates';

/** Upload a spreadsheet, review what it would change, apply it and follow the progress. */
export function ImportPage() {
  const [kind, setKind] = useState<ImportKind>('units');
  const [target, setTarget] = useDefaultTarget();
  const [file, setFile] = useState<File | null>(null);
  const [run, setRun] = useState<ImportRun | null>(null);
  const upload = useMutation({
    mutationFn: () => importsApi.upload(target?.id ?? 0, kind, file as File),
    onSuccess: setRun,
  });
  const startOver = () => {
    setRun(null);
    setFile(null);
    upload.reset();
  };
  const isApplying = run !== null && run.status !== 'invalid' && run.status !== 'ready';
  return (
    <>
      <PageHeader title={t('imports.title')} />
      <Stack gap="md" maw={960}>
        <Card withBorder>
          <Stack gap="sm">
            <Text fw={600}>{t('imports.step1')}</Text>
            <SegmentedControl
              value={kind}
              onChange={(v) => {
                setKind(v as ImportKind);
                setRun(null);
              }}
              disabled={isApplying}
              data={[
                { value: 'units', label: t('imports.kindUnits') },
                { value: 'people', label: t('imports.kindPeople') },
              ]}
              aria-label={t('imports.kind')}
              style={{ alignSelf: 'flex-start' }}
            />
            <UnitPicker
              label={t('imports.target')}
              description={t('imports.targetHint')}
              value={target}
              onChange={setTarget}
              disabled={isApplying}
            />
            <Group gap="xs">
              <Button
                variant="subtle"
                size="xs"
                leftSection={<IconDownload size={14} />}
                onClick={() => downloadTemplate(kind)}
              >
                {kind === 'units' ? t('imports.templateUnits') : t('imports.templatePeople')}
              </Button>
            </Group>
            <Text size="xs" c="dimmed">
              {kind === 'units' ? t('imports.columnsUnits') : t('imports.columnsPeople')}
            </Text>
          </Stack>
        </Card>
        <Card withBorder>
          <Stack gap="sm">
            <Text fw={600}>{t('imports.step2')}</Text>
            <FileInput
              label={t('imports.file')}
              placeholder={t('imports.filePlaceholder')}
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              leftSection={<IconFileSpreadsheet size={16} />}
              value={file}
              onChange={(f) => {
                setFile(f);
                setRun(null);
                upload.reset();
              }}
              clearable
              disabled={isApplying}
            />
            <Group>
              <Button
                leftSection={<IconUpload size={16} />}
                onClick={() => upload.mutate()}
                loading={upload.isPending}
                disabled={!file || !target || isApplying}
              >
                {t('imports.check')}
              </Button>
            </Group>
            <ErrorAlert error={upload.error} />
          </Stack>
        </Card>
        {run ? <ImportReview key={run.id} run={run} onStartOver={startOver} /> : null}
      </Stack>
    </>
  );
}

/** The default target: the highest unit where the user may import. */
function useDefaultTarget() {
  const user = useUser();
  const topId = topUnitFor(user, 'imports.write');
  const [target, setTarget] = useState<PickedUnit | null>(null);
  const [isTouched, setTouched] = useState(false);
  const top = useQuery({ queryKey: ['units', 'detail', topId], queryFn: () => unitsApi.get(topId as number), enabled: !!topId });
  useEffect(() => {
    if (!isTouched && top.data) setTarget({ id: top.data.id, name: top.data.name });
  }, [top.data, isTouched]);
  return [
    target,
    (u: PickedUnit | null) => {
      setTouched(true);
      setTarget(u);
    },
  ] as const;
}

function ImportReview({ run: initial, onStartOver }: { run: ImportRun; onStartOver: () => void }) {
  const qc = useQueryClient();
  const [isStarted, setStarted] = useState(false);
  const apply = useMutation({
    mutationFn: (isSkippingInvalid: boolean) => importsApi.apply(initial.id, isSkippingInvalid),
    onSuccess: () => setStarted(true),
  });
  const progress = useQuery({
    queryKey: ['imports', initial.id],
    queryFn: () => importsApi.get(initial.id),
    enabled: isStarted,
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 500),
  });
  const run = progress.data ?? apply.data ?? initial;
  useEffect(() => {
    if (run.status === 'done') void qc.invalidateQueries({ queryKey: ['units'] });
    if (run.status === 'done') void qc.invalidateQueries({ queryKey: ['people'] });
  }, [run.status, qc]);
  const preview = initial.preview;
  const errorRows = new Set(initial.errors.map((e) => e.row)).size;

  if (isStarted) {
    const pct = run.total ? Math.round((run.processed / run.total) * 100) : run.status === 'done' ? 100 : 0;
    const shown = run.status === 'done' ? 100 : pct;
    return (
      <Card withBorder>
        <Stack gap="sm">
          <Text fw={600}>{t('imports.step4')}</Text>
          <Progress
            value={shown}
            size="xl"
            animated={run.status !== 'done' && run.status !== 'failed'}
            color={run.status === 'failed' ? 'red' : run.status === 'done' ? 'teal' : 'indigo'}
            aria-label={t('imports.progress')}
          />
          <Text size="sm" c="dimmed">
            {t('imports.progressText', { processed: run.processed, total: run.total, pct: shown })}
          </Text>
          <ErrorAlert error={progress.error} />
          {run.status === 'done' ? (
            <Alert color="teal" icon={<IconCircleCheck size={18} />} title={t('imports.doneTitle')} role="status">
              {run.summary?.message ?? t('imports.doneFallback')}
            </Alert>
          ) : null}
          {run.status === 'failed' ? (
            <Alert color="red" title={t('imports.failedTitle')} role="alert">
              {run.summary?.message ?? t('error.unexpected')}
            </Alert>
          ) : null}
          {run.status === 'done' || run.status === 'failed' ? (
            <Group>
              <Button variant="light" onClick={onStartOver}>
                {t('imports.another')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </Card>
    );
  }

  return (
    <Card withBorder>
      <Stack gap="sm">
        <Text fw={600}>{t('imports.step3')}</Text>
        {preview ? (
          <Text size="sm">
            {t('imports.previewSummary', {
              total: preview.total,
              valid: preview.valid,
              creates: preview.creates,
              updates: preview.updates,
            })}
          </Text>
        ) : null}
        {initial.status === 'invalid' ? (
          <>
            <Alert color="red" title={t('imports.invalidTitle', { n: errorRows })} role="alert">
              {t('imports.invalidText')}
            </Alert>
            <ImportErrorsTable errors={initial.errors} />
            <Group>
              {preview && preview.valid > 0 ? (
                <Button color="orange" onClick={() => apply.mutate(true)} loading={apply.isPending}>
                  {t('imports.applySkipping', { n: preview.valid })}
                </Button>
              ) : null}
              <Button variant="default" onClick={onStartOver}>
                {t('imports.fixAndRetry')}
              </Button>
            </Group>
          </>
        ) : (
          <>
            <Alert color="teal" role="status">
              {t('imports.readyText')}
            </Alert>
            <Group>
              <Button onClick={() => apply.mutate(false)} loading={apply.isPending}>
                {t('imports.apply')}
              </Button>
              <Button variant="default" onClick={onStartOver}>
                {t('common.cancel')}
              </Button>
            </Group>
          </>
        )}
        <ErrorAlert error={apply.error} />
      </Stack>
    </Card>
  );
}
