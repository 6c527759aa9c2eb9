import { createApp } from '../../src/http/app';
import { TEST_PASSWORD } from './factories';

/**
 * Drives the real Hono app in-process (no mocks): keeps the session cookie and
 * sends the CSRF token like the admin UI does.
 */
export type TestClient = ReturnType<typeof makeClient>;
let app: ReturnType<typeof createApp> | undefined;

export function makeClient() {
  app ??= createApp();
  const a = app;
  let cookie = '';
  let csrf = '';
  async function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { origin: 'http://localhost', ...headers };
    if (cookie) h.cookie = cookie;
    if (csrf && method !== 'GET') h['x-csrf-token'] = csrf;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      h['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await a.request(path, { method, headers: h, body: payload });
    const set = res.headers.get('set-cookie');
    if (set) {
      const m = set.match(/loa_sid=([^;]*)/);
      if (m) cookie = m[1] ? `loa_sid=${m[1]}` : '';
    }
    const text = await res.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, json, text, headers: res.headers };
  }
  return {
    request,
    get: (path: string) => request('GET', path),
    post: (path: string, body?: unknown) => request('POST', path, body ?? {}),
    patch: (path: string, body: unknown) => request('PATCH', path, body),
    put: (path: string, body: unknown) => request('PUT', path, body),
    del: (path: string) => request('DELETE', path),
    async login(email: string, password = TEST_PASSWORD) {
      const r = await request('POST', '/api/auth/login', { email, password });
      if (r.status === 200) csrf = r.json.csrfToken;
      return r;
    },
    setCsrf(token: string) {
      csrf = token;
    },
    get csrf() {
      return csrf;
    },
  };
}
