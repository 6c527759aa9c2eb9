import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { actorOf, clearSessionCookie, requireSession, setSessionCookie } from '../../http/auth';
import type { AppEnv } from '../../http/context';
import { validationHook } from '../../http/errors';
import { Ok, access, errors, json, jsonBody } from '../../http/openapi';
import { AppError } from '../../platform/errors';
import * as identity from './identity.service';

const SessionSchema = z
  .object({
    user: z
      .object({
        id: z.number(),
        email: z.string(),
        name: z.string(),
        locale: z.enum(['vi', 'en']),
        unitId: z.number().nullable(),
        isTotpEnabled: z.boolean(),
        assignments: z.array(z.object({ role: z.string(), unitId: z.number(), unitPath: z.string() })),
      })
      .nullable(),
    csrfToken: z.string().nullable(),
    isMfaPending: z.boolean(),
  })
  .openapi('Session');

const tag = ['Xác thực'];
export const identityRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

identityRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/auth/session',
    tags: tag,
    summary: 'Current session and CSRF token',
    ...access('public'),
    responses: { 200: json(SessionSchema) },
  }),
  (c) => {
    const s = c.get('session');
    return c.json(
      { user: s && !s.isMfaPending ? s.user : null, csrfToken: s?.csrfToken ?? null, isMfaPending: s?.isMfaPending ?? false },
      200,
    );
  },
);

identityRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/auth/login',
    tags: tag,
    summary: 'Sign in with e-mail and password',
    ...access('public'),
    request: jsonBody(z.object({ email: z.string().trim().min(1).max(200), password: z.string().min(1).max(200) })),
    responses: {
      200: json(z.object({ csrfToken: z.string(), isMfaPending: z.boolean() })),
      400: errors[400],
      401: errors[401],
      429: errors[400],
    },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const r = await identity.login({ ...body, ip: c.get('ip'), userAgent: c.req.header('user-agent') ?? null });
    setSessionCookie(c, r.token);
    return c.json({ csrfToken: r.csrfToken, isMfaPending: r.isMfaPending }, 200);
  },
);

identityRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/auth/totp/verify',
    tags: tag,
    summary: 'Second sign-in step: the TOTP code',
    ...access('public'),
    request: jsonBody(z.object({ code: z.string().trim().min(6).max(8) })),
    responses: { 200: json(Ok), 401: errors[401] },
  }),
  async (c) => {
    const s = c.get('session');
    if (!s) throw new AppError('unauthenticated', 401, 'error.unauthenticated');
    await identity.verifySessionTotp(s, c.req.valid('json').code, c.get('ip'));
    return c.json({ ok: true as const }, 200);
  },
);

identityRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/auth/logout',
    tags: tag,
    summary: 'Sign out',
    ...access('public'),
    responses: { 200: json(Ok) },
  }),
  async (c) => {
    const s = c.get('session');
    if (s) await identity.logout(s);
    clearSessionCookie(c);
    return c.json({ ok: true as const }, 200);
  },
);

identityRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/auth/password-reset',
    tags: tag,
    summary: 'Send a password-reset link by e-mail',
    ...access('public'),
    request: jsonBody(z.object({ email: z.string().trim().email().max(200) })),
    responses: { 200: json(Ok), 400: errors[400] },
  }),
  async (c) => {
    await identity.requestPasswordReset(c.req.valid('json').email);
    return c.json({ ok: true as const }, 200);
  },
);

identityRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/auth/password-reset/confirm',
    tags: tag,
    summary: 'Set a new password with a reset token',
    ...access('public'),
    request: jsonBody(z.object({ token: z.string().min(10).max(200), password: z.string().min(1).max(200) })),
    responses: { 200: json(Ok), 400: errors[400], 422: errors[422] },
  }),
  async (c) => {
    const { token, password } = c.req.valid('json');
    await identity.resetPassword(token, password);
    return c.json({ ok: true as const }, 200);
  },
);

identityRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/auth/password',
    tags: tag,
    summary: 'Change my password',
    ...access('session'),
    request: jsonBody(z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) })),
    responses: { 200: json(Ok), 401: errors[401], 422: errors[422] },
  }),
  async (c) => {
    requireSession(c);
    const { currentPassword, newPassword } = c.req.valid('json');
    await identity.changePassword(actorOf(c), currentPassword, newPassword);
    return c.json({ ok: true as const }, 200);
  },
);

identityRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/auth/totp/setup',
    tags: tag,
    summary: 'Start TOTP enrolment: a new secret and its otpauth:// URI',
    ...access('session'),
    responses: { 200: json(z.object({ secret: z.string(), uri: z.string() })), 401: errors[401] },
  }),
  async (c) => {
    const s = requireSession(c);
    return c.json(await identity.beginTotpSetup(s.user.id, s.user.email), 200);
  },
);

identityRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/auth/totp/enable',
    tags: tag,
    summary: 'Confirm TOTP enrolment with a first code',
    ...access('session'),
    request: jsonBody(z.object({ code: z.string().trim().min(6).max(8) })),
    responses: { 200: json(Ok), 401: errors[401], 422: errors[422] },
  }),
  async (c) => {
    requireSession(c);
    await identity.enableTotp(actorOf(c), c.req.valid('json').code);
    return c.json({ ok: true as const }, 200);
  },
);

identityRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/auth/totp/disable',
    tags: tag,
    summary: 'Turn TOTP off (needs the password)',
    ...access('session'),
    request: jsonBody(z.object({ password: z.string().min(1).max(200) })),
    responses: { 200: json(Ok), 401: errors[401] },
  }),
  async (c) => {
    requireSession(c);
    await identity.disableTotp(actorOf(c), c.req.valid('json').password);
    return c.json({ ok: true as const }, 200);
  },
);
