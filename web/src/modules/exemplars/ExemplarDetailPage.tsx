import { Alert, Anchor, Button, Card, Group, Image, List, Loader, Modal, Stack, Text, Textarea, Title, Typography } from '@mantine/core';
import { IconAlertTriangle, IconArchive, IconArrowBackUp, IconArrowLeft, IconCheck, IconExternalLink, IconPencil, IconSpeakerphone } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { type Exemplar, type ExemplarMove, exemplarsApi } from '../../api/exemplars';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { useIsMobile } from '../../ui/useMobile';
import { ExemplarStatusBadge } from './ExemplarsPage';
import { exemplarKey, exemplarKindLabel, exemplarsKey, schoolYearLabel } from './labels';

export function BackToExemplars({ id }: { id?: number | null }) {
  return (
    <Anchor component={Link} to={id ? `/guong-dien-hinh/${id}` : '/guong-dien-hinh'} size="sm" style={{ alignSelf: 'flex-start' }}>
      <Group gap={4} wrap="nowrap">
        <IconArrowLeft size={16} />
        {id ? t('exemplars.backToOne') : t('exemplars.backToList')}
      </Group>
    </Anchor>
  );
}

/** Long Vietnamese labels wrap instead of being cut off on a phone. */
const wrapping = { h: 'auto', mih: 36, py: 6, styles: { label: { whiteSpace: 'normal' as const, lineHeight: 1.3 } } };

const doneMessage: Record<ExemplarMove['action'], () => string> = {
  approve: () => t('exemplarActions.approved'),
  reject: () => t('exemplarActions.rejected'),
  publish: () => t('exemplarActions.published'),
  archive: () => t('exemplarActions.archived'),
};

/** One exemplar: where it stands, what the user may do (from `can`), and the story as readers will see it. */
export function ExemplarDetailPage({ id }: { id: number }) {
  const one = useQuery({ queryKey: exemplarKey(id), queryFn: () => exemplarsApi.get(id) });
  if (one.isPending) return <Loader aria-label={t('common.loading')} />;
  if (one.isError) {
    return (
      <Stack gap="sm">
        <BackToExemplars />
        <ErrorAlert error={one.error} />
      </Stack>
    );
  }
  const e = one.data;
  return (
    <Stack gap="sm" maw={1000}>
      <BackToExemplars />
      <Card withBorder padding="md">
        <Stack gap="sm">
          <Group gap="xs" wrap="wrap">
            <ExemplarStatusBadge status={e.status} />
          </Group>
          <Title order={2} fz={{ base: 'h4', sm: 'h3' }} className="loa-break">
            {e.name}
          </Title>
          <Meta e={e} />
          {e.decisionNote ? (
            <Alert color={e.status === 'rejected' ? 'orange' : 'gray'} p="xs" title={t('exemplarDetail.decisionNote')}>
              <Text size="sm" className="loa-break">
                {e.decisionNote}
              </Text>
            </Alert>
          ) : null}
          {e.consentGaps.length ? (
            <Alert color="red" p="xs" icon={<IconAlertTriangle size={18} />} title={t('exemplarDetail.consentGaps')}>
              <List size="sm">
                {e.consentGaps.map((g) => (
                  <List.Item key={`${g.kind}-${g.consentId ?? 0}`}>{g.message}</List.Item>
                ))}
              </List>
            </Alert>
          ) : null}
          <Actions e={e} />
        </Stack>
      </Card>
      <Card withBorder padding="md">
        <Stack gap="sm" component="article" maw={760}>
          {e.photo ? <Image src={e.photo.urls.medium} alt={e.photo.caption ?? e.name} radius="sm" /> : null}
          {e.summary ? (
            <Text fw={600} className="loa-break">
              {e.summary}
            </Text>
          ) : null}
          {e.storyHtml ? (
            <Typography className="loa-break">
              {/* sanitised by the server (the article allow-list) */}
              <div dangerouslySetInnerHTML={{ __html: e.storyHtml }} />
            </Typography>
          ) : (
            <Text c="dimmed">{t('exemplarDetail.noStory')}</Text>
          )}
          {e.achievements.length ? (
            <>
              <Text fw={600}>{t('exemplarDetail.achievements')}</Text>
              <List size="sm" className="loa-break">
                {e.achievements.map((a) => (
                  <List.Item key={a}>{a}</List.Item>
                ))}
              </List>
            </>
          ) : null}
        </Stack>
      </Card>
    </Stack>
  );
}

function Meta({ e }: { e: Exemplar }) {
  const rows: [string, string][] = [
    [t('exemplarDetail.kind'), [exemplarKindLabel(e.kind), e.title].filter(Boolean).join(' · ')],
    [t('exemplarDetail.unit'), e.unitName],
    [t('exemplarDetail.schoolYear'), schoolYearLabel(e.schoolYear)],
    [t('exemplarDetail.nominated'), `${e.nominatedByName ?? '—'} · ${formatDateTime(e.nominatedAt)}`],
  ];
  if (e.field) rows.splice(1, 0, [t('exemplarDetail.field'), e.field]);
  if (e.decidedAt) rows.push([t('exemplarDetail.decided'), `${e.decidedByName ?? '—'} · ${formatDateTime(e.decidedAt)}`]);
  if (e.publishedAt) rows.push([t('exemplarDetail.published'), formatDateTime(e.publishedAt)]);
  return (
    <Stack gap={2} component="dl" m={0}>
      {rows.map(([k, v]) => (
        <Group key={k} gap={6} wrap="nowrap" align="flex-start">
          <Text component="dt" size="sm" c="dimmed" w={110} style={{ flex: 'none' }}>
            {k}
          </Text>
          <Text component="dd" size="sm" m={0} className="loa-break">
            {v}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

function Actions({ e }: { e: Exemplar }) {
  const qc = useQueryClient();
  const [dialog, setDialog] = useState<'approve' | 'reject' | 'archive' | null>(null);
  const move = useMutation({
    mutationFn: (m: ExemplarMove) => exemplarsApi.move(e.id, m),
    onSuccess: async (updated, m) => {
      notifySuccess(doneMessage[m.action]());
      qc.setQueryData(exemplarKey(e.id), updated);
      setDialog(null);
      await qc.invalidateQueries({ queryKey: exemplarsKey });
    },
  });
  const c = e.can;
  return (
    <Stack gap="xs">
      <Group gap="xs">
        {c.edit ? (
          <Button component={Link} to={`/guong-dien-hinh/${e.id}/sua`} variant="light" leftSection={<IconPencil size={16} />} {...wrapping}>
            {t('exemplarActions.edit')}
          </Button>
        ) : null}
        {c.approve ? (
          <Button color="teal" leftSection={<IconCheck size={16} />} onClick={() => setDialog('approve')} {...wrapping}>
            {t('exemplarActions.approve')}
          </Button>
        ) : null}
        {c.publish ? (
          <Button
            color="indigo"
            leftSection={<IconSpeakerphone size={16} />}
            loading={move.isPending && move.variables?.action === 'publish'}
            onClick={() => move.mutate({ action: 'publish' })}
            {...wrapping}
          >
            {t('exemplarActions.publish')}
          </Button>
        ) : null}
        {c.reject ? (
          <Button variant="light" color="orange" leftSection={<IconArrowBackUp size={16} />} onClick={() => setDialog('reject')} {...wrapping}>
            {t('exemplarActions.reject')}
          </Button>
        ) : null}
        {c.archive ? (
          <Button variant="light" color="gray" leftSection={<IconArchive size={16} />} onClick={() => setDialog('archive')} {...wrapping}>
            {t('exemplarActions.archive')}
          </Button>
        ) : null}
        {e.publicUrl ? (
          <Button component="a" href={e.publicUrl} target="_blank" rel="noopener" variant="default" leftSection={<IconExternalLink size={16} />} {...wrapping}>
            {t('exemplarActions.viewOnPortal')}
          </Button>
        ) : null}
      </Group>
      <ErrorAlert error={dialog ? null : move.error} />
      {dialog ? <NoteDialog kind={dialog} isPending={move.isPending} error={move.error} onClose={() => setDialog(null)} onSubmit={(note) => move.mutate(dialog === 'reject' ? { action: 'reject', note } : { action: dialog, note: note || undefined })} /> : null}
    </Stack>
  );
}

const noteTexts = {
  approve: { title: 'exemplarActions.approveTitle', field: 'exemplarActions.approveNote', button: 'exemplarActions.approve', color: 'teal' },
  reject: { title: 'exemplarActions.rejectTitle', field: 'exemplarActions.rejectNote', button: 'exemplarActions.reject', color: 'orange' },
  archive: { title: 'exemplarActions.archiveTitle', field: 'exemplarActions.archiveNote', button: 'exemplarActions.archive', color: 'gray' },
} as const;

function NoteDialog({
  kind,
  isPending,
  error,
  onClose,
  onSubmit,
}: {
  kind: keyof typeof noteTexts;
  isPending: boolean;
  error: unknown;
  onClose: () => void;
  onSubmit: (note: string) => void;
}) {
  const isMobile = useIsMobile();
  const [note, setNote] = useState('');
  const [isTried, setTried] = useState(false);
  const x = noteTexts[kind];
  const isRequired = kind === 'reject';
  return (
    <Modal opened onClose={onClose} title={t(x.title)} fullScreen={isMobile} centered size="lg">
      <form
        noValidate
        onSubmit={(ev) => {
          ev.preventDefault();
          setTried(true);
          if (!isRequired || note.trim()) onSubmit(note.trim());
        }}
      >
        <Stack gap="sm">
          <Textarea
            label={t(x.field)}
            autosize
            minRows={3}
            required={isRequired}
            value={note}
            onChange={(ev) => setNote(ev.currentTarget.value)}
            error={isTried && isRequired && !note.trim() ? t('exemplarActions.noteRequired') : undefined}
          />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={isPending} color={x.color}>
              {t(x.button)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
