import { Anchor, Badge, Button, Card, Group, Loader, Pagination, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { peopleApi } from '../../api/endpoints';
import type { Person } from '../../api/types';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { roleLabel } from '../../ui/labels';
import { PageHeader } from '../../ui/PageHeader';
import { type PickedUnit, UnitPicker } from '../../ui/UnitPicker';
import { useIsMobile } from '../../ui/useMobile';
import { can } from '../auth/permissions';
import { useUser } from '../auth/session';
import { CreatePersonModal } from './CreatePersonModal';

const pageSize = 20;

/** The people of the user's scope: search, filter by unit, open one, add one. */
export function PeoplePage() {
  const user = useUser();
  const isMobile = useIsMobile();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 300);
  const [unit, setUnit] = useState<PickedUnit | null>(null);
  const [page, setPage] = useState(1);
  const [isCreating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: ['people', 'list', debounced, unit?.id ?? null, page],
    queryFn: () => peopleApi.list({ q: debounced, unitId: unit?.id, limit: pageSize, offset: (page - 1) * pageSize }),
    placeholderData: keepPreviousData,
  });
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / pageSize)) : 1;
  return (
    <>
      <PageHeader
        title={t('people.title')}
        actions={
          can(user, 'people.write') ? (
            <Button leftSection={<IconUserPlus size={16} />} onClick={() => setCreating(true)}>
              {t('people.add')}
            </Button>
          ) : null
        }
      />
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            type="search"
            label={t('people.search')}
            placeholder={t('people.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            value={q}
            onChange={(e) => {
              setQ(e.currentTarget.value);
              setPage(1);
            }}
          />
          <UnitPicker
            label={t('people.unitFilter')}
            value={unit}
            onChange={(u) => {
              setUnit(u);
              setPage(1);
            }}
          />
        </SimpleGrid>
        <ErrorAlert error={list.error} />
        {list.isPending ? <Loader aria-label={t('common.loading')} /> : null}
        {list.data ? (
          <>
            <Text size="sm" c="dimmed">
              {t('people.total', { n: list.data.total })}
            </Text>
            {list.data.items.length === 0 ? (
              <Text c="dimmed">{t('people.none')}</Text>
            ) : isMobile ? (
              <PeopleCards people={list.data.items} />
            ) : (
              <PeopleTable people={list.data.items} />
            )}
            {pages > 1 ? <Pagination total={pages} value={page} onChange={setPage} size="sm" /> : null}
          </>
        ) : null}
      </Stack>
      {isCreating ? <CreatePersonModal onClose={() => setCreating(false)} /> : null}
    </>
  );
}

function RoleBadges({ person }: { person: Person }) {
  return (
    <Group gap={4}>
      {person.roles.map((r) => (
        <Badge key={r.id} size="sm" variant="light" title={r.unitName}>
          {roleLabel(r.role)}
        </Badge>
      ))}
      {!person.isActive ? (
        <Badge size="sm" color="gray">
          {t('people.inactive')}
        </Badge>
      ) : null}
    </Group>
  );
}

function PersonLink({ person }: { person: Person }) {
  return (
    <Anchor component={Link} to={`/nguoi-dung/${person.id}`} fw={500} className="loa-break">
      {person.name}
    </Anchor>
  );
}

function PeopleTable({ people }: { people: Person[] }) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('people.name')}</Table.Th>
            <Table.Th>{t('people.email')}</Table.Th>
            <Table.Th>{t('people.unit')}</Table.Th>
            <Table.Th>{t('people.roles')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {people.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>
                <PersonLink person={p} />
                {p.title ? (
                  <Text size="xs" c="dimmed">
                    {p.title}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>{p.email}</Table.Td>
              <Table.Td>{p.unitName}</Table.Td>
              <Table.Td>
                <RoleBadges person={p} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function PeopleCards({ people }: { people: Person[] }) {
  return (
    <Stack gap="xs">
      {people.map((p) => (
        <Card key={p.id} withBorder padding="sm">
          <PersonLink person={p} />
          {p.title ? (
            <Text size="xs" c="dimmed">
              {p.title}
            </Text>
          ) : null}
          <Text size="sm" className="loa-break">
            {p.email}
          </Text>
          <Text size="sm" c="dimmed" className="loa-break">
            {p.unitName}
          </Text>
          <RoleBadges person={p} />
        </Card>
      ))}
    </Stack>
  );
}
