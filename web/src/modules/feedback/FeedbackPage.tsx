import { Anchor, Badge, Button, Card, Checkbox, Group, Loader, Modal, Pagination, ScrollArea, Select, Stack, Tabs, Text, TextInput, Textarea } from '@mantine/core';
import { IconMessagePlus, IconPhoneCall } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate, formatDateTime } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { type PickedUnit, UnitPicker } from '../../ui/UnitPicker';
import { useIsMobile } from '../../ui/useMobile';
import { can } from '../auth/permissions';
import { useUser } from '../auth/session';
import { useArticleUnit } from '../newsroom/useArticleUnit';
import {
  type Consultation, type ConsultationStatus, type FeedbackItem, type Paragraph, type Stance, type SubjectRequest, consultationKey, consultationStatuses, feedbackApi, feedbackKey,
  requestExportUrl, stances,
} from './api';
import { ConsultationStatusBadge } from './labels';

const pageSize = 20;

/** Feedback and consultations: drafts for comment, general feedback and hotline notes, data-subject requests. */
export function FeedbackPage({ initialTab = 'consultations' }: { initialTab?: 'consultations' | 'general' | 'requests' }) {
  const user = useUser();
  const isMobile = useIsMobile();
  const [unit, setUnit] = useArticleUnit('feedback.read');
  const [tab, setTab] = useState<string>(initialTab);
  const mayWrite = can(user, 'feedback.write');
  const tabs = (
    <Tabs value={tab} onChange={(v) => setTab(v ?? 'consultations')}>
      <Tabs.List aria-label={t('fb.tabs')} style={isMobile ? { flexWrap: 'nowrap' } : undefined}>
        <Tabs.Tab value="consultations" style={{ whiteSpace: 'nowrap' }}>
          {t('fb.tab.consultations')}
        </Tabs.Tab>
        <Tabs.Tab value="general" style={{ whiteSpace: 'nowrap' }}>
          {t('fb.tab.general')}
        </Tabs.Tab>
        {mayWrite && (
          <Tabs.Tab value="requests" style={{ whiteSpace: 'nowrap' }}>
            {t('fb.tab.requests')}
          </Tabs.Tab>
        )}
      </Tabs.List>
    </Tabs>
  );
  return (
    <>
      <PageHeader
        title={t('fb.title')}
        actions={
          mayWrite ? (
            <Button component={Link} to="/gop-y/moi" leftSection={<IconMessagePlus size={16} />}>
              {t('fb.new')}
            </Button>
          ) : null
        }
      />
      <Stack gap="sm">
        <Text size="sm" c="dimmed" maw={720}>
          {t('fb.lead')}
        </Text>
        <UnitPicker label={t('fb.unit')} value={unit} onChange={setUnit} maw={520} />
        {isMobile ? (
          <ScrollArea type="never" offsetScrollbars={false}>
            {tabs}
          </ScrollArea>
        ) : (
          tabs
        )}
        {unit && tab === 'consultations' && <ConsultationList unitId={unit.id} />}
        {unit && tab === 'general' && <GeneralList unit={unit} mayWrite={mayWrite} />}
        {unit && tab === 'general' && mayWrite && <BlockList unitId={unit.id} />}
        {unit && tab === 'requests' && mayWrite && <RequestList unit={unit} />}
      </Stack>
    </>
  );
}

function ConsultationList({ unitId }: { unitId: number }) {
  const [status, setStatus] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const query = { unitId, status: status as ConsultationStatus | null, limit: pageSize, offset: (page - 1) * pageSize };
  const list = useQuery({ queryKey: [...feedbackKey, 'list', query], queryFn: () => feedbackApi.list(query), placeholderData: (p) => p });
  return (
    <Stack gap="sm">
      <Select
        label={t('fb.status')}
        placeholder={t('fb.allStatuses')}
        data={consultationStatuses.map((s) => ({ value: s, label: t(`fb.status.${s}`) }))}
        value={status}
        onChange={(v) => {
          setStatus(v);
          setPage(1);
        }}
        clearable
        w={{ base: '100%', xs: 240 }}
      />
      {list.isError && <ErrorAlert error={list.error} />}
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      {list.data && list.data.items.length === 0 && <Text c="dimmed">{t('fb.none')}</Text>}
      {list.data?.items.map((c) => (
        <Card key={c.id} withBorder padding="sm">
          <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
            <Anchor component={Link} to={`/gop-y/${c.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
              {c.title}
            </Anchor>
            <ConsultationStatusBadge status={c.status} />
          </Group>
          <Text size="sm" c="dimmed">
            {c.unitName} · {t('fb.window', { from: formatDate(c.opensAt), to: formatDate(c.closesAt) })}
          </Text>
          <Text size="sm">
            {t('fb.counts', { total: c.counts.total, hidden: c.counts.hidden })}
            {!c.responsePublishedAt && (c.status === 'closed' || c.status === 'open') && <> · {t('fb.responseDue', { date: formatDate(c.responseDueAt) })}</>}
          </Text>
        </Card>
      ))}
      {(list.data?.total ?? 0) > pageSize && <Pagination total={Math.ceil((list.data?.total ?? 0) / pageSize)} value={page} onChange={setPage} />}
    </Stack>
  );
}

export function channelLabel(c: FeedbackItem['channel']): string {
  return t(`fb.channel.${c}`);
}

function GeneralList({ unit, mayWrite }: { unit: PickedUnit; mayWrite: boolean }) {
  const qc = useQueryClient();
  const [handled, setHandled] = useState<string | null>('false');
  const [page, setPage] = useState(1);
  const [isAdding, setAdding] = useState(false);
  const query = { unitId: unit.id, handled: handled as 'true' | 'false' | null, limit: pageSize, offset: (page - 1) * pageSize };
  const list = useQuery({ queryKey: [...feedbackKey, 'general', query], queryFn: () => feedbackApi.general(query), placeholderData: (p) => p });
  const mark = useMutation({
    mutationFn: (x: { id: number; handled: boolean }) => feedbackApi.handled(x.id, x.handled),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...feedbackKey, 'general'] }),
    onError: notifyError,
  });
  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label={t('fb.handledFilter')}
          data={[
            { value: 'false', label: t('fb.handled.no') },
            { value: 'true', label: t('fb.handled.yes') },
          ]}
          value={handled}
          onChange={(v) => {
            setHandled(v);
            setPage(1);
          }}
          clearable
          placeholder={t('fb.allStatuses')}
          w={{ base: '100%', xs: 220 }}
        />
        {mayWrite && (
          <Button variant="light" leftSection={<IconPhoneCall size={16} />} onClick={() => setAdding((v) => !v)}>
            {t('fb.hotline.add')}
          </Button>
        )}
      </Group>
      {isAdding && <HotlineForm key={unit.id} unit={unit} onDone={() => setAdding(false)} />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      {list.data && list.data.items.length === 0 && <Text c="dimmed">{t('fb.generalNone')}</Text>}
      {list.data?.items.map((x) => (
        <Card key={x.id} withBorder padding="sm">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {x.subject ?? t('fb.noSubject')}
            </Text>
            <Badge variant="light" color={x.handledAt ? 'green' : 'orange'}>
              {x.handledAt ? t('fb.handled.yes') : t('fb.handled.no')}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {channelLabel(x.channel)} · {x.unitName} · {formatDateTime(x.createdAt)}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
            {x.body}
          </Text>
          {(x.name || x.email || x.phone) && (
            <Text size="sm" c="dimmed">
              {t('fb.contact', { name: x.name ?? '—', email: x.email ?? '—', phone: x.phone ?? '—' })}
            </Text>
          )}
          {mayWrite && (
            <Group gap="xs" mt="xs">
              <Button size="xs" variant="light" onClick={() => mark.mutate({ id: x.id, handled: !x.handledAt })} loading={mark.isPending}>
                {x.handledAt ? t('fb.markNew') : t('fb.markHandled')}
              </Button>
              <EscalateButtons item={x} />
            </Group>
          )}
        </Card>
      ))}
      {(list.data?.total ?? 0) > pageSize && <Pagination total={Math.ceil((list.data?.total ?? 0) / pageSize)} value={page} onChange={setPage} />}
    </Stack>
  );
}

/** Send an item that signals a risk to monitoring, or open an incident from it. */
export function EscalateButtons({ item }: { item: FeedbackItem }) {
  const user = useUser();
  const qc = useQueryClient();
  const toMonitoring = useMutation({
    mutationFn: () => feedbackApi.toMonitoring(item.id),
    onSuccess: async () => {
      notifySuccess(t('fb.sentToMonitoring'));
      await qc.invalidateQueries({ queryKey: feedbackKey });
    },
    onError: notifyError,
  });
  const toIncident = useMutation({
    mutationFn: () => feedbackApi.toIncident(item.id, 2),
    onSuccess: async () => {
      notifySuccess(t('fb.incidentOpened'));
      await qc.invalidateQueries({ queryKey: feedbackKey });
    },
    onError: notifyError,
  });
  return (
    <>
      {can(user, 'monitoring.write') &&
        (item.monitorItemId ? (
          <Badge variant="outline">{t('fb.inMonitoring')}</Badge>
        ) : (
          <Button size="xs" variant="subtle" onClick={() => toMonitoring.mutate()} loading={toMonitoring.isPending}>
            {t('fb.toMonitoring')}
          </Button>
        ))}
      {can(user, 'incidents.write') &&
        (item.incidentId ? (
          <Anchor component={Link} to={`/su-co/${item.incidentId}`} size="sm">
            {t('fb.incidentLink', { id: item.incidentId })}
          </Anchor>
        ) : (
          <Button size="xs" variant="subtle" color="red" onClick={() => toIncident.mutate()} loading={toIncident.isPending}>
            {t('fb.toIncident')}
          </Button>
        ))}
    </>
  );
}

function BlockList({ unitId }: { unitId: number }) {
  const qc = useQueryClient();
  const list = useQuery({ queryKey: [...feedbackKey, 'blocks', unitId], queryFn: () => feedbackApi.blocks(unitId) });
  const lift = useMutation({
    mutationFn: (id: number) => feedbackApi.unblock(id),
    onSuccess: async () => {
      notifySuccess(t('fb.blocks.lifted'));
      await qc.invalidateQueries({ queryKey: feedbackKey });
    },
    onError: notifyError,
  });
  if (!list.data?.items.length) return null;
  return (
    <Card withBorder padding="sm">
      <Text fw={600} mb="xs">
        {t('fb.blocks.title')}
      </Text>
      <Stack gap="xs">
        {list.data.items.map((b) => (
          <Group key={b.id} justify="space-between" wrap="wrap" gap="xs">
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {t('fb.blocks.row', { reason: b.reason, date: formatDateTime(b.createdAt), by: b.createdByName ?? '—' })}
            </Text>
            <Button size="xs" variant="light" onClick={() => lift.mutate(b.id)} loading={lift.isPending}>
              {t('fb.blocks.lift')}
            </Button>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

/** How long after closing a consultation is still offered for hotline notes. */
const RECENTLY_CLOSED_DAYS = 30;

/** Open consultations of the unit's subtree, then those closed (unanswered) in the last RECENTLY_CLOSED_DAYS days. */
function useAttachableConsultations(unitId: number) {
  return useQuery({
    queryKey: [...feedbackKey, 'attachable', unitId],
    queryFn: async () => {
      const [open, closed] = await Promise.all([
        feedbackApi.list({ unitId, status: 'open', limit: 200, offset: 0 }),
        feedbackApi.list({ unitId, status: 'closed', limit: 200, offset: 0 }),
      ]);
      const since = Date.now() - RECENTLY_CLOSED_DAYS * 86_400_000;
      return [...open.items, ...closed.items.filter((c) => new Date(c.closesAt).getTime() >= since)];
    },
  });
}

/** A paragraph's label and the start of its text, for the paragraph select. */
function paragraphOption(p: Paragraph): string {
  const label = p.label ?? t('fb.paragraphN', { n: p.position });
  const text = p.body.replace(/^Điều\s+\d+[a-zđ]?\.?\s*/, '').replace(/\s+/g, ' ');
  return `${label}: ${text.slice(0, 70)}${text.length > 70 ? '…' : ''}`;
}

function HotlineForm({ unit, onDone }: { unit: PickedUnit; onDone: () => void }) {
  const qc = useQueryClient();
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [consent, setConsent] = useState(false);
  const [consultationId, setConsultationId] = useState<string | null>(null);
  const [paragraph, setParagraph] = useState<string | null>('0');
  const [stance, setStance] = useState<string | null>(null);
  const consultations = useAttachableConsultations(unit.id);
  const chosen = useQuery({
    queryKey: consultationKey(Number(consultationId)),
    queryFn: () => feedbackApi.get(Number(consultationId)),
    enabled: consultationId != null,
  });
  const save = useMutation({
    mutationFn: () =>
      feedbackApi.hotline({
        unitId: unit.id,
        consultationId: consultationId ? Number(consultationId) : null,
        paragraphId: consultationId && paragraph && paragraph !== '0' ? Number(paragraph) : null,
        stance: consultationId && stance ? (stance as Stance) : null,
        subject: subject.trim() || null,
        body,
        name: name.trim() || null,
        phone: phone.trim() || null,
        consent,
      }),
    onSuccess: async () => {
      notifySuccess(consultationId ? t('fb.hotline.savedToConsultation') : t('fb.hotline.saved'));
      await qc.invalidateQueries({ queryKey: feedbackKey });
      onDone();
    },
  });
  const closedLabel = (c: Consultation) => (c.status === 'closed' ? t('fb.hotline.closedOption', { title: c.title, date: formatDate(c.closesAt) }) : c.title);
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          {t('fb.hotline.title', { unit: unit.name })}
        </Text>
        <Select
          label={t('fb.hotline.consultation')}
          description={t('fb.hotline.consultationHint', { days: RECENTLY_CLOSED_DAYS })}
          placeholder={consultations.isPending ? t('common.loading') : t('fb.hotline.noConsultation')}
          data={(consultations.data ?? []).map((c) => ({ value: String(c.id), label: closedLabel(c) }))}
          value={consultationId}
          onChange={(v) => {
            setConsultationId(v);
            setParagraph('0');
            setStance(null);
          }}
          searchable
          clearable
          nothingFoundMessage={t('fb.hotline.noneOpen')}
          comboboxProps={{ withinPortal: true }}
        />
        {consultations.isError && <ErrorAlert error={consultations.error} />}
        {consultationId && chosen.isError && <ErrorAlert error={chosen.error} />}
        {consultationId && chosen.data && (
          <Group grow wrap="wrap" align="flex-start">
            <Select
              label={t('fb.hotline.paragraph')}
              data={[{ value: '0', label: t('fb.whole') }, ...chosen.data.paragraphs.map((p) => ({ value: String(p.id), label: paragraphOption(p) }))]}
              value={paragraph}
              onChange={(v) => setParagraph(v ?? '0')}
              allowDeselect={false}
              searchable
              comboboxProps={{ withinPortal: true }}
              miw={200}
            />
            <Select
              label={t('fb.hotline.stance')}
              placeholder={t('fb.stance.none')}
              data={stances.map((s) => ({ value: s, label: t(`fb.stance.${s}`) }))}
              value={stance}
              onChange={setStance}
              clearable
              comboboxProps={{ withinPortal: true }}
              miw={160}
            />
          </Group>
        )}
        <TextInput label={t('fb.subject')} value={subject} onChange={(e) => setSubject(e.currentTarget.value)} maxLength={200} />
        <Textarea label={t('fb.hotline.body')} value={body} onChange={(e) => setBody(e.currentTarget.value)} autosize minRows={3} required />
        <Group grow wrap="wrap">
          <TextInput label={t('fb.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={120} miw={200} />
          <TextInput label={t('fb.phone')} value={phone} onChange={(e) => setPhone(e.currentTarget.value)} maxLength={20} type="tel" miw={160} />
        </Group>
        <Checkbox label={t('fb.hotline.consent')} checked={consent} onChange={(e) => setConsent(e.currentTarget.checked)} />
        {save.isError && <ErrorAlert error={save.error} />}
        <Group>
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={body.trim().length < 5 || (consultationId != null && !chosen.data)}>
            {t('fb.hotline.save')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function RequestList({ unit }: { unit: PickedUnit }) {
  const qc = useQueryClient();
  const [status, setStatus] = useState<string | null>('open');
  const [page, setPage] = useState(1);
  const [kind, setKind] = useState<string>('export');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [name, setName] = useState('');
  const [fulfilling, setFulfilling] = useState<SubjectRequest | null>(null);
  const query = { unitId: unit.id, status: status as SubjectRequest['status'] | null, limit: pageSize, offset: (page - 1) * pageSize };
  const list = useQuery({ queryKey: [...feedbackKey, 'requests', query], queryFn: () => feedbackApi.requests(query), placeholderData: (p) => p });
  const create = useMutation({
    mutationFn: () => feedbackApi.createRequest({ unitId: unit.id, kind: kind as 'export' | 'erase', name: name.trim() || null, email: email.trim() || null, phone: phone.trim() || null }),
    onSuccess: async (r) => {
      notifySuccess(t('fb.req.created', { date: formatDate(r.dueDate) }));
      setEmail('');
      setPhone('');
      setName('');
      await qc.invalidateQueries({ queryKey: [...feedbackKey, 'requests'] });
    },
  });
  const fulfil = useMutation({
    mutationFn: (x: { id: number; reject?: boolean; note?: string | null; identityVerified?: string | null }) =>
      feedbackApi.fulfil(x.id, { reject: x.reject, resultNote: x.note ?? null, ...(x.identityVerified ? { identityVerified: x.identityVerified } : {}) }),
    onSuccess: async () => {
      notifySuccess(t('fb.req.done'));
      setFulfilling(null);
      await qc.invalidateQueries({ queryKey: feedbackKey });
    },
    onError: (e) => {
      if (!fulfilling) notifyError(e);
    },
  });
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed" maw={720}>
        {t('fb.req.lead')}
      </Text>
      {list.data && list.data.overdue > 0 && (
        <Badge color="red" variant="filled" size="lg">
          {t('fb.req.overdue', { n: list.data.overdue })}
        </Badge>
      )}
      <Card withBorder padding="sm">
        <Stack gap="xs">
          <Text fw={600}>{t('fb.req.new')}</Text>
          <Select
            label={t('fb.req.kind')}
            data={[
              { value: 'export', label: t('fb.req.kind.export') },
              { value: 'erase', label: t('fb.req.kind.erase') },
            ]}
            value={kind}
            onChange={(v) => setKind(v ?? 'export')}
            allowDeselect={false}
            w={{ base: '100%', xs: 280 }}
          />
          <Group grow wrap="wrap">
            <TextInput label={t('fb.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} miw={200} />
            <TextInput label={t('fb.email')} value={email} onChange={(e) => setEmail(e.currentTarget.value)} type="email" miw={200} />
            <TextInput label={t('fb.phone')} value={phone} onChange={(e) => setPhone(e.currentTarget.value)} type="tel" miw={160} />
          </Group>
          {create.isError && <ErrorAlert error={create.error} />}
          <Group>
            <Button onClick={() => create.mutate()} loading={create.isPending} disabled={!email.trim() && !phone.trim()}>
              {t('fb.req.register')}
            </Button>
          </Group>
        </Stack>
      </Card>
      <Select
        label={t('fb.status')}
        data={[
          { value: 'open', label: t('fb.req.status.open') },
          { value: 'done', label: t('fb.req.status.done') },
          { value: 'rejected', label: t('fb.req.status.rejected') },
        ]}
        value={status}
        onChange={(v) => {
          setStatus(v);
          setPage(1);
        }}
        clearable
        placeholder={t('fb.allStatuses')}
        w={{ base: '100%', xs: 220 }}
      />
      {list.isError && <ErrorAlert error={list.error} />}
      {list.data && list.data.items.length === 0 && <Text c="dimmed">{t('fb.req.none')}</Text>}
      {list.data?.items.map((r) => (
        <Card key={r.id} withBorder padding="sm">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Text fw={600}>{t(`fb.req.kind.${r.kind}`)}</Text>
            <Badge color={r.overdue ? 'red' : r.status === 'open' ? 'orange' : 'green'} variant="light">
              {r.overdue ? t('fb.req.isOverdue') : t(`fb.req.status.${r.status}`)}
            </Badge>
          </Group>
          <Text size="sm">{t('fb.contact', { name: r.name ?? '—', email: r.email ?? '—', phone: r.phone ?? '—' })}</Text>
          <Text size="sm" c="dimmed">
            {t('fb.req.dates', { received: formatDateTime(r.receivedAt), due: formatDate(r.dueDate) })}
            {r.matchedItems != null && <> · {t('fb.req.matched', { n: r.matchedItems })}</>}
          </Text>
          <VerifyStatus r={r} />
          <Group gap="xs" mt="xs" wrap="wrap">
            {r.verifiedHow ? (
              <>
                <Anchor href={requestExportUrl(r.id, 'xlsx')} size="sm">
                  {t('fb.req.exportXlsx')}
                </Anchor>
                <Anchor href={requestExportUrl(r.id, 'json')} size="sm">
                  {t('fb.req.exportJson')}
                </Anchor>
              </>
            ) : (
              <>
                <Button size="xs" variant="default" disabled aria-describedby={`req-locked-${r.id}`}>
                  {t('fb.req.exportXlsx')}
                </Button>
                <Button size="xs" variant="default" disabled aria-describedby={`req-locked-${r.id}`}>
                  {t('fb.req.exportJson')}
                </Button>
              </>
            )}
            {r.status === 'open' && (
              <>
                <Button size="xs" onClick={() => setFulfilling(r)}>
                  {r.kind === 'erase' ? t('fb.req.erase') : t('fb.req.markSent')}
                </Button>
                <Button size="xs" variant="subtle" color="gray" onClick={() => fulfil.mutate({ id: r.id, reject: true, note: t('fb.req.rejectNote') })}>
                  {t('fb.req.reject')}
                </Button>
              </>
            )}
          </Group>
          {!r.verifiedHow && (
            <Text size="xs" c="dimmed" mt={4} id={`req-locked-${r.id}`}>
              {t('fb.req.verify.exportLocked')} {t('fb.req.verify.why')}
            </Text>
          )}
        </Card>
      ))}
      {fulfilling && (
        <FulfilDialog
          r={fulfilling}
          pending={fulfil.isPending}
          error={fulfil.error}
          onClose={() => {
            setFulfilling(null);
            fulfil.reset();
          }}
          onSubmit={(x) => fulfil.mutate({ id: fulfilling.id, note: x.note || null, identityVerified: x.identityVerified || null })}
        />
      )}
      {(list.data?.total ?? 0) > pageSize && <Pagination total={Math.ceil((list.data?.total ?? 0) / pageSize)} value={page} onChange={setPage} />}
    </Stack>
  );
}

/** Identity status of a data-subject request: how (and whether) the requester was verified. */
function VerifyStatus({ r }: { r: SubjectRequest }) {
  const label = r.verifiedHow === 'email' ? t('fb.req.verify.email') : r.verifiedHow === 'staff' ? t('fb.req.verify.staff') : t('fb.req.verify.none');
  return (
    <Stack gap={2} mt={4}>
      <Group gap="xs" wrap="wrap">
        <Badge color={r.verifiedHow ? 'teal' : 'orange'} variant="light" data-testid={`req-verify-${r.id}`}>
          {label}
        </Badge>
        {r.verifiedAt && (
          <Text size="xs" c="dimmed">
            {t('fb.req.verify.at', { at: formatDateTime(r.verifiedAt) })}
          </Text>
        )}
      </Group>
      {r.verifyNote && (
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {t('fb.req.verify.note', { note: r.verifyNote })}
        </Text>
      )}
    </Stack>
  );
}

/** Confirms fulfilling a request; an unverified one first needs how staff checked the requester's identity. */
function FulfilDialog({
  r,
  pending,
  error,
  onClose,
  onSubmit,
}: {
  r: SubjectRequest;
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onSubmit: (x: { identityVerified: string; note: string }) => void;
}) {
  const isMobile = useIsMobile();
  const [how, setHow] = useState('');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const needsIdentity = !r.verifiedHow;
  return (
    <Modal opened onClose={onClose} title={t(`fb.req.fulfil.title.${r.kind}`)} closeButtonProps={{ 'aria-label': t('fb.req.fulfil.close') }} fullScreen={isMobile} centered size="lg">
      <form
        noValidate
        onSubmit={(ev) => {
          ev.preventDefault();
          setTried(true);
          if (needsIdentity && !how.trim()) return;
          onSubmit({ identityVerified: needsIdentity ? how.trim() : '', note: note.trim() });
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t(`fb.req.fulfil.lead.${r.kind}`)}</Text>
          <Text size="sm" c="dimmed">
            {t('fb.contact', { name: r.name ?? '—', email: r.email ?? '—', phone: r.phone ?? '—' })}
          </Text>
          <VerifyStatus r={r} />
          {needsIdentity && (
            <Textarea
              label={t('fb.req.verify.field')}
              description={t('fb.req.verify.why')}
              placeholder={t('fb.req.verify.placeholder')}
              autosize
              minRows={3}
              maxLength={2000}
              required
              value={how}
              onChange={(ev) => setHow(ev.currentTarget.value)}
              error={tried && !how.trim() ? t('fb.req.verify.required') : undefined}
            />
          )}
          <Textarea label={t('fb.req.fulfil.resultNote')} autosize minRows={2} maxLength={2000} value={note} onChange={(ev) => setNote(ev.currentTarget.value)} />
          {error ? <ErrorAlert error={error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={r.kind === 'erase' ? 'red' : undefined} loading={pending}>
              {r.kind === 'erase' ? t('fb.req.erase') : t('fb.req.markSent')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
