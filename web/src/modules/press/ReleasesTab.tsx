import { Anchor, Badge, Button, Card, Group, Loader, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type PressRelease, pressApi, pressKey } from '../../api/press';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { can } from '../auth/permissions';
import { useUser } from '../auth/session';
import { docStatusLabel } from './labels';

/** Turns typed paragraphs into simple HTML (the server sanitises again). */
export const paragraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br>')}</p>`)
    .join('');

/** Press releases: write a draft, approve (the register, not the author), publish on the portal, withdraw. */
export function ReleasesTab({ unitId }: { unitId: number }) {
  const user = useUser();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: [...pressKey, 'releases', unitId], queryFn: () => pressApi.releases(unitId) });
  const people = useQuery({ queryKey: [...pressKey, 'people', unitId], queryFn: () => pressApi.people(unitId) });
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [body, setBody] = useState('');
  const create = useMutation({
    mutationFn: () => pressApi.saveRelease(null, { unitId, title, summary: summary || null, bodyHtml: paragraphs(body) }),
    onSuccess: async () => {
      notifySuccess(t('press.saved'));
      setTitle('');
      setSummary('');
      setBody('');
      await qc.invalidateQueries({ queryKey: [...pressKey, 'releases'] });
    },
  });
  const move = useMutation({
    mutationFn: (m: { id: number; action: 'approve' | 'publish' | 'withdraw' | 'reopen' }) => pressApi.moveRelease(m.id, m.action),
    onSuccess: async () => {
      notifySuccess(t('press.q.done'));
      await qc.invalidateQueries({ queryKey: [...pressKey, 'releases'] });
    },
  });
  const mayApprove = !!people.data?.isInRegister;
  const actions = (r: PressRelease) => {
    const out: ('approve' | 'publish' | 'withdraw' | 'reopen')[] = [];
    if (mayApprove && r.status === 'draft' && r.authorId !== user.id) out.push('approve');
    if (mayApprove && r.status === 'approved') out.push('publish');
    if (mayApprove && (r.status === 'published' || r.status === 'approved')) out.push('withdraw');
    if (can(user, 'press.write') && (r.status === 'approved' || r.status === 'withdrawn')) out.push('reopen');
    return out;
  };
  return (
    <Stack gap="sm">
      {list.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {list.error || move.error ? <ErrorAlert error={list.error ?? move.error} /> : null}
      {list.data?.items.length === 0 ? <Text c="dimmed">{t('press.rel.none')}</Text> : null}
      {list.data?.items.map((r) => (
        <Card key={r.id} withBorder padding="sm">
          <Stack gap={4}>
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Text fw={600}>{r.title}</Text>
              <Badge variant="light">{docStatusLabel(r.status)}</Badge>
            </Group>
            <Text size="sm" c="dimmed">
              {[r.authorName, r.approvedByName ? t('press.rel.approvedBy', { name: r.approvedByName }) : null, r.publishedAt ? formatDateTime(r.publishedAt) : null].filter(Boolean).join(' · ')}
            </Text>
            {r.publicUrl ? (
              <Anchor href={r.publicUrl} target="_blank" size="sm">
                {t('press.rel.view')}
              </Anchor>
            ) : null}
            <Group gap="xs" wrap="wrap">
              {actions(r).map((a) => (
                <Button key={a} size="xs" variant="light" loading={move.isPending} onClick={() => move.mutate({ id: r.id, action: a })}>
                  {t(`press.rel.${a}`)}
                </Button>
              ))}
            </Group>
          </Stack>
        </Card>
      ))}
      {can(user, 'press.write') ? (
        <Card withBorder>
          <Stack gap="sm">
            <Text fw={600}>{t('press.rel.new')}</Text>
            <TextInput label={t('press.rel.title')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
            <Textarea label={t('press.rel.summary')} autosize minRows={2} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} />
            <Textarea label={t('press.rel.body')} description={t('press.rel.bodyHint')} autosize minRows={6} value={body} onChange={(e) => setBody(e.currentTarget.value)} />
            {create.error ? <ErrorAlert error={create.error} /> : null}
            <Group>
              <Button disabled={!title.trim()} loading={create.isPending} onClick={() => create.mutate()}>
                {t('press.rel.create')}
              </Button>
            </Group>
          </Stack>
        </Card>
      ) : null}
    </Stack>
  );
}
