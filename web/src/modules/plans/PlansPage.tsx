import { Anchor, Badge, Button, Card, Group, Loader, Select, Stack, Table, Tabs, Text } from '@mantine/core';
import { IconCalendarOff, IconCheck, IconFileImport, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { type PlanListItem, type ReceivedPlan, planStatuses, plansApi } from '../../api/plans';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { UnitPicker } from '../../ui/UnitPicker';
import { useIsMobile } from '../../ui/useMobile';
import { can } from '../auth/permissions';
import { useUser } from '../auth/session';
import { periodLabel, planStatusColor, planStatusLabel } from './labels';
import { plansKey } from './keys';
import { usePlanUnit } from './usePlanUnit';

/** Plans of a unit's subtree and the plans sent to it. */
export function PlansPage() {
  const user = useUser();
  const [unit, setUnit] = usePlanUnit('plans.read');
  const [tab, setTab] = useState<string>('own');
  const canWrite = can(user, 'plans.write');
  return (
    <>
      <PageHeader
        title={t('plans.title')}
        actions={
          <>
            {canWrite ? (
              <>
                <Button component={Link} to="/ke-hoach/moi" leftSection={<IconPlus size={16} />}>
                  {t('plans.new')}
                </Button>
                <Button component={Link} to="/ke-hoach/nhap" variant="light" leftSection={<IconFileImport size={16} />}>
                  {t('plans.import')}
                </Button>
              </>
            ) : null}
            <Button component={Link} to="/ke-hoach/ngay-nghi" variant="default" leftSection={<IconCalendarOff size={16} />}>
              {t('plans.holidays')}
            </Button>
          </>
        }
      />
      <Stack gap="md">
        <UnitPicker label={t('plans.unit')} description={t('plans.unitHint')} value={unit} onChange={setUnit} maw={520} />
        <Tabs value={tab} onChange={(v) => v && setTab(v)} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="own">{t('plans.tabOwn')}</Tabs.Tab>
            <Tabs.Tab value="received">{t('plans.tabReceived')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="own" pt="md">
            {unit ? <OwnPlans unitId={unit.id} /> : <Text c="dimmed">{t('plans.pickUnit')}</Text>}
          </Tabs.Panel>
          <Tabs.Panel value="received" pt="md">
            {unit ? <ReceivedPlans unitId={unit.id} /> : <Text c="dimmed">{t('plans.pickUnit')}</Text>}
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </>
  );
}

export function PlanStatusBadge({ status }: { status: string }) {
  return (
    <Badge variant="light" color={planStatusColor(status)}>
      {planStatusLabel(status)}
    </Badge>
  );
}

function NumberLabel({ label }: { label: string | null }) {
  return label ? (
    <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
      {label}
    </Text>
  ) : (
    <Text size="sm" c="dimmed">
      {t('plans.noNumber')}
    </Text>
  );
}

function PlanLink({ id, title }: { id: number; title: string }) {
  return (
    <Anchor component={Link} to={`/ke-hoach/${id}`} fw={500} className="loa-break">
      {title}
    </Anchor>
  );
}

function OwnPlans({ unitId }: { unitId: number }) {
  const isMobile = useIsMobile();
  const [status, setStatus] = useState<string | null>(null);
  const list = useQuery({ queryKey: [...plansKey, 'list', unitId], queryFn: () => plansApi.list(unitId) });
  const items = useMemo(() => (list.data?.items ?? []).filter((p) => !status || p.status === status), [list.data, status]);
  if (list.isPending) return <Loader aria-label={t('common.loading')} />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Select
          label={t('plans.statusFilter')}
          placeholder={t('plans.allStatuses')}
          data={planStatuses.map((value) => ({ value, label: planStatusLabel(value) }))}
          value={status}
          onChange={setStatus}
          clearable
          w={{ base: '100%', xs: 220 }}
          comboboxProps={{ withinPortal: true }}
        />
        <Text size="sm" c="dimmed">
          {t('plans.count', { n: items.length })}
        </Text>
      </Group>
      {items.length === 0 ? (
        <Text c="dimmed">{t('plans.none')}</Text>
      ) : isMobile ? (
        <Stack gap="xs">
          {items.map((p) => (
            <Card key={p.id} withBorder padding="sm">
              <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                <NumberLabel label={p.numberLabel} />
                <PlanStatusBadge status={p.status} />
              </Group>
              <PlanLink id={p.id} title={p.title} />
              <Text size="sm" c="dimmed" className="loa-break">
                {p.unitName}
              </Text>
              <Text size="xs" c="dimmed">
                {[periodLabel(p.period), p.issuedOn ? t('plans.issuedOnShort', { date: formatDate(p.issuedOn) }) : '']
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </Card>
          ))}
        </Stack>
      ) : (
        <PlanTable items={items} />
      )}
    </Stack>
  );
}

function PlanTable({ items }: { items: PlanListItem[] }) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label={t('plans.tabOwn')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('plans.number')}</Table.Th>
            <Table.Th>{t('plans.planTitle')}</Table.Th>
            <Table.Th>{t('plans.issuer')}</Table.Th>
            <Table.Th>{t('plans.period')}</Table.Th>
            <Table.Th>{t('plans.status')}</Table.Th>
            <Table.Th>{t('plans.issuedOn')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>
                <NumberLabel label={p.numberLabel} />
              </Table.Td>
              <Table.Td>
                <PlanLink id={p.id} title={p.title} />
              </Table.Td>
              <Table.Td>{p.unitName}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{periodLabel(p.period)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <PlanStatusBadge status={p.status} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(p.issuedOn)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ReceiptState({ item }: { item: ReceivedPlan }) {
  if (item.acknowledgedAt) {
    return (
      <Badge variant="light" color="teal">
        {t('plans.acknowledgedOn', { date: formatDate(item.acknowledgedAt) })}
      </Badge>
    );
  }
  if (item.readAt) {
    return (
      <Badge variant="light" color="blue">
        {t('plans.readOn', { date: formatDate(item.readAt) })}
      </Badge>
    );
  }
  return (
    <Badge variant="light" color="orange">
      {t('plans.unread')}
    </Badge>
  );
}

function ReceivedPlans({ unitId }: { unitId: number }) {
  const user = useUser();
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const list = useQuery({ queryKey: [...plansKey, 'received', unitId], queryFn: () => plansApi.received(unitId) });
  const ack = useMutation({
    mutationFn: (item: ReceivedPlan) => plansApi.acknowledge(item.planId, item.unitId),
    onSuccess: async () => {
      notifySuccess(t('plans.acknowledged'));
      await qc.invalidateQueries({ queryKey: plansKey });
    },
  });
  const canAck = can(user, 'plans.write');
  if (list.isPending) return <Loader aria-label={t('common.loading')} />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  const items = list.data.items;
  const ackButton = (item: ReceivedPlan) =>
    canAck && !item.acknowledgedAt ? (
      <Button
        size="xs"
        variant="light"
        leftSection={<IconCheck size={14} />}
        loading={ack.isPending && ack.variables === item}
        onClick={() => ack.mutate(item)}
        aria-label={t('plans.acknowledgeFor', { title: item.title, unit: item.unitName })}
      >
        {t('plans.acknowledge')}
      </Button>
    ) : null;
  return (
    <Stack gap="sm">
      <ErrorAlert error={ack.error} />
      {items.length === 0 ? (
        <Text c="dimmed">{t('plans.noneReceived')}</Text>
      ) : isMobile ? (
        <Stack gap="xs">
          {items.map((r) => (
            <Card key={`${r.planId}-${r.unitId}`} withBorder padding="sm">
              <Stack gap={4}>
                <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                  <NumberLabel label={r.numberLabel} />
                  <ReceiptState item={r} />
                </Group>
                <PlanLink id={r.planId} title={r.title} />
                <Text size="sm" c="dimmed" className="loa-break">
                  {t('plans.fromTo', { from: r.issuerName, to: r.unitName })}
                </Text>
                {r.issuedOn ? (
                  <Text size="xs" c="dimmed">
                    {t('plans.issuedOnShort', { date: formatDate(r.issuedOn) })}
                  </Text>
                ) : null}
                <Group>{ackButton(r)}</Group>
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped verticalSpacing="xs" aria-label={t('plans.tabReceived')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('plans.number')}</Table.Th>
                <Table.Th>{t('plans.planTitle')}</Table.Th>
                <Table.Th>{t('plans.issuer')}</Table.Th>
                <Table.Th>{t('plans.sentTo')}</Table.Th>
                <Table.Th>{t('plans.receipt')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => (
                <Table.Tr key={`${r.planId}-${r.unitId}`}>
                  <Table.Td>
                    <NumberLabel label={r.numberLabel} />
                    <Text size="xs" c="dimmed">
                      {formatDate(r.issuedOn)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <PlanLink id={r.planId} title={r.title} />
                  </Table.Td>
                  <Table.Td>{r.issuerName}</Table.Td>
                  <Table.Td>{r.unitName}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <ReceiptState item={r} />
                  </Table.Td>
                  <Table.Td>{ackButton(r)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
