import crypto from 'node:crypto';
import { type FixtureReply, type FixtureRequest, startFixtureServer } from './fixture-server';

/**
 * A Facebook Graph API stand-in on loopback, speaking the real shapes:
 * `POST /v21.0/{page-id}/feed` (message, link) → `{ id: "<page>_<post>" }`;
 * `POST /v21.0/{page-id}/photos` (url, caption, published) → `{ id, post_id }`;
 * `GET /v21.0/{page-id}/posts?fields=id,message` → `{ data: [...], paging }`;
 * `DELETE /v21.0/{post-id}` → `{ success: true }`; a post that is gone: code 100, subcode 33;
 * errors as `{ error: { message, type, code, error_subcode, fbtrace_id } }`.
 * The token comes as `Authorization: Bearer` or an `access_token` parameter.
 *
 * Faults are queued per route and used once each: `expired` (190/463),
 * `rate` (#32 page request limit), `unavailable` (HTTP 500, code 2, transient),
 * `permission` (#200), and the crash shapes `post-then-hang` / `post-then-drop`:
 * the post is made, then the answer never arrives.
 */
export type GraphFault = 'expired' | 'rate' | 'unavailable' | 'permission' | 'post-then-hang' | 'post-then-drop';
type Post = { id: string; message: string; link?: string; photoUrl?: string; published?: boolean; createdTime: string };

/** A numeric id like Facebook's (15 digits). */
const fbId = () => `${crypto.randomInt(1e6, 9e6)}${crypto.randomInt(1e7, 9e7)}`;

const graphError = (status: number, error: Record<string, unknown>): FixtureReply => ({
  status,
  body: { error: { fbtrace_id: crypto.randomBytes(6).toString('base64url'), ...error } },
});

export async function startGraphServer() {
  const pages = new Map<string, { token: string; posts: Post[] }>();
  const faults: { route: 'feed' | 'photos' | 'posts' | 'delete'; fault: GraphFault }[] = [];
  const deleted: string[] = [];

  function token(r: FixtureRequest): string | null {
    const auth = r.headers.authorization;
    if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7);
    return (r.body.access_token as string) ?? r.query.get('access_token');
  }

  const server = await startFixtureServer((r) => {
    const del = r.method === 'DELETE' ? r.path.match(/^\/v21\.0\/(\d+)_(\d+)$/) : null;
    if (del) {
      const [postId, pageId] = [`${del[1]}_${del[2]}`, del[1]];
      const page = pages.get(pageId);
      const gone = () => graphError(400, { message: `Unsupported delete request. Object with ID '${postId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, type: 'GraphMethodException', code: 100, error_subcode: 33 });
      if (!page) return gone();
      if (token(r) !== page.token) return graphError(400, { message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190 });
      const i = faults.findIndex((f) => f.route === 'delete');
      const fault = i >= 0 ? faults.splice(i, 1)[0].fault : null;
      if (fault === 'expired') return graphError(400, { message: 'Error validating access token: Session has expired.', type: 'OAuthException', code: 190, error_subcode: 463 });
      if (fault === 'unavailable') return graphError(500, { message: 'Service temporarily unavailable', type: 'OAuthException', code: 2, is_transient: true });
      const at = page.posts.findIndex((p) => p.id === postId);
      if (at < 0) return gone();
      page.posts.splice(at, 1);
      deleted.push(postId);
      if (fault === 'post-then-drop') return 'drop';
      if (fault === 'post-then-hang') return 'hang';
      return { status: 200, body: { success: true } };
    }
    const m = r.path.match(/^\/v21\.0\/([^/]+)\/(feed|photos|posts)$/);
    if (!m) return graphError(400, { message: 'Unknown path components', type: 'OAuthException', code: 2500 });
    const [, pageId, route] = m as [string, string, 'feed' | 'photos' | 'posts'];
    const page = pages.get(pageId);
    if (!page) return graphError(400, { message: `Unsupported request. Object with ID '${pageId}' does not exist`, type: 'GraphMethodException', code: 100, error_subcode: 33 });
    if (token(r) !== page.token) {
      return graphError(400, { message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190 });
    }
    const i = faults.findIndex((f) => f.route === route);
    const fault = i >= 0 ? faults.splice(i, 1)[0].fault : null;
    if (fault === 'expired') {
      return graphError(400, { message: 'Error validating access token: Session has expired on Monday, 01-Jun-26 10:00:00 PDT.', type: 'OAuthException', code: 190, error_subcode: 463 });
    }
    if (fault === 'rate') return graphError(400, { message: '(#32) Page request limit reached', type: 'OAuthException', code: 32 });
    if (fault === 'permission') return graphError(403, { message: '(#200) The user hasn\'t authorized the application to perform this action', type: 'OAuthException', code: 200 });
    if (fault === 'unavailable') return graphError(500, { message: 'Service temporarily unavailable', type: 'OAuthException', code: 2, is_transient: true });

    if (route === 'posts') {
      if (r.method !== 'GET') return graphError(400, { message: 'Unsupported post request.', type: 'GraphMethodException', code: 100 });
      const limit = Number(r.query.get('limit') ?? 25);
      const fields = (r.query.get('fields') ?? 'id').split(',');
      const data = [...page.posts]
        .reverse()
        .slice(0, limit)
        .map((p) => ({ id: p.id, ...(fields.includes('message') ? { message: p.message } : {}), created_time: p.createdTime }));
      return { status: 200, body: { data, paging: { cursors: { before: 'QVFI', after: 'QVFJ' } } } };
    }
    if (r.method !== 'POST') return graphError(400, { message: 'Unsupported get request.', type: 'GraphMethodException', code: 100 });
    let post: Post;
    let reply: Record<string, string>;
    const postId = `${pageId}_${fbId()}`;
    if (route === 'feed') {
      const message = r.body.message as string | undefined;
      if (!message && !r.body.link) return graphError(400, { message: '(#100) Missing message or attachment', type: 'OAuthException', code: 100 });
      post = { id: postId, message: message ?? '', link: r.body.link as string | undefined, createdTime: new Date().toISOString() };
      reply = { id: postId };
    } else {
      const url = r.body.url as string | undefined;
      if (!url || !/^https?:\/\//.test(url)) return graphError(400, { message: '(#324) Requires upload file', type: 'OAuthException', code: 324 });
      const photoId = fbId();
      post = { id: postId, message: (r.body.caption as string) ?? '', photoUrl: url, published: r.body.published !== 'false', createdTime: new Date().toISOString() };
      reply = { id: photoId, post_id: postId };
    }
    page.posts.push(post);
    if (fault === 'post-then-hang') return 'hang';
    if (fault === 'post-then-drop') return 'drop';
    return { status: 200, body: reply };
  });

  return {
    url: `${server.url}/v21.0`,
    log: server.log,
    close: server.close,
    addPage(pageId: string, pageToken: string) {
      pages.set(pageId, { token: pageToken, posts: [] });
    },
    setToken(pageId: string, pageToken: string) {
      (pages.get(pageId) as { token: string }).token = pageToken;
    },
    posts(pageId: string): Post[] {
      return pages.get(pageId)?.posts ?? [];
    },
    deleted,
    fail(route: 'feed' | 'photos' | 'posts' | 'delete', fault: GraphFault, times = 1) {
      for (let i = 0; i < times; i++) faults.push({ route, fault });
    },
    calls(route: 'feed' | 'photos' | 'posts', pageId?: string) {
      return server.log.filter((r) => r.path.endsWith(`/${route}`) && (!pageId || r.path.includes(`/${pageId}/`)));
    },
  };
}
export type GraphServer = Awaited<ReturnType<typeof startGraphServer>>;
