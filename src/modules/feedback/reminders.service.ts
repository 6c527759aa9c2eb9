import { now } from '../../platform/clock';
import { config } from '../../platform/config';
import { withTransaction } from '../../platform/db';
import { t } from '../../platform/i18n';
import { enqueue } from '../../platform/jobs';
import { recordAudit, systemActor } from '../audit';
import { sendMailJob } from '../identity';

/** Days before the response deadline when the owning unit gets the "due soon" reminder. */
export const REMIND_DAYS_BEFORE = 3;
const DAY = 86_400_000;

/**
 * Reminders about the published response ("you said, we did"): once when the deadline is
 * REMIND_DAYS_BEFORE days away and once when it has passed, to the focal points (or the
 * leaders and administrators) of the consultation's unit. Idempotent: one row per
 * consultation and kind in consultation_reminders, written in the same transaction as
 * the mail is queued; re-running sends nothing new.
 */
export async function sendResponseReminders(): Promise<number> {
  return withTransaction(async (tx) => {
    const at = now();
    const due = await tx.query<{ id: number; unitId: number; unitName: string; title: string; responseDueAt: Date; kind: 'due_soon' | 'overdue' }>(
      `select c.id, c.unit_id as "unitId", u.name as "unitName", c.title, c.response_due_at as "responseDueAt",
              case when c.response_due_at <= $1 then 'overdue' else 'due_soon' end as kind
         from consultations c join units u on u.id = c.unit_id
        where c.response_published_at is null and c.closes_at <= $1 and c.response_due_at <= $1::timestamptz + make_interval(days => $2)
          and not exists (select 1 from consultation_reminders r where r.consultation_id = c.id
                           and r.kind = case when c.response_due_at <= $1 then 'overdue' else 'due_soon' end)
        order by c.response_due_at limit 200 for update of c skip locked`,
      [at, REMIND_DAYS_BEFORE],
    );
    let sent = 0;
    for (const c of due.rows) {
      const ins = await tx.query('insert into consultation_reminders (consultation_id, kind, sent_at) values ($1,$2,$3) on conflict do nothing', [c.id, c.kind, at]);
      if (!ins.rowCount) continue;
      const people = await tx.query<{ email: string; name: string; role: string }>(
        `select distinct us.email, us.name, ra.role from role_assignments ra join users us on us.id = ra.user_id
          where ra.unit_id = $1 and ra.role in ('focal_point', 'leader', 'administrator') and us.is_active`,
        [c.unitId],
      );
      const focal = people.rows.filter((p) => p.role === 'focal_point');
      const to = [...new Map((focal.length ? focal : people.rows).map((p) => [p.email, p])).values()];
      const days = Math.max(0, Math.ceil((new Date(c.responseDueAt).getTime() - at.getTime()) / DAY));
      const link = `${config().publicUrl}/admin/gop-y/${c.id}`;
      for (const p of to) {
        await enqueue(sendMailJob, {
          to: p.email,
          subject: t(c.kind === 'overdue' ? 'feedback.remind_overdue_subject' : 'feedback.remind_subject', { title: c.title.slice(0, 120) }),
          text: t(c.kind === 'overdue' ? 'feedback.remind_overdue_body' : 'feedback.remind_body', { name: p.name, unit: c.unitName, title: c.title, days, link }),
        }, { tx });
      }
      await recordAudit(tx, systemActor, { action: `consultation.remind_${c.kind}`, entity: 'consultation', entityId: c.id, unitId: c.unitId, after: { recipients: to.length } });
      sent++;
    }
    return sent;
  });
}
