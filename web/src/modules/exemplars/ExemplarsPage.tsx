import { Anchor, Badge, Button, Card, Group, Loader, Pagination, ScrollArea, Select, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { type ExemplarKind, type ExemplarListItem, type ExemplarStatus, exemplarKinds, exemplarStatuses, exemplarsApi, recentSchoolYears } from '../../api/exemplars';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { UnitPicker } from '../../ui/UnitPicker';
import { useIsMobile } from '../../ui/useMobile';
import { can } from '../auth/permissions';
import { useUser } from '../auth/session';
import { Thumb } from '../newsroom/Thumb';
import { useArticleUnit } from '../newsroom/useArticleUnit';
import { exemplarKindLabel, exemplarStatusColor, exemplarStatusLabel, exemplarsKey, schoolYearLabel } from './labels';

const pageSize = 20;

export function ExemplarStatusBadge({ status }: { status: ExemplarStatus }) {
  return (
    <Badge variant="light" color={exemplarStatusColor(status)} style={{ flex: 'none' }}>
      {exemplarStatusLabel(status)}
    </Badge>
  );
}

/** Exemplars of a unit's subtree: status tabs, kind and school-year filters, search; nominate a new one. */
export function ExemplarsPage() {
  const user = useUser();
  const isMobile = useIsMobile();
  const [unit, setUnit] = useArticleUnit('articles.read');
  const [status, setStatus] = useState<string>('all');
  const [kind, setKind] = useState<string | null>(null);
  const [schoolYear, setSchoolYear] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const query = {
    unitId: unit?.id ?? 0,
    status: status === 'all' ? null : (status as ExemplarStatus),
    kind: (kind as ExemplarKind | null) ?? null,
    schoolYear,
    q,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  };
  const list = useQuery({
    queryKey: [...exemplarsKey, 'list', query],
    queryFn: () => exemplarsApi.list(query),
    enabled: !!unit,
    placeholderData: (prev) => prev,
  });
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / pageSize));
  const reset = () => setPage(1);
  const tabs = (
    <Tabs
      value={status}
      onChange={(v) => {
        setStatus(v ?? 'all');
        reset();
      }}
    >
      <Tabs.List aria-label={t('exemplars.statusFilter')} style={isMobile ? { flexWrap: 'nowrap' } : undefined}>
        <Tabs.Tab value="all">{t('exemplars.allStatuses')}</Tabs.Tab>
        {exemplarStatuses.map((s) => (
          <Tabs.Tab key={s} value={s} style={{ whiteSpace: 'nowrap' }}>
            {exemplarStatusLabel(s)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
  return (
    <>
      <PageHeader
        title={t('exemplars.title')}
        actions={
          can(user, 'articles.write') ? (
            <Button component={Link} to="/guong-dien-hinh/moi" leftSection={<IconUserPlus size={16} />}>
              {t('exemplars.new')}
            </Button>
          ) : null
        }
      />
      <Stack gap="sm">
        <Text size="sm" c="dimmed" maw={720}>
          {t('exemplars.lead')}
        </Text>
        <UnitPicker
          label={t('exemplars.unit')}
          value={unit}
          onChange={(u) => {
            setUnit(u);
            reset();
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
            label={t('exemplars.search')}
            placeholder={t('exemplars.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              reset();
            }}
            w={{ base: '100%', xs: 280 }}
          />
          <Select
            label={t('exemplars.kind')}
            placeholder={t('exemplars.allKinds')}
            data={exemplarKinds.map((k) => ({ value: k, label: exemplarKindLabel(k) }))}
            value={kind}
            onChange={(v) => {
              setKind(v);
              reset();
            }}
            clearable
            w={{ base: '100%', xs: 180 }}
          />
          <Select
            label={t('exemplars.schoolYear')}
            placeholder={t('exemplars.allYears')}
            data={recentSchoolYears().map((y) => ({ value: y, label: schoolYearLabel(y) }))}
            value={schoolYear}
            onChange={(v) => {
              setSchoolYear(v);
              reset();
            }}
            clearable
            w={{ base: '100%', xs: 160 }}
          />
          {list.data ? (
            <Text size="sm" c="dimmed" mb={8} ml="auto">
              {t('exemplars.count', { n: list.data.total })}
            </Text>
          ) : null}
        </Group>
        {!unit ? <Text c="dimmed">{t('exemplars.pickUnit')}</Text> : null}
        {unit && list.isPending ? <Loader aria-label={t('common.loading')} /> : null}
        <ErrorAlert error={list.error} />
        {list.data && list.data.items.length === 0 ? <Text c="dimmed">{t('exemplars.none')}</Text> : null}
        {list.data && list.data.items.length > 0 ? (
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('exemplars.listLabel')}>
            {list.data.items.map((e) => (
              <ExemplarRow key={e.id} e={e} isMobile={isMobile} />
            ))}
          </Stack>
        ) : null}
        {pages > 1 ? <Pagination total={pages} value={page} onChange={setPage} size="sm" siblings={isMobile ? 0 : 1} /> : null}
      </Stack>
    </>
  );
}

function ExemplarRow({ e, isMobile }: { e: ExemplarListItem; isMobile: boolean }) {
  return (
    <Card component="li" withBorder padding="xs">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Thumb src={e.thumbUrl} alt={e.name} w={isMobile ? 72 : 112} h={isMobile ? 54 : 76} />
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Anchor component={Link} to={`/guong-dien-hinh/${e.id}`} fw={600} className="loa-break" lineClamp={3}>
            {e.name}
          </Anchor>
          <Text size="xs" c="dimmed" className="loa-break">
            {[exemplarKindLabel(e.kind), e.title, e.unitName].filter(Boolean).join(' · ')}
          </Text>
          <Text size="xs" c="dimmed" className="loa-break">
            {e.publishedAt
              ? t('exemplars.publishedAt', { at: formatDateTime(e.publishedAt) })
              : t('exemplars.nominatedAt', { at: formatDateTime(e.nominatedAt), name: e.nominatedByName ?? '—' })}
          </Text>
          <Group gap={4} mt={2}>
            <ExemplarStatusBadge status={e.status} />
            <Badge variant="outline" color="gray" style={{ flex: 'none' }}>
              {schoolYearLabel(e.schoolYear)}
            </Badge>
          </Group>
        </Stack>
      </Group>
    </Card>
  );
}
