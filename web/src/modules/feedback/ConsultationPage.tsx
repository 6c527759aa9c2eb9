import { Anchor, Badge, Button, Card, Group, Loader, Pagination, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconChartPie, IconEdit, IconFileSpreadsheet, IconFileText, IconSend } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { type ConsultationFull, type FeedbackItem, type Visibility, consultationKey, exportUrl, feedbackApi, feedbackKey } from './api';
import { EscalateButtons, channelLabel } from './FeedbackPage';
import { ConsultationStatusBadge, stanceLabel } from './labels';

const pageSize = 30;

/** One consultation: its window and status, paragraphs, comments with moderation, the response, exports. */
export function ConsultationPage({ id }: { id: number }) {
  const c = useQuery({ queryKey: consultationKey(id), queryFn: () => feedbackApi.get(id) });
  if (c.isPending) return <Loader aria-label={t('common.loading')} />;
  if (c.isError) return <ErrorAlert error={c.error} />;
  return <ConsultationView c={c.data} />;
}

function ConsultationView({ c }: { c: ConsultationFull }) {
  return (
    <>
      <PageHeader
        title={c.title}
        actions={
          <Group gap="xs">
            {c.can.write && (
              <Button variant="default" component={Link} to={`/gop-y/${c.id}/sua`} leftSection={<IconEdit size={16} />}>
                {t('fb.edit')}
              </Button>
            )}
            <Button variant="default" component={Link} to={`/gop-y/phan-tich/${c.id}`} leftSection={<IconChartPie size={16} />}>
              {t('fb.analysis')}
            </Button>
          </Group>
        }
      />
      <Stack gap="md">
        <Card withBorder padding="sm">
          <Group gap="xs" wrap="wrap">
            <ConsultationStatusBadge status={c.status} />
            <Text size="sm">{c.unitName}</Text>
          </Group>
          <Text size="sm" mt={4}>
            {t('fb.detail.window', { from: formatDateTime(c.opensAt), to: formatDateTime(c.closesAt) })}
          </Text>
          <Text size="sm">{t('fb.detail.responseDue', { date: formatDateTime(c.responseDueAt) })}</Text>
          <Text size="sm">{t('fb.counts', { total: c.counts.total, hidden: c.counts.hidden })}</Text>
          {c.summary && (
            <Text size="sm" mt={4} c="dimmed" style={{ whiteSpace: 'pre-line' }}>
              {c.summary}
            </Text>
          )}
          <Group gap="md" mt="xs" wrap="wrap">
            {c.status !== 'draft' && (
              <Anchor href={c.publicUrl} target="_blank" size="sm">
                {t('fb.detail.publicPage')}
              </Anchor>
            )}
            <Anchor href={exportUrl(c.id, 'xlsx')} size="sm">
              <Group gap={4} component="span">
                <IconFileSpreadsheet size={16} />
                {t('fb.detail.exportXlsx')}
              </Group>
            </Anchor>
            <Anchor href={exportUrl(c.id, 'docx')} size="sm">
              <Group gap={4} component="span">
                <IconFileText size={16} />
                {t('fb.detail.exportDocx')}
              </Group>
            </Anchor>
          </Group>
        </Card>
        <ResponseCard c={c} />
        <Comments c={c} />
        <Card withBorder padding="sm">
          <Title order={3} size="h4" mb="xs">
            {t('fb.detail.paragraphs')}
          </Title>
          <Stack gap="xs">
            {c.paragraphs.map((p) => (
              <div key={p.id}>
                <Text size="sm" fw={600}>
                  {p.label ?? t('fb.paragraphN', { n: p.position })} · {t('fb.detail.paragraphComments', { n: p.commentCount ?? 0 })}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
                  {p.body}
                </Text>
              </div>
            ))}
          </Stack>
        </Card>
      </Stack>
    </>
  );
}

function ResponseCard({ c }: { c: ConsultationFull }) {
  const qc = useQueryClient();
  const [text, setText] = useState(c.responseText ?? '');
  const save = useMutation({
    mutationFn: () => feedbackApi.respond(c.id, text),
    onSuccess: async (x) => {
      notifySuccess(t('fb.response.published'));
      qc.setQueryData(consultationKey(c.id), x);
      await qc.invalidateQueries({ queryKey: feedbackKey });
    },
  });
  return (
    <Card withBorder padding="sm">
      <Title order={3} size="h4" mb="xs">
        {t('fb.response.title')}
      </Title>
      {c.responsePublishedAt && (
        <Text size="sm" c="dimmed" mb="xs">
          {t('fb.response.publishedAt', { date: formatDateTime(c.responsePublishedAt) })}
        </Text>
      )}
      {c.can.respond ? (
        <Stack gap="xs">
          <Textarea label={t('fb.response.label')} description={t('fb.response.hint')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={4} />
          {save.isError && <ErrorAlert error={save.error} />}
          <Group>
            <Button leftSection={<IconSend size={16} />} onClick={() => save.mutate()} loading={save.isPending} disabled={text.trim().length < 20}>
              {c.responsePublishedAt ? t('fb.response.update') : t('fb.response.publish')}
            </Button>
          </Group>
        </Stack>
      ) : c.responseText ? (
        <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
          {c.responseText}
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          {t('fb.response.afterClose')}
        </Text>
      )}
    </Card>
  );
}

function Comments({ c }: { c: ConsultationFull }) {
  const [visibility, setVisibility] = useState<string | null>(null);
  const [paragraph, setParagraph] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const query = { visibility: visibility as Visibility | null, paragraphId: paragraph ? Number(paragraph) : null, limit: pageSize, offset: (page - 1) * pageSize };
  const list = useQuery({ queryKey: [...consultationKey(c.id), 'items', query], queryFn: () => feedbackApi.items(c.id, query), placeholderData: (p) => p });
  return (
    <Card withBorder padding="sm">
      <Title order={3} size="h4" mb="xs">
        {t('fb.detail.comments')}
      </Title>
      <Group gap="sm" wrap="wrap" mb="sm">
        <Select
          label={t('fb.detail.visibility')}
          placeholder={t('fb.allStatuses')}
          data={[
            { value: 'public', label: t('fb.visibility.public') },
            { value: 'hidden', label: t('fb.visibility.hidden') },
            { value: 'private', label: t('fb.visibility.private') },
          ]}
          value={visibility}
          onChange={(v) => {
            setVisibility(v);
            setPage(1);
          }}
          clearable
          w={{ base: '100%', xs: 200 }}
        />
        <Select
          label={t('fb.detail.paragraph')}
          placeholder={t('fb.detail.allParagraphs')}
          data={c.paragraphs.map((p) => ({ value: String(p.id), label: p.label ?? t('fb.paragraphN', { n: p.position }) }))}
          value={paragraph}
          onChange={(v) => {
            setParagraph(v);
            setPage(1);
          }}
          clearable
          w={{ base: '100%', xs: 200 }}
        />
      </Group>
      {list.isError && <ErrorAlert error={list.error} />}
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      {list.data && list.data.items.length === 0 && <Text c="dimmed">{t('fb.detail.noComments')}</Text>}
      <Stack gap="xs">
        {list.data?.items.map((x) => (
          <CommentRow key={x.id} item={x} consultation={c} />
        ))}
      </Stack>
      {(list.data?.total ?? 0) > pageSize && <Pagination mt="sm" total={Math.ceil((list.data?.total ?? 0) / pageSize)} value={page} onChange={setPage} />}
    </Card>
  );
}

function CommentRow({ item: x, consultation: c }: { item: FeedbackItem; consultation: ConsultationFull }) {
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const [mode, setMode] = useState<'hide' | 'block' | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: consultationKey(c.id) });
  const act = useMutation({
    mutationFn: async (a: 'hide' | 'unhide' | 'block') => {
      if (a === 'hide') await feedbackApi.hide(x.id, reason);
      else if (a === 'unhide') await feedbackApi.unhide(x.id);
      else await feedbackApi.block(x.id, reason);
    },
    onSuccess: async () => {
      notifySuccess(t('fb.moderation.done'));
      setMode(null);
      setReason('');
      await refresh();
    },
    onError: notifyError,
  });
  const mayWrite = c.can.write || c.can.respond;
  return (
    <Card withBorder padding="xs" bg={x.visibility === 'hidden' ? 'gray.0' : undefined} data-testid={`comment-${x.id}`}>
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={600}>
          #{x.id} · {x.paragraphLabel ?? (x.paragraphPosition ? t('fb.paragraphN', { n: x.paragraphPosition }) : t('fb.whole'))}
        </Text>
        <Badge variant="light" color={x.stance === 'agree' ? 'green' : x.stance === 'disagree' ? 'red' : 'yellow'}>
          {stanceLabel(x.stance)}
        </Badge>
        {x.visibility === 'hidden' && (
          <Badge color="gray" variant="filled">
            {t('fb.visibility.hidden')}
          </Badge>
        )}
        {x.reportCount > 0 && (
          <Badge color="orange" variant="outline">
            {t('fb.reports', { n: x.reportCount })}
          </Badge>
        )}
        {x.blocked && (
          <Badge color="red" variant="outline">
            {t('fb.blocked')}
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {channelLabel(x.channel)} · {formatDateTime(x.createdAt)}
        {x.name && <> · {x.name}</>}
        {x.email && <> · {x.email}</>}
        {x.phone && <> · {x.phone}</>}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
        {x.body}
      </Text>
      {x.visibility === 'hidden' && x.hiddenReason && (
        <Text size="xs" c="dimmed">
          {t('fb.hiddenReason', { reason: x.hiddenReason })}
        </Text>
      )}
      {mayWrite && (
        <Group gap="xs" mt={4} wrap="wrap">
          {x.visibility === 'public' && (
            <Button size="xs" variant="light" color="gray" onClick={() => setMode(mode === 'hide' ? null : 'hide')}>
              {t('fb.moderation.hide')}
            </Button>
          )}
          {x.visibility === 'hidden' && (
            <Button size="xs" variant="light" onClick={() => act.mutate('unhide')} loading={act.isPending}>
              {t('fb.moderation.unhide')}
            </Button>
          )}
          {!x.blocked && (
            <Button size="xs" variant="subtle" color="red" onClick={() => setMode(mode === 'block' ? null : 'block')}>
              {t('fb.moderation.block')}
            </Button>
          )}
          <EscalateButtons item={x} />
        </Group>
      )}
      {mode && (
        <Group gap="xs" mt="xs" align="flex-end" wrap="wrap">
          <TextInput
            label={mode === 'hide' ? t('fb.moderation.hideReason') : t('fb.moderation.blockReason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            maxLength={500}
            w={{ base: '100%', xs: 320 }}
          />
          <Button size="xs" color={mode === 'block' ? 'red' : undefined} onClick={() => act.mutate(mode)} loading={act.isPending} disabled={!reason.trim()}>
            {mode === 'hide' ? t('fb.moderation.confirmHide') : t('fb.moderation.confirmBlock')}
          </Button>
        </Group>
      )}
    </Card>
  );
}
