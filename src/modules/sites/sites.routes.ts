import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { actorOf, authorize, isWritableBy, scopeFor } from '../../http/auth';
import type { AppEnv } from '../../http/context';
import { validationHook } from '../../http/errors';
import { IdParam, Ok, access, errors, json, jsonBody } from '../../http/openapi';
import { config } from '../../platform/config';
import { db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { foldVietnamese } from '../../text';
import { unitPathOf } from '../org';
import { DomainsSchema, LeaderInputSchema, LeaderSchema, SiteAdminSchema, SiteImageSchema, SiteListItemSchema, UpdateSiteSchema } from './sites.schemas';
import * as svc from './sites.service';

/**
 * Unit sites API. Reading a unit's site settings: `units.read`; editing them,
 * the leaders and the images: `sites.write` on the unit (administrator,
 * leader, focal point, editor, reaching the subtree); mapping the unit's own
 * domain names is an operator's act: `units.write` (administrator).
 */
const tag = ['Trang đơn vị'];
export const siteRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
const UnitParam = z.object({ unitId: z.coerce.number().int().positive().openapi({ param: { name: 'unitId', in: 'path' } }) });

async function present(c: Parameters<typeof authorize>[0], unitId: number) {
  const s = await authorize(c, 'units.read', unitId);
  const site = await svc.getSiteAdmin(db(), unitId);
  const path = (await unitPathOf(db(), unitId)) ?? '';
  return { ...site, canEdit: isWritableBy(s, 'sites.write')(path), canMapDomains: isWritableBy(s, 'units.write')(path) };
}

siteRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/sites',
    tags: tag,
    summary: 'Unit sites the user may edit (search by name or slug)',
    ...access('sites.write'),
    request: { query: z.object({ q: z.string().max(200).optional() }) },
    responses: { 200: json(z.object({ items: z.array(SiteListItemSchema) })), 403: errors[403] },
  }),
  async (c) => {
    const scope = scopeFor(c, 'sites.write');
    return c.json({ items: await svc.listSites(db(), scope, foldVietnamese(c.req.valid('query').q ?? '')) }, 200);
  },
);

siteRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/sites/{unitId}',
    tags: tag,
    summary: "A unit's site settings",
    ...access('units.read'),
    request: { params: UnitParam },
    responses: { 200: json(SiteAdminSchema), 403: errors[403], 404: errors[404] },
  }),
  async (c) => c.json(await present(c, c.req.valid('param').unitId), 200),
);

siteRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/sites/{unitId}',
    tags: tag,
    summary: "Change a unit's site settings (slug, colour, logo, banner, menu, introduction, history, functions)",
    ...access('sites.write'),
    request: { params: UnitParam, ...jsonBody(UpdateSiteSchema) },
    responses: { 200: json(SiteAdminSchema), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409], 422: errors[422] },
  }),
  async (c) => {
    const { unitId } = c.req.valid('param');
    await authorize(c, 'sites.write', unitId);
    await svc.updateSite(actorOf(c), unitId, c.req.valid('json'));
    return c.json(await present(c, unitId), 200);
  },
);

siteRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/sites/{unitId}/domains',
    tags: tag,
    summary: "Map the unit's own domain names (served by Host)",
    ...access('units.write'),
    request: { params: UnitParam, ...jsonBody(DomainsSchema) },
    responses: { 200: json(SiteAdminSchema), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] },
  }),
  async (c) => {
    const { unitId } = c.req.valid('param');
    await authorize(c, 'units.write', unitId);
    await svc.setDomains(actorOf(c), unitId, c.req.valid('json').domains);
    return c.json(await present(c, unitId), 200);
  },
);

siteRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/sites/{unitId}/images',
    tags: tag,
    summary: 'Upload a logo, banner or portrait (type sniffed from the bytes, re-encoded, metadata stripped)',
    ...access('sites.write'),
    request: {
      params: UnitParam,
      body: { content: { 'multipart/form-data': { schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }) }) } } },
    },
    responses: { 201: json(SiteImageSchema), 400: errors[400], 403: errors[403] },
  }),
  async (c) => {
    const { unitId } = c.req.valid('param');
    await authorize(c, 'sites.write', unitId);
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File)) throw new AppError('media.not_image', 400, 'media.not_image');
    if (file.size > config().uploadMaxBytes) {
      throw new AppError('payload_too_large', 413, 'error.payload_too_large', { maxMb: Math.round(config().uploadMaxBytes / 1048576) });
    }
    const out = await svc.uploadSiteImage(actorOf(c), unitId, { data: Buffer.from(await file.arrayBuffer()), fileName: file.name, mime: file.type });
    return c.json(out, 201);
  },
);

// ---- leaders ----

siteRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/sites/{unitId}/leaders',
    tags: tag,
    summary: "The unit's leaders as shown on its site",
    ...access('units.read'),
    request: { params: UnitParam },
    responses: { 200: json(z.object({ items: z.array(LeaderSchema) })), 403: errors[403] },
  }),
  async (c) => {
    const { unitId } = c.req.valid('param');
    await authorize(c, 'units.read', unitId);
    return c.json({ items: await svc.listLeadersAdmin(db(), unitId) }, 200);
  },
);

siteRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/sites/{unitId}/leaders',
    tags: tag,
    summary: 'Add a leader (name, position, photo, short biography, duties, order)',
    ...access('sites.write'),
    request: { params: UnitParam, ...jsonBody(LeaderInputSchema) },
    responses: { 201: json(LeaderSchema), 400: errors[400], 403: errors[403], 422: errors[422] },
  }),
  async (c) => {
    const { unitId } = c.req.valid('param');
    await authorize(c, 'sites.write', unitId);
    return c.json(await svc.createLeader(actorOf(c), unitId, c.req.valid('json')), 201);
  },
);

siteRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/sites/leaders/{id}',
    tags: tag,
    summary: 'Change a leader (the page shows the date of the change)',
    ...access('sites.write'),
    request: { params: IdParam, ...jsonBody(LeaderInputSchema) },
    responses: { 200: json(LeaderSchema), 400: errors[400], 403: errors[403], 404: errors[404], 422: errors[422] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'sites.write', await svc.leaderUnit(db(), id));
    return c.json(await svc.updateLeader(actorOf(c), id, c.req.valid('json')), 200);
  },
);

siteRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/sites/leaders/{id}',
    tags: tag,
    summary: 'Remove a leader from the site',
    ...access('sites.write'),
    request: { params: IdParam },
    responses: { 200: json(Ok), 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'sites.write', await svc.leaderUnit(db(), id));
    await svc.deleteLeader(actorOf(c), id);
    return c.json({ ok: true as const }, 200);
  },
);
