import { ActionIcon, Button, Card, Group, Loader, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { unitTypes } from '../../api/types';
import type { UnitType } from '../../api/types';
import { t } from '../../i18n';
import { DateField } from '../../ui/DateField';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { unitTypeLabel } from '../../ui/labels';
import { notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { UnitPicker } from '../../ui/UnitPicker';
import { usePlanUnit } from '../plans/usePlanUnit';
import { type CriterionInput, type Metric, type PeriodKind, type SchemeInput, emulationApi, emulationKey, metrics } from './api';
import { defaultTarget, metricLabel, metricUnit, periodKindLabel, schoolYears } from './labels';

const blank = (): CriterionInput => ({ label: '', metric: '', weight: 10, target: 1, scope: 'unit', noData: 'zero' });

/** Create or change an emulation scheme: the level ranked, the period and the weighted criteria. */
export function SchemeFormPage({ id }: { id?: number }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [unit, setUnit] = usePlanUnit('plans.write');
  const existing = useQuery({ queryKey: [...emulationKey, 'scheme', id ?? 0], queryFn: () => emulationApi.get(id as number), enabled: !!id });
  const available = useQuery({ queryKey: [...emulationKey, 'metrics'], queryFn: () => emulationApi.metrics(), staleTime: 60_000 });
  const [title, setTitle] = useState('');
  const [unitType, setUnitType] = useState<UnitType>('school');
  const [periodKind, setPeriodKind] = useState<PeriodKind>('school_year');
  const [schoolYear, setSchoolYear] = useState<string | null>(schoolYears()[1] ?? null);
  const [semester, setSemester] = useState<string | null>('1');
  const [startsOn, setStartsOn] = useState<string | null>(null);
  const [endsOn, setEndsOn] = useState<string | null>(null);
  const [criteria, setCriteria] = useState<CriterionInput[]>([blank()]);
  useEffect(() => {
    const s = existing.data;
    if (!s) return;
    setTitle(s.title);
    setUnitType(s.unitType);
    setPeriodKind(s.periodKind);
    setSchoolYear(s.schoolYear);
    setSemester(s.semester ? String(s.semester) : '1');
    setStartsOn(s.startsOn);
    setEndsOn(s.endsOn);
    setCriteria(s.criteria.map(({ label, metric, weight, target, scope, noData }) => ({ label, metric, weight, target, scope, noData })));
  }, [existing.data]);
  const kindOf = (m: string) => available.data?.items.find((x) => x.metric === m)?.kind ?? 'count';
  const save = useMutation({
    mutationFn: () => {
      const input: SchemeInput = {
        title,
        unitType,
        periodKind,
        schoolYear: periodKind === 'custom' ? null : schoolYear,
        semester: periodKind === 'semester' ? (Number(semester) as 1 | 2) : null,
        startsOn: periodKind === 'custom' ? startsOn : null,
        endsOn: periodKind === 'custom' ? endsOn : null,
        criteria,
      };
      return id && existing.data ? emulationApi.update(id, { ...input, version: existing.data.version }) : emulationApi.create(unit?.id as number, input);
    },
    onSuccess: (s) => {
      notifySuccess(t('emu.saved'));
      void qc.invalidateQueries({ queryKey: emulationKey });
      void navigate({ to: `/thi-dua/${s.id}` as '/' });
    },
  });
  const set = (i: number, patch: Partial<CriterionInput>) => setCriteria((cs) => cs.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  if (id && existing.isPending) return <Loader aria-label={t('common.loading')} />;
  return (
    <>
      <PageHeader title={id ? t('emu.editTitle') : t('emu.newTitle')} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm" maw={920}>
          <ErrorAlert error={existing.error ?? save.error} />
          {id ? <Text size="sm">{t('emu.rankingUnit', { unit: existing.data?.unitName ?? '' })}</Text> : <UnitPicker label={t('emu.rankingUnitLabel')} value={unit} onChange={setUnit} required maw={520} />}
          <TextInput label={t('emu.form.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required maxLength={300} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select label={t('emu.form.level')} data={unitTypes.map((u) => ({ value: u, label: unitTypeLabel(u) }))} value={unitType} onChange={(v) => setUnitType((v ?? 'school') as UnitType)} allowDeselect={false} />
            <Select
              label={t('emu.form.period')}
              data={(['school_year', 'semester', 'custom'] as const).map((k) => ({ value: k, label: periodKindLabel(k) }))}
              value={periodKind}
              onChange={(v) => setPeriodKind((v ?? 'school_year') as PeriodKind)}
              allowDeselect={false}
            />
            {periodKind !== 'custom' ? (
              <Select label={t('emu.form.schoolYear')} data={schoolYears().map((y) => ({ value: y, label: y.replace('-', '–') }))} value={schoolYear} onChange={setSchoolYear} />
            ) : null}
            {periodKind === 'semester' ? (
              <Select label={t('emu.form.semester')} data={[{ value: '1', label: t('emu.semester1') }, { value: '2', label: t('emu.semester2') }]} value={semester} onChange={setSemester} allowDeselect={false} />
            ) : null}
            {periodKind === 'custom' ? (
              <>
                <DateField label={t('emu.form.startsOn')} value={startsOn} onChange={(v) => setStartsOn(v ? String(v).slice(0, 10) : null)} />
                <DateField label={t('emu.form.endsOn')} value={endsOn} onChange={(v) => setEndsOn(v ? String(v).slice(0, 10) : null)} />
              </>
            ) : null}
          </SimpleGrid>
          <Text fw={600} mt="sm">
            {t('emu.form.criteria')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('emu.form.criteriaHelp')}
          </Text>
          {criteria.map((c, i) => (
            <Card key={i} withBorder padding="sm" component="fieldset" aria-label={t('emu.form.criterionN', { n: i + 1 })} style={{ margin: 0 }}>
              <Stack gap="xs">
                <Group justify="space-between" gap="xs">
                  <Text fw={600} size="sm">
                    {t('emu.form.criterionN', { n: i + 1 })}
                  </Text>
                  <ActionIcon variant="subtle" color="red" onClick={() => setCriteria((cs) => cs.filter((_, j) => j !== i))} aria-label={t('emu.form.removeCriterion', { n: i + 1 })} disabled={criteria.length === 1}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                  <Select
                    label={t('emu.form.metric')}
                    data={metrics.map((m) => ({ value: m, label: metricLabel(m), disabled: available.data ? !available.data.items.find((x) => x.metric === m)?.isAvailable : false }))}
                    value={c.metric || null}
                    onChange={(v) => {
                      const m = (v ?? '') as Metric;
                      set(i, { metric: m, label: c.label || (m ? metricLabel(m) : ''), target: m ? defaultTarget(m) : c.target });
                    }}
                    required
                  />
                  <TextInput label={t('emu.form.label')} value={c.label} onChange={(e) => set(i, { label: e.currentTarget.value })} required maxLength={200} />
                  <NumberInput label={t('emu.form.weight')} value={c.weight} onChange={(v) => set(i, { weight: Number(v) || 0 })} min={0.5} max={1000} step={1} decimalScale={2} required />
                  <NumberInput
                    label={t('emu.form.target', { unit: metricUnit(kindOf(c.metric)) })}
                    description={t('emu.form.targetHelp')}
                    value={c.target}
                    onChange={(v) => set(i, { target: Number(v) || 0 })}
                    min={0.01}
                    decimalScale={2}
                    required
                  />
                  <Select
                    label={t('emu.form.scope')}
                    data={[{ value: 'unit', label: t('emu.scope.unit') }, { value: 'subtree', label: t('emu.scope.subtree') }]}
                    value={c.scope}
                    onChange={(v) => set(i, { scope: (v ?? 'unit') as 'unit' | 'subtree' })}
                    allowDeselect={false}
                  />
                  <Select
                    label={t('emu.form.noData')}
                    data={[{ value: 'zero', label: t('emu.noData.zero') }, { value: 'full', label: t('emu.noData.full') }]}
                    value={c.noData}
                    onChange={(v) => set(i, { noData: (v ?? 'zero') as 'zero' | 'full' })}
                    allowDeselect={false}
                  />
                </SimpleGrid>
              </Stack>
            </Card>
          ))}
          <Group gap="sm" wrap="wrap">
            <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setCriteria((cs) => [...cs, blank()])} disabled={criteria.length >= 20}>
              {t('emu.form.addCriterion')}
            </Button>
            <Text size="sm" c="dimmed">
              {t('emu.form.maxPoints', { n: criteria.reduce((a, c) => a + (c.weight || 0), 0) })}
            </Text>
          </Group>
          <Group gap="sm">
            <Button type="submit" loading={save.isPending} disabled={!id && !unit}>
              {t('emu.form.save')}
            </Button>
            <Button variant="default" onClick={() => (id ? navigate({ to: `/thi-dua/${id}` as '/' }) : navigate({ to: '/thi-dua' as '/' }))}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
