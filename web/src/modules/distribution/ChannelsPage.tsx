import { Alert, Anchor, Badge, Button, Card, Group, Loader, Modal, SimpleGrid, Stack, Switch, Table, Tabs, Text } from '@mantine/core';
import { IconAlertTriangle, IconClock, IconPlus, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { type ChannelTarget, type UnitDelivery, channelsApi, deliveriesApi } from '../../api/distribution';
import { unitsApi } from '../../api/endpoints';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime, formatNumber } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { type PickedUnit, UnitPicker } from '../../ui/UnitPicker';
import { useIsMobile } from '../../ui/useMobile';
import { topUnitFor } from '../auth/permissions';
import { useUser } from '../auth/session';
import { distributionKey, targetsKey, unitDeliveriesKey } from './keys';
import { deliveryStatusColor, deliveryStatusLabel, isApiKind, targetKindLabel } from './labels';
import { TargetFormModal } from './TargetFormModal';

/** The unit the page works on: the one in the address (from an expiry e-mail), else the user's highest unit for the permission. */
function useChannelsUnit(initialUnitId?: number) {
  const user = useUser();
  const startId = initialUnitId ?? topUnitFor(user, 'channels.write') ?? user.unitId ?? null;
  const [unit, setUnit] = useState<PickedUnit | null>(null);
  const [isTouched, setTouched] = useState(false);
  const start = useQuery({ queryKey: ['units', 'detail', startId], queryFn: () => unitsApi.get(startId as number), enabled: !!startId && !isTouched });
  useEffect(() => {
    if (!isTouched && start.data) setUnit({ id: start.data.id, name: start.data.name });
  }, [start.data, isTouched]);
  const pick = (u: PickedUnit | null) => {
    setTouched(true);
    setUnit(u);
  };
  return [unit, pick] as const;
}

export function DeliveryStatusBadge({ status }: { status: string }) {
  return (
    <Badge variant="light" color={deliveryStatusColor(status)} style={{ flex: 'none' }}>
      {deliveryStatusLabel(status)}
    </Badge>
  );
}

/** /kenh-phat-hanh: a unit's channels (tokens and their expiry, Zalo quota, subscribers) and its failed deliveries, with "Thử lại". */
export function ChannelsPage({ initialUnitId }: { initialUnitId?: number }) {
  const [unit, setUnit] = useChannelsUnit(initialUnitId);
  const [isShowingInactive, setShowingInactive] = useState(false);
  const [editing, setEditing] = useState<ChannelTarget | 'new' | null>(null);
  const targets = useQuery({
    queryKey: targetsKey(unit?.id ?? 0, isShowingInactive),
    queryFn: () => channelsApi.list(unit?.id as number, isShowingInactive),
    enabled: !!unit,
  });
  return (
    <Stack gap="sm" maw={1200}>
      <PageHeader
        title={t('channels.title')}
        actions={
          unit ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
              {t('channels.add')}
            </Button>
          ) : null
        }
      />
      <Text size="sm" c="dimmed">
        {t('channels.intro')}
      </Text>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <UnitPicker label={t('channels.unit')} value={unit} onChange={setUnit} w={{ base: '100%', sm: 420 }} />
        <Switch label={t('channels.showInactive')} checked={isShowingInactive} onChange={(e) => setShowingInactive(e.currentTarget.checked)} />
      </Group>
      {!unit ? <Text c="dimmed">{t('channels.pickUnit')}</Text> : null}
      {targets.isPending && unit ? <Loader aria-label={t('common.loading')} /> : null}
      <ErrorAlert error={targets.error} />
      {targets.data && !targets.data.items.length ? <Text c="dimmed">{t('channels.none')}</Text> : null}
      {targets.data?.items.length ? (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          {targets.data.items.map((x) => (
            <TargetCard key={x.id} target={x} onEdit={() => setEditing(x)} />
          ))}
        </SimpleGrid>
      ) : null}
      {unit ? <DeliveriesPanel unitId={unit.id} /> : null}
      {editing && unit ? <TargetFormModal unitId={unit.id} target={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} /> : null}
    </Stack>
  );
}

function TokenLine({ x }: { x: ChannelTarget }) {
  if (!isApiKind(x.kind)) return null;
  if (!x.hasToken) return <Text size="sm" c="red.7">{t('channels.noToken')}</Text>;
  const days = x.tokenDaysLeft;
  return (
    <Group gap={6} wrap="wrap">
      <Text size="sm">{t('channels.tokenStored', { hint: x.tokenHint ?? '' })}</Text>
      {x.tokenExpiresAt === null ? (
        <Text size="sm" c="dimmed">
          {t('channels.noExpiry')}
        </Text>
      ) : days !== null && days <= 0 ? (
        <Badge color="red" leftSection={<IconClock size={12} />}>
          {t('channels.expired', { date: formatDateTime(x.tokenExpiresAt) })}
        </Badge>
      ) : (
        <Badge color={x.isTokenExpiring ? 'orange' : 'gray'} variant={x.isTokenExpiring ? 'filled' : 'light'} leftSection={<IconClock size={12} />}>
          {t('channels.daysLeft', { days: days ?? 0, date: formatDateTime(x.tokenExpiresAt) })}
        </Badge>
      )}
    </Group>
  );
}

function TargetCard({ target: x, onEdit }: { target: ChannelTarget; onEdit: () => void }) {
  const qc = useQueryClient();
  const [isConfirming, setConfirming] = useState(false);
  const unit = useQuery({ queryKey: ['units', 'detail', x.unitId], queryFn: () => unitsApi.get(x.unitId), enabled: x.kind === 'newsletter' });
  const toggle = useMutation({
    mutationFn: () => (x.isActive ? channelsApi.disable(x.id) : channelsApi.update(x.id, { isActive: true })),
    onSuccess: async (saved) => {
      notifySuccess(t(saved.isActive ? 'channels.enabled' : 'channels.disabled', { name: saved.name }));
      setConfirming(false);
      await qc.invalidateQueries({ queryKey: distributionKey });
    },
  });
  return (
    <Card withBorder padding="md" opacity={x.isActive ? 1 : 0.65}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Group gap={6}>
              <Badge variant="light">{targetKindLabel(x.kind)}</Badge>
              {!x.isActive ? <Badge color="gray">{t('channels.inactive')}</Badge> : null}
            </Group>
            <Text fw={600} className="loa-break">
              {x.name}
            </Text>
          </Stack>
          <Group gap={4} wrap="nowrap">
            <Button size="xs" variant="default" onClick={onEdit}>
              {t('channels.edit')}
            </Button>
            <Button size="xs" variant="subtle" color={x.isActive ? 'red' : 'teal'} onClick={() => (x.isActive ? setConfirming(true) : toggle.mutate())} loading={toggle.isPending && !isConfirming}>
              {x.isActive ? t('channels.disable') : t('channels.enable')}
            </Button>
          </Group>
        </Group>
        {x.externalId ? (
          <Text size="sm" c="dimmed">
            {t('channels.externalId', { id: x.externalId })}
          </Text>
        ) : null}
        {x.url ? (
          <Anchor href={x.url} target="_blank" rel="noreferrer" size="sm" className="loa-break">
            {x.url}
          </Anchor>
        ) : null}
        <TokenLine x={x} />
        {x.refresh ? (
          <Text size="sm" c={x.refresh.failedAt ? 'red.8' : 'dimmed'}>
            {x.refresh.isAutomatic
              ? x.refresh.lastRefreshedAt
                ? t('channels.refreshAuto', { at: formatDateTime(x.refresh.lastRefreshedAt) })
                : t('channels.refreshAutoNever')
              : x.refresh.failedAt
                ? t('channels.refreshFailed', { at: formatDateTime(x.refresh.failedAt) })
                : t('channels.refreshOff')}
          </Text>
        ) : null}
        {x.attention ? (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} p="xs" title={t('channels.attention')}>
            <Text size="sm" className="loa-break">
              {x.attentionMessage}
            </Text>
          </Alert>
        ) : null}
        {x.quota ? (
          <Stack gap={2}>
            <Text size="sm">
              {x.settings.isBroadcasting === false
                ? t('channels.noBroadcast')
                : x.quota.monthlyQuota
                  ? t('channels.quotaUsed', { used: x.quota.usedThisMonth, quota: x.quota.monthlyQuota })
                  : t('channels.quotaUsedNoLimit', { used: x.quota.usedThisMonth })}
            </Text>
            {x.quota.exhaustedUntil ? (
              <Text size="sm" c="orange.8">
                {t('channels.quotaExhausted', { date: formatDateTime(x.quota.exhaustedUntil) })}
              </Text>
            ) : null}
          </Stack>
        ) : null}
        {x.subscribers ? (
          <Stack gap={2}>
            <Text size="sm">
              {t('channels.subscribers', { confirmed: formatNumber(x.subscribers.confirmed), pending: formatNumber(x.subscribers.pending) })}
            </Text>
            {unit.data ? (
              <Text size="sm">
                {t('channels.subscribeLink')}{' '}
                <Anchor href={`/ban-tin/${encodeURIComponent(unit.data.code)}`} target="_blank" rel="noreferrer">
                  {`/ban-tin/${unit.data.code}`}
                </Anchor>
              </Text>
            ) : null}
          </Stack>
        ) : null}
        {isApiKind(x.kind) || x.kind === 'newsletter' ? (
          <Text size="xs" c="dimmed">
            {t('channels.deliveryCounts', { sent: x.deliveries.sent, pending: x.deliveries.pending, failed: x.deliveries.failed, dead: x.deliveries.dead })}
          </Text>
        ) : null}
      </Stack>
      <Modal opened={isConfirming} onClose={() => setConfirming(false)} title={t('channels.disableTitle')} centered>
        <Stack gap="sm">
          <Text size="sm">{t('channels.disableConfirm', { name: x.name })}</Text>
          <ErrorAlert error={toggle.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={toggle.isPending} onClick={() => toggle.mutate()}>
              {t('channels.disable')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

export function RetryButton({ id, size = 'xs' }: { id: number; size?: 'xs' | 'sm' }) {
  const qc = useQueryClient();
  const retry = useMutation({
    mutationFn: () => deliveriesApi.retry(id),
    onSuccess: async () => {
      notifySuccess(t('deliveries.retried'));
      await qc.invalidateQueries({ queryKey: distributionKey });
    },
  });
  return (
    <Stack gap={4} align="flex-start">
      <Button size={size} variant="light" leftSection={<IconRefresh size={14} />} loading={retry.isPending} onClick={() => retry.mutate()}>
        {t('deliveries.retry')}
      </Button>
      <ErrorAlert error={retry.error} />
    </Stack>
  );
}

/** Deliveries of the unit's channels; "dead" (out of attempts) first: the dead-letter list. */
function DeliveriesPanel({ unitId }: { unitId: number }) {
  const isMobile = useIsMobile();
  const [tab, setTab] = useState<string>('dead');
  const list = useQuery({
    queryKey: unitDeliveriesKey(unitId, tab),
    queryFn: () =>
      tab === 'removals' ? deliveriesApi.ofUnit(unitId, null, 100, 'stuck') : deliveriesApi.ofUnit(unitId, tab === 'all' ? null : (tab as 'dead' | 'failed')),
  });
  const rows = list.data?.items ?? [];
  return (
    <Card withBorder padding="md" mt="sm">
      <Stack gap="sm">
        <Text fw={600}>{t('deliveries.title')}</Text>
        <Tabs value={tab} onChange={(v) => setTab(v ?? 'dead')}>
          <Tabs.List aria-label={t('deliveries.filter')}>
            <Tabs.Tab value="dead">{t('deliveries.tabDead')}</Tabs.Tab>
            <Tabs.Tab value="failed">{t('deliveries.tabFailed')}</Tabs.Tab>
            <Tabs.Tab value="all">{t('deliveries.tabAll')}</Tabs.Tab>
            <Tabs.Tab value="removals">{t('deliveries.tabRemovals')}</Tabs.Tab>
          </Tabs.List>
        </Tabs>
        <Text size="sm" c="dimmed">
          {tab === 'dead'
            ? t('deliveries.deadHint')
            : tab === 'failed'
              ? t('deliveries.failedHint')
              : tab === 'removals'
                ? t('deliveries.removalsHint')
                : t('deliveries.allHint')}
        </Text>
        {list.isPending ? <Loader aria-label={t('common.loading')} /> : null}
        <ErrorAlert error={list.error} />
        {list.data && !rows.length ? <Text c="dimmed">{t('deliveries.none')}</Text> : null}
        {rows.length ? (
          isMobile ? (
            <Stack gap="xs">
              {rows.map((d) => (
                <Card key={d.id} withBorder padding="sm">
                  <DeliveryBlock d={d} />
                </Card>
              ))}
            </Stack>
          ) : (
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('deliveries.article')}</Table.Th>
                  <Table.Th>{t('deliveries.channel')}</Table.Th>
                  <Table.Th>{t('deliveries.status')}</Table.Th>
                  <Table.Th>{t('deliveries.error')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td maw={260}>
                      <Anchor component={Link} to={`/tin-bai/${d.articleId}`} size="sm" className="loa-break">
                        {d.articleTitle}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{d.targetName}</Text>
                      <Text size="xs" c="dimmed">
                        {targetKindLabel(d.targetKind)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <DeliveryStatusBadge status={d.status} />
                      {d.removal ? (
                        <Text size="xs" c="orange.8">
                          {t(`removal.status.${d.removal.status}` as 'removal.status.pending')}
                        </Text>
                      ) : null}
                      <Text size="xs" c="dimmed">
                        {t('deliveries.attempts', { n: d.attempts })} · {formatDateTime(d.updatedAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td maw={360}>
                      <Text size="sm" className="loa-break">
                        {tab === 'removals' ? (d.removal?.error ?? '') : (d.lastError ?? '')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {tab === 'removals' ? (
                        <Anchor component={Link} to={`/tin-bai/${d.articleId}`} size="sm">
                          {t('deliveries.openArticle')}
                        </Anchor>
                      ) : d.status === 'dead' || d.status === 'failed' ? (
                        <RetryButton id={d.id} />
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        ) : null}
      </Stack>
    </Card>
  );
}

function DeliveryBlock({ d }: { d: UnitDelivery }) {
  return (
    <Stack gap={4}>
      <Anchor component={Link} to={`/tin-bai/${d.articleId}`} size="sm" className="loa-break">
        {d.articleTitle}
      </Anchor>
      <Group gap={6}>
        <DeliveryStatusBadge status={d.status} />
        <Text size="xs" c="dimmed">
          {d.targetName} · {t('deliveries.attempts', { n: d.attempts })}
        </Text>
      </Group>
      {d.lastError ? (
        <Text size="sm" className="loa-break">
          {d.lastError}
        </Text>
      ) : null}
      {d.removal ? (
        <Text size="sm" c="orange.8" className="loa-break">
          {t(`removal.status.${d.removal.status}` as 'removal.status.pending')}
          {d.removal.error ? `: ${d.removal.error}` : ''}
        </Text>
      ) : null}
      {d.status === 'dead' || d.status === 'failed' ? <RetryButton id={d.id} /> : null}
    </Stack>
  );
}
