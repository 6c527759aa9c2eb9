import { now } from '../../platform/clock';
import { config } from '../../platform/config';
import { db, withTransaction } from '../../platform/db';
import { t } from '../../platform/i18n';
import { enqueue } from '../../platform/jobs';
import { log } from '../../platform/log';
import { sendZaloOaMessageForUnit } from '../distribution';
import { sendMailJob } from '../identity';
import { textOfHtml } from '../newsroom';

/**
 * The notices outbox (see docs/ARCHITECTURE.md "Outbox"): delivery rows are written
 * with `emailed_at` / `zalo_at` null by the sending transaction; this sweep claims
 * them with SKIP LOCKED, queues the mail jobs in its own transaction (pg-boss writes
 * the job rows in it) and fills the column in that same transaction, so nothing is
 * lost or sent twice. Reminders: a delivery not yet read (or, when asked, not yet
 * acknowledged) gets one reminder per step of the notice's `reminder_hours` that
 * has passed since sending — at most once per step, and one mail even when several
 * steps passed at once. Zalo OA messages go to people with a Zalo id, through the
 * OA of the issuing unit or the nearest unit above it.
 */
const kindKey = {
  line_to_take: 'notice.kind.line_to_take',
  guidance: 'notice.kind.guidance',
  instruction: 'notice.kind.instruction',
  notice: 'notice.kind.notice',
} as const;

export const readLink = (token: string) => `${config().publicUrl}/api/notices/receipt/${token}`;
export const inboxLink = (noticeId: number) => `${config().publicUrl}/admin/thong-bao/nhan/${noticeId}`;

type MailRow = { id: number; token: string; email: string; name: string; noticeId: number; kind: keyof typeof kindKey; title: string; bodyHtml: string; unitName: string; isAckRequired: boolean; status: string };

function excerpt(html: string): string {
  const text = textOfHtml(html).trim();
  return text.length > 1500 ? `${text.slice(0, 1500)}…` : text;
}

/** Queues the first e-mail of each new delivery; returns how many. */
export async function sweepNoticeMail(limit = 500): Promise<number> {
  return withTransaction(async (tx) => {
    const rows = await tx.query<MailRow>(
      `select d.id, d.read_token as token, us.email, us.name, n.id as "noticeId", n.kind, n.title, n.body_html as "bodyHtml", iu.name as "unitName",
              n.is_ack_required as "isAckRequired", n.status
         from notice_deliveries d join notices n on n.id = d.notice_id join users us on us.id = d.user_id join units iu on iu.id = n.unit_id
        where d.emailed_at is null order by d.id limit $1 for update of d skip locked`,
      [limit],
    );
    if (!rows.rowCount) return 0;
    const ids: number[] = [];
    for (const r of rows.rows) {
      ids.push(Number(r.id));
      if (r.status !== 'sent' || !r.email?.includes('@')) continue;
      await enqueue(sendMailJob, {
        to: r.email,
        subject: t('notice.mail_subject', { kind: t(kindKey[r.kind]), title: r.title }),
        text: t(r.isAckRequired ? 'notice.mail_body_ack' : 'notice.mail_body', {
          name: r.name, unit: r.unitName, kind: t(kindKey[r.kind]).toLowerCase(), title: r.title, body: excerpt(r.bodyHtml), link: readLink(r.token),
        }),
      }, { tx });
    }
    // withdrawn before the sweep: nothing is mailed, the rows are still closed
    await tx.query('update notice_deliveries set emailed_at = $2 where id = any($1::bigint[])', [ids, now()]);
    return ids.length;
  });
}

/** Reminders to those who have not read (or not acknowledged, when asked), once per step. */
export async function sweepNoticeReminders(limit = 500): Promise<number> {
  return withTransaction(async (tx) => {
    const at = now();
    const rows = await tx.query<MailRow & { step: number }>(
      `select d.id, d.read_token as token, us.email, us.name, n.id as "noticeId", n.kind, n.title, n.body_html as "bodyHtml", iu.name as "unitName",
              n.is_ack_required as "isAckRequired", n.status, s.step
         from notice_deliveries d join notices n on n.id = d.notice_id join users us on us.id = d.user_id join units iu on iu.id = n.unit_id
         cross join lateral (select count(*)::int as step from unnest(n.reminder_hours) h where n.sent_at + make_interval(hours => h) <= $1) s
        where n.status = 'sent' and d.emailed_at is not null
          and (d.read_at is null or (n.is_ack_required and d.acknowledged_at is null))
          and d.reminded_step < s.step
        order by d.id limit $2 for update of d skip locked`,
      [at, limit],
    );
    for (const r of rows.rows) {
      if (r.email?.includes('@')) {
        await enqueue(sendMailJob, {
          to: r.email,
          subject: t('notice.remind_subject', { kind: t(kindKey[r.kind]), title: r.title }),
          text: t(r.isAckRequired ? 'notice.remind_body_ack' : 'notice.remind_body', {
            name: r.name, unit: r.unitName, kind: t(kindKey[r.kind]).toLowerCase(), title: r.title, link: readLink(r.token), step: r.step,
          }),
        }, { tx });
      }
      await tx.query('update notice_deliveries set reminded_step = $2, reminded_at = $3 where id = $1', [r.id, r.step, at]);
    }
    return rows.rowCount ?? 0;
  });
}

/**
 * Zalo OA messages: people without a Zalo id are closed at once (one statement);
 * the others are claimed (attempt counted) and sent outside any transaction, then
 * recorded. A retryable failure stays open for the next sweep, up to 5 attempts.
 */
export async function sweepNoticeZalo(limit = 100): Promise<{ sent: number; skipped: number; failed: number }> {
  const at = now();
  const skipped = await db().query(
    `update notice_deliveries d set zalo_at = $1, zalo_status = 'skipped'
      where d.zalo_at is null
        and (not exists (select 1 from notice_zalo_ids z where z.user_id = d.user_id)
             or exists (select 1 from notices n where n.id = d.notice_id and n.status <> 'sent'))`,
    [at],
  );
  const claimed = await db().query<{ id: number; zaloUserId: string; unitId: number; noticeId: number; kind: keyof typeof kindKey; title: string; token: string; unitName: string; attempts: number }>(
    `update notice_deliveries d set zalo_attempts = zalo_attempts + 1
       from notices n, notice_zalo_ids z, units iu
      where d.id in (select id from notice_deliveries where zalo_at is null order by id limit $1 for update skip locked)
        and n.id = d.notice_id and z.user_id = d.user_id and iu.id = n.unit_id
      returning d.id, z.zalo_user_id as "zaloUserId", n.unit_id as "unitId", n.id as "noticeId", n.kind, n.title, d.read_token as token,
                iu.name as "unitName", d.zalo_attempts as attempts`,
    [limit],
  );
  let sent = 0;
  let failed = 0;
  for (const r of claimed.rows) {
    const text = t('notice.zalo_text', { kind: t(kindKey[r.kind]), unit: r.unitName, title: r.title, link: readLink(r.token) });
    const res = await sendZaloOaMessageForUnit(db(), Number(r.unitId), r.zaloUserId, text).catch((err: Error) => ({ kind: 'failed' as const, code: 'zalo.error', message: err.message, isRetryable: true }));
    if (res.kind === 'sent') {
      sent++;
      await db().query(`update notice_deliveries set zalo_at = $2, zalo_status = 'sent' where id = $1`, [r.id, now()]);
    } else if (res.kind === 'skipped') {
      await db().query(`update notice_deliveries set zalo_at = $2, zalo_status = 'no_oa' where id = $1`, [r.id, now()]);
    } else if (!res.isRetryable || r.attempts >= 5) {
      failed++;
      log.warn('notice zalo message failed', { delivery: r.id, code: res.code, reason: res.message });
      await db().query(`update notice_deliveries set zalo_at = $2, zalo_status = $3 where id = $1`, [r.id, now(), `failed:${res.code}`]);
    }
  }
  return { sent, skipped: skipped.rowCount ?? 0, failed };
}

/** The every-minute job: mail, Zalo, reminders. */
export async function sweepNotices(): Promise<{ mailed: number; reminded: number; zalo: { sent: number; skipped: number; failed: number } }> {
  let mailed = 0;
  for (let i = 0; i < 20; i++) {
    const n = await sweepNoticeMail();
    mailed += n;
    if (n < 500) break;
  }
  const zalo = await sweepNoticeZalo();
  const reminded = await sweepNoticeReminders();
  return { mailed, reminded, zalo };
}
