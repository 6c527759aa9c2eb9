import { Anchor, Badge, Button, Card, Group, Loader, NumberInput, Progress, SegmentedControl, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { IconCloudDownload, IconDownload, IconSearch } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import {
  type SiteImportKind,
  type SiteImportMode,
  type SiteImportOutcome,
  type SiteImportRun,
  type SiteImportRunSummary,
  siteImportApi,
  siteImportKey,
} from '../../api/siteimport';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { UnitPicker } from '../../ui/UnitPicker';
import { useArticleUnit } from '../newsroom/useArticleUnit';

// dark shades in outline badges: readable (WCAG AA contrast) on white
const outcomeColor: Record<SiteImportOutcome, string> = { taken: 'teal.9', skipped: 'gray.8', failed: 'red.9' };
const outcomeLabel = (o: SiteImportOutcome) => t(`siteImport.outcome.${o}`);
const statusLabel = (s: SiteImportRunSummary['status']) => t(`siteImport.status.${s}`);

/** "Chuyển dữ liệu từ trang cũ": point at the old site's feed or sitemap, preview, start, follow the progress, read the report. */
export function SiteImportPage() {
  const [unit, setUnit] = useArticleUnit('sites.write', { isRemembered: false });
  const [url, setUrl] = useState('');
  const [kind, setKind] = useState<SiteImportKind>('rss');
  const [mode, setMode] = useState<SiteImportMode>('publish');
  const [limit, setLimit] = useState<number>(200);
  const [runId, setRunId] = useState<number | null>(null);
  const qc = useQueryClient();

  const preview = useMutation({ mutationFn: () => siteImportApi.preview({ unitId: unit?.id ?? 0, url: url.trim(), kind }) });
  const start = useMutation({
    mutationFn: () => siteImportApi.start({ unitId: unit?.id ?? 0, url: url.trim(), kind, mode, limit }),
    onSuccess: (run) => {
      setRunId(run.id);
      void qc.invalidateQueries({ queryKey: siteImportKey });
    },
  });
  const runs = useQuery({
    queryKey: [...siteImportKey, 'list', unit?.id],
    queryFn: () => siteImportApi.list(unit?.id ?? 0),
    enabled: !!unit,
  });

  return (
    <>
      <PageHeader title={t('siteImport.title')} />
      <Stack gap="md">
        <Text size="sm" maw={720}>
          {t('siteImport.lead')}
        </Text>
        <Card withBorder>
          <Stack gap="sm">
            <UnitPicker className="loa-unit-picker" label={t('siteImport.unit')} value={unit} onChange={setUnit} maw={520} />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="site-import-kind">
                {t('siteImport.kind')}
              </Text>
              <SegmentedControl
                aria-labelledby="site-import-kind"
                value={kind}
                onChange={(v) => {
                  setKind(v as SiteImportKind);
                  preview.reset();
                }}
                data={[
                  { value: 'rss', label: t('siteImport.kind.rss') },
                  { value: 'sitemap', label: t('siteImport.kind.sitemap') },
                ]}
                maw={420}
              />
            </Stack>
            <Stack gap={4} maw={640}>
              <TextInput
                label={t('siteImport.url')}
                aria-describedby="site-import-url-help"
                placeholder={t('siteImport.urlPlaceholder')}
                value={url}
                onChange={(e) => {
                  setUrl(e.currentTarget.value);
                  preview.reset();
                }}
                inputMode="url"
              />
              <Text size="xs" c="gray.7" id="site-import-url-help">
                {kind === 'rss' ? t('siteImport.urlHelpRss') : t('siteImport.urlHelpSitemap')}
              </Text>
            </Stack>
            <Group gap="sm" align="flex-end" wrap="wrap">
              <Stack gap={4}>
                <Text size="sm" fw={500} id="site-import-mode">
                  {t('siteImport.mode')}
                </Text>
                <SegmentedControl
                  aria-labelledby="site-import-mode"
                  value={mode}
                  onChange={(v) => setMode(v as SiteImportMode)}
                  data={[
                    { value: 'publish', label: t('siteImport.mode.publish') },
                    { value: 'draft', label: t('siteImport.mode.draft') },
                  ]}
                />
              </Stack>
              <NumberInput label={t('siteImport.limit')} value={limit} onChange={(v) => setLimit(Number(v) || 1)} min={1} max={2000} w={140} />
            </Group>
            <Group gap="sm">
              <Button variant="default" leftSection={<IconSearch size={16} />} onClick={() => preview.mutate()} loading={preview.isPending} disabled={!unit || !url.trim()}>
                {t('siteImport.preview')}
              </Button>
              <Button color="indigo.8" leftSection={<IconCloudDownload size={16} />} onClick={() => start.mutate()} loading={start.isPending} disabled={!unit || !url.trim()}>
                {t('siteImport.start')}
              </Button>
            </Group>
            <ErrorAlert error={preview.error ?? start.error} />
            {preview.data ? (
              <Stack gap={2} role="status" p="sm" style={{ border: '1px solid var(--mantine-color-indigo-3)', borderRadius: 'var(--mantine-radius-md)' }}>
                <Text fw={600}>{t('siteImport.previewTitle', { n: preview.data.total })}</Text>
                {preview.data.items.slice(0, 5).map((x) => (
                  <Text key={x.url} size="sm" className="loa-break">
                    {x.title ?? x.url}
                  </Text>
                ))}
                {preview.data.total > 5 ? <Text size="sm">{t('siteImport.previewMore', { n: preview.data.total - 5 })}</Text> : null}
              </Stack>
            ) : null}
          </Stack>
        </Card>
        {runId ? <RunProgress runId={runId} /> : null}
        <Stack gap="xs">
          <Text fw={600}>{t('siteImport.history')}</Text>
          {runs.isPending && unit ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
          <ErrorAlert error={runs.error} />
          {runs.data && runs.data.items.length === 0 ? <Text c="gray.7">{t('siteImport.noRuns')}</Text> : null}
          {runs.data?.items.map((r) => (
            <Card key={r.id} withBorder padding="xs">
              <Group gap="xs" justify="space-between" wrap="wrap">
                <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
                  <Text size="sm" fw={500} className="loa-break">
                    {r.sourceUrl}
                  </Text>
                  <Text size="xs" c="gray.7">
                    {t('siteImport.runLine', { at: formatDateTime(r.createdAt), taken: r.taken, skipped: r.skipped, failed: r.failed })}
                  </Text>
                </Stack>
                <Group gap="xs">
                  <Badge variant="outline" color={r.status === 'failed' ? 'red.9' : r.status === 'done' ? 'teal.9' : 'indigo.9'}>
                    {statusLabel(r.status)}
                  </Badge>
                  <Button size="compact-sm" variant="subtle" onClick={() => setRunId(r.id)}>
                    {t('siteImport.showReport')}
                  </Button>
                </Group>
              </Group>
            </Card>
          ))}
        </Stack>
      </Stack>
    </>
  );
}

function RunProgress({ runId }: { runId: number }) {
  const qc = useQueryClient();
  const run = useQuery({
    queryKey: [...siteImportKey, 'run', runId],
    queryFn: async () => {
      const r = await siteImportApi.get(runId);
      if (r.status === 'done' || r.status === 'failed') void qc.invalidateQueries({ queryKey: [...siteImportKey, 'list'] });
      return r;
    },
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 1000),
  });
  if (run.isPending) return <Loader aria-label={t('common.loading')} />;
  if (run.error) return <ErrorAlert error={run.error} />;
  const r = run.data;
  const isOver = r.status === 'done' || r.status === 'failed';
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Text fw={600} className="loa-break">
          {t('siteImport.runTitle', { url: r.sourceUrl })}
        </Text>
        <Progress
          value={r.percent}
          size="xl"
          animated={!isOver}
          color={r.status === 'failed' ? 'red' : r.status === 'done' ? 'teal' : 'indigo'}
          aria-label={t('siteImport.progress')}
        />
        <Text size="sm" data-testid="site-import-progress">
          {t('siteImport.progressText', { done: r.done, total: r.total, pct: r.percent })}
        </Text>
        {r.status === 'failed' ? (
          <Stack gap={2} role="alert">
            <Text fw={600} c="red.9">
              {t('siteImport.failedTitle')}
            </Text>
            <Text size="sm" className="loa-break">
              {r.error}
            </Text>
          </Stack>
        ) : null}
        {r.status === 'done' ? (
          <Text role="status" fw={600} c="teal.9">
            {t('siteImport.doneText', { taken: r.taken, skipped: r.skipped, failed: r.failed })}
          </Text>
        ) : null}
        {r.report.length ? <Report run={r} /> : null}
      </Stack>
    </Card>
  );
}

function Report({ run }: { run: SiteImportRun }) {
  const [tab, setTab] = useState<string>('all');
  const items = run.report.filter((x) => tab === 'all' || x.outcome === tab);
  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Tabs value={tab} onChange={(v) => setTab(v ?? 'all')}>
          <Tabs.List aria-label={t('siteImport.reportFilter')}>
            <Tabs.Tab value="all">{t('siteImport.tab.all', { n: run.report.length })}</Tabs.Tab>
            <Tabs.Tab value="taken">{t('siteImport.tab.taken', { n: run.taken })}</Tabs.Tab>
            <Tabs.Tab value="skipped">{t('siteImport.tab.skipped', { n: run.skipped })}</Tabs.Tab>
            <Tabs.Tab value="failed">{t('siteImport.tab.failed', { n: run.failed })}</Tabs.Tab>
          </Tabs.List>
        </Tabs>
        <Button component="a" href={siteImportApi.reportUrl(run.id)} variant="default" size="compact-sm" leftSection={<IconDownload size={14} />}>
          {t('siteImport.downloadCsv')}
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={0} type="native">
        <Table verticalSpacing="xs" aria-label={t('siteImport.reportLabel')} style={{ tableLayout: 'fixed', width: '100%' }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('siteImport.col.page')}</Table.Th>
              <Table.Th w={110}>{t('siteImport.col.outcome')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((x) => (
              <Table.Tr key={x.url}>
                <Table.Td>
                  <Stack gap={2} style={{ minWidth: 0 }}>
                    {x.articleId ? (
                      <Anchor component={Link} to={`/tin-bai/${x.articleId}`} size="sm" fw={500} className="loa-break">
                        {x.title ?? x.url}
                      </Anchor>
                    ) : (
                      <Text size="sm" fw={500} className="loa-break">
                        {x.title ?? x.url}
                      </Text>
                    )}
                    <Text size="xs" c="gray.7" className="loa-break">
                      {x.url}
                    </Text>
                    {[x.reason, ...(x.notes ?? [])].filter(Boolean).map((n) => (
                      <Text key={n} size="xs" className="loa-break">
                        {n}
                      </Text>
                    ))}
                    {x.images ? (
                      <Text size="xs" c="gray.7">
                        {t('siteImport.images', { n: x.images })}
                      </Text>
                    ) : null}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Badge variant="outline" color={outcomeColor[x.outcome]}>
                    {outcomeLabel(x.outcome)}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
