import { now } from '../../platform/clock';
import { config } from '../../platform/config';
import { type Queryable, type Tx, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { enqueue } from '../../platform/jobs';
import { formatDateVi } from '../../text';
import { type Actor, recordAudit } from '../audit';
import { sendMailJob } from '../identity';
import { monthStartVn } from './adapters/zalo';
import { subscriberCounts } from './newsletter.service';
import { encryptSecret, tokenHint } from './secrets';
import { roleHoldersOf } from '../org';

/**
 * Channel targets of a unit. Tokens are write-only: stored encrypted
 * (secrets.ts), shown as "…abcd" and the expiry date. A new token clears the
 * "needs attention" mark and sends again the deliveries that failed for want of it.
 */
export const TARGET_KINDS = ['facebook_page', 'zalo_oa', 'newsletter', 'facebook_group', 'zalo_group'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];
export const SHARE_KINDS: readonly TargetKind[] = ['facebook_group', 'zalo_group'];
export const EXPIRY_WARNING_DAYS = 7;

export type TargetSettings = { postAs?: 'link' | 'photo'; isBroadcasting?: boolean; monthlyQuota?: number | null; appId?: string | null };
export type TargetInput = {
  name: string;
  externalId?: string | null;
  url?: string | null;
  token?: string | null;
  tokenExpiresAt?: string | null;
  settings?: TargetSettings;
  /** zalo_oa: the OA's refresh token and the Zalo app's secret key (with settings.appId): Loa then refreshes the access token itself. */
  refreshToken?: string | null;
  appSecret?: string | null;
};

const DAY = 86_400_000;
const isoOrNull = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

const columns = `t.id, t.unit_id as "unitId", t.kind, t.name, t.external_id as "externalId", t.url, t.token_encrypted is not null as "hasToken",
  t.token_hint as "tokenHint", t.token_expires_at as "tokenExpiresAt", t.settings, t.quota_exhausted_until as "quotaExhaustedUntil",
  t.attention, t.attention_message as "attentionMessage", t.attention_at as "attentionAt", t.is_active as "isActive",
  t.created_at as "createdAt", t.updated_at as "updatedAt",
  t.refresh_token_encrypted is not null as "hasRefreshToken", t.app_secret_encrypted is not null as "hasAppSecret",
  t.token_refreshed_at as "tokenRefreshedAt", t.refresh_failed_at as "refreshFailedAt", t.refresh_error as "refreshError",
  (select count(*)::int from deliveries d where d.target_id = t.id and (d.state->>'broadcastAttemptedAt')::timestamptz >= $2) as "broadcastsThisMonth",
  (select coalesce(jsonb_object_agg(s.status, s.n), '{}'::jsonb) from (select status, count(*)::int as n from deliveries d where d.target_id = t.id group by status) s) as "deliveryCounts"`;

async function present(q: Queryable, rows: Record<string, any>[]) {
  const at = now();
  const subs = await subscriberCounts(q, [...new Set(rows.filter((r) => r.kind === 'newsletter').map((r) => r.unitId as number))]);
  return rows.map((r) => {
    const expires = r.tokenExpiresAt ? new Date(r.tokenExpiresAt) : null;
    const daysLeft = expires ? Math.ceil((expires.getTime() - at.getTime()) / DAY) : null;
    const settings = (r.settings ?? {}) as TargetSettings;
    const counts = (r.deliveryCounts ?? {}) as Record<string, number>;
    return {
      id: r.id as number,
      unitId: r.unitId as number,
      kind: r.kind as TargetKind,
      name: r.name as string,
      externalId: r.externalId as string | null,
      url: r.url as string | null,
      hasToken: r.hasToken as boolean,
      tokenHint: r.tokenHint as string | null,
      tokenExpiresAt: isoOrNull(r.tokenExpiresAt),
      tokenDaysLeft: daysLeft,
      isTokenExpiring: daysLeft !== null && daysLeft <= EXPIRY_WARNING_DAYS,
      settings: {
        postAs: settings.postAs ?? (r.kind === 'facebook_page' ? 'link' : undefined),
        isBroadcasting: r.kind === 'zalo_oa' ? settings.isBroadcasting !== false : undefined,
        monthlyQuota: settings.monthlyQuota ?? null,
        appId: r.kind === 'zalo_oa' ? (settings.appId ?? null) : undefined,
      },
      refresh:
        r.kind === 'zalo_oa'
          ? {
              hasRefreshToken: r.hasRefreshToken as boolean,
              hasAppSecret: r.hasAppSecret as boolean,
              isAutomatic: !!(r.hasRefreshToken && r.hasAppSecret && settings.appId && !r.refreshFailedAt),
              lastRefreshedAt: isoOrNull(r.tokenRefreshedAt),
              failedAt: isoOrNull(r.refreshFailedAt),
              error: (r.refreshError as string | null) ?? null,
            }
          : null,
      attention: r.attention as string | null,
      attentionMessage: r.attentionMessage as string | null,
      attentionAt: isoOrNull(r.attentionAt),
      isActive: r.isActive as boolean,
      createdAt: isoOrNull(r.createdAt) as string,
      updatedAt: isoOrNull(r.updatedAt) as string,
      quota:
        r.kind === 'zalo_oa'
          ? {
              monthlyQuota: settings.monthlyQuota ?? null,
              usedThisMonth: r.broadcastsThisMonth as number,
              exhaustedUntil: r.quotaExhaustedUntil && new Date(r.quotaExhaustedUntil) > at ? isoOrNull(r.quotaExhaustedUntil) : null,
            }
          : null,
      subscribers: r.kind === 'newsletter' ? (subs.get(r.unitId) ?? { confirmed: 0, pending: 0 }) : null,
      deliveries: {
        pending: (counts.pending ?? 0) + (counts.sending ?? 0),
        sent: counts.sent ?? 0,
        failed: counts.failed ?? 0,
        dead: counts.dead ?? 0,
      },
    };
  });
}
export type Target = Awaited<ReturnType<typeof present>>[number];

export async function listTargets(q: Queryable, unitId: number, opts: { isIncludingInactive?: boolean } = {}): Promise<Target[]> {
  const r = await q.query(
    `select ${columns} from channel_targets t where t.unit_id = $1 and ($3 or t.is_active) order by t.is_active desc, t.kind, t.name, t.id`,
    [unitId, monthStartVn(now()), opts.isIncludingInactive ?? false],
  );
  return present(q, r.rows);
}

export async function getTarget(q: Queryable, id: number): Promise<Target> {
  const r = await q.query(`select ${columns} from channel_targets t where t.id = $1`, [id, monthStartVn(now())]);
  if (!r.rowCount) throw new AppError('channel.not_found', 404, 'channel.not_found');
  return (await present(q, r.rows))[0];
}

export async function targetUnit(q: Queryable, id: number): Promise<number> {
  const r = await q.query<{ unitId: number }>('select unit_id as "unitId" from channel_targets where id = $1', [id]);
  if (!r.rowCount) throw new AppError('channel.not_found', 404, 'channel.not_found');
  return r.rows[0].unitId;
}

/** What each kind needs: a page/OA id and a token for the APIs, a link for a group. */
function assertComplete(kind: TargetKind, v: { externalId: string | null; url: string | null; hasToken: boolean }) {
  if ((kind === 'facebook_page' || kind === 'zalo_oa') && !v.externalId) throw new AppError('channel.external_id_required', 400, 'channel.external_id_required');
  if ((kind === 'facebook_page' || kind === 'zalo_oa') && !v.hasToken) throw new AppError('channel.token_required', 400, 'channel.token_required');
  if (SHARE_KINDS.includes(kind) && !v.url) throw new AppError('channel.url_required', 400, 'channel.url_required');
}

function cleanSettings(kind: TargetKind, s: TargetSettings | undefined, before: TargetSettings = {}): TargetSettings {
  const merged = { ...before, ...(s ?? {}) };
  if (kind === 'facebook_page') return { postAs: merged.postAs === 'photo' ? 'photo' : 'link' };
  if (kind === 'zalo_oa') return { isBroadcasting: merged.isBroadcasting !== false, monthlyQuota: merged.monthlyQuota ?? null, appId: merged.appId?.trim() || null };
  return {};
}

export async function createTarget(actor: Actor, input: TargetInput & { unitId: number; kind: TargetKind }): Promise<Target> {
  return withTransaction(async (tx) => {
    const token = input.token?.trim() || null;
    const externalId = input.externalId?.trim() || null;
    const url = input.url?.trim() || null;
    assertComplete(input.kind, { externalId, url, hasToken: !!token });
    if (input.kind === 'newsletter') {
      const dup = await tx.query(`select 1 from channel_targets where unit_id = $1 and kind = 'newsletter' and is_active`, [input.unitId]);
      if (dup.rowCount) throw new AppError('channel.newsletter_exists', 409, 'channel.newsletter_exists');
    }
    const r = await tx.query<{ id: number }>(
      `insert into channel_targets (unit_id, kind, name, external_id, url, token_encrypted, token_hint, token_expires_at, settings, created_by)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) returning id`,
      [
        input.unitId,
        input.kind,
        input.name.trim(),
        externalId,
        url,
        token ? encryptSecret(token) : null,
        token ? tokenHint(token) : null,
        input.tokenExpiresAt ?? null,
        JSON.stringify(cleanSettings(input.kind, input.settings)),
        actor.userId,
      ],
    );
    const id = r.rows[0].id;
    await saveRefreshSecrets(tx, id, input.kind, input);
    await recordAudit(tx, actor, {
      action: 'channel.create',
      entity: 'channel_target',
      entityId: id,
      unitId: input.unitId,
      after: { kind: input.kind, name: input.name, externalId, url, hasToken: !!token, tokenExpiresAt: input.tokenExpiresAt ?? null, hasRefreshToken: !!input.refreshToken?.trim() },
    });
    return getTarget(tx, id);
  });
}

/** Codes of deliveries that failed for want of a working token: sent again when a new one is saved. */
const TOKEN_FAILURES = ['facebook.token_expired', 'facebook.permission', 'zalo.token_invalid', 'delivery.needs_attention', 'delivery.no_token', 'delivery.token_unreadable'];

export async function updateTarget(actor: Actor, id: number, input: Partial<TargetInput> & { isActive?: boolean }): Promise<Target> {
  return withTransaction(async (tx) => {
    const r = await tx.query(
      `select id, unit_id as "unitId", kind, name, external_id as "externalId", url, token_encrypted is not null as "hasToken",
              token_expires_at as "tokenExpiresAt", settings, is_active as "isActive"
         from channel_targets where id = $1 for update`,
      [id],
    );
    const before = r.rows[0];
    if (!before) throw new AppError('channel.not_found', 404, 'channel.not_found');
    const token = input.token?.trim() || null;
    const next = {
      name: input.name?.trim() || before.name,
      externalId: input.externalId !== undefined ? input.externalId?.trim() || null : before.externalId,
      url: input.url !== undefined ? input.url?.trim() || null : before.url,
      tokenExpiresAt: input.tokenExpiresAt !== undefined ? input.tokenExpiresAt : before.tokenExpiresAt,
      settings: cleanSettings(before.kind, input.settings, before.settings ?? {}),
      isActive: input.isActive ?? before.isActive,
    };
    assertComplete(before.kind, { externalId: next.externalId, url: next.url, hasToken: !!token || before.hasToken });
    if (next.isActive && !before.isActive && before.kind === 'newsletter') {
      const dup = await tx.query(`select 1 from channel_targets where unit_id = $1 and kind = 'newsletter' and is_active and id <> $2`, [before.unitId, id]);
      if (dup.rowCount) throw new AppError('channel.newsletter_exists', 409, 'channel.newsletter_exists');
    }
    const at = now();
    await tx.query(
      `update channel_targets set name = $2, external_id = $3, url = $4, token_expires_at = $5, settings = $6, is_active = $7, updated_at = $8
        where id = $1`,
      [id, next.name, next.externalId, next.url, next.tokenExpiresAt, JSON.stringify(next.settings), next.isActive, at],
    );
    const isExpiryChanged = input.tokenExpiresAt !== undefined && isoOrNull(input.tokenExpiresAt) !== isoOrNull(before.tokenExpiresAt);
    if (token) {
      await tx.query(
        `update channel_targets set token_encrypted = $2, token_hint = $3, attention = null, attention_message = null, attention_at = null,
                expiry_warned_for = null where id = $1`,
        [id, encryptSecret(token), tokenHint(token)],
      );
      await tx.query(
        `update deliveries set status = 'pending', next_attempt_at = $2, updated_at = $2
          where target_id = $1 and status = 'failed' and last_error_code = any($3::text[])`,
        [id, at, TOKEN_FAILURES],
      );
    } else if (isExpiryChanged) {
      await tx.query('update channel_targets set expiry_warned_for = null where id = $1', [id]);
    }
    const isRefreshReplaced = await saveRefreshSecrets(tx, id, before.kind, input);
    if (token || isRefreshReplaced) {
      await tx.query(
        `update delivery_removals r set status = 'pending', next_attempt_at = $2, updated_at = $2
           from deliveries d where d.id = r.delivery_id and d.target_id = $1 and r.status = 'failed' and r.last_error_code = any($3::text[])`,
        [id, at, TOKEN_FAILURES],
      );
    }
    await recordAudit(tx, actor, {
      action: next.isActive === before.isActive ? 'channel.update' : next.isActive ? 'channel.enable' : 'channel.disable',
      entity: 'channel_target',
      entityId: id,
      unitId: before.unitId,
      before: { name: before.name, externalId: before.externalId, url: before.url, tokenExpiresAt: isoOrNull(before.tokenExpiresAt), isActive: before.isActive },
      after: {
        name: next.name,
        externalId: next.externalId,
        url: next.url,
        tokenExpiresAt: isoOrNull(next.tokenExpiresAt),
        isActive: next.isActive,
        isTokenReplaced: !!token,
        isRefreshTokenReplaced: isRefreshReplaced,
      },
    });
    return getTarget(tx, id);
  });
}

/**
 * zalo_oa: a new refresh token (and/or app secret) is stored encrypted and re-arms
 * automatic refreshing after a refusal. Returns whether the refresh token changed.
 */
async function saveRefreshSecrets(tx: Tx, id: number, kind: TargetKind, input: { refreshToken?: string | null; appSecret?: string | null }): Promise<boolean> {
  if (kind !== 'zalo_oa') return false;
  const refresh = input.refreshToken?.trim() || null;
  const secret = input.appSecret?.trim() || null;
  if (secret) await tx.query('update channel_targets set app_secret_encrypted = $2, refresh_failed_at = null, refresh_error = null where id = $1', [id, encryptSecret(secret)]);
  if (!refresh) return false;
  await tx.query(
    `update channel_targets set refresh_token_encrypted = $2, refresh_failed_at = null, refresh_error = null,
            attention = case when attention = 'token_expired' then null else attention end,
            attention_message = case when attention = 'token_expired' then null else attention_message end,
            expiry_warned_for = null where id = $1`,
    [id, encryptSecret(refresh)],
  );
  return true;
}

export function disableTarget(actor: Actor, id: number): Promise<Target> {
  return updateTarget(actor, id, { isActive: false });
}

/**
 * Daily: active targets whose token expires within 7 days (or has expired)
 * and whose focal points and administrators were not yet told about this
 * expiry date. Mails are queued in the same transaction that marks them told.
 */
export async function warnExpiringTokens(limit = 200, onlyTargetId?: number): Promise<number> {
  return withTransaction(async (tx: Tx) => {
    const at = now();
    const due = await tx.query<{ id: number; unitId: number; name: string; kind: TargetKind; expiresAt: Date; unitName: string }>(
      `select t.id, t.unit_id as "unitId", t.name, t.kind, t.token_expires_at as "expiresAt", u.name as "unitName"
         from channel_targets t join units u on u.id = t.unit_id
        where t.is_active and t.token_encrypted is not null and t.token_expires_at is not null
          and t.token_expires_at <= $1 and t.expiry_warned_for is distinct from t.token_expires_at
          -- a Zalo OA token that Loa refreshes itself is not about to lapse; after a refused refresh it is
          and not (t.refresh_token_encrypted is not null and t.app_secret_encrypted is not null and t.refresh_failed_at is null
                   and coalesce(t.settings->>'appId', '') <> '')
          and ($3::bigint is null or t.id = $3)
        order by t.token_expires_at limit $2 for update of t skip locked`,
      [new Date(at.getTime() + EXPIRY_WARNING_DAYS * DAY), limit, onlyTargetId ?? null],
    );
    for (const target of due.rows) {
      const people = await roleHoldersOf(tx, target.unitId, ['focal_point', 'administrator']);
      const days = Math.ceil((target.expiresAt.getTime() - at.getTime()) / DAY);
      const kind = t(`channel.kind.${target.kind}` as 'channel.kind.facebook_page');
      for (const p of people) {
        await enqueue(
          sendMailJob,
          {
            to: p.email,
            subject: t(days > 0 ? 'channel.expiry_mail_subject' : 'channel.expired_mail_subject', { kind, name: target.name, days }),
            text: t('channel.expiry_mail_body', {
              name: p.name,
              unit: target.unitName,
              kind,
              channel: target.name,
              date: formatDateVi(target.expiresAt),
              days: Math.max(days, 0),
              link: `${config().publicUrl}/admin/kenh-phat-hanh?unitId=${target.unitId}`,
            }),
          },
          { tx },
        );
      }
      await tx.query('update channel_targets set expiry_warned_for = token_expires_at where id = $1', [target.id]);
    }
    return due.rowCount ?? 0;
  });
}
