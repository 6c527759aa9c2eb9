import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { actorOf, authorize, requireSession } from '../../http/auth';
import type { AppEnv } from '../../http/context';
import { validationHook } from '../../http/errors';
import { IdParam, access, errors, json, jsonBody } from '../../http/openapi';
import { db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { canOnUnit, unitPathOf } from '../org';
import * as svc from './exemplars.service';

/**
 * Exemplars API. Nominating needs `articles.write` on the unit; approving,
 * rejecting, publishing and archiving need `articles.approve` on the unit — a
 * role held there or on a unit above it (the school's board or the Sở's);
 * editing a nominated exemplar is for its nominator or those approvers.
 */
const tag = ['Gương điển hình'];
export const exemplarRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
type Ctx = Context<AppEnv>;

const schoolYear = z
  .string()
  .regex(/^\d{4}-\d{4}$/)
  .refine((s) => Number(s.slice(5)) === Number(s.slice(0, 4)) + 1, 'yyyy-(yyyy+1)');
const InputSchema = z.object({
  kind: z.enum(svc.exemplarKinds),
  name: z.string().trim().min(1).max(200),
  title: z.string().trim().max(200).nullable().optional(),
  summary: z.string().trim().max(1000).nullable().optional(),
  storyHtml: z.string().max(200_000).optional(),
  achievements: z.array(z.string().trim().min(1).max(300)).max(30).optional(),
  field: z.string().trim().max(120).nullable().optional(),
  photoMediaId: z.number().int().positive().nullable().optional(),
  schoolYear: schoolYear.optional(),
  isPupil: z.boolean().optional(),
  isIdentifyingPupils: z.boolean().optional(),
  consentIds: z.array(z.number().int()).max(50).optional(),
});
const MediaSchema = z.object({
  id: z.number(), unitId: z.number(), fileName: z.string(), width: z.number().nullable(), height: z.number().nullable(), caption: z.string().nullable(),
  isIdentifyingPupils: z.boolean(), consentIds: z.array(z.number()), urls: z.object({ small: z.string(), medium: z.string(), large: z.string() }),
});
const ExemplarSchema = z
  .object({
    id: z.number(),
    unitId: z.number(),
    unitName: z.string(),
    kind: z.enum(svc.exemplarKinds),
    name: z.string(),
    title: z.string().nullable(),
    summary: z.string().nullable(),
    storyHtml: z.string(),
    achievements: z.array(z.string()),
    field: z.string().nullable(),
    photoMediaId: z.number().nullable(),
    photo: MediaSchema.nullable(),
    status: z.enum(svc.exemplarStatuses),
    nominatedBy: z.number().nullable(),
    nominatedByName: z.string().nullable(),
    nominatedAt: z.string(),
    decidedBy: z.number().nullable(),
    decidedByName: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionNote: z.string().nullable(),
    publishedAt: z.string().nullable(),
    slug: z.string(),
    schoolYear: z.string(),
    isPupil: z.boolean(),
    isIdentifyingPupils: z.boolean(),
    consentIds: z.array(z.number()),
    consentGaps: z.array(z.object({ kind: z.enum(['consent', 'child_consent', 'revoked']), consentId: z.number().optional(), message: z.string() })),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
    publicUrl: z.string().nullable(),
    can: z.object({ edit: z.boolean(), approve: z.boolean(), reject: z.boolean(), publish: z.boolean(), archive: z.boolean() }),
  })
  .openapi('Exemplar');
const ListItemSchema = z.object({
  id: z.number(), unitId: z.number(), unitName: z.string(), kind: z.enum(svc.exemplarKinds), name: z.string(), title: z.string().nullable(),
  status: z.enum(svc.exemplarStatuses), schoolYear: z.string(), nominatedBy: z.number().nullable(), nominatedByName: z.string().nullable(),
  nominatedAt: z.string(), publishedAt: z.string().nullable(), updatedAt: z.string(), slug: z.string(), thumbUrl: z.string().nullable(),
});

async function present(c: Ctx, e: svc.Exemplar): Promise<z.infer<typeof ExemplarSchema>> {
  const s = requireSession(c);
  const path = (await unitPathOf(db(), e.unitId)) as string;
  const mayApprove = canOnUnit(s.user.assignments, 'articles.approve', path);
  const isNominator = e.nominatedBy === s.user.id;
  const mayWrite = (isNominator && canOnUnit(s.user.assignments, 'articles.write', path)) || mayApprove;
  const st = e.status;
  return {
    ...(e as Omit<z.infer<typeof ExemplarSchema>, 'can'>),
    can: {
      edit: st === 'nominated' && mayWrite,
      approve: st === 'nominated' && mayApprove && !isNominator,
      reject: (st === 'nominated' || st === 'approved') && mayApprove && !isNominator,
      publish: st === 'approved' && mayApprove,
      archive: ['approved', 'rejected', 'published'].includes(st) && mayApprove,
    },
  };
}

const UnitQuery = z.object({ unitId: z.coerce.number().int().positive() });

exemplarRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/exemplars',
    tags: tag,
    summary: "Exemplars of a unit's subtree (contributors and spokespersons: their own unit's only), filtered",
    ...access('articles.read'),
    request: {
      query: UnitQuery.extend({
        status: z.enum(svc.exemplarStatuses).optional(),
        kind: z.enum(svc.exemplarKinds).optional(),
        schoolYear: schoolYear.optional(),
        q: z.string().max(200).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        offset: z.coerce.number().int().min(0).default(0),
      }),
    },
    responses: { 200: json(z.object({ items: z.array(ListItemSchema), total: z.number() })), 400: errors[400], 403: errors[403] },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const s = await authorize(c, 'articles.read', q.unitId);
    const path = (await unitPathOf(db(), q.unitId)) as string;
    const reachesSubtree = s.user.assignments.some((a) => canOnUnit([a], 'articles.read', path) && a.role !== 'contributor' && a.role !== 'spokesperson');
    const r = await svc.listExemplars(db(), {
      unitPath: path,
      ownUnitIds: reachesSubtree ? null : [q.unitId],
      status: q.status,
      kind: q.kind,
      schoolYear: q.schoolYear,
      text: q.q,
      limit: q.limit,
      offset: q.offset,
    });
    return c.json(r as { items: z.infer<typeof ListItemSchema>[]; total: number }, 200);
  },
);

exemplarRoutes.openapi(
  createRoute({ method: 'post', path: '/exemplars', tags: tag, summary: 'Nominate an exemplar (waits for approval by the board of the unit or of a unit above it)', ...access('articles.write'), request: jsonBody(InputSchema.extend({ unitId: z.number().int().positive() })), responses: { 201: json(ExemplarSchema), 400: errors[400], 403: errors[403] } }),
  async (c) => {
    const body = c.req.valid('json');
    await authorize(c, 'articles.write', body.unitId);
    return c.json(await present(c, await svc.nominateExemplar(actorOf(c), body)), 201);
  },
);

exemplarRoutes.openapi(
  createRoute({ method: 'get', path: '/exemplars/{id}', tags: tag, summary: 'An exemplar with what the caller may do with it', ...access('articles.read'), request: { params: IdParam }, responses: { 200: json(ExemplarSchema), 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'articles.read', (await svc.exemplarUnit(db(), id)).unitId);
    return c.json(await present(c, await svc.getExemplar(db(), id)), 200);
  },
);

exemplarRoutes.openapi(
  createRoute({ method: 'put', path: '/exemplars/{id}', tags: tag, summary: 'Edit a nominated exemplar (its nominator, or the board that approves it); carries the version it was loaded at', ...access('articles.write'), request: { params: IdParam, ...jsonBody(InputSchema.extend({ version: z.number().int() })) }, responses: { 200: json(ExemplarSchema), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { unitId, nominatedBy } = await svc.exemplarUnit(db(), id);
    const s = await authorize(c, 'articles.write', unitId);
    const path = (await unitPathOf(db(), unitId)) as string;
    if (nominatedBy !== s.user.id && !canOnUnit(s.user.assignments, 'articles.approve', path)) throw new AppError('forbidden', 403, 'error.forbidden');
    return c.json(await present(c, await svc.updateExemplar(actorOf(c), id, c.req.valid('json'))), 200);
  },
);

const moves = {
  approve: { body: z.object({ note: z.string().trim().max(2000).optional() }), summary: 'Approve a nominated exemplar (never one’s own nomination)' },
  reject: { body: z.object({ note: z.string().trim().min(1).max(2000) }), summary: 'Reject a nominated or approved exemplar, with a note' },
  publish: { body: z.object({}), summary: 'Publish an approved exemplar on the portal (a pupil needs a valid consent)' },
  archive: { body: z.object({ note: z.string().trim().max(2000).optional() }), summary: 'Archive an exemplar (taken off the portal)' },
} as const;

for (const [action, m] of Object.entries(moves) as [keyof typeof moves, (typeof moves)[keyof typeof moves]][]) {
  exemplarRoutes.openapi(
    createRoute({ method: 'post', path: `/exemplars/{id}/${action}`, tags: tag, summary: m.summary, ...access('articles.approve'), request: { params: IdParam, ...jsonBody(m.body) }, responses: { 200: json(ExemplarSchema), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] } }),
    async (c) => {
      const { id } = c.req.valid('param');
      await authorize(c, 'articles.approve', (await svc.exemplarUnit(db(), id)).unitId);
      const body = c.req.valid('json') as Record<string, unknown>;
      return c.json(await present(c, await svc.moveExemplar(actorOf(c), id, { action, ...body } as svc.ExemplarAction)), 200);
    },
  );
}
