import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { cachedUnitDashboard, clearDashboardCache, unitDashboard } from '../src/modules/dashboards';
import { now } from '../src/platform/clock';
import type { Measure } from './index';

/**
 * The province dashboard figure for `npm run bench -- reports`: times the service call
 * behind `GET /api/dashboards/{unitId}?period=year` (every panel, one answer; nothing
 * cached) for the Sở over the school year containing the day six months ago (the one a
 * 12-month seed fills most) — 3 warm-up runs, then 30 timed.
 * `dashboard_p95_ms` target < 200 — computed every time, no cache. `dashboard_cached_p95_ms` is what
 * the route answers while nothing changed (change-stamp check + cache hit, dashboards.cache.ts).
 * The pool must be the one `openDb()` opened.
 */
export async function measureDashboard(pool: pg.Pool, rootUnitId: number, runs = 30): Promise<Measure[]> {
  // the school year that holds most of a 12-month seed: the one containing the day six months ago
  const sixMonthsAgo = new Date(now().getTime() - 182 * 86400_000 + 7 * 3600_000).toISOString().slice(0, 10);
  const once = async () => {
    const t = performance.now();
    await unitDashboard(pool, rootUnitId, 'year', sixMonthsAgo);
    return performance.now() - t;
  };
  const cold = await once();
  for (let i = 0; i < 2; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await once());
  times.sort((a, b) => a - b);
  const at = (p: number) => Math.round(times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)] * 10) / 10;
  const month: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    await unitDashboard(pool, rootUnitId, 'month');
    month.push(performance.now() - t);
  }
  month.sort((a, b) => a - b);
  // what the route serves while nothing changed: the change-stamp check plus a cache hit
  clearDashboardCache();
  await cachedUnitDashboard(pool, rootUnitId, 'year', sixMonthsAgo);
  const cached: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await cachedUnitDashboard(pool, rootUnitId, 'year', sixMonthsAgo);
    cached.push(performance.now() - t);
  }
  cached.sort((a, b) => a - b);
  const q = (xs: number[], p: number) => Math.round(xs[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)] * 10) / 10;
  return [
    { name: 'dashboard_cold_ms', value: Math.round(cold * 10) / 10, unit: 'ms' },
    { name: 'dashboard_p50_ms', value: at(0.5), unit: 'ms' },
    { name: 'dashboard_p95_ms', value: at(0.95), unit: 'ms' },
    { name: 'dashboard_month_p50_ms', value: Math.round(month[Math.floor(month.length / 2)] * 10) / 10, unit: 'ms' },
    { name: 'dashboard_cached_p95_ms', value: q(cached, 0.95), unit: 'ms' },
  ];
}
