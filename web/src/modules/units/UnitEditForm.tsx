import { Button, Group, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { unitsApi } from '../../api/endpoints';
import type { Unit } from '../../api/types';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { notifySuccess } from '../../ui/notify';
import { UnitFields } from './UnitFields';
import { inputFromValues, useUnitForm, valuesFromUnit } from './unitForm';

/** The unit's details; administrators save them (with the version read, so concurrent edits are caught). */
export function UnitEditForm({ unit, isReadOnly }: { unit: Unit; isReadOnly: boolean }) {
  const qc = useQueryClient();
  const form = useUnitForm(valuesFromUnit(unit));
  const [error, setError] = useState<unknown>(null);
  const save = useMutation({
    mutationFn: () => unitsApi.update(unit.id, { ...inputFromValues(form.values), version: unit.version }),
    onSuccess: async () => {
      setError(null);
      notifySuccess(t('units.saved'));
      await qc.invalidateQueries({ queryKey: ['units'] });
    },
    onError: setError,
  });
  return (
    <form onSubmit={form.onSubmit(() => save.mutate())}>
      <Stack>
        <UnitFields form={form} isReadOnly={isReadOnly} />
        <ErrorAlert error={error} />
        {!isReadOnly ? (
          <Group justify="flex-end">
            <Button variant="default" onClick={() => form.reset()} disabled={!form.isDirty()}>
              {t('common.reset')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}
