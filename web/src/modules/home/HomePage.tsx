import { Grid } from '@mantine/core';
import { t } from '../../i18n';
import { PageHeader } from '../../ui/PageHeader';
import { useUser } from '../auth/session';
import { homePanels } from './panels';

/** The dashboard: a grid of panels; add a panel by adding it to `homePanels`. */
export function HomePage() {
  const user = useUser();
  return (
    <>
      <PageHeader title={t('home.title')} />
      <Grid gap="md">
        {homePanels
          .filter((p) => !p.isVisible || p.isVisible(user))
          .map((p) => (
            <Grid.Col key={p.id} span={p.span}>
              <p.component />
            </Grid.Col>
          ))}
      </Grid>
    </>
  );
}
