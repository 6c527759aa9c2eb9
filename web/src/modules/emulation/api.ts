import { api } from '../../api/client';
import { downloadFile } from '../../api/plans';
import type { UnitType } from '../../api/types';

/** Shapes of the emulation (thi đua) API (src/modules/emulation/emulation.routes.ts). */
export const metrics = [
  'articles_published',
  'weekly_quota_pct',
  'deadlines_on_time_pct',
  'incidents_on_clock_pct',
  'exemplars_published',
  'feedback_on_time_pct',
  'events_attended',
  'inspection_score',
] as const;
export type Metric = (typeof metrics)[number];
export type MetricKind = 'count' | 'percent' | 'average';
export type PeriodKind = 'school_year' | 'semester' | 'custom';
export type CriterionInput = { label: string; metric: string; weight: number; target: number; scope: 'unit' | 'subtree'; noData: 'zero' | 'full' };
export type Criterion = CriterionInput & { id: number; position: number; kind: MetricKind; isAvailable: boolean };
export type SchemeInput = {
  title: string;
  unitType: UnitType;
  periodKind: PeriodKind;
  schoolYear?: string | null;
  semester?: 1 | 2 | null;
  startsOn?: string | null;
  endsOn?: string | null;
  criteria: CriterionInput[];
};
export type Scheme = {
  id: number;
  unitId: number;
  unitName: string;
  unitType: UnitType;
  title: string;
  periodKind: PeriodKind;
  schoolYear: string | null;
  semester: number | null;
  startsOn: string;
  endsOn: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  criteria: Criterion[];
  maxPoints: number;
};
export type SchemeListItem = { id: number; unitId: number; unitName: string; unitType: UnitType; title: string; periodKind: PeriodKind; startsOn: string; endsOn: string; criteria: number; updatedAt: string };
export type Evidence = { label: string; url: string; isMet?: boolean };
export type Cell = { criterionId: number; value: number | null; count: number; total: number | null; points: number; evidence: Evidence[] };
export type RankRow = { rank: number; unitId: number; unitName: string; total: number; cells: Cell[] };
export type Ranking = { scheme: Scheme; from: string; to: string; computedAt: string; rows: RankRow[] };

export const emulationApi = {
  metrics: () => api<{ items: { metric: Metric; kind: MetricKind; isAvailable: boolean }[] }>('/emulation/metrics'),
  list: (unitId: number) => api<{ items: SchemeListItem[] }>('/emulation/schemes', { query: { unitId } }),
  get: (id: number) => api<Scheme>(`/emulation/schemes/${id}`),
  create: (unitId: number, input: SchemeInput) => api<Scheme>('/emulation/schemes', { method: 'POST', body: { unitId, ...input } }),
  update: (id: number, input: SchemeInput & { version: number }) => api<Scheme>(`/emulation/schemes/${id}`, { method: 'PUT', body: input }),
  remove: (id: number) => api<{ ok: true }>(`/emulation/schemes/${id}`, { method: 'DELETE' }),
  ranking: (id: number) => api<Ranking>(`/emulation/schemes/${id}/ranking`),
  exportXlsx: (id: number) => downloadFile(`/emulation/schemes/${id}/export`),
};

export const emulationKey = ['emulation'] as const;
