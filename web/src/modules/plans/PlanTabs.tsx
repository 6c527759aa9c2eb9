import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { IconCheck, IconHierarchy, IconMessage } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import dayjs from 'dayjs';
import { useState } from 'react';
import { type Deadline, type DeadlineState, type Plan, type Subplan, deadlinesApi, plansApi } from '../../api/plans';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate, formatDateTime, formatNumber } from '../../ui/format';
import { unitTypeLabel } from '../../ui/labels';
import { notifySuccess } from '../../ui/notify';
import { useIsMobile } from '../../ui/useMobile';
import { planPartKey, plansKey } from './keys';
import { ObligationView } from './PlanContent';
import { planStatusColor, planStatusLabel } from './labels';

function Loading() {
  return <Loader aria-label={t('common.loading')} />;
}

// ---- Nghĩa vụ & hạn ----

const pageSize = 30;

function DeadlineBadge({ d }: { d: Deadline }) {
  if (d.fulfilledAt) {
    return (
      <Badge variant="light" color="teal">
        {t('deadlines.doneOn', { date: formatDate(d.fulfilledAt) })}
      </Badge>
    );
  }
  if (d.isLate) {
    return (
      <Badge variant="filled" color="red">
        {t('deadlines.late')}
      </Badge>
    );
  }
  const days = dayjs(d.dueDate).startOf('day').diff(dayjs().startOf('day'), 'day');
  return (
    <Badge variant="light" color={days <= 3 ? 'orange' : 'blue'}>
      {days <= 0 ? t('deadlines.dueToday') : t('deadlines.daysLeft', { n: days })}
    </Badge>
  );
}

/** Deadlines of a unit's subtree (optionally one plan's), with the late ones in red and "mark as done". */
export function DeadlineList({
  unitId,
  planId,
  canFulfil,
  showPlan = false,
}: {
  unitId: number;
  planId?: number;
  canFulfil: boolean;
  showPlan?: boolean;
}) {
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const [state, setState] = useState<DeadlineState>('upcoming');
  const [shown, setShown] = useState(pageSize);
  const list = useQuery({
    queryKey: [...plansKey, 'deadlines', unitId, planId ?? null, state],
    queryFn: () => deadlinesApi.list({ unitId, planId, state, limit: 200 }),
  });
  const fulfil = useMutation({
    mutationFn: (id: number) => deadlinesApi.fulfil(id),
    onSuccess: async () => {
      notifySuccess(t('deadlines.fulfilled'));
      await qc.invalidateQueries({ queryKey: [...plansKey, 'deadlines'] });
    },
  });
  const summary = list.data?.summary;
  const n = (k: 'upcoming' | 'late' | 'done') => (summary ? ` (${formatNumber(summary[k])})` : '');
  const action = (d: Deadline) =>
    canFulfil && !d.fulfilledAt ? (
      <Button
        size="compact-xs"
        variant="light"
        leftSection={<IconCheck size={12} />}
        loading={fulfil.isPending && fulfil.variables === d.id}
        onClick={() => fulfil.mutate(d.id)}
        aria-label={t('deadlines.fulfilFor', { what: d.label || d.what, unit: d.unitName })}
      >
        {t('deadlines.fulfil')}
      </Button>
    ) : null;
  return (
    <Stack gap="sm">
      <SegmentedControl
        value={state}
        onChange={(v) => {
          setState(v as DeadlineState);
          setShown(pageSize);
        }}
        data={[
          { value: 'upcoming', label: t('deadlines.upcoming') + n('upcoming') },
          { value: 'late', label: t('deadlines.lateTab') + n('late') },
          { value: 'done', label: t('deadlines.done') + n('done') },
          { value: 'all', label: t('deadlines.all') },
        ]}
        aria-label={t('deadlines.state')}
        fullWidth={isMobile}
        orientation={isMobile ? 'vertical' : 'horizontal'}
        style={isMobile ? undefined : { alignSelf: 'flex-start' }}
      />
      <ErrorAlert error={list.error ?? fulfil.error} />
      {list.isPending ? <Loading /> : null}
      {list.data && list.data.items.length === 0 ? <Text c="dimmed">{t('deadlines.none')}</Text> : null}
      {list.data && list.data.items.length > 0 ? (
        isMobile ? (
          <Stack gap="xs">
            {list.data.items.slice(0, shown).map((d) => (
              <Card
                key={d.id}
                withBorder
                padding="xs"
                style={d.isLate ? { borderColor: 'var(--mantine-color-red-5)', background: 'var(--mantine-color-red-0)' } : undefined}
              >
                <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                  <Text size="sm" fw={600} c={d.isLate ? 'red.8' : undefined}>
                    {formatDate(d.dueDate)}
                  </Text>
                  <DeadlineBadge d={d} />
                </Group>
                <Text size="sm" className="loa-break">
                  {d.what}
                </Text>
                <Text size="xs" c="dimmed" className="loa-break">
                  {[d.label, d.unitName, showPlan ? d.planTitle : ''].filter(Boolean).join(' · ')}
                </Text>
                <Group mt={4}>{action(d)}</Group>
              </Card>
            ))}
          </Stack>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="xs" aria-label={t('deadlines.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('deadlines.dueDate')}</Table.Th>
                  <Table.Th>{t('deadlines.what')}</Table.Th>
                  <Table.Th>{t('deadlines.unit')}</Table.Th>
                  <Table.Th>{t('deadlines.stateCol')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.slice(0, shown).map((d) => (
                  <Table.Tr key={d.id} bg={d.isLate ? 'red.0' : undefined}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm" fw={d.isLate ? 700 : 400} c={d.isLate ? 'red.8' : undefined}>
                        {formatDate(d.dueDate)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{d.what}</Text>
                      {d.label ? (
                        <Text size="xs" c="dimmed">
                          {d.label}
                        </Text>
                      ) : null}
                      {showPlan ? (
                        <Anchor component={Link} to={`/ke-hoach/${d.planId}`} size="xs">
                          {d.planTitle}
                        </Anchor>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{d.unitName}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <DeadlineBadge d={d} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{action(d)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
      ) : null}
      {list.data && list.data.items.length > shown ? (
        <Group>
          <Button variant="subtle" size="xs" onClick={() => setShown(shown + pageSize)}>
            {t('deadlines.more', { n: list.data.items.length - shown })}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

export function ObligationsTab({ plan, scopeUnitId, canFulfil }: { plan: Plan; scopeUnitId: number | null; canFulfil: boolean }) {
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Text fw={600}>{t('planTabs.obligations')}</Text>
        {plan.obligations.length ? (
          plan.obligations.map((o) => (
            <Card key={o.id} withBorder padding="xs">
              <ObligationView o={o} />
            </Card>
          ))
        ) : (
          <Text size="sm" c="dimmed">
            {t('planTabs.noObligations')}
          </Text>
        )}
      </Stack>
      <Stack gap="xs">
        <Text fw={600}>{t('deadlines.title')}</Text>
        {plan.status === 'draft' || plan.status === 'submitted' || plan.status === 'approved' ? (
          <Text size="sm" c="dimmed">
            {t('planTabs.deadlinesAfterIssue')}
          </Text>
        ) : null}
        {scopeUnitId ? <DeadlineList unitId={scopeUnitId} planId={plan.id} canFulfil={canFulfil} /> : null}
      </Stack>
    </Stack>
  );
}

// ---- Kế hoạch cấp dưới ----

function Timeliness({ s }: { s: Subplan }) {
  if (s.isOnTime) {
    return (
      <Badge variant="light" color="teal">
        {t('subplans.onTime')}
      </Badge>
    );
  }
  if (s.isLate) {
    return (
      <Badge variant="filled" color="red">
        {t('subplans.late')}
      </Badge>
    );
  }
  return null;
}

export function SubplansTab({ plan }: { plan: Plan }) {
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: planPartKey(plan.id, 'subplans'), queryFn: () => plansApi.subplans(plan.id) });
  const cascade = useMutation({
    mutationFn: (unitId: number) => plansApi.cascade(plan.id, unitId),
    onSuccess: async (created) => {
      notifySuccess(t('planActions.cascaded'));
      await qc.invalidateQueries({ queryKey: plansKey });
      await navigate({ to: '/ke-hoach/$id', params: { id: String(created.id) } });
    },
  });
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  const items = list.data.items;
  const issued = items.filter((s) => s.planStatus === 'issued' || s.planStatus === 'superseded');
  const counts = {
    total: items.length,
    issued: issued.length,
    onTime: items.filter((s) => s.isOnTime).length,
    late: items.filter((s) => s.isLate).length,
    drafting: items.filter((s) => s.planId && !issued.includes(s)).length,
    none: items.filter((s) => !s.planId).length,
  };
  const stat = (label: string, value: number, color?: string) => (
    <Card withBorder padding="xs">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz="xl" c={color}>
        {formatNumber(value)}
      </Text>
    </Card>
  );
  const planCell = (s: Subplan) =>
    s.planId ? (
      <Group gap={6} wrap="wrap">
        <Anchor component={Link} to={`/ke-hoach/${s.planId}`} size="sm">
          {s.numberLabel ?? t('plans.noNumber')}
        </Anchor>
        <Badge size="sm" variant="light" color={planStatusColor(s.planStatus)}>
          {planStatusLabel(s.planStatus ?? '')}
        </Badge>
      </Group>
    ) : plan.can.cascade ? (
      <Button
        size="compact-xs"
        variant="light"
        leftSection={<IconHierarchy size={12} />}
        loading={cascade.isPending && cascade.variables === s.unitId}
        onClick={() => cascade.mutate(s.unitId)}
        aria-label={t('subplans.createFor', { unit: s.unitName })}
      >
        {t('subplans.create')}
      </Button>
    ) : (
      <Text size="sm" c="dimmed">
        {t('subplans.noPlan')}
      </Text>
    );
  return (
    <Stack gap="md">
      <Text size="sm">
        {list.data.dueOn ? t('subplans.dueOn', { date: formatDate(list.data.dueOn) }) : t('subplans.noDue')}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }} spacing="xs">
        {stat(t('subplans.total'), counts.total)}
        {stat(t('subplans.issued'), counts.issued, 'teal.7')}
        {stat(t('subplans.onTimeCount'), counts.onTime, 'teal.7')}
        {stat(t('subplans.lateCount'), counts.late, counts.late ? 'red.7' : undefined)}
        {stat(t('subplans.drafting'), counts.drafting)}
      </SimpleGrid>
      <ErrorAlert error={cascade.error} />
      {items.length === 0 ? (
        <Text c="dimmed">{t('subplans.noUnits')}</Text>
      ) : isMobile ? (
        <Stack gap="xs">
          {items.map((s) => (
            <Card key={s.unitId} withBorder padding="xs">
              <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                <Text size="sm" fw={600} className="loa-break">
                  {s.unitName}
                </Text>
                <Timeliness s={s} />
              </Group>
              <Text size="xs" c="dimmed">
                {[unitTypeLabel(s.unitType), s.issuedOn ? t('plans.issuedOnShort', { date: formatDate(s.issuedOn) }) : '']
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
              <Group mt={4}>{planCell(s)}</Group>
            </Card>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped verticalSpacing="xs" aria-label={t('planTabs.subplans')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('subplans.unit')}</Table.Th>
                <Table.Th>{t('subplans.plan')}</Table.Th>
                <Table.Th>{t('plans.issuedOn')}</Table.Th>
                <Table.Th>{t('subplans.timeliness')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((s) => (
                <Table.Tr key={s.unitId}>
                  <Table.Td>
                    <Text size="sm">{s.unitName}</Text>
                    <Text size="xs" c="dimmed">
                      {unitTypeLabel(s.unitType)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{planCell(s)}</Table.Td>
                  <Table.Td>{formatDate(s.issuedOn)}</Table.Td>
                  <Table.Td>
                    <Timeliness s={s} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

// ---- Nơi nhận ----

export function RecipientsTab({ plan }: { plan: Plan }) {
  const isMobile = useIsMobile();
  const list = useQuery({ queryKey: planPartKey(plan.id, 'recipients'), queryFn: () => plansApi.recipients(plan.id) });
  return (
    <Stack gap="md">
      {plan.recipients.length ? (
        <Stack gap={2}>
          <Text fw={600}>{t('planTabs.recipientsText')}</Text>
          {plan.recipients.map((r, i) => (
            <Text key={i} size="sm" className="loa-break">
              {`- ${r}`}
            </Text>
          ))}
        </Stack>
      ) : null}
      <Stack gap="xs">
        <Text fw={600}>{t('planTabs.recipientUnits')}</Text>
        {list.isPending ? <Loading /> : null}
        <ErrorAlert error={list.error} />
        {list.data && list.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('planTabs.noRecipients')}
          </Text>
        ) : null}
        {list.data && list.data.items.length > 0 ? (
          isMobile ? (
            <Stack gap="xs">
              {list.data.items.map((r) => (
                <Card key={r.unitId} withBorder padding="xs">
                  <Text size="sm" fw={600} className="loa-break">
                    {r.unitName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('planTabs.sentAt', { at: formatDateTime(r.sentAt) || '—' })}
                  </Text>
                  <Text size="xs" c={r.readAt ? undefined : 'orange'}>
                    {r.readAt ? t('planTabs.readAt', { at: formatDateTime(r.readAt) }) : t('plans.unread')}
                  </Text>
                  {r.acknowledgedAt ? (
                    <Text size="xs" c="teal.8">
                      {t('planTabs.ackAt', { at: formatDateTime(r.acknowledgedAt), name: r.acknowledgedByName ?? '' })}
                    </Text>
                  ) : null}
                </Card>
              ))}
            </Stack>
          ) : (
            <Table.ScrollContainer minWidth={680}>
              <Table striped verticalSpacing="xs" aria-label={t('planTabs.recipientUnits')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('subplans.unit')}</Table.Th>
                    <Table.Th>{t('planTabs.sent')}</Table.Th>
                    <Table.Th>{t('planTabs.read')}</Table.Th>
                    <Table.Th>{t('planTabs.acknowledged')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.items.map((r) => (
                    <Table.Tr key={r.unitId}>
                      <Table.Td>{r.unitName}</Table.Td>
                      <Table.Td>{formatDateTime(r.sentAt)}</Table.Td>
                      <Table.Td>
                        {r.readAt ? (
                          formatDateTime(r.readAt)
                        ) : (
                          <Badge variant="light" color="orange">
                            {t('plans.unread')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {r.acknowledgedAt ? (
                          <>
                            <Text size="sm">{formatDateTime(r.acknowledgedAt)}</Text>
                            <Text size="xs" c="dimmed">
                              {r.acknowledgedByName}
                            </Text>
                          </>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        ) : null}
      </Stack>
    </Stack>
  );
}

// ---- Trao đổi ----

export function CommentsTab({ planId }: { planId: number }) {
  const qc = useQueryClient();
  const [body, setBody] = useState('');
  const list = useQuery({ queryKey: planPartKey(planId, 'comments'), queryFn: () => plansApi.comments(planId) });
  const add = useMutation({
    mutationFn: () => plansApi.addComment(planId, body.trim()),
    onSuccess: async () => {
      setBody('');
      await qc.invalidateQueries({ queryKey: planPartKey(planId, 'comments') });
    },
  });
  return (
    <Stack gap="md">
      {list.isPending ? <Loading /> : null}
      <ErrorAlert error={list.error} />
      {list.data && list.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('planTabs.noComments')}
        </Text>
      ) : null}
      {list.data?.items.map((c) => (
        <Card key={c.id} withBorder padding="xs">
          <Group justify="space-between" gap="xs">
            <Text size="sm" fw={600}>
              {c.authorName ?? t('audit.system')}
            </Text>
            <Text size="xs" c="dimmed">
              {formatDateTime(c.createdAt)}
            </Text>
          </Group>
          <Text size="sm" className="loa-break" style={{ whiteSpace: 'pre-wrap' }}>
            {c.body}
          </Text>
        </Card>
      ))}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (body.trim()) add.mutate();
        }}
      >
        <Stack gap="xs">
          <Textarea
            label={t('planTabs.newComment')}
            autosize
            minRows={2}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
          />
          <ErrorAlert error={add.error} />
          <Group>
            <Button type="submit" leftSection={<IconMessage size={16} />} loading={add.isPending} disabled={!body.trim()}>
              {t('planTabs.sendComment')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

// ---- Lịch sử phiên bản ----

export function VersionsTab({ planId }: { planId: number }) {
  const list = useQuery({ queryKey: planPartKey(planId, 'versions'), queryFn: () => plansApi.versions(planId) });
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  if (!list.data.items.length) return <Text c="dimmed">{t('planTabs.noVersions')}</Text>;
  return (
    <Stack gap="xs" component="ol" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('planTabs.versions')}>
      {list.data.items.map((v) => (
        <Group key={v.version} component="li" gap="xs" wrap="wrap" py={4} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
          <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
            {t('planTabs.version', { n: v.version })}
          </Text>
          {v.status ? (
            <Badge size="sm" variant="light" color={planStatusColor(v.status)}>
              {planStatusLabel(v.status)}
            </Badge>
          ) : null}
          <Text size="sm">{v.authorName ?? t('audit.system')}</Text>
          <Text size="xs" c="dimmed">
            {formatDateTime(v.createdAt)}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
