import { api } from '../../../api/client';

/** Shapes of the feedback analysis API (mirrors src/modules/feedback/analysis/analysis.routes.ts). */
export const tones = ['negative', 'neutral', 'positive'] as const;
export type Tone = (typeof tones)[number];
export type Topic = { id: number; unitId: number | null; key: string; label: string; position: number; isShared: boolean; isArchived: boolean };
export type Code = { tone: Tone; topicIds: number[]; source: 'manual' | 'accepted' | 'corrected'; codedBy: number | null; codedByName: string | null; codedAt: string; version: number };
export type Suggestion = { modelId: number; tone: Tone | null; toneP: Record<string, number> | null; topicIds: number[]; topicP: Record<string, number> };
export type CodingItem = {
  id: number;
  consultationId: number | null;
  paragraphId: number | null;
  paragraphPosition: number | null;
  paragraphLabel: string | null;
  body: string;
  stance: 'agree' | 'disagree' | 'partly' | null;
  visibility: 'public' | 'hidden' | 'private';
  channel: string;
  createdAt: string;
  code: Code | null;
  suggestion: Suggestion | null;
};
type Score = { precision: number; recall: number; f1: number; support: number };
export type ModelInfo = {
  id: number;
  trainedAt: string;
  examples: number;
  codes: number;
  seedExamples: number;
  codesSince: number;
  metrics: {
    train: number;
    test: number;
    tone: { macroF1: number; accuracy: number; perClass: Record<string, Score> };
    topics: { macroF1: number; microF1: number; exactMatch: number; perTopic: Record<string, Score> };
  };
};
type Counts3 = Record<Tone, number>;
type StanceCounts = { agree: number; disagree: number; partly: number; none: number };
export type Dashboard = {
  consultationId: number;
  title: string;
  unitId: number;
  totals: { comments: number; hidden: number; coded: number; accepted: number; corrected: number; manual: number; progress: number };
  tone: Counts3;
  stance: StanceCounts;
  topics: { topicId: number; label: string; count: number }[];
  paragraphs: { paragraphId: number | null; position: number | null; label: string | null; excerpt: string; comments: number; coded: number; stance: StanceCounts; tone: Counts3 }[];
  model: ModelInfo | null;
};
export type CodingFilter = 'all' | 'uncoded' | 'coded';

export const analysisKey = ['feedback-analysis'] as const;
const base = '/feedback/analysis';
export const analysisApi = {
  dashboard: (id: number) => api<Dashboard>(`${base}/consultations/${id}/dashboard`),
  items: (id: number, q: { filter: CodingFilter; paragraph: string; afterId?: number; limit?: number }) =>
    api<{ items: CodingItem[]; nextAfterId: number | null }>(`${base}/consultations/${id}/items`, { query: q }),
  topics: (unitId: number, archived = false) => api<{ items: Topic[] }>(`${base}/topics`, { query: { unitId, archived: archived ? '1' : undefined } }),
  addTopic: (unitId: number, label: string) => api<Topic>(`${base}/topics`, { method: 'POST', body: { unitId, label } }),
  updateTopic: (id: number, body: { label?: string; isArchived?: boolean }) => api<Topic>(`${base}/topics/${id}`, { method: 'PATCH', body }),
  code: (itemId: number, body: { tone: Tone; topicIds: number[]; version?: number }) => api<Code>(`${base}/items/${itemId}/code`, { method: 'PUT', body }),
  accept: (itemId: number, version?: number) => api<Code>(`${base}/items/${itemId}/accept`, { method: 'POST', body: { version } }),
  acceptMany: (itemIds: number[]) => api<{ accepted: number }>(`${base}/items/accept`, { method: 'POST', body: { itemIds } }),
  clear: (itemId: number) => api<{ ok: true }>(`${base}/items/${itemId}/code`, { method: 'DELETE' }),
  model: () => api<{ model: ModelInfo | null }>(`${base}/model`),
  retrain: () => api<{ model: ModelInfo; skipped: boolean }>(`${base}/model/retrain`, { method: 'POST', body: { force: true } }),
};
