import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '../platform/errors';
import { type Locale, t } from '../platform/i18n';
import { log } from '../platform/log';

/**
 * Every refusal has one JSON shape: a stable `code` for programs, a `message`
 * in the reader's language (Vietnamese by default) for people.
 */
export type ErrorBody = { error: { code: string; message: string; details?: unknown } };

export function localeOf(c: Context): Locale {
  const session = c.get('session' as never) as { user?: { locale?: Locale } } | null;
  if (session?.user?.locale) return session.user.locale;
  return /^en\b/i.test(c.req.header('accept-language') ?? '') ? 'en' : 'vi';
}

/**
 * A path fit for the log: secrets carried in URLs (calendar feed tokens, e-mailed
 * confirmation links: 32+ random base64url characters) are cut to their first 4
 * characters. Slugs stay readable: they are lower-case, tokens are not.
 */
export function redactPath(path: string): string {
  return path
    .split('/')
    .map((seg) => {
      const m = /^([A-Za-z0-9_-]{24,})(\.[a-z]+)?$/.exec(seg);
      return m && /[A-Z]/.test(m[1]) ? `${m[1].slice(0, 4)}…${m[2] ?? ''}` : seg;
    })
    .join('/');
}

export function errorResponse(c: Context, err: unknown) {
  if (err instanceof AppError) {
    const body: ErrorBody = { error: { code: err.code, message: t(err.messageKey, err.params, localeOf(c)) } };
    if (err.details !== undefined) body.error.details = err.details;
    return c.json(body, err.status);
  }
  if (err instanceof HTTPException && err.status === 413) {
    return c.json({ error: { code: 'payload_too_large', message: t('error.payload_too_large', {}, localeOf(c)) } }, 413);
  }
  if (err instanceof HTTPException) {
    return c.json({ error: { code: `http_${err.status}`, message: err.message } }, err.status);
  }
  log.error('unhandled error', { err: (err as Error)?.stack ?? String(err), path: redactPath(c.req.path) });
  return c.json({ error: { code: 'internal', message: t('error.internal', {}, localeOf(c)) } }, 500);
}

/** zod-openapi's hook: a request that fails its schema gets 400 `validation` with the issues. */
export function validationHook(
  result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string; code: string }[] } },
  c: Context,
) {
  if (!result.success) {
    const details = result.error?.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message, code: i.code }));
    return c.json({ error: { code: 'validation', message: t('error.validation', {}, localeOf(c)), details } }, 400);
  }
}
