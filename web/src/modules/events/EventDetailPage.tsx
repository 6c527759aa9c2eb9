import { ActionIcon, Anchor, Badge, Button, Card, Checkbox, FileInput, Group, Loader, MultiSelect, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowLeft, IconCalendarDown, IconExternalLink, IconFile, IconPencil, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { type EventDetail, eventsApi, eventsKey } from './api';
import { EventForm } from './EventForm';
import { eventKindLabel, eventReminderLabel, eventResponseColor, eventResponseLabel, eventStatusColor, eventStatusLabel } from './labels';

const eventKey = (id: number) => [...eventsKey, 'detail', id] as const;

/** One event: details, invitations and answers, attendance ticking, materials. */
export function EventDetailPage({ id }: { id: number }) {
  const qc = useQueryClient();
  const one = useQuery({ queryKey: eventKey(id), queryFn: () => eventsApi.get(id) });
  const [isEditing, setEditing] = useState(false);
  const set = (e: EventDetail) => {
    qc.setQueryData(eventKey(id), e);
    qc.invalidateQueries({ queryKey: [...eventsKey, 'list'] });
  };
  if (one.isPending) return <Loader aria-label={t('common.loading')} />;
  if (one.isError) {
    return (
      <Stack gap="sm">
        <Back />
        <ErrorAlert error={one.error} />
      </Stack>
    );
  }
  const e = one.data;
  return (
    <Stack gap="sm" maw={1000}>
      <Back />
      <Card withBorder padding="md">
        <Stack gap="xs">
          <Group gap="xs" wrap="wrap">
            <Badge variant="light" color="indigo">
              {eventKindLabel(e.kind)}
            </Badge>
            <Badge variant="light" color={eventStatusColor(e.status)}>
              {eventStatusLabel(e.status)}
            </Badge>
          </Group>
          <Title order={2} fz={{ base: 'h4', sm: 'h3' }} className="loa-break">
            {e.title}
          </Title>
          <Text size="sm" className="loa-break">
            {t('ev.when', { from: formatDateTime(e.startsAt), to: e.endsAt ? formatDateTime(e.endsAt) : '—' })}
          </Text>
          <Text size="sm" className="loa-break">
            {t('ev.organiser', { unit: e.unitName })}
            {e.place ? ` · ${e.place}` : ''}
          </Text>
          {e.onlineUrl ? (
            <Anchor href={e.onlineUrl} target="_blank" rel="noopener noreferrer" size="sm" className="loa-break">
              {t('ev.joinOnline')}
            </Anchor>
          ) : null}
          {e.planTaskTopic ? (
            <Text size="sm" className="loa-break">
              {t('ev.evidenceFor')}{' '}
              <Anchor component={Link} to={`/ke-hoach/${e.planId}`}>
                {e.planTaskTopic}
              </Anchor>
            </Text>
          ) : null}
          {e.description ? (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} className="loa-break">
              {e.description}
            </Text>
          ) : null}
          <Text size="sm" c="dimmed">
            {t('ev.totals', { invited: e.totals.invited, accepted: e.totals.accepted, declined: e.totals.declined, attended: e.totals.attended, people: e.totals.people })}
          </Text>
          {e.status === 'planned' ? (
            <Text size="sm" c="dimmed">
              {t('evcal.reminderIs', { reminder: eventReminderLabel(e.reminder) })}
            </Text>
          ) : null}
          <Group gap="xs" wrap="wrap">
            {e.can.edit ? (
              <Button variant="light" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
                {t('ev.edit')}
              </Button>
            ) : null}
            <Button component="a" href={eventsApi.icsUrl(e.id)} download={`su-kien-${e.id}.ics`} variant="default" leftSection={<IconCalendarDown size={16} />}>
              {t('evcal.download')}
            </Button>
          </Group>
        </Stack>
      </Card>
      <Respond e={e} onDone={set} />
      {e.can.edit ? <Invite e={e} onDone={set} /> : null}
      <Invitees e={e} onDone={set} />
      <Materials e={e} onDone={set} />
      {isEditing ? <EventForm opened onClose={() => setEditing(false)} unitId={e.unitId} event={e} onSaved={set} /> : null}
    </Stack>
  );
}

function Back() {
  return (
    <Anchor component={Link} to="/su-kien" size="sm" style={{ alignSelf: 'flex-start' }}>
      <Group gap={4} wrap="nowrap">
        <IconArrowLeft size={16} />
        {t('ev.back')}
      </Group>
    </Anchor>
  );
}

function Respond({ e, onDone }: { e: EventDetail; onDone: (e: EventDetail) => void }) {
  const respond = useMutation({
    mutationFn: (v: { inviteeId: number; response: 'accepted' | 'declined' }) => eventsApi.respond(v.inviteeId, { response: v.response }),
    onSuccess: (x) => {
      onDone(x);
      notifySuccess(t('ev.responded'));
    },
  });
  const mine = e.invitees.filter((i) => e.can.respondInviteeIds.includes(i.id));
  if (!mine.length) return null;
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <Title order={3} fz="h5">
          {t('ev.yourAnswer')}
        </Title>
        <ErrorAlert error={respond.error} />
        {mine.map((i) => (
          <Group key={i.id} gap="xs" wrap="wrap">
            <Text size="sm" className="loa-break" style={{ flex: 1, minWidth: 160 }}>
              {i.userName ?? i.unitName}
            </Text>
            <Badge variant="light" color={eventResponseColor(i.response)}>
              {eventResponseLabel(i.response)}
            </Badge>
            <Button size="xs" onClick={() => respond.mutate({ inviteeId: i.id, response: 'accepted' })}>
              {t('ev.accept')}
            </Button>
            <Button size="xs" variant="default" onClick={() => respond.mutate({ inviteeId: i.id, response: 'declined' })}>
              {t('ev.decline')}
            </Button>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

function Invite({ e, onDone }: { e: EventDetail; onDone: (e: EventDetail) => void }) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [units, setUnits] = useState<string[]>([]);
  const [people, setPeople] = useState<string[]>([]);
  const [known, setKnown] = useState<Map<string, string>>(new Map());
  const cand = useQuery({ queryKey: [...eventsKey, 'candidates', e.id, q], queryFn: () => eventsApi.candidates(e.id, q) });
  useEffect(() => {
    if (!cand.data) return;
    setKnown((m) => {
      const n = new Map(m);
      for (const u of cand.data.units) n.set(`u${u.id}`, u.name);
      for (const p of cand.data.people) n.set(`p${p.id}`, `${p.name} — ${p.unitName}`);
      return n;
    });
  }, [cand.data]);
  const options = (prefix: 'u' | 'p', picked: string[], list: { id: number }[]) => {
    const ids = new Set([...picked, ...list.map((x) => `${prefix}${x.id}`)]);
    return [...ids].map((v) => ({ value: v, label: known.get(v) ?? v }));
  };
  const invite = useMutation({
    mutationFn: () => eventsApi.invite(e.id, { unitIds: units.map((u) => Number(u.slice(1))), userIds: people.map((p) => Number(p.slice(1))) }),
    onSuccess: (x) => {
      onDone(x);
      setUnits([]);
      setPeople([]);
      notifySuccess(t('ev.invited'));
    },
  });
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <Title order={3} fz="h5">
          {t('ev.invite')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('ev.inviteHelp')}
        </Text>
        <TextInput label={t('ev.findInvitees')} value={search} onChange={(x) => setSearch(x.currentTarget.value)} />
        <MultiSelect label={t('ev.inviteUnits')} data={options('u', units, cand.data?.units ?? [])} value={units} onChange={setUnits} searchable clearable />
        <MultiSelect label={t('ev.invitePeople')} data={options('p', people, cand.data?.people ?? [])} value={people} onChange={setPeople} searchable clearable />
        <ErrorAlert error={invite.error} />
        <Group>
          <Button onClick={() => invite.mutate()} loading={invite.isPending} disabled={!units.length && !people.length}>
            {t('ev.sendInvitations')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function Invitees({ e, onDone }: { e: EventDetail; onDone: (e: EventDetail) => void }) {
  const [draft, setDraft] = useState<Record<number, { attended: boolean; attendees: number }>>({});
  useEffect(() => {
    setDraft(Object.fromEntries(e.invitees.map((i) => [i.id, { attended: i.attended, attendees: i.attendees }])));
  }, [e]);
  const save = useMutation({
    mutationFn: () => eventsApi.attendance(e.id, Object.entries(draft).map(([k, v]) => ({ inviteeId: Number(k), attended: v.attended, attendees: v.attendees }))),
    onSuccess: (x) => {
      onDone(x);
      notifySuccess(t('ev.attendanceSaved'));
    },
  });
  const remove = useMutation({ mutationFn: (inviteeId: number) => eventsApi.uninvite(e.id, inviteeId), onSuccess: onDone });
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <Title order={3} fz="h5">
          {t('ev.invitees', { n: e.invitees.length })}
        </Title>
        {!e.invitees.length ? <Text size="sm" c="dimmed">{t('ev.noInvitees')}</Text> : null}
        <Stack gap={6} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {e.invitees.map((i) => {
            const d = draft[i.id] ?? { attended: i.attended, attendees: i.attendees };
            const name = i.userName ? `${i.userName} (${i.unitName})` : i.unitName;
            return (
              <Group component="li" key={i.id} gap="xs" wrap="wrap" align="center" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)', paddingBottom: 6 }}>
                <Stack gap={0} style={{ flex: 1, minWidth: 180 }}>
                  <Text size="sm" fw={500} className="loa-break">
                    {name}
                  </Text>
                  {i.responseNote ? (
                    <Text size="xs" c="dimmed" className="loa-break">
                      {i.responseNote}
                    </Text>
                  ) : null}
                </Stack>
                <Badge variant="light" color={eventResponseColor(i.response)}>
                  {eventResponseLabel(i.response)}
                </Badge>
                {e.can.edit ? (
                  <>
                    <Checkbox
                      label={t('ev.attended')}
                      aria-label={t('ev.attendedOf', { name })}
                      checked={d.attended}
                      onChange={(x) => {
                        const checked = x.currentTarget.checked;
                        setDraft((m) => ({ ...m, [i.id]: { attended: checked, attendees: checked ? Math.max(d.attendees, 1) : 0 } }));
                      }}
                    />
                    {i.userId == null ? (
                      <NumberInput
                        aria-label={t('ev.attendeesOf', { name })}
                        value={d.attendees}
                        min={0}
                        max={100000}
                        w={90}
                        size="xs"
                        disabled={!d.attended}
                        onChange={(v) => setDraft((m) => ({ ...m, [i.id]: { ...d, attendees: Number(v) || 0 } }))}
                      />
                    ) : null}
                    <ActionIcon variant="subtle" color="red" aria-label={t('ev.uninvite', { name })} onClick={() => remove.mutate(i.id)}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </>
                ) : i.attended ? (
                  <Badge variant="light" color="teal">
                    {t('ev.attended')}
                  </Badge>
                ) : null}
              </Group>
            );
          })}
        </Stack>
        <ErrorAlert error={save.error ?? remove.error} />
        {e.can.edit && e.invitees.length ? (
          <Group>
            <Button onClick={() => save.mutate()} loading={save.isPending}>
              {t('ev.saveAttendance')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}

function Materials({ e, onDone }: { e: EventDetail; onDone: (e: EventDetail) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [linkTitle, setLinkTitle] = useState('');
  const [url, setUrl] = useState('');
  const upload = useMutation({
    mutationFn: () => eventsApi.upload(e.id, file as File, title.trim()),
    onSuccess: (x) => {
      onDone(x);
      setFile(null);
      setTitle('');
      notifySuccess(t('ev.materialAdded'));
    },
  });
  const addLink = useMutation({
    mutationFn: () => eventsApi.addLink(e.id, { title: linkTitle.trim(), url: url.trim() }),
    onSuccess: (x) => {
      onDone(x);
      setLinkTitle('');
      setUrl('');
      notifySuccess(t('ev.materialAdded'));
    },
  });
  const remove = useMutation({ mutationFn: (materialId: number) => eventsApi.removeMaterial(e.id, materialId), onSuccess: onDone });
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <Title order={3} fz="h5">
          {t('ev.materials')}
        </Title>
        {!e.materials.length ? <Text size="sm" c="dimmed">{t('ev.noMaterials')}</Text> : null}
        {e.materials.map((m) => (
          <Group key={m.id} gap="xs" wrap="nowrap">
            {m.kind === 'file' ? <IconFile size={16} /> : <IconExternalLink size={16} />}
            <Anchor href={m.url} target={m.kind === 'link' ? '_blank' : undefined} rel="noopener noreferrer" size="sm" className="loa-break" style={{ flex: 1 }}>
              {m.title}
            </Anchor>
            {e.can.edit ? (
              <ActionIcon variant="subtle" color="red" aria-label={t('ev.removeMaterial', { title: m.title })} onClick={() => remove.mutate(m.id)}>
                <IconTrash size={16} />
              </ActionIcon>
            ) : null}
          </Group>
        ))}
        {e.can.edit ? (
          <>
            <Group gap="xs" align="flex-end" wrap="wrap">
              <FileInput label={t('ev.file')} description={t('ev.fileHelp')} value={file} onChange={setFile} clearable w={{ base: '100%', sm: 280 }} />
              <TextInput label={t('ev.materialTitle')} value={title} onChange={(x) => setTitle(x.currentTarget.value)} w={{ base: '100%', sm: 240 }} />
              <Button onClick={() => upload.mutate()} loading={upload.isPending} disabled={!file}>
                {t('ev.upload')}
              </Button>
            </Group>
            <Group gap="xs" align="flex-end" wrap="wrap">
              <TextInput label={t('ev.linkTitle')} value={linkTitle} onChange={(x) => setLinkTitle(x.currentTarget.value)} w={{ base: '100%', sm: 240 }} />
              <TextInput label={t('ev.linkUrl')} placeholder={t('ev.urlPlaceholder')} value={url} onChange={(x) => setUrl(x.currentTarget.value)} w={{ base: '100%', sm: 280 }} />
              <Button variant="light" onClick={() => addLink.mutate()} loading={addLink.isPending} disabled={!linkTitle.trim() || !url.trim()}>
                {t('ev.addLink')}
              </Button>
            </Group>
          </>
        ) : null}
        <ErrorAlert error={upload.error ?? addLink.error ?? remove.error} />
      </Stack>
    </Card>
  );
}
