import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { config } from '../platform/config';
import { AppError } from '../platform/errors';
import type { Actor } from '../modules/audit';
import { type Session, findSession } from '../modules/identity';
import { type Permission, canCreateRoot, canOnUnit, scopeOf, unitPathOf } from '../modules/org';
import { db } from '../platform/db';
import type { AppEnv } from './context';

export const SESSION_COOKIE = 'loa_sid';

export function clientIp(c: Context): string | null {
  if (config().isTrustingProxy) {
    const fwd = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (fwd) return fwd;
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
}

export function setSessionCookie(c: Context, token: string) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    secure: config().cookieSecure,
    sameSite: 'Lax',
    path: '/',
    maxAge: config().sessionHours * 3600 * 7,
  });
}
export function clearSessionCookie(c: Context) {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

/**
 * Loads the session (if any) and enforces CSRF: every state-changing request
 * made with a session must echo the session's token in `X-CSRF-Token`. The
 * cookie is SameSite=Lax as a second line.
 */
export const sessionMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('ip', clientIp(c));
  const token = getCookie(c, SESSION_COOKIE);
  const session = token ? await findSession(token) : null;
  c.set('session', session);
  const isUnsafe = !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method);
  if (isUnsafe && session && c.req.header('x-csrf-token') !== session.csrfToken) {
    throw new AppError('csrf', 403, 'error.csrf');
  }
  await next();
};

/** A fully signed-in user (TOTP step done). */
export function requireSession(c: Context<AppEnv>): Session {
  const s = c.get('session');
  if (!s || s.isMfaPending) throw new AppError('unauthenticated', 401, 'error.unauthenticated');
  return s;
}

export function actorOf(c: Context<AppEnv>): Actor {
  return { userId: c.get('session')?.user.id ?? null, ip: c.get('ip') };
}

/** Checks a permission on a unit (and so its subtree reach). Unknown units are refused like foreign ones. */
export async function authorize(c: Context<AppEnv>, permission: Permission, unitId: number | null): Promise<Session> {
  const s = requireSession(c);
  if (unitId == null) {
    if (permission === 'units.write' && canCreateRoot(s.user.assignments)) return s;
    throw new AppError('forbidden', 403, 'error.forbidden');
  }
  const path = await unitPathOf(db(), unitId);
  if (!path || !canOnUnit(s.user.assignments, permission, path)) throw new AppError('forbidden', 403, 'error.forbidden');
  return s;
}

/** For list endpoints: the user's scope for a permission; refused when it is empty. */
export function scopeFor(c: Context<AppEnv>, permission: Permission) {
  const s = requireSession(c);
  const scope = scopeOf(s.user.assignments, permission);
  if (!scope.subtreePaths.length && !scope.unitIds.length) throw new AppError('forbidden', 403, 'error.forbidden');
  return scope;
}

export function isWritableBy(s: Session, permission: Permission) {
  return (path: string) => (path ? canOnUnit(s.user.assignments, permission, path) : canCreateRoot(s.user.assignments));
}
