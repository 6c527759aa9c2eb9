import { api } from './client';

/** Shapes of the monitoring triage, alerts, digest and dashboard API (mirrors src/modules/monitoring/insights.routes.ts). */
export const triageStatuses = ['new', 'reviewed', 'needs_action', 'closed'] as const;
export type TriageStatus = (typeof triageStatuses)[number];
export const tones = ['negative', 'neutral', 'positive'] as const;
export type Tone = (typeof tones)[number];
export const riskCategories = ['fees', 'violence', 'abuse', 'food_safety', 'exam', 'accident', 'tutoring', 'textbook', 'staffing', 'salary', 'facilities', 'finance', 'other'] as const;
export const alertChannels = ['inapp', 'email', 'zalo', 'webhook'] as const;
export type AlertChannel = (typeof alertChannels)[number];

export type InboxRow = {
  id: number;
  title: string;
  status: TriageStatus;
  assignedTo: number | null;
  assignedToName: string | null;
  tone: Tone;
  categories: string[];
  riskScore: number;
  itemCount: number;
  sourceCount: number;
  firstSeenAt: string;
  lastSeenAt: string;
  threadId: number | null;
  source: string | null;
  units: string[];
  /** watched people and keyword topics its items matched */
  people?: string[];
  topics?: string[];
};
export type UnitRef = { id: number; code: string; name: string };
export type StoryItem = {
  id: number;
  title: string;
  excerpt: string;
  link: string | null;
  source: string;
  publishedAt: string;
  tone: Tone;
  categories: string[];
  riskScore: number;
  reasons: string[];
  units: (UnitRef & { via: string; origin: string })[];
};
export type Story = Omit<InboxRow, 'source' | 'units'> & {
  threadTitle: string | null;
  note: string | null;
  version: number;
  triagedAt: string | null;
  triagedByName: string | null;
  units: UnitRef[];
  /** watched people and keyword topics its items matched, and how */
  matches?: { kind: 'person' | 'topic'; id: number; name: string; via: string }[];
  items: StoryItem[];
  corrections: { id: number; field: string; oldValue: string | null; newValue: string | null; at: string; userName: string | null; unitName: string | null }[];
  can: { write: boolean };
};
export type InboxQuery = {
  unitId: number;
  status?: TriageStatus | null;
  tone?: Tone | null;
  category?: string | null;
  assigned?: 'me' | 'none' | null;
  q?: string;
  /** watched person / keyword topic (WatchSection.tsx) */
  personId?: number | null;
  topicId?: number | null;
  limit?: number;
  offset?: number;
};

export type AlertRule = {
  id: number;
  unitId: number;
  unitName: string;
  userId: number | null;
  userName: string | null;
  name: string;
  unitIds: number[];
  categories: string[];
  tones: string[];
  minRisk: number;
  mode: 'immediate' | 'digest';
  channels: AlertChannel[];
  emails: string[];
  webhookUrl: string | null;
  hasWebhookSecret: boolean;
  zaloUrl: string | null;
  quietStart: string | null;
  quietEnd: string | null;
  includesSpikes: boolean;
  isActive: boolean;
  /** only items matching these watched people / keyword topics (empty: any) */
  personIds?: number[];
  topicIds?: number[];
  version: number;
  updatedAt: string;
};
export type RuleInput = Partial<Omit<AlertRule, 'id' | 'unitName' | 'userName' | 'hasWebhookSecret' | 'updatedAt' | 'version' | 'unitId'>> & {
  name: string;
  webhookSecret?: string | null;
};
export type Notice = { id: number; title: string; body: string; link: string | null; createdAt: string; readAt: string | null };
export type DigestStory = {
  id: number;
  title: string;
  link: string | null;
  source: string | null;
  itemCount: number;
  sourceCount: number;
  tone: Tone;
  categories: string[];
  riskScore: number;
  units: string[];
  firstSeenAt: string;
  triageStatus: TriageStatus;
};
export type Digest = {
  day: string;
  title: string;
  unitId: number;
  unitName: string;
  from: string;
  to: string;
  totals: { stories: number; items: number; negative: number; neutral: number; positive: number };
  sections: { tone: Tone; stories: DigestStory[] }[];
};
export type Dashboard = {
  days: number;
  totals: { mentions: number; negative: number; neutral: number; positive: number };
  byDay: { day: string; negative: number; neutral: number; positive: number }[];
  byOutlet: { outlet: string; count: number; negative: number }[];
  byUnit: { unitId: number; name: string; count: number; negative: number }[];
  byCategory: { category: string; count: number }[];
  byStatus: Record<TriageStatus, number>;
  topStories: { id: number; title: string; itemCount: number; sourceCount: number; tone: Tone; riskScore: number; status: TriageStatus }[];
};
export type TaskScore = { n: number; rules: number | null; model: number | null };
export type ModelInfo = {
  id: number;
  trainedAt: string;
  examples: number;
  corrections: number;
  correctionsSince: number;
  metrics: { folds: number; units: TaskScore; tone: TaskScore; categories: TaskScore; overall: TaskScore };
};
export type Spike = { id: number; unitId: number; unitName: string; category: string; day: string; count: number; median: number; threshold: number; baseline: number[]; storyIds: number[]; createdAt: string };

export const insightsKey = ['monitoring-insights'] as const;

export const insightsApi = {
  inbox: (q: InboxQuery) => api<{ items: InboxRow[]; total: number }>('/monitoring/triage', { query: q }),
  story: (id: number) => api<Story>(`/monitoring/triage/${id}`),
  setStatus: (id: number, status: TriageStatus, note?: string) => api<Story>(`/monitoring/triage/${id}/status`, { method: 'POST', body: { status, note } }),
  assign: (id: number, userId: number | null) => api<Story>(`/monitoring/triage/${id}/assign`, { method: 'POST', body: { userId } }),
  correct: (id: number, body: { units?: number[]; tone?: Tone; categories?: string[] }) => api<Story>(`/monitoring/triage/${id}/correct`, { method: 'POST', body }),
  rules: (unitId: number) => api<{ items: AlertRule[] }>('/monitoring/alert-rules', { query: { unitId } }),
  createRule: (body: RuleInput & { unitId: number }) => api<AlertRule>('/monitoring/alert-rules', { method: 'POST', body }),
  updateRule: (id: number, body: RuleInput & { version: number }) => api<AlertRule>(`/monitoring/alert-rules/${id}`, { method: 'PUT', body }),
  deleteRule: (id: number) => api<{ ok: true }>(`/monitoring/alert-rules/${id}`, { method: 'DELETE' }),
  notices: () => api<{ unread: number; items: Notice[] }>('/monitoring/notices'),
  readNotices: (id?: number) => api<{ changed: number }>('/monitoring/notices/read', { method: 'POST', body: id ? { id } : {} }),
  digest: (unitId: number, day: string) => api<Digest>('/monitoring/digest', { query: { unitId, day } }),
  digestDocxUrl: (unitId: number, day: string) => `/api/monitoring/digest/docx?unitId=${unitId}&day=${day}`,
  dashboard: (unitId: number, days: number) => api<Dashboard>('/monitoring/dashboard', { query: { unitId, days } }),
  spikes: (unitId: number) => api<{ items: Spike[] }>('/monitoring/spikes', { query: { unitId } }),
  model: () => api<{ model: ModelInfo | null }>('/monitoring/model'),
  retrain: () => api<{ model: ModelInfo | null }>('/monitoring/model/retrain', { method: 'POST', body: {} }),
};

/** Today in Vietnam, 'YYYY-MM-DD'. */
export function todayVn(d = new Date()): string {
  return new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
