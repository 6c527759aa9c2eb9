import { Button, Card, Group, Loader, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { type PickedUnit, UnitPicker } from '../../ui/UnitPicker';
import { useArticleUnit } from '../newsroom/useArticleUnit';
import { type ConsultationFull, consultationKey, feedbackApi, feedbackKey } from './api';
import { fromLocalInput, toLocalInput } from './labels';

/** A new consultation (no id) or an edit of one: title, summary, the draft's text, the dates. */
export function ConsultationFormPage({ id }: { id?: number }) {
  const existing = useQuery({ queryKey: consultationKey(id ?? 0), queryFn: () => feedbackApi.get(id as number), enabled: !!id });
  if (id && existing.isPending) return <Loader aria-label={t('common.loading')} />;
  if (id && existing.isError) return <ErrorAlert error={existing.error} />;
  return <ConsultationForm key={existing.data?.version ?? 'new'} existing={existing.data ?? null} />;
}

const DAY = 86_400_000;

function ConsultationForm({ existing }: { existing: ConsultationFull | null }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [defaultUnit] = useArticleUnit('feedback.write', { isRemembered: false });
  const [pickedUnit, setUnit] = useState<PickedUnit | null>(null);
  const unit = existing ? { id: existing.unitId, name: existing.unitName } : (pickedUnit ?? defaultUnit);
  const [title, setTitle] = useState(existing?.title ?? '');
  const [summary, setSummary] = useState(existing?.summary ?? '');
  const [text, setText] = useState(existing ? existing.paragraphs.map((p) => p.body).join('\n\n') : '');
  const [opensAt, setOpensAt] = useState(toLocalInput(existing?.opensAt ?? new Date().toISOString()));
  const [closesAt, setClosesAt] = useState(toLocalInput(existing?.closesAt ?? new Date(Date.now() + 30 * DAY).toISOString()));
  const [responseDueAt, setResponseDueAt] = useState(toLocalInput(existing?.responseDueAt ?? null));
  const mayEditText = !existing || existing.can.editText;
  const paragraphs = text.replace(/\r\n?/g, '\n').replace(/\n(?=\s*Điều\s+\d+)/g, '\n\n').split(/\n\s*\n/).filter((p) => p.trim()).length;

  const save = useMutation({
    mutationFn: () => {
      const base = {
        title: title.trim(),
        summary: summary.trim() || null,
        opensAt: fromLocalInput(opensAt),
        closesAt: fromLocalInput(closesAt),
        responseDueAt: responseDueAt ? fromLocalInput(responseDueAt) : null,
      };
      if (existing) return feedbackApi.update(existing.id, { ...base, ...(mayEditText ? { text } : {}), version: existing.version });
      return feedbackApi.create({ ...base, text, unitId: unit?.id as number });
    },
    onSuccess: async (c) => {
      notifySuccess(existing ? t('fb.form.saved') : t('fb.form.created'));
      qc.setQueryData(consultationKey(c.id), c);
      await qc.invalidateQueries({ queryKey: feedbackKey });
      await navigate({ to: `/gop-y/${c.id}` });
    },
  });
  return (
    <>
      <PageHeader title={existing ? t('fb.form.editTitle') : t('fb.form.newTitle')} />
      <Card withBorder maw={860}>
        <Stack gap="sm">
          {!existing && <UnitPicker label={t('fb.unit')} value={unit} onChange={setUnit} required />}
          <TextInput label={t('fb.form.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required maxLength={300} />
          <Textarea label={t('fb.form.summary')} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} autosize minRows={2} maxLength={3000} />
          <Textarea
            label={t('fb.form.text')}
            description={mayEditText ? t('fb.form.textHint', { n: paragraphs }) : t('fb.form.textLocked')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            autosize
            minRows={8}
            maxRows={24}
            required
            disabled={!mayEditText}
          />
          <Group grow wrap="wrap" align="flex-start">
            <TextInput type="datetime-local" label={t('fb.form.opensAt')} value={opensAt} onChange={(e) => setOpensAt(e.currentTarget.value)} required miw={200} />
            <TextInput type="datetime-local" label={t('fb.form.closesAt')} value={closesAt} onChange={(e) => setClosesAt(e.currentTarget.value)} required miw={200} />
            <TextInput
              type="datetime-local"
              label={t('fb.form.responseDueAt')}
              description={t('fb.form.responseDueHint')}
              value={responseDueAt}
              onChange={(e) => setResponseDueAt(e.currentTarget.value)}
              miw={200}
            />
          </Group>
          {save.isError && <ErrorAlert error={save.error} />}
          <Text size="sm" c="dimmed">
            {t('fb.form.publicNote')}
          </Text>
          <Group>
            <Button leftSection={<IconDeviceFloppy size={16} />} onClick={() => save.mutate()} loading={save.isPending} disabled={!title.trim() || !text.trim() || !unit || !opensAt || !closesAt}>
              {existing ? t('common.save') : t('fb.form.create')}
            </Button>
            <Button variant="default" component={Link} to={existing ? `/gop-y/${existing.id}` : '/gop-y'}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </>
  );
}
