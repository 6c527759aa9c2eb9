import { ActionIcon, Badge, Button, Card, FileButton, Group, Input, Progress, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconCamera, IconFileCertificate, IconStar, IconTrash } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { type MediaItem, mediaApi } from '../../api/newsroom';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useSession } from '../auth/session';
import { ConsentFormModal, ConsentSelect } from './Consents';
import { Thumb } from './Thumb';

type Upload = { key: string; name: string; preview: string; progress: number; error: unknown };

/**
 * Phone photos are often 5–10 MB: shrink big JPEG/PNG/WebP to 2560 px before
 * sending (the server makes its own web sizes anyway). HEIC and anything the
 * browser cannot draw go as they are.
 */
async function shrink(file: File): Promise<File> {
  if (!/^image\/(jpeg|png|webp)$/.test(file.type) || file.size < 2.5 * 1024 * 1024 || typeof createImageBitmap !== 'function') return file;
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, 2560 / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.88));
    if (!blob || blob.size >= file.size) return file;
    return new File([blob], `${file.name.replace(/\.[^.]+$/, '')}.jpg`, { type: 'image/jpeg' });
  } catch {
    return file;
  }
}

export type PhotosValue = { media: MediaItem[]; coverMediaId: number | null };

/** The article's photos: upload (camera on phones), caption, "shows pupils" + consents, cover, order, remove. */
export function PhotosField({
  unitId,
  value,
  onChange,
  onItemSaved,
  localUrls,
  onLocalUrl,
}: {
  unitId: number;
  value: PhotosValue;
  /** The set, order or cover changed (saved with the article). */
  onChange: (update: (v: PhotosValue) => PhotosValue) => void;
  /** A photo's own fields were saved on the server. */
  onItemSaved: (m: MediaItem) => void;
  localUrls: Record<number, string>;
  onLocalUrl: (id: number, url: string) => void;
}) {
  const session = useSession();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [consentFor, setConsentFor] = useState<MediaItem | null>(null);
  const patchUpload = (key: string, patch: Partial<Upload>) => setUploads((us) => us.map((u) => (u.key === key ? { ...u, ...patch } : u)));
  const latest = useRef(value);
  latest.current = value;

  const uploadFiles = async (files: File[]) => {
    const queued = files.map((f, i) => ({ file: f, key: `${Date.now()}-${i}-${f.name}`, preview: URL.createObjectURL(f) }));
    setUploads((us) => [...us, ...queued.map((q) => ({ key: q.key, name: q.file.name, preview: q.preview, progress: 0, error: null }))]);
    for (const q of queued) {
      try {
        const small = await shrink(q.file);
        const item = await mediaApi.upload(unitId, small, session.data?.csrfToken ?? null, (p) => patchUpload(q.key, { progress: p }));
        onLocalUrl(item.id, q.preview);
        onChange((v) => ({ media: [...v.media, item], coverMediaId: v.coverMediaId ?? item.id }));
        setUploads((us) => us.filter((u) => u.key !== q.key));
      } catch (err) {
        patchUpload(q.key, { error: err });
      }
    }
  };

  const move = (id: number, delta: number) =>
    onChange((v) => {
      const media = [...v.media];
      const index = media.findIndex((x) => x.id === id);
      const to = index + delta;
      if (index < 0 || to < 0 || to >= media.length) return v;
      const [m] = media.splice(index, 1);
      media.splice(to, 0, m);
      return { ...v, media };
    });
  const remove = (id: number) =>
    onChange((v) => {
      const media = v.media.filter((x) => x.id !== id);
      return { media, coverMediaId: v.coverMediaId === id ? (media[0]?.id ?? null) : v.coverMediaId };
    });

  return (
    <Input.Wrapper label={t('photos.title')} description={t('photos.hint')} labelElement="div">
      <Stack gap="xs" mt={6}>
        {value.media.map((m, i) => (
          <PhotoCard
            key={m.id}
            m={m}
            index={i}
            count={value.media.length}
            isCover={value.coverMediaId === m.id}
            local={localUrls[m.id]}
            onCover={() => onChange((v) => ({ ...v, coverMediaId: m.id }))}
            onMove={(d) => move(m.id, d)}
            onRemove={() => remove(m.id)}
            onSaved={onItemSaved}
            onNewConsent={() => setConsentFor(m)}
          />
        ))}
        {uploads.map((u) => (
          <Card key={u.key} withBorder padding="xs">
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <Thumb src={u.preview} alt={u.name} w={88} h={66} />
              <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
                <Text size="sm" className="loa-break" lineClamp={1}>
                  {u.name}
                </Text>
                {u.error ? (
                  <>
                    <ErrorAlert error={u.error} />
                    <Group>
                      <Button size="compact-sm" variant="subtle" color="gray" onClick={() => setUploads((us) => us.filter((x) => x.key !== u.key))}>
                        {t('photos.dismiss')}
                      </Button>
                    </Group>
                  </>
                ) : (
                  <>
                    <Progress value={Math.round(u.progress * 100)} animated size="lg" aria-label={t('photos.uploading', { name: u.name })} />
                    <Text size="xs" c="dimmed">
                      {u.progress < 1 ? t('photos.progress', { pct: Math.round(u.progress * 100) }) : t('photos.processing')}
                    </Text>
                  </>
                )}
              </Stack>
            </Group>
          </Card>
        ))}
        <Group>
          <FileButton onChange={(files) => files.length && void uploadFiles(files)} accept="image/*" multiple>
            {(props) => (
              <Button {...props} variant="light" leftSection={<IconCamera size={16} />}>
                {t('photos.add')}
              </Button>
            )}
          </FileButton>
        </Group>
      </Stack>
      {consentFor ? (
        <ConsentFormModal
          unitId={consentFor.unitId}
          onClose={() => setConsentFor(null)}
          onCreated={(c) => {
            const m = latest.current.media.find((x) => x.id === consentFor.id);
            if (m) void mediaApi.update(m.id, { consentIds: [...m.consentIds, c.id] }).then(onItemSaved);
          }}
        />
      ) : null}
    </Input.Wrapper>
  );
}

function PhotoCard({
  m,
  index,
  count,
  isCover,
  local,
  onCover,
  onMove,
  onRemove,
  onSaved,
  onNewConsent,
}: {
  m: MediaItem;
  index: number;
  count: number;
  isCover: boolean;
  local?: string;
  onCover: () => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
  onSaved: (m: MediaItem) => void;
  onNewConsent: () => void;
}) {
  const [caption, setCaption] = useState(m.caption ?? '');
  const [error, setError] = useState<unknown>(null);
  const save = async (patch: Parameters<typeof mediaApi.update>[1]) => {
    try {
      onSaved(await mediaApi.update(m.id, patch));
      setError(null);
    } catch (err) {
      setError(err);
    }
  };
  const name = m.caption || m.fileName;
  return (
    <Card withBorder padding="xs" style={isCover ? { borderColor: 'var(--mantine-color-indigo-4)' } : undefined}>
      <Stack gap="xs">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <Thumb src={m.urls.small} fallbackSrc={local} alt={name} w={104} h={78} />
          <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
            <Group gap={4} justify="space-between" wrap="nowrap">
              {isCover ? (
                <Badge variant="filled" color="indigo" tt="none" leftSection={<IconStar size={12} />} style={{ flex: 'none' }}>
                  {t('photos.cover')}
                </Badge>
              ) : (
                <Button size="compact-xs" variant="subtle" leftSection={<IconStar size={12} />} onClick={onCover}>
                  {t('photos.makeCover')}
                </Button>
              )}
              <Group gap={0} wrap="nowrap">
                <ActionIcon variant="subtle" color="gray" disabled={index === 0} onClick={() => onMove(-1)} aria-label={t('photos.up', { name })}>
                  <IconArrowUp size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  disabled={index === count - 1}
                  onClick={() => onMove(1)}
                  aria-label={t('photos.down', { name })}
                >
                  <IconArrowDown size={16} />
                </ActionIcon>
                <ActionIcon variant="subtle" color="red" onClick={onRemove} aria-label={t('photos.remove', { name })}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            </Group>
            <Text size="xs" c="dimmed" className="loa-break" lineClamp={1}>
              {m.fileName}
              {m.width && m.height ? ` · ${m.width}×${m.height}` : ''}
            </Text>
          </Stack>
        </Group>
        <TextInput
          label={t('photos.caption')}
          size="sm"
          value={caption}
          onChange={(e) => setCaption(e.currentTarget.value)}
          onBlur={() => {
            if ((m.caption ?? '') !== caption.trim()) void save({ caption: caption.trim() || null });
          }}
        />
        <Switch
          label={t('photos.identifying')}
          description={t('photos.identifyingHint')}
          checked={m.isIdentifyingPupils}
          onChange={(e) => void save({ isIdentifyingPupils: e.currentTarget.checked })}
        />
        {m.isIdentifyingPupils ? (
          <Stack gap={4}>
            <ConsentSelect
              unitId={m.unitId}
              label={t('photos.consents')}
              value={m.consentIds}
              onChange={(ids) => void save({ consentIds: ids })}
            />
            {m.consentIds.length === 0 ? (
              <Text size="xs" c="red.7">
                {t('photos.needsConsent')}
              </Text>
            ) : null}
            <Group>
              <Button size="compact-sm" variant="subtle" leftSection={<IconFileCertificate size={14} />} onClick={onNewConsent}>
                {t('consents.new')}
              </Button>
            </Group>
          </Stack>
        ) : null}
        <ErrorAlert error={error} />
      </Stack>
    </Card>
  );
}
