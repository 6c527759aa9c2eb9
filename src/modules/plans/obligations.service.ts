import { now } from '../../platform/clock';
import { config } from '../../platform/config';
import { type Queryable, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { enqueue } from '../../platform/jobs';
import { formatDateVi } from '../../text';
import { fromIso, iso } from './deadlines';
import { type Actor, recordAudit } from '../audit';
import { sendMailJob } from '../identity';

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

export async function fulfilDeadline(actor: Actor, id: number): Promise<void> {
  await withTransaction(async (tx) => {
    const r = await tx.query<{ unitId: number }>(
      `update obligation_deadlines set fulfilled_at = coalesce(fulfilled_at, $2), fulfilled_by = coalesce(fulfilled_by, $3)
        where id = $1 returning unit_id as "unitId"`,
      [id, now(), actor.userId],
    );
    if (!r.rowCount) throw new AppError('deadline.not_found', 404, 'deadline.not_found');
    await recordAudit(tx, actor, { action: 'deadline.fulfil', entity: 'deadline', entityId: id, unitId: r.rows[0].unitId });
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
      const people = await tx.query<{ email: string; name: string }>(
        `select distinct us.email, us.name from role_assignments ra join users us on us.id = ra.user_id
          where ra.unit_id = $1 and ra.role in ('focal_point', 'leader') and us.is_active`,
        [d.unitId],
      );
      for (const p of people.rows) {
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
