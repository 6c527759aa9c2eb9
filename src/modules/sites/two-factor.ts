import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../http/context';
import { AppError } from '../../platform/errors';
import type { Role } from '../org';

/**
 * Two-factor sign-in required for some roles. `LOA_REQUIRE_2FA_ROLES` lists
 * them (comma-separated, e.g. `administrator` or `administrator,leader`;
 * empty = not required). A signed-in person holding one of those roles
 * anywhere who has not enrolled TOTP gets `403 auth.two_factor_required` from
 * every API route except signing in and out, the session and TOTP enrolment
 * itself — the admin UI answers that code by opening the enrolment page.
 */
export function requiredTwoFactorRoles(env: NodeJS.ProcessEnv = process.env): Set<Role> {
  return new Set(
    (env.LOA_REQUIRE_2FA_ROLES ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean) as Role[],
  );
}

const OPEN = /^\/api\/(auth\/|openapi\.json$|docs)/;

export const requireTwoFactor: MiddlewareHandler<AppEnv> = async (c, next) => {
  const s = c.get('session');
  if (s && !s.isMfaPending && !s.user.isTotpEnabled && !OPEN.test(c.req.path)) {
    const roles = requiredTwoFactorRoles();
    if (roles.size && s.user.assignments.some((a) => roles.has(a.role))) {
      throw new AppError('auth.two_factor_required', 403, 'auth.two_factor_required');
    }
  }
  await next();
};
