import { Accordion, ActionIcon, Anchor, Badge, Button, Card, FileButton, Group, Loader, Modal, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconChartBar, IconEdit, IconPlus, IconTrash, IconUpload } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { type DisclosureEntry, type DisclosureHeading, disclosureApi, disclosureHeadings } from '../../api/disclosure';
import { t } from '../../i18n';
import { DateField } from '../../ui/DateField';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { UnitPicker } from '../../ui/UnitPicker';
import { can } from '../auth/permissions';
import { useUser } from '../auth/session';
import { documentAccept } from '../documents/labels';
import { RichText } from '../newsroom/RichText';
import { useArticleUnit } from '../newsroom/useArticleUnit';
import { disclosureKey, headingLabel, recentSchoolYears, schoolYearLabel, statusColor, statusLabel } from './labels';

/** A school's public disclosure (Thông tư 09/2024): the eight headings of a school year, each with its entries. */
export function DisclosurePage() {
  const user = useUser();
  const [unit, setUnit] = useArticleUnit('units.read');
  const [schoolYear, setSchoolYear] = useState<string>(recentSchoolYears()[0]);
  const [editing, setEditing] = useState<{ heading: DisclosureHeading; entry: DisclosureEntry | null } | null>(null);
  const list = useQuery({ queryKey: [...disclosureKey, 'entries', unit?.id, schoolYear], queryFn: () => disclosureApi.list(unit?.id as number, schoolYear), enabled: !!unit });
  const mayWrite = can(user, 'disclosure.write');
  const byHeading = (h: DisclosureHeading) => (list.data?.items ?? []).filter((e) => e.heading === h);
  return (
    <>
      <PageHeader
        title={t('disc.title')}
        actions={
          <Button component={Link} to="/cong-khai/tuan-thu" variant="light" leftSection={<IconChartBar size={16} />}>
            {t('disc.toCompliance')}
          </Button>
        }
      />
      <Stack gap="sm">
        <Text size="sm" c="dimmed" maw={760}>
          {t('disc.lead')}
        </Text>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <UnitPicker label={t('disc.school')} value={unit} onChange={setUnit} w={{ base: '100%', sm: 420 }} />
          <Select label={t('disc.schoolYear')} data={recentSchoolYears().map((y) => ({ value: y, label: schoolYearLabel(y) }))} value={schoolYear} onChange={(v) => v && setSchoolYear(v)} allowDeselect={false} w={{ base: '100%', xs: 160 }} />
        </Group>
        {!unit ? <Text c="dimmed">{t('disc.pickSchool')}</Text> : null}
        {unit && list.isPending ? <Loader aria-label={t('common.loading')} /> : null}
        <ErrorAlert error={list.error} />
        {list.data ? (
          <Accordion multiple variant="separated" defaultValue={['general']}>
            {disclosureHeadings.map((h) => {
              const entries = byHeading(h);
              const published = entries.filter((e) => e.publishedAt).length;
              return (
                <Accordion.Item key={h} value={h}>
                  <Accordion.Control>
                    <Group gap="xs" wrap="wrap">
                      <Text fw={600}>{headingLabel(h)}</Text>
                      <Badge variant="light" color={entries.length === 0 ? 'gray' : published ? 'teal' : 'blue'}>
                        {t('disc.headingCount', { published, total: entries.length })}
                      </Badge>
                    </Group>
                  </Accordion.Control>
                  <Accordion.Panel>
                    <Stack gap="xs">
                      {entries.length === 0 ? <Text size="sm" c="dimmed">{t('disc.noEntries')}</Text> : null}
                      {entries.map((e) => (
                        <EntryCard key={e.id} e={e} mayWrite={mayWrite} onEdit={() => setEditing({ heading: h, entry: e })} />
                      ))}
                      {mayWrite ? (
                        <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setEditing({ heading: h, entry: null })} w="fit-content">
                          {t('disc.add')}
                        </Button>
                      ) : null}
                    </Stack>
                  </Accordion.Panel>
                </Accordion.Item>
              );
            })}
          </Accordion>
        ) : null}
      </Stack>
      {editing && unit ? <EntryModal unitId={unit.id} schoolYear={schoolYear} heading={editing.heading} entry={editing.entry} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

function EntryCard({ e, mayWrite, onEdit }: { e: DisclosureEntry; mayWrite: boolean; onEdit: () => void }) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: disclosureKey });
  const publish = useMutation({ mutationFn: (v: boolean) => disclosureApi.publish(e.id, v), onSuccess: refresh, onError: notifyError });
  const remove = useMutation({ mutationFn: () => disclosureApi.remove(e.id), onSuccess: refresh, onError: notifyError });
  const upload = useMutation({ mutationFn: (f: File) => disclosureApi.upload(e.id, f), onSuccess: refresh, onError: notifyError });
  const removeFile = useMutation({ mutationFn: (fileId: number) => disclosureApi.removeFile(e.id, fileId), onSuccess: refresh, onError: notifyError });
  return (
    <Card withBorder padding="sm">
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text fw={600} className="loa-break">
            {e.title}
          </Text>
          {mayWrite ? (
            <Group gap={2} wrap="nowrap">
              <ActionIcon variant="subtle" aria-label={t('disc.edit', { title: e.title })} onClick={onEdit}>
                <IconEdit size={16} />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('disc.delete', { title: e.title })}
                onClick={() => {
                  if (window.confirm(t('disc.deleteConfirm'))) remove.mutate();
                }}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ) : null}
        </Group>
        <Group gap={4} wrap="wrap">
          <Badge variant="light" color={statusColor[e.status]}>
            {statusLabel(e.status)}
          </Badge>
          <Badge variant="outline" color="gray">
            {e.kind === 'update' ? t('disc.kindUpdate', { date: formatDate(e.changedOn) }) : t('disc.kindYearly')}
          </Badge>
          <Text size="xs" c="dimmed">
            {t('disc.dueOn', { date: formatDate(e.dueOn) })}
            {' · '}
            {e.publishedAt ? t('disc.publishedOn', { date: formatDate(e.publishedAt) }) : t('disc.draft')}
          </Text>
        </Group>
        {e.files.map((f) => (
          <Group key={f.id} gap="xs" wrap="nowrap">
            <Anchor href={`/api/disclosure/entries/${e.id}/files/${f.id}`} size="sm" className="loa-break">
              {f.fileName}
            </Anchor>
            {mayWrite ? (
              <ActionIcon size="sm" variant="subtle" color="red" aria-label={t('disc.removeFile', { name: f.fileName })} onClick={() => removeFile.mutate(f.id)}>
                <IconTrash size={14} />
              </ActionIcon>
            ) : null}
          </Group>
        ))}
        {mayWrite ? (
          <Group gap="xs" mt={4} wrap="wrap">
            <Switch
              label={t('disc.published')}
              checked={!!e.publishedAt}
              disabled={publish.isPending}
              onChange={(ev) => publish.mutate(ev.currentTarget.checked)}
            />
            <FileButton onChange={(f) => f && upload.mutate(f)} accept={documentAccept}>
              {(props) => (
                <Button {...props} size="xs" variant="subtle" leftSection={<IconUpload size={14} />} loading={upload.isPending}>
                  {t('disc.attach')}
                </Button>
              )}
            </FileButton>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}

function EntryModal(props: { unitId: number; schoolYear: string; heading: DisclosureHeading; entry: DisclosureEntry | null; onClose: () => void }) {
  const { entry } = props;
  const qc = useQueryClient();
  const [title, setTitle] = useState(entry?.title ?? '');
  const [bodyHtml, setBodyHtml] = useState(entry?.bodyHtml ?? '');
  const [isUpdate, setUpdate] = useState(entry?.kind === 'update');
  const [changedOn, setChangedOn] = useState<string | null>(entry?.changedOn ?? null);
  const [isPublishing, setPublishing] = useState(false);
  const [isTried, setTried] = useState(false);
  const input = () => ({ heading: props.heading, schoolYear: entry?.schoolYear ?? props.schoolYear, title: title.trim(), bodyHtml, changedOn: isUpdate ? changedOn : null });
  const save = useMutation({
    mutationFn: () => (entry ? disclosureApi.update(entry.id, { ...input(), version: entry.version }) : disclosureApi.create({ ...input(), unitId: props.unitId, isPublished: isPublishing })),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: disclosureKey });
      notifySuccess(t('disc.saved'));
      props.onClose();
    },
  });
  const submit = () => {
    setTried(true);
    if (!title.trim() || (isUpdate && !changedOn)) return;
    save.mutate();
  };
  return (
    <Modal opened onClose={props.onClose} title={headingLabel(props.heading)} size="lg" fullScreen={typeof window !== 'undefined' && window.innerWidth < 576}>
      <Stack gap="sm">
        <TextInput label={t('disc.entryTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required maxLength={300} error={isTried && !title.trim() ? t('disc.titleRequired') : undefined} data-autofocus />
        <Switch label={t('disc.isUpdate')} description={t('disc.isUpdateHint')} checked={isUpdate} onChange={(e) => setUpdate(e.currentTarget.checked)} />
        {isUpdate ? (
          <DateField label={t('disc.changedOn')} value={changedOn} onChange={(v) => setChangedOn(v ? String(v).slice(0, 10) : null)} required maxDate={new Date()} error={isTried && !changedOn ? t('disc.changedOnRequired') : undefined} />
        ) : null}
        <RichText label={t('disc.body')} description={t('disc.bodyHint')} initialHtml={bodyHtml} onChange={setBodyHtml} />
        {!entry ? <Switch label={t('disc.publishNow')} checked={isPublishing} onChange={(e) => setPublishing(e.currentTarget.checked)} /> : null}
        <ErrorAlert error={save.error} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={submit} loading={save.isPending}>
            {t('disc.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
