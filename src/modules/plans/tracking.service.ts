import { now } from '../../platform/clock';
import { type Queryable, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { type Actor, recordAudit } from '../audit';
import { iso } from './deadlines';

/**
 * Implementation tracking: each task's status per quarter with evidence, rolled
 * up from the tasks cascaded from it in sub-units' plans, and which sub-units
 * have issued their own plan, on time or not.
 *
 * Roll-up rule (docs/PLANS.md): a task with linked child tasks takes its status
 * from the leaf tasks under it, at any depth — `done` when all leaves are done,
 * `at_risk` when any leaf is at risk, `in_progress` when any leaf has started,
 * else `not_started`; a task without children reports its own status.
 */
export type TaskStatus = 'not_started' | 'in_progress' | 'done' | 'at_risk';
export type Evidence = { label: string; url: string };
export type Rollup = { status: TaskStatus; done: number; total: number };

export function rollUp(leaves: readonly (TaskStatus | null)[]): Rollup {
  const s = leaves.map((x) => x ?? 'not_started');
  const done = s.filter((x) => x === 'done').length;
  const status: TaskStatus =
    s.length && done === s.length ? 'done' : s.includes('at_risk') ? 'at_risk' : s.some((x) => x !== 'not_started') ? 'in_progress' : 'not_started';
  return { status, done, total: s.length };
}

export async function setTaskProgress(
  actor: Actor,
  taskId: number,
  quarter: number,
  status: TaskStatus,
  note?: string,
  evidence: Evidence[] = [],
): Promise<void> {
  await withTransaction(async (tx) => {
    const p = await tx.query<{ status: string; unitId: number }>(
      'select p.status, p.unit_id as "unitId" from plan_tasks t join plans p on p.id = t.plan_id where t.id = $1 for share of p',
      [taskId],
    );
    if (!p.rowCount) throw new AppError('plan.not_found', 404, 'plan.not_found');
    const before = await tx.query('select status, note, evidence from plan_task_progress where task_id = $1 and quarter = $2', [taskId, quarter]);
    await tx.query(
      `insert into plan_task_progress (task_id, quarter, status, note, evidence, updated_by, updated_at) values ($1,$2,$3,$4,$5,$6,$7)
       on conflict (task_id, quarter) do update set status = excluded.status, note = excluded.note, evidence = excluded.evidence,
         updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      [taskId, quarter, status, note ?? null, JSON.stringify(evidence), actor.userId, now()],
    );
    await recordAudit(tx, actor, {
      action: 'plan.task_progress',
      entity: 'plan_task',
      entityId: taskId,
      unitId: p.rows[0].unitId,
      before: before.rows[0] ?? null,
      after: { quarter, status, note, evidence },
    });
  });
}

/** A task's quarter status rolled up from the tasks cascaded from it, at any depth. */
export async function taskRollup(q: Queryable, taskId: number, quarter: number): Promise<Rollup> {
  const r = await q.query<{ isLeaf: boolean; status: TaskStatus | null }>(
    `with recursive t(id) as (select $1::bigint union all select c.id from plan_tasks c join t on c.parent_task_id = t.id)
     select not exists (select 1 from plan_tasks c where c.parent_task_id = t.id) as "isLeaf", p.status
       from t left join plan_task_progress p on p.task_id = t.id and p.quarter = $2`,
    [taskId, quarter],
  );
  return rollUp(r.rows.filter((x) => x.isLeaf).map((x) => x.status));
}

/** Every task of a plan with its own status, note and evidence per quarter, the roll-up, and totals per quarter for the chart. */
export async function planProgress(q: Queryable, planId: number) {
  const tasks = await q.query<{ id: number; position: number; group: string | null; topic: string; quarters: number[] }>(
    'select id, position, task_group as "group", topic, quarters from plan_tasks where plan_id = $1 order by position',
    [planId],
  );
  const own = await q.query<{ taskId: number; quarter: number; status: TaskStatus; note: string | null; evidence: Evidence[] }>(
    `select g.task_id as "taskId", g.quarter, g.status, g.note, g.evidence
       from plan_task_progress g join plan_tasks t on t.id = g.task_id where t.plan_id = $1`,
    [planId],
  );
  // One recursive query for the whole plan: every task's leaves at any depth, with their quarter statuses.
  const leaves = await q.query<{ root: number; leaf: number; quarter: number; status: TaskStatus | null }>(
    `with recursive t(root, id) as (
       select id, id from plan_tasks where plan_id = $1
       union all select t.root, c.id from plan_tasks c join t on c.parent_task_id = t.id)
     select t.root, t.id as leaf, g.q as quarter, p.status
       from t cross join generate_series(1, 4) g(q)
       left join plan_task_progress p on p.task_id = t.id and p.quarter = g.q
      where not exists (select 1 from plan_tasks c where c.parent_task_id = t.id)`,
    [planId],
  );
  // Published articles tagged with a task are its evidence, automatically (newsroom's article_plan_tasks).
  const articles = await q.query<{ taskId: number; title: string; slug: string; publishedAt: Date; quarter: number }>(
    `select l.task_id as "taskId", a.title, a.slug, a.published_at as "publishedAt",
            extract(quarter from a.published_at at time zone 'Asia/Ho_Chi_Minh')::int as quarter
       from article_plan_tasks l join articles a on a.id = l.article_id join plan_tasks t on t.id = l.task_id
      where t.plan_id = $1 and a.status = 'published' order by a.published_at`,
    [planId],
  );
  const ownBy = new Map(own.rows.map((x) => [`${x.taskId}:${x.quarter}`, x]));
  const leavesBy = new Map<string, (TaskStatus | null)[]>();
  for (const l of leaves.rows) {
    const k = `${l.root}:${l.quarter}`;
    leavesBy.set(k, [...(leavesBy.get(k) ?? []), l.status]);
  }
  const totals = [1, 2, 3, 4].map((quarter) => ({ quarter, not_started: 0, in_progress: 0, done: 0, at_risk: 0 }));
  const items = tasks.rows.map((t) => {
    const byQuarter: Record<string, { status: TaskStatus | null; note: string | null; evidence: Evidence[]; rollup: Rollup }> = {};
    for (const quarter of [1, 2, 3, 4]) {
      const o = ownBy.get(`${t.id}:${quarter}`);
      const rollup = rollUp(leavesBy.get(`${t.id}:${quarter}`) ?? [o?.status ?? null]);
      byQuarter[String(quarter)] = { status: o?.status ?? null, note: o?.note ?? null, evidence: o?.evidence ?? [], rollup };
      // The chart counts only the quarters a task is planned for (all four when none are given).
      if (!t.quarters.length || t.quarters.includes(quarter)) totals[quarter - 1][rollup.status]++;
    }
    const linked = articles.rows
      .filter((a) => a.taskId === t.id)
      .map((a) => ({ title: a.title, url: `/tin-tuc/${a.slug}`, publishedAt: new Date(a.publishedAt).toISOString(), quarter: a.quarter }));
    return { ...t, byQuarter, articles: linked };
  });
  return { tasks: items, totals };
}

/**
 * The plan unit's direct sub-units and the plan each has made from this one:
 * on time when issued by the plan's `subplan_due_on`, late when that day has
 * passed without an issued plan.
 */
export async function listSubplans(q: Queryable, planId: number) {
  const plan = await q.query<{ unitId: number; dueOn: string | null }>(
    'select unit_id as "unitId", subplan_due_on::text as "dueOn" from plans where id = $1',
    [planId],
  );
  if (!plan.rowCount) throw new AppError('plan.not_found', 404, 'plan.not_found');
  const { unitId, dueOn } = plan.rows[0];
  const r = await q.query<{ unitId: number; unitName: string; unitType: string; planId: number | null; planStatus: string | null; numberLabel: string | null; issuedOn: string | null }>(
    `select u.id as "unitId", u.name as "unitName", u.type as "unitType", c.id as "planId", c.status as "planStatus",
            case when c.number is not null then lpad(c.number::text, 2, '0') || '/' || coalesce(c.symbol, 'KH') end as "numberLabel",
            c.issued_on::text as "issuedOn"
       from units u
       left join lateral (select * from plans c where c.unit_id = u.id and c.parent_plan_id = $1
                          order by (c.status = 'issued') desc, c.id desc limit 1) c on true
      where u.parent_id = $2 and u.status = 'active'
      order by u.name`,
    [planId, unitId],
  );
  const today = iso(now());
  return {
    dueOn,
    items: r.rows.map((x) => {
      const isIssued = x.planStatus === 'issued' || x.planStatus === 'superseded';
      return {
        ...x,
        isOnTime: isIssued && dueOn ? (x.issuedOn as string) <= dueOn : null,
        isLate: dueOn ? (isIssued ? (x.issuedOn as string) > dueOn : today > dueOn) : false,
      };
    }),
  };
}
