import { Anchor, Badge, Button, Card, Group, Loader, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { unitTypeLabel } from '../../ui/labels';
import { PageHeader } from '../../ui/PageHeader';
import { UnitPicker } from '../../ui/UnitPicker';
import { usePlanUnit, useUnitAccess } from '../plans/usePlanUnit';
import { emulationApi, emulationKey } from './api';
import { periodKindLabel } from './labels';

/** Emulation schemes (bảng thi đua) of the chosen ranking unit; create a new one. */
export function EmulationPage() {
  const [unit, setUnit] = usePlanUnit('dashboard.read');
  const access = useUnitAccess(unit?.id);
  const list = useQuery({ queryKey: [...emulationKey, 'list', unit?.id ?? null], queryFn: () => emulationApi.list(unit?.id as number), enabled: !!unit });
  return (
    <>
      <PageHeader
        title={t('emu.title')}
        actions={
          unit && access.canWrite ? (
            <Button component={Link} to="/thi-dua/moi" leftSection={<IconPlus size={16} />}>
              {t('emu.new')}
            </Button>
          ) : null
        }
      />
      <Stack gap="sm">
        <Text size="sm" c="dimmed" maw={720}>
          {t('emu.lead')}
        </Text>
        <UnitPicker label={t('emu.unit')} value={unit} onChange={setUnit} maw={520} />
        <ErrorAlert error={list.error} />
        {list.isFetching && !list.data ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
        {list.data && !list.data.items.length ? <Text c="dimmed">{t('emu.none')}</Text> : null}
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('emu.title')}>
          {list.data?.items.map((s) => (
            <Card key={s.id} withBorder padding="sm" component="li">
              <Group justify="space-between" gap="xs" wrap="wrap" align="flex-start">
                <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
                  <Anchor component={Link} to={`/thi-dua/${s.id}` as '/'} fw={600} className="loa-break">
                    {s.title}
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    {t('emu.listLine', { level: unitTypeLabel(s.unitType), period: periodKindLabel(s.periodKind), from: formatDate(s.startsOn), to: formatDate(s.endsOn) })}
                  </Text>
                </Stack>
                <Badge variant="light">{t('emu.criteriaCount', { n: s.criteria })}</Badge>
              </Group>
            </Card>
          ))}
        </Stack>
      </Stack>
    </>
  );
}
