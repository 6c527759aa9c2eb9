import { Anchor, Badge, Button, Card, Group, Loader, Pagination, ScrollArea, Stack, Switch, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCalendarEvent, IconChartGridDots, IconFileCertificate, IconPencilPlus, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { type ArticleListItem, type ArticleStatus, articleStatuses, articlesApi } from '../../api/newsroom';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { UnitPicker } from '../../ui/UnitPicker';
import { useIsMobile } from '../../ui/useMobile';
import { can } from '../auth/permissions';
import { useUser } from '../auth/session';
import { articlesKey } from './keys';
import { articleStatusColor, articleStatusLabel } from './labels';
import { Thumb } from './Thumb';
import { useArticleUnit } from './useArticleUnit';

const pageSize = 20;

export function ArticleStatusBadge({ status }: { status: string }) {
  return (
    <Badge variant="light" color={articleStatusColor(status)} style={{ flex: 'none' }}>
      {articleStatusLabel(status)}
    </Badge>
  );
}

export function ReviewPendingBadge() {
  return (
    <Badge variant="filled" color="orange" style={{ flex: 'none' }}>
      {t('articles.reviewPending')}
    </Badge>
  );
}

/** Articles of a unit's subtree: filter by status, search, "mine"; write a new one. */
export function ArticlesPage() {
  const user = useUser();
  const isMobile = useIsMobile();
  const [unit, setUnit] = useArticleUnit('articles.read');
  const [status, setStatus] = useState<string>('all');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [isMine, setMine] = useState(false);
  const [page, setPage] = useState(1);
  const canWrite = can(user, 'articles.write');
  const query = {
    unitId: unit?.id ?? 0,
    status: status === 'all' ? null : (status as ArticleStatus),
    q,
    mine: isMine,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  };
  const list = useQuery({
    queryKey: [...articlesKey, 'list', query],
    queryFn: () => articlesApi.list(query),
    enabled: !!unit,
    placeholderData: (prev) => prev,
  });
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / pageSize));
  const tabs = (
    <Tabs
      value={status}
      onChange={(v) => {
        setStatus(v ?? 'all');
        setPage(1);
      }}
    >
      <Tabs.List aria-label={t('articles.statusFilter')} style={isMobile ? { flexWrap: 'nowrap' } : undefined}>
        <Tabs.Tab value="all">{t('articles.allStatuses')}</Tabs.Tab>
        {articleStatuses.map((s) => (
          <Tabs.Tab key={s} value={s} style={{ whiteSpace: 'nowrap' }}>
            {articleStatusLabel(s)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
  return (
    <>
      <PageHeader
        title={t('articles.title')}
        actions={
          canWrite ? (
            <Button component={Link} to="/tin-bai/moi" leftSection={<IconPencilPlus size={16} />}>
              {t('articles.new')}
            </Button>
          ) : null
        }
      />
      <Group gap="xs" mt={-8} mb="sm">
        <Button component={Link} to="/tin-bai/chi-tieu-tuan" size="xs" variant="light" leftSection={<IconChartGridDots size={14} />}>
          {t('quota.title')}
        </Button>
        <Button component={Link} to="/tin-bai/lich" size="xs" variant="light" leftSection={<IconCalendarEvent size={14} />}>
          {t('calendar.title')}
        </Button>
        {canWrite ? (
          <Button component={Link} to="/tin-bai/dong-y" size="xs" variant="light" leftSection={<IconFileCertificate size={14} />}>
            {t('consents.title')}
          </Button>
        ) : null}
      </Group>
      <Stack gap="sm">
        <UnitPicker
          label={t('articles.unit')}
          description={t('articles.unitHint')}
          value={unit}
          onChange={(u) => {
            setUnit(u);
            setPage(1);
          }}
          maw={520}
        />
        {isMobile ? (
          <ScrollArea type="never" offsetScrollbars={false}>
            {tabs}
          </ScrollArea>
        ) : (
          tabs
        )}
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label={t('articles.search')}
            placeholder={t('articles.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              setPage(1);
            }}
            w={{ base: '100%', xs: 320 }}
          />
          <Switch
            label={t('articles.mine')}
            checked={isMine}
            onChange={(e) => {
              setMine(e.currentTarget.checked);
              setPage(1);
            }}
            mb={8}
          />
          {list.data ? (
            <Text size="sm" c="dimmed" mb={8} ml="auto">
              {t('articles.count', { n: list.data.total })}
            </Text>
          ) : null}
        </Group>
        {!unit ? <Text c="dimmed">{t('articles.pickUnit')}</Text> : null}
        {unit && list.isPending ? <Loader aria-label={t('common.loading')} /> : null}
        <ErrorAlert error={list.error} />
        {list.data && list.data.items.length === 0 ? <Text c="dimmed">{t('articles.none')}</Text> : null}
        {list.data && list.data.items.length > 0 ? (
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('articles.listLabel')}>
            {list.data.items.map((a) => (
              <ArticleRow key={a.id} a={a} isMobile={isMobile} />
            ))}
          </Stack>
        ) : null}
        {pages > 1 ? <Pagination total={pages} value={page} onChange={setPage} size="sm" siblings={isMobile ? 0 : 1} /> : null}
      </Stack>
    </>
  );
}

function ArticleRow({ a, isMobile }: { a: ArticleListItem; isMobile: boolean }) {
  const when = a.publishedAt
    ? t('articles.publishedAt', { at: formatDateTime(a.publishedAt) })
    : a.scheduledAt && a.status === 'scheduled'
      ? t('articles.scheduledAt', { at: formatDateTime(a.scheduledAt) })
      : t('articles.updatedAt', { at: formatDateTime(a.updatedAt) });
  return (
    <Card component="li" withBorder padding="xs">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Thumb src={a.thumbUrl} alt={a.title} w={isMobile ? 72 : 112} h={isMobile ? 54 : 76} />
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Anchor component={Link} to={`/tin-bai/${a.id}`} fw={600} className="loa-break" lineClamp={3}>
            {a.title}
          </Anchor>
          <Text size="xs" c="dimmed" className="loa-break">
            {[a.unitName, a.authorName].filter(Boolean).join(' · ')}
          </Text>
          <Text size="xs" c="dimmed">
            {when}
          </Text>
          <Group gap={4} mt={2}>
            <ArticleStatusBadge status={a.status} />
            {a.isReviewPending ? <ReviewPendingBadge /> : null}
          </Group>
        </Stack>
      </Group>
    </Card>
  );
}
