import { ActionIcon, Anchor, Badge, Button, Card, Group, Loader, NumberInput, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { IconArrowLeft, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { UnitPicker } from '../../ui/UnitPicker';
import { useArticleUnit } from '../newsroom/useArticleUnit';
import { type Checklist, type ChecklistItem, inspectionsApi, inspectionsKey } from './api';

/** Checklist templates a unit may use (its own and those above it); create and edit weighted items. */
export function ChecklistsPage() {
  const [unit, setUnit] = useArticleUnit('plans.write');
  const [editing, setEditing] = useState<Checklist | 'new' | null>(null);
  const list = useQuery({ queryKey: [...inspectionsKey, 'checklists', unit?.id], queryFn: () => inspectionsApi.checklists(unit?.id as number), enabled: !!unit });
  const open = useMutation({ mutationFn: (id: number) => inspectionsApi.checklist(id), onSuccess: setEditing });
  return (
    <>
      <PageHeader
        title={t('insp.checklists')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} disabled={!unit}>
            {t('insp.newChecklist')}
          </Button>
        }
      />
      <Stack gap="sm" maw={900}>
        <Anchor component={Link} to="/kiem-tra" size="sm" style={{ alignSelf: 'flex-start' }}>
          <Group gap={4} wrap="nowrap">
            <IconArrowLeft size={16} />
            {t('insp.back')}
          </Group>
        </Anchor>
        <UnitPicker label={t('insp.unit')} value={unit} onChange={setUnit} maw={520} />
        {unit && list.isPending ? <Loader aria-label={t('common.loading')} /> : null}
        <ErrorAlert error={list.error ?? open.error} />
        {list.data && !list.data.items.length ? <Text c="dimmed">{t('insp.noChecklists')}</Text> : null}
        {(list.data?.items ?? []).map((c) => (
          <Card key={c.id} withBorder padding="xs">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
                <Text fw={600} className="loa-break">
                  {c.title}
                </Text>
                <Text size="xs" c="dimmed" className="loa-break">
                  {t('insp.checklistMeta', { unit: c.unitName, n: c.itemCount, weight: c.totalWeight })}
                </Text>
              </Stack>
              {!c.isActive ? (
                <Badge variant="light" color="gray">
                  {t('insp.inactive')}
                </Badge>
              ) : null}
              {c.unitId === unit?.id ? (
                <Button size="xs" variant="light" onClick={() => open.mutate(c.id)}>
                  {t('insp.editChecklist')}
                </Button>
              ) : null}
            </Group>
          </Card>
        ))}
        {unit && editing ? (
          <ChecklistEditor key={editing === 'new' ? 'new' : editing.id} unitId={unit.id} checklist={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        ) : null}
      </Stack>
    </>
  );
}

function ChecklistEditor({ unitId, checklist, onDone }: { unitId: number; checklist: Checklist | null; onDone: () => void }) {
  const qc = useQueryClient();
  const [title, setTitle] = useState(checklist?.title ?? '');
  const [isActive, setActive] = useState(checklist?.isActive ?? true);
  const [items, setItems] = useState<ChecklistItem[]>(checklist?.items.map((i) => ({ text: i.text, guidance: i.guidance, weight: i.weight })) ?? [{ text: '', weight: 1 }]);
  const total = items.reduce((s, i) => s + (Number(i.weight) || 0), 0);
  const save = useMutation({
    mutationFn: () => {
      const clean = items.filter((i) => i.text.trim()).map((i) => ({ text: i.text.trim(), guidance: i.guidance?.trim() || null, weight: Number(i.weight) }));
      return checklist
        ? inspectionsApi.updateChecklist(checklist.id, { title: title.trim(), isActive, items: clean, version: checklist.version })
        : inspectionsApi.createChecklist({ unitId, title: title.trim(), items: clean });
    },
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: inspectionsKey });
      notifySuccess(t('insp.checklistSaved'));
      onDone();
    },
  });
  const setItem = (n: number, patch: Partial<ChecklistItem>) => setItems((xs) => xs.map((x, i) => (i === n ? { ...x, ...patch } : x)));
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <Title order={2} fz="h5">
          {checklist ? t('insp.editChecklist') : t('insp.newChecklist')}
        </Title>
        <TextInput label={t('insp.checklistTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required />
        {checklist ? <Switch label={t('insp.active')} checked={isActive} onChange={(e) => setActive(e.currentTarget.checked)} /> : null}
        {items.map((it, n) => (
          <Group key={n} gap="xs" align="flex-end" wrap="wrap" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)', paddingBottom: 6 }}>
            <TextInput label={t('insp.itemText', { n: n + 1 })} value={it.text} onChange={(e) => setItem(n, { text: e.currentTarget.value })} style={{ flex: 1, minWidth: 220 }} />
            <NumberInput label={t('insp.weight')} value={it.weight} min={0.5} max={1000} step={1} decimalScale={2} onChange={(v) => setItem(n, { weight: Number(v) || 0 })} w={100} />
            <ActionIcon variant="subtle" color="red" size="lg" aria-label={t('insp.removeItem', { n: n + 1 })} onClick={() => setItems((xs) => xs.filter((_, i) => i !== n))} disabled={items.length <= 1}>
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Text size="xs" c="dimmed">
          {t('insp.totalWeight', { weight: total })}
        </Text>
        <Group gap="xs">
          <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setItems((xs) => [...xs, { text: '', weight: 1 }])}>
            {t('insp.addItem')}
          </Button>
        </Group>
        <ErrorAlert error={save.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!title.trim() || !items.some((i) => i.text.trim())}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
