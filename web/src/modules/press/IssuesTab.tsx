import { Badge, Button, Card, Group, Loader, Stack, Text, TextInput, Textarea, Typography } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { pressApi, pressKey } from '../../api/press';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { can } from '../auth/permissions';
import { useUser } from '../auth/session';
import { docStatusLabel } from './labels';
import { paragraphs } from './ReleasesTab';

/** The issues library: facts, the approved position, Q&A, review dates; searched without diacritics. */
export function IssuesTab({ unitId }: { unitId: number }) {
  const user = useUser();
  const qc = useQueryClient();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const list = useQuery({ queryKey: [...pressKey, 'issues', unitId, q], queryFn: () => pressApi.issues(unitId, q) });
  const people = useQuery({ queryKey: [...pressKey, 'people', unitId], queryFn: () => pressApi.people(unitId) });
  const [f, setF] = useState({ topic: '', facts: '', position: '', qa: '', tags: '', reviewOn: '' });
  const create = useMutation({
    mutationFn: () => {
      // Q&A typed as blocks "H: ... / Đ: ..." separated by a blank line
      const qa = f.qa.split(/\n{2,}/).map((b) => {
        const [qq, ...a] = b.split('\n');
        return { q: (qq ?? '').replace(/^H:\s*/i, '').trim(), a: a.join('\n').replace(/^Đ:\s*/i, '').trim() };
      }).filter((x) => x.q && x.a);
      return pressApi.saveIssue(null, {
        unitId, topic: f.topic, factsHtml: paragraphs(f.facts), position: f.position, qa, ownerIds: [user.id],
        tags: f.tags.split(',').map((x) => x.trim()).filter(Boolean), reviewOn: f.reviewOn || null,
      });
    },
    onSuccess: async () => {
      notifySuccess(t('press.saved'));
      setF({ topic: '', facts: '', position: '', qa: '', tags: '', reviewOn: '' });
      await qc.invalidateQueries({ queryKey: [...pressKey, 'issues'] });
    },
  });
  const move = useMutation({
    mutationFn: (m: { id: number; action: 'approve' | 'archive' | 'reopen' }) => pressApi.moveIssue(m.id, m.action),
    onSuccess: async () => {
      notifySuccess(t('press.q.done'));
      await qc.invalidateQueries({ queryKey: [...pressKey, 'issues'] });
    },
  });
  return (
    <Stack gap="sm">
      <TextInput label={t('press.is.search')} placeholder={t('press.is.searchPlaceholder')} leftSection={<IconSearch size={16} />} value={search} onChange={(e) => setSearch(e.currentTarget.value)} maw={420} />
      {list.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {list.error || move.error ? <ErrorAlert error={list.error ?? move.error} /> : null}
      {list.data?.items.length === 0 ? <Text c="dimmed">{t('press.is.none')}</Text> : null}
      {list.data?.items.map((i) => (
        <Card key={i.id} withBorder padding="sm">
          <Stack gap={6}>
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Text fw={600}>{i.topic}</Text>
              <Group gap={4}>
                <Badge variant="light">{docStatusLabel(i.status)}</Badge>
                {i.isReviewDue ? <Badge color="red">{t('press.is.reviewDue')}</Badge> : null}
              </Group>
            </Group>
            {i.reviewOn ? <Text size="sm" c="dimmed">{t('press.is.reviewOn', { date: formatDate(i.reviewOn) })}</Text> : null}
            {i.tags.length ? <Text size="sm" c="dimmed">{i.tags.join(', ')}</Text> : null}
            {/* sanitised on the server (sanitizeArticleHtml) */}
            <Typography className="loa-break">
              <div dangerouslySetInnerHTML={{ __html: i.factsHtml }} />
            </Typography>
            {i.position ? (
              <Text size="sm">
                <strong>{t('press.is.position')}</strong> {i.position}
              </Text>
            ) : null}
            {i.qa.map((x, n) => (
              <Text key={n} size="sm">
                <strong>{x.q}</strong> — {x.a}
              </Text>
            ))}
            <Group gap="xs">
              {people.data?.isInRegister && i.status === 'draft' ? (
                <Button size="xs" variant="light" onClick={() => move.mutate({ id: i.id, action: 'approve' })}>
                  {t('press.is.approve')}
                </Button>
              ) : null}
              {can(user, 'press.write') && i.status !== 'archived' ? (
                <Button size="xs" variant="default" onClick={() => move.mutate({ id: i.id, action: 'archive' })}>
                  {t('press.is.archive')}
                </Button>
              ) : null}
            </Group>
          </Stack>
        </Card>
      ))}
      {can(user, 'press.write') ? (
        <Card withBorder>
          <Stack gap="sm">
            <Text fw={600}>{t('press.is.new')}</Text>
            <TextInput label={t('press.is.topic')} required value={f.topic} onChange={(e) => { const v = e.currentTarget.value; setF((x) => ({ ...x, topic: v })); }} />
            <Textarea label={t('press.is.facts')} autosize minRows={3} value={f.facts} onChange={(e) => { const v = e.currentTarget.value; setF((x) => ({ ...x, facts: v })); }} />
            <Textarea label={t('press.is.position')} autosize minRows={2} value={f.position} onChange={(e) => { const v = e.currentTarget.value; setF((x) => ({ ...x, position: v })); }} />
            <Textarea label={t('press.is.qa')} description={t('press.is.qaHint')} autosize minRows={3} value={f.qa} onChange={(e) => { const v = e.currentTarget.value; setF((x) => ({ ...x, qa: v })); }} />
            <Group grow wrap="wrap">
              <TextInput label={t('press.is.tags')} value={f.tags} onChange={(e) => { const v = e.currentTarget.value; setF((x) => ({ ...x, tags: v })); }} />
              <TextInput label={t('press.is.reviewDate')} type="date" value={f.reviewOn} onChange={(e) => { const v = e.currentTarget.value; setF((x) => ({ ...x, reviewOn: v })); }} />
            </Group>
            {create.error ? <ErrorAlert error={create.error} /> : null}
            <Group>
              <Button disabled={!f.topic.trim()} loading={create.isPending} onClick={() => create.mutate()}>
                {t('press.is.create')}
              </Button>
            </Group>
          </Stack>
        </Card>
      ) : null}
    </Stack>
  );
}
