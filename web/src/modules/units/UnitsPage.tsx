import { Anchor, Card, Grid, Group, Stack, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link, useNavigate } from '@tanstack/react-router';
import { t } from '../../i18n';
import { PageHeader } from '../../ui/PageHeader';
import { useIsMobile } from '../../ui/useMobile';
import { UnitDetailPanel } from './UnitDetailPanel';
import { UnitSearch } from './UnitSearch';
import { UnitTree } from './UnitTree';

/** Units: search and tree on the left, the chosen unit on the right (a page of its own on phones). */
export function UnitsPage({ selectedId }: { selectedId?: number }) {
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const open = (id: number) => void navigate({ to: '/don-vi/$id', params: { id: String(id) } });
  const browser = (
    <Stack gap="sm">
      <UnitSearch onOpen={open} />
      <UnitTree selectedId={selectedId} onOpen={open} />
    </Stack>
  );
  if (isMobile) {
    return selectedId ? (
      <Stack gap="sm">
        <Anchor component={Link} to="/don-vi" size="sm">
          <Group gap={4}>
            <IconArrowLeft size={16} />
            {t('units.backToList')}
          </Group>
        </Anchor>
        <UnitDetailPanel id={selectedId} />
      </Stack>
    ) : (
      <>
        <PageHeader title={t('units.title')} />
        {browser}
      </>
    );
  }
  return (
    <>
      <PageHeader title={t('units.title')} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
          <Card withBorder padding="sm">
            {browser}
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
          {selectedId ? (
            <UnitDetailPanel id={selectedId} />
          ) : (
            <Card withBorder>
              <Text c="dimmed">{t('units.pickHint')}</Text>
            </Card>
          )}
        </Grid.Col>
      </Grid>
    </>
  );
}
