import { notifications } from '@mantine/notifications';
import { errorMessage } from '../api/client';
import { t } from '../i18n';

export function notifyError(err: unknown): void {
  notifications.show({ color: 'red', title: t('common.error'), message: errorMessage(err) });
}

export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', message });
}
