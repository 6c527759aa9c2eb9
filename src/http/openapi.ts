import { type OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from './context';
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

/** A JSON route of a module: method, path, summary, the permission it declares, and what it reads. */
export type JsonRouteDef = {
  method: 'get' | 'post' | 'put'; path: string; summary: string; perm: Permission;
  hasId?: boolean; query?: z.ZodTypeAny; body?: z.ZodTypeAny; status?: 200 | 201;
};
type JsonHandler = (c: Context<AppEnv>, input: { id: number; query: any; body: any }) => Promise<unknown>;

/**
 * `route(def, handler)` for a module's JSON routes on `app` under `tags`: builds the
 * OpenAPI route (access, `{id}` path parameter, query, JSON body, the usual error
 * answers), hands the handler the validated id, query and body, and answers its
 * result as JSON with the route's status.
 */
export function jsonRoutes(app: OpenAPIHono<AppEnv>, tags: string[]) {
  const Any = z.object({}).passthrough();
  const responses = (ok: 200 | 201) => ({ [ok]: json(Any), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] });
  return (d: JsonRouteDef, handler: JsonHandler): void => {
    const request: Record<string, unknown> = {};
    if (d.hasId) request.params = IdParam;
    if (d.query) request.query = d.query;
    if (d.body) Object.assign(request, jsonBody(d.body));
    app.openapi(
      createRoute({ method: d.method, path: d.path, tags, summary: d.summary, ...access(d.perm), request: request as never, responses: responses(d.status ?? 200) }),
      (async (c: Context<AppEnv>) => {
        const v = c.req as unknown as { valid: (k: string) => any };
        const out = await handler(c, { id: d.hasId ? v.valid('param').id : 0, query: d.query ? v.valid('query') : {}, body: d.body ? v.valid('json') : {} });
        return c.json(out as object, d.status ?? 200);
      }) as never,
    );
  };
}
