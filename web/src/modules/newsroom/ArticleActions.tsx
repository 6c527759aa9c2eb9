import { Alert, Button, Checkbox, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import {
  IconAlertTriangle,
  IconArrowBackUp,
  IconCalendarTime,
  IconCheck,
  IconClipboardCheck,
  IconExternalLink,
  IconEyeOff,
  IconPencil,
  IconPencilCheck,
  IconSend,
  IconSpeakerphone,
  IconUrgent,
} from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import dayjs from 'dayjs';
import { type ReactNode, useState } from 'react';
import { type Article, type ArticleMove, articlesApi } from '../../api/newsroom';
import { t } from '../../i18n';
import { DateField } from '../../ui/DateField';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { notifySuccess } from '../../ui/notify';
import { useIsMobile } from '../../ui/useMobile';
import { ConsentChecklist } from './ArticlePreview';
import { articleKey, articlesKey } from './keys';
import { vnDayOf, vnWallClockToIso } from './labels';

type Dialog = 'reject' | 'publish' | 'schedule' | 'force' | 'withdraw' | null;

/** Long Vietnamese labels wrap instead of being cut off on a phone. */
const wrapping = { h: 'auto', mih: 36, py: 6, styles: { label: { whiteSpace: 'normal' as const, lineHeight: 1.3 } } };

const doneMessage: Record<ArticleMove['action'], () => string> = {
  submit: () => t('articleActions.submitted'),
  approve: () => t('articleActions.approved'),
  reject: () => t('articleActions.rejected'),
  publish: () => t('articleActions.published'),
  schedule: () => t('articleActions.scheduled'),
  'force-publish': () => t('articleActions.forcePublished'),
  review: () => t('articleActions.reviewed'),
  withdraw: () => t('articleActions.withdrawn'),
};

function useMove(article: Article, onDone?: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (move: ArticleMove) => articlesApi.move(article.id, move),
    onSuccess: async (updated, move) => {
      notifySuccess(doneMessage[move.action]());
      qc.setQueryData(articleKey(article.id), updated);
      await qc.invalidateQueries({ queryKey: articlesKey });
      onDone?.();
    },
  });
}

/** What the user may do with the article now (from `article.can`). */
export function ArticleActions({ article }: { article: Article }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const move = useMove(article);
  const c = article.can;
  const close = () => setDialog(null);
  const direct = (m: ArticleMove) => move.mutate(m);
  const isPending = (action: ArticleMove['action']) => move.isPending && move.variables?.action === action;
  return (
    <Stack gap="xs">
      <Group gap="xs">
        {c.edit ? (
          <Button component={Link} to={`/tin-bai/${article.id}/sua`} variant="light" leftSection={<IconPencil size={16} />} {...wrapping}>
            {t('articleActions.edit')}
          </Button>
        ) : null}
        {c.submit ? (
          <Button leftSection={<IconSend size={16} />} loading={isPending('submit')} onClick={() => direct({ action: 'submit' })} {...wrapping}>
            {t('articleActions.submit')}
          </Button>
        ) : null}
        {c.approve ? (
          <Button color="teal" leftSection={<IconCheck size={16} />} loading={isPending('approve')} onClick={() => direct({ action: 'approve' })} {...wrapping}>
            {t('articleActions.approve')}
          </Button>
        ) : null}
        {c.publish ? (
          <Button color="indigo" leftSection={<IconSpeakerphone size={16} />} onClick={() => setDialog('publish')} {...wrapping}>
            {t('articleActions.publish')}
          </Button>
        ) : null}
        {c.schedule ? (
          <Button variant="light" color="grape" leftSection={<IconCalendarTime size={16} />} onClick={() => setDialog('schedule')} {...wrapping}>
            {t('articleActions.schedule')}
          </Button>
        ) : null}
        {c.reject ? (
          <Button variant="light" color="orange" leftSection={<IconArrowBackUp size={16} />} onClick={() => setDialog('reject')} {...wrapping}>
            {t('articleActions.reject')}
          </Button>
        ) : null}
        {c.review ? (
          <Button color="orange" leftSection={<IconClipboardCheck size={16} />} loading={isPending('review')} onClick={() => direct({ action: 'review' })} {...wrapping}>
            {t('articleActions.review')}
          </Button>
        ) : null}
        {c.correct ? (
          <Button component={Link} to={`/tin-bai/${article.id}/sua`} variant="light" leftSection={<IconPencilCheck size={16} />} {...wrapping}>
            {t('articleActions.correct')}
          </Button>
        ) : null}
        {c.withdraw ? (
          <Button variant="light" color="red" leftSection={<IconEyeOff size={16} />} onClick={() => setDialog('withdraw')} {...wrapping}>
            {t('articleActions.withdraw')}
          </Button>
        ) : null}
        {c.forcePublish ? (
          <Button variant="subtle" color="red" leftSection={<IconUrgent size={16} />} onClick={() => setDialog('force')} {...wrapping}>
            {t('articleActions.forcePublish')}
          </Button>
        ) : null}
        {article.publicUrl ? (
          <Button
            component="a"
            href={article.publicUrl}
            target="_blank"
            rel="noopener"
            variant="default"
            leftSection={<IconExternalLink size={16} />}
            {...wrapping}
          >
            {t('articleActions.viewOnPortal')}
          </Button>
        ) : null}
      </Group>
      <ErrorAlert error={dialog ? null : move.error} />
      {dialog === 'reject' ? <ReasonDialog article={article} kind="reject" onClose={close} /> : null}
      {dialog === 'withdraw' ? <ReasonDialog article={article} kind="withdraw" onClose={close} /> : null}
      {dialog === 'force' ? <ReasonDialog article={article} kind="force-publish" onClose={close} /> : null}
      {dialog === 'publish' ? <PublishDialog article={article} onClose={close} /> : null}
      {dialog === 'schedule' ? <PublishDialog article={article} onClose={close} isScheduling /> : null}
    </Stack>
  );
}

function ActionDialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const isMobile = useIsMobile();
  return (
    <Modal opened onClose={onClose} title={title} fullScreen={isMobile} centered size="lg">
      {children}
    </Modal>
  );
}

function DialogButtons({ onClose, isPending, label, color, disabled }: { onClose: () => void; isPending: boolean; label: string; color?: string; disabled?: boolean }) {
  return (
    <Group justify="flex-end" mt="sm">
      <Button variant="default" onClick={onClose}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={isPending} color={color} disabled={disabled}>
        {label}
      </Button>
    </Group>
  );
}

function PortalCheckbox({ value, onChange }: { value: boolean; onChange: (v: boolean) => void }) {
  return (
    <Checkbox
      label={t('articleActions.onSectorPortal')}
      description={t('articleActions.onSectorPortalHint')}
      checked={value}
      onChange={(e) => onChange(e.currentTarget.checked)}
    />
  );
}

const reasonTexts = {
  reject: { title: 'articleActions.rejectTitle', field: 'articleActions.rejectComment', hint: 'articleActions.rejectHint', button: 'articleActions.reject', color: 'orange' },
  withdraw: { title: 'articleActions.withdrawTitle', field: 'articleActions.withdrawReason', hint: 'articleActions.withdrawHint', button: 'articleActions.withdraw', color: 'red' },
  'force-publish': { title: 'articleActions.forceTitle', field: 'articleActions.forceReason', hint: 'articleActions.forceHint', button: 'articleActions.forcePublish', color: 'red' },
} as const;

function ReasonDialog({ article, kind, onClose }: { article: Article; kind: keyof typeof reasonTexts; onClose: () => void }) {
  const [text, setText] = useState('');
  const [isTried, setTried] = useState(false);
  const [isOnPortal, setOnPortal] = useState(article.isOnSectorPortal);
  const move = useMove(article, onClose);
  const x = reasonTexts[kind];
  const submit = () => {
    const v = text.trim();
    if (kind === 'reject') move.mutate({ action: 'reject', comment: v });
    else if (kind === 'withdraw') move.mutate({ action: 'withdraw', reason: v });
    else move.mutate({ action: 'force-publish', reason: v, isOnSectorPortal: isOnPortal });
  };
  return (
    <ActionDialog title={t(x.title)} onClose={onClose}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (text.trim()) submit();
        }}
      >
        <Stack gap="sm">
          {kind === 'force-publish' ? (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} p="xs">
              <Text size="sm">{t('articleActions.forceExplain')}</Text>
            </Alert>
          ) : null}
          <Textarea
            label={t(x.field)}
            description={t(x.hint)}
            autosize
            minRows={3}
            required
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={isTried && !text.trim() ? t('articleActions.reasonRequired') : null}
          />
          {kind === 'force-publish' ? (
            <>
              <PortalCheckbox value={isOnPortal} onChange={setOnPortal} />
              <ConsentChecklist gaps={article.consentGaps} />
            </>
          ) : null}
          <ErrorAlert error={move.error} />
          <DialogButtons onClose={onClose} isPending={move.isPending} label={t(x.button)} color={x.color} />
        </Stack>
      </form>
    </ActionDialog>
  );
}

/** Publish now, or at a set time (read in Vietnam's time, UTC+7). */
function PublishDialog({ article, onClose, isScheduling = false }: { article: Article; onClose: () => void; isScheduling?: boolean }) {
  const [isOnPortal, setOnPortal] = useState(article.isOnSectorPortal);
  const tomorrow = vnDayOf(dayjs().add(1, 'day').toDate());
  const [day, setDay] = useState<string | null>(tomorrow);
  const [time, setTime] = useState('07:30');
  const [isTried, setTried] = useState(false);
  const move = useMove(article, onClose);
  const at = day && /^\d{1,2}:\d{2}/.test(time) ? vnWallClockToIso(`${day} ${time}`) : null;
  const isPast = !!at && new Date(at) <= new Date();
  const hasGaps = article.consentGaps.length > 0;
  return (
    <ActionDialog title={isScheduling ? t('articleActions.scheduleTitle') : t('articleActions.publishTitle')} onClose={onClose}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (hasGaps) return;
          if (isScheduling) {
            if (at && !isPast) move.mutate({ action: 'schedule', at, isOnSectorPortal: isOnPortal });
          } else {
            move.mutate({ action: 'publish', isOnSectorPortal: isOnPortal });
          }
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {isScheduling ? t('articleActions.scheduleHint') : t('articleActions.publishHint')}
          </Text>
          {isScheduling ? (
            <Group gap="sm" align="flex-start" grow>
              <DateField label={t('articleActions.scheduleDay')} required value={day} onChange={setDay} clearable={false} minDate={vnDayOf(new Date())} />
              <TimeInput
                label={t('articleActions.scheduleTime')}
                required
                value={time}
                onChange={(e) => setTime(e.currentTarget.value)}
                error={isTried && isPast ? t('articleActions.schedulePast') : null}
              />
            </Group>
          ) : null}
          {isScheduling ? (
            <Text size="xs" c="dimmed">
              {t('articleActions.timeZone')}
            </Text>
          ) : null}
          <PortalCheckbox value={isOnPortal} onChange={setOnPortal} />
          <ConsentChecklist gaps={article.consentGaps} />
          <ErrorAlert error={move.error} />
          <DialogButtons
            onClose={onClose}
            isPending={move.isPending}
            label={isScheduling ? t('articleActions.schedule') : t('articleActions.publish')}
            color={isScheduling ? 'grape' : 'indigo'}
            disabled={hasGaps}
          />
        </Stack>
      </form>
    </ActionDialog>
  );
}
