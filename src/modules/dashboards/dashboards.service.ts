import { now } from '../../platform/clock';
import type { Queryable } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { addDaysVn, formatDateVi, getVnDateParts, isoWeekVn, schoolYearOf, startOfWeekVn, vnDate } from '../../text';
import { incidentFacts } from '../incidents';
import { mentionFacts, storiesFirstSeen } from '../monitoring';
import { quotaWeekFacts } from '../newsroom';
import { dashboardUnit } from '../org';
import { planProgressFacts, punctualityFacts } from '../plans';

/**
 * Bảng điều khiển: every panel of one unit's dashboard (its subtree) for one period,
 * in one answer — weekly quota heatmap (sub-units × weeks), plan progress, mentions
 * and tone over time, incident times, report punctuality — and one row per direct
 * sub-unit for the drill-down table. Each panel's figures come from the owning
 * module's read-only `dashboard.facts.ts`; the queries run side by side on the pool.
 */
export type PeriodKind = 'month' | 'semester' | 'year';
export const periodKinds: PeriodKind[] = ['month', 'semester', 'year'];

export type DashboardPeriod = { kind: PeriodKind; from: string; to: string; label: string };

const iso = (d: Date) => {
  const p = getVnDateParts(d);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
};

/** The month, semester (I: September–January, II: February–August) or school year containing `at` (Vietnam dates). */
export function periodOf(kind: PeriodKind, at: Date): DashboardPeriod & { start: Date; end: Date } {
  const p = getVnDateParts(at);
  const sy = schoolYearOf(at).start;
  let start: Date;
  let end: Date;
  let label: string;
  if (kind === 'month') {
    start = vnDate(p.year, p.month, 1);
    end = vnDate(p.year, p.month + 1, 1);
    label = `Tháng ${p.month}/${p.year}`;
  } else if (kind === 'semester') {
    const first = p.month >= 9 || p.month === 1;
    start = first ? vnDate(sy, 9, 1) : vnDate(sy + 1, 2, 1);
    end = first ? vnDate(sy + 1, 2, 1) : vnDate(sy + 1, 9, 1);
    label = `Học kỳ ${first ? 'I' : 'II'} năm học ${sy}–${sy + 1}`;
  } else {
    start = vnDate(sy, 9, 1);
    end = vnDate(sy + 1, 9, 1);
    label = `Năm học ${sy}–${sy + 1}`;
  }
  return { kind, start, end, from: iso(start), to: iso(new Date(end.getTime() - 1)), label };
}

const median = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return Math.round((s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2) * 10) / 10;
};
const hours = (a: Date | null, b: Date | null) => (a && b ? (new Date(b).getTime() - new Date(a).getTime()) / 3600_000 : null);
const pct = (n: number, d: number) => (d ? Math.round((1000 * n) / d) / 10 : null);

export async function unitDashboard(q: Queryable, unitId: number, kind: PeriodKind, atDay?: string) {
  const at = now();
  const anchor = atDay ? vnDate(Number(atDay.slice(0, 4)), Number(atDay.slice(5, 7)), Number(atDay.slice(8, 10)), 12) : at;
  const period = periodOf(kind, anchor);
  const base = await dashboardUnit(q, unitId);
  if (!base) throw new AppError('not_found', 404, 'error.not_found');
  const { unit } = base;
  // Weeks: from the Monday of the period's first week to the last week that has started.
  const lastInstant = new Date(Math.min(period.end.getTime(), at.getTime()) - 1);
  const firstWeek = startOfWeekVn(period.start);
  const weekCount = lastInstant < firstWeek ? 0 : Math.floor((startOfWeekVn(lastInstant).getTime() - firstWeek.getTime()) / (7 * 86400_000)) + 1;
  const mentionTo = new Date(Math.min(period.end.getTime(), at.getTime() + 1));
  const [quota, progress, punctuality, mentions, incidents] = await Promise.all([
    weekCount ? quotaWeekFacts(q, unit.path, unit.depth, firstWeek, weekCount) : Promise.resolve([]),
    planProgressFacts(q, unit.path, unit.depth, period.from, period.to),
    punctualityFacts(q, unit.path, unit.depth, period.from, period.to, at),
    mentionFacts(q, unit.path, unit.depth, period.start, mentionTo, kind === 'month' ? 'day' : 'week'),
    incidentFacts(q, unit.path, unit.depth, period.start, period.end),
  ]);
  const firstSeen = await storiesFirstSeen(q, incidents.filter((i) => i.storyId != null).map((i) => i.storyId as number));

  // ---- the drill-down rows: the direct sub-units (a school shows itself) ----------------
  const rowUnits = unit.type === 'school' ? [{ id: unit.id, name: unit.name, type: unit.type, schools: 1 }] : base.children;
  const rowIds = new Set(rowUnits.map((r) => r.id));

  // ---- weekly quota heatmap -------------------------------------------------------------
  const weeks = Array.from({ length: weekCount }, (_, i) => {
    const start = addDaysVn(firstWeek, 7 * i);
    return { start: iso(start), label: `Tuần ${isoWeekVn(start).week} (${formatDateVi(start).slice(0, 5)}–${formatDateVi(addDaysVn(start, 6)).slice(0, 5)})` };
  });
  const met = new Map<string, { met: number; articles: number }>();
  for (const r of quota) met.set(`${r.child}:${r.week}`, { met: r.met, articles: r.articles });
  const heatRows = rowUnits
    .filter((u) => u.schools > 0)
    .map((u) => {
      const cells = weeks.map((_, w) => met.get(`${u.id}:${w}`) ?? { met: 0, articles: 0 });
      return {
        unitId: u.id,
        unitName: u.name,
        unitType: u.type,
        schools: u.schools,
        // a school's cell: its articles that week; another unit's: the share (%) of its schools that met the quota
        cells: cells.map((c) => (u.type === 'school' ? c.articles : (pct(c.met, u.schools) ?? 0))),
        metWeeks: cells.reduce((a, c) => a + c.met, 0),
      };
    });
  const schoolWeeks = base.schools * weekCount;
  const metTotal = quota.reduce((a, r) => a + r.met, 0);
  const articlesTotal = quota.reduce((a, r) => a + r.articles, 0);

  // ---- plan progress ---------------------------------------------------------------------
  const statuses = ['done', 'in_progress', 'at_risk', 'not_started'] as const;
  const byQuarter = [1, 2, 3, 4].map((quarter) => ({ quarter, done: 0, in_progress: 0, at_risk: 0, not_started: 0 }));
  const progressBy = new Map<number, { done: number; total: number }>();
  for (const r of progress.rows) {
    const s = (statuses as readonly string[]).includes(r.status) ? (r.status as (typeof statuses)[number]) : 'not_started';
    byQuarter[r.quarter - 1][s] += r.n;
    const x = progressBy.get(r.child) ?? { done: 0, total: 0 };
    x.total += r.n;
    if (s === 'done') x.done += r.n;
    progressBy.set(r.child, x);
  }
  const progressTotal = byQuarter.reduce((a, q) => a + q.done + q.in_progress + q.at_risk + q.not_started, 0);
  const progressDone = byQuarter.reduce((a, q) => a + q.done, 0);

  // ---- report punctuality ------------------------------------------------------------------
  const months = new Map<string, { month: string; onTime: number; late: number; overdue: number; pending: number }>();
  const punctBy = new Map<number, { onTime: number; late: number; overdue: number; pending: number }>();
  for (const r of punctuality) {
    const m = months.get(r.month) ?? { month: r.month, onTime: 0, late: 0, overdue: 0, pending: 0 };
    const u = punctBy.get(r.child) ?? { onTime: 0, late: 0, overdue: 0, pending: 0 };
    for (const k of ['onTime', 'late', 'overdue', 'pending'] as const) {
      m[k] += r[k];
      u[k] += r[k];
    }
    months.set(r.month, m);
    punctBy.set(r.child, u);
  }
  const punctMonths = [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
  const pt = punctMonths.reduce((a, m) => ({ onTime: a.onTime + m.onTime, late: a.late + m.late, overdue: a.overdue + m.overdue, pending: a.pending + m.pending }), { onTime: 0, late: 0, overdue: 0, pending: 0 });

  // ---- mentions and tone -----------------------------------------------------------------------
  const mt = mentions.byBucket.reduce((a, b) => ({ negative: a.negative + b.negative, neutral: a.neutral + b.neutral, positive: a.positive + b.positive }), { negative: 0, neutral: 0, positive: 0 });
  const mentionsBy = new Map(mentions.byChild.map((r) => [r.child, r]));

  // ---- incident times ------------------------------------------------------------------------------
  const items = incidents.map((i) => {
    const seen = i.storyId != null ? firstSeen.get(i.storyId) ?? null : null;
    return {
      id: i.id, title: i.title, unitId: i.unitId, unitName: i.unitName, unitPath: i.unitPath, child: i.child, severity: i.severity, status: i.status,
      openedAt: new Date(i.openedAt).toISOString(),
      detectHours: seen ? Math.max(0, hours(seen, i.detectedAt) as number) : null,
      statementHours: hours(i.openedAt, i.firstStatementAt),
      resolveHours: hours(i.openedAt, i.resolvedAt),
      isStatementOnTime: i.firstStatementAt && i.firstStatementDueAt ? new Date(i.firstStatementAt) <= new Date(i.firstStatementDueAt) : null,
    };
  });
  const round1 = (x: number | null) => (x == null ? null : Math.round(x * 10) / 10);
  const incidentSummary = (xs: typeof items) => ({
    count: xs.length,
    detectMedianHours: median(xs.map((x) => x.detectHours).filter((x): x is number => x != null)),
    statementMedianHours: median(xs.map((x) => x.statementHours).filter((x): x is number => x != null)),
    resolveMedianHours: median(xs.map((x) => x.resolveHours).filter((x): x is number => x != null)),
    statementOnTime: xs.filter((x) => x.isStatementOnTime === true).length,
    statementLate: xs.filter((x) => x.isStatementOnTime === false).length,
    open: xs.filter((x) => x.resolveHours == null).length,
  });
  const bySeverity = [1, 2, 3, 4].map((severity) => ({ severity, ...incidentSummary(items.filter((x) => x.severity === severity)) }));
  const incidentsBy = new Map<number, number>();
  for (const i of items) incidentsBy.set(i.child, (incidentsBy.get(i.child) ?? 0) + 1);

  const units = rowUnits.map((u) => {
    const pr = progressBy.get(u.id);
    const pu = punctBy.get(u.id);
    const h = heatRows.find((r) => r.unitId === u.id);
    return {
      unitId: u.id, unitName: u.name, unitType: u.type, schools: u.schools,
      quotaPct: h && weekCount ? pct(h.metWeeks, u.schools * weekCount) : null,
      progressPct: pr ? pct(pr.done, pr.total) : null,
      mentions: mentionsBy.get(u.id)?.mentions ?? 0,
      negative: mentionsBy.get(u.id)?.negative ?? 0,
      incidents: incidentsBy.get(u.id) ?? 0,
      reportsOnTime: pu?.onTime ?? 0, reportsLate: pu?.late ?? 0, reportsOverdue: pu?.overdue ?? 0,
    };
  });

  return {
    unit: { id: unit.id, name: unit.name, type: unit.type, path: unit.path },
    ancestors: base.ancestors.map((a) => ({ id: a.id, name: a.name, type: a.type, path: a.path })),
    period: { kind: period.kind, from: period.from, to: period.to, label: period.label },
    generatedAt: at.toISOString(),
    summary: {
      schools: base.schools,
      quotaPct: pct(metTotal, schoolWeeks),
      articles: articlesTotal,
      progressPct: pct(progressDone, progressTotal),
      mentions: mt.negative + mt.neutral + mt.positive,
      negative: mt.negative,
      incidents: items.length,
      reportsOnTimePct: pct(pt.onTime, pt.onTime + pt.late + pt.overdue),
    },
    quota: { weeks, rows: heatRows.map(({ metWeeks: _m, ...r }) => r), schoolWeeks, met: metTotal },
    progress: { plans: progress.plans, byQuarter, total: progressTotal, done: progressDone },
    mentions: { bucket: kind === 'month' ? 'day' : 'week', series: mentions.byBucket, totals: mt },
    incidents: {
      summary: incidentSummary(items),
      bySeverity,
      recent: items.slice(0, 10).map(({ child: _c, ...x }) => ({ ...x, detectHours: round1(x.detectHours), statementHours: round1(x.statementHours), resolveHours: round1(x.resolveHours) })),
    },
    punctuality: { months: punctMonths, totals: pt },
    units: units.filter((u) => rowIds.has(u.unitId)),
  };
}
export type UnitDashboard = Awaited<ReturnType<typeof unitDashboard>>;
