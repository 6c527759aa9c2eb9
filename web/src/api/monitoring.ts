import { api } from './client';

/** Shapes of the monitoring API, part one: sources, manual entries, items, aliases (mirrors src/modules/monitoring/monitoring.routes.ts). */
export const sourceKinds = ['feed', 'sitemap', 'webhook', 'manual', 'hotline'] as const;
export type SourceKind = (typeof sourceKinds)[number];
export type SourceHealth = 'ok' | 'warning' | 'failing' | 'paused' | 'new';

export type MonitorSource = {
  id: number;
  unitId: number | null;
  unitName: string | null;
  kind: SourceKind;
  name: string;
  url: string | null;
  isActive: boolean;
  intervalSeconds: number | null;
  adaptiveSeconds: number;
  nextPollAt: string;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorCode: string | null;
  lastErrorAt: string | null;
  consecutiveFailures: number;
  itemsTotal: number;
  itemsPerDay: number;
  webhookSecretHint: string | null;
  health: SourceHealth;
  version: number;
  createdAt: string;
};
export type SourceInput = { unitId: number; kind: 'feed' | 'sitemap' | 'webhook'; name?: string; url?: string | null; intervalSeconds?: number | null };
export type SourcePatch = { version: number; name?: string; url?: string | null; intervalSeconds?: number | null; isActive?: boolean };
export type PollResult = { sourceId: number; status: 'ok' | 'not_modified' | 'error'; newItems: number; seen: number; error?: string };

export type MonitorItem = {
  id: number;
  sourceId: number;
  source: string;
  kind: string;
  link: string | null;
  title: string;
  excerpt: string;
  publishedAt: string | null;
  fetchedAt: string;
  units: { id: number; code: string; name: string; via: string; origin: string }[];
  tone: 'negative' | 'neutral' | 'positive';
  categories: string[];
  riskScore: number;
  reasons: string[];
  storyId: number | null;
  threadId: number | null;
  storySize: number;
};
export type EntryInput = { unitId: number; kind: 'url' | 'text' | 'hotline'; url?: string | null; title?: string | null; text?: string | null };
export type MonitorAlias = { id: number; unitId: number; unitName: string; alias: string; createdAt: string };

export const monitoringKey = ['monitoring'] as const;

export const monitoringApi = {
  sources: (unitId: number) => api<{ items: MonitorSource[] }>('/monitoring/sources', { query: { unitId } }),
  createSource: (body: SourceInput) => api<{ source: MonitorSource; webhookSecret: string | null }>('/monitoring/sources', { method: 'POST', body }),
  updateSource: (id: number, body: SourcePatch) => api<MonitorSource>(`/monitoring/sources/${id}`, { method: 'PATCH', body }),
  pollSource: (id: number) => api<PollResult>(`/monitoring/sources/${id}/poll`, { method: 'POST' }),
  rotateSecret: (id: number) => api<{ source: MonitorSource; webhookSecret: string }>(`/monitoring/sources/${id}/secret`, { method: 'POST' }),
  addEntry: (body: EntryInput) => api<MonitorItem & { body: string }>('/monitoring/entries', { method: 'POST', body }),
  items: (q: { unitId: number; sourceId?: number; limit?: number; offset?: number }) => api<{ items: MonitorItem[]; total: number }>('/monitoring/items', { query: q }),
  aliases: (unitId: number) => api<{ items: MonitorAlias[] }>('/monitoring/aliases', { query: { unitId } }),
  addAlias: (unitId: number, alias: string) => api<MonitorAlias>('/monitoring/aliases', { method: 'POST', body: { unitId, alias } }),
  removeAlias: (id: number) => api<{ ok: true }>(`/monitoring/aliases/${id}`, { method: 'DELETE' }),
};
