import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { actorOf, authorize, requireSession } from '../../http/auth';
import type { AppEnv } from '../../http/context';
import { validationHook } from '../../http/errors';
import { IdParam, access, errors, json, jsonBody } from '../../http/openapi';
import { now } from '../../platform/clock';
import { db } from '../../platform/db';
import { canOnUnit, unitPathOf } from '../org';
import { fastReportDocx } from './incidents.docx';
import { fastReportFields, incidentStatuses, reviewItems, severityRules } from './incidents.rules';
import * as svc from './incidents.service';

/**
 * Incidents API. Reading needs `incidents.read` on the incident's unit (a role
 * held there or above: a Sở sees its schools' incidents); every change needs
 * `incidents.write` there. The fast-report inbox and its read receipts need
 * `incidents.read` on the recipient unit.
 */
const tag = ['Sự cố truyền thông'];
export const incidentRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
type Ctx = Context<AppEnv>;

const Severity = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
const Clock = z.object({ dueAt: z.string(), doneAt: z.string().nullable(), state: z.enum(['running', 'overdue', 'met', 'late']), remainingMs: z.number() }).nullable();
const SummarySchema = z.object({
  id: z.number(), unitId: z.number(), unitName: z.string(), title: z.string(), summary: z.string(), location: z.string().nullable(), severity: z.number(),
  status: z.enum(incidentStatuses), storyId: z.number().nullable(), threadId: z.number().nullable(),
  detectedAt: z.string(), openedAt: z.string(), activeAt: z.string().nullable(), containedAt: z.string().nullable(), firstStatementAt: z.string().nullable(),
  resolvedAt: z.string().nullable(), reviewAt: z.string().nullable(), closedAt: z.string().nullable(), cancelledAt: z.string().nullable(), cancelReason: z.string().nullable(),
  clocks: z.object({ firstStatement: Clock, fastReport: Clock, nextUpdate: Clock }),
  measures: z.object({ timeToDetectHours: z.number().nullable(), timeToFirstStatementHours: z.number().nullable(), timeToResolveHours: z.number().nullable() }),
  resultTitle: z.string().nullable(), resultPublishedAt: z.string().nullable(), resultUrl: z.string().nullable(), version: z.number(), createdAt: z.string(), updatedAt: z.string(),
});
const ReviewSchema = z.object(Object.fromEntries(reviewItems.map((k) => [k, z.string().max(10_000).optional()])) as Record<(typeof reviewItems)[number], z.ZodOptional<z.ZodString>>);
const ReportFieldsSchema = z.object(Object.fromEntries(fastReportFields.map((k) => [k, z.string().max(20_000).optional()])) as Record<(typeof fastReportFields)[number], z.ZodOptional<z.ZodString>>);
const IncidentSchema = SummarySchema.extend({
  resultHtml: z.string(),
  review: ReviewSchema,
  reviewMissing: z.array(z.string()),
  timeline: z.array(z.object({ id: z.number(), kind: z.string(), title: z.string(), body: z.string(), refTable: z.string().nullable(), refId: z.number().nullable(), actorId: z.number().nullable(), actorName: z.string().nullable(), at: z.string(), link: z.string().nullable() })),
  tasks: z.array(z.object({ id: z.number(), title: z.string(), ownerId: z.number().nullable(), ownerName: z.string().nullable(), dueAt: z.string().nullable(), doneAt: z.string().nullable(), createdAt: z.string(), isOverdue: z.boolean() })),
  escalations: z.array(z.object({ id: z.number(), unitId: z.number(), unitName: z.string(), reason: z.string(), createdAt: z.string(), notifiedAt: z.string().nullable() })),
  reports: z.array(z.object({
    id: z.number(), seq: z.number(), fields: ReportFieldsSchema, status: z.enum(['draft', 'sent']), createdAt: z.string(), updatedAt: z.string(), sentAt: z.string().nullable(),
    recipients: z.array(z.object({ unitId: z.number(), unitName: z.string(), readAt: z.string().nullable(), readByName: z.string().nullable() })),
  })),
  can: z.object({ write: z.boolean() }),
}).openapi('Incident');

async function present(c: Ctx, i: svc.Incident): Promise<z.infer<typeof IncidentSchema>> {
  const s = requireSession(c);
  const path = (await unitPathOf(db(), i.unitId)) as string;
  return { ...(i as Omit<z.infer<typeof IncidentSchema>, 'can'>), can: { write: canOnUnit(s.user.assignments, 'incidents.write', path) } };
}

const UnitQuery = z.object({ unitId: z.coerce.number().int().positive() });
const dateIn = z.string().datetime({ offset: true }).transform((s) => new Date(s));

incidentRoutes.openapi(
  createRoute({
    method: 'get', path: '/incidents', tags: tag, summary: "Incidents of a unit's subtree (spokespersons: their own unit's), open and most severe first", ...access('incidents.read'),
    request: { query: UnitQuery.extend({ status: z.enum([...incidentStatuses, 'open']).optional(), severity: z.coerce.number().int().min(1).max(4).optional(), q: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) }) },
    responses: { 200: json(z.object({ items: z.array(SummarySchema), total: z.number() })), 400: errors[400], 403: errors[403] },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const s = await authorize(c, 'incidents.read', q.unitId);
    const path = (await unitPathOf(db(), q.unitId)) as string;
    const reachesSubtree = s.user.assignments.some((a) => canOnUnit([a], 'incidents.read', path) && a.role !== 'contributor' && a.role !== 'spokesperson');
    const r = await svc.listIncidents(db(), { subtreePaths: reachesSubtree ? [path] : [], unitIds: reachesSubtree ? [] : [q.unitId], status: q.status, severity: q.severity, text: q.q, limit: q.limit, offset: q.offset });
    return c.json(r, 200);
  },
);

incidentRoutes.openapi(
  createRoute({
    method: 'get', path: '/incidents/stats', tags: tag, summary: "Time to detect, to first statement and to resolve of a unit's subtree's incidents (the chart)", ...access('incidents.read'),
    request: { query: UnitQuery },
    responses: {
      200: json(z.object({
        items: z.array(z.object({ id: z.number(), title: z.string(), severity: z.number(), status: z.string(), openedAt: z.string(), timeToDetectHours: z.number().nullable(), timeToFirstStatementHours: z.number().nullable(), timeToResolveHours: z.number().nullable() })),
        averages: z.object({ timeToDetectHours: z.number().nullable(), timeToFirstStatementHours: z.number().nullable(), timeToResolveHours: z.number().nullable() }),
        statementOnTime: z.number(), statementLate: z.number(),
        severityRules: z.record(z.string(), z.object({ firstStatementHours: z.number().nullable(), fastReportHours: z.number().nullable(), updateEveryHours: z.number().nullable(), escalateTo: z.string() })),
      })),
      403: errors[403],
    },
  }),
  async (c) => {
    const q = c.req.valid('query');
    await authorize(c, 'incidents.read', q.unitId);
    const r = await svc.incidentStats(db(), (await unitPathOf(db(), q.unitId)) as string);
    return c.json({ ...r, severityRules }, 200);
  },
);

incidentRoutes.openapi(
  createRoute({
    method: 'get', path: '/incidents/inbox', tags: tag, summary: 'Fast reports sent to a unit by the units under it, unread first', ...access('incidents.read'),
    request: { query: UnitQuery },
    responses: { 200: json(z.object({ items: z.array(z.object({ id: z.number(), seq: z.number(), sentAt: z.string(), readAt: z.string().nullable(), incidentId: z.number(), title: z.string(), severity: z.number(), status: z.string(), unitName: z.string(), what: z.string() })) })), 403: errors[403] },
  }),
  async (c) => {
    const q = c.req.valid('query');
    await authorize(c, 'incidents.read', q.unitId);
    return c.json({ items: await svc.reportInbox(db(), q.unitId) }, 200);
  },
);

incidentRoutes.openapi(
  createRoute({
    method: 'post', path: '/incidents', tags: tag, summary: 'Open an incident (from scratch, or from a monitoring story whose items attach and keep attaching)', ...access('incidents.write'),
    request: jsonBody(z.object({ unitId: z.number().int().positive(), title: z.string().trim().min(1).max(300), summary: z.string().trim().max(5000).optional(), location: z.string().trim().max(300).nullable().optional(), severity: Severity, storyId: z.number().int().positive().nullable().optional(), detectedAt: dateIn.nullable().optional() })),
    responses: { 201: json(IncidentSchema), 400: errors[400], 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const body = c.req.valid('json');
    await authorize(c, 'incidents.write', body.unitId);
    return c.json(await present(c, await svc.openIncident(actorOf(c), body)), 201);
  },
);

incidentRoutes.openapi(
  createRoute({ method: 'get', path: '/incidents/{id}', tags: tag, summary: 'An incident with its clocks, timeline, tasks, escalations, fast reports, result and review', ...access('incidents.read'), request: { params: IdParam }, responses: { 200: json(IncidentSchema), 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'incidents.read', (await svc.incidentUnit(db(), id)).unitId);
    return c.json(await present(c, await svc.getIncident(db(), id)), 200);
  },
);

/** Every write below: `incidents.write` on the incident's unit, then the service. */
function writeRoute<S extends z.ZodType>(method: 'post' | 'put' | 'patch', path: string, summary: string, body: S, run: (c: Ctx, id: number, body: z.infer<S>) => Promise<svc.Incident>) {
  incidentRoutes.openapi(
    createRoute({ method, path: `/incidents/{id}${path}`, tags: tag, summary, ...access('incidents.write'), request: { params: IdParam, ...jsonBody(body) }, responses: { 200: json(IncidentSchema), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] } }),
    async (c) => {
      const req = c.req as unknown as { valid: (target: 'param' | 'json') => unknown };
      const { id } = req.valid('param') as { id: number };
      await authorize(c, 'incidents.write', (await svc.incidentUnit(db(), id)).unitId);
      return c.json(await present(c, await run(c, id, req.valid('json') as z.infer<S>)), 200);
    },
  );
}

writeRoute('patch', '', 'Edit the title, summary, place or severity (a raise escalates further; the clocks follow the level); carries the version',
  z.object({ version: z.number().int(), title: z.string().trim().min(1).max(300).optional(), summary: z.string().trim().max(5000).optional(), location: z.string().trim().max(300).nullable().optional(), severity: Severity.optional() }),
  (c, id, b) => svc.updateIncident(actorOf(c), id, b));
writeRoute('post', '/transition', 'Move to the next stage, or cancel (with a reason); no stage is skipped; closing needs the review checklist complete',
  z.object({ to: z.enum(incidentStatuses), note: z.string().trim().max(2000).nullable().optional() }),
  (c, id, b) => svc.moveIncident(actorOf(c), id, b.to, b.note));
writeRoute('post', '/timeline', 'Write a note, a message, a decision (the decisions log) or a public statement (the first one stops the statement clock)',
  z.object({ kind: z.enum(['note', 'message', 'decision', 'statement']), title: z.string().trim().min(1).max(500), body: z.string().trim().max(20_000).optional() }),
  (c, id, b) => svc.recordEntry(actorOf(c), id, b));
writeRoute('post', '/tasks', 'Add a task with an owner and a due time',
  z.object({ title: z.string().trim().min(1).max(500), ownerId: z.number().int().positive().nullable().optional(), dueAt: dateIn.nullable().optional() }),
  (c, id, b) => svc.addTask(actorOf(c), id, b));
incidentRoutes.openapi(
  createRoute({
    method: 'patch', path: '/incidents/{id}/tasks/{taskId}', tags: tag, summary: 'Mark a task done (or not), change its owner, due time or title', ...access('incidents.write'),
    request: { params: IdParam.extend({ taskId: z.coerce.number().int().positive().openapi({ param: { name: 'taskId', in: 'path' } }) }), ...jsonBody(z.object({ isDone: z.boolean().optional(), title: z.string().trim().min(1).max(500).optional(), ownerId: z.number().int().positive().nullable().optional(), dueAt: dateIn.nullable().optional() })) },
    responses: { 200: json(IncidentSchema), 400: errors[400], 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { id, taskId } = c.req.valid('param');
    await authorize(c, 'incidents.write', (await svc.incidentUnit(db(), id)).unitId);
    return c.json(await present(c, await svc.updateTask(actorOf(c), id, taskId, c.req.valid('json'))), 200);
  },
);
writeRoute('put', '/report', 'Save the fast report being written (what happened, when, where, who is affected, what was done, next steps, proposals)', ReportFieldsSchema, (c, id, b) => svc.saveFastReport(actorOf(c), id, b));
writeRoute('post', '/report/send', 'Send the fast report up the tree (each recipient unit recorded, notified, with its read state)', z.object({}), (c, id) => svc.sendFastReport(actorOf(c), id));
writeRoute('put', '/review', 'Save the post-incident review checklist (all four items are needed to close)', ReviewSchema, (c, id, b) => svc.saveReview(actorOf(c), id, b));
writeRoute('put', '/result', 'Write the result of the handling (HTML, sanitised)', z.object({ title: z.string().trim().min(1).max(300), html: z.string().max(200_000) }), (c, id, b) => svc.saveResult(actorOf(c), id, b));
writeRoute('post', '/result/publish', 'Publish (or withdraw) the result on the portal — công khai kết quả xử lý; once resolved', z.object({ isPublished: z.boolean() }), (c, id, b) => svc.publishResult(actorOf(c), id, b.isPublished));

const ReportParam = z.object({ reportId: z.coerce.number().int().positive().openapi({ param: { name: 'reportId', in: 'path' } }) });

incidentRoutes.openapi(
  createRoute({
    method: 'get', path: '/incidents/reports/{reportId}/docx', tags: tag, summary: 'A fast report as a Word document (Decree 30 layout): for the incident unit and the units above it', ...access('incidents.read'),
    request: { params: ReportParam },
    responses: { 200: { description: 'DOCX', content: { 'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: z.any() } } }, 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { reportId } = c.req.valid('param');
    await authorize(c, 'incidents.read', (await svc.reportRef(db(), reportId)).unitId);
    const f = await fastReportDocx(db(), reportId, now());
    return c.body(new Uint8Array(f.data), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'content-disposition': `attachment; filename="${f.fileName}"`,
    }) as never;
  },
);

incidentRoutes.openapi(
  createRoute({
    method: 'post', path: '/incidents/reports/{reportId}/read', tags: tag, summary: 'A recipient unit marks a fast report read (the first reader is recorded)', ...access('incidents.read'),
    request: { params: ReportParam, ...jsonBody(z.object({ unitId: z.number().int().positive() })) },
    responses: { 200: json(z.object({ changed: z.boolean() })), 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { reportId } = c.req.valid('param');
    const { unitId } = c.req.valid('json');
    await authorize(c, 'incidents.read', unitId);
    return c.json({ changed: await svc.markReportRead(actorOf(c), reportId, unitId) }, 200);
  },
);
