import { z } from '@hono/zod-openapi';
import type { Permission } from '../modules/org';

/**
 * Every route declares who may call it in `x-loa-access`: `public`, `session`
 * (any signed-in user, acting on themselves) or a permission checked against
 * the unit the request targets. The permission-matrix test reads this from
 * /api/openapi.json, so a new route cannot escape it.
 */
export type Access = Permission | 'public' | 'session';
export const access = (a: Access) => ({ 'x-loa-access': a }) as const;

export const ErrorSchema = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  })
  .openapi('Error');

const err = (description: string) => ({ content: { 'application/json': { schema: ErrorSchema } }, description });
export const errors = {
  400: err('Invalid input (code `validation`)'),
  401: err('Not signed in'),
  403: err('Not allowed (role or unit scope), or bad CSRF token'),
  404: err('Not found'),
  409: err('Conflict'),
  422: err('Refused by a business rule'),
  503: err('A tool the server needs is not installed (e.g. LibreOffice for PDF)'),
} as const;

export const json = <T extends z.ZodType>(schema: T, description = 'OK') => ({
  content: { 'application/json': { schema } },
  description,
});
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});
export const IdParam = z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' } }) });
export const Ok = z.object({ ok: z.literal(true) });
