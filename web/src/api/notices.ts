import { api } from './client';

/** Shapes of the notices API (mirrors src/modules/notices/notices.routes.ts). */
export const noticeKinds = ['line_to_take', 'guidance', 'instruction', 'notice'] as const;
export type NoticeKind = (typeof noticeKinds)[number];
export const noticeStatuses = ['draft', 'approved', 'sent', 'withdrawn', 'superseded'] as const;
export type NoticeStatus = (typeof noticeStatuses)[number];
export const audienceRoles = ['focal_point', 'leader', 'spokesperson', 'editor', 'administrator'] as const;
export const audienceUnitTypes = ['office', 'commune', 'school', 'affiliated', 'department'] as const;

export type NoticeAudience = { unitTypes: string[]; unitIds: number[]; roles: string[] };
export type NoticeCan = { edit: boolean; approve: boolean; return: boolean; send: boolean; withdraw: boolean; revise: boolean };
export type Notice = {
  id: number;
  unitId: number;
  unitName: string;
  kind: NoticeKind;
  title: string;
  bodyHtml: string;
  attachments: { name: string; url: string }[];
  isPublic: boolean;
  isAckRequired: boolean;
  incidentId: number | null;
  audience: NoticeAudience;
  reminderHours: number[];
  status: NoticeStatus;
  seriesId: number | null;
  revision: number;
  supersedesId: number | null;
  version: number;
  createdBy: number | null;
  createdByName: string | null;
  approvedBy: number | null;
  approvedByName: string | null;
  approvedAt: string | null;
  sentBy: number | null;
  sentByName: string | null;
  sentAt: string | null;
  withdrawnAt: string | null;
  withdrawNote: string | null;
  recipientCount: number;
  unitCount: number;
  createdAt: string;
  updatedAt: string;
  readCount: number;
  ackCount: number;
  audienceCount: { units: number; people: number } | null;
  audienceUnits: { id: number; name: string }[];
  can: NoticeCan;
};
export type NoticeListItem = {
  id: number;
  unitId: number;
  unitName: string;
  kind: NoticeKind;
  title: string;
  status: NoticeStatus;
  isPublic: boolean;
  isAckRequired: boolean;
  revision: number;
  createdBy: number | null;
  createdByName: string | null;
  sentAt: string | null;
  updatedAt: string;
  recipientCount: number;
  unitCount: number;
  readCount: number;
  ackCount: number;
};
export type NoticeInput = {
  kind: NoticeKind;
  title: string;
  bodyHtml?: string;
  attachments?: { name: string; url: string }[];
  isPublic?: boolean;
  isAckRequired?: boolean;
  incidentId?: number | null;
  audience?: Partial<NoticeAudience>;
  reminderHours?: number[];
};
export type ReceivedItem = {
  noticeId: number;
  kind: NoticeKind;
  title: string;
  status: NoticeStatus;
  unitName: string;
  sentAt: string | null;
  isAckRequired: boolean;
  readAt: string | null;
  acknowledgedAt: string | null;
  remindedStep: number;
  forUnitName: string;
};
export type ReceivedNotice = {
  id: number;
  kind: NoticeKind;
  title: string;
  bodyHtml: string;
  attachments: { name: string; url: string }[];
  status: NoticeStatus;
  isPublic: boolean;
  isAckRequired: boolean;
  unitName: string;
  forUnitName: string;
  revision: number;
  sentAt: string | null;
  withdrawnAt: string | null;
  withdrawNote: string | null;
  supersededById: number | null;
  readAt: string | null;
  acknowledgedAt: string | null;
  remindedStep: number;
};
type Counts = { recipients: number; read: number; acked: number };
export type ReceiptUnit = {
  unitId: number;
  name: string;
  type: string;
  parentId: number | null;
  depth: number;
  isRecipient: boolean;
  own: Counts;
  total: Counts & { units: number; unitsAllRead: number };
};
export type ReceiptPerson = {
  userId: number;
  name: string;
  email: string;
  unitId: number;
  unitName: string;
  roles: string[];
  readAt: string | null;
  readVia: string | null;
  acknowledgedAt: string | null;
  remindedStep: number;
  emailedAt: string | null;
  zaloStatus: string | null;
};
export type Receipts = { totals: Counts & { units: number; unitsAllRead: number }; units: ReceiptUnit[]; people: ReceiptPerson[] };

export const noticesKey = ['notices'] as const;
export const receivedKey = ['notices', 'received'] as const;

export const noticesApi = {
  list: (q: { unitId: number; status?: NoticeStatus | null; kind?: NoticeKind | null; limit?: number; offset?: number }) =>
    api<{ items: NoticeListItem[]; total: number }>('/notices', { query: q }),
  get: (id: number) => api<Notice>(`/notices/${id}`),
  create: (body: NoticeInput & { unitId: number }) => api<Notice>('/notices', { method: 'POST', body }),
  update: (id: number, body: NoticeInput & { version: number }) => api<Notice>(`/notices/${id}`, { method: 'PUT', body }),
  approve: (id: number) => api<Notice>(`/notices/${id}/approve`, { method: 'POST', body: {} }),
  move: (id: number, action: 'return' | 'send' | 'revise') => api<Notice>(`/notices/${id}/${action}`, { method: 'POST', body: {} }),
  withdraw: (id: number, note: string) => api<Notice>(`/notices/${id}/withdraw`, { method: 'POST', body: { note } }),
  receipts: (id: number) => api<Receipts>(`/notices/${id}/receipts`),
  received: (unreadOnly = false) => api<{ unread: number; items: ReceivedItem[] }>('/notices/received', { query: { unread: unreadOnly ? '1' : undefined } }),
  receivedOne: (id: number) => api<ReceivedNotice>(`/notices/received/${id}`),
  read: (id: number) => api<ReceivedNotice & { isFirstRead: boolean }>(`/notices/received/${id}/read`, { method: 'POST', body: {} }),
  acknowledge: (id: number) => api<ReceivedNotice>(`/notices/received/${id}/acknowledge`, { method: 'POST', body: {} }),
  zaloId: () => api<{ zaloUserId: string | null }>('/notices/zalo-id'),
  setZaloId: (zaloUserId: string | null) => api<{ zaloUserId: string | null }>('/notices/zalo-id', { method: 'PUT', body: { zaloUserId } }),
};
