import { now } from '../../platform/clock';
import { config } from '../../platform/config';
import { withTransaction } from '../../platform/db';
import { db } from '../../platform/db';
import { t } from '../../platform/i18n';
import { enqueue } from '../../platform/jobs';
import { sendMailJob } from '../identity';
import { log } from '../../platform/log';
import { addNotice } from '../monitoring';
import { eventAdminUrl } from './report.facts';

/**
 * Reminders before an event (events.reminder: none, 1h, 1d — the default — or 3d before
 * starts_at). Who is reminded is who the module already holds responsible: the person who
 * scheduled it, invited people, and the leaders and focal points of invited units (the same
 * people an invitation notifies) — but not an invitation answered "declined".
 *
 * Exactly once: each (event, person, start time) is recorded in event_reminders_sent, in the
 * same transaction as the in-app notice (monitoring's addNotice) and the mail job
 * (sendMailJob, written with the transaction). A second run, or a run after a crash, finds
 * the row (or waits on its unique key and then skips). Only planned events, only before they
 * start; moving an event to another time allows one reminder for the new time.
 */
export const eventReminders = ['none', '1h', '1d', '3d'] as const;
export type EventReminder = (typeof eventReminders)[number];

const kindLabel: Record<string, string> = { conference: 'Hội nghị', training: 'Tập huấn', contest: 'Hội thi', other: 'Sự kiện' };

type Due = { eventId: number; userId: number; startsAt: Date };

/** "còn khoảng 40 phút / 5 giờ / 3 ngày": the real time left (an event scheduled inside its lead time is reminded late). */
export function timeLeft(ms: number): string {
  const min = Math.max(1, Math.round(ms / 60_000));
  if (min < 90) return t('event.remind_left_minutes', { n: min });
  const h = Math.round(min / 60);
  if (h < 36) return t('event.remind_left_hours', { n: h });
  return t('event.remind_left_days', { n: Math.round(h / 24) });
}

/** Reminders due at `at` and not yet sent, oldest event first. */
async function dueReminders(at: Date, limit: number): Promise<Due[]> {
  const r = await db().query(
    `with due as (
       select e.id, e.starts_at, e.created_by from events e
        where e.status = 'planned' and e.reminder <> 'none' and e.starts_at > $1
          and e.starts_at <= $1::timestamptz + (case e.reminder when '1h' then interval '1 hour' when '1d' then interval '1 day' else interval '3 days' end)
     ), people as (
       select d.id as event_id, d.starts_at, i.user_id from due d join event_invitees i on i.event_id = d.id
        where i.user_id is not null and i.response <> 'declined'
       union
       select d.id, d.starts_at, ra.user_id from due d join event_invitees i on i.event_id = d.id and i.user_id is null and i.response <> 'declined'
         join role_assignments ra on ra.unit_id = i.unit_id and ra.role in ('leader','focal_point')
       union
       select d.id, d.starts_at, d.created_by from due d where d.created_by is not null
     )
     select p.event_id as "eventId", p.user_id as "userId", p.starts_at as "startsAt"
       from people p join users us on us.id = p.user_id and us.is_active
      where not exists (select 1 from event_reminders_sent s where s.event_id = p.event_id and s.user_id = p.user_id and s.starts_at = p.starts_at)
      order by p.starts_at, p.event_id, p.user_id limit $2`,
    [at, limit],
  );
  return r.rows.map((x) => ({ eventId: Number(x.eventId), userId: Number(x.userId), startsAt: new Date(x.startsAt) }));
}

/**
 * Sends the reminders due now (at most `limit` people per call; call again while it returns
 * more than 0). Each event is one transaction: the event is locked and re-checked (still
 * planned, same start), then each person's row is inserted with ON CONFLICT DO NOTHING and
 * only a new row gives a notice and a mail. Returns the number of reminders sent.
 */
export async function sendDueReminders(opts: { at?: Date; limit?: number; isMailing?: boolean } = {}): Promise<number> {
  const at = opts.at ?? now();
  const due = await dueReminders(at, opts.limit ?? 300);
  const byEvent = new Map<number, Due[]>();
  for (const d of due) byEvent.set(d.eventId, [...(byEvent.get(d.eventId) ?? []), d]);
  let sent = 0;
  for (const [eventId, rows] of byEvent) {
    // one event's failure (rolled back whole) must not hold up the others; the next run retries it
    sent += await remindEvent(eventId, rows, at, opts.isMailing ?? true).catch((err: Error) => {
      log.error('event reminder failed', { eventId, err: err.message });
      return 0;
    });
  }
  return sent;
}

/** One event's reminders in one transaction (see sendDueReminders). */
async function remindEvent(eventId: number, rows: Due[], at: Date, isMailing: boolean): Promise<number> {
  return withTransaction(async (tx) => {
    const e = (await tx.query(
      `select e.kind, e.title, e.starts_at as "startsAt", e.place, e.online_url as "onlineUrl", e.status, e.reminder, u.name as "unitName"
         from events e join units u on u.id = e.unit_id where e.id = $1 for update of e`,
      [eventId],
    )).rows[0];
    if (!e || e.status !== 'planned' || e.reminder === 'none') return 0;
    const startsAt = new Date(e.startsAt);
    if (startsAt.getTime() !== rows[0].startsAt.getTime() || startsAt <= at) return 0;
    const when = startsAt.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' });
    const where = [e.place, e.onlineUrl].filter(Boolean).join(' — ') || '—';
    const kind = kindLabel[e.kind] ?? 'Sự kiện';
    const lead = timeLeft(startsAt.getTime() - at.getTime());
    const link = eventAdminUrl(eventId);
    let n = 0;
    for (const row of rows) {
      const ins = await tx.query(
        'insert into event_reminders_sent (event_id, user_id, starts_at, sent_at) values ($1,$2,$3,$4) on conflict do nothing returning user_id',
        [eventId, row.userId, startsAt, at],
      );
      if (!ins.rowCount) continue;
      const p = (await tx.query('select email, name from users where id = $1 and is_active', [row.userId])).rows[0];
      if (!p) continue;
      await addNotice(tx, { userId: row.userId, title: t('event.remind_notice_title', { kind, title: e.title }), body: t('event.remind_notice_body', { when, lead, where, unit: e.unitName }), link, at });
      if (isMailing && sendMailJob.schema.shape.to.safeParse(p.email).success) {
        await enqueue(sendMailJob, {
          to: p.email,
          subject: t('event.remind_mail_subject', { kind, title: String(e.title).slice(0, 150), when }),
          text: t('event.remind_mail_body', { name: p.name, kind, title: e.title, unit: e.unitName, when, lead, where, link: `${config().publicUrl}${link}` }),
        }, { tx });
      }
      n++;
    }
    return n;
  });
}
