import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { actorOf, authorize, scopeFor } from '../../http/auth';
import type { AppEnv } from '../../http/context';
import { validationHook } from '../../http/errors';
import { IdParam, access, errors, json, jsonBody } from '../../http/openapi';
import { db } from '../../platform/db';
import {
  CloseUnitSchema,
  CreateUnitSchema,
  MergeUnitSchema,
  MoveUnitSchema,
  UnitDetailSchema,
  UnitSchema,
  UnitSearchHitSchema,
  UpdateUnitSchema,
} from './org.schemas';
import * as units from './units.service';

const tag = ['Đơn vị'];
const strip = ({ path: _p, ...u }: units.UnitRow) => u;
export const unitRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

unitRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/units',
    tags: tag,
    summary: 'Top-level units of my scope, or the children of one unit',
    ...access('units.read'),
    request: {
      query: z.object({
        parentId: z.coerce.number().int().positive().optional(),
        isIncludingClosed: z.enum(['true', 'false']).default('true'),
      }),
    },
    responses: { 200: json(z.object({ items: z.array(UnitSchema) })), 401: errors[401], 403: errors[403] },
  }),
  async (c) => {
    const { parentId, isIncludingClosed } = c.req.valid('query');
    if (parentId) {
      await authorize(c, 'units.read', parentId);
      const items = await units.listChildren(db(), parentId, isIncludingClosed === 'true');
      return c.json({ items: items.map(strip) }, 200);
    }
    const items = await units.listScopeRoots(db(), scopeFor(c, 'units.read'));
    return c.json({ items: items.map(strip) }, 200);
  },
);

unitRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/units/search',
    tags: tag,
    summary: 'Find units by name, short name, alias or code, with or without diacritics',
    ...access('units.read'),
    request: { query: z.object({ q: z.string().trim().min(1).max(200), limit: z.coerce.number().int().min(1).max(100).default(20) }) },
    responses: { 200: json(z.object({ items: z.array(UnitSearchHitSchema) })), 400: errors[400], 401: errors[401] },
  }),
  async (c) => {
    const { q, limit } = c.req.valid('query');
    const items = await units.searchUnits(db(), q, scopeFor(c, 'units.read'), limit);
    return c.json({ items: items as z.infer<typeof UnitSearchHitSchema>[] }, 200);
  },
);

unitRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/units/{id}',
    tags: tag,
    summary: 'A unit with its ancestors and history',
    ...access('units.read'),
    request: { params: IdParam },
    responses: { 200: json(UnitDetailSchema), 401: errors[401], 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'units.read', id);
    const { path: _p, ...detail } = await units.getUnitDetail(db(), id);
    return c.json(detail as z.infer<typeof UnitDetailSchema>, 200);
  },
);

unitRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/units',
    tags: tag,
    summary: 'Create a unit under a parent',
    ...access('units.write'),
    request: jsonBody(CreateUnitSchema),
    responses: { 201: json(UnitSchema), 400: errors[400], 403: errors[403], 409: errors[409] },
  }),
  async (c) => {
    const body = c.req.valid('json');
    await authorize(c, 'units.write', body.parentId);
    return c.json(strip(await units.createUnit(actorOf(c), body)), 201);
  },
);

unitRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/units/{id}',
    tags: tag,
    summary: 'Edit a unit (optimistic: send the version you read)',
    ...access('units.write'),
    request: { params: IdParam, ...jsonBody(UpdateUnitSchema) },
    responses: { 200: json(UnitSchema), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'units.write', id);
    return c.json(strip(await units.updateUnit(actorOf(c), id, c.req.valid('json'))), 200);
  },
);

unitRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/units/{id}/move',
    tags: tag,
    summary: 'Move a unit (and its subtree) under another parent from a date',
    ...access('units.write'),
    request: { params: IdParam, ...jsonBody(MoveUnitSchema) },
    responses: { 200: json(UnitSchema), 400: errors[400], 403: errors[403], 404: errors[404], 422: errors[422] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    await authorize(c, 'units.write', id);
    await authorize(c, 'units.write', body.parentId);
    return c.json(strip(await units.moveUnit(actorOf(c), id, body)), 200);
  },
);

unitRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/units/{id}/merge',
    tags: tag,
    summary: 'Merge a unit into another from a date; history stays with the merged unit',
    ...access('units.write'),
    request: { params: IdParam, ...jsonBody(MergeUnitSchema) },
    responses: { 200: json(UnitSchema), 400: errors[400], 403: errors[403], 404: errors[404], 422: errors[422] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    await authorize(c, 'units.write', id);
    await authorize(c, 'units.write', body.intoId);
    return c.json(strip(await units.mergeUnit(actorOf(c), id, body)), 200);
  },
);

unitRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/units/{id}/close',
    tags: tag,
    summary: 'Close a unit from a date',
    ...access('units.write'),
    request: { params: IdParam, ...jsonBody(CloseUnitSchema) },
    responses: { 200: json(UnitSchema), 400: errors[400], 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'units.write', id);
    return c.json(strip(await units.closeUnit(actorOf(c), id, c.req.valid('json'))), 200);
  },
);

unitRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/units/{id}/reopen',
    tags: tag,
    summary: 'Reopen a closed unit',
    ...access('units.write'),
    request: { params: IdParam, ...jsonBody(CloseUnitSchema) },
    responses: { 200: json(UnitSchema), 400: errors[400], 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'units.write', id);
    return c.json(strip(await units.reopenUnit(actorOf(c), id, c.req.valid('json'))), 200);
  },
);
