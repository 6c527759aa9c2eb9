import { Button, Checkbox, Group, Menu, Modal, Stack, Text, Textarea } from '@mantine/core';
import {
  IconArrowsExchange,
  IconChevronDown,
  IconGitMerge,
  IconLockOpen,
  IconPlus,
  IconPower,
} from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { unitsApi } from '../../api/endpoints';
import type { UnitDetail } from '../../api/types';
import { t } from '../../i18n';
import { DateField } from '../../ui/DateField';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { todayIso } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { type PickedUnit, UnitPicker } from '../../ui/UnitPicker';
import { useIsMobile } from '../../ui/useMobile';
import { UnitFields } from './UnitFields';
import { inputFromValues, useUnitForm, valuesFromUnit } from './unitForm';

type Action = 'create' | 'move' | 'merge' | 'close' | 'reopen';

/** The lifecycle actions on a unit, each in its own dialog. */
export function UnitActions({ unit }: { unit: UnitDetail }) {
  const [action, setAction] = useState<Action | null>(null);
  const isActive = unit.status === 'active';
  const close = () => setAction(null);
  return (
    <>
      <Menu position="bottom-end" width={260}>
        <Menu.Target>
          <Button variant="light" rightSection={<IconChevronDown size={14} />}>
            {t('units.actions')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconPlus size={16} />} disabled={!isActive} onClick={() => setAction('create')}>
            {t('units.addChild')}
          </Menu.Item>
          <Menu.Item leftSection={<IconArrowsExchange size={16} />} disabled={!isActive} onClick={() => setAction('move')}>
            {t('units.move')}
          </Menu.Item>
          <Menu.Item leftSection={<IconGitMerge size={16} />} disabled={!isActive} onClick={() => setAction('merge')}>
            {t('units.merge')}
          </Menu.Item>
          {isActive ? (
            <Menu.Item color="red" leftSection={<IconPower size={16} />} onClick={() => setAction('close')}>
              {t('units.close')}
            </Menu.Item>
          ) : (
            <Menu.Item leftSection={<IconLockOpen size={16} />} onClick={() => setAction('reopen')}>
              {t('units.reopen')}
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
      {action === 'create' ? <CreateChildDialog unit={unit} onClose={close} /> : null}
      {action === 'move' ? <MoveDialog unit={unit} onClose={close} /> : null}
      {action === 'merge' ? <MergeDialog unit={unit} onClose={close} /> : null}
      {action === 'close' ? <CloseDialog unit={unit} onClose={close} /> : null}
      {action === 'reopen' ? <ReopenDialog unit={unit} onClose={close} /> : null}
    </>
  );
}

type DialogProps = { unit: UnitDetail; onClose: () => void };

function ActionDialog({ title, onClose, children, size = 'md' }: { title: string; onClose: () => void; children: ReactNode; size?: string }) {
  const isMobile = useIsMobile();
  return (
    <Modal opened onClose={onClose} title={title} size={size} fullScreen={isMobile} centered>
      {children}
    </Modal>
  );
}

/** Runs one lifecycle call, then refreshes every unit view and closes the dialog. */
function useUnitAction<T>(fn: (body: T) => Promise<unknown>, success: string, onClose: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      notifySuccess(success);
      await qc.invalidateQueries({ queryKey: ['units'] });
      onClose();
    },
  });
}

function DialogButtons({ onClose, isPending, label, color }: { onClose: () => void; isPending: boolean; label: string; color?: string }) {
  return (
    <Group justify="flex-end" mt="sm">
      <Button variant="default" onClick={onClose}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={isPending} color={color}>
        {label}
      </Button>
    </Group>
  );
}

function CreateChildDialog({ unit, onClose }: DialogProps) {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const form = useUnitForm(valuesFromUnit(null, { type: unit.type === 'commune' || unit.type === 'office' ? 'school' : 'affiliated' }));
  const create = useMutation({
    mutationFn: () => unitsApi.create({ ...inputFromValues(form.values), parentId: unit.id }),
    onSuccess: async (created) => {
      notifySuccess(t('units.created'));
      await qc.invalidateQueries({ queryKey: ['units'] });
      onClose();
      await navigate({ to: '/don-vi/$id', params: { id: String(created.id) } });
    },
  });
  return (
    <ActionDialog title={t('units.addChildTitle', { name: unit.name })} onClose={onClose} size="xl">
      <form onSubmit={form.onSubmit(() => create.mutate())}>
        <Stack>
          <UnitFields form={form} />
          <ErrorAlert error={create.error} />
          <DialogButtons onClose={onClose} isPending={create.isPending} label={t('units.create')} />
        </Stack>
      </form>
    </ActionDialog>
  );
}

function DateAndNote({
  on,
  setOn,
  note,
  setNote,
}: {
  on: string | null;
  setOn: (v: string | null) => void;
  note?: string;
  setNote?: (v: string) => void;
}) {
  return (
    <>
      <DateField label={t('units.effectiveOn')} required value={on} onChange={setOn} clearable={false} />
      {setNote ? (
        <Textarea label={t('units.note')} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
      ) : null}
    </>
  );
}

function MoveDialog({ unit, onClose }: DialogProps) {
  const [target, setTarget] = useState<PickedUnit | null>(null);
  const [on, setOn] = useState<string | null>(todayIso());
  const [note, setNote] = useState('');
  const move = useUnitAction(
    (b: { parentId: number; on: string; note?: string }) => unitsApi.move(unit.id, b),
    t('units.moved'),
    onClose,
  );
  return (
    <ActionDialog title={t('units.moveTitle', { name: unit.name })} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (target && on) move.mutate({ parentId: target.id, on, note: note.trim() || undefined });
        }}
      >
        <Stack>
          <UnitPicker label={t('units.newParent')} required value={target} onChange={setTarget} excludeId={unit.id} />
          <DateAndNote on={on} setOn={setOn} note={note} setNote={setNote} />
          <ErrorAlert error={move.error} />
          <DialogButtons onClose={onClose} isPending={move.isPending} label={t('units.moveSubmit')} />
        </Stack>
      </form>
    </ActionDialog>
  );
}

function MergeDialog({ unit, onClose }: DialogProps) {
  const [target, setTarget] = useState<PickedUnit | null>(null);
  const [on, setOn] = useState<string | null>(todayIso());
  const [note, setNote] = useState('');
  const [isMovingChildren, setMovingChildren] = useState(true);
  const merge = useUnitAction(
    (b: { intoId: number; on: string; isMovingChildren: boolean; note?: string }) => unitsApi.merge(unit.id, b),
    t('units.merged'),
    onClose,
  );
  return (
    <ActionDialog title={t('units.mergeTitle', { name: unit.name })} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (target && on) merge.mutate({ intoId: target.id, on, isMovingChildren, note: note.trim() || undefined });
        }}
      >
        <Stack>
          <Text size="sm" c="dimmed">
            {t('units.mergeHint')}
          </Text>
          <UnitPicker label={t('units.mergeInto')} required value={target} onChange={setTarget} excludeId={unit.id} />
          <DateAndNote on={on} setOn={setOn} note={note} setNote={setNote} />
          {unit.childCount > 0 ? (
            <Checkbox
              label={t('units.moveChildren', { n: unit.childCount })}
              checked={isMovingChildren}
              onChange={(e) => setMovingChildren(e.currentTarget.checked)}
            />
          ) : null}
          <ErrorAlert error={merge.error} />
          <DialogButtons onClose={onClose} isPending={merge.isPending} label={t('units.mergeSubmit')} color="grape" />
        </Stack>
      </form>
    </ActionDialog>
  );
}

function CloseDialog({ unit, onClose }: DialogProps) {
  const [on, setOn] = useState<string | null>(todayIso());
  const [note, setNote] = useState('');
  const closeUnit = useUnitAction((b: { on: string; note?: string }) => unitsApi.close(unit.id, b), t('units.closedDone'), onClose);
  return (
    <ActionDialog title={t('units.closeTitle', { name: unit.name })} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (on) closeUnit.mutate({ on, note: note.trim() || undefined });
        }}
      >
        <Stack>
          <DateAndNote on={on} setOn={setOn} note={note} setNote={setNote} />
          <ErrorAlert error={closeUnit.error} />
          <DialogButtons onClose={onClose} isPending={closeUnit.isPending} label={t('units.closeSubmit')} color="red" />
        </Stack>
      </form>
    </ActionDialog>
  );
}

function ReopenDialog({ unit, onClose }: DialogProps) {
  const [on, setOn] = useState<string | null>(todayIso());
  const reopen = useUnitAction((b: { on: string }) => unitsApi.reopen(unit.id, b), t('units.reopened'), onClose);
  return (
    <ActionDialog title={t('units.reopenTitle', { name: unit.name })} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (on) reopen.mutate({ on });
        }}
      >
        <Stack>
          <DateAndNote on={on} setOn={setOn} />
          <ErrorAlert error={reopen.error} />
          <DialogButtons onClose={onClose} isPending={reopen.isPending} label={t('units.reopenSubmit')} />
        </Stack>
      </form>
    </ActionDialog>
  );
}
