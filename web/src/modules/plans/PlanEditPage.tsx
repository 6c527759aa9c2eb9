import { Anchor, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { unitsApi } from '../../api/endpoints';
import { type Plan, plansApi } from '../../api/plans';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { UnitPicker } from '../../ui/UnitPicker';
import { PlanEditor } from './PlanEditor';
import { inputFromValues, usePlanForm, valuesFromInput } from './planForm';
import { planKey, plansKey } from './keys';
import { usePlanUnit } from './usePlanUnit';

export function BackToPlans({ id }: { id?: number }) {
  return (
    <Anchor component={Link} to={id ? `/ke-hoach/${id}` : '/ke-hoach'} size="sm">
      <Group gap={4}>
        <IconArrowLeft size={16} />
        {id ? t('plans.backToPlan') : t('plans.backToList')}
      </Group>
    </Anchor>
  );
}

/** Write a new plan from scratch: pick the issuing unit, fill the editor, save a draft. */
export function PlanNewPage() {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [unit, setUnit] = usePlanUnit('plans.write', { isRemembered: false });
  const form = usePlanForm(valuesFromInput(null));
  const [unitError, setUnitError] = useState<string | null>(null);
  // A new plan's symbol follows the issuing unit's document abbreviation: KH-SGDĐT.
  const unitDetail = useQuery({ queryKey: ['units', 'detail', unit?.id], queryFn: () => unitsApi.get(unit?.id as number), enabled: !!unit });
  const docAbbr = unitDetail.data?.docAbbr;
  const autoSymbol = useRef('');
  useEffect(() => {
    const current = form.values.symbol.trim();
    if (docAbbr && (!current || current === autoSymbol.current)) {
      autoSymbol.current = `KH-${docAbbr}`;
      form.setFieldValue('symbol', autoSymbol.current);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [docAbbr]);
  const create = useMutation({
    mutationFn: (unitId: number) => plansApi.create({ ...inputFromValues(form.values), unitId }),
    onSuccess: async (plan) => {
      notifySuccess(t('plans.created'));
      await qc.invalidateQueries({ queryKey: plansKey });
      await navigate({ to: '/ke-hoach/$id', params: { id: String(plan.id) } });
    },
  });
  return (
    <Stack gap="sm" maw={1100}>
      <BackToPlans />
      <PageHeader title={t('plans.newTitle')} />
      <PlanEditor
        form={form}
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
          create.mutate(unit.id);
        }}
        isSaving={create.isPending}
        error={create.error}
        saveLabel={t('plans.saveDraft')}
        onCancel={() => void navigate({ to: '/ke-hoach' })}
      />
    </Stack>
  );
}

/** Edit a draft: saved with the version it was loaded at, so someone else's later save is never overwritten. */
export function PlanEditPage({ id }: { id: number }) {
  const plan = useQuery({ queryKey: planKey(id), queryFn: () => plansApi.get(id) });
  if (plan.isPending) return <Loader aria-label={t('common.loading')} />;
  if (plan.isError) return <ErrorAlert error={plan.error} />;
  return <EditForm key={plan.data.version} plan={plan.data} />;
}

function EditForm({ plan }: { plan: Plan }) {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const form = usePlanForm(valuesFromInput(plan));
  const save = useMutation({
    mutationFn: () => plansApi.update(plan.id, { ...inputFromValues(form.values), version: plan.version }),
    onSuccess: async (saved) => {
      notifySuccess(t('plans.saved'));
      qc.setQueryData(planKey(plan.id), saved);
      await qc.invalidateQueries({ queryKey: plansKey });
      await navigate({ to: '/ke-hoach/$id', params: { id: String(plan.id) } });
    },
  });
  return (
    <Stack gap="sm" maw={1100}>
      <BackToPlans id={plan.id} />
      <PageHeader title={t('plans.editTitle')} />
      {!plan.can.edit ? <Text c="orange">{t('plans.notEditable')}</Text> : null}
      <PlanEditor
        form={form}
        unitField={<TextInput label={t('planForm.unit')} value={plan.unitName} readOnly />}
        onSave={() => save.mutate()}
        isSaving={save.isPending}
        error={save.error}
        saveLabel={t('common.save')}
        onCancel={() => void navigate({ to: '/ke-hoach/$id', params: { id: String(plan.id) } })}
      />
    </Stack>
  );
}
