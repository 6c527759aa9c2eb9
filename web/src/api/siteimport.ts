import { api } from './client';

/** Shapes of the site import API (mirrors src/modules/siteimport/siteimport.routes.ts). */
export type SiteImportKind = 'rss' | 'sitemap';
export type SiteImportMode = 'publish' | 'draft';
export type SiteImportStatus = 'queued' | 'running' | 'done' | 'failed';
export type SiteImportOutcome = 'taken' | 'skipped' | 'failed';

export type SiteImportPreview = {
  sourceUrl: string;
  kind: SiteImportKind;
  total: number;
  items: { url: string; title: string | null; date: string | null; summary: string | null }[];
};

export type SiteImportReportItem = {
  url: string;
  outcome: SiteImportOutcome;
  reason: string | null;
  title?: string | null;
  articleId?: number;
  images?: number;
  attachments?: { url: string; name: string; status: 'taken' | 'not_imported' }[];
  notes?: string[];
};

export type SiteImportRunSummary = {
  id: number;
  unitId: number;
  unitName: string;
  sourceUrl: string;
  kind: SiteImportKind;
  mode: SiteImportMode;
  limit: number;
  status: SiteImportStatus;
  total: number;
  done: number;
  taken: number;
  skipped: number;
  failed: number;
  percent: number;
  error: string | null;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};
export type SiteImportRun = SiteImportRunSummary & { report: SiteImportReportItem[] };

export const siteImportKey = ['site-imports'] as const;

export const siteImportApi = {
  preview: (body: { unitId: number; url: string; kind: SiteImportKind }) =>
    api<SiteImportPreview>('/site-imports/preview', { method: 'POST', body }),
  start: (body: { unitId: number; url: string; kind: SiteImportKind; mode: SiteImportMode; limit: number }) =>
    api<SiteImportRun>('/site-imports', { method: 'POST', body }),
  list: (unitId: number) => api<{ items: SiteImportRunSummary[] }>('/site-imports', { query: { unitId } }),
  get: (id: number) => api<SiteImportRun>(`/site-imports/${id}`),
  reportUrl: (id: number) => `/api/site-imports/${id}/report.csv`,
};
