import { Button, Group, Modal, PasswordInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { peopleApi, unitsApi } from '../../api/endpoints';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { notifySuccess } from '../../ui/notify';
import { type PickedUnit, UnitPicker } from '../../ui/UnitPicker';
import { useIsMobile } from '../../ui/useMobile';
import { topUnitFor } from '../auth/permissions';
import { useUser } from '../auth/session';

export function CreatePersonModal({ onClose }: { onClose: () => void }) {
  const user = useUser();
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const defaultId = topUnitFor(user, 'people.write');
  const defaultUnit = useQuery({ queryKey: ['units', 'detail', defaultId], queryFn: () => unitsApi.get(defaultId as number), enabled: !!defaultId });
  const [unit, setUnit] = useState<PickedUnit | null>(null);
  const shownUnit = unit ?? (defaultUnit.data ? { id: defaultUnit.data.id, name: defaultUnit.data.name } : null);
  const form = useForm({
    initialValues: { email: '', name: '', title: '', phone: '', password: '' },
    validate: {
      email: (v) => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) ? null : t('people.emailInvalid')),
      name: (v) => (v.trim() ? null : t('people.nameRequired')),
      password: (v) => (!v || v.length >= 10 ? null : t('password.tooShort')),
    },
  });
  const create = useMutation({
    mutationFn: () =>
      peopleApi.create({
        email: form.values.email.trim(),
        name: form.values.name.trim(),
        title: form.values.title.trim() || null,
        phone: form.values.phone.trim() || null,
        unitId: shownUnit?.id ?? 0,
        password: form.values.password || undefined,
      }),
    onSuccess: async (p) => {
      notifySuccess(t('people.created'));
      await qc.invalidateQueries({ queryKey: ['people'] });
      onClose();
      await navigate({ to: '/nguoi-dung/$id', params: { id: String(p.id) } });
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('people.addTitle')} size="lg" fullScreen={isMobile} centered>
      <form onSubmit={form.onSubmit(() => create.mutate())}>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('people.name')} required {...form.getInputProps('name')} />
            <TextInput label={t('people.email')} type="email" required {...form.getInputProps('email')} />
            <TextInput label={t('people.jobTitle')} {...form.getInputProps('title')} />
            <TextInput label={t('people.phone')} type="tel" {...form.getInputProps('phone')} />
          </SimpleGrid>
          <UnitPicker label={t('people.unit')} required value={shownUnit} onChange={setUnit} />
          <PasswordInput
            label={t('people.initialPassword')}
            description={t('people.initialPasswordHint')}
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          <ErrorAlert error={create.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!shownUnit}>
              {t('people.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
