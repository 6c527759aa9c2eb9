import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { actorOf, authorize } from '../../http/auth';
import type { AppEnv } from '../../http/context';
import { validationHook } from '../../http/errors';
import { IdParam, Ok, access, errors, json, jsonBody } from '../../http/openapi';
import { db } from '../../platform/db';
import { unitPathOf } from '../org';
import * as watch from './watch.service';

/**
 * The watchlist beyond units (issue 6): named people and keyword topics.
 * Reading needs `monitoring.read` on the unit, changing `monitoring.write`
 * on the unit the entry belongs to. See watch.service.ts and docs/MONITORING.md.
 */
const tag = ['Theo dõi báo chí'];
export const watchRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const UnitQuery = z.object({ unitId: z.coerce.number().int().positive() });
const PersonSchema = z
  .object({
    id: z.number(), unitId: z.number(), unitName: z.string(), name: z.string(), title: z.string().nullable(), aliases: z.array(z.string()),
    userId: z.number().nullable(), createdAt: z.string(),
  })
  .openapi('MonitorWatchPerson');
const TopicSchema = z
  .object({ id: z.number(), unitId: z.number(), unitName: z.string(), code: z.string(), name: z.string(), keywords: z.array(z.string()), createdAt: z.string() })
  .openapi('MonitorTopic');
const PersonCreate = z.object({
  unitId: z.number().int().positive(),
  name: z.string().trim().min(3).max(120),
  title: z.string().trim().max(120).nullish(),
  aliases: z.array(z.string().trim().min(3).max(120)).max(10).optional(),
});
const TopicCreate = z.object({
  unitId: z.number().int().positive(),
  name: z.string().trim().min(2).max(120),
  code: z.string().trim().regex(/^[a-z0-9_]{2,40}$/).optional(),
  keywords: z.array(z.string().trim().min(2).max(120)).min(1).max(50),
});

watchRoutes.openapi(
  createRoute({
    method: 'get', path: '/monitoring/watch/people', tags: tag, summary: "People watched in the press for a unit's subtree", ...access('monitoring.read'),
    request: { query: UnitQuery }, responses: { 200: json(z.object({ items: z.array(PersonSchema) })), 403: errors[403] },
  }),
  async (c) => {
    const { unitId } = c.req.valid('query');
    await authorize(c, 'monitoring.read', unitId);
    return c.json({ items: await watch.listWatchPeople(db(), (await unitPathOf(db(), unitId)) as string) }, 200);
  },
);

watchRoutes.openapi(
  createRoute({
    method: 'post', path: '/monitoring/watch/people', tags: tag, summary: 'Watch a person (matched with a title next to the name, or with their unit named)', ...access('monitoring.write'),
    request: jsonBody(PersonCreate), responses: { 201: json(PersonSchema), 400: errors[400], 403: errors[403] },
  }),
  async (c) => {
    const b = c.req.valid('json');
    await authorize(c, 'monitoring.write', b.unitId);
    return c.json(await watch.addWatchPerson(actorOf(c), b), 201);
  },
);

watchRoutes.openapi(
  createRoute({
    method: 'post', path: '/monitoring/watch/people/import', tags: tag, summary: "Watch the unit's leaders and spokespeople", ...access('monitoring.write'),
    request: jsonBody(z.object({ unitId: z.number().int().positive() })), responses: { 200: json(z.object({ items: z.array(PersonSchema) })), 403: errors[403] },
  }),
  async (c) => {
    const { unitId } = c.req.valid('json');
    await authorize(c, 'monitoring.write', unitId);
    return c.json({ items: await watch.importUnitPeople(actorOf(c), unitId) }, 200);
  },
);

watchRoutes.openapi(
  createRoute({
    method: 'delete', path: '/monitoring/watch/people/{id}', tags: tag, summary: 'Stop watching a person', ...access('monitoring.write'),
    request: { params: IdParam }, responses: { 200: json(Ok), 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'monitoring.write', await watch.watchPersonUnit(db(), id));
    await watch.removeWatchPerson(actorOf(c), id);
    return c.json({ ok: true as const }, 200);
  },
);

watchRoutes.openapi(
  createRoute({
    method: 'get', path: '/monitoring/watch/topics', tags: tag, summary: 'Keyword topics visible to a unit (its own, its subtree and above)', ...access('monitoring.read'),
    request: { query: UnitQuery }, responses: { 200: json(z.object({ items: z.array(TopicSchema) })), 403: errors[403] },
  }),
  async (c) => {
    const { unitId } = c.req.valid('query');
    await authorize(c, 'monitoring.read', unitId);
    return c.json({ items: await watch.listTopics(db(), (await unitPathOf(db(), unitId)) as string) }, 200);
  },
);

watchRoutes.openapi(
  createRoute({
    method: 'post', path: '/monitoring/watch/topics', tags: tag, summary: 'Add a keyword topic (any keyword matches, folded, on word boundaries)', ...access('monitoring.write'),
    request: jsonBody(TopicCreate), responses: { 201: json(TopicSchema), 400: errors[400], 403: errors[403], 409: errors[409] },
  }),
  async (c) => {
    const b = c.req.valid('json');
    await authorize(c, 'monitoring.write', b.unitId);
    return c.json(await watch.createTopic(actorOf(c), b), 201);
  },
);

watchRoutes.openapi(
  createRoute({
    method: 'delete', path: '/monitoring/watch/topics/{id}', tags: tag, summary: 'Remove a keyword topic', ...access('monitoring.write'),
    request: { params: IdParam }, responses: { 200: json(Ok), 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'monitoring.write', await watch.topicUnit(db(), id));
    await watch.removeTopic(actorOf(c), id);
    return c.json({ ok: true as const }, 200);
  },
);
