import { Anchor, Badge, Button, Card, Group, Loader, Modal, Select, Stack, Tabs, Text, TextInput, Textarea } from '@mantine/core';
import { IconClipboardPlus, IconListCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { t } from '../../i18n';
import { DateField } from '../../ui/DateField';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate, todayIso } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { type PickedUnit, UnitPicker } from '../../ui/UnitPicker';
import { can } from '../auth/permissions';
import { useUser } from '../auth/session';
import { useArticleUnit } from '../newsroom/useArticleUnit';
import { type InspectionListItem, type InspectionMode, type InspectionStatus, inspectionsApi, inspectionsKey } from './api';
import { formatScore, inspectionStatusColor, inspectionStatusLabel, modeLabel } from './labels';

/** Inspections made by the units of a subtree and of them (a school sees its own), by status; plan a new one. */
export function InspectionsPage() {
  const user = useUser();
  const [unit, setUnit] = useArticleUnit('plans.read');
  const [status, setStatus] = useState<string>('all');
  const [isCreating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: [...inspectionsKey, 'list', unit?.id, status],
    queryFn: () => inspectionsApi.list(unit?.id as number, status === 'all' ? null : (status as InspectionStatus)),
    enabled: !!unit,
  });
  const mayWrite = can(user, 'plans.write');
  return (
    <>
      <PageHeader
        title={t('insp.title')}
        actions={
          mayWrite ? (
            <Group gap="xs">
              <Button variant="default" component={Link} to="/kiem-tra/tieu-chi" leftSection={<IconListCheck size={16} />}>
                {t('insp.checklists')}
              </Button>
              <Button leftSection={<IconClipboardPlus size={16} />} onClick={() => setCreating(true)} disabled={!unit}>
                {t('insp.new')}
              </Button>
            </Group>
          ) : null
        }
      />
      <Stack gap="sm">
        <Text size="sm" c="dimmed" maw={720}>
          {t('insp.lead')}
        </Text>
        <UnitPicker label={t('insp.unit')} value={unit} onChange={setUnit} maw={520} />
        <Tabs value={status} onChange={(v) => setStatus(v ?? 'all')}>
          <Tabs.List aria-label={t('insp.statusFilter')}>
            <Tabs.Tab value="all">{t('insp.all')}</Tabs.Tab>
            {(['planned', 'follow_up', 'closed'] as const).map((s) => (
              <Tabs.Tab key={s} value={s}>
                {inspectionStatusLabel(s)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
        {unit && list.isPending ? <Loader aria-label={t('common.loading')} /> : null}
        <ErrorAlert error={list.error} />
        {list.data && !list.data.items.length ? <Text c="dimmed">{t('insp.none')}</Text> : null}
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {(list.data?.items ?? []).map((i) => (
            <Row key={i.id} i={i} />
          ))}
        </Stack>
      </Stack>
      {unit && isCreating ? <NewInspection unit={unit} onClose={() => setCreating(false)} /> : null}
    </>
  );
}

function Row({ i }: { i: InspectionListItem }) {
  return (
    <Card component="li" withBorder padding="xs">
      <Stack gap={2}>
        <Anchor component={Link} to={`/kiem-tra/${i.id}`} fw={600} className="loa-break">
          {i.title}
        </Anchor>
        <Text size="xs" c="dimmed" className="loa-break">
          {[i.inspectedUnitName, formatDate(i.inspectedOn), modeLabel(i.mode), t('insp.by', { unit: i.unitName })].join(' · ')}
        </Text>
        <Group gap={4}>
          <Badge variant="light" color={inspectionStatusColor(i.status)}>
            {inspectionStatusLabel(i.status)}
          </Badge>
          {i.score != null ? (
            <Badge variant="outline" color="indigo">
              {t('insp.scoreBadge', { score: formatScore(i.score) })}
            </Badge>
          ) : null}
          {i.openActions ? (
            <Badge variant="outline" color="orange">
              {t('insp.openActions', { n: i.openActions })}
            </Badge>
          ) : null}
          {i.overdueActions ? (
            <Badge variant="filled" color="red.9">
              {t('insp.overdueActions', { n: i.overdueActions })}
            </Badge>
          ) : null}
        </Group>
      </Stack>
    </Card>
  );
}

function NewInspection({ unit, onClose }: { unit: PickedUnit; onClose: () => void }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [inspected, setInspected] = useState<PickedUnit | null>(null);
  const [checklistId, setChecklistId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [mode, setMode] = useState<InspectionMode>('visit');
  const [inspectedOn, setInspectedOn] = useState<string | null>(todayIso());
  const [inspectors, setInspectors] = useState('');
  const [summary, setSummary] = useState('');
  const checklists = useQuery({ queryKey: [...inspectionsKey, 'checklists', unit.id], queryFn: () => inspectionsApi.checklists(unit.id) });
  const create = useMutation({
    mutationFn: () =>
      inspectionsApi.create({
        unitId: unit.id, inspectedUnitId: inspected?.id as number, checklistId: Number(checklistId), title: title.trim(), mode, inspectedOn: inspectedOn as string,
        inspectors: inspectors.split(/[,;\n]/).map((s) => s.trim()).filter(Boolean), summary: summary.trim() || null,
      }),
    onSuccess: (i) => {
      qc.invalidateQueries({ queryKey: inspectionsKey });
      notifySuccess(t('insp.created'));
      navigate({ to: `/kiem-tra/${i.id}` });
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('insp.new')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('insp.inspectingUnit', { unit: unit.name })}</Text>
          <UnitPicker label={t('insp.inspectedUnit')} value={inspected} onChange={setInspected} excludeId={unit.id} required />
          <Select
            label={t('insp.checklist')}
            data={(checklists.data?.items ?? []).filter((c) => c.isActive).map((c) => ({ value: String(c.id), label: `${c.title} (${c.unitName})` }))}
            value={checklistId}
            onChange={setChecklistId}
            nothingFoundMessage={t('insp.noChecklists')}
            required
          />
          <TextInput label={t('insp.titleField')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required />
          <Group grow wrap="wrap" align="flex-start">
            <Select
              label={t('insp.mode')}
              data={(['visit', 'remote'] as const).map((m) => ({ value: m, label: modeLabel(m) }))}
              value={mode}
              onChange={(v) => setMode((v as InspectionMode) ?? 'visit')}
              allowDeselect={false}
              miw={180}
            />
            <DateField label={t('insp.date')} value={inspectedOn} onChange={(v) => setInspectedOn(v as string | null)} required miw={180} />
          </Group>
          <TextInput label={t('insp.inspectors')} description={t('insp.inspectorsHelp')} value={inspectors} onChange={(e) => setInspectors(e.currentTarget.value)} />
          <Textarea label={t('insp.summary')} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} autosize minRows={2} />
          <ErrorAlert error={create.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!inspected || !checklistId || !title.trim() || !inspectedOn}>
              {t('insp.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
