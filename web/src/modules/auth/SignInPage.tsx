import { Anchor, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { setCsrfToken } from '../../api/client';
import { authApi } from '../../api/endpoints';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { AuthCard } from './AuthCard';
import { sessionKey } from './session';

export function SignInPage() {
  const search = useSearch({ from: '/dang-nhap' });
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const finish = async () => {
    await qc.invalidateQueries({ queryKey: sessionKey });
    const target = search.redirect && search.redirect.startsWith('/') ? search.redirect : '/';
    await navigate({ to: target });
  };
  return (
    <AuthCard title={step === 'password' ? t('signIn.title') : t('signIn.totpTitle')}>
      {step === 'password' ? (
        <PasswordStep onDone={(isMfaPending) => (isMfaPending ? setStep('totp') : void finish())} />
      ) : (
        <TotpStep onDone={() => void finish()} />
      )}
    </AuthCard>
  );
}

function PasswordStep({ onDone }: { onDone: (isMfaPending: boolean) => void }) {
  const [error, setError] = useState<unknown>(null);
  const [isBusy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (v.trim() ? null : t('signIn.emailRequired')),
      password: (v) => (v ? null : t('signIn.passwordRequired')),
    },
  });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    setBusy(true);
    try {
      const r = await authApi.login(values.email.trim(), values.password);
      setCsrfToken(r.csrfToken);
      onDone(r.isMfaPending);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={error} />
        <TextInput label={t('signIn.email')} type="email" autoComplete="username" {...form.getInputProps('email')} />
        <PasswordInput
          label={t('signIn.password')}
          autoComplete="current-password"
          {...form.getInputProps('password')}
        />
        <Group justify="space-between" wrap="wrap">
          <Anchor component={Link} to="/quen-mat-khau" size="sm">
            {t('signIn.forgot')}
          </Anchor>
          <Button type="submit" loading={isBusy}>
            {t('signIn.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function TotpStep({ onDone }: { onDone: () => void }) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [isBusy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await authApi.verifyTotp(code.trim());
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <Text size="sm">{t('signIn.totpHint')}</Text>
        <ErrorAlert error={error} />
        <TextInput
          label={t('signIn.totpCode')}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={8}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          data-autofocus
        />
        <Button type="submit" loading={isBusy} disabled={code.trim().length < 6}>
          {t('signIn.totpSubmit')}
        </Button>
      </Stack>
    </form>
  );
}
