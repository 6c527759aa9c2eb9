import { api } from './client';
import type { MediaItem } from './newsroom';

/** Shapes of the exemplars API (mirrors src/modules/exemplars/exemplars.routes.ts). */
export const exemplarKinds = ['person', 'team', 'model'] as const;
export type ExemplarKind = (typeof exemplarKinds)[number];
export const exemplarStatuses = ['nominated', 'approved', 'rejected', 'published', 'archived'] as const;
export type ExemplarStatus = (typeof exemplarStatuses)[number];

export type ExemplarCan = { edit: boolean; approve: boolean; reject: boolean; publish: boolean; archive: boolean };

export type Exemplar = {
  id: number;
  unitId: number;
  unitName: string;
  kind: ExemplarKind;
  name: string;
  title: string | null;
  summary: string | null;
  storyHtml: string;
  achievements: string[];
  field: string | null;
  photoMediaId: number | null;
  photo: MediaItem | null;
  status: ExemplarStatus;
  nominatedBy: number | null;
  nominatedByName: string | null;
  nominatedAt: string;
  decidedBy: number | null;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  publishedAt: string | null;
  slug: string;
  schoolYear: string;
  isPupil: boolean;
  isIdentifyingPupils: boolean;
  consentIds: number[];
  consentGaps: { kind: 'consent' | 'child_consent' | 'revoked'; consentId?: number; message: string }[];
  version: number;
  createdAt: string;
  updatedAt: string;
  publicUrl: string | null;
  can: ExemplarCan;
};

export type ExemplarListItem = {
  id: number;
  unitId: number;
  unitName: string;
  kind: ExemplarKind;
  name: string;
  title: string | null;
  status: ExemplarStatus;
  schoolYear: string;
  nominatedBy: number | null;
  nominatedByName: string | null;
  nominatedAt: string;
  publishedAt: string | null;
  updatedAt: string;
  slug: string;
  thumbUrl: string | null;
};

export type ExemplarInput = {
  kind: ExemplarKind;
  name: string;
  title?: string | null;
  summary?: string | null;
  storyHtml?: string;
  achievements?: string[];
  field?: string | null;
  photoMediaId?: number | null;
  schoolYear?: string;
  isPupil?: boolean;
  isIdentifyingPupils?: boolean;
  consentIds?: number[];
};

export type ExemplarListQuery = {
  unitId: number;
  status?: ExemplarStatus | null;
  kind?: ExemplarKind | null;
  schoolYear?: string | null;
  q?: string;
  limit?: number;
  offset?: number;
};

export type ExemplarMove = { action: 'approve'; note?: string } | { action: 'reject'; note: string } | { action: 'publish' } | { action: 'archive'; note?: string };

export const exemplarsApi = {
  list: (q: ExemplarListQuery) => api<{ items: ExemplarListItem[]; total: number }>('/exemplars', { query: q }),
  get: (id: number) => api<Exemplar>(`/exemplars/${id}`),
  create: (body: ExemplarInput & { unitId: number }) => api<Exemplar>('/exemplars', { method: 'POST', body }),
  update: (id: number, body: ExemplarInput & { version: number }) => api<Exemplar>(`/exemplars/${id}`, { method: 'PUT', body }),
  move: (id: number, { action, ...body }: ExemplarMove) => api<Exemplar>(`/exemplars/${id}/${action}`, { method: 'POST', body }),
};

/** The school year now, as the server stores it ('2025-2026'; a year starts in September). */
export function currentSchoolYear(d = new Date()): string {
  const vn = new Date(d.getTime() + 7 * 3_600_000);
  const start = vn.getUTCMonth() >= 8 ? vn.getUTCFullYear() : vn.getUTCFullYear() - 1;
  return `${start}-${start + 1}`;
}

/** This school year and the few before it, newest first (for filters and the form). */
export function recentSchoolYears(n = 5): string[] {
  const start = Number(currentSchoolYear().slice(0, 4));
  return Array.from({ length: n }, (_, i) => `${start - i}-${start - i + 1}`);
}
