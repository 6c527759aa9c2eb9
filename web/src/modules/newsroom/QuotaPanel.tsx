import { Anchor, Card, Group, Loader, Progress, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { quotaApi } from '../../api/newsroom';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { topUnitFor } from '../auth/permissions';
import { useUser } from '../auth/session';
import { quotaKey } from './keys';

/** Home panel: how many schools under the user's unit have sent their article this week. */
export function QuotaPanel() {
  const user = useUser();
  const unitId = topUnitFor(user, 'articles.read');
  const quota = useQuery({ queryKey: quotaKey(unitId ?? 0, 1), queryFn: () => quotaApi.get(unitId as number, 1), enabled: !!unitId, staleTime: 60_000 });
  const s = quota.data?.summary;
  const share = s && s.schools ? Math.round((s.metThisWeek / s.schools) * 100) : 0;
  return (
    <Card withBorder padding="md">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Text fw={600}>{t('quota.panelTitle')}</Text>
          <Anchor component={Link} to="/tin-bai/chi-tieu-tuan" size="sm">
            {t('quota.panelLink')}
          </Anchor>
        </Group>
        {quota.isPending && unitId ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
        <ErrorAlert error={quota.error} />
        {s ? (
          <>
            <Text fz={24} fw={700} c={s.schools && s.metThisWeek === s.schools ? 'teal.8' : undefined}>
              {t('quota.summary', { met: s.metThisWeek, schools: s.schools })}
            </Text>
            <Progress value={share} color={share >= 100 ? 'teal' : share >= 50 ? 'lime' : 'orange'} size="lg" aria-label={t('quota.panelTitle')} />
            {quota.data?.weeks[0] ? (
              <Text size="xs" c="dimmed">
                {quota.data.weeks[0].label}
              </Text>
            ) : null}
          </>
        ) : null}
      </Stack>
    </Card>
  );
}
