import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { errorMessage } from '../api/client';
import { t } from '../i18n';

/** An inline error from a failed request (the server's message, already in Vietnamese). */
export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <Alert color="red" icon={<IconAlertCircle size={18} />} title={t('common.error')} role="alert">
      {errorMessage(error)}
    </Alert>
  );
}
