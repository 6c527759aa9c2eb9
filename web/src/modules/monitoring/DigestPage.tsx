import { Anchor, Badge, Button, Card, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconDownload, IconPrinter } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { insightsApi, insightsKey, todayVn } from '../../api/monitoring-insights';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { UnitPicker } from '../../ui/UnitPicker';
import { useArticleUnit } from '../newsroom/useArticleUnit';
import { ToneBadge } from './InboxPage';
import { categoryLabel } from './insights';

/** The daily press digest "Điểm tin báo chí ngày dd/mm/yyyy" of a unit: on screen, printable, and as a Word file. */
export function DigestPage({ initialDay }: { initialDay?: string }) {
  const [unit, setUnit] = useArticleUnit('monitoring.read', { isRemembered: false });
  const [day, setDay] = useState(initialDay ?? todayVn());
  const isDay = /^\d{4}-\d{2}-\d{2}$/.test(day);
  const d = useQuery({ queryKey: [...insightsKey, 'digest', unit?.id, day], queryFn: () => insightsApi.digest(unit?.id as number, day), enabled: !!unit && isDay });
  return (
    <>
      <PageHeader
        title={t('mi.digest.title')}
        actions={
          d.data ? (
            <>
              <Button color="indigo.9" component="a" href={insightsApi.digestDocxUrl(d.data.unitId, d.data.day)} variant="light" leftSection={<IconDownload size={16} />}>
                {t('mi.digest.docx')}
              </Button>
              <Button color="indigo.9" variant="default" leftSection={<IconPrinter size={16} />} onClick={() => window.print()}>
                {t('mi.digest.print')}
              </Button>
            </>
          ) : null
        }
      />
      <Stack gap="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <UnitPicker className="loa-unit-picker" label={t('mi.unit')} value={unit} onChange={setUnit} w={{ base: '100%', sm: 420 }} />
          <TextInput type="date" label={t('mi.digest.day')} value={day} onChange={(e) => setDay(e.currentTarget.value)} w={{ base: '100%', xs: 200 }} />
        </Group>
        {unit && d.isPending && isDay ? <Loader aria-label={t('common.loading')} /> : null}
        <ErrorAlert error={d.error} />
        {d.data ? (
          <Card withBorder padding="md" component="article" aria-label={d.data.title}>
            <Stack gap="sm">
              <Text ta="center" fw={600} tt="uppercase" className="loa-break">
                {d.data.unitName}
              </Text>
              <Title order={3} ta="center">
                {d.data.title}
              </Title>
              <Text ta="center" size="sm" fs="italic">
                {t('mi.digest.window', { from: formatDateTime(d.data.from), to: formatDateTime(d.data.to) })}
              </Text>
              <Text size="sm">{t('mi.digest.totals', { ...d.data.totals })}</Text>
              {d.data.totals.stories === 0 ? <Text c="gray.7">{t('mi.digest.empty')}</Text> : null}
              {d.data.sections
                .filter((s) => s.stories.length)
                .map((s) => (
                  <Stack key={s.tone} gap={6}>
                    <Title order={4}>{t(`mi.digest.section.${s.tone}` as 'mi.digest.section.negative', { n: s.stories.length })}</Title>
                    <Stack component="ol" gap={8} style={{ margin: 0, paddingLeft: 20 }}>
                      {s.stories.map((x) => (
                        <li key={x.id}>
                          <Anchor c="indigo.9" component={Link} to={`/theo-doi/tin/${x.id}`} fw={600} className="loa-break">
                            {x.title}
                          </Anchor>
                          <Text size="xs" c="gray.7" className="loa-break">
                            {[x.source, t('mi.copies', { n: x.itemCount }), x.units.join(', ')].filter(Boolean).join(' · ')}
                          </Text>
                          <Group gap={4}>
                            <ToneBadge tone={x.tone} />
                            {x.categories.map((c) => (
                              <Badge key={c} variant="outline" color="gray.8">
                                {categoryLabel(c)}
                              </Badge>
                            ))}
                            {x.link ? (
                              <Anchor c="indigo.9" href={x.link} target="_blank" rel="noreferrer noopener" size="xs">
                                {t('mi.digest.original')}
                              </Anchor>
                            ) : null}
                          </Group>
                        </li>
                      ))}
                    </Stack>
                  </Stack>
                ))}
            </Stack>
          </Card>
        ) : null}
      </Stack>
    </>
  );
}
