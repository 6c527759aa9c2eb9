import { ScrollArea, Stack, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import { t } from '../../i18n';
import { PageHeader } from '../../ui/PageHeader';
import { UnitPicker } from '../../ui/UnitPicker';
import { AdmissionsTab } from './AdmissionsTab';
import { AlbumsTab } from './AlbumsTab';
import { FaqTab, LinksTab } from './FaqLinksTab';
import { ScheduleTab } from './ScheduleTab';
import { VideosTab } from './VideosTab';
import { useSiteUnit } from './useSiteUnit';

const tabs = ['admissions', 'schedule', 'albums', 'videos', 'faq', 'links'] as const;
type Tab = (typeof tabs)[number];
const tabLabel: Record<Tab, () => string> = {
  admissions: () => t('sc.tab.admissions'),
  schedule: () => t('sc.tab.schedule'),
  albums: () => t('sc.tab.albums'),
  videos: () => t('sc.tab.videos'),
  faq: () => t('sc.tab.faq'),
  links: () => t('sc.tab.links'),
};

/** The unit site's own content: admissions, work schedule, albums, videos, FAQ and links, one tab each. */
export function SiteContentPage() {
  const [unit, setUnit] = useSiteUnit();
  const [tab, setTab] = useState<Tab>(() => {
    const h = typeof window !== 'undefined' ? window.location.hash.slice(1) : '';
    return (tabs as readonly string[]).includes(h) ? (h as Tab) : 'admissions';
  });
  return (
    <>
      <PageHeader title={t('sc.title')} />
      <Stack gap="sm">
        <Text size="sm" c="dimmed" maw={720}>
          {t('sc.lead')}
        </Text>
        <UnitPicker label={t('sc.unit')} value={unit} onChange={setUnit} maw={520} />
        <ScrollArea type="never" offsetScrollbars={false}>
          <Tabs
            value={tab}
            onChange={(v) => {
              setTab((v as Tab) ?? 'admissions');
              history.replaceState(null, '', `#${v}`);
            }}
          >
            <Tabs.List aria-label={t('sc.tabs')} style={{ flexWrap: 'nowrap' }}>
              {tabs.map((x) => (
                <Tabs.Tab key={x} value={x} style={{ whiteSpace: 'nowrap' }}>
                  {tabLabel[x]()}
                </Tabs.Tab>
              ))}
            </Tabs.List>
          </Tabs>
        </ScrollArea>
        {unit && tab === 'admissions' && <AdmissionsTab key={unit.id} unitId={unit.id} />}
        {unit && tab === 'schedule' && <ScheduleTab key={unit.id} unitId={unit.id} />}
        {unit && tab === 'albums' && <AlbumsTab key={unit.id} unitId={unit.id} />}
        {unit && tab === 'videos' && <VideosTab key={unit.id} unitId={unit.id} />}
        {unit && tab === 'faq' && <FaqTab key={unit.id} unitId={unit.id} />}
        {unit && tab === 'links' && <LinksTab key={unit.id} unitId={unit.id} />}
      </Stack>
    </>
  );
}
