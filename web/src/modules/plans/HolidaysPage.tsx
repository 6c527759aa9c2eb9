import { ActionIcon, Button, Card, Group, Loader, Modal, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { type Holiday, holidaysApi } from '../../api/plans';
import { t } from '../../i18n';
import { DateField } from '../../ui/DateField';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { useIsMobile } from '../../ui/useMobile';
import { can } from '../auth/permissions';
import { useUser } from '../auth/session';
import { plansKey } from './keys';
import { BackToPlans } from './PlanEditPage';

const holidaysKey = (year: number) => [...plansKey, 'holidays', year] as const;

/** The years offered: the calendar is filled for 2024–2030, and a few years around today. */
function yearOptions(current: number): string[] {
  const first = Math.min(2024, current - 1);
  const last = Math.max(2030, current + 4);
  return Array.from({ length: last - first + 1 }, (_, i) => String(first + i));
}

/** "Thứ Hai"… "Chủ nhật" for an ISO day. */
function weekdayLabel(day: string): string {
  const names = [
    t('weekday.sun'),
    t('weekday.mon'),
    t('weekday.tue'),
    t('weekday.wed'),
    t('weekday.thu'),
    t('weekday.fri'),
    t('weekday.sat'),
  ];
  return names[dayjs(day).day()] ?? '';
}

/** Typed dates as dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy) or ISO yyyy-mm-dd; null when not a real date. */
function parseTypedDate(text: string): string | null {
  const s = text.trim();
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const [y, m, d] = vn ? [vn[3], vn[2], vn[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!y || !m || !d) return null;
  const value = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return dayjs(value).format('YYYY-MM-DD') === value ? value : null;
}

/** The public holidays that deadlines counted in working days skip; administrators add and remove days. */
export function HolidaysPage() {
  const user = useUser();
  const canEdit = can(user, 'settings.write');
  const years = yearOptions(dayjs().year());
  const [year, setYear] = useState<number>(dayjs().year());
  const [removing, setRemoving] = useState<Holiday | null>(null);
  const list = useQuery({ queryKey: holidaysKey(year), queryFn: () => holidaysApi.list(year) });
  return (
    <Stack gap="md" maw={900}>
      <BackToPlans />
      <PageHeader title={t('holidays.title')} />
      <Text size="sm" c="dimmed" mt={-8}>
        {t('holidays.hint')}
      </Text>
      {canEdit ? (
        <AddHoliday minYear={Number(years[0])} maxYear={Number(years[years.length - 1])} onAdded={setYear} />
      ) : (
        <Text size="sm" c="dimmed">
          {t('holidays.readOnly')}
        </Text>
      )}
      <Group justify="space-between" align="flex-end">
        <Select
          label={t('holidays.year')}
          data={years}
          value={String(year)}
          onChange={(v) => v && setYear(Number(v))}
          allowDeselect={false}
          w={{ base: '100%', xs: 160 }}
          comboboxProps={{ withinPortal: true }}
        />
        {list.data ? (
          <Text size="sm" c="dimmed">
            {t('holidays.count', { n: list.data.items.length })}
          </Text>
        ) : null}
      </Group>
      {list.isPending ? (
        <Loader aria-label={t('common.loading')} />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : list.data.items.length === 0 ? (
        <Text c="dimmed">{t('holidays.none', { year })}</Text>
      ) : (
        <HolidayList year={year} items={list.data.items} canEdit={canEdit} onRemove={setRemoving} />
      )}
      {removing ? <RemoveDialog holiday={removing} onClose={() => setRemoving(null)} /> : null}
    </Stack>
  );
}

function RemoveButton({ holiday, onRemove }: { holiday: Holiday; onRemove: (h: Holiday) => void }) {
  return (
    <ActionIcon
      variant="subtle"
      color="red"
      onClick={() => onRemove(holiday)}
      aria-label={t('holidays.removeFor', { date: formatDate(holiday.day) })}
    >
      <IconTrash size={18} />
    </ActionIcon>
  );
}

function HolidayList({
  year,
  items,
  canEdit,
  onRemove,
}: {
  year: number;
  items: Holiday[];
  canEdit: boolean;
  onRemove: (h: Holiday) => void;
}) {
  const isMobile = useIsMobile();
  const label = t('holidays.listLabel', { year });
  if (isMobile) {
    return (
      <Stack gap="xs" component="ul" aria-label={label} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {items.map((h) => (
          <Card key={h.day} component="li" withBorder padding="sm">
            <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Text size="sm" fw={600}>
                  {`${formatDate(h.day)} · ${weekdayLabel(h.day)}`}
                </Text>
                <Text size="sm" className="loa-break">
                  {h.name}
                </Text>
              </Stack>
              {canEdit ? <RemoveButton holiday={h} onRemove={onRemove} /> : null}
            </Group>
          </Card>
        ))}
      </Stack>
    );
  }
  return (
    <Table striped verticalSpacing="xs" aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={130}>{t('holidays.day')}</Table.Th>
          <Table.Th w={120}>{t('holidays.weekday')}</Table.Th>
          <Table.Th>{t('holidays.name')}</Table.Th>
          {canEdit ? <Table.Th w={60} aria-label={t('holidays.actions')} /> : null}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((h) => (
          <Table.Tr key={h.day}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(h.day)}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{weekdayLabel(h.day)}</Table.Td>
            <Table.Td className="loa-break">{h.name}</Table.Td>
            {canEdit ? (
              <Table.Td>
                <RemoveButton holiday={h} onRemove={onRemove} />
              </Table.Td>
            ) : null}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** A day and its name; a day already in the calendar is renamed. Shows the added day's year afterwards. */
function AddHoliday({ minYear, maxYear, onAdded }: { minYear: number; maxYear: number; onAdded: (year: number) => void }) {
  const qc = useQueryClient();
  const [day, setDay] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<{ day?: string; name?: string }>({});
  const save = useMutation({
    mutationFn: (v: { day: string; name: string }) => holidaysApi.set(v.day, v.name),
    onSuccess: async (_ok, v) => {
      notifySuccess(t('holidays.saved', { date: formatDate(v.day) }));
      setDay(null);
      setName('');
      onAdded(dayjs(v.day).year());
      await qc.invalidateQueries({ queryKey: [...plansKey, 'holidays'] });
    },
  });
  const submit = () => {
    const trimmed = name.trim();
    const next = { day: day ? undefined : t('holidays.dayRequired'), name: trimmed ? undefined : t('holidays.nameRequired') };
    setErrors(next);
    if (day && trimmed) save.mutate({ day, name: trimmed });
  };
  return (
    <Card withBorder padding="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Title order={3} fz="h5">
            {t('holidays.addTitle')}
          </Title>
          <Group align="flex-start" gap="sm" wrap="wrap">
            <DateField
              label={t('holidays.day')}
              placeholder={t('holidays.dayPlaceholder')}
              value={day}
              onChange={(v) => {
                setDay(v);
                setErrors((e) => ({ ...e, day: undefined }));
              }}
              dateParser={parseTypedDate}
              minDate={`${minYear}-01-01`}
              maxDate={`${maxYear}-12-31`}
              error={errors.day}
              required
              w={{ base: '100%', xs: 180 }}
            />
            <TextInput
              label={t('holidays.name')}
              placeholder={t('holidays.namePlaceholder')}
              value={name}
              onChange={(e) => {
                setName(e.currentTarget.value);
                setErrors((x) => ({ ...x, name: undefined }));
              }}
              error={errors.name}
              maxLength={200}
              required
              style={{ flex: '1 1 240px' }}
            />
          </Group>
          <Text size="xs" c="dimmed">
            {t('holidays.addHint')}
          </Text>
          <ErrorAlert error={save.error} />
          <Group>
            <Button type="submit" leftSection={<IconPlus size={16} />} loading={save.isPending}>
              {t('holidays.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function RemoveDialog({ holiday, onClose }: { holiday: Holiday; onClose: () => void }) {
  const qc = useQueryClient();
  const date = formatDate(holiday.day);
  const remove = useMutation({
    mutationFn: () => holidaysApi.remove(holiday.day),
    onSuccess: async () => {
      notifySuccess(t('holidays.removed', { date }));
      await qc.invalidateQueries({ queryKey: [...plansKey, 'holidays'] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('holidays.removeTitle')} centered>
      <Stack>
        <Text size="sm" className="loa-break">
          {t('holidays.removeConfirm', { date, weekday: weekdayLabel(holiday.day), name: holiday.name })}
        </Text>
        <ErrorAlert error={remove.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" leftSection={<IconTrash size={16} />} loading={remove.isPending} onClick={() => remove.mutate()}>
            {t('holidays.remove')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
