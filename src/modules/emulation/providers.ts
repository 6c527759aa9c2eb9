import type { Queryable } from '../../platform/db';
import { eventEmulationFacts } from '../events';
import { exemplarPublishedFacts } from '../exemplars';
import { consultationResponseFacts } from '../feedback';
import { incidentClockFacts } from '../incidents';
import { inspectionEmulationFacts } from '../inspections';
import { articlePublishedFacts, weeklyQuotaFacts } from '../newsroom';
import { deadlineOnTimeFacts } from '../plans';

/**
 * The fixed set of metrics a criterion can read. Each provider answers, for every unit
 * at or under the ranking unit that has something to count in [from, to), `count` (and
 * for a rate or an average, `total`), with its evidence as links into the admin app.
 * Providers only call other modules' index functions (their emulation.facts.ts files).
 */
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
/** count: a number of things; percent: count/total × 100; average: count/total (e.g. an inspection score out of 100). */
export type MetricKind = 'count' | 'percent' | 'average';
export type Evidence = { label: string; url: string; isMet?: boolean };
export type Fact = { unitId: number; count: number; total?: number; evidence: Evidence[] };
export type FactArgs = { unitPath: string; from: Date; to: Date; at: Date };
/** `load` null: a metric whose module has no facts yet (criteria on it are refused). */
export type Provider = { kind: MetricKind; load: ((q: Queryable, a: FactArgs) => Promise<Fact[]>) | null };

export const providers: Record<Metric, Provider> = {
  articles_published: { kind: 'count', load: (q, a) => articlePublishedFacts(q, a) },
  weekly_quota_pct: { kind: 'percent', load: (q, a) => weeklyQuotaFacts(q, a) },
  deadlines_on_time_pct: { kind: 'percent', load: (q, a) => deadlineOnTimeFacts(q, a) },
  incidents_on_clock_pct: { kind: 'percent', load: (q, a) => incidentClockFacts(q, a) },
  exemplars_published: { kind: 'count', load: (q, a) => exemplarPublishedFacts(q, a) },
  feedback_on_time_pct: {
    kind: 'percent',
    load: async (q, a) => (await consultationResponseFacts(q, a)).map((f) => ({ unitId: f.unitId, count: f.answeredOnTime, total: f.due, evidence: f.evidence })),
  },
  events_attended: { kind: 'count', load: async (q, a) => (await eventEmulationFacts(q, a)).map((f) => ({ unitId: f.unitId, count: f.value, evidence: f.evidence })) },
  // a unit's mean inspection score (0–100); over a subtree, the mean of its inspected units' scores
  inspection_score: { kind: 'average', load: async (q, a) => (await inspectionEmulationFacts(q, a)).map((f) => ({ unitId: f.unitId, count: f.value, total: 1, evidence: f.evidence })) },
};

export function isMetric(s: string): s is Metric {
  return (metrics as readonly string[]).includes(s);
}
