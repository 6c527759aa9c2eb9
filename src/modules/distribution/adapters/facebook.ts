import { config } from '../../../platform/config';
import { t } from '../../../platform/i18n';
import { type AdapterContext, type Attempt, type HttpResult, NetworkError, hasMarker, httpJson, markedUrl } from './http';

/**
 * Facebook Page posts through the Graph API (base URL: LOA_FACEBOOK_GRAPH_URL).
 *
 * - link post: `POST /{page-id}/feed` with `message` and `link` → `{ id: "<page>_<post>" }`;
 * - photo post (target setting `postAs: "photo"` and the article has a photo):
 *   `POST /{page-id}/photos` with `url` (absolute), `caption`, `published=true` →
 *   `{ id: "<photo>", post_id: "<page>_<post>" }`;
 * - look-up after an unknown outcome: `GET /{page-id}/posts?fields=id,message&limit=50`,
 *   the post whose message carries `?loa=<marker>`.
 *
 * The page access token goes in `Authorization: Bearer`, never in a URL. Errors
 * (`{ error: { message, type, code, error_subcode } }`): code 190 (and OAuth
 * subcodes of an expired/revoked session) → the target needs a new token, no
 * retry; 10 and 200–299 → missing permission, no retry; 4, 17, 32, 613, 80001
 * → rate limited, retry after back-off (at least 15 minutes); 1, 2, `is_transient`
 * or HTTP 5xx → retry, and the post may exist (look it up first); anything else
 * → failed with Facebook's message.
 */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80001]);
const RATE_LIMIT_DELAY_MS = 15 * 60_000;

type GraphError = { message?: string; type?: string; code?: number; error_subcode?: number; is_transient?: boolean };

function graphError(r: HttpResult): GraphError | null {
  const body = r.body as { error?: GraphError } | null;
  if (r.status >= 200 && r.status < 300 && !(body && typeof body === 'object' && body.error)) return null;
  return body && typeof body === 'object' && body.error ? body.error : { message: `HTTP ${r.status}` };
}

/** What a Graph error means for this delivery. */
export function classifyGraphError(status: number, e: GraphError): Attempt {
  const reason = `${e.message ?? 'lỗi'}${e.code != null ? ` (#${e.code}${e.error_subcode ? `/${e.error_subcode}` : ''})` : ''}`;
  if (e.code === 190 || (e.type === 'OAuthException' && e.code === 102)) {
    return { kind: 'failed', code: 'facebook.token_expired', message: `${t('delivery.facebook.token_expired')} [${reason}]`, attention: 'token_expired' };
  }
  if (e.code === 10 || (e.code != null && e.code >= 200 && e.code <= 299)) {
    return { kind: 'failed', code: 'facebook.permission', message: `${t('delivery.facebook.permission')} [${reason}]`, attention: 'permission' };
  }
  if (e.code != null && RATE_LIMIT_CODES.has(e.code)) {
    return { kind: 'retry', code: 'facebook.rate_limited', message: `${t('delivery.facebook.rate_limited')} [${reason}]`, isUncertain: false, minDelayMs: RATE_LIMIT_DELAY_MS };
  }
  if (status >= 500 || e.code === 1 || e.code === 2 || e.is_transient) {
    return { kind: 'retry', code: 'facebook.unavailable', message: `${t('delivery.facebook.unavailable')} [${reason}]`, isUncertain: true };
  }
  return { kind: 'failed', code: 'facebook.rejected', message: t('delivery.facebook.rejected', { reason }) };
}

function networkAttempt(err: unknown): Attempt {
  if (err instanceof NetworkError) {
    return { kind: 'retry', code: 'facebook.network', message: t('delivery.network', { platform: 'Facebook', reason: err.message }), isUncertain: err.isUncertain };
  }
  throw err;
}

/** The text of the post: title, lead, and the article's address carrying the marker. */
export function facebookMessage(ctx: AdapterContext): string {
  const a = ctx.article;
  const lead = (a.summary?.trim() || a.text).slice(0, 600);
  return [a.title, lead, markedUrl(a.url, ctx.delivery.marker)].filter(Boolean).join('\n\n');
}

const postUrl = (id: string) => `https://www.facebook.com/${id}`;

/** Finds the post this delivery made, among the page's recent posts. */
export async function findFacebookPost(ctx: AdapterContext): Promise<{ id: string } | null | Attempt> {
  const base = config().facebookGraphUrl;
  const page = encodeURIComponent(ctx.target.externalId ?? '');
  const r = await httpJson(`${base}/${page}/posts?fields=id,message&limit=50`, {
    method: 'GET',
    headers: { authorization: `Bearer ${ctx.target.token}` },
  });
  const err = graphError(r);
  if (err) return classifyGraphError(r.status, err);
  const data = ((r.body as { data?: { id: string; message?: string }[] })?.data ?? []) as { id: string; message?: string }[];
  const hit = data.find((p) => hasMarker(p.message, ctx.delivery.marker));
  return hit ? { id: hit.id } : null;
}

export async function deliverToFacebook(ctx: AdapterContext): Promise<Attempt> {
  try {
    if (ctx.delivery.isUncertain) {
      const found = await findFacebookPost(ctx);
      if (found && 'kind' in found) return found;
      if (found) return { kind: 'sent', remoteId: found.id, remoteUrl: postUrl(found.id), isRecovered: true };
    }
    const base = config().facebookGraphUrl;
    const page = encodeURIComponent(ctx.target.externalId ?? '');
    const message = facebookMessage(ctx);
    const photo = ctx.target.settings.postAs === 'photo' ? ctx.article.photoUrls[0] : undefined;
    const form = new URLSearchParams(
      photo ? { url: photo, caption: message, published: 'true' } : { message, link: markedUrl(ctx.article.url, ctx.delivery.marker) },
    );
    const r = await httpJson(`${base}/${page}/${photo ? 'photos' : 'feed'}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ctx.target.token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    const err = graphError(r);
    if (err) return classifyGraphError(r.status, err);
    const body = r.body as { id?: string; post_id?: string };
    const id = body.post_id ?? body.id;
    if (!id) return { kind: 'retry', code: 'facebook.unavailable', message: t('delivery.facebook.unavailable'), isUncertain: true };
    return { kind: 'sent', remoteId: id, remoteUrl: postUrl(id) };
  } catch (err) {
    return networkAttempt(err);
  }
}

/**
 * Deletes a post Loa made (`DELETE /{post-id}` → `{ success: true }`), after the article was
 * withdrawn. A post that is already gone (code 100, subcode 33 "does not exist", or HTTP 404)
 * counts as removed, so repeating the call after a crash is harmless.
 */
export async function removeFacebookPost(ctx: AdapterContext, postId: string): Promise<Attempt> {
  try {
    const r = await httpJson(`${config().facebookGraphUrl}/${encodeURIComponent(postId)}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${ctx.target.token}` },
    });
    const err = graphError(r);
    if (!err) return { kind: 'sent', remoteId: postId };
    if (r.status === 404 || (err.code === 100 && (err.error_subcode === 33 || /does not exist/i.test(err.message ?? '')))) {
      return { kind: 'sent', remoteId: postId, isRecovered: true };
    }
    return classifyGraphError(r.status, err);
  } catch (err) {
    return networkAttempt(err);
  }
}
