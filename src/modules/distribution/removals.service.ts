import crypto from 'node:crypto';
import { now } from '../../platform/clock';
import { config } from '../../platform/config';
import { type Tx, db, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { enqueue } from '../../platform/jobs';
import { log } from '../../platform/log';
import { type Actor, recordAudit } from '../audit';
import { removeFacebookPost } from './adapters/facebook';
import { type AdapterContext, type Attempt, backoffMs } from './adapters/http';
import { removeZaloArticle } from './adapters/zalo';
import { workDeliveriesJob } from './distribution.jobs';
import { refreshZaloToken } from './refresh.service';
import { decryptSecret } from './secrets';

/**
 * Taking down what Loa posted when an article is withdrawn. `queueRemovals` runs in
 * the withdrawing transaction and writes one `delivery_removals` row per delivery
 * that was sent with a remote id (Facebook Page post, Zalo OA article); a post that
 * completes after the withdrawal is queued by the delivery worker in the commit that
 * records it. The worker is the deliveries outbox again: claim (SKIP LOCKED, a lease),
 * the platform call outside any transaction, the outcome in a second transaction.
 * Deleting is idempotent — "already gone" counts as removed — so a worker dying
 * between the call and the commit only means the call is made again after the lease.
 * Newsletters cannot be unsent: no row, the UI says so.
 */
const REMOVABLE_KINDS = ['facebook_page', 'zalo_oa'];

async function queueJob(tx: Tx) {
  try {
    await enqueue(workDeliveriesJob, {}, { tx });
  } catch (err) {
    if (!/not started/.test((err as Error).message)) throw err;
  }
}

/** In the transaction that withdraws an article. Returns how many removals were queued. */
export async function queueRemovals(tx: Tx, articleId: number): Promise<number> {
  const at = now();
  const r = await tx.query(
    `insert into delivery_removals (delivery_id, next_attempt_at, created_at, updated_at)
     select d.id, $3, $3, $3 from deliveries d join channel_targets t on t.id = d.target_id
      where d.article_id = $1 and d.status = 'sent' and d.remote_id is not null and t.kind = any($2::text[])
     on conflict (delivery_id) do nothing`,
    [articleId, REMOVABLE_KINDS, at],
  );
  const n = r.rowCount ?? 0;
  if (n > 0) await queueJob(tx);
  return n;
}

/** In the commit that records a sent delivery: when its article was withdrawn meanwhile, queue the removal. */
export async function queueRemovalIfWithdrawn(tx: Tx, deliveryId: number, articleId: number): Promise<void> {
  const at = now();
  const r = await tx.query(
    `insert into delivery_removals (delivery_id, next_attempt_at, created_at, updated_at)
     select d.id, $3, $3, $3 from deliveries d join channel_targets t on t.id = d.target_id join articles a on a.id = d.article_id
      where d.id = $1 and a.id = $2 and a.status = 'withdrawn' and d.remote_id is not null and t.kind = any($4::text[])
     on conflict (delivery_id) do nothing`,
    [deliveryId, articleId, at, REMOVABLE_KINDS],
  );
  if (r.rowCount) log.info('post made after the withdrawal: removal queued', { delivery: deliveryId });
}

type ClaimedRemoval = {
  id: number;
  deliveryId: number;
  targetId: number;
  unitId: number;
  kind: 'facebook_page' | 'zalo_oa';
  externalId: string | null;
  remoteId: string;
  token: string;
  settings: Record<string, unknown>;
  attempts: number;
  leaseToken: string;
};

async function failClaim(tx: Tx, id: number, code: string, message: string) {
  await tx.query(
    `update delivery_removals set status = 'failed', next_attempt_at = null, lease_until = null, lease_token = null, last_error = $2, last_error_code = $3, updated_at = $4 where id = $1`,
    [id, message, code, now()],
  );
}

async function claimNextRemoval(): Promise<ClaimedRemoval | 'done' | null> {
  return withTransaction(async (tx) => {
    const at = now();
    const r = await tx.query(
      `select r.id, r.delivery_id as "deliveryId", r.attempts, d.remote_id as "remoteId", d.target_id as "targetId", t.unit_id as "unitId", t.kind,
              t.external_id as "externalId", t.token_encrypted as "tokenEncrypted", t.settings, t.attention, t.attention_message as "attentionMessage"
         from delivery_removals r join deliveries d on d.id = r.delivery_id join channel_targets t on t.id = d.target_id
        where r.status in ('pending', 'sending') and r.next_attempt_at <= $1
        order by r.next_attempt_at limit 1
          for update of r skip locked`,
      [at],
    );
    const row = r.rows[0];
    if (!row) return null;
    if (row.attention) {
      await failClaim(tx, row.id, 'delivery.needs_attention', row.attentionMessage ?? t('delivery.needs_attention'));
      return 'done';
    }
    if (!row.tokenEncrypted) {
      await failClaim(tx, row.id, 'delivery.no_token', t('delivery.no_token'));
      return 'done';
    }
    let token: string;
    try {
      token = decryptSecret(row.tokenEncrypted);
    } catch {
      await failClaim(tx, row.id, 'delivery.token_unreadable', t('delivery.token_unreadable'));
      return 'done';
    }
    const leaseToken = crypto.randomBytes(12).toString('base64url');
    const until = new Date(at.getTime() + config().deliveryLeaseSeconds * 1000);
    await tx.query(
      `update delivery_removals set status = 'sending', attempts = attempts + 1, lease_token = $2, lease_until = $3, next_attempt_at = $3, updated_at = $4 where id = $1`,
      [row.id, leaseToken, until, at],
    );
    return {
      id: row.id,
      deliveryId: row.deliveryId,
      targetId: row.targetId,
      unitId: row.unitId,
      kind: row.kind,
      externalId: row.externalId,
      remoteId: row.remoteId,
      token,
      settings: row.settings ?? {},
      attempts: row.attempts + 1,
      leaseToken,
    };
  });
}

async function finishRemoval(c: ClaimedRemoval, result: Attempt): Promise<void> {
  const at = now();
  await withTransaction(async (tx) => {
    if (result.kind === 'sent') {
      await tx.query(
        `update delivery_removals set status = 'removed', removed_at = $3, next_attempt_at = null, lease_until = null, lease_token = null,
                last_error = null, last_error_code = null, updated_at = $3
          where id = $1 and lease_token = $2`,
        [c.id, c.leaseToken, at],
      );
      return;
    }
    if (result.kind === 'retry') {
      const isDead = c.attempts >= config().deliveryMaxAttempts;
      const next = isDead ? null : new Date(at.getTime() + Math.max(backoffMs(c.attempts), result.minDelayMs ?? 0));
      await tx.query(
        `update delivery_removals set status = $3, next_attempt_at = $4, lease_until = null, lease_token = null, last_error = $5, last_error_code = $6, updated_at = $7
          where id = $1 and lease_token = $2`,
        [c.id, c.leaseToken, isDead ? 'dead' : 'pending', next, result.message, result.code, at],
      );
      return;
    }
    await tx.query(
      `update delivery_removals set status = 'failed', next_attempt_at = null, lease_until = null, lease_token = null, last_error = $3, last_error_code = $4, updated_at = $5
        where id = $1 and lease_token = $2`,
      [c.id, c.leaseToken, result.message, result.code, at],
    );
    if (result.attention) {
      await tx.query('update channel_targets set attention = $2, attention_message = $3, attention_at = $4, updated_at = $4 where id = $1', [c.targetId, result.attention, result.message, at]);
    }
  });
}

/** Works one due removal; false when none is due. */
export async function workNextRemoval(): Promise<boolean> {
  const c = await claimNextRemoval();
  if (c === null) return false;
  if (c === 'done') return true;
  let result: Attempt;
  try {
    let isRefreshed = false;
    const ctx: AdapterContext = {
      delivery: { id: c.deliveryId, marker: '', attempts: c.attempts, isUncertain: false, state: {} },
      target: { id: c.targetId, unitId: c.unitId, externalId: c.externalId, token: c.token, settings: c.settings },
      article: { id: 0, title: '', summary: null, text: '', unitName: '', url: '', photoUrls: [] },
      saveState: async () => {},
      refreshToken:
        c.kind === 'zalo_oa'
          ? async (usedToken) => {
              if (isRefreshed) return null;
              isRefreshed = true;
              const o = await refreshZaloToken(c.targetId, { usedToken });
              return o.kind === 'refreshed' || o.kind === 'current' ? o.token : null;
            }
          : undefined,
    };
    result = c.kind === 'facebook_page' ? await removeFacebookPost(ctx, c.remoteId) : await removeZaloArticle(ctx, c.remoteId);
  } catch (err) {
    log.error('removal attempt failed unexpectedly', { removal: c.id, err: (err as Error).message });
    result = { kind: 'retry', code: 'delivery.unexpected', message: t('delivery.unexpected', { reason: (err as Error).message }), isUncertain: true };
  }
  await finishRemoval(c, result);
  return true;
}

export async function workDueRemovals(limit = 100): Promise<number> {
  let n = 0;
  while (n < limit && (await workNextRemoval())) n++;
  return n;
}

async function lockRemoval(tx: Tx, deliveryId: number) {
  const r = await tx.query(
    `select r.id, r.status, r.last_error_code as code, t.unit_id as "unitId", t.kind
       from delivery_removals r join deliveries d on d.id = r.delivery_id join channel_targets t on t.id = d.target_id
      where r.delivery_id = $1 for update of r`,
    [deliveryId],
  );
  if (!r.rowCount) throw new AppError('removal.not_found', 404, 'removal.not_found');
  return r.rows[0] as { id: number; status: string; code: string | null; unitId: number; kind: string };
}

/** "Thử lại gỡ bài": a failed or dead removal starts again with a fresh count of attempts. */
export async function retryRemoval(actor: Actor, deliveryId: number): Promise<void> {
  await withTransaction(async (tx) => {
    const row = await lockRemoval(tx, deliveryId);
    if (!['failed', 'dead'].includes(row.status)) throw new AppError('removal.not_retryable', 409, 'removal.not_retryable');
    const at = now();
    await tx.query(`update delivery_removals set status = 'pending', attempts = 0, next_attempt_at = $2, updated_at = $2 where id = $1`, [row.id, at]);
    await recordAudit(tx, actor, { action: 'delivery.removal_retry', entity: 'delivery', entityId: deliveryId, unitId: row.unitId, before: { status: row.status, code: row.code } });
    await queueJob(tx);
  });
}

/** The editor removed the post by hand (after a removal Loa could not do): recorded, with who did it. */
export async function confirmRemovedByHand(actor: Actor, deliveryId: number): Promise<void> {
  await withTransaction(async (tx) => {
    const row = await lockRemoval(tx, deliveryId);
    if (!['failed', 'dead'].includes(row.status)) throw new AppError('removal.not_manual', 409, 'removal.not_manual');
    const at = now();
    await tx.query(
      `update delivery_removals set status = 'manual_done', removed_at = $2, done_by = $3, next_attempt_at = null, updated_at = $2 where id = $1`,
      [row.id, at, actor.userId],
    );
    await recordAudit(tx, actor, { action: 'delivery.removal_manual', entity: 'delivery', entityId: deliveryId, unitId: row.unitId, before: { status: row.status, code: row.code }, after: { status: 'manual_done' } });
  });
}

/** Just the count, for tests and the operations page. */
export async function dueRemovalCount(): Promise<number> {
  const r = await db().query<{ n: number }>(`select count(*)::int as n from delivery_removals where status in ('pending','sending') and next_attempt_at <= $1`, [now()]);
  return r.rows[0].n;
}
