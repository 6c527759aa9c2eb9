import { Anchor, Badge, Button, Card, Group, Loader, Modal, Pagination, Select, Stack, Tabs, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { unitsApi } from '../../api/endpoints';
import { type ContactMessage, type MessageStatus, siteContentApi } from '../../api/sitecontent';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { UnitPicker } from '../../ui/UnitPicker';
import { useIsMobile } from '../../ui/useMobile';
import { siteContentKey } from './common';
import { useSiteUnit } from './useSiteUnit';

const pageSize = 30;

/** The unit's inbox of messages sent through its site's contact form: read, assign, note the reply, mark handled. */
export function InboxPage() {
  const [unit, setUnit] = useSiteUnit();
  const fromLink = Number(new URLSearchParams(window.location.search).get('unitId')) || null;
  const linked = useQuery({ queryKey: ['units', 'detail', fromLink], queryFn: () => unitsApi.get(fromLink as number), enabled: !!fromLink });
  useEffect(() => {
    if (linked.data) setUnit({ id: linked.data.id, name: linked.data.name });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [linked.data]);
  const [status, setStatus] = useState<MessageStatus | 'all'>('new');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<ContactMessage | null>(null);
  const list = useQuery({
    queryKey: [...siteContentKey, 'messages', unit?.id, status, page],
    queryFn: () => siteContentApi.messages(unit!.id, status === 'all' ? null : status, (page - 1) * pageSize),
    enabled: !!unit,
    placeholderData: (p) => p,
  });
  const d = list.data;
  return (
    <>
      <PageHeader title={t('sc.inbox.title')} />
      <Stack gap="sm">
        <Text size="sm" c="dimmed" maw={720}>
          {t('sc.inbox.lead')}
        </Text>
        <UnitPicker label={t('sc.unit')} value={unit} onChange={(u) => { setUnit(u); setPage(1); }} maw={520} />
        <Tabs value={status} onChange={(v) => { setStatus((v as MessageStatus | 'all') ?? 'new'); setPage(1); }}>
          <Tabs.List aria-label={t('sc.inbox.filter')}>
            <Tabs.Tab value="new">{t('sc.inbox.new', { n: d?.newCount ?? 0 })}</Tabs.Tab>
            <Tabs.Tab value="handled">{t('sc.inbox.handled', { n: d?.handledCount ?? 0 })}</Tabs.Tab>
            <Tabs.Tab value="all">{t('sc.inbox.all')}</Tabs.Tab>
          </Tabs.List>
        </Tabs>
        {list.isPending && !!unit && <Loader aria-label={t('common.loading')} />}
        {list.isError && <ErrorAlert error={list.error} />}
        {d && !d.items.length && <Text c="dimmed">{t('sc.inbox.none')}</Text>}
        {d?.items.map((m) => (
          <Card key={m.id} withBorder padding="sm" component="article" aria-labelledby={`msg-${m.id}`}>
            <Stack gap={4}>
              <Group gap="xs" wrap="wrap">
                <Badge color={m.status === 'new' ? 'blue' : 'teal'} variant="light">
                  {m.status === 'new' ? t('sc.inbox.statusNew') : t('sc.inbox.statusHandled')}
                </Badge>
                <Text size="sm" c="dimmed">
                  {formatDateTime(m.createdAt)}
                </Text>
                {m.assignedToName && (
                  <Text size="sm" c="dimmed">
                    {t('sc.inbox.assignedTo', { name: m.assignedToName })}
                  </Text>
                )}
              </Group>
              <Anchor component="button" type="button" fw={600} id={`msg-${m.id}`} onClick={() => setOpen(m)} ta="left" className="loa-break">
                {m.subject}
              </Anchor>
              <Text size="sm" className="loa-break">
                {m.name}
                {m.email && ` · ${m.email}`}
                {m.phone && ` · ${m.phone}`}
              </Text>
              <Text size="sm" c="dimmed" lineClamp={2} className="loa-break">
                {m.message}
              </Text>
            </Stack>
          </Card>
        ))}
        {d && d.total > pageSize && <Pagination total={Math.ceil(d.total / pageSize)} value={page} onChange={setPage} aria-label={t('sc.inbox.pages')} />}
      </Stack>
      {open && unit && <MessageModal unitId={unit.id} message={open} onClose={() => setOpen(null)} />}
    </>
  );
}

function MessageModal({ unitId, message, onClose }: { unitId: number; message: ContactMessage; onClose: () => void }) {
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const people = useQuery({ queryKey: [...siteContentKey, 'assignees', unitId], queryFn: () => siteContentApi.assignees(unitId) });
  const [note, setNote] = useState(message.replyNote ?? '');
  const [assignee, setAssignee] = useState<string | null>(message.assignedTo ? String(message.assignedTo) : null);
  const save = useMutation({
    mutationFn: (status?: MessageStatus) => siteContentApi.updateMessage(message.id, { status, replyNote: note.trim() || null, assignedTo: assignee ? Number(assignee) : null }),
    onSuccess: (m) => {
      notifySuccess(m.status === 'handled' ? t('sc.inbox.markedHandled') : t('sc.saved'));
      void qc.invalidateQueries({ queryKey: siteContentKey });
      onClose();
    },
    onError: notifyError,
  });
  return (
    <Modal opened onClose={onClose} title={message.subject} size="lg" fullScreen={isMobile}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('sc.inbox.from', { name: message.name, at: formatDateTime(message.createdAt) })}
        </Text>
        <Group gap="md" wrap="wrap">
          {message.email && <Anchor href={`mailto:${message.email}?subject=${encodeURIComponent(`Re: ${message.subject}`)}`}>{message.email}</Anchor>}
          {message.phone && <Anchor href={`tel:${message.phone.replace(/[^0-9+]/g, '')}`}>{message.phone}</Anchor>}
        </Group>
        <Card withBorder padding="sm">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} className="loa-break">
            {message.message}
          </Text>
        </Card>
        {message.handledAt && (
          <Text size="sm" c="dimmed">
            {t('sc.inbox.handledBy', { name: message.handledByName ?? '', at: formatDateTime(message.handledAt) })}
          </Text>
        )}
        <Select
          label={t('sc.inbox.assign')}
          data={(people.data?.items ?? []).map((p) => ({ value: String(p.id), label: p.name }))}
          value={assignee}
          onChange={setAssignee}
          clearable
          searchable
          comboboxProps={{ withinPortal: true }}
        />
        <Textarea label={t('sc.inbox.note')} description={t('sc.inbox.noteHint')} autosize minRows={3} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={5000} />
        <Group justify="flex-end" wrap="wrap">
          <Button variant="default" onClick={() => save.mutate(undefined)} loading={save.isPending}>
            {t('sc.save')}
          </Button>
          {message.status === 'new' ? (
            <Button onClick={() => save.mutate('handled')} loading={save.isPending}>
              {t('sc.inbox.markHandled')}
            </Button>
          ) : (
            <Button variant="light" onClick={() => save.mutate('new')} loading={save.isPending}>
              {t('sc.inbox.reopen')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
