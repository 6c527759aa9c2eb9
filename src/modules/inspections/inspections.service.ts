import { now } from '../../platform/clock';
import { type Queryable, type Tx, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { type Actor, recordAudit } from '../audit';
import { addNotice } from '../monitoring';
import { inspectionAdminUrl } from './emulation.facts';
import { roleHoldersOf } from '../org';

/**
 * Inspection (kiểm tra công tác truyền thông) of sub-units by a unit above them.
 *
 * A checklist template belongs to a unit and is usable by it and the units below it;
 * its items carry weights. An inspection of a unit strictly under the inspecting unit
 * (a visit or a remote review, on a date, by named inspectors) copies the checklist's
 * items, so later edits of the template never change a past score. Each item gets a
 * result 0–100 (100 = fully met); the score is Σ(weight × result) / Σ(weight), 0–100.
 * Findings and follow-up actions (owner, due date) are recorded; finishing the
 * inspection needs every item assessed and fixes its score:
 *
 *   planned ──finish──▶ follow_up (open actions) ──last action closed──▶ closed
 *   planned ──finish (no open actions)──────────────────────────────────▶ closed
 *
 * The inspected unit reports an action done (`reported`); the inspecting unit closes it
 * or sends it back (`open`). Every change is audited.
 */
export const inspectionModes = ['visit', 'remote'] as const;
export type InspectionMode = (typeof inspectionModes)[number];
export const inspectionStatuses = ['planned', 'follow_up', 'closed'] as const;
export type InspectionStatus = (typeof inspectionStatuses)[number];
export const findingSeverities = ['note', 'minor', 'major'] as const;
export type FindingSeverity = (typeof findingSeverities)[number];
export const actionStatuses = ['open', 'reported', 'closed'] as const;
export type ActionStatus = (typeof actionStatuses)[number];

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
const num = (x: unknown) => (x == null ? null : Number(x));

/** Weighted mean of the assessed items' results, rounded to 0.01; null when nothing is assessed. */
export function computeScore(items: readonly { weight: number; result: number | null }[]): number | null {
  const rated = items.filter((i) => i.result != null);
  const w = rated.reduce((s, i) => s + i.weight, 0);
  if (!rated.length || w <= 0) return null;
  return Math.round((rated.reduce((s, i) => s + i.weight * (i.result as number), 0) / w) * 100) / 100;
}

/** In-app notices to a unit's leaders and focal points (no e-mail: the demo seed runs before the job system). */
async function noticeUnit(tx: Tx, unitId: number, title: string, body: string, inspectionId: number) {
  const people = await roleHoldersOf(tx, unitId, ['leader', 'focal_point']);
  const at = now();
  for (const p of people) await addNotice(tx, { userId: p.id, title, body, link: inspectionAdminUrl(inspectionId), at });
}

// ---- checklists ------------------------------------------------------------------------------

export type ChecklistInput = { title: string; description?: string | null; isActive?: boolean; items: { text: string; guidance?: string | null; weight: number }[] };

export async function getChecklist(q: Queryable, id: number) {
  const r = await q.query(
    `select c.id, c.unit_id as "unitId", u.name as "unitName", c.title, c.description, c.is_active as "isActive", c.version, c.updated_at as "updatedAt"
       from inspection_checklists c join units u on u.id = c.unit_id where c.id = $1`,
    [id],
  );
  if (!r.rowCount) throw new AppError('inspection.checklist_not_found', 404, 'inspection.checklist_not_found');
  const c = r.rows[0];
  const items = await q.query('select id, position, text, guidance, weight from inspection_checklist_items where checklist_id = $1 order by position', [id]);
  return {
    id: Number(c.id), unitId: Number(c.unitId), unitName: c.unitName as string, title: c.title as string, description: (c.description ?? null) as string | null,
    isActive: c.isActive as boolean, version: c.version as number, updatedAt: iso(c.updatedAt) as string,
    items: items.rows.map((i) => ({ id: Number(i.id), position: i.position as number, text: i.text as string, guidance: (i.guidance ?? null) as string | null, weight: Number(i.weight) })),
  };
}
export type Checklist = Awaited<ReturnType<typeof getChecklist>>;

export async function checklistUnit(q: Queryable, id: number): Promise<number> {
  const r = await q.query('select unit_id as "unitId" from inspection_checklists where id = $1', [id]);
  if (!r.rowCount) throw new AppError('inspection.checklist_not_found', 404, 'inspection.checklist_not_found');
  return Number(r.rows[0].unitId);
}

/** Checklists a unit may use: its own and those of the units above it. */
export async function listChecklists(q: Queryable, unitPath: string) {
  const r = await q.query(
    `select c.id, c.unit_id as "unitId", u.name as "unitName", c.title, c.is_active as "isActive", c.updated_at as "updatedAt",
            (select count(*)::int from inspection_checklist_items i where i.checklist_id = c.id) as "itemCount",
            (select coalesce(sum(weight), 0) from inspection_checklist_items i where i.checklist_id = c.id) as "totalWeight"
       from inspection_checklists c join units u on u.id = c.unit_id
      where $1::ltree <@ u.path order by c.is_active desc, c.title, c.id`,
    [unitPath],
  );
  return r.rows.map((x) => ({
    id: Number(x.id), unitId: Number(x.unitId), unitName: x.unitName as string, title: x.title as string, isActive: x.isActive as boolean,
    updatedAt: iso(x.updatedAt) as string, itemCount: x.itemCount as number, totalWeight: Number(x.totalWeight),
  }));
}

function checkChecklist(input: ChecklistInput) {
  if (!input.items.length) throw new AppError('inspection.checklist_empty', 400, 'inspection.checklist_empty');
  if (input.items.some((i) => !(i.weight > 0))) throw new AppError('inspection.bad_weight', 400, 'inspection.bad_weight');
}

async function writeItems(tx: Tx, id: number, items: ChecklistInput['items']) {
  await tx.query('delete from inspection_checklist_items where checklist_id = $1', [id]);
  let pos = 0;
  for (const i of items) {
    await tx.query('insert into inspection_checklist_items (checklist_id, position, text, guidance, weight) values ($1,$2,$3,$4,$5)', [id, ++pos, i.text.trim(), i.guidance?.trim() || null, i.weight]);
  }
}

export async function createChecklist(actor: Actor, input: ChecklistInput & { unitId: number }): Promise<Checklist> {
  checkChecklist(input);
  return withTransaction(async (tx) => {
    const at = now();
    const r = await tx.query<{ id: number }>(
      `insert into inspection_checklists (unit_id, title, description, is_active, created_by, created_at, updated_at) values ($1,$2,$3,$4,$5,$6,$6) returning id`,
      [input.unitId, input.title.trim(), input.description ?? null, input.isActive ?? true, actor.userId, at],
    );
    const id = Number(r.rows[0].id);
    await writeItems(tx, id, input.items);
    await recordAudit(tx, actor, { action: 'inspection_checklist.create', entity: 'inspection_checklist', entityId: id, unitId: input.unitId, after: { title: input.title, items: input.items } });
    return getChecklist(tx, id);
  });
}

export async function updateChecklist(actor: Actor, id: number, input: ChecklistInput & { version: number }): Promise<Checklist> {
  checkChecklist(input);
  return withTransaction(async (tx) => {
    const cur = await tx.query('select unit_id as "unitId", version from inspection_checklists where id = $1 for update', [id]);
    if (!cur.rowCount) throw new AppError('inspection.checklist_not_found', 404, 'inspection.checklist_not_found');
    if (cur.rows[0].version !== input.version) throw new AppError('inspection.stale', 409, 'inspection.stale');
    const before = await getChecklist(tx, id);
    await tx.query('update inspection_checklists set title = $2, description = $3, is_active = $4, version = version + 1, updated_at = $5 where id = $1', [
      id, input.title.trim(), input.description ?? null, input.isActive ?? true, now(),
    ]);
    await writeItems(tx, id, input.items);
    await recordAudit(tx, actor, { action: 'inspection_checklist.update', entity: 'inspection_checklist', entityId: id, unitId: Number(cur.rows[0].unitId), before: { title: before.title, items: before.items }, after: { title: input.title, items: input.items } });
    return getChecklist(tx, id);
  });
}

// ---- inspections -----------------------------------------------------------------------------

export type InspectionInput = { title: string; mode: InspectionMode; inspectedOn: string; inspectors?: string[]; summary?: string | null };

export async function getInspection(q: Queryable, id: number) {
  const r = await q.query(
    `select i.id, i.unit_id as "unitId", u.name as "unitName", i.inspected_unit_id as "inspectedUnitId", iu.name as "inspectedUnitName",
            i.checklist_id as "checklistId", c.title as "checklistTitle", i.title, i.mode, i.inspected_on::text as "inspectedOn", i.inspectors, i.summary,
            i.status, i.score, i.finished_at as "finishedAt", i.closed_at as "closedAt", i.version, i.created_at as "createdAt", i.updated_at as "updatedAt"
       from inspections i join units u on u.id = i.unit_id join units iu on iu.id = i.inspected_unit_id left join inspection_checklists c on c.id = i.checklist_id
      where i.id = $1`,
    [id],
  );
  if (!r.rowCount) throw new AppError('inspection.not_found', 404, 'inspection.not_found');
  const x = r.rows[0];
  const items = (await q.query('select id, position, text, guidance, weight, result, note from inspection_items where inspection_id = $1 order by position', [id])).rows.map((i) => ({
    id: Number(i.id), position: i.position as number, text: i.text as string, guidance: (i.guidance ?? null) as string | null, weight: Number(i.weight), result: num(i.result), note: (i.note ?? null) as string | null,
  }));
  const findings = (await q.query('select id, item_id as "itemId", text, severity, created_at as "createdAt" from inspection_findings where inspection_id = $1 order by id', [id])).rows.map((f) => ({
    id: Number(f.id), itemId: num(f.itemId), text: f.text as string, severity: f.severity as FindingSeverity, createdAt: iso(f.createdAt) as string,
  }));
  const actions = (await q.query(
    `select a.id, a.finding_id as "findingId", a.title, a.owner_name as "ownerName", a.due_on::text as "dueOn", a.status, a.report_note as "reportNote",
            a.reported_at as "reportedAt", ru.name as "reportedByName", a.closed_at as "closedAt", cu.name as "closedByName",
            (a.status = 'open' and a.due_on < ($2::timestamptz at time zone 'Asia/Ho_Chi_Minh')::date) as "isOverdue"
       from inspection_actions a left join users ru on ru.id = a.reported_by left join users cu on cu.id = a.closed_by
      where a.inspection_id = $1 order by a.due_on, a.id`,
    [id, now()],
  )).rows.map((a) => ({
    id: Number(a.id), findingId: num(a.findingId), title: a.title as string, ownerName: a.ownerName as string, dueOn: a.dueOn as string, status: a.status as ActionStatus,
    reportNote: (a.reportNote ?? null) as string | null, reportedAt: iso(a.reportedAt), reportedByName: (a.reportedByName ?? null) as string | null,
    closedAt: iso(a.closedAt), closedByName: (a.closedByName ?? null) as string | null, isOverdue: a.isOverdue as boolean,
  }));
  return {
    id: Number(x.id), unitId: Number(x.unitId), unitName: x.unitName as string, inspectedUnitId: Number(x.inspectedUnitId), inspectedUnitName: x.inspectedUnitName as string,
    checklistId: num(x.checklistId), checklistTitle: (x.checklistTitle ?? null) as string | null, title: x.title as string, mode: x.mode as InspectionMode,
    inspectedOn: x.inspectedOn as string, inspectors: (x.inspectors ?? []) as string[], summary: (x.summary ?? null) as string | null, status: x.status as InspectionStatus,
    score: num(x.score), liveScore: computeScore(items), finishedAt: iso(x.finishedAt), closedAt: iso(x.closedAt), version: x.version as number,
    createdAt: iso(x.createdAt) as string, updatedAt: iso(x.updatedAt) as string,
    items, findings, actions,
    openActions: actions.filter((a) => a.status !== 'closed').length,
    overdueActions: actions.filter((a) => a.isOverdue).length,
  };
}
export type Inspection = Awaited<ReturnType<typeof getInspection>>;

export async function inspectionUnits(q: Queryable, id: number): Promise<{ unitId: number; inspectedUnitId: number }> {
  const r = await q.query('select unit_id as "unitId", inspected_unit_id as "inspectedUnitId" from inspections where id = $1', [id]);
  if (!r.rowCount) throw new AppError('inspection.not_found', 404, 'inspection.not_found');
  return { unitId: Number(r.rows[0].unitId), inspectedUnitId: Number(r.rows[0].inspectedUnitId) };
}

export async function actionInspection(q: Queryable, actionId: number): Promise<{ inspectionId: number; unitId: number; inspectedUnitId: number }> {
  const r = await q.query(
    `select a.inspection_id as "inspectionId", i.unit_id as "unitId", i.inspected_unit_id as "inspectedUnitId" from inspection_actions a join inspections i on i.id = a.inspection_id where a.id = $1`,
    [actionId],
  );
  if (!r.rowCount) throw new AppError('inspection.action_not_found', 404, 'inspection.action_not_found');
  return { inspectionId: Number(r.rows[0].inspectionId), unitId: Number(r.rows[0].unitId), inspectedUnitId: Number(r.rows[0].inspectedUnitId) };
}

function checkDate(d: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(new Date(`${d}T00:00:00Z`).getTime())) throw new AppError('inspection.bad_date', 400, 'inspection.bad_date');
}

export async function createInspection(actor: Actor, input: InspectionInput & { unitId: number; inspectedUnitId: number; checklistId: number }): Promise<Inspection> {
  checkDate(input.inspectedOn);
  return withTransaction(async (tx) => {
    const inside = await tx.query(
      `select 1 from units a join units b on b.path <@ a.path and b.id <> a.id where a.id = $1 and b.id = $2`,
      [input.unitId, input.inspectedUnitId],
    );
    if (!inside.rowCount) throw new AppError('inspection.unit_outside', 400, 'inspection.unit_outside');
    const cl = await tx.query(
      `select c.id from inspection_checklists c join units cu on cu.id = c.unit_id join units u on u.id = $2 where c.id = $1 and u.path <@ cu.path`,
      [input.checklistId, input.unitId],
    );
    if (!cl.rowCount) throw new AppError('inspection.checklist_not_found', 404, 'inspection.checklist_not_found');
    const at = now();
    const r = await tx.query<{ id: number }>(
      `insert into inspections (unit_id, inspected_unit_id, checklist_id, title, mode, inspected_on, inspectors, summary, created_by, created_at, updated_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10) returning id`,
      [input.unitId, input.inspectedUnitId, input.checklistId, input.title.trim(), input.mode, input.inspectedOn, (input.inspectors ?? []).map((s) => s.trim()).filter(Boolean), input.summary ?? null, actor.userId, at],
    );
    const id = Number(r.rows[0].id);
    await tx.query(
      `insert into inspection_items (inspection_id, position, text, guidance, weight)
       select $1, position, text, guidance, weight from inspection_checklist_items where checklist_id = $2 order by position`,
      [id, input.checklistId],
    );
    await recordAudit(tx, actor, { action: 'inspection.create', entity: 'inspection', entityId: id, unitId: input.unitId, after: { inspectedUnitId: input.inspectedUnitId, checklistId: input.checklistId, title: input.title, mode: input.mode, inspectedOn: input.inspectedOn } });
    return getInspection(tx, id);
  });
}

async function lockInspection(tx: Tx, id: number) {
  const r = await tx.query('select unit_id as "unitId", status, version from inspections where id = $1 for update', [id]);
  if (!r.rowCount) throw new AppError('inspection.not_found', 404, 'inspection.not_found');
  return { unitId: Number(r.rows[0].unitId), status: r.rows[0].status as InspectionStatus, version: r.rows[0].version as number };
}

export async function updateInspection(actor: Actor, id: number, input: InspectionInput & { version: number }): Promise<Inspection> {
  checkDate(input.inspectedOn);
  return withTransaction(async (tx) => {
    const row = await lockInspection(tx, id);
    if (row.version !== input.version) throw new AppError('inspection.stale', 409, 'inspection.stale');
    if (row.status === 'closed') throw new AppError('inspection.closed', 409, 'inspection.closed');
    const before = await getInspection(tx, id);
    await tx.query('update inspections set title = $2, mode = $3, inspected_on = $4, inspectors = $5, summary = $6, version = version + 1, updated_at = $7 where id = $1', [
      id, input.title.trim(), input.mode, input.inspectedOn, (input.inspectors ?? []).map((s) => s.trim()).filter(Boolean), input.summary ?? null, now(),
    ]);
    await recordAudit(tx, actor, { action: 'inspection.update', entity: 'inspection', entityId: id, unitId: row.unitId, before: { title: before.title, mode: before.mode, inspectedOn: before.inspectedOn, inspectors: before.inspectors }, after: input });
    return getInspection(tx, id);
  });
}

/** Records results (0–100) and notes per item while the inspection is not finished. */
export async function recordResults(actor: Actor, id: number, results: { itemId: number; result: number | null; note?: string | null }[]): Promise<Inspection> {
  return withTransaction(async (tx) => {
    const row = await lockInspection(tx, id);
    if (row.status !== 'planned') throw new AppError('inspection.finished', 409, 'inspection.finished');
    for (const x of results) {
      if (x.result != null && !(x.result >= 0 && x.result <= 100)) throw new AppError('inspection.bad_result', 400, 'inspection.bad_result');
      const r = await tx.query('update inspection_items set result = $3, note = $4 where id = $1 and inspection_id = $2', [x.itemId, id, x.result, x.note?.trim() || null]);
      if (!r.rowCount) throw new AppError('inspection.item_not_found', 404, 'inspection.item_not_found');
    }
    await tx.query('update inspections set updated_at = $2 where id = $1', [id, now()]);
    const after = await getInspection(tx, id);
    await recordAudit(tx, actor, { action: 'inspection.results', entity: 'inspection', entityId: id, unitId: row.unitId, after: { results, liveScore: after.liveScore } });
    return after;
  });
}

export async function addFinding(actor: Actor, id: number, input: { text: string; severity?: FindingSeverity; itemId?: number | null }): Promise<Inspection> {
  return withTransaction(async (tx) => {
    const row = await lockInspection(tx, id);
    if (row.status === 'closed') throw new AppError('inspection.closed', 409, 'inspection.closed');
    if (input.itemId != null) {
      const ok = await tx.query('select 1 from inspection_items where id = $1 and inspection_id = $2', [input.itemId, id]);
      if (!ok.rowCount) throw new AppError('inspection.item_not_found', 404, 'inspection.item_not_found');
    }
    const r = await tx.query<{ id: number }>('insert into inspection_findings (inspection_id, item_id, text, severity, created_by, created_at) values ($1,$2,$3,$4,$5,$6) returning id', [
      id, input.itemId ?? null, input.text.trim(), input.severity ?? 'minor', actor.userId, now(),
    ]);
    await recordAudit(tx, actor, { action: 'inspection.finding_add', entity: 'inspection', entityId: id, unitId: row.unitId, after: { findingId: Number(r.rows[0].id), ...input } });
    return getInspection(tx, id);
  });
}

export async function addAction(actor: Actor, id: number, input: { title: string; ownerName: string; dueOn: string; findingId?: number | null }): Promise<Inspection> {
  checkDate(input.dueOn);
  return withTransaction(async (tx) => {
    const row = await lockInspection(tx, id);
    if (row.status === 'closed') throw new AppError('inspection.closed', 409, 'inspection.closed');
    if (input.findingId != null) {
      const ok = await tx.query('select 1 from inspection_findings where id = $1 and inspection_id = $2', [input.findingId, id]);
      if (!ok.rowCount) throw new AppError('inspection.finding_not_found', 404, 'inspection.finding_not_found');
    }
    const r = await tx.query<{ id: number }>(
      'insert into inspection_actions (inspection_id, finding_id, title, owner_name, due_on, created_by, created_at) values ($1,$2,$3,$4,$5,$6,$7) returning id',
      [id, input.findingId ?? null, input.title.trim(), input.ownerName.trim(), input.dueOn, actor.userId, now()],
    );
    await recordAudit(tx, actor, { action: 'inspection.action_add', entity: 'inspection', entityId: id, unitId: row.unitId, after: { actionId: Number(r.rows[0].id), ...input } });
    return getInspection(tx, id);
  });
}

/** Fixes the score (every item must be assessed) and moves to follow-up, or straight to closed without open actions. */
export async function finishInspection(actor: Actor, id: number): Promise<Inspection> {
  return withTransaction(async (tx) => {
    const row = await lockInspection(tx, id);
    if (row.status !== 'planned') throw new AppError('inspection.finished', 409, 'inspection.finished');
    const cur = await getInspection(tx, id);
    if (!cur.items.length || cur.items.some((i) => i.result == null)) throw new AppError('inspection.unassessed', 409, 'inspection.unassessed');
    const score = computeScore(cur.items) as number;
    const status: InspectionStatus = cur.openActions ? 'follow_up' : 'closed';
    const at = now();
    await tx.query(
      `update inspections set status = $2, score = $3, finished_at = $4, finished_by = $5, closed_at = case when $2 = 'closed' then $4::timestamptz end, version = version + 1, updated_at = $4 where id = $1`,
      [id, status, score, at, actor.userId],
    );
    await recordAudit(tx, actor, { action: 'inspection.finish', entity: 'inspection', entityId: id, unitId: row.unitId, before: { status: row.status }, after: { status, score } });
    await noticeUnit(tx, cur.inspectedUnitId, t('inspection.finish_notice_title', { title: cur.title }), t('inspection.finish_notice_body', { unit: cur.unitName, score, findings: cur.findings.length, actions: cur.openActions }), id);
    return getInspection(tx, id);
  });
}

async function lockAction(tx: Tx, actionId: number) {
  const r = await tx.query(
    `select a.inspection_id as "inspectionId", a.status, i.unit_id as "unitId", i.inspected_unit_id as "inspectedUnitId", i.status as "inspectionStatus"
       from inspection_actions a join inspections i on i.id = a.inspection_id where a.id = $1 for update of a, i`,
    [actionId],
  );
  if (!r.rowCount) throw new AppError('inspection.action_not_found', 404, 'inspection.action_not_found');
  const x = r.rows[0];
  return { inspectionId: Number(x.inspectionId), status: x.status as ActionStatus, unitId: Number(x.unitId), inspectedUnitId: Number(x.inspectedUnitId), inspectionStatus: x.inspectionStatus as InspectionStatus };
}

/** The inspected unit reports an action done, with a note of what was done. */
export async function reportAction(actor: Actor, actionId: number, input: { note: string }): Promise<Inspection> {
  return withTransaction(async (tx) => {
    const a = await lockAction(tx, actionId);
    if (a.status === 'closed') throw new AppError('inspection.action_closed', 409, 'inspection.action_closed');
    await tx.query(`update inspection_actions set status = 'reported', report_note = $2, reported_at = $3, reported_by = $4 where id = $1`, [actionId, input.note.trim(), now(), actor.userId]);
    await recordAudit(tx, actor, { action: 'inspection.action_report', entity: 'inspection', entityId: a.inspectionId, unitId: a.inspectedUnitId, before: { actionId, status: a.status }, after: { actionId, status: 'reported', note: input.note } });
    const after = await getInspection(tx, a.inspectionId);
    await noticeUnit(tx, a.unitId, t('inspection.report_notice_title', { unit: after.inspectedUnitName }), input.note.trim().slice(0, 300), a.inspectionId);
    return after;
  });
}

/**
 * The inspecting unit closes an action, or sends a reported one back (`reopen`). The
 * inspection closes when its last open action closes after it was finished.
 */
export async function decideAction(actor: Actor, actionId: number, decision: 'close' | 'reopen'): Promise<Inspection> {
  return withTransaction(async (tx) => {
    const a = await lockAction(tx, actionId);
    const at = now();
    if (decision === 'close') {
      if (a.status === 'closed') throw new AppError('inspection.action_closed', 409, 'inspection.action_closed');
      await tx.query(`update inspection_actions set status = 'closed', closed_at = $2, closed_by = $3 where id = $1`, [actionId, at, actor.userId]);
    } else {
      if (a.status === 'open') throw new AppError('inspection.action_open', 409, 'inspection.action_open');
      if (a.inspectionStatus === 'closed') throw new AppError('inspection.closed', 409, 'inspection.closed');
      await tx.query(`update inspection_actions set status = 'open', closed_at = null, closed_by = null where id = $1`, [actionId]);
    }
    let inspectionStatus = a.inspectionStatus;
    if (decision === 'close' && a.inspectionStatus === 'follow_up') {
      const open = await tx.query(`select 1 from inspection_actions where inspection_id = $1 and status <> 'closed' limit 1`, [a.inspectionId]);
      if (!open.rowCount) {
        inspectionStatus = 'closed';
        await tx.query(`update inspections set status = 'closed', closed_at = $2, version = version + 1, updated_at = $2 where id = $1`, [a.inspectionId, at]);
      }
    }
    await recordAudit(tx, actor, {
      action: `inspection.action_${decision}`, entity: 'inspection', entityId: a.inspectionId, unitId: a.unitId,
      before: { actionId, status: a.status, inspectionStatus: a.inspectionStatus }, after: { actionId, status: decision === 'close' ? 'closed' : 'open', inspectionStatus },
    });
    return getInspection(tx, a.inspectionId);
  });
}

/** Inspections made by units of the subtree, or of units of the subtree (so a school sees its own), newest first. */
export async function listInspections(q: Queryable, opts: { unitPath: string; ownUnitId?: number | null; status?: InspectionStatus; limit?: number }) {
  const params: unknown[] = [opts.unitPath, opts.limit ?? 200, now()];
  const st = opts.status ? `and i.status = $${params.push(opts.status)}` : '';
  const own = opts.ownUnitId ? `and (i.unit_id = $${params.push(opts.ownUnitId)} or i.inspected_unit_id = $${params.length})` : '';
  const r = await q.query(
    `select i.id, i.unit_id as "unitId", u.name as "unitName", i.inspected_unit_id as "inspectedUnitId", iu.name as "inspectedUnitName", i.title, i.mode,
            i.inspected_on::text as "inspectedOn", i.status, i.score,
            (select count(*)::int from inspection_findings f where f.inspection_id = i.id) as findings,
            (select count(*)::int from inspection_actions a where a.inspection_id = i.id and a.status <> 'closed') as "openActions",
            (select count(*)::int from inspection_actions a where a.inspection_id = i.id and a.status = 'open'
                and a.due_on < ($3::timestamptz at time zone 'Asia/Ho_Chi_Minh')::date) as "overdueActions"
       from inspections i join units u on u.id = i.unit_id join units iu on iu.id = i.inspected_unit_id
      where (u.path <@ $1::ltree or iu.path <@ $1::ltree) ${st} ${own}
      order by i.inspected_on desc, i.id desc limit $2`,
    params,
  );
  return r.rows.map((x) => ({
    id: Number(x.id), unitId: Number(x.unitId), unitName: x.unitName as string, inspectedUnitId: Number(x.inspectedUnitId), inspectedUnitName: x.inspectedUnitName as string,
    title: x.title as string, mode: x.mode as InspectionMode, inspectedOn: x.inspectedOn as string, status: x.status as InspectionStatus, score: num(x.score),
    findings: x.findings as number, openActions: x.openActions as number, overdueActions: x.overdueActions as number,
  }));
}
