import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { actorOf, authorize, requireSession, scopeFor } from '../../http/auth';
import type { AppEnv } from '../../http/context';
import { validationHook } from '../../http/errors';
import { IdParam, Ok, access, errors, json, jsonBody } from '../../http/openapi';
import { config } from '../../platform/config';
import { db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { putFile, readFile } from '../../platform/files';
import { enqueue } from '../../platform/jobs';
import { canOnUnit, isPathWithin, unitPathOf } from '../org';
import * as distribution from './distribution.service';
import * as holidays from './holidays.service';
import * as obligations from './obligations.service';
import { draftToInput, parseUploadedPlan, resolveUnitMentions, unitCandidatesFor, unitMentionsOf } from './plan-import.service';
import { notifyRecipientsJob } from './plans.jobs';
import {
  CreatePlanSchema,
  DeadlineSchema,
  EvidenceSchema,
  isoDate,
  PlanListItemSchema,
  PlanSchema,
  ProgressSchema,
  RollupSchema,
  TaskStatusSchema,
  UpdatePlanSchema,
} from './plans.schemas';
import * as plans from './plans.service';
import { exportPlanFile } from './plans.export';
import * as tracking from './tracking.service';

const tag = ['Kế hoạch'];
export const planRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
type Ctx = Context<AppEnv>;

const UnitQuery = z.object({ unitId: z.coerce.number().int().positive() });
const isoDay = isoDate;

async function planUnit(id: number): Promise<{ unitId: number; status: string }> {
  const r = await db().query<{ unitId: number; status: string }>('select unit_id as "unitId", status from plans where id = $1', [id]);
  if (!r.rowCount) throw new AppError('plan.not_found', 404, 'plan.not_found');
  return r.rows[0];
}

/**
 * Who may read a plan: whoever may read plans in its unit; a unit it was sent
 * to; and, once issued, any unit under the issuing unit (a school reads its
 * Sở's plan to make its own). Returns the recipient units the reader acts for.
 */
async function authorizePlanRead(c: Ctx, id: number): Promise<{ unitId: number; readerRecipientUnits: number[] }> {
  const s = requireSession(c);
  const { unitId, status } = await planUnit(id);
  const unitPath = (await unitPathOf(db(), unitId)) as string;
  const readable = s.user.assignments.filter((a) => canOnUnit([a], 'plans.read', a.unitPath)).map((a) => a.unitId);
  const readerRecipientUnits = await distribution.recipientUnitsAmong(db(), id, readable);
  const isIssued = status === 'issued' || status === 'superseded';
  const isAllowed =
    canOnUnit(s.user.assignments, 'plans.read', unitPath) ||
    readerRecipientUnits.length > 0 ||
    (isIssued && s.user.assignments.some((a) => canOnUnit([a], 'plans.read', a.unitPath) && isPathWithin(a.unitPath, unitPath)));
  if (!isAllowed) throw new AppError('forbidden', 403, 'error.forbidden');
  return { unitId, readerRecipientUnits };
}

async function present(c: Ctx, plan: plans.Plan): Promise<z.infer<typeof PlanSchema>> {
  const s = requireSession(c);
  const path = (await unitPathOf(db(), plan.unitId)) as string;
  const may = (p: 'plans.write' | 'plans.approve') => canOnUnit(s.user.assignments, p, path);
  return {
    ...plan,
    can: {
      edit: plan.status === 'draft' && may('plans.write'),
      submit: plan.status === 'draft' && may('plans.write'),
      approve: plan.status === 'submitted' && may('plans.approve') && plan.authorId !== s.user.id,
      return: ['submitted', 'approved'].includes(plan.status) && may('plans.approve'),
      issue: plan.status === 'approved' && may('plans.approve'),
      cascade: plan.status === 'issued' && s.user.assignments.some((a) => canOnUnit([a], 'plans.write', a.unitPath) && isPathWithin(a.unitPath, path)),
    },
  } as z.infer<typeof PlanSchema>;
}

async function holidaySet(): Promise<Set<string>> {
  const r = await db().query<{ day: string }>('select day::text as day from holidays');
  return new Set(r.rows.map((x) => x.day));
}

async function uploadedFile(c: Ctx): Promise<File> {
  const form = await c.req.parseBody();
  const file = form.file;
  if (!(file instanceof File)) throw new AppError('import.bad_file', 400, 'import.bad_file');
  if (file.size > config().uploadMaxBytes) {
    throw new AppError('payload_too_large', 413, 'error.payload_too_large', { maxMb: Math.round(config().uploadMaxBytes / 1048576) });
  }
  return file;
}
const FileBody = { body: { content: { 'multipart/form-data': { schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }) }) } } } };
const fileResponse = (type: string) => ({ content: { [type]: { schema: z.any().openapi({ type: 'string', format: 'binary' }) } }, description: 'The file' });

// ---- lists ----

planRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/plans',
    tags: tag,
    summary: "Plans issued or drafted in a unit's subtree",
    ...access('plans.read'),
    request: { query: UnitQuery },
    responses: { 200: json(z.object({ items: z.array(PlanListItemSchema) })), 403: errors[403] },
  }),
  async (c) => {
    const { unitId } = c.req.valid('query');
    await authorize(c, 'plans.read', unitId);
    return c.json({ items: await plans.listPlans(db(), (await unitPathOf(db(), unitId)) as string) }, 200);
  },
);

planRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/plans/received',
    tags: tag,
    summary: "Plans sent to units in a unit's subtree, unacknowledged first",
    ...access('plans.read'),
    request: { query: UnitQuery },
    responses: {
      200: json(z.object({ items: z.array(z.object({ planId: z.number(), title: z.string(), numberLabel: z.string().nullable(), issuerName: z.string(), issuedOn: z.string().nullable(), unitId: z.number(), unitName: z.string(), readAt: z.string().nullable(), acknowledgedAt: z.string().nullable() })) })),
      403: errors[403],
    },
  }),
  async (c) => {
    const { unitId } = c.req.valid('query');
    await authorize(c, 'plans.read', unitId);
    return c.json({ items: await distribution.listReceived(db(), (await unitPathOf(db(), unitId)) as string) }, 200);
  },
);

// ---- write ----

planRoutes.openapi(
  createRoute({ method: 'post', path: '/plans', tags: tag, summary: 'Write a new plan for a unit (draft)', ...access('plans.write'), request: jsonBody(CreatePlanSchema), responses: { 201: json(PlanSchema), 400: errors[400], 403: errors[403] } }),
  async (c) => {
    const body = c.req.valid('json');
    await authorize(c, 'plans.write', body.unitId);
    return c.json(await present(c, await plans.createPlan(actorOf(c), body)), 201);
  },
);

planRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/plans/import',
    tags: tag,
    summary: 'Read an uploaded plan (DOCX, PDF, text) into a draft for review; nothing is saved',
    ...access('plans.write'),
    request: { query: UnitQuery, ...FileBody },
    responses: {
      200: json(z.object({ draft: z.record(z.string(), z.unknown()), input: z.record(z.string(), z.unknown()), units: z.array(z.object({ text: z.string(), unitId: z.number().nullable(), unitName: z.string().nullable() })) })),
      400: errors[400],
      403: errors[403],
    },
  }),
  async (c) => {
    const { unitId } = c.req.valid('query');
    await authorize(c, 'plans.write', unitId);
    const file = await uploadedFile(c);
    const draft = await parseUploadedPlan(Buffer.from(await file.arrayBuffer()), file.name);
    const candidates = await unitCandidatesFor(db(), (await unitPathOf(db(), unitId)) as string);
    return c.json({ draft, input: draftToInput(draft), units: resolveUnitMentions(unitMentionsOf(draft), candidates) }, 200);
  },
);

planRoutes.openapi(
  createRoute({ method: 'get', path: '/plans/{id}', tags: tag, summary: 'A plan with its tasks and obligations (opening it as a recipient marks it read)', ...access('plans.read'), request: { params: IdParam }, responses: { 200: json(PlanSchema), 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { readerRecipientUnits } = await authorizePlanRead(c, id);
    await distribution.markRead(id, readerRecipientUnits);
    return c.json(await present(c, await plans.getPlan(db(), id)), 200);
  },
);

planRoutes.openapi(
  createRoute({ method: 'put', path: '/plans/{id}', tags: tag, summary: 'Rewrite a draft (the version it was loaded at; a stale one is refused)', ...access('plans.write'), request: { params: IdParam, ...jsonBody(UpdatePlanSchema) }, responses: { 200: json(PlanSchema), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'plans.write', (await planUnit(id)).unitId);
    return c.json(await present(c, await plans.updatePlan(actorOf(c), id, c.req.valid('json'))), 200);
  },
);

planRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/plans/{id}/cascade',
    tags: tag,
    summary: "Start a sub-unit's plan from this plan: applicable tasks and obligations carried down and linked",
    ...access('plans.write'),
    request: { params: IdParam, ...jsonBody(z.object({ unitId: z.number().int() })) },
    responses: { 201: json(PlanSchema), 403: errors[403], 404: errors[404], 409: errors[409] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { unitId } = c.req.valid('json');
    const parent = await authorizePlanRead(c, id);
    await authorize(c, 'plans.write', unitId);
    const [parentPath, unitPath] = [await unitPathOf(db(), parent.unitId), await unitPathOf(db(), unitId)];
    if (!parentPath || !unitPath || !isPathWithin(unitPath, parentPath)) throw new AppError('plan.cascade_outside', 409, 'plan.cascade_outside');
    return c.json(await present(c, await plans.cascadePlan(actorOf(c), id, unitId)), 201);
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
      await authorize(c, action === 'submit' ? 'plans.write' : 'plans.approve', (await planUnit(id)).unitId);
      return c.json(await present(c, await plans.movePlan(actorOf(c), id, action, c.req.valid('json').comment)), 200);
    },
  );
}

planRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/plans/{id}/issue',
    tags: tag,
    summary: 'Issue an approved plan: numbered for the year, sent to the recipient units, deadlines created for the units its obligations bind',
    ...access('plans.approve'),
    request: { params: IdParam, ...jsonBody(z.object({ issuedOn: isoDay, recipientUnitIds: z.array(z.number().int()).max(5000).optional() })) },
    responses: { 200: json(PlanSchema), 403: errors[403], 404: errors[404], 409: errors[409] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'plans.approve', (await planUnit(id)).unitId);
    const body = c.req.valid('json');
    const plan = await plans.issuePlan(actorOf(c), id, { issuedOn: body.issuedOn, holidays: await holidaySet(), recipientUnitIds: body.recipientUnitIds });
    // The outbox is swept by the cron job too; this only makes the e-mails leave now.
    if (body.recipientUnitIds?.length) await enqueue(notifyRecipientsJob, {}).catch(() => undefined);
    return c.json(await present(c, plan), 200);
  },
);

// ---- distribution ----

planRoutes.openapi(
  createRoute({ method: 'get', path: '/plans/{id}/recipients', tags: tag, summary: 'The units the plan was sent to: read and acknowledged when', ...access('plans.read'), request: { params: IdParam }, responses: { 200: json(z.object({ items: z.array(z.object({ unitId: z.number(), unitName: z.string(), sentAt: z.string().nullable(), readAt: z.string().nullable(), acknowledgedAt: z.string().nullable(), acknowledgedByName: z.string().nullable() })) })), 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'plans.read', (await planUnit(id)).unitId);
    return c.json({ items: await distribution.listRecipients(db(), id) }, 200);
  },
);

planRoutes.openapi(
  createRoute({ method: 'post', path: '/plans/{id}/acknowledge', tags: tag, summary: 'A recipient unit acknowledges the plan', ...access('plans.write'), request: { params: IdParam, ...jsonBody(z.object({ unitId: z.number().int() })) }, responses: { 200: json(Ok), 403: errors[403], 404: errors[404], 409: errors[409] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { unitId } = c.req.valid('json');
    await planUnit(id);
    await authorize(c, 'plans.write', unitId);
    await distribution.acknowledgePlan(actorOf(c), id, unitId);
    return c.json({ ok: true as const }, 200);
  },
);

planRoutes.openapi(
  createRoute({ method: 'post', path: '/plans/{id}/signed-file', tags: tag, summary: 'Attach the signed copy (PDF) of the plan', ...access('plans.write'), request: { params: IdParam, ...FileBody }, responses: { 200: json(PlanSchema), 400: errors[400], 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'plans.write', (await planUnit(id)).unitId);
    const file = await uploadedFile(c);
    const data = Buffer.from(await file.arrayBuffer());
    if (data.subarray(0, 5).toString('latin1') !== '%PDF-') throw new AppError('plan.signed_file_pdf', 400, 'plan.signed_file_pdf');
    const stored = await putFile(data);
    return c.json(await present(c, await plans.attachSignedFile(actorOf(c), id, { ...stored, fileName: file.name })), 200);
  },
);

planRoutes.openapi(
  createRoute({ method: 'get', path: '/plans/{id}/signed-file', tags: tag, summary: 'The signed copy (PDF)', ...access('plans.read'), request: { params: IdParam }, responses: { 200: fileResponse('application/pdf'), 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorizePlanRead(c, id);
    const f = await plans.signedFileOf(db(), id);
    if (!f) throw new AppError('plan.no_signed_file', 404, 'plan.no_signed_file');
    return c.body(new Uint8Array(await readFile(f.key)), 200, {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`,
    });
  },
);

planRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/plans/{id}/export',
    tags: tag,
    summary: 'The plan as a document in the state format (Decree 30/2020): DOCX, or PDF where LibreOffice is installed',
    ...access('plans.read'),
    request: { params: IdParam, query: z.object({ format: z.enum(['docx', 'pdf']).default('docx') }) },
    responses: { 200: fileResponse('application/octet-stream'), 403: errors[403], 404: errors[404], 503: errors[503] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorizePlanRead(c, id);
    const { format } = c.req.valid('query');
    const out = await exportPlanFile(db(), id, format);
    return c.body(new Uint8Array(out.data), 200, {
      'content-type': out.contentType,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(out.fileName)}`,
    });
  },
);

// ---- discussion and history ----

planRoutes.openapi(
  createRoute({ method: 'get', path: '/plans/{id}/comments', tags: tag, summary: 'Comments on the plan', ...access('plans.read'), request: { params: IdParam }, responses: { 200: json(z.object({ items: z.array(z.object({ id: z.number(), authorName: z.string().nullable(), body: z.string(), createdAt: z.string() })) })), 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'plans.read', (await planUnit(id)).unitId);
    return c.json({ items: await plans.listComments(db(), id) }, 200);
  },
);

planRoutes.openapi(
  createRoute({ method: 'post', path: '/plans/{id}/comments', tags: tag, summary: 'Comment on the plan', ...access('plans.read'), request: { params: IdParam, ...jsonBody(z.object({ body: z.string().trim().min(1).max(5000) })) }, responses: { 201: json(z.object({ id: z.number() })), 400: errors[400], 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'plans.read', (await planUnit(id)).unitId);
    return c.json({ id: await plans.addComment(actorOf(c), id, c.req.valid('json').body) }, 201);
  },
);

planRoutes.openapi(
  createRoute({ method: 'get', path: '/plans/{id}/versions', tags: tag, summary: 'Saved versions of the plan', ...access('plans.read'), request: { params: IdParam }, responses: { 200: json(z.object({ items: z.array(z.object({ version: z.number(), status: z.string().nullable(), authorName: z.string().nullable(), createdAt: z.string() })) })), 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'plans.read', (await planUnit(id)).unitId);
    return c.json({ items: await plans.listVersions(db(), id) }, 200);
  },
);

// ---- tracking ----

planRoutes.openapi(
  createRoute({ method: 'get', path: '/plans/{id}/subplans', tags: tag, summary: "Which direct sub-units have made and issued their plan from this one, and whether on time", ...access('plans.read'), request: { params: IdParam }, responses: { 200: json(z.object({ dueOn: z.string().nullable(), items: z.array(z.object({ unitId: z.number(), unitName: z.string(), unitType: z.string(), planId: z.number().nullable(), planStatus: z.string().nullable(), numberLabel: z.string().nullable(), issuedOn: z.string().nullable(), isOnTime: z.boolean().nullable(), isLate: z.boolean() })) })), 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'plans.read', (await planUnit(id)).unitId);
    return c.json(await tracking.listSubplans(db(), id), 200);
  },
);

planRoutes.openapi(
  createRoute({ method: 'get', path: '/plans/{id}/progress', tags: tag, summary: "Every task's status per quarter, rolled up from sub-units' plans, with totals for the chart", ...access('plans.read'), request: { params: IdParam }, responses: { 200: json(ProgressSchema), 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'plans.read', (await planUnit(id)).unitId);
    return c.json((await tracking.planProgress(db(), id)) as z.infer<typeof ProgressSchema>, 200);
  },
);

const TaskParams = IdParam.extend({ taskId: z.coerce.number().int().positive().openapi({ param: { name: 'taskId', in: 'path' } }) });
async function authorizeTask(c: Ctx, permission: 'plans.read' | 'plans.write', planId: number, taskId: number) {
  const r = await db().query('select 1 from plan_tasks where id = $1 and plan_id = $2', [taskId, planId]);
  if (!r.rowCount) throw new AppError('plan.not_found', 404, 'plan.not_found');
  await authorize(c, permission, (await planUnit(planId)).unitId);
}

planRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/plans/{id}/tasks/{taskId}/progress',
    tags: tag,
    summary: "Record a task's status for a quarter, with evidence links",
    ...access('plans.write'),
    request: { params: TaskParams, ...jsonBody(z.object({ quarter: z.number().int().min(1).max(4), status: TaskStatusSchema, note: z.string().max(2000).optional(), evidence: z.array(EvidenceSchema).max(30).optional() })) },
    responses: { 200: json(Ok), 403: errors[403], 404: errors[404], 409: errors[409] },
  }),
  async (c) => {
    const { id, taskId } = c.req.valid('param');
    await authorizeTask(c, 'plans.write', id, taskId);
    const b = c.req.valid('json');
    await tracking.setTaskProgress(actorOf(c), taskId, b.quarter, b.status, b.note, b.evidence);
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
    responses: { 200: json(RollupSchema), 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { id, taskId } = c.req.valid('param');
    await authorizeTask(c, 'plans.read', id, taskId);
    return c.json(await tracking.taskRollup(db(), taskId, c.req.valid('query').quarter), 200);
  },
);

// ---- deadlines ----

planRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/deadlines',
    tags: tag,
    summary: "Deadlines of the units in a unit's subtree (upcoming, late, done), optionally of one plan and the plans cascaded from it",
    ...access('plans.read'),
    request: { query: UnitQuery.extend({ state: z.enum(['upcoming', 'late', 'done', 'all']).default('upcoming'), planId: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) }) },
    responses: { 200: json(z.object({ items: z.array(DeadlineSchema), summary: z.object({ upcoming: z.number(), late: z.number(), done: z.number() }) })), 403: errors[403] },
  }),
  async (c) => {
    const q = c.req.valid('query');
    await authorize(c, 'plans.read', q.unitId);
    const r = await obligations.listDeadlines(db(), { unitPath: (await unitPathOf(db(), q.unitId)) as string, state: q.state, planId: q.planId, limit: q.limit });
    return c.json(r as { items: z.infer<typeof DeadlineSchema>[]; summary: { upcoming: number; late: number; done: number } }, 200);
  },
);

planRoutes.openapi(
  createRoute({ method: 'post', path: '/deadlines/{id}/fulfil', tags: tag, summary: 'Mark a deadline as met by its unit', ...access('plans.write'), request: { params: IdParam, ...jsonBody(z.object({})) }, responses: { 200: json(Ok), 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'plans.write', await obligations.deadlineUnit(db(), id));
    await obligations.fulfilDeadline(actorOf(c), id);
    return c.json({ ok: true as const }, 200);
  },
);

// ---- holiday calendar ----

const DayParam = z.object({ day: isoDay.openapi({ param: { name: 'day', in: 'path' } }) });

planRoutes.openapi(
  createRoute({ method: 'get', path: '/holidays', tags: tag, summary: 'Public holidays of a year (deadlines in working days skip them)', ...access('plans.read'), request: { query: z.object({ year: z.coerce.number().int().min(2000).max(2100) }) }, responses: { 200: json(z.object({ items: z.array(z.object({ day: z.string(), name: z.string() })) })), 403: errors[403] } }),
  async (c) => {
    scopeFor(c, 'plans.read');
    return c.json({ items: await holidays.listHolidays(db(), c.req.valid('query').year) }, 200);
  },
);

planRoutes.openapi(
  createRoute({ method: 'put', path: '/holidays/{day}', tags: tag, summary: 'Add or rename a public holiday (administrators)', ...access('settings.write'), request: { params: DayParam, ...jsonBody(z.object({ name: z.string().trim().min(1).max(200) })) }, responses: { 200: json(Ok), 400: errors[400], 403: errors[403] } }),
  async (c) => {
    scopeFor(c, 'settings.write');
    await holidays.setHoliday(actorOf(c), c.req.valid('param').day, c.req.valid('json').name);
    return c.json({ ok: true as const }, 200);
  },
);

planRoutes.openapi(
  createRoute({ method: 'delete', path: '/holidays/{day}', tags: tag, summary: 'Remove a public holiday (administrators)', ...access('settings.write'), request: { params: DayParam }, responses: { 200: json(Ok), 403: errors[403], 404: errors[404] } }),
  async (c) => {
    scopeFor(c, 'settings.write');
    await holidays.removeHoliday(actorOf(c), c.req.valid('param').day);
    return c.json({ ok: true as const }, 200);
  },
);
