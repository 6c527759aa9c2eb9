import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { actorOf, authorize, requireSession } from '../../http/auth';
import type { AppEnv } from '../../http/context';
import { validationHook } from '../../http/errors';
import { IdParam, Ok, access, errors, json, jsonBody } from '../../http/openapi';
import { db } from '../../platform/db';
import { unitTypes } from '../org/org.schemas';
import { rankingXlsx } from './emulation.export';
import * as svc from './emulation.service';
import { metrics, providers } from './providers';

/**
 * Emulation scoring (thi đua) API. Reading schemes and rankings needs `dashboard.read`
 * on the ranking unit; creating, changing and deleting a scheme needs `plans.write`
 * there (the people who run the unit's plans run its emulation too).
 */
const tag = ['Thi đua'];
export const emulationRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const CriterionInput = z.object({
  label: z.string().trim().min(1).max(200),
  metric: z.string().min(1).max(60),
  weight: z.number().positive().max(1000),
  target: z.number().positive().max(1_000_000),
  scope: z.enum(['unit', 'subtree']).default('unit'),
  noData: z.enum(['zero', 'full']).default('zero'),
});
const SchemeInput = z.object({
  title: z.string().trim().min(1).max(300),
  unitType: z.enum(unitTypes),
  periodKind: z.enum(['school_year', 'semester', 'custom']),
  schoolYear: z.string().regex(/^\d{4}-\d{4}$/).nullable().optional(),
  semester: z.union([z.literal(1), z.literal(2)]).nullable().optional(),
  startsOn: isoDay.nullable().optional(),
  endsOn: isoDay.nullable().optional(),
  criteria: z.array(CriterionInput).max(20),
});
const CriterionSchema = z.object({
  id: z.number(), position: z.number(), label: z.string(), metric: z.string(), kind: z.enum(['count', 'percent', 'average']), weight: z.number(), target: z.number(),
  scope: z.enum(['unit', 'subtree']), noData: z.enum(['zero', 'full']), isAvailable: z.boolean(),
});
const SchemeSchema = z
  .object({
    id: z.number(), unitId: z.number(), unitName: z.string(), unitType: z.enum(unitTypes), title: z.string(), periodKind: z.enum(['school_year', 'semester', 'custom']),
    schoolYear: z.string().nullable(), semester: z.number().nullable(), startsOn: z.string(), endsOn: z.string(), version: z.number(), createdAt: z.string(), updatedAt: z.string(),
    criteria: z.array(CriterionSchema), maxPoints: z.number(),
  })
  .openapi('EmulationScheme');
const EvidenceSchema = z.object({ label: z.string(), url: z.string(), isMet: z.boolean().optional() });
const RankingSchema = z
  .object({
    scheme: SchemeSchema, from: z.string(), to: z.string(), computedAt: z.string(),
    rows: z.array(z.object({
      rank: z.number(), unitId: z.number(), unitName: z.string(), total: z.number(),
      cells: z.array(z.object({ criterionId: z.number(), value: z.number().nullable(), count: z.number(), total: z.number().nullable(), points: z.number(), evidence: z.array(EvidenceSchema) })),
    })),
  })
  .openapi('EmulationRanking');

emulationRoutes.openapi(
  createRoute({
    method: 'get', path: '/emulation/metrics', tags: tag, summary: 'The metrics a criterion can read, with their kind and whether their data exists yet', ...access('session'),
    responses: { 200: json(z.object({ items: z.array(z.object({ metric: z.string(), kind: z.enum(['count', 'percent', 'average']), isAvailable: z.boolean() })) })), 401: errors[401] },
  }),
  async (c) => {
    requireSession(c);
    return c.json({ items: metrics.map((m) => ({ metric: m, kind: providers[m].kind, isAvailable: !!providers[m].load })) }, 200);
  },
);

emulationRoutes.openapi(
  createRoute({
    method: 'get', path: '/emulation/schemes', tags: tag, summary: 'Emulation schemes of a ranking unit', ...access('dashboard.read'),
    request: { query: z.object({ unitId: z.coerce.number().int().positive() }) },
    responses: { 200: json(z.object({ items: z.array(z.object({ id: z.number(), unitId: z.number(), unitName: z.string(), unitType: z.string(), title: z.string(), periodKind: z.string(), startsOn: z.string(), endsOn: z.string(), criteria: z.number(), updatedAt: z.string() })) })), 403: errors[403] },
  }),
  async (c) => {
    const { unitId } = c.req.valid('query');
    await authorize(c, 'dashboard.read', unitId);
    return c.json({ items: await svc.listSchemes(db(), { unitId }) }, 200);
  },
);

emulationRoutes.openapi(
  createRoute({
    method: 'post', path: '/emulation/schemes', tags: tag, summary: 'Create an emulation scheme (level ranked, period, weighted criteria)', ...access('plans.write'),
    request: jsonBody(SchemeInput.extend({ unitId: z.number().int().positive() })),
    responses: { 201: json(SchemeSchema), 400: errors[400], 403: errors[403] },
  }),
  async (c) => {
    const { unitId, ...input } = c.req.valid('json');
    await authorize(c, 'plans.write', unitId);
    return c.json(await svc.createScheme(actorOf(c), unitId, input), 201);
  },
);

emulationRoutes.openapi(
  createRoute({ method: 'get', path: '/emulation/schemes/{id}', tags: tag, summary: 'One emulation scheme', ...access('dashboard.read'), request: { params: IdParam }, responses: { 200: json(SchemeSchema), 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'dashboard.read', await svc.schemeUnit(db(), id));
    return c.json(await svc.getScheme(db(), id), 200);
  },
);

emulationRoutes.openapi(
  createRoute({
    method: 'put', path: '/emulation/schemes/{id}', tags: tag, summary: 'Change an emulation scheme (optimistic: send the version you read)', ...access('plans.write'),
    request: { params: IdParam, ...jsonBody(SchemeInput.extend({ version: z.number().int().positive() })) },
    responses: { 200: json(SchemeSchema), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'plans.write', await svc.schemeUnit(db(), id));
    return c.json(await svc.updateScheme(actorOf(c), id, c.req.valid('json')), 200);
  },
);

emulationRoutes.openapi(
  createRoute({ method: 'delete', path: '/emulation/schemes/{id}', tags: tag, summary: 'Delete an emulation scheme', ...access('plans.write'), request: { params: IdParam }, responses: { 200: json(Ok), 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'plans.write', await svc.schemeUnit(db(), id));
    await svc.deleteScheme(actorOf(c), id);
    return c.json({ ok: true as const }, 200);
  },
);

emulationRoutes.openapi(
  createRoute({
    method: 'get', path: '/emulation/schemes/{id}/ranking', tags: tag, summary: 'The ranked table: value, points and evidence links per unit and criterion', ...access('dashboard.read'),
    request: { params: IdParam }, responses: { 200: json(RankingSchema), 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const s = await authorize(c, 'dashboard.read', await svc.schemeUnit(db(), id));
    return c.json(await svc.scoreScheme(db(), id, s.user.assignments), 200);
  },
);

emulationRoutes.openapi(
  createRoute({
    method: 'get', path: '/emulation/schemes/{id}/export', tags: tag, summary: 'The ranked table and its evidence as XLSX', ...access('dashboard.read'),
    request: { params: IdParam },
    responses: { 200: { content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.any().openapi({ type: 'string', format: 'binary' }) } }, description: 'The file' }, 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const s = await authorize(c, 'dashboard.read', await svc.schemeUnit(db(), id));
    const r = await svc.scoreScheme(db(), id, s.user.assignments);
    const data = await rankingXlsx(r);
    return c.body(new Uint8Array(data), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(`xep-hang-thi-dua-${id}.xlsx`)}`,
    });
  },
);
