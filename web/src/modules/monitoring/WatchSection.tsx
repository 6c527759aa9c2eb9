import { ActionIcon, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { notifyError, notifySuccess } from '../../ui/notify';

/** Watched people and keyword topics (issue 6; mirrors src/modules/monitoring/watch.routes.ts). */
export type WatchPerson = { id: number; unitId: number; unitName: string; name: string; title: string | null; aliases: string[]; userId: number | null; createdAt: string };
export type WatchTopic = { id: number; unitId: number; unitName: string; code: string; name: string; keywords: string[]; createdAt: string };

export const watchKey = ['monitoring', 'watch'] as const;
export const watchApi = {
  people: (unitId: number) => api<{ items: WatchPerson[] }>('/monitoring/watch/people', { query: { unitId } }),
  addPerson: (body: { unitId: number; name: string; title?: string | null; aliases?: string[] }) => api<WatchPerson>('/monitoring/watch/people', { method: 'POST', body }),
  importPeople: (unitId: number) => api<{ items: WatchPerson[] }>('/monitoring/watch/people/import', { method: 'POST', body: { unitId } }),
  removePerson: (id: number) => api<{ ok: true }>(`/monitoring/watch/people/${id}`, { method: 'DELETE' }),
  topics: (unitId: number) => api<{ items: WatchTopic[] }>('/monitoring/watch/topics', { query: { unitId } }),
  addTopic: (body: { unitId: number; name: string; keywords: string[] }) => api<WatchTopic>('/monitoring/watch/topics', { method: 'POST', body }),
  removeTopic: (id: number) => api<{ ok: true }>(`/monitoring/watch/topics/${id}`, { method: 'DELETE' }),
};

const accent = 'indigo.8';
const splitList = (s: string) => s.split(/[,;\n]/).map((x) => x.trim()).filter(Boolean);

/** The sources page's watchlist of people (with context rules) and keyword topics for a unit. */
export function WatchSection({ unitId, mayWrite }: { unitId: number; mayWrite: boolean }) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: watchKey });
  const people = useQuery({ queryKey: [...watchKey, 'people', unitId], queryFn: () => watchApi.people(unitId) });
  const topics = useQuery({ queryKey: [...watchKey, 'topics', unitId], queryFn: () => watchApi.topics(unitId) });
  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  const [topicName, setTopicName] = useState('');
  const [keywords, setKeywords] = useState('');
  const addPerson = useMutation({
    mutationFn: () => watchApi.addPerson({ unitId, name: name.trim(), title: title.trim() || null }),
    onSuccess: () => { setName(''); setTitle(''); refresh(); },
    onError: notifyError,
  });
  const importPeople = useMutation({
    mutationFn: () => watchApi.importPeople(unitId),
    onSuccess: (r) => { notifySuccess(t('ms.watch.imported', { n: r.items.length })); refresh(); },
    onError: notifyError,
  });
  const removePerson = useMutation({ mutationFn: (id: number) => watchApi.removePerson(id), onSuccess: refresh, onError: notifyError });
  const addTopic = useMutation({
    mutationFn: () => watchApi.addTopic({ unitId, name: topicName.trim(), keywords: splitList(keywords) }),
    onSuccess: () => { setTopicName(''); setKeywords(''); refresh(); },
    onError: notifyError,
  });
  const removeTopic = useMutation({ mutationFn: (id: number) => watchApi.removeTopic(id), onSuccess: refresh, onError: notifyError });
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="ms-watch-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="ms-watch-title">
          {t('ms.watch.peopleTitle')}
        </Title>
        <Text size="sm" c="gray.7">
          {t('ms.watch.peopleLead')}
        </Text>
        <ErrorAlert error={people.error} />
        {people.data && people.data.items.length === 0 ? <Text size="sm">{t('ms.watch.peopleNone')}</Text> : null}
        <Stack gap={4} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {people.data?.items.map((p) => (
            <Group key={p.id} component="li" gap="xs" wrap="nowrap" justify="space-between">
              <Text size="sm" className="loa-break">
                <b>{p.name}</b>
                {p.title ? `, ${p.title}` : ''} — {p.unitName}
              </Text>
              {mayWrite ? (
                <ActionIcon variant="subtle" color="red.9" c="red.9" aria-label={t('ms.watch.removePerson', { name: p.name })} onClick={() => removePerson.mutate(p.id)}>
                  <IconTrash size={16} />
                </ActionIcon>
              ) : null}
            </Group>
          ))}
        </Stack>
        {mayWrite ? (
          <form onSubmit={(e) => { e.preventDefault(); if (name.trim().length >= 3) addPerson.mutate(); }}>
            <Group align="flex-end" gap="sm" wrap="wrap">
              <TextInput label={t('ms.watch.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} w={{ base: '100%', sm: 240 }} required minLength={3} />
              <TextInput label={t('ms.watch.personTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} w={{ base: '100%', sm: 200 }} />
              <Button color={accent} type="submit" loading={addPerson.isPending}>
                {t('ms.watch.addPerson')}
              </Button>
              <Button variant="default" onClick={() => importPeople.mutate()} loading={importPeople.isPending}>
                {t('ms.watch.importPeople')}
              </Button>
            </Group>
          </form>
        ) : null}

        <Title order={3} size="h4" id="ms-topic-title" mt="sm">
          {t('ms.watch.topicsTitle')}
        </Title>
        <Text size="sm" c="gray.7">
          {t('ms.watch.topicsLead')}
        </Text>
        <ErrorAlert error={topics.error} />
        {topics.data && topics.data.items.length === 0 ? <Text size="sm">{t('ms.watch.topicsNone')}</Text> : null}
        <Stack gap={4} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-labelledby="ms-topic-title">
          {topics.data?.items.map((x) => (
            <Group key={x.id} component="li" gap="xs" wrap="nowrap" justify="space-between">
              <Text size="sm" className="loa-break">
                <b>{x.name}</b>: {x.keywords.join(', ')}
              </Text>
              {mayWrite ? (
                <ActionIcon variant="subtle" color="red.9" c="red.9" aria-label={t('ms.watch.removeTopic', { name: x.name })} onClick={() => removeTopic.mutate(x.id)}>
                  <IconTrash size={16} />
                </ActionIcon>
              ) : null}
            </Group>
          ))}
        </Stack>
        {mayWrite ? (
          <form onSubmit={(e) => { e.preventDefault(); if (topicName.trim().length >= 2 && splitList(keywords).length) addTopic.mutate(); }}>
            <Group align="flex-end" gap="sm" wrap="wrap">
              <TextInput label={t('ms.watch.topicName')} value={topicName} onChange={(e) => setTopicName(e.currentTarget.value)} w={{ base: '100%', sm: 220 }} required minLength={2} />
              <TextInput
                label={t('ms.watch.keywords')}
                description={t('ms.watch.keywordsHint')}
                value={keywords}
                onChange={(e) => setKeywords(e.currentTarget.value)}
                w={{ base: '100%', sm: 320 }}
                required
              />
              <Button color={accent} type="submit" loading={addTopic.isPending}>
                {t('ms.watch.addTopic')}
              </Button>
            </Group>
          </form>
        ) : null}
      </Stack>
    </Card>
  );
}
