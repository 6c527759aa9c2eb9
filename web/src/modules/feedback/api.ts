import { api } from '../../api/client';

/** Shapes of the feedback API (mirrors src/modules/feedback/feedback.routes.ts). */
export const stances = ['agree', 'partly', 'disagree'] as const;
export type Stance = (typeof stances)[number];
export type Visibility = 'public' | 'hidden' | 'private';
export const consultationStatuses = ['draft', 'open', 'closed', 'answered'] as const;
export type ConsultationStatus = (typeof consultationStatuses)[number];

export type Consultation = {
  id: number;
  unitId: number;
  unitPath: string;
  unitName: string;
  title: string;
  summary: string;
  slug: string;
  status: ConsultationStatus;
  opensAt: string;
  closesAt: string;
  responseDueAt: string;
  responseText: string | null;
  responsePublishedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  counts: { total: number; public: number; hidden: number };
};
export type Paragraph = { id: number; position: number; label: string | null; body: string; commentCount?: number };
export type ConsultationFull = Consultation & { paragraphs: Paragraph[]; publicUrl: string; can: { write: boolean; respond: boolean; editText: boolean } };
export type ConsultationInput = { title: string; summary?: string | null; text: string; opensAt: string; closesAt: string; responseDueAt?: string | null };

export type FeedbackItem = {
  id: number;
  unitId: number;
  unitName: string;
  consultationId: number | null;
  consultationTitle: string | null;
  paragraphId: number | null;
  paragraphPosition: number | null;
  paragraphLabel: string | null;
  channel: 'web' | 'hotline' | 'staff';
  stance: Stance | null;
  subject: string | null;
  body: string;
  visibility: Visibility;
  hiddenReason: string | null;
  hiddenAuto: boolean;
  hiddenAt: string | null;
  reportCount: number;
  name: string | null;
  email: string | null;
  phone: string | null;
  consentVersion: string | null;
  consentAt: string | null;
  anonymised: boolean;
  handledAt: string | null;
  monitorItemId: number | null;
  incidentId: number | null;
  blocked: boolean;
  createdAt: string;
};
export type HotlineInput = {
  unitId: number;
  consultationId?: number | null;
  paragraphId?: number | null;
  stance?: Stance | null;
  subject?: string | null;
  body: string;
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  consent?: boolean;
};
export type SubjectRequest = {
  id: number;
  unitId: number;
  unitName: string;
  kind: 'export' | 'erase';
  name: string | null;
  email: string | null;
  phone: string | null;
  note: string | null;
  receivedAt: string;
  dueDate: string;
  status: 'open' | 'done' | 'rejected';
  overdue: boolean;
  resultNote: string | null;
  matchedItems: number | null;
  fulfilledAt: string | null;
  fulfilledByName: string | null;
  verifiedAt: string | null;
  verifiedHow: 'email' | 'staff' | null;
  verifyNote: string | null;
};

export const feedbackKey = ['feedback'] as const;
export const consultationKey = (id: number) => [...feedbackKey, 'consultation', id] as const;

export const feedbackApi = {
  list: (q: { unitId: number; status?: ConsultationStatus | null; limit: number; offset: number }) =>
    api<{ items: Consultation[]; total: number }>('/feedback/consultations', { query: q }),
  get: (id: number) => api<ConsultationFull>(`/feedback/consultations/${id}`),
  create: (input: ConsultationInput & { unitId: number }) => api<ConsultationFull>('/feedback/consultations', { method: 'POST', body: input }),
  update: (id: number, input: Partial<ConsultationInput> & { version: number }) => api<ConsultationFull>(`/feedback/consultations/${id}`, { method: 'PUT', body: input }),
  respond: (id: number, text: string) => api<ConsultationFull>(`/feedback/consultations/${id}/response`, { method: 'POST', body: { text } }),
  items: (id: number, q: { visibility?: Visibility | null; paragraphId?: number | null; limit: number; offset: number }) =>
    api<{ items: FeedbackItem[]; total: number }>(`/feedback/consultations/${id}/items`, { query: q }),
  general: (q: { unitId: number; handled?: 'true' | 'false' | null; limit: number; offset: number }) => api<{ items: FeedbackItem[]; total: number }>('/feedback/items', { query: q }),
  hotline: (input: HotlineInput) => api<FeedbackItem>('/feedback/hotline', { method: 'POST', body: input }),
  hide: (id: number, reason: string) => api<FeedbackItem>(`/feedback/items/${id}/hide`, { method: 'POST', body: { reason } }),
  unhide: (id: number) => api<FeedbackItem>(`/feedback/items/${id}/unhide`, { method: 'POST', body: {} }),
  handled: (id: number, handled: boolean) => api<FeedbackItem>(`/feedback/items/${id}/handled`, { method: 'POST', body: { handled } }),
  block: (id: number, reason: string) => api<{ blockId: number }>(`/feedback/items/${id}/block`, { method: 'POST', body: { reason } }),
  toMonitoring: (id: number) => api<{ monitorItemId: number }>(`/feedback/items/${id}/monitoring`, { method: 'POST', body: {} }),
  toIncident: (id: number, severity: 1 | 2 | 3 | 4) => api<{ incidentId: number }>(`/feedback/items/${id}/incident`, { method: 'POST', body: { severity } }),
  blocks: (unitId: number) =>
    api<{ items: { id: number; reason: string; itemId: number; createdAt: string; byIp: boolean; byEmail: boolean; createdByName: string | null }[] }>('/feedback/blocks', { query: { unitId } }),
  unblock: (id: number) => api<{ ok: true }>(`/feedback/blocks/${id}`, { method: 'DELETE' }),
  requests: (q: { unitId: number; status?: 'open' | 'done' | 'rejected' | null; limit: number; offset: number }) =>
    api<{ items: SubjectRequest[]; total: number; overdue: number }>('/feedback/requests', { query: q }),
  createRequest: (input: { unitId: number; kind: 'export' | 'erase'; name?: string | null; email?: string | null; phone?: string | null; note?: string | null }) =>
    api<SubjectRequest>('/feedback/requests', { method: 'POST', body: input }),
  fulfil: (id: number, input: { resultNote?: string | null; reject?: boolean; identityVerified?: string | null }) => api<SubjectRequest>(`/feedback/requests/${id}/fulfil`, { method: 'POST', body: input }),
};

export const exportUrl = (id: number, ext: 'xlsx' | 'docx') => `/api/feedback/consultations/${id}/export.${ext}`;
export const requestExportUrl = (id: number, ext: 'json' | 'xlsx') => `/api/feedback/requests/${id}/export.${ext}`;
