import { Button, Group, Modal, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { plansApi } from '../../api/plans';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { notifySuccess } from '../../ui/notify';
import { type EventDetail, type EventInput, type EventKind, type EventReminder, type EventStatus, eventKinds, eventReminders, eventStatuses, eventsApi, eventsKey } from './api';
import { eventKindLabel, eventReminderLabel, eventStatusLabel } from './labels';

const toLocal = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DDTHH:mm') : '');
const fromLocal = (v: string) => (v ? dayjs(v).toISOString() : null);

/** Schedule a new event for a unit, or edit one (then also its status). */
export function EventForm({ opened, onClose, unitId, event, onSaved }: { opened: boolean; onClose: () => void; unitId: number; event?: EventDetail; onSaved?: (e: EventDetail) => void }) {
  const qc = useQueryClient();
  const [kind, setKind] = useState<EventKind>(event?.kind ?? 'training');
  const [title, setTitle] = useState(event?.title ?? '');
  const [startsAt, setStartsAt] = useState(toLocal(event?.startsAt));
  const [endsAt, setEndsAt] = useState(toLocal(event?.endsAt));
  const [place, setPlace] = useState(event?.place ?? '');
  const [onlineUrl, setOnlineUrl] = useState(event?.onlineUrl ?? '');
  const [description, setDescription] = useState(event?.description ?? '');
  const [status, setStatus] = useState<EventStatus>(event?.status ?? 'planned');
  const [reminder, setReminder] = useState<EventReminder>(event?.reminder ?? '1d');
  const [planId, setPlanId] = useState<string | null>(event?.planId ? String(event.planId) : null);
  const [taskId, setTaskId] = useState<string | null>(event?.planTaskId ? String(event.planTaskId) : null);
  const plans = useQuery({ queryKey: ['plans', 'list', unitId], queryFn: () => plansApi.list(unitId), enabled: opened });
  const plan = useQuery({ queryKey: ['plans', 'detail', Number(planId)], queryFn: () => plansApi.get(Number(planId)), enabled: opened && !!planId });
  const save = useMutation({
    mutationFn: () => {
      const body: EventInput = {
        kind, title: title.trim(), startsAt: fromLocal(startsAt) ?? '', endsAt: fromLocal(endsAt), place: place.trim() || null, onlineUrl: onlineUrl.trim() || null,
        description: description.trim() || null, planTaskId: taskId ? Number(taskId) : null, reminder, ...(event ? { status } : {}),
      };
      return event ? eventsApi.update(event.id, { ...body, version: event.version }) : eventsApi.create({ ...body, unitId });
    },
    onSuccess: (e) => {
      qc.invalidateQueries({ queryKey: eventsKey });
      notifySuccess(event ? t('ev.saved') : t('ev.created'));
      onSaved?.(e);
      onClose();
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={event ? t('ev.edit') : t('ev.new')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <Select label={t('ev.kind')} data={eventKinds.map((k) => ({ value: k, label: eventKindLabel(k) }))} value={kind} onChange={(v) => setKind((v as EventKind) ?? 'training')} allowDeselect={false} />
          <TextInput label={t('ev.titleField')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required />
          <Group grow wrap="wrap" align="flex-start">
            <TextInput type="datetime-local" label={t('ev.startsAt')} value={startsAt} onChange={(e) => setStartsAt(e.currentTarget.value)} required miw={200} />
            <TextInput type="datetime-local" label={t('ev.endsAt')} value={endsAt} onChange={(e) => setEndsAt(e.currentTarget.value)} miw={200} />
          </Group>
          <TextInput label={t('ev.place')} value={place} onChange={(e) => setPlace(e.currentTarget.value)} />
          <TextInput label={t('ev.onlineUrl')} placeholder={t('ev.urlPlaceholder')} value={onlineUrl} onChange={(e) => setOnlineUrl(e.currentTarget.value)} />
          <Select
            label={t('evcal.reminder')}
            description={t('evcal.reminderHelp')}
            data={eventReminders.map((r) => ({ value: r, label: eventReminderLabel(r) }))}
            value={reminder}
            onChange={(v) => setReminder((v as EventReminder) ?? '1d')}
            allowDeselect={false}
          />
          <Textarea label={t('ev.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} autosize minRows={2} />
          <Select
            label={t('ev.plan')}
            description={t('ev.planHelp')}
            data={(plans.data?.items ?? []).map((p) => ({ value: String(p.id), label: p.title }))}
            value={planId}
            onChange={(v) => {
              setPlanId(v);
              setTaskId(null);
            }}
            clearable
            searchable
          />
          {planId ? (
            <Select
              label={t('ev.task')}
              data={(plan.data?.tasks ?? []).map((x) => ({ value: String(x.id), label: x.topic }))}
              value={taskId}
              onChange={setTaskId}
              clearable
              searchable
            />
          ) : null}
          {event ? (
            <Select label={t('ev.status')} data={eventStatuses.map((s) => ({ value: s, label: eventStatusLabel(s) }))} value={status} onChange={(v) => setStatus((v as EventStatus) ?? 'planned')} allowDeselect={false} />
          ) : null}
          <ErrorAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!title.trim() || !startsAt}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
