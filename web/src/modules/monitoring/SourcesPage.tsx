import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  Loader,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { IconCopy, IconPlayerPause, IconPlayerPlay, IconPlus, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type EntryInput, type MonitorSource, type SourceHealth, type SourceKind, monitoringApi, monitoringKey } from '../../api/monitoring';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime, formatNumber } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { UnitPicker } from '../../ui/UnitPicker';
import { useIsMobile } from '../../ui/useMobile';
import { can } from '../auth/permissions';
import { useUser } from '../auth/session';
import { useArticleUnit } from '../newsroom/useArticleUnit';
import { WatchSection } from './WatchSection';

// filled badges in dark shades (light ones fail WCAG AA contrast); yellow gets dark text through autoContrast
const healthColor: Record<SourceHealth, string> = { ok: 'teal.9', warning: 'yellow.4', failing: 'red.9', paused: 'gray.7', new: 'blue.9' };
/** the theme's indigo-6 with white text is below 4.5:1: buttons here use a darker shade */
const accent = 'indigo.8';
const kindLabel = (k: SourceKind) => t(`ms.kind.${k}` as 'ms.kind.feed');
const healthLabel = (h: SourceHealth) => t(`ms.health.${h}` as 'ms.health.ok');
const isPolled = (s: MonitorSource) => s.kind === 'feed' || s.kind === 'sitemap';

function intervalText(s: MonitorSource): string {
  if (!isPolled(s)) return '—';
  const secs = s.intervalSeconds ?? s.adaptiveSeconds;
  const text = secs >= 3600 ? t('ms.hours', { n: Math.round((secs / 3600) * 10) / 10 }) : t('ms.minutes', { n: Math.round(secs / 60) });
  return s.intervalSeconds ? text : t('ms.adaptive', { text });
}

/** Monitoring sources: add, edit, pause; their health; manual entries; watchlist aliases. */
export function SourcesPage() {
  const user = useUser();
  const isMobile = useIsMobile();
  const mayWrite = can(user, 'monitoring.write');
  const [unit, setUnit] = useArticleUnit('monitoring.read', { isRemembered: false });
  const [editing, setEditing] = useState<MonitorSource | 'new' | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const qc = useQueryClient();
  const list = useQuery({ queryKey: [...monitoringKey, 'sources', unit?.id], queryFn: () => monitoringApi.sources(unit?.id as number), enabled: !!unit });
  const refresh = () => qc.invalidateQueries({ queryKey: monitoringKey });
  const toggle = useMutation({
    mutationFn: (s: MonitorSource) => monitoringApi.updateSource(s.id, { version: s.version, isActive: !s.isActive }),
    onSuccess: (s) => {
      notifySuccess(s.isActive ? t('ms.resumed') : t('ms.paused'));
      refresh();
    },
    onError: notifyError,
  });
  const poll = useMutation({
    mutationFn: (s: MonitorSource) => monitoringApi.pollSource(s.id),
    onSuccess: (r) => {
      if (r.status === 'error') notifyError(new Error(r.error ?? t('ms.pollFailed')));
      else notifySuccess(t('ms.polled', { seen: r.seen, n: r.newItems }));
      refresh();
    },
    onError: notifyError,
  });
  const rotate = useMutation({
    mutationFn: (s: MonitorSource) => monitoringApi.rotateSecret(s.id),
    onSuccess: (r) => {
      setSecret(r.webhookSecret);
      refresh();
    },
    onError: notifyError,
  });
  const sources = list.data?.items ?? [];

  const actions = (s: MonitorSource) =>
    mayWrite ? (
      <Group gap={4} wrap="nowrap">
        <Button color={accent} c={accent} size="compact-sm" variant="subtle" onClick={() => setEditing(s)}>
          {t('ms.edit')}
        </Button>
        {isPolled(s) ? (
          <ActionIcon color={accent} c={accent} variant="subtle" aria-label={t('ms.pollNow')} title={t('ms.pollNow')} loading={poll.isPending && poll.variables?.id === s.id} onClick={() => poll.mutate(s)}>
            <IconRefresh size={18} />
          </ActionIcon>
        ) : null}
        {s.kind === 'webhook' ? (
          <Button color={accent} c={accent} size="compact-sm" variant="subtle" onClick={() => rotate.mutate(s)} loading={rotate.isPending && rotate.variables?.id === s.id}>
            {t('ms.newSecret')}
          </Button>
        ) : null}
        <ActionIcon color={accent} c={accent} variant="subtle" aria-label={s.isActive ? t('ms.pause') : t('ms.resume')} title={s.isActive ? t('ms.pause') : t('ms.resume')} onClick={() => toggle.mutate(s)}>
          {s.isActive ? <IconPlayerPause size={18} /> : <IconPlayerPlay size={18} />}
        </ActionIcon>
      </Group>
    ) : null;

  const health = (s: MonitorSource) => (
    <Badge variant="filled" autoContrast color={healthColor[s.health]} style={{ flex: 'none' }}>
      {healthLabel(s.health)}
    </Badge>
  );

  return (
    <>
      <PageHeader
        title={t('ms.title')}
        actions={
          mayWrite && unit ? (
            <Button color={accent} leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
              {t('ms.add')}
            </Button>
          ) : null
        }
      />
      <Stack gap="md">
        <Text size="sm" c="gray.7" maw={720}>
          {t('ms.lead')}
        </Text>
        <UnitPicker label={t('ms.unit')} value={unit} onChange={setUnit} maw={520} />
        <ErrorAlert error={list.error} />
        {unit && list.isPending ? <Loader aria-label={t('common.loading')} /> : null}
        {list.data && sources.length === 0 ? <Text c="gray.7">{t('ms.none')}</Text> : null}
        {sources.length > 0 && isMobile ? (
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('ms.listLabel')}>
            {sources.map((s) => (
              <Card key={s.id} component="li" withBorder padding="xs">
                <Stack gap={4} style={{ minWidth: 0 }}>
                  <Group justify="space-between" wrap="nowrap" gap="xs">
                    <Text fw={600} className="loa-break">
                      {s.name}
                    </Text>
                    {health(s)}
                  </Group>
                  <Text size="xs" c="gray.7" className="loa-break">
                    {[kindLabel(s.kind), s.url, intervalText(s)].filter(Boolean).join(' · ')}
                  </Text>
                  <Text size="xs">
                    {t('ms.lastSuccess')}: {formatDateTime(s.lastSuccessAt) || '—'} · {t('ms.perDay', { n: formatNumber(s.itemsPerDay) })}
                  </Text>
                  {s.lastError && s.consecutiveFailures > 0 ? (
                    <Text size="xs" c="red.9" className="loa-break">
                      {t('ms.lastError')}: {s.lastError}
                    </Text>
                  ) : null}
                  {actions(s)}
                </Stack>
              </Card>
            ))}
          </Stack>
        ) : null}
        {sources.length > 0 && !isMobile ? (
          <Table striped highlightOnHover aria-label={t('ms.listLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('ms.col.name')}</Table.Th>
                <Table.Th>{t('ms.col.health')}</Table.Th>
                <Table.Th>{t('ms.col.lastSuccess')}</Table.Th>
                <Table.Th>{t('ms.col.failures')}</Table.Th>
                <Table.Th>{t('ms.col.perDay')}</Table.Th>
                <Table.Th>{t('ms.col.interval')}</Table.Th>
                <Table.Th aria-label={t('ms.col.actions')} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sources.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td maw={360}>
                    <Text fw={600} size="sm" className="loa-break">
                      {s.name}
                    </Text>
                    <Text size="xs" c="gray.7" className="loa-break">
                      {kindLabel(s.kind)}
                      {s.url ? ' · ' : ''}
                      {s.url ? (
                        <Anchor href={s.url} target="_blank" rel="noreferrer" size="xs" c={accent}>
                          {s.url}
                        </Anchor>
                      ) : null}
                    </Text>
                    {s.lastError && s.consecutiveFailures > 0 ? (
                      <Text size="xs" c="red.9" className="loa-break">
                        {s.lastError}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{health(s)}</Table.Td>
                  <Table.Td>{formatDateTime(s.lastSuccessAt) || '—'}</Table.Td>
                  <Table.Td>{s.consecutiveFailures}</Table.Td>
                  <Table.Td>{formatNumber(s.itemsPerDay)}</Table.Td>
                  <Table.Td>{intervalText(s)}</Table.Td>
                  <Table.Td>{actions(s)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
        {mayWrite && unit ? <EntryForm unitId={unit.id} /> : null}
        {unit ? <AliasesSection unitId={unit.id} mayWrite={mayWrite} /> : null}
        {unit ? <WatchSection unitId={unit.id} mayWrite={mayWrite} /> : null}
      </Stack>
      {editing && unit ? (
        <SourceModal
          unitId={unit.id}
          source={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSecret={setSecret}
          onSaved={refresh}
        />
      ) : null}
      {secret ? (
        <Modal opened onClose={() => setSecret(null)} title={t('ms.secret.title')} fullScreen={isMobile}>
          <Stack>
            <Alert color="yellow">{t('ms.secret.once')}</Alert>
            <Code block className="loa-break">
              {secret}
            </Code>
            <CopyButton value={secret}>
              {({ copied, copy }) => (
                <Button color={accent} leftSection={<IconCopy size={16} />} onClick={copy}>
                  {copied ? t('ms.secret.copied') : t('ms.secret.copy')}
                </Button>
              )}
            </CopyButton>
            <Text size="sm" c="gray.7">
              {t('ms.secret.howto')}
            </Text>
          </Stack>
        </Modal>
      ) : null}
    </>
  );
}

function SourceModal(props: { unitId: number; source: MonitorSource | null; onClose: () => void; onSecret: (s: string) => void; onSaved: () => void }) {
  const isMobile = useIsMobile();
  const s = props.source;
  const [kind, setKind] = useState<'feed' | 'sitemap' | 'webhook'>((s?.kind as 'feed') ?? 'feed');
  const [name, setName] = useState(s?.name ?? '');
  const [url, setUrl] = useState(s?.url ?? '');
  const [interval, setInterval] = useState<number | string>(s?.intervalSeconds ? Math.round(s.intervalSeconds / 60) : '');
  const minutes = typeof interval === 'number' ? interval : null;
  const save = useMutation({
    mutationFn: async () => {
      const intervalSeconds = minutes ? minutes * 60 : null;
      if (s) {
        await monitoringApi.updateSource(s.id, { version: s.version, name: name.trim() || s.name, url: s.url ? url.trim() : undefined, intervalSeconds });
        return null;
      }
      const r = await monitoringApi.createSource({ unitId: props.unitId, kind, name: name.trim() || undefined, url: kind === 'webhook' ? null : url.trim(), intervalSeconds: kind === 'webhook' ? null : intervalSeconds });
      return r.webhookSecret;
    },
    onSuccess: (secret) => {
      notifySuccess(t('ms.saved'));
      props.onSaved();
      props.onClose();
      if (secret) props.onSecret(secret);
    },
    onError: notifyError,
  });
  const hasUrl = s ? !!s.url : kind !== 'webhook';
  return (
    <Modal opened onClose={props.onClose} title={s ? t('ms.editTitle') : t('ms.addTitle')} fullScreen={isMobile}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          {!s ? (
            <Select
              label={t('ms.field.kind')}
              data={(['feed', 'sitemap', 'webhook'] as const).map((k) => ({ value: k, label: kindLabel(k) }))}
              value={kind}
              onChange={(v) => setKind((v as 'feed') ?? 'feed')}
              allowDeselect={false}
            />
          ) : null}
          <TextInput label={t('ms.field.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={200} />
          {hasUrl ? (
            <TextInput
              label={t('ms.field.url')}
              description={t('ms.field.urlHint')}
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              required
              type="url"
              inputMode="url"
            />
          ) : (
            <Text size="sm" c="gray.7">
              {t('ms.webhookHint')}
            </Text>
          )}
          {hasUrl ? (
            <NumberInput label={t('ms.field.interval')} description={t('ms.field.intervalHint')} value={interval} onChange={setInterval} min={1} max={1440} allowDecimal={false} />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button color={accent} type="submit" loading={save.isPending}>
              {t('ms.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function EntryForm({ unitId }: { unitId: number }) {
  const qc = useQueryClient();
  const [kind, setKind] = useState<EntryInput['kind']>('url');
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const add = useMutation({
    mutationFn: () => monitoringApi.addEntry({ unitId, kind, url: url.trim() || null, title: title.trim() || null, text: text.trim() || null }),
    onSuccess: (item) => {
      notifySuccess(t('ms.entry.added', { title: item.title }));
      setUrl('');
      setTitle('');
      setText('');
      qc.invalidateQueries({ queryKey: ['monitoring'] });
    },
    onError: notifyError,
  });
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="ms-entry-title">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={3} size="h4" id="ms-entry-title">
            {t('ms.entry.title')}
          </Title>
          <Text size="sm" c="gray.7">
            {t('ms.entry.lead')}
          </Text>
          <SegmentedControl
            value={kind}
            onChange={(v) => setKind(v as EntryInput['kind'])}
            data={[
              { value: 'url', label: t('ms.entry.url') },
              { value: 'text', label: t('ms.entry.text') },
              { value: 'hotline', label: t('ms.entry.hotline') },
            ]}
            fullWidth
            aria-label={t('ms.entry.kind')}
          />
          {kind !== 'hotline' ? (
            <TextInput
              label={t('ms.entry.link')}
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              required={kind === 'url'}
              type="url"
              inputMode="url"
            />
          ) : null}
          {kind !== 'url' ? (
            <>
              <TextInput label={t('ms.entry.heading')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} maxLength={1000} />
              <Textarea label={t('ms.entry.content')} value={text} onChange={(e) => setText(e.currentTarget.value)} required autosize minRows={3} maxRows={10} />
            </>
          ) : null}
          <Group justify="flex-end">
            <Button color={accent} type="submit" loading={add.isPending}>
              {kind === 'url' ? t('ms.entry.fetch') : t('ms.entry.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function AliasesSection({ unitId, mayWrite }: { unitId: number; mayWrite: boolean }) {
  const qc = useQueryClient();
  const [target, setTarget] = useState<{ id: number; name: string } | null>(null);
  const [alias, setAlias] = useState('');
  const list = useQuery({ queryKey: [...monitoringKey, 'aliases', unitId], queryFn: () => monitoringApi.aliases(unitId) });
  const add = useMutation({
    mutationFn: () => monitoringApi.addAlias((target ?? { id: unitId }).id, alias.trim()),
    onSuccess: () => {
      setAlias('');
      qc.invalidateQueries({ queryKey: [...monitoringKey, 'aliases'] });
    },
    onError: notifyError,
  });
  const remove = useMutation({
    mutationFn: (id: number) => monitoringApi.removeAlias(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...monitoringKey, 'aliases'] }),
    onError: notifyError,
  });
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="ms-alias-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="ms-alias-title">
          {t('ms.alias.title')}
        </Title>
        <Text size="sm" c="gray.7">
          {t('ms.alias.lead')}
        </Text>
        <ErrorAlert error={list.error} />
        {list.data && list.data.items.length === 0 ? <Text size="sm">{t('ms.alias.none')}</Text> : null}
        <Stack gap={4} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {list.data?.items.map((a) => (
            <Group key={a.id} component="li" gap="xs" wrap="nowrap" justify="space-between">
              <Text size="sm" className="loa-break">
                <b>{a.alias}</b> — {a.unitName}
              </Text>
              {mayWrite ? (
                <ActionIcon variant="subtle" color="red.9" c="red.9" aria-label={t('ms.alias.remove', { alias: a.alias })} onClick={() => remove.mutate(a.id)}>
                  <IconTrash size={16} />
                </ActionIcon>
              ) : null}
            </Group>
          ))}
        </Stack>
        {mayWrite ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (alias.trim().length >= 2) add.mutate();
            }}
          >
            <Group align="flex-end" gap="sm" wrap="wrap">
              <UnitPicker label={t('ms.alias.unit')} value={target} onChange={setTarget} w={{ base: '100%', sm: 320 }} />
              <TextInput label={t('ms.alias.alias')} value={alias} onChange={(e) => setAlias(e.currentTarget.value)} w={{ base: '100%', sm: 260 }} required minLength={2} />
              <Button color={accent} type="submit" loading={add.isPending}>
                {t('ms.alias.add')}
              </Button>
            </Group>
          </form>
        ) : null}
      </Stack>
    </Card>
  );
}
