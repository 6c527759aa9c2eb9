import { Badge, Button, Card, CloseButton, FileButton, Group, Loader, Modal, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconPaperclip, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { recentSchoolYears } from '../../api/exemplars';
import { type Admission, type AdmissionPhase, type Attachment, siteContentApi } from '../../api/sitecontent';
import { t } from '../../i18n';
import { DateField } from '../../ui/DateField';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { notifyError, notifySuccess } from '../../ui/notify';
import { useIsMobile } from '../../ui/useMobile';
import { RichText } from '../newsroom/RichText';
import { RowActions, StatusBadge, dmy, siteContentKey } from './common';

const phaseColor: Record<AdmissionPhase, string> = { open: 'green', upcoming: 'yellow', closed: 'gray', undated: 'blue' };
const phaseLabel = (p: AdmissionPhase) =>
  ({ open: t('sc.adm.phase.open'), upcoming: t('sc.adm.phase.upcoming'), closed: t('sc.adm.phase.closed'), undated: t('sc.adm.phase.undated') })[p];

/** Admissions notices of the unit: list with open/closed by date, write and edit, publish, attachments. */
export function AdmissionsTab({ unitId }: { unitId: number }) {
  const list = useQuery({ queryKey: [...siteContentKey, 'admissions', unitId], queryFn: () => siteContentApi.admissions(unitId) });
  const [editing, setEditing] = useState<Admission | 'new' | null>(null);
  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" maw={640}>
          {t('sc.adm.lead')}
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          {t('sc.adm.new')}
        </Button>
      </Group>
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.data && !list.data.items.length && <Text c="dimmed">{t('sc.adm.none')}</Text>}
      {list.data?.items.map((a) => (
        <Card key={a.id} withBorder padding="sm">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={4} style={{ minWidth: 0 }}>
              <Group gap="xs" wrap="wrap">
                <StatusBadge status={a.status} />
                <Badge variant="outline" color={phaseColor[a.phase]}>
                  {phaseLabel(a.phase)}
                </Badge>
              </Group>
              <Text fw={600} className="loa-break">
                {a.title}
              </Text>
              <Text size="sm" c="dimmed">
                {[t('sc.adm.yearLabel', { year: a.schoolYear.replace('-', '–') }), a.grade, a.applyFrom || a.applyTo ? t('sc.adm.applyRange', { from: dmy(a.applyFrom) || '…', to: dmy(a.applyTo) || '…' }) : null]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </Stack>
            <RowActions name={a.title} onEdit={() => setEditing(a)} publish={{ kind: 'admissions', id: a.id, status: a.status }} remove={{ kind: 'admissions', id: a.id }} />
          </Group>
        </Card>
      ))}
      {editing && <AdmissionForm unitId={unitId} initial={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function AdmissionForm({ unitId, initial, onClose }: { unitId: number; initial: Admission | null; onClose: () => void }) {
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const years = recentSchoolYears(3).map((y) => `${Number(y.slice(0, 4)) + 1}-${Number(y.slice(5)) + 1}`);
  const [title, setTitle] = useState(initial?.title ?? '');
  const [schoolYear, setSchoolYear] = useState<string | null>(initial?.schoolYear ?? years[0]);
  const [grade, setGrade] = useState(initial?.grade ?? '');
  const [summary, setSummary] = useState(initial?.summary ?? '');
  const [bodyHtml, setBodyHtml] = useState(initial?.bodyHtml ?? '');
  const [applyFrom, setApplyFrom] = useState<string | null>(initial?.applyFrom ?? null);
  const [applyTo, setApplyTo] = useState<string | null>(initial?.applyTo ?? null);
  const [examOn, setExamOn] = useState<string | null>(initial?.examOn ?? null);
  const [resultOn, setResultOn] = useState<string | null>(initial?.resultOn ?? null);
  const [attachments, setAttachments] = useState<Attachment[]>(initial?.attachments ?? []);
  const [isTried, setTried] = useState(false);
  const upload = useMutation({ mutationFn: (f: File) => siteContentApi.uploadFile(unitId, f), onSuccess: (a) => setAttachments((xs) => [...xs, a]), onError: notifyError });
  const save = useMutation({
    mutationFn: () => {
      const body = { title: title.trim(), schoolYear: schoolYear ?? undefined, grade: grade.trim() || null, summary: summary.trim() || null, bodyHtml, applyFrom, applyTo, examOn, resultOn, attachments };
      return initial ? siteContentApi.updateAdmission(initial.id, { ...body, version: initial.version }) : siteContentApi.createAdmission(unitId, body);
    },
    onSuccess: () => {
      notifySuccess(t('sc.saved'));
      void qc.invalidateQueries({ queryKey: siteContentKey });
      onClose();
    },
    onError: notifyError,
  });
  const yearOptions = [...new Set([...(initial ? [initial.schoolYear] : []), ...years, ...recentSchoolYears(2)])].map((y) => ({ value: y, label: y.replace('-', '–') }));
  return (
    <Modal opened onClose={onClose} title={initial ? t('sc.adm.edit') : t('sc.adm.new')} size="xl" fullScreen={isMobile}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (title.trim()) save.mutate();
        }}
      >
        <Stack gap="sm">
          <TextInput label={t('sc.adm.title')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} maxLength={300} error={isTried && !title.trim() ? t('sc.required') : undefined} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label={t('sc.adm.schoolYear')} data={yearOptions} value={schoolYear} onChange={setSchoolYear} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
            <TextInput label={t('sc.adm.grade')} placeholder={t('sc.adm.gradePlaceholder')} value={grade} onChange={(e) => setGrade(e.currentTarget.value)} maxLength={100} />
            <DateField label={t('sc.adm.applyFrom')} value={applyFrom} onChange={setApplyFrom} />
            <DateField label={t('sc.adm.applyTo')} value={applyTo} onChange={setApplyTo} />
            <DateField label={t('sc.adm.examOn')} value={examOn} onChange={setExamOn} />
            <DateField label={t('sc.adm.resultOn')} value={resultOn} onChange={setResultOn} />
          </SimpleGrid>
          <Textarea label={t('sc.adm.summary')} autosize minRows={2} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} maxLength={1000} />
          <RichText label={t('sc.adm.body')} initialHtml={bodyHtml} onChange={setBodyHtml} />
          <Stack gap={4}>
            <Text fw={500} size="sm">
              {t('sc.adm.attachments')}
            </Text>
            {attachments.map((a) => (
              <Group key={a.key} gap="xs" wrap="nowrap">
                <IconPaperclip size={16} />
                <Text size="sm" className="loa-break" style={{ flex: 1 }}>
                  {a.name}
                </Text>
                <CloseButton aria-label={t('sc.adm.removeFile', { name: a.name })} onClick={() => setAttachments((xs) => xs.filter((x) => x.key !== a.key))} />
              </Group>
            ))}
            <FileButton onChange={(f) => f && upload.mutate(f)} accept=".pdf,.doc,.docx,.xls,.xlsx,.pptx,image/jpeg,image/png">
              {(props) => (
                <Button {...props} variant="default" leftSection={<IconPaperclip size={16} />} loading={upload.isPending} style={{ alignSelf: 'flex-start' }}>
                  {t('sc.adm.addFile')}
                </Button>
              )}
            </FileButton>
            <Text size="xs" c="dimmed">
              {t('sc.adm.fileHint')}
            </Text>
          </Stack>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('sc.save')}
            </Button>
          </Group>
          {initial?.status === 'published' && (
            <Text size="sm" c="dimmed">
              {t('sc.adm.publishedNote')}
            </Text>
          )}
        </Stack>
      </form>
    </Modal>
  );
}
