import { now } from '../../platform/clock';
import { config } from '../../platform/config';
import { db, withTransaction } from '../../platform/db';
import { t } from '../../platform/i18n';
import { log } from '../../platform/log';
import { recordAudit, systemActor } from '../audit';
import { NetworkError, httpJson } from './adapters/http';
import { decryptSecret, encryptSecret, tokenHint } from './secrets';

/**
 * Zalo OA access tokens live about 25 hours and come with a refresh token
 * (valid about 3 months, single-use). The OAuth v4 exchange:
 *
 *   POST {LOA_ZALO_OAUTH_URL}/v4/oa/access_token     (default https://oauth.zaloapp.com)
 *   header  secret_key: <the Zalo app's secret key>
 *   form    app_id, grant_type=refresh_token, refresh_token
 *   → { access_token, refresh_token, expires_in: "90000" }
 *   or an error { error: -14014, error_name, error_reason, error_description }.
 *
 * Because the refresh token can be used once, the exchange happens while the
 * target row is locked (`select … for update`) and the new pair is written,
 * encrypted, in that same transaction before anyone uses it. A second worker
 * that also saw an auth error waits for the lock and then finds a token other
 * than the one that failed: it uses that one instead of refreshing again.
 * A refusal (used, revoked or expired refresh token, wrong app secret) marks the
 * target as needing attention — the same "token expired" state and e-mail
 * warning as a Facebook code 190 — and stops automatic refreshing until a person
 * saves new tokens; it never loops. Network trouble or a 5xx changes nothing:
 * the next run tries again.
 */
export const REFRESH_AHEAD_MS = 3 * 3_600_000;
const DEFAULT_LIFETIME_S = 90_000;

export type RefreshOutcome =
  | { kind: 'refreshed'; token: string }
  /** Someone else refreshed first (or it is not due yet): here is the current token. */
  | { kind: 'current'; token: string }
  | { kind: 'refused'; message: string }
  | { kind: 'unavailable'; message: string }
  | { kind: 'not_refreshable' }
  /** Another worker holds the row (only with isSkippingLocked). */
  | { kind: 'busy' };

type ZaloOauthBody = { access_token?: string; refresh_token?: string; expires_in?: string | number; error?: number; error_name?: string; error_reason?: string; error_description?: string; message?: string };

export async function refreshZaloToken(
  targetId: number,
  opts: { usedToken?: string; isSkippingLocked?: boolean; aheadMs?: number } = {},
): Promise<RefreshOutcome> {
  const outcome = await withTransaction(async (tx): Promise<RefreshOutcome> => {
    const r = await tx.query(
      `select id, unit_id as "unitId", kind, token_encrypted as "token", refresh_token_encrypted as "refresh", app_secret_encrypted as "secret",
              token_expires_at as "expiresAt", refresh_failed_at as "failedAt", settings, is_active as "isActive"
         from channel_targets where id = $1 for update${opts.isSkippingLocked ? ' skip locked' : ''}`,
      [targetId],
    );
    const row = r.rows[0];
    if (!row) return opts.isSkippingLocked ? { kind: 'busy' } : { kind: 'not_refreshable' };
    const appId = String((row.settings ?? {}).appId ?? '').trim();
    if (row.kind !== 'zalo_oa' || !row.refresh || !row.secret || !appId || row.failedAt || !row.token) return { kind: 'not_refreshable' };
    let current: string;
    let refresh: string;
    let secret: string;
    try {
      current = decryptSecret(row.token);
      refresh = decryptSecret(row.refresh);
      secret = decryptSecret(row.secret);
    } catch {
      return { kind: 'not_refreshable' };
    }
    if (opts.usedToken !== undefined && current !== opts.usedToken) return { kind: 'current', token: current };
    const at = now();
    if (opts.aheadMs !== undefined && row.expiresAt && new Date(row.expiresAt).getTime() > at.getTime() + opts.aheadMs) return { kind: 'current', token: current };

    let status: number;
    let body: ZaloOauthBody;
    try {
      const res = await httpJson(`${config().zaloOauthUrl}/v4/oa/access_token`, {
        method: 'POST',
        headers: { secret_key: secret, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ app_id: appId, grant_type: 'refresh_token', refresh_token: refresh }).toString(),
      });
      status = res.status;
      body = (res.body && typeof res.body === 'object' ? res.body : {}) as ZaloOauthBody;
    } catch (err) {
      if (err instanceof NetworkError) return { kind: 'unavailable', message: err.message };
      throw err;
    }
    if (status >= 200 && status < 300 && typeof body.access_token === 'string' && body.access_token && typeof body.refresh_token === 'string' && body.refresh_token) {
      const lifetime = Number(body.expires_in) > 0 ? Number(body.expires_in) : DEFAULT_LIFETIME_S;
      const expiresAt = new Date(at.getTime() + lifetime * 1000);
      await tx.query(
        `update channel_targets set token_encrypted = $2, token_hint = $3, refresh_token_encrypted = $4, token_expires_at = $5, token_refreshed_at = $6,
                refresh_error = null, expiry_warned_for = null,
                attention = case when attention = 'token_expired' then null else attention end,
                attention_message = case when attention = 'token_expired' then null else attention_message end,
                attention_at = case when attention = 'token_expired' then null else attention_at end,
                updated_at = $6
          where id = $1`,
        [targetId, encryptSecret(body.access_token), tokenHint(body.access_token), encryptSecret(body.refresh_token), expiresAt, at],
      );
      // deliveries and removals that failed for want of a working token go again
      await tx.query(
        `update deliveries set status = 'pending', next_attempt_at = $2, updated_at = $2
          where target_id = $1 and status = 'failed' and last_error_code = any($3::text[])`,
        [targetId, at, TOKEN_FAILURE_CODES],
      );
      await tx.query(
        `update delivery_removals r set status = 'pending', next_attempt_at = $2, updated_at = $2
           from deliveries d where d.id = r.delivery_id and d.target_id = $1 and r.status = 'failed' and r.last_error_code = any($3::text[])`,
        [targetId, at, TOKEN_FAILURE_CODES],
      );
      await recordAudit(tx, systemActor, {
        action: 'channel.token_refresh',
        entity: 'channel_target',
        entityId: targetId,
        unitId: row.unitId,
        after: { tokenHint: tokenHint(body.access_token), tokenExpiresAt: expiresAt.toISOString() },
      });
      return { kind: 'refreshed', token: body.access_token };
    }
    const reason = `${body.error_reason ?? body.error_name ?? body.message ?? `HTTP ${status}`}${body.error != null ? ` (${body.error})` : ''}`;
    if (status >= 500 || (body.error == null && !body.error_name)) return { kind: 'unavailable', message: reason };
    const message = `${t('delivery.zalo.refresh_refused')} [${reason}]`;
    await tx.query(
      `update channel_targets set refresh_failed_at = $2, refresh_error = $3, attention = 'token_expired', attention_message = $3, attention_at = $2, updated_at = $2
        where id = $1`,
      [targetId, at, message],
    );
    await recordAudit(tx, systemActor, { action: 'channel.token_refresh_failed', entity: 'channel_target', entityId: targetId, unitId: row.unitId, after: { reason } });
    return { kind: 'refused', message };
  });
  if (outcome.kind === 'refused') {
    log.warn('zalo refresh token refused', { target: targetId, message: outcome.message });
    // the same warning as for any expiring token (focal points and administrators, once per expiry date)
    const { warnExpiringTokens } = await import('./targets.service');
    await warnExpiringTokens(200, targetId).catch((err: Error) => log.error('token expiry warning failed', { target: targetId, err: err.message }));
  } else if (outcome.kind === 'unavailable') {
    log.warn('zalo token refresh unavailable', { target: targetId, message: outcome.message });
  }
  return outcome;
}

/** Codes of deliveries (and removals) that failed for want of a working token. */
export const TOKEN_FAILURE_CODES = ['facebook.token_expired', 'facebook.permission', 'zalo.token_invalid', 'delivery.needs_attention', 'delivery.no_token', 'delivery.token_unreadable'];

/** The job: every Zalo OA token that can be refreshed and expires within REFRESH_AHEAD_MS (or has no date) is refreshed. */
export async function refreshDueTokens(limit = 100): Promise<number> {
  const r = await db().query<{ id: number }>(
    `select id from channel_targets
      where kind = 'zalo_oa' and is_active and token_encrypted is not null and refresh_token_encrypted is not null
        and app_secret_encrypted is not null and refresh_failed_at is null and coalesce(settings->>'appId', '') <> ''
        and (token_expires_at is null or token_expires_at <= $1)
      order by token_expires_at nulls first limit $2`,
    [new Date(now().getTime() + REFRESH_AHEAD_MS), limit],
  );
  let n = 0;
  for (const { id } of r.rows) {
    const o = await refreshZaloToken(id, { isSkippingLocked: true, aheadMs: REFRESH_AHEAD_MS });
    if (o.kind === 'refreshed') n++;
  }
  return n;
}
