import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { actorOf, authorize } from '../../http/auth';
import type { AppEnv } from '../../http/context';
import { validationHook } from '../../http/errors';
import { IdParam, access, errors, json, jsonBody } from '../../http/openapi';
import { db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { unitPathOf } from '../org';
import { CreatePlanSchema, PlanSchema } from './plans.schemas';
import * as plans from './plans.service';

const tag = ['Kế hoạch'];
export const planRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
const present = (p: plans.Plan) => p as z.infer<typeof PlanSchema>;

async function planUnit(id: number): Promise<number> {
  const r = await db().query<{ unitId: number }>('select unit_id as "unitId" from plans where id = $1', [id]);
  if (!r.rowCount) throw new AppError('plan.not_found', 404, 'plan.not_found');
  return r.rows[0].unitId;
}

async function holidaySet(): Promise<Set<string>> {
  const r = await db().query<{ day: string }>('select day::text as day from holidays');
  return new Set(r.rows.map((x) => x.day));
}

planRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/plans',
    tags: tag,
    summary: "Plans issued or drafted in a unit's subtree",
    ...access('plans.read'),
    request: { query: z.object({ unitId: z.coerce.number().int().positive() }) },
    responses: {
      200: json(z.object({ items: z.array(z.object({ id: z.number(), unitId: z.number(), unitName: z.string(), title: z.string(), status: z.string(), number: z.number().nullable(), symbol: z.string().nullable(), issuedOn: z.string().nullable(), parentPlanId: z.number().nullable() })) })),
      403: errors[403],
    },
  }),
  async (c) => {
    const { unitId } = c.req.valid('query');
    await authorize(c, 'plans.read', unitId);
    const r = await db().query(
      `select p.id, p.unit_id as "unitId", u.name as "unitName", p.title, p.status, p.number, p.symbol,
              p.issued_on::text as "issuedOn", p.parent_plan_id as "parentPlanId"
         from plans p join units u on u.id = p.unit_id where u.path <@ $1::ltree order by p.id desc limit 200`,
      [await unitPathOf(db(), unitId)],
    );
    return c.json({ items: r.rows }, 200);
  },
);

planRoutes.openapi(
  createRoute({ method: 'get', path: '/plans/{id}', tags: tag, summary: 'A plan with its tasks and obligations', ...access('plans.read'), request: { params: IdParam }, responses: { 200: json(PlanSchema), 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'plans.read', await planUnit(id));
    return c.json(present(await plans.getPlan(db(), id)), 200);
  },
);

planRoutes.openapi(
  createRoute({ method: 'post', path: '/plans', tags: tag, summary: 'Write a new plan for a unit (draft)', ...access('plans.write'), request: jsonBody(CreatePlanSchema), responses: { 201: json(PlanSchema), 400: errors[400], 403: errors[403] } }),
  async (c) => {
    const body = c.req.valid('json');
    await authorize(c, 'plans.write', body.unitId);
    return c.json(present(await plans.createPlan(actorOf(c), body)), 201);
  },
);

planRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/plans/{id}/cascade',
    tags: tag,
    summary: "Start a unit's plan from this (parent) plan: applicable tasks and obligations carried down and linked",
    ...access('plans.write'),
    request: { params: IdParam, ...jsonBody(z.object({ unitId: z.number().int() })) },
    responses: { 201: json(PlanSchema), 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { unitId } = c.req.valid('json');
    await authorize(c, 'plans.read', await planUnit(id));
    await authorize(c, 'plans.write', unitId);
    return c.json(present(await plans.cascadePlan(actorOf(c), id, unitId)), 201);
  },
);

for (const action of ['submit', 'return', 'approve'] as const) {
  planRoutes.openapi(
    createRoute({
      method: 'post',
      path: `/plans/{id}/${action}`,
      tags: tag,
      summary: { submit: 'Submit a draft for approval', return: 'Return a plan to draft with a comment', approve: "Approve (a leader of the issuing unit, never the plan's author)" }[action],
      ...access(action === 'submit' ? 'plans.write' : 'plans.approve'),
      request: { params: IdParam, ...jsonBody(z.object({ comment: z.string().max(2000).optional() })) },
      responses: { 200: json(PlanSchema), 403: errors[403], 404: errors[404], 409: errors[409] },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await authorize(c, action === 'submit' ? 'plans.write' : 'plans.approve', await planUnit(id));
      return c.json(present(await plans.movePlan(actorOf(c), id, action, c.req.valid('json').comment)), 200);
    },
  );
}

planRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/plans/{id}/issue',
    tags: tag,
    summary: 'Issue an approved plan: numbered for the year, deadlines created for the units its obligations bind',
    ...access('plans.approve'),
    request: { params: IdParam, ...jsonBody(z.object({ issuedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) })) },
    responses: { 200: json(PlanSchema), 403: errors[403], 404: errors[404], 409: errors[409] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'plans.approve', await planUnit(id));
    return c.json(present(await plans.issuePlan(actorOf(c), id, { issuedOn: c.req.valid('json').issuedOn, holidays: await holidaySet() })), 200);
  },
);

const TaskParams = IdParam.extend({ taskId: z.coerce.number().int().positive().openapi({ param: { name: 'taskId', in: 'path' } }) });
async function authorizeTask(c: Parameters<typeof authorize>[0], permission: 'plans.read' | 'plans.write', planId: number, taskId: number) {
  const r = await db().query('select 1 from plan_tasks where id = $1 and plan_id = $2', [taskId, planId]);
  if (!r.rowCount) throw new AppError('plan.not_found', 404, 'plan.not_found');
  await authorize(c, permission, await planUnit(planId));
}

planRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/plans/{id}/tasks/{taskId}/progress',
    tags: tag,
    summary: "Record a task's status for a quarter",
    ...access('plans.write'),
    request: { params: TaskParams, ...jsonBody(z.object({ quarter: z.number().int().min(1).max(4), status: z.enum(['not_started', 'in_progress', 'done', 'at_risk']), note: z.string().max(2000).optional() })) },
    responses: { 200: json(z.object({ ok: z.literal(true) })), 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { id, taskId } = c.req.valid('param');
    await authorizeTask(c, 'plans.write', id, taskId);
    const b = c.req.valid('json');
    await plans.setTaskProgress(actorOf(c), taskId, b.quarter, b.status, b.note);
    return c.json({ ok: true as const }, 200);
  },
);

planRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/plans/{id}/tasks/{taskId}/rollup',
    tags: tag,
    summary: "A task's quarter status rolled up from the tasks cascaded from it",
    ...access('plans.read'),
    request: { params: TaskParams, query: z.object({ quarter: z.coerce.number().int().min(1).max(4) }) },
    responses: { 200: json(z.object({ status: z.string(), done: z.number(), total: z.number() })), 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { id, taskId } = c.req.valid('param');
    await authorizeTask(c, 'plans.read', id, taskId);
    return c.json(await plans.taskRollup(db(), taskId, c.req.valid('query').quarter), 200);
  },
);
