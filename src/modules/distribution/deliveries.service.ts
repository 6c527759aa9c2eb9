import crypto from 'node:crypto';
import { now } from '../../platform/clock';
import { config } from '../../platform/config';
import { type Queryable, type Tx, db, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { enqueue } from '../../platform/jobs';
import { log } from '../../platform/log';
import { type Actor, recordAudit } from '../audit';
import { textOfHtml } from '../newsroom';
import { deliverToFacebook, findFacebookPost } from './adapters/facebook';
import { type AdapterArticle, type AdapterContext, type Attempt, NetworkError, backoffMs } from './adapters/http';
import { deliverToZalo, findZaloArticle, monthStartVn, quotaExceeded } from './adapters/zalo';
import { workDeliveriesJob } from './distribution.jobs';
import { refreshZaloToken } from './refresh.service';
import { queueRemovalIfWithdrawn } from './removals.service';
import { sendNewsletterIssue } from './newsletter.service';
import { decryptSecret } from './secrets';

/**
 * The delivery worker. A due delivery (pending, failed with a resume time, or
 * `sending` whose lease ran out) is claimed in a short transaction (SKIP LOCKED,
 * status → sending, a lease), the platform is called outside any transaction,
 * and the outcome is written in a second one — the remote id together with
 * `sent`. A crash between the call and that commit leaves the row `sending`;
 * when its lease expires the next claim marks it uncertain, and the adapter
 * looks the post up by its marker before posting again. Newsletters need no
 * remote call: their mail jobs are queued inside the claiming transaction.
 */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'dead';

type Claimed = {
  id: number;
  articleId: number;
  targetId: number;
  kind: 'facebook_page' | 'zalo_oa';
  unitId: number;
  externalId: string | null;
  token: string;
  settings: Record<string, unknown>;
  marker: string;
  attempts: number;
  isUncertain: boolean;
  state: Record<string, unknown>;
  leaseToken: string;
  /** The article was withdrawn after an attempt whose outcome is unknown: only look the post up (to take it down), never post. */
  isLookupOnly?: boolean;
};

const publicArticleUrl = (slug: string) => `${config().publicUrl}/tin-tuc/${slug}`;

/** What the adapters post: the article's text, its address and its photos as absolute URLs (cover first). */
export async function loadAdapterArticle(q: Queryable, articleId: number): Promise<AdapterArticle & { slug: string }> {
  const r = await q.query(
    `select a.id, a.title, a.slug, a.summary, a.body_html as "bodyHtml", a.cover_media_id as "coverId", u.name as "unitName"
       from articles a join units u on u.id = a.unit_id where a.id = $1`,
    [articleId],
  );
  const a = r.rows[0];
  if (!a) throw new AppError('article.not_found', 404, 'article.not_found');
  const photos = await q.query<{ key: string }>(
    `select m.variants->'large'->>'key' as key
       from (select $2::bigint as mid, -1 as ord where $2::bigint is not null
             union all select media_id, position from article_media where article_id = $1) x
       join media m on m.id = x.mid
      order by x.ord`,
    [articleId, a.coverId],
  );
  const keys = [...new Set(photos.rows.map((p) => p.key).filter(Boolean))];
  return {
    id: a.id,
    title: a.title,
    slug: a.slug,
    summary: a.summary,
    text: textOfHtml(a.bodyHtml ?? ''),
    unitName: a.unitName,
    url: publicArticleUrl(a.slug),
    photoUrls: keys.map((k) => `${config().publicUrl}/media/${k}`),
  };
}

async function failInClaim(tx: Tx, id: number, code: string, message: string) {
  await tx.query(
    `update deliveries set status = 'failed', next_attempt_at = null, lease_until = null, lease_token = null,
            last_error = $2, last_error_code = $3, updated_at = $4 where id = $1`,
    [id, message, code, now()],
  );
}

/** Claims the next due delivery. Returns null when none is due, 'done' when it was settled in the claim itself. */
async function claimNext(): Promise<Claimed | 'done' | null> {
  return withTransaction(async (tx) => {
    const at = now();
    const r = await tx.query(
      `select d.id, d.article_id as "articleId", d.target_id as "targetId", d.status, d.attempts, d.is_uncertain as "isUncertain",
              d.marker, d.state, t.kind, t.unit_id as "unitId", t.external_id as "externalId", t.token_encrypted as "tokenEncrypted",
              t.settings, t.is_active as "isActive", t.attention, t.attention_message as "attentionMessage", a.status as "articleStatus"
         from deliveries d join channel_targets t on t.id = d.target_id join articles a on a.id = d.article_id
        where d.status in ('pending', 'sending', 'failed') and d.next_attempt_at <= $1
        order by d.next_attempt_at limit 1
          for update of d skip locked`,
      [at],
    );
    const row = r.rows[0];
    if (!row) return null;
    const mayHavePosted = (row.status === 'sending' || row.isUncertain) && (row.kind === 'facebook_page' || row.kind === 'zalo_oa');
    if (row.articleStatus !== 'published' && !(row.articleStatus === 'withdrawn' && mayHavePosted && row.tokenEncrypted && !row.attention)) {
      await failInClaim(tx, row.id, 'delivery.article_withdrawn', t('delivery.article_withdrawn'));
      return 'done';
    }
    if (!row.isActive) {
      await failInClaim(tx, row.id, 'delivery.target_disabled', t('delivery.target_disabled'));
      return 'done';
    }
    if (row.kind === 'newsletter') {
      // a savepoint, so a failure is recorded on the row instead of leaving it first in line forever
      await tx.query('savepoint newsletter');
      try {
        const n = await sendNewsletterIssue(tx, row.unitId, await loadAdapterArticle(tx, row.articleId));
        await tx.query(
          `update deliveries set status = 'sent', attempts = attempts + 1, sent_at = $2, next_attempt_at = null, state = $3,
                  remote_id = null, last_error = null, last_error_code = null, updated_at = $2 where id = $1`,
          [row.id, at, JSON.stringify({ recipients: n })],
        );
      } catch (err) {
        await tx.query('rollback to savepoint newsletter');
        log.error('newsletter issue failed', { delivery: row.id, err: (err as Error).message });
        const attempts = row.attempts + 1;
        const isDead = attempts >= config().deliveryMaxAttempts;
        await tx.query(
          `update deliveries set status = $2, attempts = $3, next_attempt_at = $4, last_error = $5, last_error_code = 'delivery.unexpected', updated_at = $6 where id = $1`,
          [row.id, isDead ? 'dead' : 'pending', attempts, isDead ? null : new Date(at.getTime() + backoffMs(attempts)), t('delivery.unexpected', { reason: (err as Error).message }), at],
        );
      }
      return 'done';
    }
    if (row.attention) {
      await failInClaim(tx, row.id, 'delivery.needs_attention', row.attentionMessage ?? t('delivery.needs_attention'));
      return 'done';
    }
    if (!row.tokenEncrypted) {
      await failInClaim(tx, row.id, 'delivery.no_token', t('delivery.no_token'));
      return 'done';
    }
    let token: string;
    try {
      token = decryptSecret(row.tokenEncrypted);
    } catch {
      await failInClaim(tx, row.id, 'delivery.token_unreadable', t('delivery.token_unreadable'));
      return 'done';
    }
    const leaseToken = crypto.randomBytes(12).toString('base64url');
    const until = new Date(at.getTime() + config().deliveryLeaseSeconds * 1000);
    const isUncertain = row.isUncertain || row.status === 'sending';
    await tx.query(
      `update deliveries set status = 'sending', attempts = attempts + 1, lease_token = $2, lease_until = $3, next_attempt_at = $3,
              is_uncertain = $4, updated_at = $5 where id = $1`,
      [row.id, leaseToken, until, isUncertain, at],
    );
    return {
      id: row.id,
      articleId: row.articleId,
      targetId: row.targetId,
      kind: row.kind,
      unitId: row.unitId,
      externalId: row.externalId,
      token,
      settings: row.settings ?? {},
      marker: row.marker,
      attempts: row.attempts + 1,
      isUncertain,
      state: row.state ?? {},
      leaseToken,
      isLookupOnly: row.articleStatus !== 'published',
    };
  });
}

/**
 * A withdrawn article whose last attempt may have posted: find the post by its marker.
 * Found → recorded as sent (and, the article being withdrawn, queued for removal);
 * not found → nothing was posted, the delivery fails as withdrawn.
 */
async function lookUpOnly(c: Claimed, ctx: AdapterContext): Promise<Attempt> {
  const withdrawn: Attempt = { kind: 'failed', code: 'delivery.article_withdrawn', message: t('delivery.article_withdrawn'), state: c.state };
  try {
    if (c.kind === 'facebook_page') {
      const found = await findFacebookPost(ctx);
      if (found && 'kind' in found) return found;
      return found ? { kind: 'sent', remoteId: found.id, remoteUrl: `https://www.facebook.com/${found.id}`, isRecovered: true } : withdrawn;
    }
    if (c.state.articleId) return { kind: 'sent', remoteId: String(c.state.articleId), state: c.state, isRecovered: true };
    const found = await findZaloArticle(ctx, c.state);
    if (found && typeof found === 'object') return found;
    return found ? { kind: 'sent', remoteId: found, state: { ...c.state, articleId: found }, isRecovered: true } : withdrawn;
  } catch (err) {
    if (err instanceof NetworkError) return { kind: 'retry', code: `${c.kind === 'facebook_page' ? 'facebook' : 'zalo'}.network`, message: t('delivery.network', { platform: c.kind === 'facebook_page' ? 'Facebook' : 'Zalo', reason: err.message }), isUncertain: true, state: c.state };
    throw err;
  }
}

/** Zalo broadcast quota: what Zalo last said, and the configured monthly number against this month's broadcasts. */
async function checkZaloQuota(c: Claimed): Promise<Attempt | null> {
  const at = now();
  const r = await db().query<{ until: Date | null; used: number }>(
    `select t.quota_exhausted_until as until,
            (select count(*)::int from deliveries d where d.target_id = t.id and d.id <> $2
                and (d.state->>'broadcastAttemptedAt')::timestamptz >= $3) as used
       from channel_targets t where t.id = $1`,
    [c.targetId, c.id, monthStartVn(at)],
  );
  const { until, used } = r.rows[0] ?? { until: null, used: 0 };
  if (until && until > at) {
    const q = quotaExceeded(at);
    return { ...q, resumeAt: until } as Attempt;
  }
  const limit = Number(c.settings.monthlyQuota ?? 0);
  if (limit > 0 && used >= limit) return quotaExceeded(at, `${used}/${limit}`);
  return null;
}

async function finishAttempt(c: Claimed, result: Attempt): Promise<void> {
  const at = now();
  await withTransaction(async (tx) => {
    if (result.kind === 'sent') {
      const r = await tx.query(
        `update deliveries set status = 'sent', remote_id = $2, remote_url = $3, sent_at = $4, next_attempt_at = null,
                lease_until = null, lease_token = null, is_uncertain = false, state = $5, last_error = null, last_error_code = null, updated_at = $4
          where id = $1 and status = 'sending'`,
        [c.id, result.remoteId, result.remoteUrl ?? null, at, JSON.stringify({ ...(result.state ?? c.state), ...(result.isRecovered ? { isRecovered: true } : {}) })],
      );
      if (!r.rowCount) log.warn('delivery already settled by another worker', { delivery: c.id, remoteId: result.remoteId });
      // the article was withdrawn while this post was being made: take it down again
      else await queueRemovalIfWithdrawn(tx, c.id, c.articleId);
      return;
    }
    const state = JSON.stringify(result.state ?? c.state);
    if (result.kind === 'retry') {
      const isDead = c.attempts >= config().deliveryMaxAttempts;
      const next = isDead ? null : new Date(at.getTime() + Math.max(backoffMs(c.attempts), result.minDelayMs ?? 0));
      await tx.query(
        `update deliveries set status = $3, next_attempt_at = $4, lease_until = null, lease_token = null, is_uncertain = $5,
                last_error = $6, last_error_code = $7, state = $8, updated_at = $9
          where id = $1 and lease_token = $2`,
        [c.id, c.leaseToken, isDead ? 'dead' : 'pending', next, result.isUncertain, result.message, result.code, state, at],
      );
      return;
    }
    await tx.query(
      `update deliveries set status = 'failed', next_attempt_at = $3, lease_until = null, lease_token = null, is_uncertain = false,
              last_error = $4, last_error_code = $5, state = $6, updated_at = $7
        where id = $1 and lease_token = $2`,
      [c.id, c.leaseToken, result.resumeAt ?? null, result.message, result.code, state, at],
    );
    if (result.attention) {
      await tx.query('update channel_targets set attention = $2, attention_message = $3, attention_at = $4, updated_at = $4 where id = $1', [
        c.targetId,
        result.attention,
        result.message,
        at,
      ]);
    }
    if (result.quotaExhaustedUntil) {
      await tx.query('update channel_targets set quota_exhausted_until = $2, updated_at = $3 where id = $1', [c.targetId, result.quotaExhaustedUntil, at]);
    }
  });
}

/** A Zalo OA refresher for one attempt: refreshes at most once, then gives up (the auth error stands). */
export function onceRefresher(targetId: number): (usedToken: string) => Promise<string | null> {
  let isUsed = false;
  return async (usedToken) => {
    if (isUsed) return null;
    isUsed = true;
    const o = await refreshZaloToken(targetId, { usedToken });
    return o.kind === 'refreshed' || o.kind === 'current' ? o.token : null;
  };
}

/** Works one due delivery; false when none is due. */
export async function workNextDelivery(): Promise<boolean> {
  const c = await claimNext();
  if (c === null) return false;
  if (c === 'done') return true;
  let result: Attempt;
  try {
    const article = await loadAdapterArticle(db(), c.articleId);
    const ctx: AdapterContext = {
      delivery: { id: c.id, marker: c.marker, attempts: c.attempts, isUncertain: c.isUncertain, state: c.state },
      target: { id: c.targetId, unitId: c.unitId, externalId: c.externalId, token: c.token, settings: c.settings },
      article,
      saveState: async (state) => {
        const r = await db().query('update deliveries set state = $3, updated_at = $4 where id = $1 and lease_token = $2', [c.id, c.leaseToken, JSON.stringify(state), now()]);
        if (!r.rowCount) throw new Error('the delivery lease was lost');
        c.state = state;
      },
      refreshToken: c.kind === 'zalo_oa' ? onceRefresher(c.targetId) : undefined,
    };
    result = c.isLookupOnly
      ? await lookUpOnly(c, ctx)
      : c.kind === 'facebook_page'
        ? await deliverToFacebook(ctx)
        : await deliverToZalo({ ...ctx, checkQuota: () => checkZaloQuota(c) });
  } catch (err) {
    log.error('delivery attempt failed unexpectedly', { delivery: c.id, err: (err as Error).message });
    result = { kind: 'retry', code: 'delivery.unexpected', message: t('delivery.unexpected', { reason: (err as Error).message }), isUncertain: true, state: c.state };
  }
  if (result.kind === 'sent' && result.isRecovered) log.info('delivery found on the platform by its marker', { delivery: c.id, remoteId: result.remoteId });
  await finishAttempt(c, result);
  return true;
}

/** Works due deliveries until none is left (or `limit`). */
export async function workDueDeliveries(limit = 100): Promise<number> {
  let n = 0;
  while (n < limit && (await workNextDelivery())) n++;
  return n;
}

// ---- reading and retrying ----

const deliveryColumns = `d.id, d.article_id as "articleId", d.target_id as "targetId", t.kind as "targetKind", t.name as "targetName",
  t.unit_id as "unitId", d.status, d.attempts, d.next_attempt_at as "nextAttemptAt", d.remote_id as "remoteId", d.remote_url as "remoteUrl",
  d.last_error as "lastError", d.last_error_code as "lastErrorCode", d.sent_at as "sentAt", d.created_at as "createdAt", d.updated_at as "updatedAt",
  d.state, rm.status as "removalStatus", rm.last_error as "removalError", rm.removed_at as "removedAt", rm.attempts as "removalAttempts",
  a.status as "articleStatus"`;
const deliveryJoins = `deliveries d join channel_targets t on t.id = d.target_id join articles a on a.id = d.article_id left join delivery_removals rm on rm.delivery_id = d.id`;

const isoOrNull = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

function presentDelivery(x: Record<string, unknown>) {
  const state = (x.state ?? {}) as Record<string, unknown>;
  const { state: _s, removalStatus: _rs, removalError: _re, removedAt: _ra, removalAttempts: _rt, articleStatus: _as, ...rest } = x;
  return {
    ...(rest as {
      id: number;
      articleId: number;
      targetId: number;
      targetKind: string;
      targetName: string;
      unitId: number;
      status: DeliveryStatus;
      attempts: number;
      remoteId: string | null;
      remoteUrl: string | null;
      lastError: string | null;
      lastErrorCode: string | null;
    }),
    nextAttemptAt: isoOrNull(x.nextAttemptAt as Date | null),
    sentAt: isoOrNull(x.sentAt as Date | null),
    createdAt: isoOrNull(x.createdAt as Date) as string,
    updatedAt: isoOrNull(x.updatedAt as Date) as string,
    recipients: typeof state.recipients === 'number' ? state.recipients : null,
    isRecovered: state.isRecovered === true,
    isBroadcast: typeof state.broadcastAt === 'string',
    removal: removalOf(x),
  };
}
export type Delivery = ReturnType<typeof presentDelivery>;

/**
 * What happens to what Loa posted once the article is withdrawn: `null` while it is not
 * withdrawn or nothing was posted; newsletters cannot be unsent (`not_possible`).
 */
function removalOf(x: Record<string, unknown>) {
  if (x.articleStatus !== 'withdrawn' || x.status !== 'sent') return null;
  if (x.targetKind === 'newsletter') return { status: 'not_possible' as const, error: null, removedAt: null, attempts: 0 };
  if (!x.removalStatus) return null;
  return {
    status: x.removalStatus as 'pending' | 'sending' | 'removed' | 'failed' | 'dead' | 'manual_done',
    error: (x.removalError as string | null) ?? null,
    removedAt: isoOrNull(x.removedAt as Date | null),
    attempts: x.removalAttempts as number,
  };
}

export async function getDelivery(q: Queryable, id: number): Promise<Delivery> {
  const d = await q.query(`select ${deliveryColumns} from ${deliveryJoins} where d.id = $1`, [id]);
  if (!d.rowCount) throw new AppError('delivery.not_found', 404, 'delivery.not_found');
  return presentDelivery(d.rows[0]);
}

export async function listArticleDeliveries(q: Queryable, articleId: number): Promise<Delivery[]> {
  const r = await q.query(
    `select ${deliveryColumns} from ${deliveryJoins} where d.article_id = $1 order by d.id`,
    [articleId],
  );
  return r.rows.map(presentDelivery);
}

export async function listUnitDeliveries(q: Queryable, unitId: number, opts: { status?: DeliveryStatus; removal?: 'stuck'; limit: number }) {
  const params: unknown[] = [unitId, opts.limit];
  const where = ['t.unit_id = $1'];
  if (opts.status) where.push(`d.status = $${params.push(opts.status)}`);
  // removals of withdrawn articles that Loa could not do: the removal dead-letter list
  if (opts.removal === 'stuck') where.push(`rm.status in ('failed', 'dead')`);
  const r = await q.query(
    `select ${deliveryColumns}, a.title as "articleTitle"
       from ${deliveryJoins}
      where ${where.join(' and ')} order by d.updated_at desc, d.id desc limit $2`,
    params,
  );
  return r.rows.map((x) => ({ ...presentDelivery(x), articleTitle: x.articleTitle as string }));
}

export async function deliveryUnit(q: Queryable, id: number): Promise<number> {
  const r = await q.query<{ unitId: number }>('select t.unit_id as "unitId" from deliveries d join channel_targets t on t.id = d.target_id where d.id = $1', [id]);
  if (!r.rowCount) throw new AppError('delivery.not_found', 404, 'delivery.not_found');
  return r.rows[0].unitId;
}

/** "Thử lại": a dead or failed delivery starts again with a fresh count of attempts (and is worked at once). */
export async function retryDelivery(actor: Actor, id: number): Promise<Delivery> {
  return withTransaction(async (tx) => {
    const r = await tx.query(
      `select d.status, d.last_error_code as code, d.state, t.unit_id as "unitId" from deliveries d join channel_targets t on t.id = d.target_id where d.id = $1 for update of d`,
      [id],
    );
    const row = r.rows[0];
    if (!row) throw new AppError('delivery.not_found', 404, 'delivery.not_found');
    if (!['dead', 'failed'].includes(row.status)) throw new AppError('delivery.not_retryable', 409, 'delivery.not_retryable');
    const state = { ...(row.state ?? {}) };
    // a person has checked the OA and asks for the broadcast again
    if (row.code === 'zalo.broadcast_unknown') state.isBroadcastRetryAllowed = true;
    const at = now();
    await tx.query(
      `update deliveries set status = 'pending', attempts = 0, next_attempt_at = $2, state = $3, updated_at = $2 where id = $1`,
      [id, at, JSON.stringify(state)],
    );
    await recordAudit(tx, actor, { action: 'delivery.retry', entity: 'delivery', entityId: id, unitId: row.unitId, before: { status: row.status, code: row.code } });
    await enqueue(workDeliveriesJob, {}, { tx }).catch((err: Error) => {
      if (!/not started/.test(err.message)) throw err;
    });
    const d = await tx.query(`select ${deliveryColumns} from ${deliveryJoins} where d.id = $1`, [id]);
    return presentDelivery(d.rows[0]);
  });
}
