import { now } from '../../platform/clock';
import { type Queryable, type Tx, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { addDaysVn } from '../../text';
import { type Actor, recordAudit } from '../audit';
import { type Assignment, type UnitType, canOnUnit } from '../org';
import { fromIso } from '../plans';
import { type Evidence, type Fact, type Metric, type MetricKind, isMetric, providers } from './providers';

/**
 * Emulation scoring (thi đua). A scheme belongs to a ranking unit (the Sở, a commune
 * office) and ranks the units of one type in its subtree over one period — a school
 * year (1 Sep–31 Aug), a semester (I: 1 Sep–15 Jan, II: 16 Jan–31 May) or custom dates —
 * by weighted criteria. A criterion reads one metric (providers.ts) for the unit itself
 * or its whole subtree and earns `weight × min(value / target, 1)` points; a unit with
 * nothing to count for a rate earns 0 or the full weight as the criterion says.
 * Scores are computed on request from the modules' facts: nothing is cached.
 */
export type PeriodKind = 'school_year' | 'semester' | 'custom';
export type CriterionInput = { label: string; metric: string; weight: number; target: number; scope?: 'unit' | 'subtree'; noData?: 'zero' | 'full' };
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

const levelOf: Record<UnitType, number> = { ministry: 0, department: 1, office: 2, commune: 2, affiliated: 2, school: 3 };

function bad(reasonKey: 'emulation.period_school_year' | 'emulation.period_semester' | 'emulation.period_dates'): never {
  throw new AppError('emulation.bad_period', 400, 'emulation.bad_period', { reason: t(reasonKey) });
}

/** The period's first and last day (yyyy-mm-dd), from its kind. */
export function periodDates(p: { periodKind: PeriodKind; schoolYear?: string | null; semester?: number | null; startsOn?: string | null; endsOn?: string | null }): { startsOn: string; endsOn: string } {
  if (p.periodKind === 'custom') {
    if (!p.startsOn || !p.endsOn || p.endsOn < p.startsOn) bad('emulation.period_dates');
    const days = (fromIso(p.endsOn).getTime() - fromIso(p.startsOn).getTime()) / 86_400_000;
    if (days > 731) bad('emulation.period_dates');
    return { startsOn: p.startsOn, endsOn: p.endsOn };
  }
  const y = Number(p.schoolYear?.slice(0, 4));
  if (!p.schoolYear || !/^\d{4}-\d{4}$/.test(p.schoolYear) || Number(p.schoolYear.slice(5)) !== y + 1) bad(p.periodKind === 'semester' ? 'emulation.period_semester' : 'emulation.period_school_year');
  if (p.periodKind === 'school_year') return { startsOn: `${y}-09-01`, endsOn: `${y + 1}-08-31` };
  if (p.semester === 1) return { startsOn: `${y}-09-01`, endsOn: `${y + 1}-01-15` };
  if (p.semester === 2) return { startsOn: `${y + 1}-01-16`, endsOn: `${y + 1}-05-31` };
  bad('emulation.period_semester');
}

function validateCriteria(criteria: CriterionInput[]) {
  if (!criteria.length) throw new AppError('emulation.no_criteria', 400, 'emulation.no_criteria');
  const seen = new Set<string>();
  for (const c of criteria) {
    if (!isMetric(c.metric)) throw new AppError('emulation.unknown_metric', 400, 'emulation.unknown_metric', { label: c.label, metric: c.metric });
    if (!providers[c.metric].load) throw new AppError('emulation.metric_unavailable', 400, 'emulation.metric_unavailable', { label: c.label, metric: c.metric });
    const key = `${c.metric}/${c.scope ?? 'unit'}`;
    if (seen.has(key)) throw new AppError('emulation.duplicate_metric', 400, 'emulation.duplicate_metric', { metric: c.metric });
    seen.add(key);
    if (providers[c.metric].kind === 'percent' && c.target > 100) throw new AppError('emulation.bad_target', 400, 'emulation.bad_target', { label: c.label });
  }
}

async function unitOf(q: Queryable, id: number) {
  const r = await q.query<{ id: string; type: UnitType; path: string; name: string }>('select id, type, path::text as path, name from units where id = $1', [id]);
  if (!r.rowCount) throw new AppError('unit.not_found', 404, 'unit.not_found');
  return { ...r.rows[0], id: Number(r.rows[0].id) };
}

async function writeCriteria(tx: Tx, schemeId: number, criteria: CriterionInput[]) {
  await tx.query('delete from emulation_criteria where scheme_id = $1', [schemeId]);
  for (const [i, c] of criteria.entries()) {
    await tx.query(
      `insert into emulation_criteria (scheme_id, position, label, metric, weight, target, scope, no_data) values ($1,$2,$3,$4,$5,$6,$7,$8)`,
      [schemeId, i + 1, c.label.trim(), c.metric, c.weight, c.target, c.scope ?? 'unit', c.noData ?? 'zero'],
    );
  }
}

export type Criterion = { id: number; position: number; label: string; metric: Metric; kind: MetricKind; weight: number; target: number; scope: 'unit' | 'subtree'; noData: 'zero' | 'full'; isAvailable: boolean };
export type Scheme = {
  id: number; unitId: number; unitName: string; unitType: UnitType; title: string; periodKind: PeriodKind; schoolYear: string | null; semester: number | null;
  startsOn: string; endsOn: string; version: number; createdAt: string; updatedAt: string; criteria: Criterion[]; maxPoints: number;
};

export async function getScheme(q: Queryable, id: number): Promise<Scheme> {
  const r = await q.query(
    `select s.id, s.unit_id as "unitId", u.name as "unitName", s.unit_type as "unitType", s.title, s.period_kind as "periodKind", s.school_year as "schoolYear",
            s.semester, s.starts_on::text as "startsOn", s.ends_on::text as "endsOn", s.version, s.created_at as "createdAt", s.updated_at as "updatedAt"
       from emulation_schemes s join units u on u.id = s.unit_id where s.id = $1`,
    [id],
  );
  if (!r.rowCount) throw new AppError('emulation.not_found', 404, 'emulation.not_found');
  const c = await q.query(
    `select id, position, label, metric, weight::float8 as weight, target::float8 as target, scope, no_data as "noData" from emulation_criteria where scheme_id = $1 order by position`,
    [id],
  );
  const criteria = c.rows.map((x) => ({
    ...x,
    id: Number(x.id),
    kind: isMetric(x.metric) ? providers[x.metric as Metric].kind : 'count',
    isAvailable: isMetric(x.metric) && !!providers[x.metric as Metric].load,
  })) as Criterion[];
  const s = r.rows[0];
  return {
    ...s,
    id: Number(s.id),
    unitId: Number(s.unitId),
    createdAt: new Date(s.createdAt).toISOString(),
    updatedAt: new Date(s.updatedAt).toISOString(),
    criteria,
    maxPoints: round2(criteria.reduce((a, x) => a + x.weight, 0)),
  };
}

export async function schemeUnit(q: Queryable, id: number): Promise<number> {
  const r = await q.query<{ unitId: string }>('select unit_id as "unitId" from emulation_schemes where id = $1', [id]);
  if (!r.rowCount) throw new AppError('emulation.not_found', 404, 'emulation.not_found');
  return Number(r.rows[0].unitId);
}

/** The schemes of one ranking unit, latest period first. */
export async function listSchemes(q: Queryable, opts: { unitId: number }) {
  const r = await q.query(
    `select s.id, s.unit_id as "unitId", u.name as "unitName", s.unit_type as "unitType", s.title, s.period_kind as "periodKind",
            s.starts_on::text as "startsOn", s.ends_on::text as "endsOn", (select count(*) from emulation_criteria c where c.scheme_id = s.id)::int as criteria,
            s.updated_at as "updatedAt"
       from emulation_schemes s join units u on u.id = s.unit_id
      where s.unit_id = $1
      order by s.starts_on desc, s.id desc limit 200`,
    [opts.unitId],
  );
  return r.rows.map((x) => ({ ...x, id: Number(x.id), unitId: Number(x.unitId), updatedAt: new Date(x.updatedAt).toISOString() })) as {
    id: number; unitId: number; unitName: string; unitType: UnitType; title: string; periodKind: PeriodKind; startsOn: string; endsOn: string; criteria: number; updatedAt: string;
  }[];
}

function checkLevel(owner: { type: UnitType }, unitType: UnitType) {
  if (levelOf[unitType] <= levelOf[owner.type]) throw new AppError('emulation.bad_level', 400, 'emulation.bad_level');
}

export async function createScheme(actor: Actor, unitId: number, input: SchemeInput): Promise<Scheme> {
  validateCriteria(input.criteria);
  const dates = periodDates(input);
  return withTransaction(async (tx) => {
    checkLevel(await unitOf(tx, unitId), input.unitType);
    const r = await tx.query<{ id: string }>(
      `insert into emulation_schemes (unit_id, unit_type, title, period_kind, school_year, semester, starts_on, ends_on, created_by)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9) returning id`,
      [unitId, input.unitType, input.title.trim(), input.periodKind, input.periodKind === 'custom' ? null : input.schoolYear, input.periodKind === 'semester' ? input.semester : null, dates.startsOn, dates.endsOn, actor.userId],
    );
    const id = Number(r.rows[0].id);
    await writeCriteria(tx, id, input.criteria);
    const s = await getScheme(tx, id);
    await recordAudit(tx, actor, { action: 'emulation.create', entity: 'emulation_scheme', entityId: id, unitId, after: s });
    return s;
  });
}

export async function updateScheme(actor: Actor, id: number, input: SchemeInput & { version: number }): Promise<Scheme> {
  validateCriteria(input.criteria);
  const dates = periodDates(input);
  return withTransaction(async (tx) => {
    const lock = await tx.query<{ version: number; unitId: string }>('select version, unit_id as "unitId" from emulation_schemes where id = $1 for update', [id]);
    if (!lock.rowCount) throw new AppError('emulation.not_found', 404, 'emulation.not_found');
    if (lock.rows[0].version !== input.version) throw new AppError('emulation.stale', 409, 'emulation.stale');
    const before = await getScheme(tx, id);
    checkLevel(await unitOf(tx, Number(lock.rows[0].unitId)), input.unitType);
    await tx.query(
      `update emulation_schemes set unit_type = $2, title = $3, period_kind = $4, school_year = $5, semester = $6, starts_on = $7, ends_on = $8,
              version = version + 1, updated_at = $9 where id = $1`,
      [id, input.unitType, input.title.trim(), input.periodKind, input.periodKind === 'custom' ? null : input.schoolYear, input.periodKind === 'semester' ? input.semester : null, dates.startsOn, dates.endsOn, now()],
    );
    await writeCriteria(tx, id, input.criteria);
    const after = await getScheme(tx, id);
    await recordAudit(tx, actor, { action: 'emulation.update', entity: 'emulation_scheme', entityId: id, unitId: before.unitId, before, after });
    return after;
  });
}

export async function deleteScheme(actor: Actor, id: number): Promise<void> {
  await withTransaction(async (tx) => {
    const before = await getScheme(tx, id);
    await tx.query('delete from emulation_schemes where id = $1', [id]);
    await recordAudit(tx, actor, { action: 'emulation.delete', entity: 'emulation_scheme', entityId: id, unitId: before.unitId, before });
  });
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export type Cell = { criterionId: number; value: number | null; count: number; total: number | null; points: number; evidence: Evidence[] };
export type RankRow = { rank: number; unitId: number; unitName: string; total: number; cells: Cell[] };
export type Ranking = { scheme: Scheme; from: string; to: string; computedAt: string; rows: RankRow[] };

/**
 * The ranked table: every active unit of the scheme's type under the ranking unit,
 * each criterion's value, points and evidence, the total, and the rank (ties share a
 * rank: 1, 1, 3). Rates count only what is decided by now (a deadline not yet due is
 * neither met nor missed).
 */
export async function scoreScheme(q: Queryable, id: number, viewer?: readonly Assignment[]): Promise<Ranking> {
  const scheme = await getScheme(q, id);
  const owner = await unitOf(q, scheme.unitId);
  const at = now();
  const from = fromIso(scheme.startsOn);
  const to = addDaysVn(fromIso(scheme.endsOn), 1);
  const ranked = (
    await q.query<{ id: string; name: string; path: string }>(
      `select id, name, path::text as path from units where path <@ $1::ltree and id <> $2 and type = $3 and status = 'active' order by name limit 5000`,
      [owner.path, owner.id, scheme.unitType],
    )
  ).rows.map((u) => ({ id: Number(u.id), name: u.name, path: u.path }));
  // A viewer without incidents.read on an incident's unit sees a neutral label, not its title.
  const needsPaths = !!viewer || scheme.criteria.some((c) => c.scope === 'subtree');
  const pathOf = new Map<number, string>();
  if (needsPaths) {
    const all = await q.query<{ id: string; path: string }>('select id, path::text as path from units where path <@ $1::ltree', [owner.path]);
    for (const u of all.rows) pathOf.set(Number(u.id), u.path);
  }
  const factsByMetric = new Map<Metric, Fact[]>();
  for (const c of scheme.criteria) {
    const p = providers[c.metric];
    if (!p?.load || factsByMetric.has(c.metric)) continue;
    factsByMetric.set(c.metric, await p.load(q, { unitPath: owner.path, from, to, at }));
  }
  // Each fact goes to its ranked unit: the unit itself, or (subtree scope) its nearest ranked ancestor on its path.
  const rankedIds = new Set(ranked.map((u) => u.id));
  const factsFor = scheme.criteria.map((c) => {
    const by = new Map<number, Fact[]>();
    for (const f of factsByMetric.get(c.metric) ?? []) {
      let target: number | undefined;
      if (c.scope === 'subtree') {
        const labels = (pathOf.get(f.unitId) ?? '').split('.').map(Number).reverse();
        target = labels.find((id) => rankedIds.has(id));
      } else if (rankedIds.has(f.unitId)) target = f.unitId;
      if (target === undefined) continue;
      const list = by.get(target);
      if (list) list.push(f);
      else by.set(target, [f]);
    }
    return by;
  });
  const redact = (f: Fact, e: Evidence): Evidence => {
    const m = /^\/admin\/su-co\/(\d+)$/.exec(e.url);
    if (!viewer || !m || canOnUnit(viewer, 'incidents.read', pathOf.get(f.unitId) ?? '')) return e;
    return { ...e, label: t('incident.redacted_label', { id: m[1] }) };
  };
  const rows = ranked.map((u) => {
    const cells: Cell[] = scheme.criteria.map((c, ci) => {
      const facts = factsFor[ci].get(u.id) ?? [];
      const count = facts.reduce((a, f) => a + f.count, 0);
      const total = c.kind === 'count' ? null : facts.reduce((a, f) => a + (f.total ?? 0), 0);
      const value = c.kind === 'count' ? count : total ? (c.kind === 'percent' ? round2((100 * count) / total) : round2(count / total)) : null;
      const points = value === null ? (c.noData === 'full' ? c.weight : 0) : round2(c.weight * Math.min(value / c.target, 1));
      return { criterionId: c.id, value, count, total, points, evidence: facts.flatMap((f) => f.evidence.map((e) => redact(f, e))) };
    });
    return { rank: 0, unitId: u.id, unitName: u.name, total: round2(cells.reduce((a, x) => a + x.points, 0)), cells };
  });
  rows.sort((a, b) => b.total - a.total || a.unitName.localeCompare(b.unitName, 'vi'));
  rows.forEach((r, i) => {
    r.rank = i > 0 && rows[i - 1].total === r.total ? rows[i - 1].rank : i + 1;
  });
  return { scheme, from: scheme.startsOn, to: scheme.endsOn, computedAt: at.toISOString(), rows };
}

