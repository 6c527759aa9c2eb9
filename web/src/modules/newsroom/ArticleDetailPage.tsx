import { Alert, Badge, Button, Card, Group, Loader, Stack, Tabs, Text, Textarea, Title } from '@mantine/core';
import { IconAlertTriangle, IconLock, IconMessage } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type Article, articlesApi } from '../../api/newsroom';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { can } from '../auth/permissions';
import { useUser } from '../auth/session';
import { ArticleDistribution } from '../distribution/ArticleDistribution';
import { ArticleActions } from './ArticleActions';
import { ArticlePreview, ConsentChecklist } from './ArticlePreview';
import { ArticleStatusBadge, ReviewPendingBadge } from './ArticlesPage';
import { BackToArticles } from './BackToArticles';
import { articleKey, articlePartKey } from './keys';
import { articleStatusColor, articleStatusLabel, formatVnDateTime } from './labels';

/** One article: how it will look, where it stands, what the user may do with it, its comments and versions. */
export function ArticleDetailPage({ id }: { id: number }) {
  const user = useUser();
  const [tab, setTab] = useState<string>('preview');
  const article = useQuery({ queryKey: articleKey(id), queryFn: () => articlesApi.get(id) });
  if (article.isPending) return <Loader aria-label={t('common.loading')} />;
  if (article.isError) {
    return (
      <Stack gap="sm">
        <BackToArticles />
        <ErrorAlert error={article.error} />
      </Stack>
    );
  }
  const a = article.data;
  return (
    <Stack gap="sm" maw={1100}>
      <BackToArticles />
      <Card withBorder padding="md">
        <Stack gap="sm">
          <Group gap="xs" wrap="wrap">
            <ArticleStatusBadge status={a.status} />
            {a.isReviewPending ? <ReviewPendingBadge /> : null}
            {a.isOnSectorPortal ? (
              <Badge variant="outline" color="indigo">
                {t('articles.onSectorPortal')}
              </Badge>
            ) : null}
          </Group>
          <Title order={2} fz={{ base: 'h4', sm: 'h3' }} className="loa-break">
            {a.title}
          </Title>
          <Meta a={a} />
          {a.isForcePublished && a.forceReason ? (
            <Alert color="orange" icon={<IconAlertTriangle size={18} />} p="xs" title={t('articleDetail.forced')}>
              <Text size="sm" className="loa-break">
                {t('articleDetail.forceReason', { reason: a.forceReason })}
              </Text>
              {a.isReviewPending ? <Text size="sm">{t('articleDetail.reviewPendingHint')}</Text> : null}
            </Alert>
          ) : null}
          {a.status === 'withdrawn' && a.withdrawnReason ? (
            <Alert color="red" p="xs" title={t('articleDetail.withdrawn')}>
              <Text size="sm" className="loa-break">
                {a.withdrawnReason}
              </Text>
            </Alert>
          ) : null}
          {a.lockedBy && a.lockedBy.id !== user.id ? (
            <Group gap={6} wrap="nowrap">
              <IconLock size={16} color="var(--mantine-color-orange-7)" style={{ flex: 'none' }} />
              <Text size="sm" c="orange.8">
                {t('articleDetail.lockedBy', { name: a.lockedBy.name, until: formatVnDateTime(a.lockedUntil) })}
              </Text>
            </Group>
          ) : null}
          <ArticleActions article={a} />
        </Stack>
      </Card>
      <Card withBorder padding="md">
        <Stack gap={6}>
          <Text fw={600}>{t('consentCheck.title')}</Text>
          <ConsentChecklist gaps={a.consentGaps} />
        </Stack>
      </Card>
      <Tabs value={tab} onChange={(v) => v && setTab(v)} keepMounted={false}>
        <Tabs.List aria-label={t('articleDetail.parts')}>
          <Tabs.Tab value="preview">{t('articleDetail.preview')}</Tabs.Tab>
          {a.status === 'published' || a.status === 'scheduled' ? <Tabs.Tab value="distribution">{t('articleDetail.distribution')}</Tabs.Tab> : null}
          <Tabs.Tab value="comments">{t('articleDetail.comments')}</Tabs.Tab>
          <Tabs.Tab value="versions">{t('articleDetail.versions')}</Tabs.Tab>
        </Tabs.List>
        <Card withBorder mt="sm" padding="md">
          <Tabs.Panel value="preview">
            <ArticlePreview a={{ ...a, publishedAt: a.publishedAt }} />
          </Tabs.Panel>
          <Tabs.Panel value="distribution">
            <ArticleDistribution articleId={a.id} />
          </Tabs.Panel>
          <Tabs.Panel value="comments">
            <CommentsTab articleId={a.id} />
          </Tabs.Panel>
          <Tabs.Panel value="versions">
            <VersionsTab articleId={a.id} />
          </Tabs.Panel>
        </Card>
      </Tabs>
    </Stack>
  );
}

function Meta({ a }: { a: Article }) {
  const rows: [string, string][] = [
    [t('articleDetail.unit'), a.unitName],
    [t('articleDetail.author'), a.authorName ?? '—'],
    [t('articleDetail.updated'), formatDateTime(a.updatedAt)],
  ];
  if (a.submittedAt) rows.push([t('articleDetail.submitted'), formatDateTime(a.submittedAt)]);
  if (a.approvedAt) rows.push([t('articleDetail.approved'), formatDateTime(a.approvedAt)]);
  if (a.status === 'scheduled' && a.scheduledAt) rows.push([t('articleDetail.scheduled'), formatVnDateTime(a.scheduledAt)]);
  if (a.publishedAt) rows.push([t('articleDetail.published'), formatDateTime(a.publishedAt)]);
  if (a.withdrawnAt) rows.push([t('articleDetail.withdrawnAt'), formatDateTime(a.withdrawnAt)]);
  return (
    <Stack gap={2} component="dl" m={0}>
      {rows.map(([k, v]) => (
        <Group key={k} gap={6} wrap="nowrap" align="flex-start">
          <Text component="dt" size="sm" c="dimmed" w={110} style={{ flex: 'none' }}>
            {k}
          </Text>
          <Text component="dd" size="sm" m={0} className="loa-break">
            {v}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

function CommentsTab({ articleId }: { articleId: number }) {
  const user = useUser();
  const qc = useQueryClient();
  const [body, setBody] = useState('');
  const list = useQuery({ queryKey: articlePartKey(articleId, 'comments'), queryFn: () => articlesApi.comments(articleId) });
  const add = useMutation({
    mutationFn: () => articlesApi.addComment(articleId, body.trim()),
    onSuccess: async () => {
      setBody('');
      await qc.invalidateQueries({ queryKey: articlePartKey(articleId, 'comments') });
    },
  });
  return (
    <Stack gap="md">
      {list.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      <ErrorAlert error={list.error} />
      {list.data && list.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('articleDetail.noComments')}
        </Text>
      ) : null}
      {list.data?.items.map((c) => (
        <Card key={c.id} withBorder padding="xs">
          <Group justify="space-between" gap="xs">
            <Text size="sm" fw={600}>
              {c.authorName}
            </Text>
            <Text size="xs" c="dimmed">
              {formatDateTime(c.createdAt)}
            </Text>
          </Group>
          <Text size="sm" className="loa-break" style={{ whiteSpace: 'pre-wrap' }}>
            {c.body}
          </Text>
        </Card>
      ))}
      {can(user, 'articles.write') ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (body.trim()) add.mutate();
          }}
        >
          <Stack gap="xs">
            <Textarea label={t('articleDetail.newComment')} autosize minRows={2} value={body} onChange={(e) => setBody(e.currentTarget.value)} />
            <ErrorAlert error={add.error} />
            <Group>
              <Button type="submit" leftSection={<IconMessage size={16} />} loading={add.isPending} disabled={!body.trim()}>
                {t('articleDetail.sendComment')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Stack>
  );
}

function VersionsTab({ articleId }: { articleId: number }) {
  const list = useQuery({ queryKey: articlePartKey(articleId, 'versions'), queryFn: () => articlesApi.versions(articleId) });
  if (list.isPending) return <Loader aria-label={t('common.loading')} />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  if (!list.data.items.length) return <Text c="dimmed">{t('articleDetail.noVersions')}</Text>;
  return (
    <Stack gap="xs" component="ol" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('articleDetail.versions')}>
      {list.data.items.map((v) => (
        <Group key={v.version} component="li" gap="xs" wrap="wrap" py={4} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
          <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
            {t('articleDetail.version', { n: v.version })}
          </Text>
          {v.status ? (
            <Badge size="sm" variant="light" color={articleStatusColor(v.status)}>
              {articleStatusLabel(v.status)}
            </Badge>
          ) : null}
          <Text size="sm">{v.authorName ?? '—'}</Text>
          <Text size="xs" c="dimmed">
            {formatDateTime(v.createdAt)}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
