import { Alert, Badge, Button, Card, FileInput, Group, Progress, Spoiler, Stack, Table, Text } from '@mantine/core';
import { IconFileText, IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { type PlanImport, type UnitMatch, plansApi } from '../../api/plans';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { type PickedUnit, UnitPicker } from '../../ui/UnitPicker';
import { useIsMobile } from '../../ui/useMobile';
import { plansKey } from './keys';
import { BackToPlans } from './PlanEditPage';
import { PlanEditor } from './PlanEditor';
import { inputFromValues, usePlanForm, valuesFromInput } from './planForm';
import { usePlanUnit } from './usePlanUnit';

/** Upload a plan document (DOCX, PDF, text), review the draft read from it, save it as a draft. */
export function PlanImportPage() {
  const [unit, setUnit] = usePlanUnit('plans.write', { isRemembered: false });
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<{ data: PlanImport; unit: PickedUnit; n: number } | null>(null);
  const abort = useRef<AbortController | null>(null);
  const read = useMutation({
    mutationFn: ({ unitId, f }: { unitId: number; f: File }) => {
      abort.current = new AbortController();
      return plansApi.import(unitId, f, abort.current.signal);
    },
    onSuccess: (data) => setResult((r) => ({ data, unit: unit as PickedUnit, n: (r?.n ?? 0) + 1 })),
  });
  const isAborted = read.error instanceof Error && read.error.name === 'AbortError';
  return (
    <Stack gap="sm" maw={1100}>
      <BackToPlans />
      <PageHeader title={t('planImport.title')} />
      <Card withBorder>
        <Stack gap="sm">
          <Text fw={600}>{t('planImport.step1')}</Text>
          <UnitPicker
            label={t('planImport.unit')}
            description={t('planImport.unitHint')}
            value={unit}
            onChange={setUnit}
            disabled={read.isPending}
            maw={520}
          />
          <FileInput
            label={t('planImport.file')}
            description={t('planImport.fileHint')}
            placeholder={t('planImport.filePlaceholder')}
            accept=".docx,.pdf,.txt,.md,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/pdf,text/plain,text/markdown"
            leftSection={<IconFileText size={16} />}
            value={file}
            onChange={(f) => {
              setFile(f);
              read.reset();
            }}
            clearable
            disabled={read.isPending}
            maw={520}
          />
          <Group>
            <Button
              leftSection={<IconUpload size={16} />}
              onClick={() => unit && file && read.mutate({ unitId: unit.id, f: file })}
              loading={read.isPending}
              disabled={!file || !unit}
            >
              {t('planImport.read')}
            </Button>
            {read.isPending ? (
              <Button variant="default" onClick={() => abort.current?.abort()}>
                {t('common.cancel')}
              </Button>
            ) : null}
          </Group>
          {read.isPending ? (
            <Stack gap={4} role="status">
              <Progress value={100} animated striped size="lg" aria-label={t('planImport.reading')} />
              <Text size="sm" c="dimmed">
                {t('planImport.reading')}
              </Text>
            </Stack>
          ) : null}
          {isAborted ? null : <ErrorAlert error={read.error} />}
        </Stack>
      </Card>
      {result ? <Review key={result.n} data={result.data} unit={result.unit} /> : null}
    </Stack>
  );
}

function Review({ data, unit: initialUnit }: { data: PlanImport; unit: PickedUnit }) {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const form = usePlanForm(valuesFromInput(data.input));
  const [unit, setUnit] = useState<PickedUnit | null>(initialUnit);
  const [unitError, setUnitError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (unitId: number) => plansApi.create({ ...inputFromValues(form.values), unitId }),
    onSuccess: async (plan) => {
      notifySuccess(t('planImport.saved'));
      await qc.invalidateQueries({ queryKey: plansKey });
      await navigate({ to: '/ke-hoach/$id', params: { id: String(plan.id) } });
    },
  });
  return (
    <Stack gap="sm">
      <Text fw={600}>{t('planImport.step2')}</Text>
      <Alert color="blue" role="status">
        {t('planImport.reviewHint')}
      </Alert>
      <PlanEditor
        form={form}
        before={<UnitMatches units={data.units} />}
        unitField={
          <UnitPicker
            label={t('planForm.unit')}
            required
            value={unit}
            onChange={(u) => {
              setUnit(u);
              setUnitError(null);
            }}
            error={unitError}
          />
        }
        onSave={() => {
          if (!unit) {
            setUnitError(t('planForm.unitRequired'));
            return;
          }
          save.mutate(unit.id);
        }}
        isSaving={save.isPending}
        error={save.error}
        saveLabel={t('plans.saveDraft')}
      />
    </Stack>
  );
}

function UnitMatches({ units }: { units: UnitMatch[] }) {
  const isMobile = useIsMobile();
  const matched = units.filter((u) => u.unitId !== null).length;
  const badge = (u: UnitMatch) =>
    u.unitId !== null ? (
      <Text size="sm" className="loa-break">
        {u.unitName}
      </Text>
    ) : (
      <Badge variant="light" color="orange">
        {t('planImport.noMatch')}
      </Badge>
    );
  const list = isMobile ? (
    <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('planImport.unitsTitle')}>
      {units.map((u) => (
        <li key={u.text}>
          <Text size="sm" fw={500} className="loa-break">
            {u.text}
          </Text>
          <Group gap={4}>
            <Text size="xs" c="dimmed">
              {'→'}
            </Text>
            {badge(u)}
          </Group>
        </li>
      ))}
    </Stack>
  ) : (
    <Table verticalSpacing={4} striped aria-label={t('planImport.unitsTitle')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('planImport.textInDocument')}</Table.Th>
          <Table.Th>{t('planImport.loaUnit')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {units.map((u) => (
          <Table.Tr key={u.text}>
            <Table.Td className="loa-break">{u.text}</Table.Td>
            <Table.Td>{badge(u)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <Text fw={600}>{t('planImport.unitsTitle')}</Text>
        <Text size="sm" c="dimmed">
          {units.length ? t('planImport.unitsSummary', { matched, total: units.length }) : t('planImport.noUnits')}
        </Text>
        {units.length ? (
          <Spoiler maxHeight={isMobile ? 260 : 220} showLabel={t('planImport.showAll')} hideLabel={t('planImport.showLess')}>
            {list}
          </Spoiler>
        ) : null}
      </Stack>
    </Card>
  );
}
