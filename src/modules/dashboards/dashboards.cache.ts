import { now } from '../../platform/clock';
import type { Queryable } from '../../platform/db';
import { type PeriodKind, type UnitDashboard, unitDashboard } from './dashboards.service';

/**
 * A small per-process cache of computed dashboards, keyed by a change stamp: the sum of
 * PostgreSQL's insert/update/delete counters (pg_stat_user_tables) of every table the
 * dashboard reads, plus the minute (overdue/pending and the current week move with the
 * clock). Any write to those tables — on any node — changes the stamp, so an answer is
 * reused only while nothing it was computed from has changed. The counters are flushed
 * by each backend within seconds of its commit, so a just-made change can take that long
 * to show; with `track_counts` off the cache is not used. Nothing here is shared state:
 * a cold node simply computes.
 */
const tables = [
  'units', 'articles', 'obligation_deadlines', 'plan_obligations', 'plans', 'plan_tasks', 'plan_task_progress',
  'monitor_items', 'monitor_item_units', 'monitor_item_matches', 'monitor_watch_people', 'monitor_topics', 'monitor_stories', 'incidents',
];
const maxEntries = 200;
const cache = new Map<string, UnitDashboard>();

async function changeStamp(q: Queryable): Promise<string | null> {
  const r = await q.query<{ on: boolean; n: string }>(
    `select current_setting('track_counts') = 'on' as on, coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::text as n
       from pg_stat_user_tables where schemaname = current_schema() and relname = any($1::text[])`,
    [tables],
  );
  return r.rows[0]?.on ? r.rows[0].n : null;
}

export async function cachedUnitDashboard(q: Queryable, unitId: number, kind: PeriodKind, at?: string): Promise<UnitDashboard> {
  const stamp = await changeStamp(q);
  if (stamp == null) return unitDashboard(q, unitId, kind, at);
  const key = `${unitId}|${kind}|${at ?? ''}|${stamp}|${Math.floor(now().getTime() / 60_000)}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const d = await unitDashboard(q, unitId, kind, at);
  cache.set(key, d);
  if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
  return d;
}

/** For tests. */
export function clearDashboardCache(): void {
  cache.clear();
}
