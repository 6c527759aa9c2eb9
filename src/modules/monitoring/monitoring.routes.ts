import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { actorOf, authorize, requireSession } from '../../http/auth';
import type { AppEnv } from '../../http/context';
import { validationHook } from '../../http/errors';
import { IdParam, Ok, access, errors, json, jsonBody } from '../../http/openapi';
import { db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { canOnUnit, unitPathOf } from '../org';
import * as items from './items.service';
import {
  AliasCreateSchema,
  AliasSchema,
  EntrySchema,
  ItemDetailSchema,
  ItemQuerySchema,
  ItemSchema,
  PollResultSchema,
  SourceCreateSchema,
  SourcePatchSchema,
  SourceSchema,
  SourceWithSecretSchema,
  StorySchema,
  ThreadSchema,
} from './monitoring.schemas';
import { processPending } from './pipeline';
import { pollSource } from './poll.service';
import * as sources from './sources.service';
import { watchRoutes } from './watch.routes';

/**
 * Monitoring API, part one: sources (feeds, sitemaps, webhook), the signed
 * webhook itself, manual entries, watchlist aliases and the read side of items,
 * stories and threads. Reading needs `monitoring.read`, changing needs
 * `monitoring.write`, on the unit the source belongs to or the item concerns.
 * Triage, alerts, spikes and digests are in M2's routes.
 */
const tag = ['Theo dõi báo chí'];
export const monitoringRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
type Ctx = Context<AppEnv>;

/** The unit a source is authorised on: its own, or (system-wide sources) the first root unit. */
async function sourceUnit(id: number): Promise<number | null> {
  const s = await sources.getSource(db(), id);
  return s.unitId ?? (await sources.defaultSourceUnit());
}

async function mayReadPaths(c: Ctx, paths: string[]): Promise<void> {
  const s = requireSession(c);
  if (!paths.some((p) => canOnUnit(s.user.assignments, 'monitoring.read', p))) throw new AppError('forbidden', 403, 'error.forbidden');
}

/** The caller's reach below a unit for a read: its subtree, or only the unit for own-unit roles. */
async function readScope(c: Ctx, unitId: number) {
  const s = await authorize(c, 'monitoring.read', unitId);
  const path = (await unitPathOf(db(), unitId)) as string;
  const reaches = s.user.assignments.some((a) => canOnUnit([a], 'monitoring.read', path) && a.role !== 'contributor' && a.role !== 'spokesperson');
  return reaches ? { subtreePaths: [path], unitIds: [] } : { subtreePaths: [], unitIds: [unitId] };
}

monitoringRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/monitoring/sources',
    tags: tag,
    summary: "Sources of a unit's subtree with their health (a root unit also sees system-wide sources)",
    ...access('monitoring.read'),
    request: { query: z.object({ unitId: z.coerce.number().int().positive() }) },
    responses: { 200: json(z.object({ items: z.array(SourceSchema) })), 400: errors[400], 403: errors[403] },
  }),
  async (c) => {
    const { unitId } = c.req.valid('query');
    const scope = await readScope(c, unitId);
    const isRoot = (await db().query('select parent_id is null as root from units where id = $1', [unitId])).rows[0]?.root === true;
    return c.json({ items: await sources.listSources(db(), { ...scope, isIncludingSystem: isRoot && scope.subtreePaths.length > 0 }) }, 200);
  },
);

monitoringRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/monitoring/sources',
    tags: tag,
    summary: 'Add a feed, news sitemap or webhook source (a webhook secret is returned this once)',
    ...access('monitoring.write'),
    request: jsonBody(SourceCreateSchema),
    responses: { 201: json(SourceWithSecretSchema), 400: errors[400], 403: errors[403], 409: errors[409] },
  }),
  async (c) => {
    const body = c.req.valid('json');
    await authorize(c, 'monitoring.write', body.unitId);
    return c.json(await sources.createSource(actorOf(c), body), 201);
  },
);

monitoringRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/monitoring/sources/{id}',
    tags: tag,
    summary: 'One source and its health',
    ...access('monitoring.read'),
    request: { params: IdParam },
    responses: { 200: json(SourceSchema), 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'monitoring.read', await sourceUnit(id));
    return c.json(await sources.getSource(db(), id), 200);
  },
);

monitoringRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/monitoring/sources/{id}',
    tags: tag,
    summary: 'Rename, change the address or interval, pause or resume a source',
    ...access('monitoring.write'),
    request: { params: IdParam, ...jsonBody(SourcePatchSchema) },
    responses: { 200: json(SourceSchema), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'monitoring.write', await sourceUnit(id));
    return c.json(await sources.updateSource(actorOf(c), id, c.req.valid('json')), 200);
  },
);

monitoringRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/monitoring/sources/{id}/poll',
    tags: tag,
    summary: 'Poll a feed or sitemap now and process what it brought',
    ...access('monitoring.write'),
    request: { params: IdParam },
    responses: { 200: json(PollResultSchema), 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'monitoring.write', await sourceUnit(id));
    const s = await sources.getSource(db(), id);
    if (s.kind !== 'feed' && s.kind !== 'sitemap') throw new AppError('monitor.source_not_found', 404, 'monitor.source_not_found');
    const r = await pollSource(id);
    await processPending({ limit: 500 });
    return c.json(r, 200);
  },
);

monitoringRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/monitoring/sources/{id}/secret',
    tags: tag,
    summary: "Replace a webhook source's secret (the new one is returned this once)",
    ...access('monitoring.write'),
    request: { params: IdParam },
    responses: { 200: json(SourceWithSecretSchema), 403: errors[403], 404: errors[404], 422: errors[422] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'monitoring.write', await sourceUnit(id));
    return c.json(await sources.rotateWebhookSecret(actorOf(c), id), 200);
  },
);

monitoringRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/monitoring/webhook/{id}',
    tags: tag,
    summary:
      'Inbound webhook for social-listening vendors. Headers: X-Loa-Timestamp (unix seconds, ±300 s) and X-Loa-Signature: sha256=<hex of HMAC-SHA256(secret, timestamp + "." + raw body)>; a signature is accepted once. Body: {"items":[{"id","url","title","text","author","publishedAt"}]}',
    ...access('public'),
    request: { params: IdParam },
    responses: {
      202: json(z.object({ received: z.number(), new: z.number() })),
      400: errors[400],
      401: errors[401],
      409: errors[409],
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const raw = await c.req.text();
    const r = await items.receiveWebhook(id, sources.webhookSecretOf, { signature: c.req.header('x-loa-signature'), timestamp: c.req.header('x-loa-timestamp') }, raw);
    if (r.new) await processPending({ limit: 500 });
    return c.json(r, 202);
  },
);

monitoringRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/monitoring/entries',
    tags: tag,
    summary: 'A manual entry: a pasted link (fetched, text extracted), a post someone saw, or a hotline note',
    ...access('monitoring.write'),
    request: jsonBody(EntrySchema),
    responses: { 201: json(ItemDetailSchema), 400: errors[400], 403: errors[403], 413: errors[422], 422: errors[422] },
  }),
  async (c) => {
    const body = c.req.valid('json');
    await authorize(c, 'monitoring.write', body.unitId);
    const r = await items.addManualEntry(actorOf(c), body);
    await processPending({ limit: 500 });
    return c.json(await items.getItem(db(), r.itemId), 201);
  },
);

monitoringRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/monitoring/items',
    tags: tag,
    summary: "Items about a unit's subtree (or from its sources), newest first, filtered",
    ...access('monitoring.read'),
    request: { query: ItemQuerySchema },
    responses: { 200: json(z.object({ items: z.array(ItemSchema), total: z.number() })), 400: errors[400], 403: errors[403] },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const scope = await readScope(c, q.unitId);
    const r = await items.listItems(db(), { ...q, unitId: undefined, scope, since: q.since ? new Date(q.since) : undefined });
    return c.json(r, 200);
  },
);

monitoringRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/monitoring/items/{id}',
    tags: tag,
    summary: 'One item with its text, matched units, tone, categories, risk and reasons',
    ...access('monitoring.read'),
    request: { params: IdParam },
    responses: { 200: json(ItemDetailSchema), 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    requireSession(c);
    const item = await items.getItem(db(), id);
    await mayReadPaths(c, await items.itemUnitPaths(db(), id));
    return c.json(item, 200);
  },
);

monitoringRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/monitoring/stories/{id}',
    tags: tag,
    summary: 'A story (one report and its copies; size = reach) with its items',
    ...access('monitoring.read'),
    request: { params: IdParam },
    responses: { 200: json(StorySchema), 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    requireSession(c);
    const story = await items.getStory(db(), id);
    await mayReadPaths(c, await items.clusterUnitPaths(db(), 'story', id));
    return c.json(story, 200);
  },
);

monitoringRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/monitoring/threads/{id}',
    tags: tag,
    summary: 'A thread: the stories that follow one event (the incident, the inspection, the rebuttal)',
    ...access('monitoring.read'),
    request: { params: IdParam },
    responses: { 200: json(ThreadSchema), 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    requireSession(c);
    const thread = await items.getThread(db(), id);
    await mayReadPaths(c, await items.clusterUnitPaths(db(), 'thread', id));
    return c.json(thread, 200);
  },
);

monitoringRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/monitoring/aliases',
    tags: tag,
    summary: "Watchlist aliases users added for units of a unit's subtree",
    ...access('monitoring.read'),
    request: { query: z.object({ unitId: z.coerce.number().int().positive() }) },
    responses: { 200: json(z.object({ items: z.array(AliasSchema) })), 403: errors[403] },
  }),
  async (c) => {
    const { unitId } = c.req.valid('query');
    await authorize(c, 'monitoring.read', unitId);
    return c.json({ items: await sources.listAliases(db(), (await unitPathOf(db(), unitId)) as string) }, 200);
  },
);

monitoringRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/monitoring/aliases',
    tags: tag,
    summary: 'Add an alias (another name people use) of a unit to the watchlist',
    ...access('monitoring.write'),
    request: jsonBody(AliasCreateSchema),
    responses: { 201: json(AliasSchema), 400: errors[400], 403: errors[403] },
  }),
  async (c) => {
    const body = c.req.valid('json');
    await authorize(c, 'monitoring.write', body.unitId);
    return c.json(await sources.addAlias(actorOf(c), body.unitId, body.alias), 201);
  },
);

monitoringRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/monitoring/aliases/{id}',
    tags: tag,
    summary: 'Remove an alias from the watchlist',
    ...access('monitoring.write'),
    request: { params: IdParam },
    responses: { 200: json(Ok), 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'monitoring.write', await sources.aliasUnit(db(), id));
    await sources.removeAlias(actorOf(c), id);
    return c.json({ ok: true as const }, 200);
  },
);

// watched people and keyword topics (issue 6; watch.routes.ts)
monitoringRoutes.route('/', watchRoutes);
