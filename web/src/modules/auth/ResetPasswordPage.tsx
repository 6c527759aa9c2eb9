import { Alert, Anchor, Button, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { authApi } from '../../api/endpoints';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { AuthCard } from './AuthCard';

export function ResetPasswordPage() {
  const { token } = useSearch({ from: '/dat-lai-mat-khau' });
  const [isDone, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const form = useForm({
    initialValues: { password: '', confirm: '' },
    validate: {
      password: (v) => (v.length >= 10 ? null : t('password.tooShort')),
      confirm: (v, values) => (v === values.password ? null : t('password.mismatch')),
    },
  });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await authApi.confirmReset(token ?? '', values.password);
      setDone(true);
    } catch (err) {
      setError(err);
    }
  });
  return (
    <AuthCard title={t('reset.title')}>
      {!token ? (
        <Alert color="red">{t('reset.noToken')}</Alert>
      ) : isDone ? (
        <Stack>
          <Alert color="teal">{t('reset.done')}</Alert>
          <Anchor component={Link} to="/dang-nhap">
            {t('forgot.back')}
          </Anchor>
        </Stack>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            <ErrorAlert error={error} />
            <PasswordInput
              label={t('password.new')}
              description={t('password.rule')}
              autoComplete="new-password"
              {...form.getInputProps('password')}
            />
            <PasswordInput label={t('password.confirm')} autoComplete="new-password" {...form.getInputProps('confirm')} />
            <Button type="submit" loading={form.submitting}>
              {t('reset.submit')}
            </Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
