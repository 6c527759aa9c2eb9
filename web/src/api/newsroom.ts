import { t } from '../i18n';
import { ApiError, api } from './client';

/** Shapes of the newsroom API (mirrors src/modules/newsroom/newsroom.routes.ts). */
export const articleStatuses = ['draft', 'submitted', 'rejected', 'approved', 'scheduled', 'published', 'withdrawn'] as const;
export type ArticleStatus = (typeof articleStatuses)[number];

export type MediaItem = {
  id: number;
  unitId: number;
  fileName: string;
  width: number | null;
  height: number | null;
  caption: string | null;
  isIdentifyingPupils: boolean;
  consentIds: number[];
  urls: { small: string; medium: string; large: string };
};

export type ConsentGap = {
  kind: 'article' | 'media' | 'child_consent' | 'revoked';
  mediaId?: number;
  consentId?: number;
  message: string;
};

export type ArticleCan = {
  edit: boolean;
  submit: boolean;
  approve: boolean;
  reject: boolean;
  publish: boolean;
  schedule: boolean;
  forcePublish: boolean;
  withdraw: boolean;
  correct: boolean;
  review: boolean;
};

export type Article = {
  id: number;
  unitId: number;
  unitName: string;
  authorId: number | null;
  authorName: string | null;
  status: ArticleStatus;
  title: string;
  slug: string;
  summary: string | null;
  bodyHtml: string;
  themes: string[];
  planTaskIds: number[];
  coverMediaId: number | null;
  media: MediaItem[];
  isIdentifyingPupils: boolean;
  consentIds: number[];
  isOnSectorPortal: boolean;
  submittedAt: string | null;
  approvedAt: string | null;
  scheduledAt: string | null;
  publishedAt: string | null;
  withdrawnAt: string | null;
  withdrawnReason: string | null;
  correctionNote: string | null;
  isForcePublished: boolean;
  forceReason: string | null;
  isReviewPending: boolean;
  lockedBy: { id: number; name: string } | null;
  lockedUntil: string | null;
  version: number;
  updatedAt: string;
  publicUrl: string | null;
  consentGaps: ConsentGap[];
  can: ArticleCan;
};

export type ArticleListItem = {
  id: number;
  unitId: number;
  unitName: string;
  title: string;
  status: ArticleStatus;
  authorName: string | null;
  authorId: number | null;
  updatedAt: string;
  submittedAt: string | null;
  publishedAt: string | null;
  scheduledAt: string | null;
  isReviewPending: boolean;
  slug: string;
  thumbUrl: string | null;
};

export type ArticleInput = {
  title: string;
  summary?: string | null;
  bodyHtml?: string;
  themes?: string[];
  planTaskIds?: number[];
  mediaIds?: number[];
  coverMediaId?: number | null;
  isIdentifyingPupils?: boolean;
  consentIds?: number[];
};

export type Consent = {
  id: number;
  unitId: number;
  subjectName: string;
  birthDate: string;
  guardianName: string;
  guardianConsentedOn: string;
  childConsentedOn: string | null;
  scope: string;
  isRevoked: boolean;
  needsChildConsent: boolean;
  isValid: boolean;
};
export type ConsentInput = {
  unitId: number;
  subjectName: string;
  birthDate: string;
  guardianName: string;
  guardianConsentedOn: string;
  childConsentedOn?: string | null;
  scope?: string;
};

export type ArticleComment = { id: number; authorName: string; body: string; createdAt: string };
export type ArticleVersion = { version: number; status: string | null; authorName: string | null; createdAt: string };

export type QuotaRow = {
  unitId: number;
  unitName: string;
  unitType: string;
  isSchool: boolean;
  schools: number;
  cells: number[];
  required: number;
};
export type Quota = {
  weeks: { start: string; label: string }[];
  rows: QuotaRow[];
  summary: { schools: number; metThisWeek: number };
};

export type CalendarItem = { id: number; title: string; unitName: string; status: string; at: string; channels: string[] };

export type ArticleListQuery = {
  unitId: number;
  status?: ArticleStatus | null;
  q?: string;
  mine?: boolean;
  limit?: number;
  offset?: number;
};

export type ArticleMove =
  | { action: 'submit' }
  | { action: 'reject'; comment: string }
  | { action: 'approve'; comment?: string }
  | { action: 'publish'; isOnSectorPortal?: boolean }
  | { action: 'schedule'; at: string; isOnSectorPortal?: boolean }
  | { action: 'force-publish'; reason: string; isOnSectorPortal?: boolean }
  | { action: 'review' }
  | { action: 'withdraw'; reason: string };

export const articlesApi = {
  list: ({ mine, ...q }: ArticleListQuery) =>
    api<{ items: ArticleListItem[]; total: number }>('/articles', { query: { ...q, mine: mine ? '1' : undefined } }),
  get: (id: number) => api<Article>(`/articles/${id}`),
  create: (body: ArticleInput & { unitId: number }) => api<Article>('/articles', { method: 'POST', body }),
  update: (id: number, body: ArticleInput & { version: number }) => api<Article>(`/articles/${id}`, { method: 'PUT', body }),
  lock: (id: number) => api<{ ok: true; lockedUntil: string | null }>(`/articles/${id}/lock`, { method: 'POST', body: {} }),
  unlock: (id: number) => api<{ ok: true }>(`/articles/${id}/unlock`, { method: 'POST', body: {} }),
  move: (id: number, { action, ...body }: ArticleMove) => api<Article>(`/articles/${id}/${action}`, { method: 'POST', body }),
  correct: (id: number, body: ArticleInput & { version: number; note: string }) =>
    api<Article>(`/articles/${id}/correct`, { method: 'POST', body }),
  versions: (id: number) => api<{ items: ArticleVersion[] }>(`/articles/${id}/versions`),
  comments: (id: number) => api<{ items: ArticleComment[] }>(`/articles/${id}/comments`),
  addComment: (id: number, body: string) => api<{ id: number }>(`/articles/${id}/comments`, { method: 'POST', body: { body } }),
};

export const mediaApi = {
  update: (id: number, body: { caption?: string | null; isIdentifyingPupils?: boolean; consentIds?: number[] }) =>
    api<MediaItem>(`/media/${id}`, { method: 'PATCH', body }),
  /**
   * Uploads a photo with progress (fetch cannot report upload progress, so this uses XHR).
   * The CSRF token comes from the session, as for every other state-changing request.
   */
  upload: (unitId: number, file: File, csrfToken: string | null, onProgress?: (fraction: number) => void) =>
    new Promise<MediaItem>((resolve, reject) => {
      const form = new FormData();
      form.append('file', file);
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `/api/media?unitId=${unitId}`);
      xhr.setRequestHeader('Accept', 'application/json');
      if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
      xhr.withCredentials = true;
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
      };
      xhr.onerror = () => reject(new ApiError(0, 'network', t('error.network')));
      xhr.onload = () => {
        let data: unknown = null;
        try {
          data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
        } catch {
          data = null;
        }
        if (xhr.status >= 200 && xhr.status < 300) {
          resolve(data as MediaItem);
          return;
        }
        const e = (data as { error?: { code?: string; message?: string } } | null)?.error;
        reject(new ApiError(xhr.status, e?.code ?? `http_${xhr.status}`, e?.message || t('error.unexpected')));
      };
      xhr.send(form);
    }),
};

export const consentsApi = {
  list: (unitId: number, q?: string) => api<{ items: Consent[] }>('/consents', { query: { unitId, q } }),
  create: (body: ConsentInput) => api<Consent>('/consents', { method: 'POST', body }),
  revoke: (id: number) => api<Consent>(`/consents/${id}/revoke`, { method: 'POST', body: {} }),
};

export const quotaApi = {
  get: (unitId: number, weeks = 12) => api<Quota>('/quota', { query: { unitId, weeks } }),
};

export const calendarApi = {
  list: (unitId: number, from: string, to: string) =>
    api<{ items: CalendarItem[] }>('/editorial-calendar', { query: { unitId, from, to } }),
};
