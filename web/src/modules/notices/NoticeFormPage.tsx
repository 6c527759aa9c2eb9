import { Button, Card, Checkbox, CloseButton, Group, Loader, MultiSelect, Pill, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { type Notice, type NoticeInput, type NoticeKind, audienceRoles, audienceUnitTypes, noticeKinds, noticesApi, noticesKey } from '../../api/notices';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { type PickedUnit, UnitPicker } from '../../ui/UnitPicker';
import { useArticleUnit } from '../newsroom/useArticleUnit';
import { htmlToText, noticeKindLabel, noticeRoleLabel, noticeUnitTypeLabel, textToHtml } from './labels';

/** Compose a notice or line to take (new, or a draft being edited). */
export function NoticeFormPage({ id }: { id?: number }) {
  const existing = useQuery({ queryKey: [...noticesKey, 'detail', id], queryFn: () => noticesApi.get(id as number), enabled: !!id });
  if (id && existing.isPending) return <Loader aria-label={t('common.loading')} />;
  if (id && existing.isError) return <ErrorAlert error={existing.error} />;
  return <NoticeForm notice={existing.data ?? null} />;
}

function NoticeForm({ notice }: { notice: Notice | null }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [defaultUnit] = useArticleUnit('notices.write');
  const [unit, setUnit] = useState<PickedUnit | null>(notice ? { id: notice.unitId, name: notice.unitName } : null);
  useEffect(() => {
    if (!notice && !unit && defaultUnit) setUnit(defaultUnit);
  }, [defaultUnit, notice, unit]);
  const [kind, setKind] = useState<NoticeKind>(notice?.kind ?? 'line_to_take');
  const [title, setTitle] = useState(notice?.title ?? '');
  const [body, setBody] = useState(() => htmlToText(notice?.bodyHtml ?? ''));
  const [isPublic, setPublic] = useState(notice?.isPublic ?? true);
  const [isAck, setAck] = useState(notice?.isAckRequired ?? false);
  const [isAckTouched, setAckTouched] = useState(!!notice);
  const [unitTypes, setUnitTypes] = useState<string[]>(notice?.audience.unitTypes ?? []);
  const [roles, setRoles] = useState<string[]>(notice?.audience.roles ?? ['focal_point', 'leader']);
  const [chosen, setChosen] = useState<PickedUnit[]>(() => notice?.audienceUnits ?? []);
  const [picking, setPicking] = useState<PickedUnit | null>(null);
  const [attachments, setAttachments] = useState<{ name: string; url: string }[]>(notice?.attachments ?? []);
  const [hours, setHours] = useState((notice?.reminderHours ?? [24, 48]).join(', '));
  const [error, setError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: async () => {
      const input: NoticeInput = {
        kind,
        title: title.trim(),
        bodyHtml: textToHtml(body),
        attachments: attachments.filter((a) => a.name.trim() && a.url.trim()),
        isPublic: kind === 'line_to_take' && isPublic,
        isAckRequired: isAckTouched ? isAck : kind === 'instruction',
        incidentId: notice?.incidentId ?? null,
        audience: { unitTypes, roles, unitIds: chosen.map((u) => u.id) },
        reminderHours: hours
          .split(/[,;\s]+/)
          .map((h) => Number(h))
          .filter((h) => Number.isInteger(h) && h > 0),
      };
      return notice ? noticesApi.update(notice.id, { ...input, version: notice.version }) : noticesApi.create({ ...input, unitId: (unit as PickedUnit).id });
    },
    onSuccess: async (n) => {
      notifySuccess(t('nt.saved'));
      await qc.invalidateQueries({ queryKey: noticesKey });
      await navigate({ to: '/thong-bao/$id', params: { id: String(n.id) } });
    },
    onError: notifyError,
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!unit) return setError(t('nt.form.unitRequired'));
    if (!title.trim()) return setError(t('nt.form.titleRequired'));
    if (!roles.length) return setError(t('nt.form.rolesRequired'));
    setError(null);
    save.mutate();
  };
  return (
    <>
      <PageHeader title={notice ? t('nt.form.editTitle') : t('nt.form.newTitle')} />
      <Card withBorder maw={820} padding="md">
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <UnitPicker label={t('nt.form.unit')} value={unit} onChange={setUnit} disabled={!!notice} required />
            <Select
              label={t('nt.kind')}
              data={noticeKinds.map((k) => ({ value: k, label: noticeKindLabel(k) }))}
              value={kind}
              onChange={(v) => v && setKind(v as NoticeKind)}
              allowDeselect={false}
              required
            />
            {kind === 'line_to_take' ? (
              <Checkbox label={t('nt.form.isPublic')} description={t('nt.form.isPublicHelp')} checked={isPublic} onChange={(e) => setPublic(e.currentTarget.checked)} />
            ) : null}
            <TextInput label={t('nt.form.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required maxLength={300} />
            <Textarea label={t('nt.form.body')} description={t('nt.form.bodyHelp')} value={body} onChange={(e) => setBody(e.currentTarget.value)} autosize minRows={6} maxRows={20} />
            <Stack gap={6}>
              <Text size="sm" fw={500}>
                {t('nt.form.attachments')}
              </Text>
              {attachments.map((a, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own
                <Group key={i} gap="xs" align="flex-end" wrap="wrap">
                  <TextInput
                    label={t('nt.form.attachmentName')}
                    value={a.name}
                    onChange={(e) => setAttachments(attachments.map((x, j) => (j === i ? { ...x, name: e.currentTarget.value } : x)))}
                    w={{ base: '100%', xs: 220 }}
                  />
                  <TextInput
                    label={t('nt.form.attachmentUrl')}
                    value={a.url}
                    onChange={(e) => setAttachments(attachments.map((x, j) => (j === i ? { ...x, url: e.currentTarget.value } : x)))}
                    style={{ flex: 1, minWidth: 200 }}
                  />
                  <CloseButton aria-label={t('nt.form.removeAttachment')} onClick={() => setAttachments(attachments.filter((_, j) => j !== i))} mb={6} />
                </Group>
              ))}
              <Button variant="subtle" size="compact-sm" onClick={() => setAttachments([...attachments, { name: '', url: '' }])} style={{ alignSelf: 'flex-start' }}>
                {t('nt.form.addAttachment')}
              </Button>
            </Stack>
            <Checkbox
              label={t('nt.form.isAck')}
              checked={isAckTouched ? isAck : kind === 'instruction'}
              onChange={(e) => {
                setAckTouched(true);
                setAck(e.currentTarget.checked);
              }}
            />
            <Text fw={600} mt="xs">
              {t('nt.form.audience')}
            </Text>
            <Text size="sm" c="dimmed">
              {t('nt.form.audienceHelp')}
            </Text>
            <MultiSelect
              label={t('nt.form.unitTypes')}
              placeholder={unitTypes.length ? undefined : t('nt.form.allUnitTypes')}
              data={audienceUnitTypes.map((u) => ({ value: u, label: noticeUnitTypeLabel(u) }))}
              value={unitTypes}
              onChange={setUnitTypes}
              clearable
            />
            <UnitPicker
              className="loa-unit-picker"
              label={t('nt.form.chosenUnits')}
              description={t('nt.form.chosenUnitsHelp')}
              value={picking}
              excludeId={unit?.id}
              onChange={(u) => {
                if (u && !chosen.some((x) => x.id === u.id)) setChosen([...chosen, u]);
                setPicking(null);
              }}
            />
            {chosen.length ? (
              <Group gap={6} wrap="wrap">
                {chosen.map((u) => (
                  <Pill key={u.id} size="md">
                    <Group gap={4} wrap="nowrap">
                      {u.name}
                      <CloseButton size="xs" aria-label={t('nt.form.removeUnit', { name: u.name })} onClick={() => setChosen(chosen.filter((x) => x.id !== u.id))} />
                    </Group>
                  </Pill>
                ))}
              </Group>
            ) : null}
            <MultiSelect
              label={t('nt.form.roles')}
              data={audienceRoles.map((r) => ({ value: r, label: noticeRoleLabel(r) }))}
              value={roles}
              onChange={setRoles}
              required
            />
            <TextInput label={t('nt.form.reminders')} description={t('nt.form.remindersHelp')} value={hours} onChange={(e) => setHours(e.currentTarget.value)} inputMode="numeric" />
            {error ? (
              <Text c="red.8" size="sm" role="alert">
                {error}
              </Text>
            ) : null}
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={() => window.history.back()}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t('nt.form.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </>
  );
}
