import { Anchor, Badge, Button, Card, Group, Loader, Select, Stack, Tabs, Text } from '@mantine/core';
import { IconFilePlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { type PeriodInput, type ReportKind, type ReportListItem, reportKinds, reportsApi } from '../../api/reports';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate, formatDateTime } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { UnitPicker } from '../../ui/UnitPicker';
import { can } from '../auth/permissions';
import { useUser } from '../auth/session';
import { useArticleUnit } from '../newsroom/useArticleUnit';
import { monthLabel, punctuality, recentMonths, recentYears, reportKindLabel, reportStatusColor, reportStatusLabel, reportsKey } from './labels';

export function ReportStatusBadge({ r }: { r: Pick<ReportListItem, 'status'> }) {
  return (
    <Badge variant="light" color={reportStatusColor(r.status)} style={{ flex: 'none' }}>
      {reportStatusLabel(r.status)}
    </Badge>
  );
}

export function PunctualityBadge({ r }: { r: Pick<ReportListItem, 'isLate' | 'lateDays'> }) {
  const p = punctuality(r);
  return p ? (
    <Badge variant="filled" color={p.color} style={{ flex: 'none' }}>
      {p.label}
    </Badge>
  ) : null;
}

/** Reports of a unit: its own and its subtree's, the inbox of sub-units' submissions, and a form to draft a new one. */
export function ReportsPage() {
  const user = useUser();
  const [unit, setUnit] = useArticleUnit('plans.read');
  const [tab, setTab] = useState<string>('own');
  return (
    <>
      <PageHeader title={t('rp.title')} />
      <Stack gap="sm">
        <Text size="sm" c="dimmed" maw={720}>
          {t('rp.lead')}
        </Text>
        <UnitPicker label={t('rp.unit')} value={unit} onChange={setUnit} maw={520} />
        {!unit ? <Text c="dimmed">{t('rp.pickUnit')}</Text> : null}
        {unit && can(user, 'plans.write') ? <CreateReport unitId={unit.id} /> : null}
        {unit ? (
          <Tabs value={tab} onChange={(v) => setTab(v ?? 'own')}>
            <Tabs.List aria-label={t('rp.tabs')}>
              <Tabs.Tab value="own">{t('rp.tab.own')}</Tabs.Tab>
              <Tabs.Tab value="inbox">{t('rp.tab.inbox')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="own" pt="sm">
              <OwnReports unitId={unit.id} />
            </Tabs.Panel>
            <Tabs.Panel value="inbox" pt="sm">
              <Inbox unitId={unit.id} />
            </Tabs.Panel>
          </Tabs>
        ) : null}
      </Stack>
    </>
  );
}

function CreateReport({ unitId }: { unitId: number }) {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [kind, setKind] = useState<ReportKind>('monthly_opinion');
  const months = recentMonths();
  const years = recentYears();
  const [month, setMonth] = useState<string>(months[1] ?? months[0]!);
  const [schoolYear, setSchoolYear] = useState<string>(years[0]!);
  const [semester, setSemester] = useState<string>('1');
  const create = useMutation({
    mutationFn: () => {
      const period: PeriodInput = kind === 'monthly_opinion' ? { month } : kind === 'semester' ? { schoolYear, semester: semester === '2' ? 2 : 1 } : { schoolYear };
      return reportsApi.create({ unitId, kind, period });
    },
    onSuccess: async (r) => {
      notifySuccess(t('rp.created'));
      await qc.invalidateQueries({ queryKey: reportsKey });
      await navigate({ to: `/bao-cao/${r.id}` });
    },
  });
  return (
    <Card withBorder padding="sm" maw={720}>
      <Stack gap="xs">
        <Text fw={600}>{t('rp.new')}</Text>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label={t('rp.kind')}
            data={reportKinds.map((k) => ({ value: k, label: reportKindLabel(k) }))}
            value={kind}
            onChange={(v) => setKind((v as ReportKind) ?? 'monthly_opinion')}
            allowDeselect={false}
            w={{ base: '100%', xs: 260 }}
          />
          {kind === 'monthly_opinion' ? (
            <Select label={t('rp.month')} data={months.map((m) => ({ value: m, label: monthLabel(m) }))} value={month} onChange={(v) => setMonth(v ?? month)} allowDeselect={false} w={{ base: '100%', xs: 200 }} />
          ) : (
            <Select label={t('rp.schoolYear')} data={years.map((y) => ({ value: y, label: y.replace('-', '–') }))} value={schoolYear} onChange={(v) => setSchoolYear(v ?? schoolYear)} allowDeselect={false} w={{ base: '100%', xs: 160 }} />
          )}
          {kind === 'semester' ? (
            <Select
              label={t('rp.semester')}
              data={[
                { value: '1', label: t('rp.semester1') },
                { value: '2', label: t('rp.semester2') },
              ]}
              value={semester}
              onChange={(v) => setSemester(v ?? '1')}
              allowDeselect={false}
              w={{ base: '100%', xs: 160 }}
            />
          ) : null}
          <Button leftSection={<IconFilePlus size={16} />} loading={create.isPending} onClick={() => create.mutate()}>
            {t('rp.create')}
          </Button>
        </Group>
        <ErrorAlert error={create.error} />
      </Stack>
    </Card>
  );
}

function ReportRow({ r, isInbox }: { r: ReportListItem; isInbox?: boolean }) {
  return (
    <Card component="li" withBorder padding="xs">
      <Stack gap={2}>
        <Anchor component={Link} to={`/bao-cao/${r.id}`} fw={600} className="loa-break">
          {isInbox ? `${r.unitName}: ${r.title}` : r.title}
        </Anchor>
        <Text size="xs" c="dimmed" className="loa-break">
          {[reportKindLabel(r.kind), r.unitName, r.dueAt ? t('rp.dueAt', { at: formatDate(r.dueAt) }) : null].filter(Boolean).join(' · ')}
        </Text>
        {r.submittedAt ? (
          <Text size="xs" c="dimmed" className="loa-break">
            {t('rp.submittedAt', { at: formatDateTime(r.submittedAt), name: r.submittedByName ?? '—' })}
          </Text>
        ) : null}
        <Group gap={4} mt={2}>
          <ReportStatusBadge r={r} />
          <PunctualityBadge r={r} />
        </Group>
      </Stack>
    </Card>
  );
}

function OwnReports({ unitId }: { unitId: number }) {
  const list = useQuery({ queryKey: [...reportsKey, 'list', unitId], queryFn: () => reportsApi.list({ unitId }) });
  if (list.isPending) return <Loader aria-label={t('common.loading')} />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  if (!list.data.items.length) return <Text c="dimmed">{t('rp.none')}</Text>;
  return (
    <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('rp.listLabel')}>
      {list.data.items.map((r) => (
        <ReportRow key={r.id} r={r} />
      ))}
    </Stack>
  );
}

function Inbox({ unitId }: { unitId: number }) {
  const list = useQuery({ queryKey: [...reportsKey, 'inbox', unitId], queryFn: () => reportsApi.inbox({ unitId }) });
  if (list.isPending) return <Loader aria-label={t('common.loading')} />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  if (!list.data.items.length) return <Text c="dimmed">{t('rp.inboxNone')}</Text>;
  return (
    <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('rp.inboxLabel')}>
      {list.data.items.map((r) => (
        <ReportRow key={r.id} r={r} isInbox />
      ))}
    </Stack>
  );
}
