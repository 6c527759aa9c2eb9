import { Anchor, Badge, Button, Card, Group, Loader, NumberInput, Pagination, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFilePlus, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { type DocumentType, type LibraryDocument, type Validity, documentTypes, documentsApi } from '../../api/documents';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { UnitPicker } from '../../ui/UnitPicker';
import { useIsMobile } from '../../ui/useMobile';
import { can } from '../auth/permissions';
import { useUser } from '../auth/session';
import { useArticleUnit } from '../newsroom/useArticleUnit';
import { documentTypeLabel, documentsKey, validityColor, validityLabel } from './labels';

const pageSize = 20;

/** The documents library of a unit (or its subtree): search with or without diacritics, filters, pages; add a document. */
export function DocumentsPage() {
  const user = useUser();
  const isMobile = useIsMobile();
  const [unit, setUnit] = useArticleUnit('units.read');
  const [isSubtree, setSubtree] = useState(false);
  const [search, setSearch] = useState('');
  const [number, setNumber] = useState('');
  const [docType, setDocType] = useState<string | null>(null);
  const [field, setField] = useState<string | null>(null);
  const [issuer, setIssuer] = useState<string | null>(null);
  const [year, setYear] = useState<number | string>('');
  const [validity, setValidity] = useState<string | null>(null);
  const [q] = useDebouncedValue(search.trim(), 300);
  const [numberQ] = useDebouncedValue(number.trim(), 300);
  const [page, setPage] = useState(1);
  const query = {
    unitId: unit?.id ?? 0,
    subtree: isSubtree,
    q,
    number: numberQ,
    docType: (docType as DocumentType | null) ?? null,
    field: field ?? undefined,
    issuer: issuer ?? undefined,
    year: typeof year === 'number' ? year : null,
    validity: (validity as Validity | null) ?? null,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  };
  const list = useQuery({ queryKey: [...documentsKey, 'list', query], queryFn: () => documentsApi.list(query), enabled: !!unit, placeholderData: (prev) => prev });
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / pageSize));
  const reset = () => setPage(1);
  const w = { base: '100%', xs: 200 };
  return (
    <>
      <PageHeader
        title={t('docs.title')}
        actions={
          can(user, 'documents.write') ? (
            <Button component={Link} to="/van-ban/moi" leftSection={<IconFilePlus size={16} />}>
              {t('docs.new')}
            </Button>
          ) : null
        }
      />
      <Stack gap="sm">
        <Text size="sm" c="dimmed" maw={760}>
          {t('docs.lead')}
        </Text>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <UnitPicker
            label={t('docs.unit')}
            value={unit}
            onChange={(u) => {
              setUnit(u);
              reset();
            }}
            w={{ base: '100%', sm: 420 }}
          />
          <Switch label={t('docs.subtree')} checked={isSubtree} onChange={(e) => { setSubtree(e.currentTarget.checked); reset(); }} mb={8} />
        </Group>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label={t('docs.search')}
            placeholder={t('docs.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => { setSearch(e.currentTarget.value); reset(); }}
            w={{ base: '100%', xs: 300 }}
          />
          <TextInput label={t('docs.number')} placeholder={t('docs.numberPlaceholder')} value={number} onChange={(e) => { setNumber(e.currentTarget.value); reset(); }} w={w} />
          <Select label={t('docs.type')} placeholder={t('docs.allTypes')} data={documentTypes.map((k) => ({ value: k, label: documentTypeLabel(k) }))} value={docType} onChange={(v) => { setDocType(v); reset(); }} clearable w={w} />
          <Select label={t('docs.field')} placeholder={t('docs.allFields')} data={list.data?.facets.fields ?? []} value={field} onChange={(v) => { setField(v); reset(); }} clearable searchable w={w} />
          <Select label={t('docs.issuer')} placeholder={t('docs.allIssuers')} data={list.data?.facets.issuers ?? []} value={issuer} onChange={(v) => { setIssuer(v); reset(); }} clearable searchable w={{ base: '100%', xs: 260 }} />
          <NumberInput label={t('docs.year')} value={year} onChange={(v) => { setYear(v); reset(); }} min={1945} max={2100} allowDecimal={false} w={{ base: '100%', xs: 120 }} />
          <Select
            label={t('docs.validity')}
            placeholder={t('docs.allValidity')}
            data={(['in_force', 'not_yet', 'expired'] as const).map((v) => ({ value: v, label: validityLabel(v) }))}
            value={validity}
            onChange={(v) => { setValidity(v); reset(); }}
            clearable
            w={{ base: '100%', xs: 170 }}
          />
        </Group>
        {list.data ? (
          <Text size="sm" c="dimmed" role="status">
            {t('docs.count', { n: list.data.total })}
          </Text>
        ) : null}
        {!unit ? <Text c="dimmed">{t('docs.pickUnit')}</Text> : null}
        {unit && list.isPending ? <Loader aria-label={t('common.loading')} /> : null}
        <ErrorAlert error={list.error} />
        {list.data && list.data.items.length === 0 ? <Text c="dimmed">{t('docs.none')}</Text> : null}
        {list.data && list.data.items.length > 0 ? (
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('docs.listLabel')}>
            {list.data.items.map((d) => (
              <DocumentRow key={d.id} d={d} isShowingUnit={isSubtree} />
            ))}
          </Stack>
        ) : null}
        {pages > 1 ? <Pagination total={pages} value={page} onChange={setPage} size="sm" siblings={isMobile ? 0 : 1} /> : null}
      </Stack>
    </>
  );
}

function DocumentRow({ d, isShowingUnit }: { d: LibraryDocument; isShowingUnit: boolean }) {
  return (
    <Card component="li" withBorder padding="xs">
      <Stack gap={2}>
        <Group gap="xs" wrap="wrap">
          <Text fw={700} size="sm">
            {d.numberLabel ?? t('docs.noNumber')}
          </Text>
          <Text size="sm" c="dimmed">
            {documentTypeLabel(d.docType)}
          </Text>
        </Group>
        <Anchor component={Link} to={`/van-ban/${d.id}`} fw={600} className="loa-break" lineClamp={3}>
          {d.summary}
        </Anchor>
        <Text size="xs" c="dimmed" className="loa-break">
          {[d.issuer, d.issuedOn ? t('docs.issuedOnShort', { date: formatDate(d.issuedOn) }) : null, d.field, isShowingUnit ? d.unitName : null].filter(Boolean).join(' · ')}
        </Text>
        <Group gap={4} mt={2}>
          <Badge variant="light" color={validityColor(d.validity)} style={{ flex: 'none' }}>
            {validityLabel(d.validity)}
          </Badge>
          {d.source === 'plan' ? (
            <Badge variant="outline" color="grape" style={{ flex: 'none' }}>
              {t('docs.fromPlan')}
            </Badge>
          ) : null}
          {!d.isPublic ? (
            <Badge variant="outline" color="gray" style={{ flex: 'none' }}>
              {t('docs.hidden')}
            </Badge>
          ) : null}
          {d.files.length ? (
            <Badge variant="outline" color="blue" style={{ flex: 'none' }}>
              {t('docs.fileCount', { n: d.files.length })}
            </Badge>
          ) : null}
        </Group>
      </Stack>
    </Card>
  );
}
