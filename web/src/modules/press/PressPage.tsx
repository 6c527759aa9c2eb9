import { ScrollArea, Stack, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import { t } from '../../i18n';
import { PageHeader } from '../../ui/PageHeader';
import { UnitPicker } from '../../ui/UnitPicker';
import { useArticleUnit } from '../newsroom/useArticleUnit';
import { BriefingsTab } from './BriefingsTab';
import { CorrectionsTab } from './CorrectionsTab';
import { IssuesTab } from './IssuesTab';
import { OutletsTab } from './OutletsTab';
import { QuestionsTab } from './QuestionsTab';
import { ReleasesTab } from './ReleasesTab';

export type PressTab = 'questions' | 'releases' | 'briefings' | 'issues' | 'corrections' | 'outlets';
const tabs: PressTab[] = ['questions', 'releases', 'briefings', 'issues', 'corrections', 'outlets'];
const tabLabel: Record<PressTab, () => string> = {
  questions: () => t('press.tab.questions'),
  releases: () => t('press.tab.releases'),
  briefings: () => t('press.tab.briefings'),
  issues: () => t('press.tab.issues'),
  corrections: () => t('press.tab.corrections'),
  outlets: () => t('press.tab.outlets'),
};

/** The press office: questions board, releases, briefings and compliance, the issues library, corrections, outlets. */
export function PressPage({ initialTab = 'questions' }: { initialTab?: PressTab }) {
  const [unit, setUnit] = useArticleUnit('monitoring.read');
  const [tab, setTab] = useState<PressTab>(initialTab);
  return (
    <>
      <PageHeader title={t('press.title')} />
      <Stack gap="sm">
        <Text size="sm" c="dimmed" maw={720}>
          {t('press.lead')}
        </Text>
        <UnitPicker label={t('press.unit')} value={unit} onChange={setUnit} maw={520} />
        <Tabs value={tab} onChange={(v) => setTab((v as PressTab) ?? 'questions')} keepMounted={false}>
          <ScrollArea type="never">
            <Tabs.List aria-label={t('press.tabs')} style={{ flexWrap: 'nowrap' }}>
              {tabs.map((x) => (
                <Tabs.Tab key={x} value={x} style={{ whiteSpace: 'nowrap' }}>
                  {tabLabel[x]()}
                </Tabs.Tab>
              ))}
            </Tabs.List>
          </ScrollArea>
          {!unit ? (
            <Text c="dimmed" mt="md">
              {t('press.pickUnit')}
            </Text>
          ) : (
            <>
              <Tabs.Panel value="questions" pt="md">
                <QuestionsTab unitId={unit.id} />
              </Tabs.Panel>
              <Tabs.Panel value="releases" pt="md">
                <ReleasesTab unitId={unit.id} />
              </Tabs.Panel>
              <Tabs.Panel value="briefings" pt="md">
                <BriefingsTab unitId={unit.id} />
              </Tabs.Panel>
              <Tabs.Panel value="issues" pt="md">
                <IssuesTab unitId={unit.id} />
              </Tabs.Panel>
              <Tabs.Panel value="corrections" pt="md">
                <CorrectionsTab unitId={unit.id} />
              </Tabs.Panel>
              <Tabs.Panel value="outlets" pt="md">
                <OutletsTab unitId={unit.id} />
              </Tabs.Panel>
            </>
          )}
        </Tabs>
      </Stack>
    </>
  );
}
