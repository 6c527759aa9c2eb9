import { Button, Card, Group, Loader, Modal, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconChevronLeft, IconChevronRight, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type ScheduleItem, siteContentApi } from '../../api/sitecontent';
import { t } from '../../i18n';
import { DateField } from '../../ui/DateField';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { notifyError, notifySuccess } from '../../ui/notify';
import { useIsMobile } from '../../ui/useMobile';
import { RowActions, addDays, dmy, siteContentKey, weekdayOf } from './common';

/** The leaders' work schedule, a week (Monday–Sunday) at a time. */
export function ScheduleTab({ unitId }: { unitId: number }) {
  const [week, setWeek] = useState<string | undefined>(undefined);
  const q = useQuery({ queryKey: [...siteContentKey, 'schedule', unitId, week ?? 'this'], queryFn: () => siteContentApi.schedule(unitId, week), placeholderData: (p) => p });
  const [editing, setEditing] = useState<ScheduleItem | { day: string } | null>(null);
  const w = q.data;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed" maw={640}>
        {t('sc.sch.lead')}
      </Text>
      {q.isError && <ErrorAlert error={q.error} />}
      {!w && q.isPending && <Loader aria-label={t('common.loading')} />}
      {w && (
        <>
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Title order={3} fz="h4">
              {t('sc.sch.week', { from: dmy(w.from), to: dmy(w.to) })}
            </Title>
            <Group gap="xs" wrap="wrap">
              <Button variant="default" leftSection={<IconChevronLeft size={16} />} onClick={() => setWeek(w.prev)}>
                {t('sc.sch.prev')}
              </Button>
              <Button variant="default" onClick={() => setWeek(undefined)}>
                {t('sc.sch.this')}
              </Button>
              <Button variant="default" rightSection={<IconChevronRight size={16} />} onClick={() => setWeek(w.next)}>
                {t('sc.sch.next')}
              </Button>
            </Group>
          </Group>
          {Array.from({ length: 7 }, (_, i) => addDays(w.from, i)).map((day) => {
            const items = w.items.filter((x) => x.day === day);
            return (
              <Card key={day} withBorder padding="sm">
                <Group justify="space-between" wrap="nowrap" mb={items.length ? 'xs' : 0}>
                  <Text fw={700}>{`${weekdayOf(day)}, ${dmy(day)}`}</Text>
                  <Button size="xs" variant="subtle" leftSection={<IconPlus size={14} />} onClick={() => setEditing({ day })} aria-label={t('sc.sch.addOn', { day: `${weekdayOf(day)} ${dmy(day)}` })}>
                    {t('sc.sch.add')}
                  </Button>
                </Group>
                <Stack gap={6}>
                  {items.map((i) => (
                    <Group key={i.id} justify="space-between" wrap="nowrap" align="flex-start">
                      <Stack gap={0} style={{ minWidth: 0 }}>
                        <Text size="sm" className="loa-break">
                          <b>{i.endTime ? `${i.startTime}–${i.endTime}` : i.startTime}</b> {i.content}
                        </Text>
                        <Text size="xs" c="dimmed" className="loa-break">
                          {[i.chair && t('sc.sch.chairIs', { who: i.chair }), i.participants && t('sc.sch.participantsAre', { who: i.participants }), i.place].filter(Boolean).join(' · ')}
                        </Text>
                      </Stack>
                      <RowActions name={`${i.startTime} ${i.content}`} onEdit={() => setEditing(i)} remove={{ kind: 'schedule', id: i.id }} />
                    </Group>
                  ))}
                </Stack>
              </Card>
            );
          })}
        </>
      )}
      {editing && <ScheduleForm unitId={unitId} initial={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function ScheduleForm({ unitId, initial, onClose }: { unitId: number; initial: ScheduleItem | { day: string }; onClose: () => void }) {
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const item = 'id' in initial ? initial : null;
  const [day, setDay] = useState<string | null>(initial.day);
  const [startTime, setStart] = useState(item?.startTime ?? '07:30');
  const [endTime, setEnd] = useState(item?.endTime ?? '');
  const [content, setContent] = useState(item?.content ?? '');
  const [chair, setChair] = useState(item?.chair ?? '');
  const [participants, setParticipants] = useState(item?.participants ?? '');
  const [place, setPlace] = useState(item?.place ?? '');
  const [isTried, setTried] = useState(false);
  const save = useMutation({
    mutationFn: () => {
      const body = { day: day as string, startTime, endTime: endTime || null, content: content.trim(), chair: chair.trim() || null, participants: participants.trim() || null, place: place.trim() || null };
      return item ? siteContentApi.updateScheduleItem(item.id, body) : siteContentApi.createScheduleItem(unitId, body);
    },
    onSuccess: () => {
      notifySuccess(t('sc.saved'));
      void qc.invalidateQueries({ queryKey: siteContentKey });
      onClose();
    },
    onError: notifyError,
  });
  return (
    <Modal opened onClose={onClose} title={item ? t('sc.sch.edit') : t('sc.sch.add')} size="lg" fullScreen={isMobile}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (day && content.trim() && startTime) save.mutate();
        }}
      >
        <Stack gap="sm">
          <DateField label={t('sc.sch.day')} required value={day} onChange={setDay} error={isTried && !day ? t('sc.required') : undefined} clearable={false} />
          <SimpleGrid cols={2}>
            <TextInput type="time" label={t('sc.sch.start')} required value={startTime} onChange={(e) => setStart(e.currentTarget.value)} />
            <TextInput type="time" label={t('sc.sch.end')} value={endTime} onChange={(e) => setEnd(e.currentTarget.value)} />
          </SimpleGrid>
          <Textarea label={t('sc.sch.content')} required autosize minRows={2} value={content} onChange={(e) => setContent(e.currentTarget.value)} maxLength={2000} error={isTried && !content.trim() ? t('sc.required') : undefined} />
          <TextInput label={t('sc.sch.chair')} value={chair} onChange={(e) => setChair(e.currentTarget.value)} maxLength={300} />
          <TextInput label={t('sc.sch.participants')} value={participants} onChange={(e) => setParticipants(e.currentTarget.value)} maxLength={1000} />
          <TextInput label={t('sc.sch.place')} value={place} onChange={(e) => setPlace(e.currentTarget.value)} maxLength={300} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('sc.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
