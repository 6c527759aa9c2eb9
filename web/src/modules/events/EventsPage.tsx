import { ActionIcon, Anchor, Badge, Button, Card, Group, Loader, Select, Stack, Text, Title } from '@mantine/core';
import { IconCalendarPlus, IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import dayjs from 'dayjs';
import { useState } from 'react';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { UnitPicker } from '../../ui/UnitPicker';
import { can } from '../auth/permissions';
import { useUser } from '../auth/session';
import { useArticleUnit } from '../newsroom/useArticleUnit';
import { type BriefingItem, type EventKind, type EventListItem, eventKinds, eventsApi, eventsKey } from './api';
import { CalendarFeedCard } from './CalendarFeedCard';
import { EventForm } from './EventForm';
import { eventKindLabel, eventResponseColor, eventResponseLabel, eventStatusColor, eventStatusLabel } from './labels';

type Row = { at: string; event?: EventListItem; briefing?: BriefingItem };
const time = (iso: string) => dayjs(iso).format('HH:mm');

/** The events calendar of a unit, month by month: its own events, those it is invited to, and its press briefings (read-only). */
export function EventsPage() {
  const user = useUser();
  const navigate = useNavigate();
  const [unit, setUnit] = useArticleUnit('plans.read');
  const [month, setMonth] = useState(() => dayjs().startOf('month'));
  const [kind, setKind] = useState<string | null>(null);
  const [isCreating, setCreating] = useState(false);
  const from = month.toISOString();
  const to = month.add(1, 'month').toISOString();
  const list = useQuery({
    queryKey: [...eventsKey, 'list', unit?.id, from, kind],
    queryFn: () => eventsApi.list({ unitId: unit?.id as number, from, to, kind: kind as EventKind | null }),
    enabled: !!unit,
  });
  const mayCreate = !!unit && can(user, 'plans.write');
  const rows: Row[] = [
    ...(list.data?.items ?? []).map((e) => ({ at: e.startsAt, event: e })),
    ...(list.data?.briefings ?? []).map((b) => ({ at: b.startsAt, briefing: b })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  const days = new Map<string, Row[]>();
  for (const r of rows) {
    const d = dayjs(r.at).format('YYYY-MM-DD');
    days.set(d, [...(days.get(d) ?? []), r]);
  }
  return (
    <>
      <PageHeader
        title={t('ev.title')}
        actions={
          mayCreate ? (
            <Button leftSection={<IconCalendarPlus size={16} />} onClick={() => setCreating(true)}>
              {t('ev.new')}
            </Button>
          ) : null
        }
      />
      <Stack gap="sm">
        <Text size="sm" c="dimmed" maw={720}>
          {t('ev.lead')}
        </Text>
        <MyInvitations />
        <Group gap="sm" align="flex-end" wrap="wrap">
          <UnitPicker label={t('ev.unit')} value={unit} onChange={setUnit} w={{ base: '100%', sm: 420 }} />
          <Select
            label={t('ev.kind')}
            placeholder={t('ev.allKinds')}
            data={eventKinds.map((k) => ({ value: k, label: eventKindLabel(k) }))}
            value={kind}
            onChange={setKind}
            clearable
            w={{ base: '100%', xs: 200 }}
          />
        </Group>
        <Group gap="xs" wrap="nowrap">
          <ActionIcon variant="default" size="lg" aria-label={t('ev.prevMonth')} onClick={() => setMonth(month.subtract(1, 'month'))}>
            <IconChevronLeft size={18} />
          </ActionIcon>
          <Title order={2} fz="h4" style={{ minWidth: 0 }}>
            {t('ev.month', { month: month.format('MM/YYYY') })}
          </Title>
          <ActionIcon variant="default" size="lg" aria-label={t('ev.nextMonth')} onClick={() => setMonth(month.add(1, 'month'))}>
            <IconChevronRight size={18} />
          </ActionIcon>
        </Group>
        {unit && list.isPending ? <Loader aria-label={t('common.loading')} /> : null}
        <ErrorAlert error={list.error} />
        {list.data && rows.length === 0 ? <Text c="dimmed">{t('ev.none')}</Text> : null}
        {[...days.entries()].map(([day, items]) => (
          <Stack key={day} gap={6} component="section" aria-label={formatDate(day)}>
            <Text fw={700} size="sm">
              {formatDate(day)}
            </Text>
            <Stack gap={6} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {items.map((r) => (r.event ? <EventRow key={`e${r.event.id}`} e={r.event} /> : <BriefingRow key={`b${r.briefing?.id}`} b={r.briefing as BriefingItem} />))}
            </Stack>
          </Stack>
        ))}
        <CalendarFeedCard unit={unit} />
      </Stack>
      {unit && isCreating ? <EventForm opened onClose={() => setCreating(false)} unitId={unit.id} onSaved={(e) => navigate({ to: `/su-kien/${e.id}` })} /> : null}
    </>
  );
}

function EventRow({ e }: { e: EventListItem }) {
  return (
    <Card component="li" withBorder padding="xs">
      <Stack gap={2}>
        <Group gap={6} wrap="wrap">
          <Text size="sm" fw={600}>
            {time(e.startsAt)}
          </Text>
          <Badge variant="light" color="indigo">
            {eventKindLabel(e.kind)}
          </Badge>
          {e.status !== 'planned' ? (
            <Badge variant="light" color={eventStatusColor(e.status)}>
              {eventStatusLabel(e.status)}
            </Badge>
          ) : null}
          {!e.isOrganisedHere ? (
            <Badge variant="outline" color="gray">
              {t('ev.invitedBadge')}
            </Badge>
          ) : null}
        </Group>
        <Anchor component={Link} to={`/su-kien/${e.id}`} fw={600} className="loa-break">
          {e.title}
        </Anchor>
        <Text size="xs" c="dimmed" className="loa-break">
          {[e.unitName, e.place, e.onlineUrl ? t('ev.online') : null].filter(Boolean).join(' · ')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('ev.counts', { invited: e.invited, attended: e.attended })}
        </Text>
      </Stack>
    </Card>
  );
}

function BriefingRow({ b }: { b: BriefingItem }) {
  return (
    <Card component="li" withBorder padding="xs" bg="var(--mantine-color-gray-0)">
      <Stack gap={2}>
        <Group gap={6} wrap="wrap">
          <Text size="sm" fw={600}>
            {time(b.startsAt)}
          </Text>
          <Badge variant="light" color="grape">
            {b.kind === 'conference' ? t('ev.pressConference') : t('ev.pressBriefing')}
          </Badge>
        </Group>
        <Anchor component={Link} to="/bao-chi" className="loa-break">
          {b.title}
        </Anchor>
        {b.place ? (
          <Text size="xs" c="dimmed" className="loa-break">
            {b.place}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

/** Pending invitations of the user and of the units they answer for, with one-click answers. */
function MyInvitations() {
  const qc = useQueryClient();
  const inv = useQuery({ queryKey: [...eventsKey, 'invitations'], queryFn: () => eventsApi.invitations() });
  const respond = useMutation({
    mutationFn: (v: { inviteeId: number; response: 'accepted' | 'declined' }) => eventsApi.respond(v.inviteeId, { response: v.response }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: eventsKey });
      notifySuccess(t('ev.responded'));
    },
  });
  const items = inv.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <Title order={2} fz="h5">
          {t('ev.myInvitations')}
        </Title>
        <ErrorAlert error={respond.error} />
        {items.map((i) => (
          <Group key={i.inviteeId} gap="xs" justify="space-between" wrap="wrap">
            <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
              <Anchor component={Link} to={`/su-kien/${i.eventId}`} className="loa-break" fw={600}>
                {i.title}
              </Anchor>
              <Text size="xs" c="dimmed" className="loa-break">
                {[formatDate(i.startsAt), i.organiserName, i.isPersonal ? t('ev.forYou') : t('ev.forUnit', { unit: i.unitName })].join(' · ')}
              </Text>
            </Stack>
            <Group gap={4}>
              <Badge variant="light" color={eventResponseColor(i.response)}>
                {eventResponseLabel(i.response)}
              </Badge>
              <Button size="xs" variant="light" onClick={() => respond.mutate({ inviteeId: i.inviteeId, response: 'accepted' })}>
                {t('ev.accept')}
              </Button>
              <Button size="xs" variant="default" onClick={() => respond.mutate({ inviteeId: i.inviteeId, response: 'declined' })}>
                {t('ev.decline')}
              </Button>
            </Group>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
