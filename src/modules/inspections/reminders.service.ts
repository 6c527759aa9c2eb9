import { now } from '../../platform/clock';
import { config } from '../../platform/config';
import { db, withTransaction } from '../../platform/db';
import { t } from '../../platform/i18n';
import { enqueue } from '../../platform/jobs';
import { log } from '../../platform/log';
import { sendMailJob } from '../identity';
import { addNotice } from '../monitoring';
import { inspectionAdminUrl } from './emulation.facts';
import { roleHoldersOf } from '../org';

/**
 * Reminders for follow-up actions (việc khắc phục sau kiểm tra), in Vietnam calendar days
 * (Asia/Ho_Chi_Minh):
 *
 *   due_soon — from 3 days before `due_on` up to the due day itself (normally sent 3 days
 *              ahead; an action given a closer date is reminded on the day it becomes due-ish);
 *   overdue  — the first day after `due_on` (with two more days of grace should the job not
 *              have run that day; never later, so old overdue actions do not flood anyone).
 *
 * Only `open` actions (a `reported` one waits on the inspectors, a `closed` one is done) of
 * inspections that are not closed. Who is reminded: the inspected unit's leaders and focal
 * points (the people the module already notifies for that unit), an in-app notice through
 * monitoring's `addNotice` and an e-mail through the platform mail job.
 *
 * Exactly once: each (action, kind) is recorded in inspection_action_reminders in the same
 * transaction as its notices and mail jobs (written with the transaction). A second or
 * concurrent run finds the row (or waits on its key and then does nothing); a run that dies
 * midway rolls back the action's record, notices and mails together, and the next run sends.
 */
export const actionReminderKinds = ['due_soon', 'overdue'] as const;
export type ActionReminderKind = (typeof actionReminderKinds)[number];

/** The Vietnam calendar day of an instant, as YYYY-MM-DD. */
export function vnDay(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (YYYY-MM-DD). */
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** Which reminder, if any, an open action due on `dueOn` calls for on Vietnam day `today`. */
export function reminderKindFor(dueOn: string, today: string): ActionReminderKind | null {
  const left = daysBetween(today, dueOn);
  if (left >= 0 && left <= 3) return 'due_soon';
  if (left <= -1 && left >= -3) return 'overdue';
  return null;
}

const ddmmyyyy = (d: string) => d.split('-').reverse().join('/');

type Due = { actionId: number; kind: ActionReminderKind };

/** Reminders due at `at` and not yet sent, earliest due date first. */
async function dueActionReminders(at: Date, limit: number): Promise<Due[]> {
  const r = await db().query(
    `with today as (select ($1::timestamptz at time zone 'Asia/Ho_Chi_Minh')::date as d)
     select a.id as "actionId", case when a.due_on >= today.d then 'due_soon' else 'overdue' end as kind
       from today, inspection_actions a join inspections i on i.id = a.inspection_id
      where a.status = 'open' and i.status <> 'closed'
        and a.due_on between today.d - 3 and today.d + 3
        and not exists (select 1 from inspection_action_reminders s
                         where s.action_id = a.id and s.kind = case when a.due_on >= today.d then 'due_soon' else 'overdue' end)
      order by a.due_on, a.id limit $2`,
    [at, limit],
  );
  return r.rows.map((x) => ({ actionId: Number(x.actionId), kind: x.kind as ActionReminderKind }));
}

/**
 * Sends the action reminders due now (at most `limit` per call; call again while it returns
 * more than 0). Each action is one transaction: the action row is locked and re-checked
 * (still open, inspection not closed, same kind for today), its (action, kind) row is
 * inserted with ON CONFLICT DO NOTHING and only a new row gives notices and mails.
 * Returns the number of action reminders sent (not of people).
 */
export async function sendDueActionReminders(opts: { at?: Date; limit?: number; isMailing?: boolean } = {}): Promise<number> {
  const at = opts.at ?? now();
  const due = await dueActionReminders(at, opts.limit ?? 200);
  let sent = 0;
  for (const d of due) {
    // one action's failure (rolled back whole) must not hold up the others; the next run retries it
    sent += await remindAction(d, at, opts.isMailing ?? true).catch((err: Error) => {
      log.error('inspection action reminder failed', { actionId: d.actionId, kind: d.kind, err: err.message });
      return 0;
    });
  }
  return sent;
}

async function remindAction(d: Due, at: Date, isMailing: boolean): Promise<number> {
  return withTransaction(async (tx) => {
    const a = (await tx.query(
      `select a.title, a.owner_name as "ownerName", a.due_on::text as "dueOn", a.status, a.inspection_id as "inspectionId",
              i.title as "inspectionTitle", i.status as "inspectionStatus", i.inspected_unit_id as "inspectedUnitId", u.name as "unitName", iu.name as "inspectedUnitName"
         from inspection_actions a join inspections i on i.id = a.inspection_id join units u on u.id = i.unit_id join units iu on iu.id = i.inspected_unit_id
        where a.id = $1 for update of a`,
      [d.actionId],
    )).rows[0];
    if (!a || a.status !== 'open' || a.inspectionStatus === 'closed') return 0;
    const today = vnDay(at);
    if (reminderKindFor(a.dueOn, today) !== d.kind) return 0;
    const people = await roleHoldersOf(tx, a.inspectedUnitId, ['leader', 'focal_point']);
    const ins = await tx.query(
      'insert into inspection_action_reminders (action_id, kind, due_on, recipients, sent_at) values ($1,$2,$3,$4,$5) on conflict do nothing returning action_id',
      [d.actionId, d.kind, a.dueOn, people.length, at],
    );
    if (!ins.rowCount) return 0;
    const inspectionId = Number(a.inspectionId);
    const link = inspectionAdminUrl(inspectionId);
    const left = daysBetween(today, a.dueOn);
    const vars = {
      action: a.title as string, owner: a.ownerName as string, inspection: a.inspectionTitle as string, unit: a.unitName as string,
      inspected: a.inspectedUnitName as string, due: ddmmyyyy(a.dueOn), left: left === 0 ? t('inspection.remind_due_today') : t('inspection.remind_left_days', { n: left }),
    };
    const title = t(d.kind === 'due_soon' ? 'inspection.remind_soon_title' : 'inspection.remind_overdue_title', { action: String(a.title).slice(0, 150) });
    const body = t(d.kind === 'due_soon' ? 'inspection.remind_soon_body' : 'inspection.remind_overdue_body', vars);
    for (const p of people) {
      await addNotice(tx, { userId: p.id, title, body, link, at });
      if (isMailing && sendMailJob.schema.shape.to.safeParse(p.email).success) {
        await enqueue(sendMailJob, {
          to: p.email,
          subject: t('inspection.remind_mail_subject', { title, due: vars.due }),
          text: t('inspection.remind_mail_body', { name: p.name, body, link: `${config().publicUrl}${link}` }),
        }, { tx });
      }
    }
    return 1;
  });
}
