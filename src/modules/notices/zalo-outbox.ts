import { now } from '../../platform/clock';
import { type Queryable, db } from '../../platform/db';
import { log } from '../../platform/log';
import { sendZaloOaMessageForUnit } from '../distribution';

/**
 * A one-to-one Zalo OA outbox for other modules (incidents' escalations and
 * reports), with the same rules as the notices' own Zalo deliveries: the person's
 * Zalo id is the one they set on the notices page (`notice_zalo_ids`); the
 * message goes through the OA of `unitId` or the nearest unit above with an
 * active `zalo_oa` target. Queueing is idempotent (`sourceKey` is unique) and
 * happens in the caller's transaction; `sweepZaloOutbox` claims open rows whose lease
 * is free or expired (attempt counted first, lease set to now + 2 minutes, committed
 * before sending, so an overlapping sweep does not send the same message), sends
 * outside any transaction and records the result; retryable failures (network, 5xx,
 * -32) free the lease and stay open up to 5 attempts.
 */
export async function queueZaloMessage(tx: Queryable, m: { sourceKey: string; userId: number; unitId: number; text: string; at?: Date }): Promise<boolean> {
  const r = await tx.query(
    `insert into notice_zalo_outbox (source_key, user_id, unit_id, text, created_at) values ($1,$2,$3,$4,$5) on conflict (source_key) do nothing`,
    [m.sourceKey, m.userId, m.unitId, m.text.slice(0, 2000), m.at ?? now()],
  );
  return (r.rowCount ?? 0) > 0;
}

export async function sweepZaloOutbox(limit = 100): Promise<{ sent: number; skipped: number; failed: number }> {
  const at = now();
  const skipped = await db().query(
    `update notice_zalo_outbox o set zalo_at = $1, zalo_status = 'skipped'
      where o.zalo_at is null and not exists (select 1 from notice_zalo_ids z where z.user_id = o.user_id)`,
    [at],
  );
  const claimed = await db().query<{ id: number; zaloUserId: string; unitId: number; text: string; attempts: number }>(
    `update notice_zalo_outbox o set zalo_attempts = zalo_attempts + 1, lease_until = $2::timestamptz + interval '2 minutes'
       from notice_zalo_ids z
      where o.id in (select id from notice_zalo_outbox
                      where zalo_at is null and (lease_until is null or lease_until < $2)
                      order by id limit $1 for update skip locked)
        and o.zalo_at is null and (o.lease_until is null or o.lease_until < $2)
        and z.user_id = o.user_id
      returning o.id, z.zalo_user_id as "zaloUserId", o.unit_id as "unitId", o.text, o.zalo_attempts as attempts`,
    [limit, at],
  );
  let sent = 0;
  let failed = 0;
  for (const r of claimed.rows) {
    const res = await sendZaloOaMessageForUnit(db(), Number(r.unitId), r.zaloUserId, r.text).catch((err: Error) => ({ kind: 'failed' as const, code: 'zalo.error', message: err.message, isRetryable: true }));
    if (res.kind === 'sent') {
      sent++;
      await db().query(`update notice_zalo_outbox set zalo_at = $2, zalo_status = 'sent' where id = $1`, [r.id, now()]);
    } else if (res.kind === 'skipped') {
      await db().query(`update notice_zalo_outbox set zalo_at = $2, zalo_status = 'no_oa' where id = $1`, [r.id, now()]);
    } else if (!res.isRetryable || r.attempts >= 5) {
      failed++;
      log.warn('zalo outbox message failed', { outbox: r.id, code: res.code, reason: res.message });
      await db().query(`update notice_zalo_outbox set zalo_at = $2, zalo_status = $3 where id = $1`, [r.id, now(), `failed:${res.code}`]);
    } else {
      await db().query('update notice_zalo_outbox set lease_until = null where id = $1', [r.id]); // retryable: the next sweep tries again
    }
  }
  return { sent, skipped: skipped.rowCount ?? 0, failed };
}
