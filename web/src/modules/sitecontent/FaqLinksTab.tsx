import { Anchor, Badge, Button, Card, Checkbox, Group, Loader, Modal, NumberInput, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type Faq, type SiteLink, siteContentApi } from '../../api/sitecontent';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { notifyError, notifySuccess } from '../../ui/notify';
import { RowActions, siteContentKey } from './common';

/** The FAQ: question, answer, group, order, shown or hidden. */
export function FaqTab({ unitId }: { unitId: number }) {
  const list = useQuery({ queryKey: [...siteContentKey, 'faqs', unitId], queryFn: () => siteContentApi.faqs(unitId) });
  const [editing, setEditing] = useState<Faq | 'new' | null>(null);
  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" maw={640}>
          {t('sc.faq.lead')}
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          {t('sc.faq.new')}
        </Button>
      </Group>
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.data && !list.data.items.length && <Text c="dimmed">{t('sc.faq.none')}</Text>}
      {list.data?.items.map((f) => (
        <Card key={f.id} withBorder padding="sm">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={4} style={{ minWidth: 0 }}>
              <Group gap="xs">
                {f.groupName && <Badge variant="light">{f.groupName}</Badge>}
                {!f.isPublished && (
                  <Badge variant="light" color="gray">
                    {t('sc.faq.hidden')}
                  </Badge>
                )}
              </Group>
              <Text fw={600} className="loa-break">
                {f.question}
              </Text>
              <Text size="sm" c="dimmed" lineClamp={2} className="loa-break">
                {f.answer}
              </Text>
            </Stack>
            <RowActions name={f.question} onEdit={() => setEditing(f)} remove={{ kind: 'faqs', id: f.id }} />
          </Group>
        </Card>
      ))}
      {editing && <FaqForm unitId={unitId} initial={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function FaqForm({ unitId, initial, onClose }: { unitId: number; initial: Faq | null; onClose: () => void }) {
  const qc = useQueryClient();
  const [question, setQuestion] = useState(initial?.question ?? '');
  const [answer, setAnswer] = useState(initial?.answer ?? '');
  const [groupName, setGroup] = useState(initial?.groupName ?? '');
  const [position, setPosition] = useState<number | string>(initial?.position ?? '');
  const [isPublished, setPublished] = useState(initial?.isPublished ?? true);
  const save = useMutation({
    mutationFn: () => {
      const body = { question: question.trim(), answer: answer.trim(), groupName: groupName.trim() || null, position: typeof position === 'number' ? position : undefined, isPublished };
      return initial ? siteContentApi.updateFaq(initial.id, body) : siteContentApi.createFaq(unitId, body);
    },
    onSuccess: () => {
      notifySuccess(t('sc.saved'));
      void qc.invalidateQueries({ queryKey: siteContentKey });
      onClose();
    },
    onError: notifyError,
  });
  return (
    <Modal opened onClose={onClose} title={initial ? t('sc.faq.edit') : t('sc.faq.new')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (question.trim() && answer.trim()) save.mutate();
        }}
      >
        <Stack gap="sm">
          <TextInput label={t('sc.faq.question')} required value={question} onChange={(e) => setQuestion(e.currentTarget.value)} maxLength={500} />
          <Textarea label={t('sc.faq.answer')} description={t('sc.faq.answerHint')} required autosize minRows={4} value={answer} onChange={(e) => setAnswer(e.currentTarget.value)} maxLength={10000} />
          <TextInput label={t('sc.faq.group')} placeholder={t('sc.faq.groupPlaceholder')} value={groupName} onChange={(e) => setGroup(e.currentTarget.value)} maxLength={120} />
          <NumberInput label={t('sc.order')} min={0} max={100000} value={position} onChange={setPosition} />
          <Checkbox label={t('sc.faq.published')} checked={isPublished} onChange={(e) => setPublished(e.currentTarget.checked)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('sc.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Links: title, an external https address, group, order. */
export function LinksTab({ unitId }: { unitId: number }) {
  const list = useQuery({ queryKey: [...siteContentKey, 'links', unitId], queryFn: () => siteContentApi.links(unitId) });
  const [editing, setEditing] = useState<SiteLink | 'new' | null>(null);
  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" maw={640}>
          {t('sc.links.lead')}
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          {t('sc.links.new')}
        </Button>
      </Group>
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.data && !list.data.items.length && <Text c="dimmed">{t('sc.links.none')}</Text>}
      {list.data?.items.map((l) => (
        <Card key={l.id} withBorder padding="sm">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={2} style={{ minWidth: 0 }}>
              {l.groupName && (
                <Badge variant="light" style={{ alignSelf: 'flex-start' }}>
                  {l.groupName}
                </Badge>
              )}
              <Text fw={600} className="loa-break">
                {l.title}
              </Text>
              <Anchor href={l.url} target="_blank" rel="noopener noreferrer" size="sm" className="loa-break">
                {l.url}
              </Anchor>
            </Stack>
            <RowActions name={l.title} onEdit={() => setEditing(l)} remove={{ kind: 'links', id: l.id }} />
          </Group>
        </Card>
      ))}
      {editing && <LinkForm unitId={unitId} initial={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function LinkForm({ unitId, initial, onClose }: { unitId: number; initial: SiteLink | null; onClose: () => void }) {
  const qc = useQueryClient();
  const [title, setTitle] = useState(initial?.title ?? '');
  const [url, setUrl] = useState(initial?.url ?? 'https://');
  const [groupName, setGroup] = useState(initial?.groupName ?? '');
  const [position, setPosition] = useState<number | string>(initial?.position ?? '');
  const save = useMutation({
    mutationFn: () => {
      const body = { title: title.trim(), url: url.trim(), groupName: groupName.trim() || null, position: typeof position === 'number' ? position : undefined };
      return initial ? siteContentApi.updateLink(initial.id, body) : siteContentApi.createLink(unitId, body);
    },
    onSuccess: () => {
      notifySuccess(t('sc.saved'));
      void qc.invalidateQueries({ queryKey: siteContentKey });
      onClose();
    },
    onError: notifyError,
  });
  return (
    <Modal opened onClose={onClose} title={initial ? t('sc.links.edit') : t('sc.links.new')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (title.trim() && url.trim()) save.mutate();
        }}
      >
        <Stack gap="sm">
          <TextInput label={t('sc.links.title')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} maxLength={200} />
          <TextInput label={t('sc.links.url')} description={t('sc.links.urlHint')} required type="url" value={url} onChange={(e) => setUrl(e.currentTarget.value)} maxLength={1000} />
          <TextInput label={t('sc.links.group')} value={groupName} onChange={(e) => setGroup(e.currentTarget.value)} maxLength={120} />
          <NumberInput label={t('sc.order')} min={0} max={100000} value={position} onChange={setPosition} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('sc.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
