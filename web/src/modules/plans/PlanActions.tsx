import { ActionIcon, Button, FileButton, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import {
  IconArrowBackUp,
  IconCheck,
  IconFileCertificate,
  IconFileTypeDocx,
  IconFileTypePdf,
  IconHierarchy,
  IconPencil,
  IconSend,
  IconSpeakerphone,
  IconUpload,
  IconUsersGroup,
  IconX,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { unitsApi } from '../../api/endpoints';
import { type Plan, plansApi } from '../../api/plans';
import { t } from '../../i18n';
import { DateField } from '../../ui/DateField';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { todayIso } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { type PickedUnit, UnitPicker } from '../../ui/UnitPicker';
import { useIsMobile } from '../../ui/useMobile';
import { topUnitFor } from '../auth/permissions';
import { useUser } from '../auth/session';
import { planKey, plansKey } from './keys';

type Dialog = 'return' | 'issue' | 'cascade' | null;

/** Long Vietnamese labels wrap instead of being cut off on a phone. */
const wrapping = { h: 'auto', mih: 36, py: 6, styles: { label: { whiteSpace: 'normal' as const, lineHeight: 1.3 } } };

/** What the user may do with the plan now (from `plan.can`), the downloads and the signed copy. */
export function PlanActions({ plan, canWrite }: { plan: Plan; canWrite: boolean }) {
  const qc = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<unknown>(null);
  const [downloading, setDownloading] = useState<string | null>(null);
  const refresh = async (updated?: Plan) => {
    if (updated) qc.setQueryData(planKey(plan.id), updated);
    await qc.invalidateQueries({ queryKey: plansKey });
  };
  const move = useMutation({
    mutationFn: (action: 'submit' | 'approve') => plansApi.move(plan.id, action),
    onSuccess: async (updated, action) => {
      setError(null);
      notifySuccess(action === 'submit' ? t('planActions.submitted') : t('planActions.approved'));
      await refresh(updated);
    },
    onError: setError,
  });
  const upload = useMutation({
    mutationFn: (file: File) => plansApi.uploadSigned(plan.id, file),
    onSuccess: async (updated) => {
      setError(null);
      notifySuccess(t('planActions.signedUploaded'));
      await refresh(updated);
    },
    onError: setError,
  });
  const download = async (key: string, fn: () => Promise<void>) => {
    setDownloading(key);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(err);
    } finally {
      setDownloading(null);
    }
  };
  const c = plan.can;
  return (
    <Stack gap="xs">
      <Group gap="xs">
        {c.edit ? (
          <Button component={Link} to={`/ke-hoach/${plan.id}/sua`} leftSection={<IconPencil size={16} />} {...wrapping}>
            {t('planActions.edit')}
          </Button>
        ) : null}
        {c.submit ? (
          <Button
            variant="light"
            leftSection={<IconSend size={16} />}
            loading={move.isPending && move.variables === 'submit'}
            onClick={() => move.mutate('submit')}
          >
            {t('planActions.submit')}
          </Button>
        ) : null}
        {c.approve ? (
          <Button
            color="teal"
            leftSection={<IconCheck size={16} />}
            loading={move.isPending && move.variables === 'approve'}
            onClick={() => move.mutate('approve')}
          >
            {t('planActions.approve')}
          </Button>
        ) : null}
        {c.return ? (
          <Button variant="light" color="orange" leftSection={<IconArrowBackUp size={16} />} onClick={() => setDialog('return')} {...wrapping}>
            {t('planActions.return')}
          </Button>
        ) : null}
        {c.issue ? (
          <Button color="indigo" leftSection={<IconSpeakerphone size={16} />} onClick={() => setDialog('issue')} {...wrapping}>
            {t('planActions.issue')}
          </Button>
        ) : null}
        {c.cascade ? (
          <Button variant="light" leftSection={<IconHierarchy size={16} />} onClick={() => setDialog('cascade')} {...wrapping}>
            {t('planActions.cascade')}
          </Button>
        ) : null}
      </Group>
      <Group gap="xs">
        <Button
          variant="default"
          size="xs"
          leftSection={<IconFileTypeDocx size={16} />}
          loading={downloading === 'docx'}
          onClick={() => void download('docx', () => plansApi.exportFile(plan.id, 'docx'))}
        >
          {t('planActions.downloadDocx')}
        </Button>
        <Button
          variant="default"
          size="xs"
          leftSection={<IconFileTypePdf size={16} />}
          loading={downloading === 'pdf'}
          onClick={() => void download('pdf', () => plansApi.exportFile(plan.id, 'pdf'))}
        >
          {t('planActions.downloadPdf')}
        </Button>
        {plan.signedFile ? (
          <Button
            variant="default"
            size="xs"
            leftSection={<IconFileCertificate size={16} />}
            loading={downloading === 'signed'}
            onClick={() => void download('signed', () => plansApi.signedFile(plan.id))}
          >
            {t('planActions.downloadSigned')}
          </Button>
        ) : null}
        {canWrite ? (
          <FileButton onChange={(f) => f && upload.mutate(f)} accept="application/pdf,.pdf">
            {(props) => (
              <Button {...props} variant="default" size="xs" leftSection={<IconUpload size={16} />} loading={upload.isPending}>
                {plan.signedFile ? t('planActions.replaceSigned') : t('planActions.uploadSigned')}
              </Button>
            )}
          </FileButton>
        ) : null}
      </Group>
      <ErrorAlert error={error} />
      {dialog === 'return' ? <ReturnDialog plan={plan} onClose={() => setDialog(null)} onDone={refresh} /> : null}
      {dialog === 'issue' ? <IssueDialog plan={plan} onClose={() => setDialog(null)} onDone={refresh} /> : null}
      {dialog === 'cascade' ? <CascadeDialog plan={plan} onClose={() => setDialog(null)} /> : null}
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

type DialogProps = { plan: Plan; onClose: () => void; onDone: (p?: Plan) => Promise<void> };

function ReturnDialog({ plan, onClose, onDone }: DialogProps) {
  const [comment, setComment] = useState('');
  const ret = useMutation({
    mutationFn: () => plansApi.move(plan.id, 'return', comment.trim() || undefined),
    onSuccess: async (updated) => {
      notifySuccess(t('planActions.returned'));
      await onDone(updated);
      onClose();
    },
  });
  return (
    <ActionDialog title={t('planActions.returnTitle')} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          ret.mutate();
        }}
      >
        <Stack>
          <Textarea
            label={t('planActions.returnComment')}
            description={t('planActions.returnCommentHint')}
            autosize
            minRows={3}
            required
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
          <ErrorAlert error={ret.error} />
          <DialogButtons onClose={onClose} isPending={ret.isPending} label={t('planActions.return')} color="orange" />
        </Stack>
      </form>
    </ActionDialog>
  );
}

/** Units to send the plan to: pick them one by one, or take every direct sub-unit at once. */
function RecipientUnits({ unitId, value, onChange }: { unitId: number; value: PickedUnit[]; onChange: (v: PickedUnit[]) => void }) {
  const [picking, setPicking] = useState<PickedUnit | null>(null);
  const children = useQuery({ queryKey: ['units', 'children', unitId], queryFn: () => unitsApi.children(unitId) });
  const add = (units: PickedUnit[]) => {
    const have = new Set(value.map((u) => u.id));
    onChange([...value, ...units.filter((u) => !have.has(u.id))]);
  };
  const activeChildren = (children.data?.items ?? []).filter((u) => u.status === 'active');
  return (
    <Stack gap="xs">
      <UnitPicker
        label={t('planActions.recipientUnits')}
        description={t('planActions.recipientUnitsHint')}
        value={picking}
        onChange={(u) => {
          if (u) add([u]);
          setPicking(null);
        }}
      />
      <Group gap="xs">
        <Button
          variant="light"
          size="xs"
          leftSection={<IconUsersGroup size={14} />}
          disabled={!activeChildren.length}
          loading={children.isPending}
          onClick={() => add(activeChildren.map((u) => ({ id: u.id, name: u.name })))}
        >
          {t('planActions.addAllChildren', { n: activeChildren.length })}
        </Button>
        {value.length ? (
          <Button variant="subtle" size="xs" color="gray" onClick={() => onChange([])}>
            {t('planActions.clearRecipients')}
          </Button>
        ) : null}
      </Group>
      <Text size="sm" c="dimmed">
        {t('planActions.recipientCount', { n: value.length })}
      </Text>
      {value.length ? (
        <Stack gap={2} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0, maxHeight: 240, overflowY: 'auto' }}>
          {value.map((u) => (
            <Group key={u.id} component="li" justify="space-between" wrap="nowrap" gap="xs">
              <Text size="sm" className="loa-break">
                {u.name}
              </Text>
              <ActionIcon
                variant="subtle"
                color="gray"
                size="sm"
                onClick={() => onChange(value.filter((x) => x.id !== u.id))}
                aria-label={t('planActions.removeRecipient', { name: u.name })}
              >
                <IconX size={14} />
              </ActionIcon>
            </Group>
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}

function IssueDialog({ plan, onClose, onDone }: DialogProps) {
  const [issuedOn, setIssuedOn] = useState<string | null>(todayIso());
  const [units, setUnits] = useState<PickedUnit[]>([]);
  const issue = useMutation({
    mutationFn: () => plansApi.issue(plan.id, { issuedOn: issuedOn as string, recipientUnitIds: units.map((u) => u.id) }),
    onSuccess: async (updated) => {
      notifySuccess(t('planActions.issued', { number: updated.numberLabel ?? '' }));
      await onDone(updated);
      onClose();
    },
  });
  return (
    <ActionDialog title={t('planActions.issueTitle')} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (issuedOn) issue.mutate();
        }}
      >
        <Stack>
          <Text size="sm" c="dimmed">
            {t('planActions.issueHint')}
          </Text>
          <DateField label={t('planActions.issuedOn')} required value={issuedOn} onChange={setIssuedOn} clearable={false} maw={240} />
          <RecipientUnits unitId={plan.unitId} value={units} onChange={setUnits} />
          <ErrorAlert error={issue.error} />
          <DialogButtons onClose={onClose} isPending={issue.isPending} label={t('planActions.issue')} color="indigo" />
        </Stack>
      </form>
    </ActionDialog>
  );
}

function CascadeDialog({ plan, onClose }: { plan: Plan; onClose: () => void }) {
  const user = useUser();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const own = topUnitFor(user, 'plans.write');
  const ownUnit = useQuery({
    queryKey: ['units', 'detail', own],
    queryFn: () => unitsApi.get(own as number),
    enabled: !!own && own !== plan.unitId,
  });
  const [picked, setPicked] = useState<PickedUnit | null>(null);
  const target = picked ?? (ownUnit.data && ownUnit.data.ancestors.some((a) => a.id === plan.unitId) ? { id: ownUnit.data.id, name: ownUnit.data.name } : null);
  const cascade = useMutation({
    mutationFn: (unitId: number) => plansApi.cascade(plan.id, unitId),
    onSuccess: async (created) => {
      notifySuccess(t('planActions.cascaded'));
      await qc.invalidateQueries({ queryKey: plansKey });
      onClose();
      await navigate({ to: '/ke-hoach/$id', params: { id: String(created.id) } });
    },
  });
  return (
    <ActionDialog title={t('planActions.cascadeTitle')} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (target) cascade.mutate(target.id);
        }}
      >
        <Stack>
          <Text size="sm" c="dimmed">
            {t('planActions.cascadeHint')}
          </Text>
          <UnitPicker
            label={t('planActions.cascadeUnit')}
            required
            value={target}
            onChange={setPicked}
            excludeId={plan.unitId}
          />
          <ErrorAlert error={cascade.error} />
          <DialogButtons onClose={onClose} isPending={cascade.isPending} label={t('planActions.cascadeSubmit')} />
        </Stack>
      </form>
    </ActionDialog>
  );
}
