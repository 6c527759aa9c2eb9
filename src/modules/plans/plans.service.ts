import { now } from '../../platform/clock';
import { type Queryable, type Tx, db, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { type Actor, recordAudit } from '../audit';
import { type UnitType, unitPathOf } from '../org';
import { type Recurrence, deadlinesFor, periodOf, vietnamHolidays } from './deadlines';
import { addRecipients } from './distribution.service';

/**
 * Plans: write, submit, approve (a leader of the issuing unit, never the
 * author), issue (numbered per unit and calendar year), cascade to sub-units,
 * and the deadlines their obligations create for the units they bind.
 */
export type PlanPeriod = { year: number } | { schoolYear: string };
/** A part of the plan's body: numbered heading, plain-text body (paragraphs split by newlines), sub-parts. */
export type PlanSection = { number: string; title: string; body?: string | null; children: PlanSection[] };
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
  sections?: PlanSection[];
  channels?: { kind: string; label: string; address: string | null }[];
  budget?: { item: string; amount: number | null; source: string | null }[];
  subplanDueOn?: string | null;
  signer?: { authority: string | null; title: string | null; deputyTitle: string | null; name: string | null } | null;
  recipients?: string[];
  tasks?: TaskInput[];
  obligations?: ObligationInput[];
};

const planColumns = `p.id, p.unit_id as "unitId", u.name as "unitName", u.type as "unitType", p.parent_plan_id as "parentPlanId",
  p.status, p.number, p.number_year as "numberYear", p.symbol,
  case when p.number is not null then lpad(p.number::text, 2, '0') || '/' || coalesce(p.symbol, 'KH') end as "numberLabel",
  p.title, p.period, p.place, p.issued_on::text as "issuedOn", p.basis, p.sections, p.channels, p.budget, p.signer, p.recipients,
  p.subplan_due_on::text as "subplanDueOn", p.author_id as "authorId", a.name as "authorName", p.approved_by as "approvedBy", p.version,
  case when p.signed_file is null then null
       else jsonb_build_object('fileName', p.signed_file->>'fileName', 'size', (p.signed_file->>'size')::int, 'uploadedAt', p.signed_file->>'uploadedAt') end as "signedFile"`;
const planFrom = 'from plans p join units u on u.id = p.unit_id left join users a on a.id = p.author_id';

export async function getPlan(q: Queryable, id: number) {
  const r = await q.query(`select ${planColumns} ${planFrom} where p.id = $1`, [id]);
  const plan = r.rows[0];
  if (!plan) throw new AppError('plan.not_found', 404, 'plan.not_found');
  const tasks = await q.query(
    `select id, parent_task_id as "parentTaskId", position, task_group as "group", topic, products, lead, partners, quarters,
            unit_types as "unitTypes", objectives from plan_tasks where plan_id = $1 order by position`,
    [id],
  );
  const obligations = await q.query(
    `select id, parent_obligation_id as "parentObligationId", who, unit_types as "unitTypes", what, recurrence,
            day_of_month as "dayOfMonth", is_before_day as "isBeforeDay", due_date::text as "dueDate",
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

/**
 * Writes a draft's tasks and obligations: rows sent with their `id` are updated in
 * place (so the links from sub-units' plans and their progress stay attached),
 * new ones inserted, missing ones deleted (sub-units' links to them cleared).
 */
async function replaceChildren(tx: Tx, planId: number, tasks: (TaskInput & { id?: number })[], obligations: (ObligationInput & { id?: number })[]) {
  const keptTasks = tasks.filter((t) => t.id).map((t) => t.id as number);
  const gone = await tx.query<{ id: number }>('select id from plan_tasks where plan_id = $1 and not (id = any($2::bigint[]))', [planId, keptTasks]);
  const goneIds = gone.rows.map((r) => r.id);
  await tx.query('update plan_tasks set parent_task_id = null where parent_task_id = any($1::bigint[])', [goneIds]);
  await tx.query('delete from plan_tasks where id = any($1::bigint[])', [goneIds]);
  let position = 0;
  for (const t of tasks) {
    const values = [t.group ?? null, t.topic, t.products ?? null, t.lead ?? [], t.partners ?? [], t.quarters ?? [], t.unitTypes ?? [],
      JSON.stringify(t.objectives ?? []), ++position];
    const r = t.id
      ? await tx.query(
          `update plan_tasks set task_group = $3, topic = $4, products = $5, lead = $6, partners = $7, quarters = $8, unit_types = $9,
                  objectives = $10, position = $11 where id = $1 and plan_id = $2`,
          [t.id, planId, ...values],
        )
      : { rowCount: 0 };
    if (!r.rowCount) {
      await tx.query(
        `insert into plan_tasks (plan_id, task_group, topic, products, lead, partners, quarters, unit_types, objectives, position)
         values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
        [planId, ...values],
      );
    }
  }
  const keptObligations = obligations.filter((o) => o.id).map((o) => o.id as number);
  const goneO = await tx.query<{ id: number }>('select id from plan_obligations where plan_id = $1 and not (id = any($2::bigint[]))', [planId, keptObligations]);
  const goneOIds = goneO.rows.map((r) => r.id);
  await tx.query('update plan_obligations set parent_obligation_id = null where parent_obligation_id = any($1::bigint[])', [goneOIds]);
  await tx.query('delete from plan_obligations where id = any($1::bigint[])', [goneOIds]);
  for (const o of obligations) {
    const values = [o.who ?? null, o.unitTypes ?? [], o.what, o.recurrence, o.dayOfMonth ?? null, o.isBeforeDay ?? false, o.dueDate ?? null,
      o.isWorkingDaysOnly ?? false, o.quantity ?? null, o.reminderDays ?? 3];
    const r = o.id
      ? await tx.query(
          `update plan_obligations set who = $3, unit_types = $4, what = $5, recurrence = $6, day_of_month = $7, is_before_day = $8,
                  due_date = $9, is_working_days_only = $10, quantity = $11, reminder_days = $12 where id = $1 and plan_id = $2`,
          [o.id, planId, ...values],
        )
      : { rowCount: 0 };
    if (!r.rowCount) {
      await tx.query(
        `insert into plan_obligations (plan_id, who, unit_types, what, recurrence, day_of_month, is_before_day, due_date,
                                       is_working_days_only, quantity, reminder_days)
         values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
        [planId, ...values],
      );
    }
  }
}

export async function createPlan(actor: Actor, input: PlanInput & { parentPlanId?: number | null }, extra?: {
  tasks: (TaskInput & { parentTaskId?: number | null })[];
  obligations: (ObligationInput & { parentObligationId?: number | null })[];
}): Promise<Plan> {
  return withTransaction(async (tx) => {
    const r = await tx.query<{ id: number }>(
      `insert into plans (unit_id, parent_plan_id, symbol, title, period, place, basis, sections, channels, budget, subplan_due_on,
                          signer, recipients, author_id)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) returning id`,
      [input.unitId, input.parentPlanId ?? null, input.symbol ?? null, input.title, JSON.stringify(input.period), input.place ?? null,
        JSON.stringify(input.basis ?? []), JSON.stringify(input.sections ?? []), JSON.stringify(input.channels ?? []),
        JSON.stringify(input.budget ?? []), input.subplanDueOn ?? null, input.signer ? JSON.stringify(input.signer) : null,
        JSON.stringify(input.recipients ?? []), actor.userId],
    );
    const id = r.rows[0].id;
    await insertChildren(tx, id, extra?.tasks ?? input.tasks ?? [], extra?.obligations ?? input.obligations ?? []);
    const plan = await getPlan(tx, id);
    await snapshotVersion(tx, actor, plan);
    await recordAudit(tx, actor, { action: 'plan.create', entity: 'plan', entityId: id, unitId: input.unitId, after: plan });
    return plan;
  });
}

/** Keeps the plan as it stands under its current version number (one row per version). */
async function snapshotVersion(tx: Tx, actor: Actor, plan: Plan): Promise<void> {
  await tx.query(
    `insert into plan_versions (plan_id, version, snapshot, author_id) values ($1,$2,$3,$4) on conflict (plan_id, version) do nothing`,
    [plan.id, plan.version, JSON.stringify(plan), actor.userId],
  );
}

/**
 * Rewrites a draft: everything but the issuing unit. `version` is the one the
 * editor loaded; a stale one is refused so two editors never overwrite each other.
 * Tasks and obligations are replaced, keeping their links to the parent plan's.
 */
/** Editing input: tasks and obligations sent back with their `id` are the same rows, kept and updated. */
export type PlanEdit = Omit<PlanInput, 'unitId' | 'tasks' | 'obligations'> & {
  version: number;
  tasks?: (TaskInput & { id?: number })[];
  obligations?: (ObligationInput & { id?: number })[];
};

export async function updatePlan(actor: Actor, id: number, input: PlanEdit): Promise<Plan> {
  return withTransaction(async (tx) => {
    const p = await lockPlan(tx, id);
    if (p.status !== 'draft') throw new AppError('plan.not_draft', 409, 'plan.not_draft');
    if (p.version !== input.version) throw new AppError('plan.stale', 409, 'plan.stale');
    const before = await getPlan(tx, id);
    await tx.query(
      `update plans set symbol = $2, title = $3, period = $4, place = $5, basis = $6, sections = $7, channels = $8, budget = $9,
              subplan_due_on = $10, signer = $11, recipients = $12, version = version + 1, updated_at = now() where id = $1`,
      [id, input.symbol ?? null, input.title, JSON.stringify(input.period), input.place ?? null, JSON.stringify(input.basis ?? []),
        JSON.stringify(input.sections ?? []), JSON.stringify(input.channels ?? []), JSON.stringify(input.budget ?? []),
        input.subplanDueOn ?? null, input.signer ? JSON.stringify(input.signer) : null, JSON.stringify(input.recipients ?? [])],
    );
    await replaceChildren(tx, id, input.tasks ?? [], input.obligations ?? []);
    const plan = await getPlan(tx, id);
    await snapshotVersion(tx, actor, plan);
    await recordAudit(tx, actor, { action: 'plan.update', entity: 'plan', entityId: id, unitId: p.unitId, before, after: plan });
    return plan;
  });
}

export async function listVersions(q: Queryable, planId: number) {
  const r = await q.query(
    `select v.version, v.snapshot->>'status' as status, u.name as "authorName", v.created_at as "createdAt"
       from plan_versions v left join users u on u.id = v.author_id where v.plan_id = $1 order by v.version desc`,
    [planId],
  );
  return r.rows.map((x) => ({ ...x, createdAt: new Date(x.createdAt).toISOString() }));
}

export async function listComments(q: Queryable, planId: number) {
  const r = await q.query(
    `select c.id, u.name as "authorName", c.body, c.created_at as "createdAt"
       from plan_comments c left join users u on u.id = c.author_id where c.plan_id = $1 order by c.id`,
    [planId],
  );
  return r.rows.map((x) => ({ ...x, createdAt: new Date(x.createdAt).toISOString() }));
}

export async function addComment(actor: Actor, planId: number, body: string): Promise<number> {
  return withTransaction(async (tx) => {
    const p = await lockPlan(tx, planId);
    const r = await tx.query<{ id: number }>('insert into plan_comments (plan_id, author_id, body) values ($1,$2,$3) returning id', [planId, actor.userId, body]);
    await recordAudit(tx, actor, { action: 'plan.comment', entity: 'plan', entityId: planId, unitId: p.unitId, after: { body } });
    return r.rows[0].id;
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
export async function issuePlan(
  actor: Actor,
  id: number,
  opts: { issuedOn: string; holidays: ReadonlySet<string>; recipientUnitIds?: number[] },
): Promise<Plan> {
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
    // The unit's earlier issued plan for the same period gives way to this one.
    await tx.query(
      `update plans set status = 'superseded', updated_at = now()
        where unit_id = $1 and id <> $2 and status = 'issued' and period = (select period from plans where id = $2)`,
      [p.unitId, id],
    );
    await materialiseDeadlines(tx, id, opts.holidays);
    const recipients = await addRecipients(tx, id, opts.recipientUnitIds ?? []);
    await recordAudit(tx, actor, {
      action: 'plan.issue',
      entity: 'plan',
      entityId: id,
      unitId: p.unitId,
      after: { number: n.rows[0].next, year, recipientUnitIds: recipients },
    });
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

/** Fills the holiday calendar with Vietnam's public holidays for the tabulated years, once; offices edit it afterwards. */
export async function seedDefaultHolidays(q: Queryable): Promise<void> {
  const days = [2024, 2025, 2026, 2027, 2028, 2029, 2030].flatMap((y) => vietnamHolidays(y));
  await q.query(
    `insert into holidays (day, name) select x.day, x.name from jsonb_to_recordset($1::jsonb) as x(day date, name text)
      where not exists (select 1 from holidays) on conflict do nothing`,
    [JSON.stringify(days.map((d) => ({ day: d.date, name: d.name })))],
  );
}

/** Plans of the units at or under a path, newest first. */
export async function listPlans(q: Queryable, unitPath: string) {
  const r = await q.query(
    `select p.id, p.unit_id as "unitId", u.name as "unitName", p.title, p.status, p.number, p.symbol,
            case when p.number is not null then lpad(p.number::text, 2, '0') || '/' || coalesce(p.symbol, 'KH') end as "numberLabel",
            p.issued_on::text as "issuedOn", p.parent_plan_id as "parentPlanId", p.period
       from plans p join units u on u.id = p.unit_id where u.path <@ $1::ltree order by p.id desc limit 200`,
    [unitPath],
  );
  return r.rows;
}

/** Attaches the signed copy (a scan or a digitally signed PDF) kept in the file store. */
export async function attachSignedFile(actor: Actor, id: number, file: { key: string; size: number; fileName: string }): Promise<Plan> {
  return withTransaction(async (tx) => {
    const p = await lockPlan(tx, id);
    const signed = { key: file.key, fileName: file.fileName, size: file.size, uploadedAt: now().toISOString() };
    await tx.query('update plans set signed_file = $2, updated_at = now() where id = $1', [id, JSON.stringify(signed)]);
    await recordAudit(tx, actor, { action: 'plan.signed_file', entity: 'plan', entityId: id, unitId: p.unitId, after: signed });
    return getPlan(tx, id);
  });
}

export async function signedFileOf(q: Queryable, id: number): Promise<{ key: string; fileName: string } | null> {
  const r = await q.query<{ f: { key: string; fileName: string } | null }>('select signed_file as f from plans where id = $1', [id]);
  return r.rows[0]?.f ?? null;
}
