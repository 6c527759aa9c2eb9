import { Badge, Button, Card, Group, Loader, Pagination, Progress, Select, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { IconPencilPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { type NoticeKind, type NoticeStatus, noticeKinds, noticeStatuses, noticesApi, noticesKey, receivedKey } from '../../api/notices';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { UnitPicker } from '../../ui/UnitPicker';
import { can } from '../auth/permissions';
import { useUser } from '../auth/session';
import { useArticleUnit } from '../newsroom/useArticleUnit';
import { noticeKindColor, noticeKindLabel, noticeStatusColor, noticeStatusLabel, percent } from './labels';

const pageSize = 20;

/** "Thông báo nội bộ / Định hướng thông tin": what I received (unread first) and, for writers, what my units issued. */
export function NoticesPage() {
  const user = useUser();
  const isWriter = can(user, 'notices.write');
  const [tab, setTab] = useState<'received' | 'sent'>('received');
  const received = useQuery({ queryKey: [...receivedKey], queryFn: () => noticesApi.received() });
  return (
    <>
      <PageHeader
        title={t('nt.title')}
        actions={
          isWriter ? (
            <Button component={Link} to="/thong-bao/moi" leftSection={<IconPencilPlus size={16} />}>
              {t('nt.new')}
            </Button>
          ) : null
        }
      />
      <Text size="sm" c="dimmed" maw={720} mb="sm">
        {t('nt.lead')}
      </Text>
      <Tabs value={tab} onChange={(v) => setTab(v === 'sent' ? 'sent' : 'received')}>
        <Tabs.List aria-label={t('nt.tabs')}>
          <Tabs.Tab
            value="received"
            rightSection={
              received.data?.unread ? (
                <Badge size="sm" color="red" circle={received.data.unread < 10} aria-label={t('nt.unreadCount', { n: received.data.unread })}>
                  {received.data.unread}
                </Badge>
              ) : null
            }
          >
            {t('nt.tab.received')}
          </Tabs.Tab>
          {isWriter ? <Tabs.Tab value="sent">{t('nt.tab.sent')}</Tabs.Tab> : null}
        </Tabs.List>
        <Tabs.Panel value="received" pt="sm">
          <ReceivedList query={received} />
          <ZaloIdCard />
        </Tabs.Panel>
        {isWriter ? (
          <Tabs.Panel value="sent" pt="sm">
            {tab === 'sent' ? <SentList /> : null}
          </Tabs.Panel>
        ) : null}
      </Tabs>
    </>
  );
}

function ReceivedList({ query }: { query: ReturnType<typeof useQuery<Awaited<ReturnType<typeof noticesApi.received>>>> }) {
  if (query.isPending) return <Loader aria-label={t('common.loading')} />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  if (!query.data.items.length) return <Text c="dimmed">{t('nt.received.empty')}</Text>;
  return (
    <Stack gap="xs">
      {query.data.items.map((n) => {
        const isWaiting = n.status === 'sent' && (!n.readAt || (n.isAckRequired && !n.acknowledgedAt));
        return (
          <Card key={n.noticeId} withBorder padding="sm" component={Link} to={`/thong-bao/nhan/${n.noticeId}`} style={{ textDecoration: 'none' }}>
            <Group gap="xs" wrap="wrap" mb={4}>
              <Badge variant="light" color={noticeKindColor(n.kind)}>
                {noticeKindLabel(n.kind)}
              </Badge>
              {isWaiting ? (
                <Badge color="red" variant="filled">
                  {!n.readAt ? t('nt.unread') : t('nt.awaitingAck')}
                </Badge>
              ) : null}
              {n.status !== 'sent' ? (
                <Badge variant="light" color={noticeStatusColor(n.status)}>
                  {noticeStatusLabel(n.status)}
                </Badge>
              ) : null}
            </Group>
            <Text fw={isWaiting ? 700 : 500} c="dark">
              {n.title}
            </Text>
            <Text size="sm" c="dimmed">
              {t('nt.received.from', { unit: n.unitName, date: formatDateTime(n.sentAt) })}
            </Text>
          </Card>
        );
      })}
    </Stack>
  );
}

function SentList() {
  const [unit, setUnit] = useArticleUnit('notices.write');
  const [status, setStatus] = useState<string | null>(null);
  const [kind, setKind] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const q = { unitId: unit?.id ?? 0, status: status as NoticeStatus | null, kind: kind as NoticeKind | null, limit: pageSize, offset: (page - 1) * pageSize };
  const list = useQuery({ queryKey: [...noticesKey, 'list', q], queryFn: () => noticesApi.list(q), enabled: !!unit, placeholderData: (p) => p });
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / pageSize));
  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <UnitPicker label={t('nt.unit')} value={unit} onChange={(u) => (setUnit(u), setPage(1))} w={{ base: '100%', sm: 360 }} />
        <Select
          label={t('nt.status')}
          placeholder={t('nt.allStatuses')}
          data={noticeStatuses.map((s) => ({ value: s, label: noticeStatusLabel(s) }))}
          value={status}
          onChange={(v) => (setStatus(v), setPage(1))}
          clearable
          w={{ base: '100%', xs: 180 }}
        />
        <Select
          label={t('nt.kind')}
          placeholder={t('nt.allKinds')}
          data={noticeKinds.map((k) => ({ value: k, label: noticeKindLabel(k) }))}
          value={kind}
          onChange={(v) => (setKind(v), setPage(1))}
          clearable
          w={{ base: '100%', xs: 200 }}
        />
      </Group>
      {list.isError ? <ErrorAlert error={list.error} /> : null}
      {list.isPending && unit ? <Loader aria-label={t('common.loading')} /> : null}
      {list.data && !list.data.items.length ? <Text c="dimmed">{t('nt.sent.empty')}</Text> : null}
      {list.data?.items.map((n) => {
        const read = percent(n.readCount, n.recipientCount);
        return (
          <Card key={n.id} withBorder padding="sm" component={Link} to={`/thong-bao/${n.id}`} style={{ textDecoration: 'none' }}>
            <Group gap="xs" wrap="wrap" mb={4}>
              <Badge variant="light" color={noticeKindColor(n.kind)}>
                {noticeKindLabel(n.kind)}
              </Badge>
              <Badge variant="light" color={noticeStatusColor(n.status)}>
                {noticeStatusLabel(n.status)}
              </Badge>
              {n.revision > 1 ? <Badge variant="outline">{t('nt.revision', { n: n.revision })}</Badge> : null}
            </Group>
            <Text fw={600} c="dark">
              {n.title}
            </Text>
            <Text size="sm" c="dimmed">
              {n.sentAt ? t('nt.sent.at', { unit: n.unitName, date: formatDateTime(n.sentAt) }) : t('nt.sent.updated', { unit: n.unitName, date: formatDateTime(n.updatedAt) })}
            </Text>
            {n.status === 'sent' || n.status === 'withdrawn' || n.status === 'superseded' ? (
              <Stack gap={2} mt={6}>
                <Progress value={read} color={read === 100 ? 'teal' : 'indigo'} aria-label={t('nt.readProgress', { read: n.readCount, total: n.recipientCount })} />
                <Text size="xs" c="dimmed">
                  {t('nt.readProgress', { read: n.readCount, total: n.recipientCount })}
                  {n.isAckRequired ? ` · ${t('nt.ackProgress', { n: n.ackCount })}` : ''}
                </Text>
              </Stack>
            ) : null}
          </Card>
        );
      })}
      {pages > 1 ? <Pagination value={page} onChange={setPage} total={pages} size="sm" /> : null}
    </Stack>
  );
}

/** Where the person also wants notices: their Zalo user id as their unit's Official Account knows them. */
function ZaloIdCard() {
  const qc = useQueryClient();
  const key = ['notices', 'zalo-id'];
  const current = useQuery({ queryKey: key, queryFn: () => noticesApi.zaloId() });
  const [value, setValue] = useState('');
  useEffect(() => setValue(current.data?.zaloUserId ?? ''), [current.data?.zaloUserId]);
  const save = useMutation({
    mutationFn: (id: string | null) => noticesApi.setZaloId(id),
    onSuccess: (r) => {
      qc.setQueryData(key, r);
      notifySuccess(r.zaloUserId ? t('nt.zalo.saved') : t('nt.zalo.cleared'));
    },
    onError: notifyError,
  });
  return (
    <Card withBorder mt="md">
      <Stack gap="xs">
        <Text fw={600}>{t('nt.zalo.title')}</Text>
        <Text size="sm" c="dimmed">
          {t('nt.zalo.help')}
        </Text>
        <Group align="flex-end" wrap="wrap">
          <TextInput label={t('nt.zalo.label')} value={value} onChange={(e) => setValue(e.currentTarget.value)} maw={320} w="100%" />
          <Button onClick={() => save.mutate(value.trim() || null)} loading={save.isPending}>
            {t('nt.zalo.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
