import { now } from '../../platform/clock';
import { type Queryable, type Tx, db, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { type Actor, recordAudit } from '../audit';
import { type UnitType, unitPathOf } from '../org';
import { type Recurrence, deadlinesFor, periodOf, vietnamHolidays } from './deadlines';

/**
 * Plans: write, submit, approve (a leader of the issuing unit, never the
 * author), issue (numbered per unit and calendar year), cascade to sub-units,
 * and the deadlines their obligations create for the units they bind.
 */
export type PlanPeriod = { year: number } | { schoolYear: string };
export type TaskInput = {
  group?: string | null;
  topic: string;
  products?: string | null;
  lead?: string[];
  partners?: string[];
  quarters?: number[];
  unitTypes?: UnitType[];
  objectives?: { kind: 'output' | 'outtake' | 'outcome'; indicator: string; target?: string | null }[];
};
export type ObligationInput = {
  who?: string | null;
  unitTypes?: UnitType[];
  what: string;
  recurrence: Recurrence;
  dayOfMonth?: number | null;
  isBeforeDay?: boolean;
  dueDate?: string | null;
  isWorkingDaysOnly?: boolean;
  quantity?: number | null;
  reminderDays?: number;
};
export type PlanInput = {
  unitId: number;
  title: string;
  period: PlanPeriod;
  place?: string | null;
  symbol?: string | null;
  basis?: { kind: string; ref: string; date?: string | null; issuer?: string | null; summary?: string | null; planId?: number }[];
  sections?: unknown[];
  signer?: { authority: string | null; title: string | null; deputyTitle: string | null; name: string | null } | null;
  recipients?: string[];
  tasks?: TaskInput[];
  obligations?: ObligationInput[];
};

const planColumns = `p.id, p.unit_id as "unitId", p.parent_plan_id as "parentPlanId", p.status, p.number, p.number_year as "numberYear",
  p.symbol, p.title, p.period, p.place, p.issued_on as "issuedOn", p.basis, p.sections, p.signer, p.recipients,
  p.author_id as "authorId", p.approved_by as "approvedBy", p.version`;

export async function getPlan(q: Queryable, id: number) {
  const r = await q.query(`select ${planColumns} from plans p where p.id = $1`, [id]);
  const plan = r.rows[0];
  if (!plan) throw new AppError('plan.not_found', 404, 'plan.not_found');
  const tasks = await q.query(
    `select id, parent_task_id as "parentTaskId", position, task_group as "group", topic, products, lead, partners, quarters,
            unit_types as "unitTypes", objectives from plan_tasks where plan_id = $1 order by position`,
    [id],
  );
  const obligations = await q.query(
    `select id, parent_obligation_id as "parentObligationId", who, unit_types as "unitTypes", what, recurrence,
            day_of_month as "dayOfMonth", is_before_day as "isBeforeDay", due_date as "dueDate",
            is_working_days_only as "isWorkingDaysOnly", quantity, reminder_days as "reminderDays"
       from plan_obligations where plan_id = $1 order by id`,
    [id],
  );
  return { ...plan, tasks: tasks.rows, obligations: obligations.rows };
}
export type Plan = Awaited<ReturnType<typeof getPlan>>;

async function insertChildren(tx: Tx, planId: number, tasks: (TaskInput & { parentTaskId?: number | null })[], obligations: (ObligationInput & { parentObligationId?: number | null })[]) {
  let position = 0;
  for (const t of tasks) {
    await tx.query(
      `insert into plan_tasks (plan_id, parent_task_id, position, task_group, topic, products, lead, partners, quarters, unit_types, objectives)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
      [planId, t.parentTaskId ?? null, ++position, t.group ?? null, t.topic, t.products ?? null, t.lead ?? [], t.partners ?? [],
        t.quarters ?? [], t.unitTypes ?? [], JSON.stringify(t.objectives ?? [])],
    );
  }
  for (const o of obligations) {
    await tx.query(
      `insert into plan_obligations (plan_id, parent_obligation_id, who, unit_types, what, recurrence, day_of_month, is_before_day,
                                     due_date, is_working_days_only, quantity, reminder_days)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
      [planId, o.parentObligationId ?? null, o.who ?? null, o.unitTypes ?? [], o.what, o.recurrence, o.dayOfMonth ?? null,
        o.isBeforeDay ?? false, o.dueDate ?? null, o.isWorkingDaysOnly ?? false, o.quantity ?? null, o.reminderDays ?? 3],
    );
  }
}

export async function createPlan(actor: Actor, input: PlanInput & { parentPlanId?: number | null }, extra?: {
  tasks: (TaskInput & { parentTaskId?: number | null })[];
  obligations: (ObligationInput & { parentObligationId?: number | null })[];
}): Promise<Plan> {
  return withTransaction(async (tx) => {
    const r = await tx.query<{ id: number }>(
      `insert into plans (unit_id, parent_plan_id, symbol, title, period, place, basis, sections, signer, recipients, author_id)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) returning id`,
      [input.unitId, input.parentPlanId ?? null, input.symbol ?? null, input.title, JSON.stringify(input.period), input.place ?? null,
        JSON.stringify(input.basis ?? []), JSON.stringify(input.sections ?? []), input.signer ? JSON.stringify(input.signer) : null,
        JSON.stringify(input.recipients ?? []), actor.userId],
    );
    const id = r.rows[0].id;
    await insertChildren(tx, id, extra?.tasks ?? input.tasks ?? [], extra?.obligations ?? input.obligations ?? []);
    const plan = await getPlan(tx, id);
    await recordAudit(tx, actor, { action: 'plan.create', entity: 'plan', entityId: id, unitId: input.unitId, after: plan });
    return plan;
  });
}

async function lockPlan(tx: Tx, id: number) {
  const r = await tx.query('select id, status, author_id as "authorId", unit_id as "unitId", version from plans where id = $1 for update', [id]);
  if (!r.rowCount) throw new AppError('plan.not_found', 404, 'plan.not_found');
  return r.rows[0] as { id: number; status: string; authorId: number | null; unitId: number; version: number };
}

const transitions: Record<string, { from: string[]; to: string }> = {
  submit: { from: ['draft'], to: 'submitted' },
  return: { from: ['submitted', 'approved'], to: 'draft' },
  approve: { from: ['submitted'], to: 'approved' },
};

/** Workflow moves; approving needs someone other than the author (checked here, whatever the caller's role). */
export async function movePlan(actor: Actor, id: number, action: 'submit' | 'return' | 'approve', comment?: string): Promise<Plan> {
  return withTransaction(async (tx) => {
    const p = await lockPlan(tx, id);
    const t = transitions[action];
    if (!t.from.includes(p.status)) throw new AppError('plan.bad_state', 409, 'plan.bad_state', { status: p.status });
    if (action === 'approve' && p.authorId === actor.userId) throw new AppError('plan.self_approval', 403, 'plan.self_approval');
    await tx.query(
      `update plans set status = $2, version = version + 1, updated_at = now(),
              approved_by = case when $2 = 'approved' then $3::bigint else approved_by end,
              approved_at = case when $2 = 'approved' then $4::timestamptz else approved_at end
        where id = $1`,
      [id, t.to, actor.userId, now()],
    );
    if (comment) await tx.query('insert into plan_comments (plan_id, author_id, body) values ($1,$2,$3)', [id, actor.userId, comment]);
    await recordAudit(tx, actor, { action: `plan.${action}`, entity: 'plan', entityId: id, unitId: p.unitId, before: { status: p.status }, after: { status: t.to, comment } });
    return getPlan(tx, id);
  });
}

/**
 * Issues an approved plan: the next number of the issuing unit's calendar year
 * (numbering restarts each 1 January), the issue date, the superseded
 * predecessor, and the obligations' deadlines for every unit they bind.
 */
export async function issuePlan(actor: Actor, id: number, opts: { issuedOn: string; holidays: ReadonlySet<string> }): Promise<Plan> {
  return withTransaction(async (tx) => {
    const p = await lockPlan(tx, id);
    if (p.status !== 'approved') throw new AppError('plan.bad_state', 409, 'plan.bad_state', { status: p.status });
    const year = Number(opts.issuedOn.slice(0, 4));
    await tx.query('select pg_advisory_xact_lock($1, $2)', [p.unitId, year]);
    const n = await tx.query<{ next: number }>(
      'select coalesce(max(number), 0) + 1 as next from plans where unit_id = $1 and number_year = $2',
      [p.unitId, year],
    );
    await tx.query(
      `update plans set status = 'issued', number = $2, number_year = $3, issued_on = $4, issued_at = $5,
              version = version + 1, updated_at = now() where id = $1`,
      [id, n.rows[0].next, year, opts.issuedOn, now()],
    );
    await materialiseDeadlines(tx, id, opts.holidays);
    await recordAudit(tx, actor, { action: 'plan.issue', entity: 'plan', entityId: id, unitId: p.unitId, after: { number: n.rows[0].next, year } });
    return getPlan(tx, id);
  });
}

/**
 * Deadlines for each obligation and each unit it binds: the units of the listed
 * types in the issuing unit's subtree, or the issuing unit itself when none are
 * listed. Idempotent: re-running adds only what is missing.
 */
export async function materialiseDeadlines(tx: Tx, planId: number, holidays: ReadonlySet<string>): Promise<number> {
  const plan = await getPlan(tx, planId);
  const path = (await unitPathOf(tx, plan.unitId)) as string;
  const period = periodOf(plan.period as PlanPeriod);
  let count = 0;
  for (const o of plan.obligations) {
    const units = o.unitTypes.length
      ? (await tx.query<{ id: number }>(`select id from units where path <@ $1::ltree and type = any($2) and status = 'active'`, [path, o.unitTypes])).rows
      : [{ id: plan.unitId }];
    const deadlines = deadlinesFor(
      { recurrence: o.recurrence, dayOfMonth: o.dayOfMonth, isBeforeDay: o.isBeforeDay, dueDate: o.dueDate, isWorkingDaysOnly: o.isWorkingDaysOnly },
      period,
      { holidays },
    );
    if (!deadlines.length || !units.length) continue;
    const r = await tx.query(
      `insert into obligation_deadlines (obligation_id, unit_id, label, due_date, due_at)
       select $1, u, d.label, d.due_date, d.due_at
         from unnest($2::bigint[]) u
        cross join jsonb_to_recordset($3::jsonb) as d(label text, due_date date, due_at timestamptz)
       on conflict do nothing`,
      [o.id, units.map((u) => u.id), JSON.stringify(deadlines.map((d) => ({ label: d.label, due_date: d.dueDate, due_at: d.dueAt })))],
    );
    count += r.rowCount ?? 0;
  }
  return count;
}

/**
 * "Create my plan from my parent's plan": copies the tasks and obligations that
 * apply to my unit's type, each linked to the one it came from, and cites the
 * parent plan first in the basis.
 */
export async function cascadePlan(actor: Actor, parentPlanId: number, unitId: number, overrides: { title?: string } = {}): Promise<Plan> {
  const parent = await getPlan(db(), parentPlanId);
  const unit = await db().query<{ type: UnitType; docAbbr: string | null }>(
    'select type, doc_abbr as "docAbbr" from units where id = $1',
    [unitId],
  );
  const type = unit.rows[0]?.type;
  if (!type) throw new AppError('unit.not_found', 404, 'unit.not_found');
  const applies = (types: string[]) => !types.length || types.includes(type);
  const ref = parent.number ? `${parent.number}/${parent.symbol ?? 'KH'}` : parent.title;
  return createPlan(
    actor,
    {
      unitId,
      parentPlanId,
      title: overrides.title ?? parent.title,
      period: parent.period,
      symbol: unit.rows[0].docAbbr ? `KH-${unit.rows[0].docAbbr}` : null,
      basis: [{ kind: 'plan', ref, date: parent.issuedOn, issuer: null, summary: parent.title, planId: parent.id }, ...parent.basis],
      sections: parent.sections,
      recipients: [],
    },
    {
      tasks: parent.tasks
        .filter((t: { unitTypes: string[] }) => applies(t.unitTypes))
        .map((t: TaskInput & { id: number }) => ({ ...t, unitTypes: [], parentTaskId: t.id })),
      obligations: parent.obligations
        .filter((o: { unitTypes: string[] }) => applies(o.unitTypes))
        .map((o: ObligationInput & { id: number }) => ({ ...o, unitTypes: [], parentObligationId: o.id })),
    },
  );
}

export type TaskStatus = 'not_started' | 'in_progress' | 'done' | 'at_risk';

export async function setTaskProgress(actor: Actor, taskId: number, quarter: number, status: TaskStatus, note?: string) {
  return withTransaction(async (tx) => {
    await tx.query(
      `insert into plan_task_progress (task_id, quarter, status, note, updated_by) values ($1,$2,$3,$4,$5)
       on conflict (task_id, quarter) do update set status = excluded.status, note = excluded.note,
         updated_by = excluded.updated_by, updated_at = now()`,
      [taskId, quarter, status, note ?? null, actor.userId],
    );
    await recordAudit(tx, actor, { action: 'plan.task_progress', entity: 'plan_task', entityId: taskId, after: { quarter, status, note } });
  });
}

/**
 * Roll-up of a task's quarter status from the tasks cascaded from it, at any
 * depth: a task with linked child tasks is `done` when all of them are done,
 * `at_risk` when any is at risk, `in_progress` when any has started, else
 * `not_started`; a task without children reports its own status. `done` and
 * `total` count the leaf tasks underneath.
 */
export async function taskRollup(q: Queryable, taskId: number, quarter: number): Promise<{ status: TaskStatus; done: number; total: number }> {
  const r = await q.query<{ isLeaf: boolean; status: TaskStatus | null }>(
    `with recursive t(id) as (select $1::bigint union all select c.id from plan_tasks c join t on c.parent_task_id = t.id)
     select not exists (select 1 from plan_tasks c where c.parent_task_id = t.id) as "isLeaf", p.status
       from t left join plan_task_progress p on p.task_id = t.id and p.quarter = $2`,
    [taskId, quarter],
  );
  const leaves = r.rows.filter((x) => x.isLeaf).map((x) => x.status ?? 'not_started');
  const done = leaves.filter((s) => s === 'done').length;
  const status: TaskStatus =
    done === leaves.length ? 'done' : leaves.includes('at_risk') ? 'at_risk' : leaves.some((s) => s !== 'not_started') ? 'in_progress' : 'not_started';
  return { status, done, total: leaves.length };
}

/** Fills the holiday calendar with Vietnam's public holidays for the tabulated years, once; offices edit it afterwards. */
export async function seedDefaultHolidays(q: Queryable): Promise<void> {
  const days = [2024, 2025, 2026, 2027, 2028, 2029, 2030].flatMap((y) => vietnamHolidays(y));
  await q.query(
    `insert into holidays (day, name) select x.day, x.name from jsonb_to_recordset($1::jsonb) as x(day date, name text)
      where not exists (select 1 from holidays) on conflict do nothing`,
    [JSON.stringify(days.map((d) => ({ day: d.date, name: d.name })))],
  );
}
