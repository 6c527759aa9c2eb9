import type { DocumentType, Validity } from '../../api/documents';
import { type MessageKey, t } from '../../i18n';

/** React Query keys of the documents pages: invalidating `documentsKey` refreshes every view. */
export const documentsKey = ['documents'] as const;
export const documentKey = (id: number) => [...documentsKey, 'detail', id] as const;

export const documentTypeLabel = (k: DocumentType) => t(`docs.type.${k}` as MessageKey);
export const validityLabel = (v: Validity) => t(`docs.validity.${v}` as MessageKey);
export const validityColor = (v: Validity) => ({ in_force: 'teal', not_yet: 'blue', expired: 'gray' })[v];
export const fileSize = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1).replace('.', ',')} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
/** What the upload accepts; the server reads the real type from the bytes. */
export const documentAccept = '.pdf,.docx,.xlsx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
