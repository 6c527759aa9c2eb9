import { Button, Group, Modal, NumberInput, PasswordInput, SegmentedControl, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type ChannelTarget, type TargetInput, type TargetKind, channelsApi, targetKinds } from '../../api/distribution';
import { t } from '../../i18n';
import { DateField } from '../../ui/DateField';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { notifySuccess } from '../../ui/notify';
import { useIsMobile } from '../../ui/useMobile';
import { distributionKey } from './keys';
import { isApiKind, isShareKind, targetKindLabel } from './labels';

/** The expiry day typed in the form (Vietnam time) as the end of that day. */
const endOfDayVn = (day: string) => `${day}T23:59:59+07:00`;
const vnDay = (iso: string | null) =>
  iso ? new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso)) : null;

/** Add a channel to a unit, or change one. The token is write-only: left empty, the stored one stays. */
export function TargetFormModal({ unitId, target, onClose }: { unitId: number; target?: ChannelTarget; onClose: () => void }) {
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const [kind, setKind] = useState<TargetKind>(target?.kind ?? 'facebook_page');
  const [name, setName] = useState(target?.name ?? '');
  const [externalId, setExternalId] = useState(target?.externalId ?? '');
  const [url, setUrl] = useState(target?.url ?? '');
  const [token, setToken] = useState('');
  const [expiresOn, setExpiresOn] = useState<string | null>(vnDay(target?.tokenExpiresAt ?? null));
  const [postAs, setPostAs] = useState<'link' | 'photo'>(target?.settings.postAs ?? 'link');
  const [isBroadcasting, setBroadcasting] = useState(target?.settings.isBroadcasting ?? true);
  const [quota, setQuota] = useState<number | ''>(target?.settings.monthlyQuota ?? '');
  const [appId, setAppId] = useState(target?.settings.appId ?? '');
  const [refreshToken, setRefreshToken] = useState('');
  const [appSecret, setAppSecret] = useState('');
  const [isTried, setTried] = useState(false);

  const body = (): TargetInput => ({
    name: name.trim(),
    externalId: isApiKind(kind) ? externalId.trim() || null : null,
    url: url.trim() || null,
    ...(token.trim() ? { token: token.trim() } : {}),
    ...(isApiKind(kind) ? { tokenExpiresAt: expiresOn ? endOfDayVn(expiresOn) : null } : {}),
    settings:
      kind === 'facebook_page'
        ? { postAs }
        : kind === 'zalo_oa'
          ? { isBroadcasting, monthlyQuota: quota === '' ? null : quota, appId: appId.trim() || null }
          : undefined,
    ...(kind === 'zalo_oa' && refreshToken.trim() ? { refreshToken: refreshToken.trim() } : {}),
    ...(kind === 'zalo_oa' && appSecret.trim() ? { appSecret: appSecret.trim() } : {}),
  });
  const save = useMutation({
    mutationFn: () => (target ? channelsApi.update(target.id, body()) : channelsApi.create({ ...body(), unitId, kind, name: name.trim() })),
    onSuccess: async (saved) => {
      notifySuccess(t(target ? 'channels.saved' : 'channels.created', { name: saved.name }));
      await qc.invalidateQueries({ queryKey: distributionKey });
      onClose();
    },
  });
  const missing = (isNeeded: boolean, v: string) => (isTried && isNeeded && !v.trim() ? t('channels.required') : null);
  const isTokenNeeded = isApiKind(kind) && !target?.hasToken;
  const isValid =
    !!name.trim() && (!isApiKind(kind) || (!!externalId.trim() && (!isTokenNeeded || !!token.trim()))) && (!isShareKind(kind) || !!url.trim());

  return (
    <Modal opened onClose={onClose} title={target ? t('channels.editTitle') : t('channels.newTitle')} fullScreen={isMobile} centered size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (isValid) save.mutate();
        }}
      >
        <Stack gap="sm">
          <Select
            label={t('channels.kind')}
            data={targetKinds.map((k) => ({ value: k, label: targetKindLabel(k) }))}
            value={kind}
            onChange={(v) => v && setKind(v as TargetKind)}
            disabled={!!target}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <Text size="sm" c="dimmed">
            {t(`channels.kindHint.${kind}` as 'channels.kindHint.facebook_page')}
          </Text>
          <TextInput label={t('channels.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={missing(true, name)} />
          {isApiKind(kind) ? (
            <TextInput
              label={kind === 'facebook_page' ? t('channels.pageId') : t('channels.oaId')}
              required
              value={externalId}
              onChange={(e) => setExternalId(e.currentTarget.value)}
              error={missing(true, externalId)}
            />
          ) : null}
          {kind !== 'newsletter' ? (
            <TextInput
              label={isShareKind(kind) ? t('channels.groupUrl') : t('channels.pageUrl')}
              required={isShareKind(kind)}
              type="url"
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              error={missing(isShareKind(kind), url)}
            />
          ) : null}
          {isApiKind(kind) ? (
            <>
              <PasswordInput
                label={t('channels.token')}
                description={target?.hasToken ? t('channels.tokenKeep', { hint: target.tokenHint ?? '' }) : t('channels.tokenHint')}
                required={isTokenNeeded}
                value={token}
                onChange={(e) => setToken(e.currentTarget.value)}
                error={isTried && isTokenNeeded && !token.trim() ? t('channels.required') : null}
                autoComplete="off"
              />
              <DateField label={t('channels.tokenExpires')} description={t('channels.tokenExpiresHint')} value={expiresOn} onChange={setExpiresOn} />
            </>
          ) : null}
          {kind === 'facebook_page' ? (
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('channels.postAs')}
              </Text>
              <SegmentedControl
                value={postAs}
                onChange={(v) => setPostAs(v as 'link' | 'photo')}
                data={[
                  { value: 'link', label: t('channels.postAsLink') },
                  { value: 'photo', label: t('channels.postAsPhoto') },
                ]}
              />
            </Stack>
          ) : null}
          {kind === 'zalo_oa' ? (
            <>
              <Switch label={t('channels.broadcast')} description={t('channels.broadcastHint')} checked={isBroadcasting} onChange={(e) => setBroadcasting(e.currentTarget.checked)} />
              <NumberInput
                label={t('channels.monthlyQuota')}
                description={t('channels.monthlyQuotaHint')}
                min={1}
                max={100000}
                allowDecimal={false}
                value={quota}
                onChange={(v) => setQuota(typeof v === 'number' ? v : '')}
                disabled={!isBroadcasting}
              />
              <Text size="sm" fw={500}>
                {t('channels.refreshTitle')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('channels.refreshIntro')}
              </Text>
              <TextInput label={t('channels.appId')} value={appId} onChange={(e) => setAppId(e.currentTarget.value)} />
              <PasswordInput
                label={t('channels.appSecret')}
                description={target?.refresh?.hasAppSecret ? t('channels.secretKeep') : t('channels.tokenHint')}
                value={appSecret}
                onChange={(e) => setAppSecret(e.currentTarget.value)}
                autoComplete="off"
              />
              <PasswordInput
                label={t('channels.refreshToken')}
                description={target?.refresh?.hasRefreshToken ? t('channels.secretKeep') : t('channels.tokenHint')}
                value={refreshToken}
                onChange={(e) => setRefreshToken(e.currentTarget.value)}
                autoComplete="off"
              />
            </>
          ) : null}
          <ErrorAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {target ? t('common.save') : t('channels.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
