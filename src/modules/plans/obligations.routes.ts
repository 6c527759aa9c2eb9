import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { actorOf, authorize } from '../../http/auth';
import type { AppEnv } from '../../http/context';
import { validationHook } from '../../http/errors';
import { IdParam, access, errors, json, jsonBody } from '../../http/openapi';
import { db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { unitPathOf } from '../org';
import { fromIso } from './deadlines';
import * as obligations from './obligations.service';

/**
 * The obligations calendar: a unit's own deadlines (calendar and list), a parent's
 * board of its sub-units' deadlines, one deadline with its chase history, and chasing.
 * Reading needs `plans.read` on the unit; chasing needs `plans.write` on every late
 * unit chased (a role held at the parent reaches its sub-units).
 */
const tag = ['Nghĩa vụ báo cáo'];
export const obligationRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const RangeQuery = z.object({ unitId: z.coerce.number().int().positive(), from: isoDay, to: isoDay });
const Status = z.enum(['done', 'done_late', 'late', 'pending']);

function checkRange(from: string, to: string) {
  if (to < from || (fromIso(to).getTime() - fromIso(from).getTime()) / 86_400_000 > 400) throw new AppError('obligation.bad_range', 400, 'obligation.bad_range');
}

obligationRoutes.openapi(
  createRoute({
    method: 'get', path: '/obligations/calendar', tags: tag, summary: "What one unit owes between two dates: its own deadlines with their state", ...access('plans.read'),
    request: { query: RangeQuery },
    responses: {
      200: json(z.object({ items: z.array(z.object({
        id: z.number(), obligationId: z.number(), planId: z.number(), planTitle: z.string(), what: z.string(), recurrence: z.string(), label: z.string(),
        dueDate: z.string(), dueAt: z.string(), fulfilledAt: z.string().nullable(), status: Status, lastChasedAt: z.string().nullable(),
      })) })),
      400: errors[400], 403: errors[403],
    },
  }),
  async (c) => {
    const q = c.req.valid('query');
    await authorize(c, 'plans.read', q.unitId);
    checkRange(q.from, q.to);
    return c.json({ items: await obligations.unitCalendar(db(), q) }, 200);
  },
);

obligationRoutes.openapi(
  createRoute({
    method: 'get', path: '/obligations/board', tags: tag, summary: "A parent's board: per obligation and due date, which sub-units submitted, are late or pending", ...access('plans.read'),
    request: { query: RangeQuery.extend({ state: z.enum(['late', 'all']).default('all') }) },
    responses: {
      200: json(z.object({ items: z.array(z.object({
        obligationId: z.number(), planId: z.number(), planTitle: z.string(), what: z.string(), label: z.string(), dueDate: z.string(),
        counts: z.object({ done: z.number(), done_late: z.number(), late: z.number(), pending: z.number() }),
        units: z.array(z.object({ deadlineId: z.number(), unitId: z.number(), unitName: z.string(), status: Status, fulfilledAt: z.string().nullable(), lastChasedAt: z.string().nullable(), canChase: z.boolean() })),
      })), chaseWindowHours: z.number() })),
      400: errors[400], 403: errors[403],
    },
  }),
  async (c) => {
    const q = c.req.valid('query');
    await authorize(c, 'plans.read', q.unitId);
    checkRange(q.from, q.to);
    const items = await obligations.obligationBoard(db(), { ...q, unitPath: (await unitPathOf(db(), q.unitId)) as string });
    return c.json({ items, chaseWindowHours: obligations.CHASE_WINDOW_HOURS }, 200);
  },
);

obligationRoutes.openapi(
  createRoute({
    method: 'get', path: '/obligations/deadlines/{id}', tags: tag, summary: 'One deadline: its state, who fulfilled it, reminders and chases', ...access('plans.read'),
    request: { params: IdParam },
    responses: {
      200: json(z.object({
        id: z.number(), unitId: z.number(), unitName: z.string(), obligationId: z.number(), planId: z.number(), planTitle: z.string(), what: z.string(), recurrence: z.string(),
        label: z.string(), dueDate: z.string(), dueAt: z.string(), fulfilledAt: z.string().nullable(), fulfilledByName: z.string().nullable(), remindedAt: z.string().nullable(),
        overdueRemindedAt: z.string().nullable(), status: Status,
        chases: z.array(z.object({ id: z.number(), chasedAt: z.string(), chasedByName: z.string().nullable(), recipients: z.number(), note: z.string().nullable() })),
      })),
      403: errors[403], 404: errors[404],
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'plans.read', await obligations.deadlineUnit(db(), id));
    return c.json(await obligations.getDeadline(db(), id), 200);
  },
);

obligationRoutes.openapi(
  createRoute({
    method: 'post', path: '/obligations/chase', tags: tag,
    summary: `Chase late deadlines: an in-app notice and an e-mail to each late unit's focal points and leaders; not again within ${obligations.CHASE_WINDOW_HOURS} hours`,
    ...access('plans.write'),
    request: jsonBody(z.object({ deadlineIds: z.array(z.number().int().positive()).min(1).max(500), note: z.string().trim().max(500).nullable().optional() })),
    responses: {
      200: json(z.object({ chased: z.array(z.number()), skipped: z.array(z.object({ deadlineId: z.number(), reason: z.enum(['not_late', 'recently_chased']) })), recipients: z.number() })),
      400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409],
    },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const ids = [...new Set(body.deadlineIds)];
    const units = new Set<number>();
    for (const id of ids) units.add(await obligations.deadlineUnit(db(), id));
    for (const u of units) await authorize(c, 'plans.write', u);
    return c.json(await obligations.chaseDeadlines(actorOf(c), ids, body.note), 200);
  },
);
