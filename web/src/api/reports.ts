import { api } from './client';
import { downloadFile } from './plans';

/** Shapes of the reports API (mirrors src/modules/reports/reports.routes.ts). */
export const reportKinds = ['monthly_opinion', 'semester', 'year_end'] as const;
export type ReportKind = (typeof reportKinds)[number];
export const reportStatuses = ['generating', 'draft', 'approved', 'submitted'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

export type ReportTable = { key: string; title: string; columns: string[]; rows: (string | number)[][] };
export type ReportSection = { key: string; title: string; lines: string[]; tables: ReportTable[]; facts: Record<string, unknown>; text: string };

export type ReportListItem = {
  id: number;
  unitId: number;
  unitName: string;
  kind: ReportKind;
  periodKey: string;
  periodLabel: string;
  title: string;
  status: ReportStatus;
  progressDone: number;
  progressTotal: number;
  dueAt: string | null;
  approvedAt: string | null;
  submittedAt: string | null;
  submittedByName: string | null;
  updatedAt: string;
  isLate: boolean | null;
  lateDays: number;
};

export type Report = ReportListItem & {
  parentUnitId: number | null;
  periodStart: string;
  periodEnd: string;
  sections: ReportSection[];
  generation: number;
  generatedAt: string | null;
  generationError: string | null;
  deadlineId: number | null;
  approvedBy: number | null;
  approvedByName: string | null;
  signer: { title: string; name: string } | null;
  submittedBy: number | null;
  submittedToUnitId: number | null;
  submittedToUnitName: string | null;
  version: number;
  createdAt: string;
  recalledAt: string | null;
  recalledByName: string | null;
  recallReason: string | null;
  recallCount: number;
  can: { edit: boolean; regenerate: boolean; approve: boolean; reopen: boolean; submit: boolean; recall: boolean };
};

export type PeriodInput = { month?: string; schoolYear?: string; semester?: 1 | 2; year?: number };
export type ReportMove = 'regenerate' | 'approve' | 'reopen' | 'submit';

export const reportsApi = {
  list: (q: { unitId: number; kind?: ReportKind | null; status?: ReportStatus | null }) => api<{ items: ReportListItem[] }>('/reports', { query: q }),
  inbox: (q: { unitId: number; kind?: ReportKind | null; periodKey?: string | null }) =>
    api<{ items: ReportListItem[]; missing: { unitId: number; unitName: string }[] }>('/reports/inbox', { query: q }),
  get: (id: number) => api<Report>(`/reports/${id}`),
  create: (body: { unitId: number; kind: ReportKind; period: PeriodInput }) => api<Report>('/reports', { method: 'POST', body }),
  update: (id: number, body: { version: number; title?: string; sections?: { key: string; text: string }[] }) => api<Report>(`/reports/${id}`, { method: 'PUT', body }),
  move: (id: number, action: ReportMove) => api<Report>(`/reports/${id}/${action}`, { method: 'POST', body: {} }),
  recall: (id: number, reason: string) => api<Report>(`/reports/${id}/recall`, { method: 'POST', body: { reason } }),
  exportFile: (id: number, format: 'docx' | 'xlsx' | 'pdf') => downloadFile(`/reports/${id}/export`, { format }),
};
