import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { authApi } from '../../api/endpoints';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { AuthCard } from './AuthCard';

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [isSent, setSent] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [isBusy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await authApi.requestReset(email.trim());
      setSent(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <AuthCard title={t('forgot.title')}>
      {isSent ? (
        <Stack>
          <Alert color="teal">{t('forgot.sent')}</Alert>
          <Anchor component={Link} to="/dang-nhap">
            {t('forgot.back')}
          </Anchor>
        </Stack>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            <Text size="sm">{t('forgot.hint')}</Text>
            <ErrorAlert error={error} />
            <TextInput
              label={t('signIn.email')}
              type="email"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <Button type="submit" loading={isBusy}>
              {t('forgot.submit')}
            </Button>
            <Anchor component={Link} to="/dang-nhap" size="sm">
              {t('forgot.back')}
            </Anchor>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
