import { Alert, Button, Card, Checkbox, FileButton, Group, Image, Loader, Modal, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconAlertTriangle, IconPhotoPlus, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type AlbumListItem, type AlbumPhoto, siteContentApi } from '../../api/sitecontent';
import { t } from '../../i18n';
import { DateField } from '../../ui/DateField';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { notifyError, notifySuccess } from '../../ui/notify';
import { useIsMobile } from '../../ui/useMobile';
import { ConsentSelect } from '../newsroom/Consents';
import { RowActions, StatusBadge, dmy, siteContentKey } from './common';

/** Photo albums: create, upload photos (resized, metadata stripped), mark photos showing pupils and attach consents, publish. */
export function AlbumsTab({ unitId }: { unitId: number }) {
  const list = useQuery({ queryKey: [...siteContentKey, 'albums', unitId], queryFn: () => siteContentApi.albums(unitId) });
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" maw={640}>
          {t('sc.alb.lead')}
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
          {t('sc.alb.new')}
        </Button>
      </Group>
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.data && !list.data.items.length && <Text c="dimmed">{t('sc.alb.none')}</Text>}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
        {list.data?.items.map((a: AlbumListItem) => (
          <Card key={a.id} withBorder padding="sm">
            {a.cover && (
              <Card.Section>
                <Image src={a.cover.urls.small} alt="" h={140} fit="cover" />
              </Card.Section>
            )}
            <Stack gap={4} mt="xs">
              <Group gap="xs">
                <StatusBadge status={a.status} />
                <Text size="sm" c="dimmed">
                  {t('sc.alb.count', { n: a.photoCount })}
                </Text>
              </Group>
              <Text fw={600} className="loa-break">
                {a.title}
              </Text>
              {a.takenOn && (
                <Text size="sm" c="dimmed">
                  {dmy(a.takenOn)}
                </Text>
              )}
              <Group justify="space-between" wrap="nowrap">
                <Button size="xs" variant="light" onClick={() => setOpenId(a.id)}>
                  {t('sc.alb.open')}
                </Button>
                <RowActions name={a.title} publish={{ kind: 'albums', id: a.id, status: a.status }} remove={{ kind: 'albums', id: a.id }} />
              </Group>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
      {creating && <NewAlbum unitId={unitId} onClose={() => setCreating(false)} onCreated={(id) => setOpenId(id)} />}
      {openId && <AlbumEditor id={openId} unitId={unitId} onClose={() => setOpenId(null)} />}
    </Stack>
  );
}

function NewAlbum({ unitId, onClose, onCreated }: { unitId: number; onClose: () => void; onCreated: (id: number) => void }) {
  const qc = useQueryClient();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [takenOn, setTakenOn] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => siteContentApi.createAlbum(unitId, { title: title.trim(), description: description.trim() || null, takenOn }),
    onSuccess: (a) => {
      void qc.invalidateQueries({ queryKey: siteContentKey });
      onClose();
      onCreated(a.id);
    },
    onError: notifyError,
  });
  return (
    <Modal opened onClose={onClose} title={t('sc.alb.new')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (title.trim()) save.mutate();
        }}
      >
        <Stack gap="sm">
          <TextInput label={t('sc.alb.title')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} maxLength={300} />
          <DateField label={t('sc.alb.takenOn')} value={takenOn} onChange={setTakenOn} />
          <Textarea label={t('sc.alb.description')} autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} maxLength={2000} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('sc.alb.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function AlbumEditor({ id, unitId, onClose }: { id: number; unitId: number; onClose: () => void }) {
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const key = [...siteContentKey, 'album', id];
  const album = useQuery({ queryKey: key, queryFn: () => siteContentApi.album(id) });
  const [isPupils, setPupils] = useState(false);
  const refresh = () => void qc.invalidateQueries({ queryKey: siteContentKey });
  const upload = useMutation({
    mutationFn: async (files: File[]) => {
      for (const f of files) await siteContentApi.addPhoto(id, f, '', isPupils);
    },
    onSuccess: () => {
      notifySuccess(t('sc.alb.uploaded'));
      refresh();
    },
    onError: (e) => {
      notifyError(e);
      refresh();
    },
  });
  const a = album.data;
  return (
    <Modal opened onClose={onClose} title={a?.title ?? t('sc.alb.open')} size="xl" fullScreen={isMobile}>
      {album.isPending && <Loader aria-label={t('common.loading')} />}
      {album.isError && <ErrorAlert error={album.error} />}
      {a && (
        <Stack gap="sm">
          <Group gap="xs">
            <StatusBadge status={a.status} />
            <Text size="sm" c="dimmed">
              {t('sc.alb.count', { n: a.photoCount })}
            </Text>
          </Group>
          {a.consentGaps.length > 0 && (
            <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t('sc.alb.gapsTitle')}>
              <Stack gap={2}>
                {a.consentGaps.map((g) => (
                  <Text key={g} size="sm">
                    {g}
                  </Text>
                ))}
              </Stack>
            </Alert>
          )}
          <Group gap="sm" wrap="wrap" align="center">
            <FileButton multiple accept="image/jpeg,image/png,image/webp,image/heic" onChange={(fs) => fs.length && upload.mutate(fs)}>
              {(props) => (
                <Button {...props} leftSection={<IconPhotoPlus size={16} />} loading={upload.isPending}>
                  {t('sc.alb.addPhotos')}
                </Button>
              )}
            </FileButton>
            <Checkbox label={t('sc.alb.uploadPupils')} checked={isPupils} onChange={(e) => setPupils(e.currentTarget.checked)} />
          </Group>
          <Text size="xs" c="dimmed">
            {t('sc.alb.photoHint')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {a.photos.map((p) => (
              <PhotoCard key={p.id} albumId={id} unitId={unitId} photo={p} onChanged={refresh} />
            ))}
          </SimpleGrid>
        </Stack>
      )}
    </Modal>
  );
}

function PhotoCard({ albumId, unitId, photo, onChanged }: { albumId: number; unitId: number; photo: AlbumPhoto; onChanged: () => void }) {
  const [caption, setCaption] = useState(photo.caption ?? '');
  const save = useMutation({
    mutationFn: (body: { caption?: string | null; isIdentifyingPupils?: boolean; consentIds?: number[] }) => siteContentApi.updatePhoto(albumId, photo.id, body),
    onSuccess: onChanged,
    onError: notifyError,
  });
  const remove = useMutation({ mutationFn: () => siteContentApi.removePhoto(albumId, photo.id), onSuccess: onChanged, onError: notifyError });
  return (
    <Card withBorder padding="xs">
      <Card.Section>
        <Image src={photo.urls.small} alt={photo.caption ?? photo.fileName} h={160} fit="cover" />
      </Card.Section>
      <Stack gap={6} mt="xs">
        <TextInput
          label={t('sc.alb.caption')}
          value={caption}
          onChange={(e) => setCaption(e.currentTarget.value)}
          onBlur={() => caption !== (photo.caption ?? '') && save.mutate({ caption: caption.trim() || null })}
          maxLength={500}
        />
        <Checkbox label={t('sc.alb.showsPupils')} checked={photo.isIdentifyingPupils} onChange={(e) => save.mutate({ isIdentifyingPupils: e.currentTarget.checked })} />
        {photo.isIdentifyingPupils && <ConsentSelect unitId={unitId} label={t('sc.alb.consents')} value={photo.consentIds} onChange={(ids) => save.mutate({ consentIds: ids })} />}
        {photo.gaps.map((g) => (
          <Text key={g} size="xs" c="orange.8">
            {g}
          </Text>
        ))}
        <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} />} loading={remove.isPending} onClick={() => remove.mutate()} style={{ alignSelf: 'flex-start' }}>
          {t('sc.alb.removePhoto')}
        </Button>
      </Stack>
    </Card>
  );
}
