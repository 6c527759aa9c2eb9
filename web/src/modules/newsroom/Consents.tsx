import { Alert, Badge, Button, Card, Group, Loader, Modal, MultiSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconFileCertificate, IconInfoCircle, IconPlus, IconX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type Consent, consentsApi } from '../../api/newsroom';
import { t } from '../../i18n';
import { DateField } from '../../ui/DateField';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate, todayIso } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { UnitPicker } from '../../ui/UnitPicker';
import { useIsMobile } from '../../ui/useMobile';
import { BackToArticles } from './BackToArticles';
import { consentsKey } from './keys';
import { useArticleUnit } from './useArticleUnit';

/** Age in whole years on a day (both "yyyy-mm-dd"), as the server counts it. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function useConsents(unitId: number | null | undefined) {
  return useQuery({
    queryKey: consentsKey(unitId ?? 0),
    queryFn: () => consentsApi.list(unitId as number),
    enabled: !!unitId,
  });
}

function ConsentState({ c }: { c: Consent }) {
  if (c.isRevoked) {
    return (
      <Badge variant="light" color="red" style={{ flex: 'none' }}>
        {t('consents.revoked')}
      </Badge>
    );
  }
  if (!c.isValid) {
    return (
      <Badge variant="light" color="orange" style={{ flex: 'none' }}>
        {t('consents.missingChild')}
      </Badge>
    );
  }
  return (
    <Badge variant="light" color="teal" style={{ flex: 'none' }}>
      {t('consents.valid')}
    </Badge>
  );
}

const consentLabel = (c: Consent) =>
  t('consents.option', { name: c.subjectName, birth: formatDate(c.birthDate) }) +
  (c.isRevoked ? ` — ${t('consents.revoked')}` : !c.isValid ? ` — ${t('consents.missingChild')}` : '');

/** Pick recorded consents (revoked ones cannot be picked, but stay visible when already attached). */
export function ConsentSelect({
  unitId,
  label,
  value,
  onChange,
  disabled,
}: {
  unitId: number;
  label: string;
  value: number[];
  onChange: (ids: number[]) => void;
  disabled?: boolean;
}) {
  const list = useConsents(unitId);
  const data = (list.data?.items ?? [])
    .filter((c) => !c.isRevoked || value.includes(c.id))
    .map((c) => ({ value: String(c.id), label: consentLabel(c) }));
  return (
    <MultiSelect
      label={label}
      placeholder={value.length ? undefined : t('consents.pick')}
      data={data}
      value={value.map(String)}
      onChange={(v) => onChange(v.map(Number))}
      searchable
      clearable
      disabled={disabled}
      nothingFoundMessage={list.isPending ? t('common.loading') : t('consents.noneToPick')}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/** Record a consent: the guardian's always; the child's own too from age 7 (Personal Data Protection Law 2025). */
export function ConsentFormModal({ unitId, onClose, onCreated }: { unitId: number; onClose: () => void; onCreated?: (c: Consent) => void }) {
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const [subjectName, setSubjectName] = useState('');
  const [birthDate, setBirthDate] = useState<string | null>(null);
  const [guardianName, setGuardianName] = useState('');
  const [guardianConsentedOn, setGuardianConsentedOn] = useState<string | null>(todayIso());
  const [childConsentedOn, setChildConsentedOn] = useState<string | null>(null);
  const [scope, setScope] = useState(t('consents.scopeDefault'));
  const [isTried, setTried] = useState(false);
  const age = birthDate && guardianConsentedOn ? ageOn(birthDate, guardianConsentedOn) : null;
  const needsChild = age !== null && age >= 7;
  const create = useMutation({
    mutationFn: () =>
      consentsApi.create({
        unitId,
        subjectName: subjectName.trim(),
        birthDate: birthDate as string,
        guardianName: guardianName.trim(),
        guardianConsentedOn: guardianConsentedOn as string,
        childConsentedOn: childConsentedOn || null,
        scope: scope.trim(),
      }),
    onSuccess: async (c) => {
      notifySuccess(t('consents.created', { name: c.subjectName }));
      await qc.invalidateQueries({ queryKey: consentsKey(unitId) });
      onCreated?.(c);
      onClose();
    },
  });
  const required = (v: string | null) => (isTried && !v?.trim() ? t('consents.required') : null);
  const isValid =
    !!subjectName.trim() && !!birthDate && !!guardianName.trim() && !!guardianConsentedOn && (!needsChild || !!childConsentedOn);
  return (
    <Modal opened onClose={onClose} title={t('consents.newTitle')} fullScreen={isMobile} centered size="lg">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (isValid) create.mutate();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('consents.subjectName')}
            required
            value={subjectName}
            onChange={(e) => setSubjectName(e.currentTarget.value)}
            error={required(subjectName)}
          />
          <DateField
            label={t('consents.birthDate')}
            required
            value={birthDate}
            onChange={setBirthDate}
            maxDate={todayIso()}
            defaultLevel="decade"
            error={required(birthDate)}
          />
          <TextInput
            label={t('consents.guardianName')}
            required
            value={guardianName}
            onChange={(e) => setGuardianName(e.currentTarget.value)}
            error={required(guardianName)}
          />
          <DateField
            label={t('consents.guardianConsentedOn')}
            required
            value={guardianConsentedOn}
            onChange={setGuardianConsentedOn}
            maxDate={todayIso()}
            error={required(guardianConsentedOn)}
          />
          <Alert color={needsChild ? 'orange' : 'blue'} icon={<IconInfoCircle size={18} />} p="xs">
            <Text size="sm">{needsChild ? t('consents.childNeeded', { age: age ?? 0 }) : t('consents.childRule')}</Text>
          </Alert>
          <DateField
            label={t('consents.childConsentedOn')}
            description={needsChild ? t('consents.childRequiredHint') : t('consents.childOptionalHint')}
            required={needsChild}
            value={childConsentedOn}
            onChange={setChildConsentedOn}
            maxDate={todayIso()}
            error={isTried && needsChild && !childConsentedOn ? t('consents.childRequired') : null}
          />
          <Textarea label={t('consents.scope')} autosize minRows={2} value={scope} onChange={(e) => setScope(e.currentTarget.value)} />
          <ErrorAlert error={create.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} leftSection={<IconFileCertificate size={16} />}>
              {t('consents.record')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The unit's recorded consents, with revoke. */
export function ConsentList({ unitId }: { unitId: number }) {
  const qc = useQueryClient();
  const list = useConsents(unitId);
  const [confirming, setConfirming] = useState<Consent | null>(null);
  const revoke = useMutation({
    mutationFn: (id: number) => consentsApi.revoke(id),
    onSuccess: async (c) => {
      notifySuccess(t('consents.revokedDone', { name: c.subjectName }));
      setConfirming(null);
      await qc.invalidateQueries({ queryKey: consentsKey(unitId) });
      await qc.invalidateQueries({ queryKey: ['articles'] });
    },
  });
  if (list.isPending) return <Loader aria-label={t('common.loading')} />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  if (!list.data.items.length) return <Text c="dimmed">{t('consents.none')}</Text>;
  return (
    <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('consents.listLabel')}>
      <ErrorAlert error={revoke.error} />
      {list.data.items.map((c) => (
        <Card key={c.id} component="li" withBorder padding="xs" opacity={c.isRevoked ? 0.7 : 1}>
          <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
            <Text fw={600} className="loa-break">
              {c.subjectName}
            </Text>
            <ConsentState c={c} />
          </Group>
          <Text size="sm" c="dimmed" className="loa-break">
            {t('consents.birthShort', { date: formatDate(c.birthDate) })}
            {' · '}
            {t('consents.guardianShort', { name: c.guardianName, date: formatDate(c.guardianConsentedOn) })}
          </Text>
          {c.childConsentedOn ? (
            <Text size="sm" c="dimmed">
              {t('consents.childShort', { date: formatDate(c.childConsentedOn) })}
            </Text>
          ) : null}
          {c.scope ? (
            <Text size="sm" className="loa-break">
              {t('consents.scopeShort', { scope: c.scope })}
            </Text>
          ) : null}
          {!c.isRevoked ? (
            <Group mt={4}>
              <Button
                size="compact-sm"
                variant="subtle"
                color="red"
                leftSection={<IconX size={14} />}
                onClick={() => setConfirming(c)}
                aria-label={t('consents.revokeFor', { name: c.subjectName })}
              >
                {t('consents.revoke')}
              </Button>
            </Group>
          ) : null}
        </Card>
      ))}
      {confirming ? (
        <Modal opened onClose={() => setConfirming(null)} title={t('consents.revokeTitle')} centered>
          <Stack gap="sm">
            <Text size="sm">{t('consents.revokeConfirm', { name: confirming.subjectName })}</Text>
            <ErrorAlert error={revoke.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(null)}>
                {t('common.cancel')}
              </Button>
              <Button color="red" loading={revoke.isPending} onClick={() => revoke.mutate(confirming.id)}>
                {t('consents.revoke')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      ) : null}
    </Stack>
  );
}

/** /tin-bai/dong-y: the consents of a unit. */
export function ConsentsPage() {
  const [unit, setUnit] = useArticleUnit('articles.write');
  const [isAdding, setAdding] = useState(false);
  return (
    <Stack gap="sm" maw={900}>
      <BackToArticles />
      <PageHeader
        title={t('consents.title')}
        actions={
          unit ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
              {t('consents.new')}
            </Button>
          ) : null
        }
      />
      <Text size="sm" c="dimmed">
        {t('consents.intro')}
      </Text>
      <UnitPicker label={t('consents.unit')} value={unit} onChange={setUnit} maw={520} />
      {unit ? <ConsentList unitId={unit.id} /> : <Text c="dimmed">{t('articles.pickUnit')}</Text>}
      {isAdding && unit ? <ConsentFormModal unitId={unit.id} onClose={() => setAdding(false)} /> : null}
    </Stack>
  );
}
