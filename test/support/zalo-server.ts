import crypto from 'node:crypto';
import { type FixtureReply, type FixtureRequest, startFixtureServer } from './fixture-server';

/**
 * A Zalo OA Open API stand-in on loopback, speaking the real shapes (HTTP 200,
 * `{ error, message, data }`, `error: 0` on success; the token in the
 * `access_token` header):
 * `POST /v2.0/article/create` → `data.token` (articles are built asynchronously);
 * `POST /v2.0/article/verify` `{ token }` → `data.id` (-214 while "processing");
 * `GET /v2.0/article/getslice?offset&limit&type` → `data.medias`, newest first;
 * `POST /v2.0/oa/message` (broadcast, media template with an article) → `data.message_id`,
 * -211 "out of quota" once the OA's monthly broadcasts are used up;
 * `POST /v3.0/oa/message/cs` (one-to-one text to a follower's user id) → `data.message_id`,
 * -213 when `followers` is set and the user is not in it (used by internal notices).
 *
 * `POST /v2.0/article/remove` `{ id }` → `{ error: 0 }`; -201 "Parameter id is invalid" once the
 * article is gone;
 * and the OAuth v4 server (same loopback address, LOA_ZALO_OAUTH_URL in tests):
 * `POST /v4/oa/access_token` (form: app_id, grant_type=refresh_token, refresh_token; header
 * secret_key) → `{ access_token, refresh_token, expires_in: "90000" }`. Refresh tokens are
 * single-use: the old access token stops working and a used or unknown refresh token gets
 * `{ error: -14014, error_name: "Invalid parameter", error_reason: "Invalid refresh token" }`;
 * a wrong app id or secret key -14002 / -14001.
 *
 * Faults per route, used once each: `invalid-token` (-216), `rate` (-32),
 * `unavailable` (HTTP 502), `quota` (-211), and `act-then-drop` / `act-then-hang`:
 * Zalo acted (the article or broadcast exists) but the answer never arrives.
 */
type Route = 'create' | 'verify' | 'getslice' | 'broadcast' | 'message' | 'remove' | 'refresh';
export type ZaloFault = 'invalid-token' | 'rate' | 'unavailable' | 'quota' | 'act-then-drop' | 'act-then-hang';
type Article = { id: string; token: string; title: string; description: string; author?: string; cover?: unknown; body: unknown[]; status: string; createDate: number; processingLeft: number };
type Broadcast = { messageId: string; articleId: string; target: unknown };
/** A one-to-one OA message (`POST /v3.0/oa/message/cs`), to a follower's user id. */
type OaMessage = { messageId: string; userId: string; text: string };

const ok = (data: unknown): FixtureReply => ({ status: 200, body: { error: 0, message: 'Success', data } });
const zaloError = (error: number, message: string): FixtureReply => ({ status: 200, body: { error, message } });

export async function startZaloServer(opts: { token: string; monthlyQuota?: number; processingRounds?: number; appId?: string; secretKey?: string; refreshToken?: string }) {
  const state = { token: opts.token, monthlyQuota: opts.monthlyQuota ?? 4, processingRounds: opts.processingRounds ?? 0, usedThisMonth: 0 };
  /** OAuth v4: the app, and the refresh token that is currently valid (single-use). */
  const oauth = { appId: opts.appId ?? '', secretKey: opts.secretKey ?? '', refreshToken: opts.refreshToken ?? '', issued: 0 };
  const removed: string[] = [];
  const articles: Article[] = [];
  const broadcasts: Broadcast[] = [];
  const faults: { route: Route; fault: ZaloFault }[] = [];
  const messages: OaMessage[] = [];
  /** Zalo user ids that follow the OA; a message to anyone else gets -213. Empty: everybody follows. */
  const followers = new Set<string>();

  const routeOf = (r: FixtureRequest): Route | null =>
    r.method === 'POST' && r.path === '/v2.0/article/create'
      ? 'create'
      : r.method === 'POST' && r.path === '/v2.0/article/verify'
        ? 'verify'
        : r.method === 'GET' && r.path === '/v2.0/article/getslice'
          ? 'getslice'
          : r.method === 'POST' && r.path === '/v2.0/oa/message'
            ? 'broadcast'
            : r.method === 'POST' && r.path === '/v3.0/oa/message/cs'
              ? 'message'
              : r.method === 'POST' && r.path === '/v2.0/article/remove'
                ? 'remove'
                : r.method === 'POST' && r.path === '/v4/oa/access_token'
                  ? 'refresh'
                  : null;

  const server = await startFixtureServer((r) => {
    const route = routeOf(r);
    if (!route) return { status: 404, body: { error: 404, message: 'Not found' } };
    if (route === 'refresh') {
      const oauthError = (error: number, reason: string): FixtureReply => ({
        status: 200,
        body: { error, error_name: 'Invalid parameter', error_reason: reason, ref_doc: 'https://developers.zalo.me/docs/official-account', error_description: reason },
      });
      const i = faults.findIndex((f) => f.route === 'refresh');
      const fault = i >= 0 ? faults.splice(i, 1)[0].fault : null;
      if (fault === 'unavailable') return { status: 502, body: '<html>Bad gateway</html>' };
      if (r.body.app_id !== oauth.appId) return oauthError(-14002, 'Invalid app_id');
      if (r.headers.secret_key !== oauth.secretKey) return oauthError(-14001, 'Invalid secret key');
      if (r.body.grant_type !== 'refresh_token') return oauthError(-14003, 'Invalid grant_type');
      if (!oauth.refreshToken || r.body.refresh_token !== oauth.refreshToken) return oauthError(-14014, 'Invalid refresh token');
      oauth.issued++;
      state.token = `zalo-access-${oauth.issued}-${crypto.randomBytes(12).toString('hex')}`;
      oauth.refreshToken = `zalo-refresh-${oauth.issued}-${crypto.randomBytes(12).toString('hex')}`;
      const reply: FixtureReply = { status: 200, body: { access_token: state.token, refresh_token: oauth.refreshToken, expires_in: '90000' } };
      return fault === 'act-then-drop' ? 'drop' : reply;
    }
    if (r.headers.access_token !== state.token) return zaloError(-216, 'Access token is invalid');
    const i = faults.findIndex((f) => f.route === route);
    const fault = i >= 0 ? faults.splice(i, 1)[0].fault : null;
    if (fault === 'invalid-token') return zaloError(-216, 'Access token is invalid');
    if (fault === 'rate') return zaloError(-32, 'Request exceeded limit per minute');
    if (fault === 'quota') return zaloError(-211, 'Out of quota');
    if (fault === 'unavailable') return { status: 502, body: '<html>Bad gateway</html>' };
    const after = (reply: FixtureReply): FixtureReply => (fault === 'act-then-drop' ? 'drop' : fault === 'act-then-hang' ? 'hang' : reply);

    switch (route) {
      case 'create': {
        const b = r.body;
        if (b.type !== 'normal' && b.type !== 'video') return zaloError(-201, 'Parameter type is invalid');
        if (typeof b.title !== 'string' || !b.title) return zaloError(-201, 'Parameter title is invalid');
        if (typeof b.description !== 'string' || !b.description) return zaloError(-201, 'Parameter description is invalid');
        if (!Array.isArray(b.body) || !b.body.length) return zaloError(-201, 'Parameter body is invalid');
        const a: Article = {
          id: crypto.randomBytes(10).toString('hex'),
          token: crypto.randomBytes(24).toString('base64'),
          title: b.title,
          description: b.description,
          author: b.author as string | undefined,
          cover: b.cover,
          body: b.body,
          status: (b.status as string) ?? 'show',
          createDate: Date.now(),
          processingLeft: state.processingRounds,
        };
        articles.push(a);
        return after(ok({ token: a.token }));
      }
      case 'verify': {
        const a = articles.find((x) => x.token === r.body.token);
        if (!a) return zaloError(-201, 'Parameter token is invalid');
        if (a.processingLeft > 0) {
          a.processingLeft--;
          return zaloError(-214, 'Article is being processed');
        }
        return after(ok({ id: a.id }));
      }
      case 'getslice': {
        const offset = Number(r.query.get('offset') ?? 0);
        const limit = Math.min(Number(r.query.get('limit') ?? 10), 10);
        const medias = [...articles]
          .filter((a) => a.processingLeft === 0)
          .reverse()
          .slice(offset, offset + limit)
          .map((a) => ({ id: a.id, type: 'normal', title: a.title, status: a.status, total_view: 0, total_share: 0, create_date: a.createDate, update_date: a.createDate, thumb: '', link: `https://zalo.me/article/${a.id}`, description: a.description }));
        return after(ok({ medias, total: articles.length }));
      }
      case 'broadcast': {
        const payload = ((r.body.message as { attachment?: { payload?: { elements?: { media_type?: string; attachment_id?: string }[] } } })?.attachment?.payload);
        const element = payload?.elements?.[0];
        if (!element || element.media_type !== 'article' || !articles.some((a) => a.id === element.attachment_id)) {
          return zaloError(-201, 'Parameter attachment_id is invalid');
        }
        if (state.usedThisMonth >= state.monthlyQuota) return zaloError(-211, 'Out of quota');
        state.usedThisMonth++;
        const b: Broadcast = { messageId: crypto.randomBytes(12).toString('hex'), articleId: element.attachment_id as string, target: (r.body.recipient as { target?: unknown })?.target };
        broadcasts.push(b);
        return after(ok({ message_id: b.messageId }));
      }
      case 'remove': {
        const id = r.body.id;
        const i = articles.findIndex((a) => a.id === id);
        if (typeof id !== 'string' || i < 0) return zaloError(-201, 'Parameter id is invalid');
        articles.splice(i, 1);
        removed.push(id);
        return after(ok({}));
      }
      case 'message': {
        const userId = (r.body.recipient as { user_id?: unknown } | undefined)?.user_id;
        const text = (r.body.message as { text?: unknown } | undefined)?.text;
        if (typeof userId !== 'string' || !userId) return zaloError(-201, 'Parameter user_id is invalid');
        if (typeof text !== 'string' || !text) return zaloError(-201, 'Parameter text is invalid');
        if (followers.size && !followers.has(userId)) return zaloError(-213, 'User has not followed OA');
        const m: OaMessage = { messageId: crypto.randomBytes(12).toString('hex'), userId, text };
        messages.push(m);
        return after(ok({ message_id: m.messageId, user_id: userId }));
      }
    }
  });

  return {
    url: server.url,
    log: server.log,
    close: server.close,
    articles,
    broadcasts,
    messages,
    followers,
    state,
    oauth,
    removed,
    /** The access token expires (as after 25 hours): only a refresh gives a working one. */
    expireToken() {
      state.token = `expired-${crypto.randomBytes(6).toString('hex')}`;
    },
    fail(route: Route, fault: ZaloFault, times = 1) {
      for (let i = 0; i < times; i++) faults.push({ route, fault });
    },
    calls(route: Route) {
      return server.log.filter((r) => routeOf(r) === route);
    },
    /** A new month: the OA's broadcast quota is available again. */
    resetQuota() {
      state.usedThisMonth = 0;
    },
  };
}
export type ZaloServer = Awaited<ReturnType<typeof startZaloServer>>;
