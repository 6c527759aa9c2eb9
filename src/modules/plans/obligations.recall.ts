import { type Tx } from '../../platform/db';
import { type Actor, recordAudit } from '../audit';

/**
 * Undoing a fulfilment (a report's recall, docs/REPORTS.md). fulfilDeadline fulfils a
 * deadline and its duty siblings (the same duty reaching the unit twice: the parent's
 * obligation and its cascaded copy, same due date) that are still open. A caller that
 * may later take its fulfilment back asks first which deadlines it is about to fulfil
 * (openDutyDeadlines, rows locked until its transaction ends), keeps the ids, and hands
 * them to unfulfilDeadlines — so a fulfilment made earlier by someone else stays.
 */
export async function openDutyDeadlines(tx: Tx, deadlineId: number): Promise<number[]> {
  const r = await tx.query<{ id: string }>(
    `with recursive up as (
       select o.id, o.parent_obligation_id from plan_obligations o where o.id = (select obligation_id from obligation_deadlines where id = $1)
       union all
       select p.id, p.parent_obligation_id from plan_obligations p join up on p.id = up.parent_obligation_id),
     down as (
       select id from up where parent_obligation_id is null
       union all
       select c.id from plan_obligations c join down on c.parent_obligation_id = down.id)
     select d.id from obligation_deadlines d, obligation_deadlines me
      where me.id = $1 and d.unit_id = me.unit_id and d.due_date = me.due_date and d.fulfilled_at is null
        and (d.id = me.id or d.obligation_id in (select id from down))
      order by d.id
      for update of d`,
    [deadlineId],
  );
  return r.rows.map((x) => Number(x.id));
}

/**
 * Takes back a fulfilment in the caller's transaction: the given deadlines (those
 * openDutyDeadlines returned before fulfilling) are open again — late again if past
 * due, chased and reminded like any open deadline. One audit entry `deadline.unfulfil`
 * on `deadlineId` (the linked deadline) lists them with the reason.
 */
export async function unfulfilDeadlines(actor: Actor, tx: Tx, opts: { deadlineId: number; ids: number[]; reason: string }): Promise<number[]> {
  if (!opts.ids.length) return [];
  const r = await tx.query<{ id: string; unitId: string }>(
    `update obligation_deadlines set fulfilled_at = null, fulfilled_by = null
      where id = any($1::bigint[]) and fulfilled_at is not null returning id, unit_id as "unitId"`,
    [opts.ids],
  );
  const ids = r.rows.map((x) => Number(x.id)).sort((a, b) => a - b);
  if (ids.length) {
    await recordAudit(tx, actor, { action: 'deadline.unfulfil', entity: 'deadline', entityId: opts.deadlineId, unitId: Number(r.rows[0]!.unitId), after: { unfulfilled: ids, reason: opts.reason } });
  }
  return ids;
}
