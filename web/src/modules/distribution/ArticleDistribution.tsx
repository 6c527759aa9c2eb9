import { ActionIcon, Anchor, Badge, Button, Card, CopyButton, Group, Loader, Stack, Text, TextInput, Textarea, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconExternalLink, IconLink, IconShare } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type Delivery, type RemovalStatus, type ShareKit, deliveriesApi } from '../../api/distribution';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { DeliveryStatusBadge, RetryButton } from './ChannelsPage';
import { articleDeliveriesKey } from './keys';
import { targetKindLabel } from './labels';

/**
 * Where an article went besides the portal: its deliveries to the unit's Facebook
 * Page, Zalo OA and newsletter (status, link to the post, error, "Thử lại"), and
 * the share kit for groups without an API — text and link to copy, and the proof
 * links of where it was shared. For the article page.
 */
export function ArticleDistribution({ articleId }: { articleId: number }) {
  const q = useQuery({
    queryKey: articleDeliveriesKey(articleId),
    queryFn: () => deliveriesApi.ofArticle(articleId),
    refetchInterval: (query) =>
      query.state.data?.items.some((d) => d.status === 'pending' || d.status === 'sending' || d.removal?.status === 'pending' || d.removal?.status === 'sending') ? 5000 : false,
  });
  if (q.isPending) return <Loader aria-label={t('common.loading')} size="sm" />;
  if (q.isError) return <ErrorAlert error={q.error} />;
  const { items, shareKit, can, isWithdrawn } = q.data;
  return (
    <Stack gap="sm">
      <Card withBorder padding="md">
        <Stack gap="xs">
          <Text fw={600}>{t('articleDistribution.title')}</Text>
          {isWithdrawn && items.some((d) => d.status === 'sent') ? (
            <Text size="sm" c="dimmed">
              {t('removal.intro')}
            </Text>
          ) : null}
          {!items.length ? (
            <Text size="sm" c="dimmed">
              {shareKit.isPublished ? t('articleDistribution.noChannels') : t('articleDistribution.notPublished')}
            </Text>
          ) : (
            items.map((d) => <DeliveryRow key={d.id} d={d} canRetry={can.retry} canConfirmRemoval={can.confirmRemoval} />)
          )}
        </Stack>
      </Card>
      {shareKit.targets.length ? <ShareKitCard articleId={articleId} kit={shareKit} canRecord={can.recordProof} /> : null}
    </Stack>
  );
}

function DeliveryRow({ d, canRetry, canConfirmRemoval }: { d: Delivery; canRetry: boolean; canConfirmRemoval: boolean }) {
  return (
    <Stack gap={4} py={4} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap={6} wrap="wrap">
          <Text size="sm" fw={500}>
            {d.targetName}
          </Text>
          <Text size="xs" c="dimmed">
            {targetKindLabel(d.targetKind)}
          </Text>
          <DeliveryStatusBadge status={d.status} />
        </Group>
        {d.remoteUrl ? (
          <Anchor href={d.remoteUrl} target="_blank" rel="noreferrer" size="sm">
            <Group gap={4} wrap="nowrap">
              <IconExternalLink size={14} />
              {t('articleDistribution.viewPost')}
            </Group>
          </Anchor>
        ) : null}
      </Group>
      {d.status === 'sent' ? (
        <Text size="xs" c="dimmed">
          {d.recipients !== null
            ? t('articleDistribution.sentMails', { n: d.recipients, at: formatDateTime(d.sentAt) })
            : d.isBroadcast
              ? t('articleDistribution.sentBroadcast', { at: formatDateTime(d.sentAt) })
              : t('articleDistribution.sentAt', { at: formatDateTime(d.sentAt) })}
          {d.isRecovered ? ` · ${t('articleDistribution.recovered')}` : ''}
        </Text>
      ) : null}
      {d.status !== 'sent' && d.lastError ? (
        <Text size="sm" c={d.status === 'pending' ? 'dimmed' : 'red.8'} className="loa-break">
          {d.lastError}
        </Text>
      ) : null}
      {(d.status === 'pending' || d.status === 'failed') && d.nextAttemptAt ? (
        <Text size="xs" c="dimmed">
          {t('articleDistribution.nextAttempt', { at: formatDateTime(d.nextAttemptAt), n: d.attempts })}
        </Text>
      ) : null}
      {canRetry && (d.status === 'dead' || d.status === 'failed') ? <RetryButton id={d.id} /> : null}
      {d.removal ? <RemovalState d={d} canRetry={canRetry} canConfirm={canConfirmRemoval} /> : null}
    </Stack>
  );
}

const removalColor: Record<RemovalStatus, string> = {
  pending: 'blue',
  sending: 'blue',
  removed: 'teal',
  manual_done: 'teal',
  failed: 'orange',
  dead: 'red',
  not_possible: 'gray',
};

/** After the withdrawal: is the post taken down? A task for the editor when Loa could not do it. */
function RemovalState({ d, canRetry, canConfirm }: { d: Delivery; canRetry: boolean; canConfirm: boolean }) {
  const qc = useQueryClient();
  const r = d.removal as NonNullable<Delivery['removal']>;
  const refresh = () => qc.invalidateQueries({ queryKey: articleDeliveriesKey(d.articleId) });
  const retry = useMutation({ mutationFn: () => deliveriesApi.retryRemoval(d.id), onSuccess: async () => (notifySuccess(t('removal.retried')), await refresh()) });
  const confirm = useMutation({ mutationFn: () => deliveriesApi.confirmRemoval(d.id), onSuccess: async () => (notifySuccess(t('removal.confirmed')), await refresh()) });
  const isStuck = r.status === 'failed' || r.status === 'dead';
  return (
    <Stack gap={4} pl="xs" style={{ borderLeft: '3px solid var(--mantine-color-gray-3)' }}>
      <Group gap={6} wrap="wrap">
        <Badge color={removalColor[r.status]} variant="light" size="sm">
          {t(`removal.status.${r.status}` as 'removal.status.pending')}
        </Badge>
        {r.removedAt ? (
          <Text size="xs" c="dimmed">
            {formatDateTime(r.removedAt)}
          </Text>
        ) : null}
      </Group>
      {r.status === 'not_possible' ? (
        <Text size="xs" c="dimmed">
          {t('removal.newsletter')}
        </Text>
      ) : null}
      {d.targetKind === 'zalo_oa' && d.isBroadcast && r.status !== 'not_possible' ? (
        <Text size="xs" c="dimmed">
          {t('removal.broadcastStays')}
        </Text>
      ) : null}
      {isStuck && r.error ? (
        <Text size="sm" c="red.8" className="loa-break">
          {r.error}
        </Text>
      ) : null}
      {isStuck ? (
        <Text size="sm">
          {t('removal.task')}{' '}
          {d.remoteUrl ? (
            <Anchor href={d.remoteUrl} target="_blank" rel="noreferrer" size="sm">
              {t('removal.openPost')}
            </Anchor>
          ) : (
            t('removal.findOnOa', { id: d.remoteId ?? '' })
          )}
        </Text>
      ) : null}
      {isStuck ? (
        <Group gap="xs" wrap="wrap">
          {canRetry ? (
            <Button size="xs" variant="light" loading={retry.isPending} onClick={() => retry.mutate()}>
              {t('removal.retry')}
            </Button>
          ) : null}
          {canConfirm ? (
            <Button size="xs" variant="default" loading={confirm.isPending} onClick={() => confirm.mutate()}>
              {t('removal.confirm')}
            </Button>
          ) : null}
        </Group>
      ) : null}
      <ErrorAlert error={retry.error ?? confirm.error} />
    </Stack>
  );
}

function Copy({ value, label }: { value: string; label: string }) {
  return (
    <CopyButton value={value} timeout={2000}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? t('articleDistribution.copied') : label} withArrow>
          <ActionIcon variant="light" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={label}>
            {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}

function ShareKitCard({ articleId, kit, canRecord }: { articleId: number; kit: ShareKit; canRecord: boolean }) {
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Text fw={600}>{t('shareKit.title')}</Text>
        <Text size="sm" c="dimmed">
          {t('shareKit.intro')}
        </Text>
        <Group align="flex-start" wrap="nowrap" gap="xs">
          <Textarea value={kit.text} readOnly autosize minRows={3} maxRows={8} style={{ flex: 1 }} label={t('shareKit.text')} />
          <Stack pt={24}>
            <Copy value={kit.text} label={t('shareKit.copyText')} />
          </Stack>
        </Group>
        <Group gap="xs" wrap="nowrap">
          <IconLink size={16} style={{ flex: 'none' }} />
          <Anchor href={kit.link} target="_blank" rel="noreferrer" size="sm" className="loa-break" style={{ flex: 1 }}>
            {kit.link}
          </Anchor>
          <Copy value={kit.link} label={t('shareKit.copyLink')} />
        </Group>
        {kit.targets.map((g) => (
          <Card key={g.id} withBorder padding="sm">
            <Stack gap={6}>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Group gap={6}>
                  <Text size="sm" fw={500}>
                    {g.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {targetKindLabel(g.kind)}
                  </Text>
                </Group>
                <Group gap="xs">
                  {g.url ? (
                    <Button component="a" href={g.url} target="_blank" rel="noreferrer" size="xs" variant="default" leftSection={<IconExternalLink size={14} />}>
                      {t('shareKit.openGroup')}
                    </Button>
                  ) : null}
                  {g.shareUrl ? (
                    <Button component="a" href={g.shareUrl} target="_blank" rel="noreferrer" size="xs" variant="light" leftSection={<IconShare size={14} />}>
                      {t('shareKit.shareFacebook')}
                    </Button>
                  ) : null}
                </Group>
              </Group>
              {g.proofs.length ? (
                <Stack gap={2}>
                  {g.proofs.map((p) => (
                    <Text key={p.id} size="xs">
                      <Anchor href={p.url} target="_blank" rel="noreferrer" size="xs" className="loa-break">
                        {p.url}
                      </Anchor>
                      {` · ${formatDateTime(p.sharedAt)}`}
                      {p.recordedByName ? ` · ${p.recordedByName}` : ''}
                      {p.note ? ` · ${p.note}` : ''}
                    </Text>
                  ))}
                </Stack>
              ) : (
                <Text size="xs" c="dimmed">
                  {t('shareKit.noProof')}
                </Text>
              )}
              {canRecord && kit.isPublished && g.isActive ? <ProofForm articleId={articleId} targetId={g.id} /> : null}
            </Stack>
          </Card>
        ))}
      </Stack>
    </Card>
  );
}

function ProofForm({ articleId, targetId }: { articleId: number; targetId: number }) {
  const qc = useQueryClient();
  const [url, setUrl] = useState('');
  const [note, setNote] = useState('');
  const save = useMutation({
    mutationFn: () => deliveriesApi.recordProof(articleId, { targetId, url: url.trim(), note: note.trim() || null }),
    onSuccess: async () => {
      notifySuccess(t('shareKit.recorded'));
      setUrl('');
      setNote('');
      await qc.invalidateQueries({ queryKey: articleDeliveriesKey(articleId) });
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (url.trim()) save.mutate();
      }}
    >
      <Stack gap={6}>
        <Group gap="xs" align="flex-end" wrap="wrap">
          <TextInput
            label={t('shareKit.proofUrl')}
            placeholder={t('shareKit.proofUrlPlaceholder')}
            type="url"
            size="xs"
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            style={{ flex: '2 1 16rem' }}
          />
          <TextInput label={t('shareKit.note')} size="xs" value={note} onChange={(e) => setNote(e.currentTarget.value)} style={{ flex: '1 1 10rem' }} />
          <Button type="submit" size="xs" loading={save.isPending} disabled={!url.trim()}>
            {t('shareKit.record')}
          </Button>
        </Group>
        <ErrorAlert error={save.error} />
      </Stack>
    </form>
  );
}
