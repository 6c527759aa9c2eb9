import { Alert, Button, Card, Code, Group, Image, PasswordInput, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconShieldCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { authApi } from '../../api/endpoints';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { roleLabel } from '../../ui/labels';
import { useRefreshSession, useUser } from '../auth/session';

/** My account: password and two-step verification. */
export function AccountPage() {
  const user = useUser();
  return (
    <>
      <PageHeader title={t('account.title')} />
      <Stack gap="md" maw={720}>
        <Card withBorder>
          <Stack gap={4}>
            <Text fw={600} className="loa-break">
              {user.name}
            </Text>
            <Text size="sm" c="dimmed" className="loa-break">
              {user.email}
            </Text>
            <Text size="sm">
              {t('account.roles', { roles: [...new Set(user.assignments.map((a) => roleLabel(a.role)))].join(', ') })}
            </Text>
          </Stack>
        </Card>
        <ChangePasswordCard />
        <TotpCard />
      </Stack>
    </>
  );
}

function ChangePasswordCard() {
  const form = useForm({
    initialValues: { current: '', next: '', confirm: '' },
    validate: {
      current: (v) => (v ? null : t('password.currentRequired')),
      next: (v) => (v.length >= 10 ? null : t('password.tooShort')),
      confirm: (v, values) => (v === values.next ? null : t('password.mismatch')),
    },
  });
  const change = useMutation({
    mutationFn: () => authApi.changePassword(form.values.current, form.values.next),
    onSuccess: () => {
      notifySuccess(t('account.passwordChanged'));
      form.reset();
    },
  });
  return (
    <Card withBorder>
      <form onSubmit={form.onSubmit(() => change.mutate())}>
        <Stack>
          <Title order={3} fz="h4">
            {t('account.passwordTitle')}
          </Title>
          <PasswordInput label={t('password.current')} autoComplete="current-password" {...form.getInputProps('current')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <PasswordInput
              label={t('password.new')}
              description={t('password.rule')}
              autoComplete="new-password"
              {...form.getInputProps('next')}
            />
            <PasswordInput label={t('password.confirm')} autoComplete="new-password" {...form.getInputProps('confirm')} />
          </SimpleGrid>
          <ErrorAlert error={change.error} />
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending}>
              {t('account.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function TotpCard() {
  const user = useUser();
  return (
    <Card withBorder>
      <Stack>
        <Group gap="xs">
          <IconShieldCheck size={20} />
          <Title order={3} fz="h4">
            {t('account.totpTitle')}
          </Title>
        </Group>
        {user.isTotpEnabled ? <TotpDisable /> : <TotpEnrol />}
      </Stack>
    </Card>
  );
}

function TotpEnrol() {
  const refresh = useRefreshSession();
  const [code, setCode] = useState('');
  const [qr, setQr] = useState<string | null>(null);
  const setup = useMutation({ mutationFn: authApi.totpSetup });
  const enable = useMutation({
    mutationFn: () => authApi.totpEnable(code.trim()),
    onSuccess: async () => {
      notifySuccess(t('account.totpEnabled'));
      await refresh();
    },
  });
  useEffect(() => {
    if (!setup.data) return;
    let isCurrent = true;
    void QRCode.toDataURL(setup.data.uri, { width: 220, margin: 1 }).then((url) => isCurrent && setQr(url));
    return () => {
      isCurrent = false;
    };
  }, [setup.data]);
  if (!setup.data) {
    return (
      <Stack gap="sm">
        <Text size="sm">{t('account.totpOff')}</Text>
        <ErrorAlert error={setup.error} />
        <Group>
          <Button onClick={() => setup.mutate()} loading={setup.isPending}>
            {t('account.totpStart')}
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        enable.mutate();
      }}
    >
      <Stack gap="sm">
        <Text size="sm">{t('account.totpScan')}</Text>
        {qr ? <Image src={qr} alt={t('account.totpQrAlt')} w={220} h={220} /> : null}
        <Text size="sm">{t('account.totpSecret')}</Text>
        <Code block className="loa-break">
          {setup.data.secret}
        </Code>
        <TextInput
          label={t('account.totpCode')}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={8}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          maw={220}
        />
        <ErrorAlert error={enable.error} />
        <Group>
          <Button type="submit" loading={enable.isPending} disabled={code.trim().length < 6}>
            {t('account.totpConfirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function TotpDisable() {
  const refresh = useRefreshSession();
  const [password, setPassword] = useState('');
  const disable = useMutation({
    mutationFn: () => authApi.totpDisable(password),
    onSuccess: async () => {
      notifySuccess(t('account.totpDisabled'));
      await refresh();
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        disable.mutate();
      }}
    >
      <Stack gap="sm">
        <Alert color="teal">{t('account.totpOn')}</Alert>
        <PasswordInput
          label={t('account.totpDisablePassword')}
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          maw={360}
        />
        <ErrorAlert error={disable.error} />
        <Group>
          <Button color="red" variant="light" type="submit" loading={disable.isPending} disabled={!password}>
            {t('account.totpDisable')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
