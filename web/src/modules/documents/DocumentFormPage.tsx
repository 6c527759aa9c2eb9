import { ActionIcon, Anchor, Badge, Button, Card, FileButton, Group, Loader, Select, SimpleGrid, Stack, Switch, Text, TextInput, Textarea } from '@mantine/core';
import { IconArrowLeft, IconDeviceFloppy, IconDownload, IconTrash, IconUpload } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { type DocumentInput, type DocumentType, type LibraryDocument, documentTypes, documentsApi } from '../../api/documents';
import { t } from '../../i18n';
import { DateField } from '../../ui/DateField';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { type PickedUnit, UnitPicker } from '../../ui/UnitPicker';
import { useArticleUnit } from '../newsroom/useArticleUnit';
import { documentAccept, documentKey, documentTypeLabel, documentsKey, fileSize, validityColor, validityLabel } from './labels';

/** Add a document (no id) or edit one: its fields, then its files (PDF, DOCX, XLSX). */
export function DocumentFormPage({ id }: { id?: number }) {
  const existing = useQuery({ queryKey: documentKey(id ?? 0), queryFn: () => documentsApi.get(id as number), enabled: !!id });
  if (id && existing.isPending) return <Loader aria-label={t('common.loading')} />;
  if (id && existing.isError) return <ErrorAlert error={existing.error} />;
  return <DocumentForm key={existing.data ? `${existing.data.id}-${existing.data.version}` : 'new'} existing={existing.data ?? null} />;
}

function BackToDocuments() {
  return (
    <Anchor component={Link} to="/van-ban" size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} />
        {t('docs.back')}
      </Group>
    </Anchor>
  );
}

function DocumentForm({ existing }: { existing: LibraryDocument | null }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [defaultUnit] = useArticleUnit('documents.write', { isRemembered: false });
  const [pickedUnit, setUnit] = useState<PickedUnit | null>(null);
  const unit = existing ? { id: existing.unitId, name: existing.unitName } : (pickedUnit ?? defaultUnit);
  const [number, setNumber] = useState(existing?.number ?? '');
  const [symbol, setSymbol] = useState(existing?.symbol ?? '');
  const [docType, setDocType] = useState<DocumentType>(existing?.docType ?? 'cong_van');
  const [issuer, setIssuer] = useState(existing?.issuer ?? '');
  const [signer, setSigner] = useState(existing?.signer ?? '');
  const [signerTitle, setSignerTitle] = useState(existing?.signerTitle ?? '');
  const [issuedOn, setIssuedOn] = useState<string | null>(existing?.issuedOn ?? null);
  const [effectiveOn, setEffectiveOn] = useState<string | null>(existing?.effectiveOn ?? null);
  const [expiresOn, setExpiresOn] = useState<string | null>(existing?.expiresOn ?? null);
  const [field, setField] = useState(existing?.field ?? '');
  const [summary, setSummary] = useState(existing?.summary ?? '');
  const [isPublic, setPublic] = useState(existing?.isPublic ?? true);
  const [isTried, setTried] = useState(false);
  const isReadOnly = !!existing && !existing.canEdit;

  const input = (): DocumentInput => ({
    number: number.trim() || null,
    symbol: symbol.trim() || null,
    docType,
    issuer: issuer.trim(),
    signer: signer.trim() || null,
    signerTitle: signerTitle.trim() || null,
    issuedOn,
    effectiveOn,
    expiresOn,
    field: field.trim() || null,
    summary: summary.trim(),
    isPublic,
  });
  const save = useMutation({
    mutationFn: () => (existing ? documentsApi.update(existing.id, { ...input(), version: existing.version }) : documentsApi.create({ ...input(), unitId: unit?.id as number })),
    onSuccess: async (d) => {
      await qc.invalidateQueries({ queryKey: documentsKey });
      notifySuccess(existing ? t('docs.saved') : t('docs.created'));
      if (!existing) navigate({ to: `/van-ban/${d.id}` });
    },
  });
  const remove = useMutation({
    mutationFn: () => documentsApi.remove(existing?.id as number),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: documentsKey });
      notifySuccess(t('docs.deleted'));
      navigate({ to: '/van-ban' });
    },
  });
  const isMissing = (v: string) => isTried && !v.trim();
  const submit = () => {
    setTried(true);
    if (!issuer.trim() || !summary.trim() || !unit) return;
    save.mutate();
  };

  return (
    <>
      <BackToDocuments />
      <PageHeader title={existing ? (existing.numberLabel ? `${documentTypeLabel(existing.docType)} ${existing.numberLabel}` : t('docs.editTitle')) : t('docs.newTitle')} />
      <Stack gap="md" maw={860}>
        {existing ? (
          <Group gap="xs">
            <Badge variant="light" color={validityColor(existing.validity)}>
              {validityLabel(existing.validity)}
            </Badge>
            {existing.source === 'plan' ? <Badge color="grape">{t('docs.fromPlan')}</Badge> : null}
            {existing.isPublic ? (
              <Anchor href={`/van-ban/${existing.ref}`} target="_blank" size="sm">
                {t('docs.publicLink')}
              </Anchor>
            ) : null}
          </Group>
        ) : null}
        {existing?.source === 'plan' ? (
          <Card withBorder>
            <Stack gap="xs">
              <Text size="sm">{t('docs.planNote')}</Text>
              <Group gap="sm">
                <Button component="a" href={documentsApi.planFileUrl(existing.id)} variant="light" leftSection={<IconDownload size={16} />}>
                  {t('docs.planFile')}
                </Button>
                {existing.planId ? (
                  <Button component={Link} to={`/ke-hoach/${existing.planId}`} variant="subtle">
                    {t('docs.openPlan')}
                  </Button>
                ) : null}
              </Group>
            </Stack>
          </Card>
        ) : null}
        {!existing ? <UnitPicker label={t('docs.unit')} value={unit} onChange={setUnit} required maw={520} error={isTried && !unit ? t('docs.unitRequired') : undefined} /> : null}
        <fieldset disabled={isReadOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <Select label={t('docs.type')} data={documentTypes.map((k) => ({ value: k, label: documentTypeLabel(k) }))} value={docType} onChange={(v) => v && setDocType(v as DocumentType)} allowDeselect={false} />
              <TextInput label={t('docs.numberOnly')} placeholder={t('docs.numberOnlyPlaceholder')} value={number} onChange={(e) => setNumber(e.currentTarget.value)} maxLength={40} />
              <TextInput label={t('docs.symbol')} placeholder={t('docs.symbolPlaceholder')} value={symbol} onChange={(e) => setSymbol(e.currentTarget.value)} maxLength={60} />
            </SimpleGrid>
            <Textarea label={t('docs.summary')} description={t('docs.summaryHint')} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} autosize minRows={2} maxLength={2000} required error={isMissing(summary) ? t('docs.summaryRequired') : undefined} />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput label={t('docs.issuer')} placeholder={t('docs.issuerPlaceholder')} value={issuer} onChange={(e) => setIssuer(e.currentTarget.value)} required maxLength={300} error={isMissing(issuer) ? t('docs.issuerRequired') : undefined} />
              <TextInput label={t('docs.field')} placeholder={t('docs.fieldPlaceholder')} value={field} onChange={(e) => setField(e.currentTarget.value)} maxLength={120} />
              <TextInput label={t('docs.signer')} value={signer} onChange={(e) => setSigner(e.currentTarget.value)} maxLength={200} />
              <TextInput label={t('docs.signerTitle')} placeholder={t('docs.signerTitlePlaceholder')} value={signerTitle} onChange={(e) => setSignerTitle(e.currentTarget.value)} maxLength={200} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <DateField label={t('docs.issuedOn')} value={issuedOn} onChange={(v) => setIssuedOn(v ? String(v).slice(0, 10) : null)} />
              <DateField label={t('docs.effectiveOn')} value={effectiveOn} onChange={(v) => setEffectiveOn(v ? String(v).slice(0, 10) : null)} />
              <DateField label={t('docs.expiresOn')} value={expiresOn} onChange={(v) => setExpiresOn(v ? String(v).slice(0, 10) : null)} />
            </SimpleGrid>
            <Switch label={t('docs.isPublic')} description={t('docs.isPublicHint')} checked={isPublic} onChange={(e) => setPublic(e.currentTarget.checked)} />
          </Stack>
        </fieldset>
        <ErrorAlert error={save.error ?? remove.error} />
        {!isReadOnly ? (
          <Group gap="sm">
            <Button leftSection={<IconDeviceFloppy size={16} />} onClick={submit} loading={save.isPending}>
              {existing ? t('common.save') : t('docs.createAndAttach')}
            </Button>
            {existing ? (
              <Button
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={16} />}
                loading={remove.isPending}
                onClick={() => {
                  if (window.confirm(t('docs.deleteConfirm'))) remove.mutate();
                }}
              >
                {t('docs.delete')}
              </Button>
            ) : null}
          </Group>
        ) : null}
        {existing && existing.source === 'upload' ? <DocumentFiles d={existing} /> : null}
      </Stack>
    </>
  );
}

function DocumentFiles({ d }: { d: LibraryDocument }) {
  const qc = useQueryClient();
  const upload = useMutation({
    mutationFn: (file: File) => documentsApi.upload(d.id, file),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: documentsKey });
      notifySuccess(t('docs.uploaded'));
    },
    onError: notifyError,
  });
  const removeFile = useMutation({
    mutationFn: (fileId: number) => documentsApi.removeFile(d.id, fileId),
    onSuccess: () => qc.invalidateQueries({ queryKey: documentsKey }),
    onError: notifyError,
  });
  return (
    <Card withBorder component="section" aria-labelledby="doc-files">
      <Stack gap="xs">
        <Text id="doc-files" fw={700}>
          {t('docs.files')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('docs.filesHint')}
        </Text>
        {d.files.length === 0 ? <Text size="sm" c="dimmed">{t('docs.noFiles')}</Text> : null}
        {d.files.map((f) => (
          <Group key={f.id} gap="xs" wrap="nowrap" justify="space-between">
            <Anchor href={documentsApi.fileUrl(d.id, f.id)} className="loa-break" size="sm">
              {f.fileName}
            </Anchor>
            <Group gap={4} wrap="nowrap">
              <Text size="xs" c="dimmed">
                {fileSize(f.size)}
              </Text>
              {d.canEdit ? (
                <ActionIcon variant="subtle" color="red" aria-label={t('docs.removeFile', { name: f.fileName })} onClick={() => removeFile.mutate(f.id)}>
                  <IconTrash size={16} />
                </ActionIcon>
              ) : null}
            </Group>
          </Group>
        ))}
        {d.canEdit ? (
          <FileButton onChange={(f) => f && upload.mutate(f)} accept={documentAccept}>
            {(props) => (
              <Button {...props} variant="light" leftSection={<IconUpload size={16} />} loading={upload.isPending} w="fit-content">
                {t('docs.upload')}
              </Button>
            )}
          </FileButton>
        ) : null}
        <Text size="xs" c="dimmed">
          {t('docs.updatedAt', { at: formatDate(d.updatedAt) })}
        </Text>
      </Stack>
    </Card>
  );
}
