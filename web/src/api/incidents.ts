import { api } from './client';

/** Shapes of the incidents API (mirrors src/modules/incidents/incidents.routes.ts). */
export const incidentStatuses = ['triage', 'active', 'contained', 'resolved', 'review', 'closed', 'cancelled'] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];
export const stageOrder: IncidentStatus[] = ['triage', 'active', 'contained', 'resolved', 'review', 'closed'];
export const severities = [1, 2, 3, 4] as const;
export type Severity = (typeof severities)[number];
export const reviewItems = ['wentWell', 'toImprove', 'lessons', 'updatedLines'] as const;
export type ReviewItem = (typeof reviewItems)[number];
export const reportFields = ['what', 'when', 'where', 'affected', 'actions', 'nextSteps', 'proposals'] as const;
export type ReportField = (typeof reportFields)[number];

export type Clock = { dueAt: string; doneAt: string | null; state: 'running' | 'overdue' | 'met' | 'late'; remainingMs: number } | null;
export type IncidentSummary = {
  id: number;
  unitId: number;
  unitName: string;
  title: string;
  summary: string;
  location: string | null;
  severity: Severity;
  status: IncidentStatus;
  storyId: number | null;
  threadId: number | null;
  detectedAt: string;
  openedAt: string;
  activeAt: string | null;
  containedAt: string | null;
  firstStatementAt: string | null;
  resolvedAt: string | null;
  reviewAt: string | null;
  closedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  clocks: { firstStatement: Clock; fastReport: Clock; nextUpdate: Clock };
  measures: { timeToDetectHours: number | null; timeToFirstStatementHours: number | null; timeToResolveHours: number | null };
  resultTitle: string | null;
  resultPublishedAt: string | null;
  resultUrl: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
};
export type TimelineEntry = { id: number; kind: string; title: string; body: string; refTable: string | null; refId: number | null; actorId: number | null; actorName: string | null; at: string; link: string | null };
export type IncidentTask = { id: number; title: string; ownerId: number | null; ownerName: string | null; dueAt: string | null; doneAt: string | null; createdAt: string; isOverdue: boolean };
export type FastReport = {
  id: number;
  seq: number;
  fields: Partial<Record<ReportField, string>>;
  status: 'draft' | 'sent';
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
  recipients: { unitId: number; unitName: string; readAt: string | null; readByName: string | null }[];
};
export type Incident = IncidentSummary & {
  resultHtml: string;
  review: Partial<Record<ReviewItem, string>>;
  reviewMissing: string[];
  timeline: TimelineEntry[];
  tasks: IncidentTask[];
  escalations: { id: number; unitId: number; unitName: string; reason: string; createdAt: string; notifiedAt: string | null }[];
  reports: FastReport[];
  can: { write: boolean };
};
export type InboxItem = { id: number; seq: number; sentAt: string; readAt: string | null; incidentId: number; title: string; severity: number; status: string; unitName: string; what: string };
export type IncidentStats = {
  items: { id: number; title: string; severity: number; status: string; openedAt: string; timeToDetectHours: number | null; timeToFirstStatementHours: number | null; timeToResolveHours: number | null }[];
  averages: { timeToDetectHours: number | null; timeToFirstStatementHours: number | null; timeToResolveHours: number | null };
  statementOnTime: number;
  statementLate: number;
};
export type IncidentListQuery = { unitId: number; status?: IncidentStatus | 'open' | null; severity?: number | null; q?: string; limit?: number; offset?: number };
export type OpenIncidentInput = { unitId: number; title: string; summary?: string; location?: string | null; severity: Severity; storyId?: number | null };

export const incidentsKey = ['incidents'] as const;
export const incidentsApi = {
  list: (q: IncidentListQuery) => api<{ items: IncidentSummary[]; total: number }>('/incidents', { query: q }),
  stats: (unitId: number) => api<IncidentStats>('/incidents/stats', { query: { unitId } }),
  inbox: (unitId: number) => api<{ items: InboxItem[] }>('/incidents/inbox', { query: { unitId } }),
  get: (id: number) => api<Incident>(`/incidents/${id}`),
  open: (body: OpenIncidentInput) => api<Incident>('/incidents', { method: 'POST', body }),
  update: (id: number, body: { version: number; title?: string; summary?: string; location?: string | null; severity?: Severity }) => api<Incident>(`/incidents/${id}`, { method: 'PATCH', body }),
  move: (id: number, to: IncidentStatus, note?: string) => api<Incident>(`/incidents/${id}/transition`, { method: 'POST', body: { to, note } }),
  entry: (id: number, body: { kind: 'note' | 'message' | 'decision' | 'statement'; title: string; body?: string }) => api<Incident>(`/incidents/${id}/timeline`, { method: 'POST', body }),
  addTask: (id: number, body: { title: string; ownerId?: number | null; dueAt?: string | null }) => api<Incident>(`/incidents/${id}/tasks`, { method: 'POST', body }),
  updateTask: (id: number, taskId: number, body: { isDone?: boolean }) => api<Incident>(`/incidents/${id}/tasks/${taskId}`, { method: 'PATCH', body }),
  saveReport: (id: number, body: Partial<Record<ReportField, string>>) => api<Incident>(`/incidents/${id}/report`, { method: 'PUT', body }),
  sendReport: (id: number) => api<Incident>(`/incidents/${id}/report/send`, { method: 'POST', body: {} }),
  saveReview: (id: number, body: Partial<Record<ReviewItem, string>>) => api<Incident>(`/incidents/${id}/review`, { method: 'PUT', body }),
  saveResult: (id: number, body: { title: string; html: string }) => api<Incident>(`/incidents/${id}/result`, { method: 'PUT', body }),
  publishResult: (id: number, isPublished: boolean) => api<Incident>(`/incidents/${id}/result/publish`, { method: 'POST', body: { isPublished } }),
  markRead: (reportId: number, unitId: number) => api<{ changed: boolean }>(`/incidents/reports/${reportId}/read`, { method: 'POST', body: { unitId } }),
  docxUrl: (reportId: number) => `/api/incidents/reports/${reportId}/docx`,
};
