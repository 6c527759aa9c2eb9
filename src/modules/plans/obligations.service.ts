import { now } from '../../platform/clock';
import { config } from '../../platform/config';
import { type Queryable, type Tx, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { enqueue } from '../../platform/jobs';
import { formatDateVi } from '../../text';
import { fromIso, iso } from './deadlines';
import { type Actor, recordAudit } from '../audit';
import { sendMailJob } from '../identity';
import { addNotice } from '../monitoring';
import { roleHoldersOf } from '../org';

/**
 * The deadlines that issued plans' obligations create for the units they bind:
 * listed per unit subtree, fulfilled by the bound unit, reminded by a job a few
 * calendar days before they fall due (the obligation's `reminder_days`, 3 by default),
 * and flagged late once past due and unfulfilled.
 */
export type DeadlineState = 'upcoming' | 'late' | 'done' | 'all';

export async function listDeadlines(q: Queryable, opts: { unitPath: string; state: DeadlineState; planId?: number; limit?: number }) {
  const at = now();
  const stateSql = {
    upcoming: 'd.fulfilled_at is null and d.due_at >= $2',
    late: 'd.fulfilled_at is null and d.due_at < $2',
    done: 'd.fulfilled_at is not null',
    all: 'true',
  }[opts.state];
  const params: unknown[] = [opts.unitPath, at, opts.limit ?? 200];
  const planFilter = opts.planId ? `and (o.plan_id = $4 or o.parent_obligation_id in (select id from plan_obligations where plan_id = $4))` : '';
  if (opts.planId) params.push(opts.planId);
  const r = await q.query(
    `select d.id, o.plan_id as "planId", p.title as "planTitle", o.what, d.unit_id as "unitId", u.name as "unitName", d.label,
            d.due_date::text as "dueDate", d.due_at as "dueAt", (d.fulfilled_at is null and d.due_at < $2) as "isLate",
            d.reminded_at as "remindedAt", d.fulfilled_at as "fulfilledAt"
       from obligation_deadlines d join plan_obligations o on o.id = d.obligation_id join plans p on p.id = o.plan_id
       join units u on u.id = d.unit_id
      where u.path <@ $1::ltree and ${stateSql} ${planFilter}
      order by d.due_at, u.name limit $3`,
    params,
  );
  const summary = await q.query<{ upcoming: number; late: number; done: number }>(
    `select count(*) filter (where d.fulfilled_at is null and d.due_at >= $2)::int as upcoming,
            count(*) filter (where d.fulfilled_at is null and d.due_at < $2)::int as late,
            count(*) filter (where d.fulfilled_at is not null)::int as done
       from obligation_deadlines d join plan_obligations o on o.id = d.obligation_id join units u on u.id = d.unit_id
      where u.path <@ $1::ltree ${opts.planId ? 'and (o.plan_id = $3 or o.parent_obligation_id in (select id from plan_obligations where plan_id = $3))' : ''}`,
    opts.planId ? [opts.unitPath, at, opts.planId] : [opts.unitPath, at],
  );
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    items: r.rows.map((x) => ({ ...x, dueAt: iso(x.dueAt), remindedAt: iso(x.remindedAt), fulfilledAt: iso(x.fulfilledAt) })),
    summary: summary.rows[0],
  };
}

export async function deadlineUnit(q: Queryable, id: number): Promise<number> {
  const r = await q.query<{ unitId: number }>('select unit_id as "unitId" from obligation_deadlines where id = $1', [id]);
  if (!r.rowCount) throw new AppError('deadline.not_found', 404, 'deadline.not_found');
  return r.rows[0].unitId;
}

export async function fulfilDeadline(actor: Actor, id: number, outerTx?: Tx): Promise<void> {
  // With `outerTx` (e.g. a report's submission) the fulfilment commits or fails with the caller's change.
  const run = outerTx ? (fn: (tx: Tx) => Promise<void>) => fn(outerTx) : (fn: (tx: Tx) => Promise<void>) => withTransaction(fn);
  await run(async (tx) => {
    const r = await tx.query<{ unitId: number }>(
      `update obligation_deadlines set fulfilled_at = coalesce(fulfilled_at, $2), fulfilled_by = coalesce(fulfilled_by, $3)
        where id = $1 returning unit_id as "unitId"`,
      [id, now(), actor.userId],
    );
    if (!r.rowCount) throw new AppError('deadline.not_found', 404, 'deadline.not_found');
    // The same duty reached the unit twice (the parent's obligation and the unit's cascaded copy of it):
    // meeting one meets the other, for the same due date.
    const siblings = await tx.query<{ id: string }>(
      `with recursive up as (
         select o.id, o.parent_obligation_id from plan_obligations o where o.id = (select obligation_id from obligation_deadlines where id = $1)
         union all
         select p.id, p.parent_obligation_id from plan_obligations p join up on p.id = up.parent_obligation_id),
       down as (
         select id from up where parent_obligation_id is null
         union all
         select c.id from plan_obligations c join down on c.parent_obligation_id = down.id)
       update obligation_deadlines d set fulfilled_at = $2, fulfilled_by = $3
         from obligation_deadlines me
        where me.id = $1 and d.id <> me.id and d.unit_id = me.unit_id and d.due_date = me.due_date and d.fulfilled_at is null
          and d.obligation_id in (select id from down)
       returning d.id`,
      [id, now(), actor.userId],
    );
    await recordAudit(tx, actor, {
      action: 'deadline.fulfil',
      entity: 'deadline',
      entityId: id,
      unitId: r.rows[0].unitId,
      after: siblings.rowCount ? { alsoFulfilled: siblings.rows.map((x) => Number(x.id)) } : undefined,
    });
  });
}

/**
 * Reminds each bound unit's focal points and leaders of deadlines falling due
 * within their reminder window. A deadline is reminded once: `reminded_at` is
 * set in the same transaction that queues the e-mails, and rows are claimed
 * with SKIP LOCKED, so concurrent workers and retries never remind twice.
 */
export async function remindDueDeadlines(limit = 500): Promise<number> {
  return withTransaction(async (tx) => {
    const at = now();
    const due = await tx.query<{ id: number; unitId: number; unitName: string; label: string; what: string; dueDate: string; planTitle: string }>(
      `select d.id, d.unit_id as "unitId", u.name as "unitName", d.label, o.what, d.due_date::text as "dueDate", p.title as "planTitle"
         from obligation_deadlines d join plan_obligations o on o.id = d.obligation_id join plans p on p.id = o.plan_id
         join units u on u.id = d.unit_id
        where d.reminded_at is null and d.fulfilled_at is null and d.due_at >= $1
          and d.due_date - o.reminder_days <= $3::date
          and p.status in ('issued')
        order by d.due_at limit $2
        for update of d skip locked`,
      [at, limit, iso(at)],
    );
    for (const d of due.rows) {
      for (const p of await unitContacts(tx, d.unitId)) {
        await enqueue(
          sendMailJob,
          {
            to: p.email,
            subject: t('deadline.reminder_subject', { what: d.what.slice(0, 80), date: formatDateVi(fromIso(d.dueDate)) }),
            text: t('deadline.reminder_body', {
              name: p.name,
              unit: d.unitName,
              what: d.what,
              label: d.label,
              date: formatDateVi(fromIso(d.dueDate)),
              plan: d.planTitle,
              link: `${config().publicUrl}/admin/ke-hoach`,
            }),
          },
          { tx },
        );
      }
      await tx.query('update obligation_deadlines set reminded_at = $2 where id = $1', [d.id, at]);
    }
    return due.rowCount ?? 0;
  });
}

// ---- obligations calendar: a unit's own deadlines, a parent's board, chasing, overdue reminders ----

/** How soon the same late deadline may be chased again. */
export const CHASE_WINDOW_HOURS = 24;
/** Overdue reminders go only for deadlines that fell due within this many days (old debts are chased by hand). */
const OVERDUE_REMINDER_MAX_DAYS = 30;

export type DeadlineStatus = 'done' | 'done_late' | 'late' | 'pending';
const statusSql = `case when d.fulfilled_at is not null and d.fulfilled_at <= d.due_at then 'done'
                        when d.fulfilled_at is not null then 'done_late'
                        when d.due_at < $AT then 'late' else 'pending' end`;

const isoOrNull = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/**
 * What one unit owes between two dates (inclusive, yyyy-mm-dd): its own deadlines
 * with their state, for the month calendar and the list.
 */
export async function unitCalendar(q: Queryable, opts: { unitId: number; from: string; to: string }) {
  const at = now();
  const r = await q.query(
    `with recursive chain as (
       select o.id, o.id as root_id from plan_obligations o where o.parent_obligation_id is null
       union all
       select c.id, ch.root_id from plan_obligations c join chain ch on c.parent_obligation_id = ch.id),
     own as (
       -- the same duty reaching the unit twice (its parent's obligation and its cascaded copy) shows once
       select distinct on (ch.root_id, d.due_date) d.*
         from obligation_deadlines d join chain ch on ch.id = d.obligation_id
        where d.unit_id = $1 and d.due_date between $2::date and $3::date
        order by ch.root_id, d.due_date, d.fulfilled_at is null, d.fulfilled_at > d.due_at, d.id)
     select d.id, o.id as "obligationId", o.plan_id as "planId", p.title as "planTitle", o.what, o.recurrence, d.label,
            d.due_date::text as "dueDate", d.due_at as "dueAt", d.fulfilled_at as "fulfilledAt", ${statusSql.replaceAll('$AT', '$4')} as status,
            (select max(c.chased_at) from obligation_chases c where c.deadline_id = d.id) as "lastChasedAt"
       from own d join plan_obligations o on o.id = d.obligation_id join plans p on p.id = o.plan_id
      order by d.due_at, o.what`,
    [opts.unitId, opts.from, opts.to, at],
  );
  return r.rows.map((x) => ({ ...x, id: Number(x.id), obligationId: Number(x.obligationId), planId: Number(x.planId), dueAt: isoOrNull(x.dueAt), fulfilledAt: isoOrNull(x.fulfilledAt), lastChasedAt: isoOrNull(x.lastChasedAt) })) as {
    id: number; obligationId: number; planId: number; planTitle: string; what: string; recurrence: string; label: string; dueDate: string; dueAt: string;
    fulfilledAt: string | null; status: DeadlineStatus; lastChasedAt: string | null;
  }[];
}

export type BoardUnit = { deadlineId: number; unitId: number; unitName: string; status: DeadlineStatus; fulfilledAt: string | null; lastChasedAt: string | null; canChase: boolean };
export type BoardRow = {
  obligationId: number; planId: number; planTitle: string; what: string; label: string; dueDate: string;
  counts: Record<DeadlineStatus, number>; units: BoardUnit[];
};

/**
 * A parent's board: per obligation (cascaded obligations count as their root's) and
 * due date between two dates, every sub-unit under `unitPath` (the unit itself
 * excluded) bound by it, with its state — submitted (on time or late), late, pending —
 * and when it was last chased. Weekly article deadlines are left to the quota heatmap.
 */
export async function obligationBoard(q: Queryable, opts: { unitId: number; unitPath: string; from: string; to: string; state?: 'late' | 'all' }): Promise<BoardRow[]> {
  const at = now();
  const r = await q.query(
    `with recursive chain as (
       select o.id, o.id as root_id, o.parent_obligation_id from plan_obligations o where o.parent_obligation_id is null
       union all
       select c.id, ch.root_id, c.parent_obligation_id from plan_obligations c join chain ch on c.parent_obligation_id = ch.id),
     rows as (
       select distinct on (ch.root_id, d.due_date, d.unit_id)
              d.id, d.unit_id, u.name as unit_name, d.due_date, d.due_at, d.fulfilled_at, d.label, ch.root_id, ${statusSql.replaceAll('$AT', '$5')} as status,
              (select max(c.chased_at) from obligation_chases c where c.deadline_id = d.id) as last_chased_at
         from obligation_deadlines d join chain ch on ch.id = d.obligation_id join plan_obligations o on o.id = d.obligation_id
         join units u on u.id = d.unit_id
        where u.path <@ $1::ltree and d.unit_id <> $2 and o.recurrence <> 'weekly' and d.due_date between $3::date and $4::date
        -- the same duty reaching a unit twice (its parent's obligation and its cascaded copy) shows once, the better state first
        order by ch.root_id, d.due_date, d.unit_id, d.fulfilled_at is null, d.fulfilled_at > d.due_at, d.id)
     select r.root_id as "obligationId", ro.plan_id as "planId", p.title as "planTitle", ro.what, min(r.label) as label, r.due_date::text as "dueDate",
            json_agg(json_build_object('deadlineId', r.id, 'unitId', r.unit_id, 'unitName', r.unit_name, 'status', r.status,
                     'fulfilledAt', r.fulfilled_at, 'lastChasedAt', r.last_chased_at) order by r.status <> 'late', r.unit_name) as units
       from rows r join plan_obligations ro on ro.id = r.root_id join plans p on p.id = ro.plan_id
      group by r.root_id, ro.plan_id, p.title, ro.what, r.due_date
     having $6::text = 'all' or bool_or(r.status = 'late')
      order by r.due_date, ro.what
      limit 300`,
    [opts.unitPath, opts.unitId, opts.from, opts.to, at, opts.state ?? 'all'],
  );
  const windowStart = at.getTime() - CHASE_WINDOW_HOURS * 3_600_000;
  return r.rows.map((x) => {
    const units: BoardUnit[] = (x.units as { deadlineId: number; unitId: number; unitName: string; status: DeadlineStatus; fulfilledAt: string | null; lastChasedAt: string | null }[]).map((u) => ({
      deadlineId: Number(u.deadlineId),
      unitId: Number(u.unitId),
      unitName: u.unitName,
      status: u.status,
      fulfilledAt: isoOrNull(u.fulfilledAt ? new Date(u.fulfilledAt) : null),
      lastChasedAt: isoOrNull(u.lastChasedAt ? new Date(u.lastChasedAt) : null),
      canChase: u.status === 'late' && (!u.lastChasedAt || new Date(u.lastChasedAt).getTime() < windowStart),
    }));
    const counts = { done: 0, done_late: 0, late: 0, pending: 0 } as Record<DeadlineStatus, number>;
    for (const u of units) counts[u.status]++;
    return { obligationId: Number(x.obligationId), planId: Number(x.planId), planTitle: x.planTitle, what: x.what, label: x.label, dueDate: x.dueDate, counts, units };
  });
}

/** One deadline with its state and chase history (the evidence page behind a score). */
export async function getDeadline(q: Queryable, id: number) {
  const at = now();
  const r = await q.query(
    `select d.id, d.unit_id as "unitId", u.name as "unitName", o.id as "obligationId", o.plan_id as "planId", p.title as "planTitle", o.what, o.recurrence, d.label,
            d.due_date::text as "dueDate", d.due_at as "dueAt", d.fulfilled_at as "fulfilledAt", fu.name as "fulfilledByName",
            d.reminded_at as "remindedAt", d.overdue_reminded_at as "overdueRemindedAt", ${statusSql.replaceAll('$AT', '$2')} as status
       from obligation_deadlines d join plan_obligations o on o.id = d.obligation_id join plans p on p.id = o.plan_id
       join units u on u.id = d.unit_id left join users fu on fu.id = d.fulfilled_by
      where d.id = $1`,
    [id, at],
  );
  if (!r.rowCount) throw new AppError('deadline.not_found', 404, 'deadline.not_found');
  const chases = await q.query(
    `select c.id, c.chased_at as "chasedAt", us.name as "chasedByName", c.recipients, c.note
       from obligation_chases c left join users us on us.id = c.chased_by where c.deadline_id = $1 order by c.chased_at desc, c.id desc`,
    [id],
  );
  const x = r.rows[0];
  return {
    ...x,
    id: Number(x.id), unitId: Number(x.unitId), obligationId: Number(x.obligationId), planId: Number(x.planId),
    dueAt: isoOrNull(x.dueAt), fulfilledAt: isoOrNull(x.fulfilledAt), remindedAt: isoOrNull(x.remindedAt), overdueRemindedAt: isoOrNull(x.overdueRemindedAt),
    chases: chases.rows.map((c) => ({ id: Number(c.id), chasedAt: isoOrNull(c.chasedAt) as string, chasedByName: c.chasedByName as string | null, recipients: c.recipients as number, note: c.note as string | null })),
  } as {
    id: number; unitId: number; unitName: string; obligationId: number; planId: number; planTitle: string; what: string; recurrence: string; label: string;
    dueDate: string; dueAt: string; fulfilledAt: string | null; fulfilledByName: string | null; remindedAt: string | null; overdueRemindedAt: string | null;
    status: DeadlineStatus; chases: { id: number; chasedAt: string; chasedByName: string | null; recipients: number; note: string | null }[];
  };
}

const unitContacts = (q: Queryable, unitId: number) => roleHoldersOf(q, unitId, ['focal_point', 'leader']);

export type ChaseSkip = { deadlineId: number; reason: 'not_late' | 'recently_chased' };

/**
 * Chases late deadlines with one click: for each, an in-app notice and an e-mail to
 * the late unit's focal points and leaders, recorded as an `obligation_chases` row and
 * in the audit log, in one transaction. A deadline that is not late (met, or not yet
 * due) or was chased within CHASE_WINDOW_HOURS is skipped; rows are locked, so two
 * clicks at once chase once. Refused when nothing is left to chase.
 */
export async function chaseDeadlines(actor: Actor, deadlineIds: number[], note?: string | null): Promise<{ chased: number[]; skipped: ChaseSkip[]; recipients: number }> {
  return withTransaction(async (tx) => {
    const at = now();
    const rows = await tx.query<{ id: string; unitId: string; unitName: string; what: string; label: string; dueDate: string; planTitle: string; dueAt: Date; fulfilledAt: Date | null; lastChasedAt: Date | null }>(
      `select d.id, d.unit_id as "unitId", u.name as "unitName", o.what, d.label, d.due_date::text as "dueDate", p.title as "planTitle",
              d.due_at as "dueAt", d.fulfilled_at as "fulfilledAt",
              (select max(c.chased_at) from obligation_chases c where c.deadline_id = d.id) as "lastChasedAt"
         from obligation_deadlines d join plan_obligations o on o.id = d.obligation_id join plans p on p.id = o.plan_id join units u on u.id = d.unit_id
        where d.id = any($1::bigint[]) order by d.id for update of d`,
      [deadlineIds],
    );
    if (rows.rowCount !== new Set(deadlineIds).size) throw new AppError('deadline.not_found', 404, 'deadline.not_found');
    const chased: number[] = [];
    const skipped: ChaseSkip[] = [];
    let recipients = 0;
    const windowStart = at.getTime() - CHASE_WINDOW_HOURS * 3_600_000;
    for (const d of rows.rows) {
      const id = Number(d.id);
      if (d.fulfilledAt || new Date(d.dueAt).getTime() >= at.getTime()) { skipped.push({ deadlineId: id, reason: 'not_late' }); continue; }
      if (d.lastChasedAt && new Date(d.lastChasedAt).getTime() >= windowStart) { skipped.push({ deadlineId: id, reason: 'recently_chased' }); continue; }
      const people = await unitContacts(tx, Number(d.unitId));
      const date = formatDateVi(fromIso(d.dueDate));
      const link = `/admin/nghia-vu/han/${id}`;
      for (const p of people) {
        await addNotice(tx, { userId: p.id, title: t('obligation.chase_notice_title', { what: d.what.slice(0, 80) }), body: t('obligation.chase_notice_body', { unit: d.unitName, label: d.label, date }), link, at });
        await enqueue(
          sendMailJob,
          {
            to: p.email,
            subject: t('obligation.chase_subject', { what: d.what.slice(0, 80), date }),
            text: t('obligation.chase_body', { name: p.name, unit: d.unitName, what: d.what, label: d.label, date, plan: d.planTitle, note: note?.trim() || '—', link: `${config().publicUrl}${link}` }),
          },
          { tx },
        );
      }
      await tx.query('insert into obligation_chases (deadline_id, unit_id, chased_by, chased_at, recipients, note) values ($1, $2, $3, $4, $5, $6)', [
        id, d.unitId, actor.userId, at, people.length, note?.trim() || null,
      ]);
      await recordAudit(tx, actor, { action: 'deadline.chase', entity: 'deadline', entityId: id, unitId: Number(d.unitId), after: { recipients: people.length, note: note?.trim() || null } });
      chased.push(id);
      recipients += people.length;
    }
    if (!chased.length) {
      const isRecent = skipped.some((s) => s.reason === 'recently_chased');
      throw new AppError(isRecent ? 'obligation.chased_recently' : 'obligation.not_late', 409, isRecent ? 'obligation.chased_recently' : 'obligation.not_late', { hours: CHASE_WINDOW_HOURS });
    }
    return { chased, skipped, recipients };
  });
}

/**
 * Once a deadline of an issued plan is past due and still unfulfilled, its unit's focal
 * points and leaders get one overdue reminder. `overdue_reminded_at` is set in the
 * transaction that queues the e-mails and notices (rows claimed with SKIP LOCKED), so
 * retries and concurrent workers never remind twice. Weekly article deadlines are left
 * to the quota reminders; deadlines older than a month are left to chasing by hand.
 */
export async function remindOverdueDeadlines(limit = 500): Promise<number> {
  return withTransaction(async (tx) => {
    const at = now();
    const due = await tx.query<{ id: string; unitId: string; unitName: string; label: string; what: string; dueDate: string; planTitle: string }>(
      `select d.id, d.unit_id as "unitId", u.name as "unitName", d.label, o.what, d.due_date::text as "dueDate", p.title as "planTitle"
         from obligation_deadlines d join plan_obligations o on o.id = d.obligation_id join plans p on p.id = o.plan_id
         join units u on u.id = d.unit_id
        where d.overdue_reminded_at is null and d.fulfilled_at is null and d.due_at < $1 and d.due_at >= $1 - make_interval(days => $3)
          and o.recurrence <> 'weekly' and p.status = 'issued'
        order by d.due_at limit $2
        for update of d skip locked`,
      [at, limit, OVERDUE_REMINDER_MAX_DAYS],
    );
    const sent = new Set<string>();
    for (const d of due.rows) {
      const date = formatDateVi(fromIso(d.dueDate));
      const link = `/admin/nghia-vu/han/${d.id}`;
      // a duty reaching the unit twice (the parent's obligation and its cascaded copy) is reminded once
      const key = `${d.unitId}|${d.dueDate}|${d.what}`;
      const people = sent.has(key) ? [] : await unitContacts(tx, Number(d.unitId));
      sent.add(key);
      for (const p of people) {
        await addNotice(tx, { userId: p.id, title: t('obligation.overdue_notice_title', { what: d.what.slice(0, 80) }), body: t('obligation.chase_notice_body', { unit: d.unitName, label: d.label, date }), link, at });
        await enqueue(
          sendMailJob,
          {
            to: p.email,
            subject: t('obligation.overdue_subject', { what: d.what.slice(0, 80), date }),
            text: t('obligation.overdue_body', { name: p.name, unit: d.unitName, what: d.what, label: d.label, date, plan: d.planTitle, link: `${config().publicUrl}${link}` }),
          },
          { tx },
        );
      }
      await tx.query('update obligation_deadlines set overdue_reminded_at = $2 where id = $1', [d.id, at]);
    }
    return due.rowCount ?? 0;
  });
}
