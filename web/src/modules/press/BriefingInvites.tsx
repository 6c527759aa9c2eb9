import { Badge, Button, Card, Checkbox, Group, Loader, MultiSelect, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type Briefing, pressApi, pressKey } from '../../api/press';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { notifySuccess } from '../../ui/notify';
import { type Invitee, pressExtraApi } from './extraApi';

type Mark = 'unknown' | 'came' | 'absent';
const markOf = (x: Invitee): Mark => (x.attended == null ? 'unknown' : x.attended ? 'came' : 'absent');

/**
 * Invitations to one briefing (outlets, or a named journalist of an outlet; those with an
 * e-mail get an invitation) and, once it has started, who came.
 */
export function BriefingInvites({ briefing, unitId, canWrite }: { briefing: Briefing; unitId: number; canWrite: boolean }) {
  const qc = useQueryClient();
  const key = [...pressKey, 'invitees', briefing.id];
  const list = useQuery({ queryKey: key, queryFn: () => pressExtraApi.invitees(briefing.id) });
  const outlets = useQuery({ queryKey: [...pressKey, 'outlets', unitId, 'with-journalists'], queryFn: async () => {
    const r = await pressApi.outlets(unitId);
    return Promise.all(r.items.map((o) => pressApi.outlet(o.id)));
  }, enabled: canWrite });
  const [picked, setPicked] = useState<string[]>([]);
  const [sendMail, setSendMail] = useState(true);
  const [marks, setMarks] = useState<Record<number, { mark: Mark; note: string }>>({});
  const hasStarted = new Date(briefing.startsAt).getTime() <= Date.now();
  const isCancelled = briefing.status === 'cancelled';
  const refresh = () => qc.invalidateQueries({ queryKey: key });

  const options = (outlets.data ?? []).map((o) => ({
    group: o.name,
    items: [
      { value: `o:${o.id}`, label: t('press.inv.wholeOutlet', { outlet: o.name }) },
      ...(o.journalists ?? []).map((j) => ({ value: `j:${o.id}:${j.id}`, label: `${j.name} — ${o.name}` })),
    ],
  }));
  const invite = useMutation({
    mutationFn: () =>
      pressExtraApi.invite(
        briefing.id,
        picked.map((v) => {
          const [kind, outletId, journalistId] = v.split(':');
          return { outletId: Number(outletId), journalistId: kind === 'j' ? Number(journalistId) : null };
        }),
        sendMail,
      ),
    onSuccess: async (r) => {
      notifySuccess(t('press.inv.invited', { added: r.added, mailed: r.mailed }));
      setPicked([]);
      await refresh();
    },
  });
  const uninvite = useMutation({ mutationFn: (id: number) => pressExtraApi.uninvite(briefing.id, id), onSuccess: refresh });
  const save = useMutation({
    mutationFn: () =>
      pressExtraApi.attendance(
        briefing.id,
        (list.data?.items ?? []).map((x) => {
          const m = marks[x.id] ?? { mark: markOf(x), note: x.note ?? '' };
          return { inviteeId: x.id, attended: m.mark === 'unknown' ? null : m.mark === 'came', note: m.note || null };
        }),
      ),
    onSuccess: async () => {
      notifySuccess(t('press.inv.attendanceSaved'));
      setMarks({});
      await refresh();
    },
  });

  return (
    <Card withBorder padding="xs" bg="var(--mantine-color-gray-0)">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={600} size="sm">
            {t('press.inv.heading')}
          </Text>
          {list.data ? (
            <Text size="sm" c="dimmed">
              {t('press.inv.summary', { invited: list.data.invited, attended: list.data.attended, absent: list.data.absent })}
            </Text>
          ) : null}
        </Group>
        {list.isPending ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
        {list.error || uninvite.error || save.error ? <ErrorAlert error={list.error ?? uninvite.error ?? save.error} /> : null}
        {list.data?.items.length === 0 ? <Text size="sm" c="dimmed">{t('press.inv.none')}</Text> : null}
        {list.data?.items.map((x) => {
          const m = marks[x.id] ?? { mark: markOf(x), note: x.note ?? '' };
          return (
            <Stack key={x.id} gap={4} py={4} style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Text size="sm" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                  {x.journalistName ? `${x.journalistName} — ${x.outletName}` : x.outletName}
                </Text>
                <Group gap={4}>
                  {x.attended === true ? <Badge color="green" variant="light">{t('press.inv.came')}</Badge> : null}
                  {x.attended === false ? <Badge color="gray" variant="light">{t('press.inv.absent')}</Badge> : null}
                  {canWrite && !isCancelled && x.attended == null ? (
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => uninvite.mutate(x.id)} aria-label={t('press.inv.removeOf', { name: x.journalistName ?? x.outletName })}>
                      {t('press.inv.remove')}
                    </Button>
                  ) : null}
                </Group>
              </Group>
              {canWrite && hasStarted && !isCancelled ? (
                <Group gap="xs" wrap="wrap" align="flex-end">
                  <SegmentedControl
                    size="xs"
                    aria-label={t('press.inv.attendanceOf', { name: x.journalistName ?? x.outletName })}
                    value={m.mark}
                    onChange={(v) => setMarks((s) => ({ ...s, [x.id]: { ...m, mark: v as Mark } }))}
                    data={[
                      { value: 'came', label: t('press.inv.came') },
                      { value: 'absent', label: t('press.inv.absent') },
                      { value: 'unknown', label: t('press.inv.unknown') },
                    ]}
                  />
                  <TextInput
                    size="xs"
                    style={{ flex: '1 1 10rem' }}
                    label={t('press.inv.note')}
                    value={m.note}
                    onChange={(e) => {
                      const note = e.currentTarget.value;
                      setMarks((s) => ({ ...s, [x.id]: { ...m, note } }));
                    }}
                  />
                </Group>
              ) : null}
            </Stack>
          );
        })}
        {canWrite && hasStarted && !isCancelled && list.data?.items.length ? (
          <Group>
            <Button size="xs" loading={save.isPending} onClick={() => save.mutate()}>
              {t('press.inv.saveAttendance')}
            </Button>
          </Group>
        ) : null}
        {canWrite && !isCancelled ? (
          <Stack gap={4}>
            <MultiSelect
              label={t('press.inv.pick')}
              placeholder={outlets.isPending ? t('common.loading') : undefined}
              data={options}
              value={picked}
              onChange={setPicked}
              searchable
              clearable
              nothingFoundMessage={t('press.inv.noOutlets')}
            />
            <Checkbox label={t('press.inv.sendMail')} checked={sendMail} onChange={(e) => setSendMail(e.currentTarget.checked)} />
            {invite.error ? <ErrorAlert error={invite.error} /> : null}
            <Group>
              <Button size="xs" variant="light" disabled={!picked.length} loading={invite.isPending} onClick={() => invite.mutate()}>
                {t('press.inv.invite')}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Stack>
    </Card>
  );
}
