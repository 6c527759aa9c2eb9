import { Anchor, Button, Card, FileInput, Group, Loader, Modal, SegmentedControl, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type Video, siteContentApi } from '../../api/sitecontent';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { notifyError, notifySuccess } from '../../ui/notify';
import { RowActions, StatusBadge, siteContentKey } from './common';

/** Videos: an uploaded MP4/WebM file or a YouTube link (shown on the site as a link). */
export function VideosTab({ unitId }: { unitId: number }) {
  const list = useQuery({ queryKey: [...siteContentKey, 'videos', unitId], queryFn: () => siteContentApi.videos(unitId) });
  const [editing, setEditing] = useState<Video | 'new' | null>(null);
  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" maw={640}>
          {t('sc.vid.lead')}
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          {t('sc.vid.new')}
        </Button>
      </Group>
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.data && !list.data.items.length && <Text c="dimmed">{t('sc.vid.none')}</Text>}
      {list.data?.items.map((v) => (
        <Card key={v.id} withBorder padding="sm">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={4} style={{ minWidth: 0 }}>
              <StatusBadge status={v.status} />
              <Text fw={600} className="loa-break">
                {v.title}
              </Text>
              <Text size="sm" c="dimmed">
                {v.source === 'youtube' && v.youtubeId ? (
                  <Anchor href={`https://www.youtube.com/watch?v=${v.youtubeId}`} target="_blank" rel="noopener noreferrer">
                    {t('sc.vid.youtube')}
                  </Anchor>
                ) : (
                  t('sc.vid.file', { mb: ((v.size ?? 0) / 1048576).toFixed(1) })
                )}
              </Text>
            </Stack>
            <RowActions name={v.title} onEdit={() => setEditing(v)} publish={{ kind: 'videos', id: v.id, status: v.status }} remove={{ kind: 'videos', id: v.id }} />
          </Group>
        </Card>
      ))}
      {editing && <VideoForm unitId={unitId} initial={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function VideoForm({ unitId, initial, onClose }: { unitId: number; initial: Video | null; onClose: () => void }) {
  const qc = useQueryClient();
  const [title, setTitle] = useState(initial?.title ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [source, setSource] = useState<'file' | 'youtube'>('youtube');
  const [youtubeUrl, setUrl] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const save = useMutation({
    mutationFn: () =>
      initial
        ? siteContentApi.updateVideo(initial.id, { title: title.trim(), description: description.trim() || null })
        : siteContentApi.createVideo(unitId, { title: title.trim(), description: description.trim(), youtubeUrl: source === 'youtube' ? youtubeUrl.trim() : undefined, file: source === 'file' ? file : null }),
    onSuccess: () => {
      notifySuccess(t('sc.saved'));
      void qc.invalidateQueries({ queryKey: siteContentKey });
      onClose();
    },
    onError: notifyError,
  });
  return (
    <Modal opened onClose={onClose} title={initial ? t('sc.vid.edit') : t('sc.vid.new')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (title.trim()) save.mutate();
        }}
      >
        <Stack gap="sm">
          <TextInput label={t('sc.vid.title')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} maxLength={300} />
          <Textarea label={t('sc.vid.description')} autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} maxLength={2000} />
          {!initial && (
            <>
              <SegmentedControl
                value={source}
                onChange={(v) => setSource(v as 'file' | 'youtube')}
                data={[
                  { value: 'youtube', label: t('sc.vid.sourceYoutube') },
                  { value: 'file', label: t('sc.vid.sourceFile') },
                ]}
                aria-label={t('sc.vid.source')}
              />
              {source === 'youtube' ? (
                <TextInput label={t('sc.vid.url')} placeholder={t('sc.vid.urlPlaceholder')} value={youtubeUrl} onChange={(e) => setUrl(e.currentTarget.value)} required />
              ) : (
                <FileInput label={t('sc.vid.fileLabel')} description={t('sc.vid.fileHint')} accept="video/mp4,video/webm" value={file} onChange={setFile} required clearable />
              )}
              {source === 'youtube' && (
                <Text size="xs" c="dimmed">
                  {t('sc.vid.youtubeHint')}
                </Text>
              )}
            </>
          )}
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
