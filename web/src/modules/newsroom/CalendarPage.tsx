import { ActionIcon, Anchor, Badge, Box, Card, Group, Loader, Stack, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { type CalendarItem, calendarApi } from '../../api/newsroom';
import { t, tOr } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { UnitPicker } from '../../ui/UnitPicker';
import { BackToArticles } from './BackToArticles';
import { articlesKey } from './keys';
import { articleStatusColor, articleStatusLabel, formatVnTime, vnDayOf } from './labels';
import { useArticleUnit } from './useArticleUnit';

const weekdayKeys = ['weekday.sun', 'weekday.mon', 'weekday.tue', 'weekday.wed', 'weekday.thu', 'weekday.fri', 'weekday.sat'] as const;

/** /tin-bai/lich: what is scheduled and what went out, day by day, for a month. */
export function CalendarPage() {
  const [unit, setUnit] = useArticleUnit('articles.read');
  const [month, setMonth] = useState(() => dayjs(vnDayOf(new Date())).startOf('month').format('YYYY-MM-DD'));
  const from = month;
  const to = dayjs(month).endOf('month').format('YYYY-MM-DD');
  const list = useQuery({
    queryKey: [...articlesKey, 'calendar', unit?.id ?? 0, from],
    queryFn: () => calendarApi.list(unit?.id as number, from, to),
    enabled: !!unit,
  });
  const days = useMemo(() => {
    const byDay = new Map<string, CalendarItem[]>();
    for (const item of list.data?.items ?? []) {
      const d = vnDayOf(item.at);
      byDay.set(d, [...(byDay.get(d) ?? []), item]);
    }
    return [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [list.data]);
  const today = vnDayOf(new Date());
  const shift = (n: number) => setMonth(dayjs(month).add(n, 'month').format('YYYY-MM-DD'));
  const monthLabel = t('calendar.month', { month: dayjs(month).month() + 1, year: dayjs(month).year() });
  const counts = (list.data?.items ?? []).reduce(
    (acc, i) => ({ ...acc, [i.status]: (acc[i.status] ?? 0) + 1 }),
    {} as Record<string, number>,
  );
  return (
    <Stack gap="sm" maw={900}>
      <BackToArticles />
      <PageHeader title={t('calendar.title')} />
      <UnitPicker label={t('calendar.unit')} description={t('calendar.unitHint')} value={unit} onChange={setUnit} maw={520} />
      <Group gap="xs" wrap="nowrap">
        <ActionIcon variant="default" size="lg" onClick={() => shift(-1)} aria-label={t('calendar.prev')}>
          <IconChevronLeft size={18} />
        </ActionIcon>
        <Text fw={700} fz="lg" miw={150} ta="center" aria-live="polite">
          {monthLabel}
        </Text>
        <ActionIcon variant="default" size="lg" onClick={() => shift(1)} aria-label={t('calendar.next')}>
          <IconChevronRight size={18} />
        </ActionIcon>
      </Group>
      <Group gap="xs">
        <Badge color={articleStatusColor('scheduled')} variant="light">
          {t('calendar.countScheduled', { n: counts.scheduled ?? 0 })}
        </Badge>
        <Badge color={articleStatusColor('published')} variant="light">
          {t('calendar.countPublished', { n: counts.published ?? 0 })}
        </Badge>
      </Group>
      {unit && list.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      <ErrorAlert error={list.error} />
      {list.data && days.length === 0 ? <Text c="dimmed">{t('calendar.none')}</Text> : null}
      <Stack gap="sm" component="ol" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={monthLabel}>
        {days.map(([day, items]) => {
          const d = dayjs(day);
          return (
            <Card key={day} component="li" withBorder padding="sm" style={day === today ? { borderColor: 'var(--mantine-color-indigo-5)' } : undefined}>
              <Text fw={700} size="sm" c={day === today ? 'indigo.7' : undefined} mb={6}>
                {`${t(weekdayKeys[d.day()])}, ${d.format('DD/MM/YYYY')}`}
                {day === today ? ` · ${t('calendar.today')}` : ''}
              </Text>
              <Stack gap={6}>
                {items.map((i) => (
                  <Group key={i.id} gap="xs" wrap="nowrap" align="flex-start">
                    <Box w={4} style={{ alignSelf: 'stretch', flex: 'none', borderRadius: 2, background: `var(--mantine-color-${articleStatusColor(i.status)}-6)` }} />
                    <Text size="sm" fw={600} w={44} style={{ flex: 'none' }}>
                      {formatVnTime(i.at)}
                    </Text>
                    <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
                      <Anchor component={Link} to={`/tin-bai/${i.id}`} size="sm" fw={500} className="loa-break">
                        {i.title}
                      </Anchor>
                      <Text size="xs" c="dimmed" className="loa-break">
                        {i.unitName}
                      </Text>
                      <Group gap={4}>
                        <Badge size="xs" variant="light" color={articleStatusColor(i.status)}>
                          {articleStatusLabel(i.status)}
                        </Badge>
                        {i.channels.map((c) => (
                          <Badge key={c} size="xs" variant="outline" color="gray" tt="none">
                            {tOr(`calendarChannel.${c}`, c)}
                          </Badge>
                        ))}
                      </Group>
                    </Stack>
                  </Group>
                ))}
              </Stack>
            </Card>
          );
        })}
      </Stack>
    </Stack>
  );
}
