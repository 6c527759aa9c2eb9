import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { scopeFor } from '../../http/auth';
import type { AppEnv } from '../../http/context';
import { validationHook } from '../../http/errors';
import { access, errors, json } from '../../http/openapi';
import { db } from '../../platform/db';
import { countUnitsByType } from './units.service';

/** The home dashboard's figures. Later modules add their own panels. */
export const dashboardRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

dashboardRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/dashboard',
    tags: ['Tổng quan'],
    summary: 'Figures for the home dashboard, within my scope',
    ...access('dashboard.read'),
    responses: {
      200: json(
        z.object({
          unitsByType: z.array(z.object({ type: z.string(), level: z.string().nullable(), n: z.number() })),
          people: z.number(),
          spokespersons: z.number(),
        }),
      ),
      401: errors[401],
    },
  }),
  async (c) => {
    const scope = scopeFor(c, 'dashboard.read');
    const unitsByType = await countUnitsByType(db(), scope);
    const r = await db().query(
      `select count(distinct p.id)::int as people,
              count(distinct p.id) filter (where r.role = 'spokesperson')::int as spokespersons
         from users p join units u on u.id = p.unit_id left join role_assignments r on r.user_id = p.id
        where (u.path <@ $1::ltree[] or u.id = any($2::bigint[])) and p.is_active`,
      [scope.subtreePaths, scope.unitIds],
    );
    return c.json({ unitsByType, ...r.rows[0] }, 200);
  },
);
