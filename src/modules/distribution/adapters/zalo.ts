import { now } from '../../../platform/clock';
import { config } from '../../../platform/config';
import type { Queryable } from '../../../platform/db';
import { t } from '../../../platform/i18n';
import { formatDateVi, getVnDateParts, vnDate } from '../../../text';
import { decryptSecret } from '../secrets';
import { type AdapterContext, type Attempt, type HttpResult, NetworkError, hasMarker, httpJson, markedUrl } from './http';

/**
 * Zalo Official Account through the OA Open API (base URL: LOA_ZALO_API_URL,
 * default https://openapi.zalo.me). The subset Loa uses, all with the OA access
 * token in the `access_token` header and answers shaped `{ error, message, data }`
 * (`error: 0` is success):
 *
 * 1. `POST /v2.0/article/create` — a "normal" article: title, author, description,
 *    cover photo, body paragraphs (text, images, the link back) → `data.token`
 *    (Zalo builds articles asynchronously);
 * 2. `POST /v2.0/article/verify` with `{ token }` → `data.id`, the article's id
 *    (error -214 while Zalo is still processing it: checked again shortly);
 * 3. `POST /v2.0/oa/message` — broadcast the article to the OA's followers
 *    (`recipient.target`, a `media` template with the article's id) → `data.message_id`;
 *    skipped when the target's `isBroadcasting` setting is false;
 * 4. look-up after an unknown outcome: `GET /v2.0/article/getslice?offset=0&limit=20&type=normal`,
 *    the article whose description carries `?loa=<marker>`.
 *
 * Errors: -216 and -124 (invalid or expired access token) → the target needs a new
 * token; -211 (out of quota) → `failed` until the first day of next month (Vietnam
 * time), when broadcast quota resets, no blind retry; -32 (too many requests) →
 * retry after back-off; HTTP 5xx or no answer → retry. Broadcasts are never sent
 * twice: Zalo offers no list of sent broadcasts, so a broadcast whose outcome is
 * unknown (a crash or timeout during the call) is marked `failed` for a person to
 * check on the OA, and "Thử lại" sends it again.
 */
const TOKEN_CODES = new Set([-216, -124]);
const QUOTA_CODE = -211;
const RATE_CODE = -32;
const PROCESSING_CODE = -214;
/** "Parameter ... is invalid": for a remove with an id Zalo itself gave, the article no longer exists. */
const ARTICLE_GONE_CODE = -201;

type ZaloBody = { error?: number; message?: string; data?: Record<string, unknown> };

/** The first moment of next month in Vietnam: when Zalo's monthly broadcast quota resets. */
export function nextQuotaReset(at: Date): Date {
  const p = getVnDateParts(at);
  return vnDate(p.year, p.month + 1, 1);
}
export function monthStartVn(at: Date): Date {
  const p = getVnDateParts(at);
  return vnDate(p.year, p.month, 1);
}

export function quotaExceeded(at: Date, detail?: string): Attempt {
  const resumeAt = nextQuotaReset(at);
  return {
    kind: 'failed',
    code: 'zalo.quota_exceeded',
    message: t('delivery.zalo.quota_exceeded', { date: formatDateVi(resumeAt) }) + (detail ? ` [${detail}]` : ''),
    resumeAt,
    quotaExhaustedUntil: resumeAt,
  };
}

function classify(r: HttpResult, state: Record<string, unknown>): Attempt | null {
  const body = (r.body && typeof r.body === 'object' ? r.body : {}) as ZaloBody;
  if (r.status >= 200 && r.status < 300 && body.error === 0) return null;
  const reason = `${body.message ?? `HTTP ${r.status}`}${body.error != null ? ` (${body.error})` : ''}`;
  if (body.error != null && TOKEN_CODES.has(body.error)) {
    return { kind: 'failed', code: 'zalo.token_invalid', message: `${t('delivery.zalo.token_invalid')} [${reason}]`, attention: 'token_expired', state };
  }
  if (body.error === QUOTA_CODE) return { ...quotaExceeded(now(), reason), state } as Attempt;
  if (body.error === RATE_CODE) {
    return { kind: 'retry', code: 'zalo.rate_limited', message: `${t('delivery.zalo.rate_limited')} [${reason}]`, isUncertain: false, minDelayMs: 5 * 60_000, state };
  }
  if (r.status >= 500 || body.error == null) {
    return { kind: 'retry', code: 'zalo.unavailable', message: `${t('delivery.zalo.unavailable')} [${reason}]`, isUncertain: true, state };
  }
  return { kind: 'failed', code: 'zalo.rejected', message: t('delivery.zalo.rejected', { reason }), state };
}

function rawCall(path: string, token: string, init: { method: 'GET' | 'POST'; json?: unknown }) {
  return httpJson(`${config().zaloApiUrl}${path}`, {
    method: init.method,
    headers: { access_token: token, ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
  });
}

const isTokenError = (r: HttpResult) => {
  const e = (r.body && typeof r.body === 'object' ? (r.body as ZaloBody).error : undefined) ?? null;
  return e != null && TOKEN_CODES.has(e);
};

/** One OA API call; on an invalid/expired token it refreshes the token (when the target can) and tries once more. */
async function call(path: string, ctx: AdapterContext, init: { method: 'GET' | 'POST'; json?: unknown }) {
  const r = await rawCall(path, ctx.target.token, init);
  if (!isTokenError(r) || !ctx.refreshToken) return r;
  const fresh = await ctx.refreshToken(ctx.target.token);
  if (!fresh) return r;
  ctx.target.token = fresh;
  return rawCall(path, fresh, init);
}

/**
 * Removes an article Loa created on the OA (`POST /v2.0/article/remove` `{ id }`), after the
 * article was withdrawn. An article that no longer exists (-201, "id is invalid") counts as
 * removed. A broadcast already delivered to followers cannot be recalled.
 */
export async function removeZaloArticle(ctx: AdapterContext, articleId: string): Promise<Attempt> {
  try {
    const r = await call('/v2.0/article/remove', ctx, { method: 'POST', json: { id: articleId } });
    const body = (r.body && typeof r.body === 'object' ? r.body : {}) as ZaloBody;
    if (r.status >= 200 && r.status < 300 && body.error === ARTICLE_GONE_CODE) return { kind: 'sent', remoteId: articleId, isRecovered: true };
    const bad = classify(r, {});
    if (bad) return bad.kind === 'failed' && bad.code === 'zalo.quota_exceeded' ? { kind: 'retry', code: 'zalo.rejected', message: bad.message, isUncertain: false } : bad;
    return { kind: 'sent', remoteId: articleId };
  } catch (err) {
    if (err instanceof NetworkError) return { kind: 'retry', code: 'zalo.network', message: t('delivery.network', { platform: 'Zalo', reason: err.message }), isUncertain: err.isUncertain };
    throw err;
  }
}

/** The article as Zalo's "normal" article shape. */
export function zaloArticle(ctx: AdapterContext) {
  const a = ctx.article;
  const link = markedUrl(a.url, ctx.delivery.marker);
  const lead = (a.summary?.trim() || a.text).slice(0, Math.max(0, 290 - link.length));
  const [cover, ...more] = a.photoUrls;
  return {
    type: 'normal',
    title: a.title.slice(0, 150),
    author: a.unitName.slice(0, 50),
    ...(cover ? { cover: { cover_type: 'photo', photo_url: cover, status: 'show' } } : {}),
    description: `${lead}\n${link}`.trim(),
    body: [
      { type: 'text', content: a.text.slice(0, 20_000) },
      ...more.slice(0, 10).map((url) => ({ type: 'image', url })),
      { type: 'text', content: `${t('delivery.zalo.source')} ${link}` },
    ],
    status: 'show',
    comment: 'show',
  };
}

export async function findZaloArticle(ctx: AdapterContext, state: Record<string, unknown>): Promise<string | null | Attempt> {
  const r = await call('/v2.0/article/getslice?offset=0&limit=20&type=normal', ctx, { method: 'GET' });
  const bad = classify(r, state);
  if (bad) return bad;
  const medias = (((r.body as ZaloBody).data?.medias ?? []) as { id: string; description?: string }[]);
  return medias.find((m) => hasMarker(m.description, ctx.delivery.marker))?.id ?? null;
}

export async function deliverToZalo(ctx: AdapterContext & { checkQuota: () => Promise<Attempt | null> }): Promise<Attempt> {
  const state: Record<string, unknown> = { ...ctx.delivery.state };
  const isBroadcasting = ctx.target.settings.isBroadcasting !== false;
  let isInBroadcastCall = false;
  try {
    // 1. the article on the OA
    if (!state.articleId) {
      if (!state.articleToken && ctx.delivery.isUncertain) {
        const found = await findZaloArticle(ctx, state);
        if (found && typeof found === 'object') return found;
        if (found) {
          state.articleId = found;
          state.isRecovered = true;
          await ctx.saveState(state);
        }
      }
      if (!state.articleId && !state.articleToken) {
        if (isBroadcasting) {
          const q = await ctx.checkQuota();
          if (q) return q;
        }
        const r = await call('/v2.0/article/create', ctx, { method: 'POST', json: zaloArticle(ctx) });
        const bad = classify(r, state);
        if (bad) return bad;
        const token = (r.body as ZaloBody).data?.token;
        if (typeof token !== 'string') return { kind: 'retry', code: 'zalo.unavailable', message: t('delivery.zalo.unavailable'), isUncertain: true, state };
        state.articleToken = token;
        await ctx.saveState(state);
      }
      if (!state.articleId) {
        const r = await call('/v2.0/article/verify', ctx, { method: 'POST', json: { token: state.articleToken } });
        const body = (r.body ?? {}) as ZaloBody;
        if (body.error === PROCESSING_CODE || (body.error === 0 && !body.data?.id)) {
          return { kind: 'retry', code: 'zalo.processing', message: t('delivery.zalo.processing'), isUncertain: false, minDelayMs: 30_000, state };
        }
        const bad = classify(r, state);
        if (bad) return bad;
        state.articleId = String(body.data?.id);
        await ctx.saveState(state);
      }
    }
    const articleId = String(state.articleId);
    if (!isBroadcasting) return { kind: 'sent', remoteId: articleId, state, isRecovered: !!state.isRecovered };

    // 2. the broadcast, at most once
    if (state.broadcastAttemptedAt && !state.messageId && !state.isBroadcastRetryAllowed) {
      return { kind: 'failed', code: 'zalo.broadcast_unknown', message: t('delivery.zalo.broadcast_unknown'), state };
    }
    const q = await ctx.checkQuota();
    if (q) return { ...q, state } as Attempt;
    state.broadcastAttemptedAt = now().toISOString();
    delete state.isBroadcastRetryAllowed;
    await ctx.saveState(state);
    isInBroadcastCall = true;
    const r = await call('/v2.0/oa/message', ctx, {
      method: 'POST',
      json: {
        recipient: { target: {} },
        message: { attachment: { type: 'template', payload: { template_type: 'media', elements: [{ media_type: 'article', attachment_id: articleId }] } } },
      },
    });
    const bad = classify(r, state);
    if (bad) {
      // Zalo answered with an error: nothing was broadcast, a later attempt may broadcast
      if (bad.kind === 'failed' || (bad.kind === 'retry' && !bad.isUncertain)) delete state.broadcastAttemptedAt;
      return bad;
    }
    state.messageId = String((r.body as ZaloBody).data?.message_id ?? '');
    state.broadcastAt = now().toISOString();
    return { kind: 'sent', remoteId: articleId, state, isRecovered: !!state.isRecovered };
  } catch (err) {
    if (err instanceof NetworkError) {
      if (isInBroadcastCall && !err.isUncertain) delete state.broadcastAttemptedAt;
      return { kind: 'retry', code: 'zalo.network', message: t('delivery.network', { platform: 'Zalo', reason: err.message }), isUncertain: err.isUncertain, state };
    }
    throw err;
  }
}

// ---- one-to-one OA messages (internal notices) ---------------------------------------

export type ZaloMessageResult =
  | { kind: 'sent'; messageId: string }
  | { kind: 'skipped'; code: 'zalo.no_oa' }
  | { kind: 'failed'; code: string; message: string; isRetryable: boolean };

/**
 * A text message from an OA to one person who follows it (`POST /v3.0/oa/message/cs`,
 * `{ recipient: { user_id }, message: { text } }` → `data.message_id`), used by internal
 * notices. Not a broadcast: no monthly broadcast quota. Errors: -216/-124 token, -32
 * rate (retryable), -213 the person does not follow the OA, -230 the person has not
 * interacted with the OA within the allowed window, HTTP 5xx or no answer (retryable).
 */
export async function sendZaloOaMessage(token: string, zaloUserId: string, text: string): Promise<ZaloMessageResult> {
  let r: HttpResult;
  try {
    r = await httpJson(`${config().zaloApiUrl}/v3.0/oa/message/cs`, {
      method: 'POST',
      headers: { access_token: token, 'content-type': 'application/json' },
      body: JSON.stringify({ recipient: { user_id: zaloUserId }, message: { text: text.slice(0, 2000) } }),
    });
  } catch (err) {
    if (err instanceof NetworkError) return { kind: 'failed', code: 'zalo.network', message: err.message, isRetryable: true };
    throw err;
  }
  const body = (r.body && typeof r.body === 'object' ? r.body : {}) as ZaloBody;
  if (r.status >= 200 && r.status < 300 && body.error === 0) return { kind: 'sent', messageId: String(body.data?.message_id ?? '') };
  const reason = `${body.message ?? `HTTP ${r.status}`}${body.error != null ? ` (${body.error})` : ''}`;
  if (body.error != null && TOKEN_CODES.has(body.error)) return { kind: 'failed', code: 'zalo.token_invalid', message: reason, isRetryable: false };
  if (body.error === RATE_CODE) return { kind: 'failed', code: 'zalo.rate_limited', message: reason, isRetryable: true };
  if (r.status >= 500 || body.error == null) return { kind: 'failed', code: 'zalo.unavailable', message: reason, isRetryable: true };
  return { kind: 'failed', code: 'zalo.rejected', message: reason, isRetryable: false };
}

/**
 * The same, through the Zalo OA of `unitId` or of the nearest unit above it that has an
 * active `zalo_oa` channel target with a token (`skipped` when there is none).
 */
export async function sendZaloOaMessageForUnit(q: Queryable, unitId: number, zaloUserId: string, text: string): Promise<ZaloMessageResult> {
  const r = await q.query<{ token: string; id: number }>(
    `select t.token_encrypted as token, t.id from channel_targets t join units a on a.id = t.unit_id join units u on u.path <@ a.path
      where u.id = $1 and t.kind = 'zalo_oa' and t.is_active and t.token_encrypted is not null
      order by nlevel(a.path) desc, t.id limit 1`,
    [unitId],
  );
  if (!r.rowCount) return { kind: 'skipped', code: 'zalo.no_oa' };
  const token = decryptSecret(r.rows[0].token);
  const first = await sendZaloOaMessage(token, zaloUserId, text);
  if (first.kind !== 'failed' || first.code !== 'zalo.token_invalid') return first;
  // an expired OA token: refresh it (when the target has a refresh token) and try once more
  const { refreshZaloToken } = await import('../refresh.service');
  const o = await refreshZaloToken(r.rows[0].id, { usedToken: token });
  return o.kind === 'refreshed' || o.kind === 'current' ? sendZaloOaMessage(o.token, zaloUserId, text) : first;
}
