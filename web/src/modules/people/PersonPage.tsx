import { ActionIcon, Anchor, Badge, Button, Card, Group, Loader, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArrowLeft, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { peopleApi } from '../../api/endpoints';
import type { Person, Role } from '../../api/types';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { roleLabel, roleOptions } from '../../ui/labels';
import { notifySuccess } from '../../ui/notify';
import { type PickedUnit, UnitPicker } from '../../ui/UnitPicker';
import { can } from '../auth/permissions';
import { useUser } from '../auth/session';

const personKey = (id: number) => ['people', 'detail', id] as const;

/** One person: their details and their roles in units. */
export function PersonPage({ id }: { id: number }) {
  const user = useUser();
  const person = useQuery({ queryKey: personKey(id), queryFn: () => peopleApi.get(id) });
  const canWrite = can(user, 'people.write');
  return (
    <Stack gap="md" maw={900}>
      <Anchor component={Link} to="/nguoi-dung" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={16} />
          {t('people.backToList')}
        </Group>
      </Anchor>
      {person.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      <ErrorAlert error={person.error} />
      {person.data ? (
        <>
          <Stack gap={4}>
            <Title order={2} fz={{ base: 'h3', sm: 'h2' }} className="loa-break">
              {person.data.name}
            </Title>
            <Text c="dimmed" size="sm" className="loa-break">
              {person.data.unitName}
            </Text>
            <Group gap={6}>
              <Badge variant="light" color={person.data.isActive ? 'teal' : 'gray'}>
                {person.data.isActive ? t('people.active') : t('people.inactive')}
              </Badge>
              {person.data.isTotpEnabled ? <Badge variant="light">{t('people.totpOn')}</Badge> : null}
              {!person.data.hasPassword ? <Badge variant="light" color="orange">{t('people.noPassword')}</Badge> : null}
            </Group>
          </Stack>
          <PersonForm key={person.data.version} person={person.data} isReadOnly={!canWrite} />
          <PersonRoles person={person.data} canWrite={canWrite} />
        </>
      ) : null}
    </Stack>
  );
}

function PersonForm({ person, isReadOnly }: { person: Person; isReadOnly: boolean }) {
  const qc = useQueryClient();
  const form = useForm({
    initialValues: {
      email: person.email,
      name: person.name,
      title: person.title ?? '',
      phone: person.phone ?? '',
      isActive: person.isActive,
    },
    validate: {
      email: (v) => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) ? null : t('people.emailInvalid')),
      name: (v) => (v.trim() ? null : t('people.nameRequired')),
    },
  });
  const save = useMutation({
    mutationFn: () =>
      peopleApi.update(person.id, {
        email: form.values.email.trim(),
        name: form.values.name.trim(),
        title: form.values.title.trim() || null,
        phone: form.values.phone.trim() || null,
        isActive: form.values.isActive,
        version: person.version,
      }),
    onSuccess: async (p) => {
      notifySuccess(t('people.saved'));
      qc.setQueryData(personKey(person.id), p);
      await qc.invalidateQueries({ queryKey: ['people', 'list'] });
    },
  });
  return (
    <Card withBorder>
      <form onSubmit={form.onSubmit(() => save.mutate())}>
        <Stack>
          <Text fw={600}>{t('people.details')}</Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('people.name')} readOnly={isReadOnly} {...form.getInputProps('name')} />
            <TextInput label={t('people.email')} type="email" readOnly={isReadOnly} {...form.getInputProps('email')} />
            <TextInput label={t('people.jobTitle')} readOnly={isReadOnly} {...form.getInputProps('title')} />
            <TextInput label={t('people.phone')} type="tel" readOnly={isReadOnly} {...form.getInputProps('phone')} />
          </SimpleGrid>
          <Switch
            label={t('people.isActive')}
            disabled={isReadOnly}
            {...form.getInputProps('isActive', { type: 'checkbox' })}
          />
          <ErrorAlert error={save.error} />
          {!isReadOnly ? (
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
                {t('common.save')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </form>
    </Card>
  );
}

function PersonRoles({ person, canWrite }: { person: Person; canWrite: boolean }) {
  const qc = useQueryClient();
  const [unit, setUnit] = useState<PickedUnit | null>(null);
  const [role, setRole] = useState<Role | null>(null);
  const onChanged = async (p: Person) => {
    qc.setQueryData(personKey(person.id), p);
    await qc.invalidateQueries({ queryKey: ['people', 'list'] });
  };
  const assign = useMutation({
    mutationFn: () => peopleApi.assignRole(person.id, unit?.id ?? 0, role as Role),
    onSuccess: async (p) => {
      notifySuccess(t('people.roleAdded'));
      setRole(null);
      await onChanged(p);
    },
  });
  const revoke = useMutation({
    mutationFn: (assignmentId: number) => peopleApi.revokeRole(person.id, assignmentId),
    onSuccess: async (p) => {
      notifySuccess(t('people.roleRemoved'));
      await onChanged(p);
    },
  });
  return (
    <Card withBorder>
      <Stack>
        <Text fw={600}>{t('people.roles')}</Text>
        {person.roles.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('people.noRoles')}
          </Text>
        ) : (
          <Stack gap="xs">
            {person.roles.map((r) => (
              <Group key={r.id} justify="space-between" wrap="nowrap" gap="xs">
                <div style={{ minWidth: 0 }}>
                  <Badge variant="light">{roleLabel(r.role)}</Badge>
                  <Text size="sm" className="loa-break">
                    {r.unitName}
                  </Text>
                </div>
                {canWrite ? (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    onClick={() => revoke.mutate(r.id)}
                    loading={revoke.isPending && revoke.variables === r.id}
                    aria-label={t('people.removeRole', { role: roleLabel(r.role), unit: r.unitName })}
                  >
                    <IconTrash size={18} />
                  </ActionIcon>
                ) : null}
              </Group>
            ))}
          </Stack>
        )}
        <ErrorAlert error={revoke.error} />
        {canWrite ? (
          <Stack gap="xs">
            <Text size="sm" fw={500}>
              {t('people.addRole')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <Select label={t('people.role')} data={roleOptions()} value={role} onChange={(v) => setRole(v as Role | null)} />
              <UnitPicker label={t('people.roleUnit')} value={unit} onChange={setUnit} />
            </SimpleGrid>
            <ErrorAlert error={assign.error} />
            <Group justify="flex-end">
              <Button onClick={() => assign.mutate()} disabled={!unit || !role} loading={assign.isPending}>
                {t('people.assign')}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Stack>
    </Card>
  );
}
