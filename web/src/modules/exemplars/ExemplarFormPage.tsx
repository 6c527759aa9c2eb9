import { Button, Card, FileButton, Group, Loader, Progress, Select, Stack, Switch, Text, TextInput, Textarea } from '@mantine/core';
import { IconCamera, IconDeviceFloppy, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { type Exemplar, type ExemplarInput, type ExemplarKind, currentSchoolYear, exemplarKinds, exemplarsApi, recentSchoolYears } from '../../api/exemplars';
import { type MediaItem, mediaApi } from '../../api/newsroom';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { type PickedUnit, UnitPicker } from '../../ui/UnitPicker';
import { useSession } from '../auth/session';
import { ConsentSelect } from '../newsroom/Consents';
import { RichText } from '../newsroom/RichText';
import { Thumb } from '../newsroom/Thumb';
import { useArticleUnit } from '../newsroom/useArticleUnit';
import { BackToExemplars } from './ExemplarDetailPage';
import { exemplarKey, exemplarKindLabel, exemplarsKey, schoolYearLabel } from './labels';

/** Nominate an exemplar (no id) or edit a nominated one. */
export function ExemplarFormPage({ id }: { id?: number }) {
  const existing = useQuery({ queryKey: exemplarKey(id ?? 0), queryFn: () => exemplarsApi.get(id as number), enabled: !!id });
  if (id && existing.isPending) return <Loader aria-label={t('common.loading')} />;
  if (id && existing.isError) return <ErrorAlert error={existing.error} />;
  return <ExemplarForm key={existing.data?.version ?? 'new'} existing={existing.data ?? null} />;
}

function ExemplarForm({ existing }: { existing: Exemplar | null }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const session = useSession();
  const [defaultUnit] = useArticleUnit('articles.write', { isRemembered: false });
  const [pickedUnit, setUnit] = useState<PickedUnit | null>(null);
  const unit = existing ? { id: existing.unitId, name: existing.unitName } : (pickedUnit ?? defaultUnit);
  const [kind, setKind] = useState<ExemplarKind>(existing?.kind ?? 'person');
  const [name, setName] = useState(existing?.name ?? '');
  const [title, setTitle] = useState(existing?.title ?? '');
  const [field, setField] = useState(existing?.field ?? '');
  const [schoolYear, setSchoolYear] = useState(existing?.schoolYear ?? currentSchoolYear());
  const [summary, setSummary] = useState(existing?.summary ?? '');
  const [storyHtml, setStoryHtml] = useState(existing?.storyHtml ?? '');
  const [achievements, setAchievements] = useState((existing?.achievements ?? []).join('\n'));
  const [photo, setPhoto] = useState<MediaItem | null>(existing?.photo ?? null);
  const [upload, setUpload] = useState<{ progress: number; error: unknown } | null>(null);
  const [isPupil, setPupil] = useState(existing?.isPupil ?? false);
  const [isIdentifying, setIdentifying] = useState(existing?.isIdentifyingPupils ?? false);
  const [consentIds, setConsentIds] = useState<number[]>(existing?.consentIds ?? []);
  const [isTried, setTried] = useState(false);
  const years = recentSchoolYears();
  if (!years.includes(schoolYear)) years.push(schoolYear);

  const input = (): ExemplarInput => ({
    kind,
    name: name.trim(),
    title: title.trim() || null,
    field: field.trim() || null,
    summary: summary.trim() || null,
    storyHtml,
    achievements: achievements.split('\n').map((x) => x.trim()).filter(Boolean),
    photoMediaId: photo?.id ?? null,
    schoolYear,
    isPupil: kind === 'person' && isPupil,
    isIdentifyingPupils: isIdentifying,
    consentIds,
  });
  const save = useMutation({
    mutationFn: () =>
      existing ? exemplarsApi.update(existing.id, { ...input(), version: existing.version }) : exemplarsApi.create({ ...input(), unitId: unit?.id as number }),
    onSuccess: async (e) => {
      notifySuccess(existing ? t('exemplarForm.saved') : t('exemplarForm.nominated'));
      qc.setQueryData(exemplarKey(e.id), e);
      await qc.invalidateQueries({ queryKey: exemplarsKey });
      await navigate({ to: `/guong-dien-hinh/${e.id}` });
    },
  });
  const uploadPhoto = async (file: File | null) => {
    if (!file || !unit) return;
    setUpload({ progress: 0, error: null });
    try {
      const item = await mediaApi.upload(unit.id, file, session.data?.csrfToken ?? null, (p) => setUpload({ progress: p, error: null }));
      setPhoto(item);
      setUpload(null);
    } catch (err) {
      setUpload({ progress: 0, error: err });
    }
  };
  const needsConsent = (kind === 'person' && isPupil) || isIdentifying;

  return (
    <Stack gap="sm" maw={820}>
      <BackToExemplars />
      <PageHeader title={existing ? t('exemplarForm.editTitle') : t('exemplarForm.newTitle')} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (name.trim() && unit) save.mutate();
        }}
      >
        <Stack gap="sm">
          {existing ? (
            <Text size="sm" c="dimmed">
              {t('exemplarForm.unitFixed', { unit: existing.unitName })}
            </Text>
          ) : (
            <UnitPicker label={t('exemplarForm.unit')} value={unit} onChange={setUnit} required error={isTried && !unit ? t('exemplarForm.unitRequired') : undefined} />
          )}
          <Select
            label={t('exemplarForm.kind')}
            data={exemplarKinds.map((k) => ({ value: k, label: exemplarKindLabel(k) }))}
            value={kind}
            onChange={(v) => v && setKind(v as ExemplarKind)}
            allowDeselect={false}
            required
          />
          <TextInput
            label={t('exemplarForm.name')}
            description={t('exemplarForm.nameHint')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            maxLength={200}
            error={isTried && !name.trim() ? t('exemplarForm.nameRequired') : undefined}
          />
          <TextInput label={t('exemplarForm.titleField')} placeholder={t('exemplarForm.titlePlaceholder')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} maxLength={200} />
          <Group grow wrap="wrap" align="flex-start">
            <TextInput label={t('exemplarForm.field')} placeholder={t('exemplarForm.fieldPlaceholder')} value={field} onChange={(e) => setField(e.currentTarget.value)} maxLength={120} miw={200} />
            <Select
              label={t('exemplarForm.schoolYear')}
              data={years.map((y) => ({ value: y, label: schoolYearLabel(y) }))}
              value={schoolYear}
              onChange={(v) => v && setSchoolYear(v)}
              allowDeselect={false}
              miw={160}
            />
          </Group>
          <Textarea label={t('exemplarForm.summary')} autosize minRows={2} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} maxLength={1000} />
          <RichText label={t('exemplarForm.story')} description={t('exemplarForm.storyHint')} initialHtml={storyHtml} onChange={setStoryHtml} />
          <Textarea
            label={t('exemplarForm.achievements')}
            description={t('exemplarForm.achievementsHint')}
            autosize
            minRows={3}
            value={achievements}
            onChange={(e) => setAchievements(e.currentTarget.value)}
          />
          <Card withBorder padding="sm">
            <Stack gap="xs">
              <Text fw={600} size="sm">
                {t('exemplarForm.photo')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('exemplarForm.photoHint')}
              </Text>
              {photo ? (
                <Group gap="sm" wrap="nowrap" align="flex-start">
                  <Thumb src={photo.urls.small} alt={photo.caption ?? name} w={120} h={90} />
                  <Button variant="subtle" color="red" size="xs" leftSection={<IconTrash size={14} />} onClick={() => setPhoto(null)}>
                    {t('exemplarForm.photoRemove')}
                  </Button>
                </Group>
              ) : null}
              {upload && !upload.error ? <Progress value={upload.progress * 100} aria-label={t('exemplarForm.uploading')} /> : null}
              <ErrorAlert error={upload?.error ?? null} />
              <Group>
                <FileButton onChange={uploadPhoto} accept="image/*">
                  {(props) => (
                    <Button {...props} variant="light" leftSection={<IconCamera size={16} />} disabled={!unit} loading={!!upload && !upload.error}>
                      {photo ? t('exemplarForm.photoReplace') : t('exemplarForm.photoAdd')}
                    </Button>
                  )}
                </FileButton>
              </Group>
            </Stack>
          </Card>
          {kind === 'person' ? (
            <Switch label={t('exemplarForm.isPupil')} description={t('exemplarForm.isPupilHint')} checked={isPupil} onChange={(e) => setPupil(e.currentTarget.checked)} />
          ) : null}
          <Switch
            label={t('exemplarForm.isIdentifying')}
            description={t('exemplarForm.isIdentifyingHint')}
            checked={isIdentifying}
            onChange={(e) => setIdentifying(e.currentTarget.checked)}
          />
          {needsConsent && unit ? <ConsentSelect unitId={unit.id} label={t('exemplarForm.consents')} value={consentIds} onChange={setConsentIds} /> : null}
          <ErrorAlert error={save.error} />
          <Group>
            <Button type="submit" loading={save.isPending} leftSection={<IconDeviceFloppy size={16} />}>
              {existing ? t('exemplarForm.save') : t('exemplarForm.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
