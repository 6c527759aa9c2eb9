import { Anchor, Badge, Breadcrumbs, Card, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { unitsApi } from '../../api/endpoints';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { statusColor, unitLevelLabel, unitStatusLabel, unitTypeLabel } from '../../ui/labels';
import { canOnUnit } from '../auth/permissions';
import { useUser } from '../auth/session';
import { UnitActions } from './UnitActions';
import { UnitEditForm } from './UnitEditForm';
import { UnitHistory } from './UnitHistory';

export const unitKey = (id: number) => ['units', 'detail', id] as const;

/** One unit: where it sits, its details (editable by administrators), its history and the lifecycle actions. */
export function UnitDetailPanel({ id }: { id: number }) {
  const user = useUser();
  const unit = useQuery({ queryKey: unitKey(id), queryFn: () => unitsApi.get(id) });
  if (unit.isPending) return <Loader aria-label={t('common.loading')} />;
  if (unit.isError) return <ErrorAlert error={unit.error} />;
  const u = unit.data;
  const canWrite = canOnUnit(user, 'units.write', u.id, u.ancestors.map((a) => a.id));
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        {u.ancestors.length ? (
          <nav aria-label={t('units.breadcrumb')}>
          <Breadcrumbs separator="›" separatorMargin={4} style={{ flexWrap: 'wrap', rowGap: 2 }}>
            {u.ancestors.map((a) => (
              <Anchor key={a.id} component={Link} to={`/don-vi/${a.id}`} size="sm" className="loa-break">
                {a.name}
              </Anchor>
            ))}
          </Breadcrumbs>
          </nav>
        ) : null}
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
            <Title order={2} fz={{ base: 'h4', sm: 'h3' }} className="loa-break">
              {u.name}
            </Title>
            <Group gap={6}>
              <Badge variant="light">{unitTypeLabel(u.type)}</Badge>
              {u.level ? <Badge variant="light" color="cyan">{unitLevelLabel(u.level)}</Badge> : null}
              <Badge variant="light" color={statusColor(u.status)}>
                {unitStatusLabel(u.status)}
              </Badge>
              <Text size="xs" c="dimmed">
                {t('units.codeShort', { code: u.code })}
              </Text>
            </Group>
            {u.closedOn ? (
              <Text size="xs" c="dimmed">
                {t('units.closedOn', { date: formatDate(u.closedOn) })}
              </Text>
            ) : null}
          </Stack>
          {canWrite ? <UnitActions unit={u} /> : null}
        </Group>
        <Tabs defaultValue="info" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="info">{t('units.tabInfo')}</Tabs.Tab>
            <Tabs.Tab value="history">{t('units.tabHistory', { n: u.events.length })}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="info" pt="md">
            <UnitEditForm key={`${u.id}-${u.version}`} unit={u} isReadOnly={!canWrite} />
          </Tabs.Panel>
          <Tabs.Panel value="history" pt="md">
            <UnitHistory events={u.events} />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </Card>
  );
}
