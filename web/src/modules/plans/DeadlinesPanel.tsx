import { Anchor, Badge, Card, Group, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCalendarDue, IconCircleCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ComponentType } from 'react';
import { deadlinesApi } from '../../api/plans';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate, formatNumber } from '../../ui/format';
import { plansKey } from './keys';
import { usePlanUnit } from './usePlanUnit';

function Count({ label, value, color, icon: Icon }: { label: string; value: number; color: string; icon: ComponentType<{ size?: number }> }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Text c={color} component="span" style={{ display: 'flex' }}>
        <Icon size={22} />
      </Text>
      <div>
        <Text fz={22} fw={700} c={color} lh={1.1}>
          {formatNumber(value)}
        </Text>
        <Text size="xs" c="dimmed">
          {label}
        </Text>
      </div>
    </Group>
  );
}

/** Home panel: how many deadlines of the user's units are coming up, late or met, and the next few. */
export function DeadlinesPanel() {
  const [unit] = usePlanUnit('plans.read');
  const late = useQuery({
    queryKey: [...plansKey, 'deadlines', unit?.id ?? null, null, 'late', 'home'],
    queryFn: () => deadlinesApi.list({ unitId: unit?.id as number, state: 'late', limit: 3 }),
    enabled: !!unit,
  });
  const upcoming = useQuery({
    queryKey: [...plansKey, 'deadlines', unit?.id ?? null, null, 'upcoming', 'home'],
    queryFn: () => deadlinesApi.list({ unitId: unit?.id as number, state: 'upcoming', limit: 5 }),
    enabled: !!unit,
  });
  const summary = upcoming.data?.summary ?? late.data?.summary;
  const items = [...(late.data?.items ?? []), ...(upcoming.data?.items ?? [])].slice(0, 6);
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="sm" gap="xs">
        <Text fw={600}>{t('home.deadlines')}</Text>
        {unit ? (
          <Text size="xs" c="dimmed" className="loa-break">
            {unit.name}
          </Text>
        ) : null}
      </Group>
      <ErrorAlert error={upcoming.error ?? late.error} />
      {!summary && (upcoming.isPending || late.isPending) && unit ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
      {summary ? (
        <Stack gap="sm">
          <SimpleGrid cols={3} spacing="xs">
            <Count label={t('deadlines.upcoming')} value={summary.upcoming} color="blue.7" icon={IconCalendarDue} />
            <Count label={t('deadlines.lateTab')} value={summary.late} color={summary.late ? 'red.7' : 'gray.6'} icon={IconAlertTriangle} />
            <Count label={t('deadlines.done')} value={summary.done} color="teal.7" icon={IconCircleCheck} />
          </SimpleGrid>
          {items.length ? (
            <Stack gap={4} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('home.deadlines')}>
              {items.map((d) => (
                <Group key={d.id} component="li" gap="xs" wrap="nowrap" align="flex-start">
                  <Badge size="sm" variant={d.isLate ? 'filled' : 'light'} color={d.isLate ? 'red' : 'blue'} style={{ flexShrink: 0 }}>
                    {formatDate(d.dueDate)}
                  </Badge>
                  <Anchor component={Link} to={`/ke-hoach/${d.planId}`} size="sm" className="loa-break" c={d.isLate ? 'red.8' : undefined}>
                    {`${d.label || d.what} — ${d.unitName}`}
                  </Anchor>
                </Group>
              ))}
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              {t('deadlines.none')}
            </Text>
          )}
          <Anchor component={Link} to="/nghia-vu" size="sm">
            {t('obl.openCalendar')}
          </Anchor>
        </Stack>
      ) : null}
    </Card>
  );
}
