import { Alert, Anchor, Badge, Button, Card, Group, Loader, Progress, SegmentedControl, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { IconCheck, IconPencil, IconSend, IconArrowBackUp, IconCopy, IconBan } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { Suspense, lazy, useMemo, useState } from 'react';
import { type Notice, type Receipts, noticesApi, noticesKey } from '../../api/notices';
import { t } from '../../i18n';
import type { EChartOption } from '../../ui/EChart';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { noticeKindColor, noticeKindLabel, noticeRoleLabel, noticeStatusColor, noticeStatusLabel, noticeUnitTypeLabel, percent } from './labels';

/** A notice as its writers and approvers see it: content, workflow buttons, and the read receipts rolled up the tree. */
export function NoticeDetailPage({ id }: { id: number }) {
  const q = useQuery({ queryKey: [...noticesKey, 'detail', id], queryFn: () => noticesApi.get(id) });
  if (q.isPending) return <Loader aria-label={t('common.loading')} />;
  if (q.isError) return <ErrorAlert error={q.error} />;
  const n = q.data;
  return (
    <>
      <PageHeader title={n.title} />
      <Stack gap="md" maw={980}>
        <Group gap="xs" wrap="wrap">
          <Badge variant="light" color={noticeKindColor(n.kind)}>
            {noticeKindLabel(n.kind)}
          </Badge>
          <Badge variant="light" color={noticeStatusColor(n.status)}>
            {noticeStatusLabel(n.status)}
          </Badge>
          {n.isPublic ? <Badge variant="outline" color="grape">{t('nt.public')}</Badge> : null}
          {n.isAckRequired ? <Badge variant="outline">{t('nt.ackRequired')}</Badge> : null}
          {n.revision > 1 ? <Badge variant="outline">{t('nt.revision', { n: n.revision })}</Badge> : null}
        </Group>
        <Facts n={n} />
        <Actions n={n} />
        {n.status === 'withdrawn' ? (
          <Alert color="red" title={t('nt.withdrawnTitle')}>
            {n.withdrawNote}
          </Alert>
        ) : null}
        <Card withBorder padding="md">
          <Title order={3} fz="h4" mb="xs">
            {t('nt.content')}
          </Title>
          {/* sanitised by the server (sanitizeArticleHtml) */}
          <div className="loa-notice-body" dangerouslySetInnerHTML={{ __html: n.bodyHtml || `<p>${t('nt.noBody')}</p>` }} />
          {n.attachments.length ? (
            <Stack gap={2} mt="sm">
              {n.attachments.map((a) => (
                <Anchor key={a.url} href={a.url} target="_blank" rel="noopener" size="sm">
                  {a.name}
                </Anchor>
              ))}
            </Stack>
          ) : null}
        </Card>
        {n.status === 'sent' || n.status === 'withdrawn' || n.status === 'superseded' ? <ReceiptsPanel id={n.id} /> : null}
      </Stack>
    </>
  );
}

function Facts({ n }: { n: Notice }) {
  const audience = [
    n.audienceUnits.length ? n.audienceUnits.map((u) => u.name).join(', ') : null,
    n.audience.unitTypes.length ? n.audience.unitTypes.map(noticeUnitTypeLabel).join(', ') : t('nt.form.allUnitTypes'),
    n.audience.roles.map(noticeRoleLabel).join(', '),
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
      <Text size="sm">
        <b>{t('nt.fact.unit')}:</b> {n.unitName}
      </Text>
      <Text size="sm">
        <b>{t('nt.fact.author')}:</b> {n.createdByName ?? '—'}
      </Text>
      <Text size="sm">
        <b>{t('nt.fact.audience')}:</b> {audience}
      </Text>
      {n.audienceCount ? (
        <Text size="sm">
          <b>{t('nt.fact.willReach')}:</b> {t('nt.fact.reach', { units: n.audienceCount.units, people: n.audienceCount.people })}
        </Text>
      ) : null}
      {n.approvedAt ? (
        <Text size="sm">
          <b>{t('nt.fact.approved')}:</b> {n.approvedByName ?? '—'}, {formatDateTime(n.approvedAt)}
        </Text>
      ) : null}
      {n.sentAt ? (
        <Text size="sm">
          <b>{t('nt.fact.sent')}:</b> {formatDateTime(n.sentAt)} · {t('nt.fact.reach', { units: n.unitCount, people: n.recipientCount })}
        </Text>
      ) : null}
      <Text size="sm">
        <b>{t('nt.fact.reminders')}:</b> {n.reminderHours.length ? n.reminderHours.map((h) => t('nt.fact.hours', { h })).join(', ') : t('nt.fact.noReminders')}
      </Text>
    </SimpleGrid>
  );
}

function Actions({ n }: { n: Notice }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [note, setNote] = useState('');
  const [isWithdrawing, setWithdrawing] = useState(false);
  const done = async (msg: string, next?: Notice) => {
    notifySuccess(msg);
    await qc.invalidateQueries({ queryKey: noticesKey });
    if (next && next.id !== n.id) await navigate({ to: '/thong-bao/$id', params: { id: String(next.id) } });
  };
  const approve = useMutation({ mutationFn: () => noticesApi.approve(n.id), onSuccess: () => done(t('nt.done.approve')), onError: notifyError });
  const send = useMutation({ mutationFn: () => noticesApi.move(n.id, 'send'), onSuccess: (x) => done(t('nt.done.send', { n: x.recipientCount })), onError: notifyError });
  const back = useMutation({ mutationFn: () => noticesApi.move(n.id, 'return'), onSuccess: () => done(t('nt.done.return')), onError: notifyError });
  const revise = useMutation({ mutationFn: () => noticesApi.move(n.id, 'revise'), onSuccess: (x) => done(t('nt.done.revise'), x), onError: notifyError });
  const withdraw = useMutation({ mutationFn: () => noticesApi.withdraw(n.id, note.trim()), onSuccess: () => done(t('nt.done.withdraw')), onError: notifyError });
  const c = n.can;
  if (!c.edit && !c.approve && !c.send && !c.return && !c.withdraw && !c.revise) return null;
  return (
    <Stack gap="xs">
      <Group gap="xs" wrap="wrap">
        {c.edit ? (
          <Button variant="default" component={Link} to={`/thong-bao/${n.id}/sua`} leftSection={<IconPencil size={16} />}>
            {t('nt.action.edit')}
          </Button>
        ) : null}
        {c.approve ? (
          <Button color="teal" leftSection={<IconCheck size={16} />} loading={approve.isPending} onClick={() => approve.mutate()}>
            {t('nt.action.approve')}
          </Button>
        ) : null}
        {c.send ? (
          <Button leftSection={<IconSend size={16} />} loading={send.isPending} onClick={() => send.mutate()}>
            {t('nt.action.send')}
          </Button>
        ) : null}
        {c.return ? (
          <Button variant="default" leftSection={<IconArrowBackUp size={16} />} loading={back.isPending} onClick={() => back.mutate()}>
            {t('nt.action.return')}
          </Button>
        ) : null}
        {c.revise ? (
          <Button variant="default" leftSection={<IconCopy size={16} />} loading={revise.isPending} onClick={() => revise.mutate()}>
            {t('nt.action.revise')}
          </Button>
        ) : null}
        {c.withdraw ? (
          <Button variant="light" color="red" leftSection={<IconBan size={16} />} onClick={() => setWithdrawing((x) => !x)}>
            {t('nt.action.withdraw')}
          </Button>
        ) : null}
      </Group>
      {n.status === 'draft' && !c.approve ? (
        <Text size="sm" c="dimmed">
          {n.kind === 'line_to_take' ? t('nt.waitApprovalLine') : t('nt.waitApproval')}
        </Text>
      ) : null}
      {isWithdrawing && c.withdraw ? (
        <Group align="flex-end" gap="xs" wrap="wrap">
          <Textarea label={t('nt.withdrawNote')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} w={{ base: '100%', sm: 420 }} />
          <Button color="red" disabled={!note.trim()} loading={withdraw.isPending} onClick={() => withdraw.mutate()}>
            {t('nt.action.confirmWithdraw')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

// ECharts is large: load it only when the chart is on screen.
const EChart = lazy(() => import('../../ui/EChart').then((m) => ({ default: m.EChart })));

function ReceiptsPanel({ id }: { id: number }) {
  const q = useQuery({ queryKey: [...noticesKey, 'receipts', id], queryFn: () => noticesApi.receipts(id), refetchInterval: 30_000 });
  const [who, setWho] = useState<'unread' | 'all'>('unread');
  if (q.isPending) return <Loader aria-label={t('common.loading')} />;
  if (q.isError) return <ErrorAlert error={q.error} />;
  const r = q.data;
  const readPct = percent(r.totals.read, r.totals.recipients);
  const people = who === 'unread' ? r.people.filter((p) => !p.readAt) : r.people;
  return (
    <Card withBorder padding="md">
      <Title order={3} fz="h4" mb="xs">
        {t('nt.receipts')}
      </Title>
      <Stack gap="sm">
        <div>
          <Group justify="space-between" gap="xs">
            <Text size="sm" fw={600}>
              {t('nt.readProgress', { read: r.totals.read, total: r.totals.recipients })}
            </Text>
            <Text size="sm">{readPct}%</Text>
          </Group>
          <Progress value={readPct} size="lg" color={readPct === 100 ? 'teal' : 'indigo'} aria-label={t('nt.readProgress', { read: r.totals.read, total: r.totals.recipients })} />
          <Text size="xs" c="dimmed" mt={4}>
            {t('nt.unitsAllRead', { n: r.totals.unitsAllRead, total: r.totals.units })}
            {r.totals.acked ? ` · ${t('nt.ackProgress', { n: r.totals.acked })}` : ''}
          </Text>
        </div>
        <BranchChart r={r} />
        <UnitTable r={r} />
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={4} fz="h5">
            {t('nt.people')}
          </Title>
          <SegmentedControl
            size="xs"
            value={who}
            onChange={(v) => setWho(v as 'unread' | 'all')}
            data={[
              { value: 'unread', label: t('nt.people.unread', { n: r.people.filter((p) => !p.readAt).length }) },
              { value: 'all', label: t('nt.people.all', { n: r.people.length }) },
            ]}
          />
        </Group>
        <Stack gap={4}>
          {people.slice(0, 300).map((p) => (
            <Group key={p.userId} justify="space-between" wrap="nowrap" gap="xs" py={4} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={500} truncate>
                  {p.name}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {p.unitName} · {p.roles.map(noticeRoleLabel).join(', ')}
                </Text>
              </div>
              <div style={{ flex: 'none', textAlign: 'right' }}>
                {p.readAt ? (
                  <Badge color="teal" variant="light">
                    {p.acknowledgedAt ? t('nt.acked') : t('nt.read')}
                  </Badge>
                ) : (
                  <Badge color="red" variant="light">
                    {t('nt.unread')}
                  </Badge>
                )}
                <Text size="xs" c="dimmed">
                  {p.readAt ? formatDateTime(p.readAt) : p.remindedStep ? t('nt.reminded', { n: p.remindedStep }) : ''}
                </Text>
              </div>
            </Group>
          ))}
          {people.length > 300 ? (
            <Text size="xs" c="dimmed">
              {t('nt.people.more', { n: people.length - 300 })}
            </Text>
          ) : null}
        </Stack>
      </Stack>
    </Card>
  );
}

/** Read and unread per branch (the issuing unit's direct children that lead to recipients). */
function BranchChart({ r }: { r: Receipts }) {
  const branches = r.units.filter((u) => u.depth === 1).slice(0, 30);
  const option = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: 'axis' as const },
      legend: { data: [t('nt.read'), t('nt.unread')], bottom: 0 },
      grid: { left: 8, right: 16, top: 8, bottom: 32, containLabel: true },
      xAxis: { type: 'value' as const, minInterval: 1 },
      yAxis: { type: 'category' as const, data: branches.map((b) => (b.name.length > 28 ? `${b.name.slice(0, 27)}…` : b.name)), inverse: true },
      series: [
        { name: t('nt.read'), type: 'bar' as const, stack: 'x', data: branches.map((b) => b.total.read), itemStyle: { color: '#0ca678' } },
        { name: t('nt.unread'), type: 'bar' as const, stack: 'x', data: branches.map((b) => b.total.recipients - b.total.read), itemStyle: { color: '#e03131' } },
      ],
    }),
    [branches],
  );
  if (!branches.length) return null;
  return (
    <Suspense fallback={<Loader size="sm" aria-label={t('common.loading')} />}>
      <EChart option={option} height={Math.min(600, 60 + branches.length * 28)} ariaLabel={t('nt.chartLabel')} />
    </Suspense>
  );
}

function UnitTable({ r }: { r: Receipts }) {
  const [isAll, setAll] = useState(false);
  const rows = isAll ? r.units : r.units.filter((u) => u.depth === 1);
  return (
    <Stack gap={4}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={4} fz="h5">
          {t('nt.units')}
        </Title>
        <Anchor component="button" type="button" size="sm" onClick={() => setAll((x) => !x)}>
          {isAll ? t('nt.units.branches') : t('nt.units.all', { n: r.units.length })}
        </Anchor>
      </Group>
      <Table striped layout="fixed" verticalSpacing={6} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="50%">{t('nt.units.unit')}</Table.Th>
            <Table.Th>{t('nt.units.read')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.slice(0, 500).map((u) => {
            const pct = percent(u.total.read, u.total.recipients);
            return (
              <Table.Tr key={u.unitId}>
                <Table.Td style={{ paddingLeft: isAll ? 8 + (u.depth - 1) * 14 : undefined, overflowWrap: 'anywhere' }}>{u.name}</Table.Td>
                <Table.Td>
                  <Progress value={pct} color={pct === 100 ? 'teal' : 'indigo'} aria-label={`${u.name}: ${u.total.read}/${u.total.recipients}`} />
                  <Text size="xs" c="dimmed">
                    {u.total.read}/{u.total.recipients}
                    {u.total.units > 1 ? ` · ${t('nt.units.count', { n: u.total.units })}` : ''}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
