import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { authorize, scopeFor } from '../../http/auth';
import type { AppEnv } from '../../http/context';
import { validationHook } from '../../http/errors';
import { access, errors, json } from '../../http/openapi';
import { db } from '../../platform/db';
import { unitPathOf } from '../org';
import { listAudit } from './audit.service';

const AuditEntrySchema = z
  .object({
    id: z.number(),
    at: z.string(),
    actorId: z.number().nullable(),
    actorName: z.string().nullable(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    unitId: z.number().nullable(),
    unitName: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    ip: z.string().nullable(),
  })
  .openapi('AuditEntry');

export const auditRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

auditRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/audit',
    tags: ['Nhật ký'],
    summary: 'The audit log of my scope (who, what, when, before/after), newest first',
    ...access('audit.read'),
    request: {
      query: z.object({
        unitId: z.coerce.number().int().positive().optional(),
        entity: z.string().max(50).optional(),
        entityId: z.string().max(100).optional(),
        beforeId: z.coerce.number().int().positive().optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
    },
    responses: { 200: json(z.object({ items: z.array(AuditEntrySchema) })), 401: errors[401], 403: errors[403] },
  }),
  async (c) => {
    const query = c.req.valid('query');
    let scope = scopeFor(c, 'audit.read');
    if (query.unitId) {
      await authorize(c, 'audit.read', query.unitId);
      scope = { subtreePaths: [(await unitPathOf(db(), query.unitId)) as string], unitIds: [] };
    }
    const items = await listAudit(db(), { ...scope, ...query });
    return c.json({ items }, 200);
  },
);
