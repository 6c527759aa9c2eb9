import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { actorOf, authorize, requireSession } from '../../http/auth';
import type { AppEnv } from '../../http/context';
import { validationHook } from '../../http/errors';
import { IdParam, access, errors, json, jsonBody } from '../../http/openapi';
import { db } from '../../platform/db';
import { canOnUnit, unitPathOf } from '../org';
import { reportKinds } from './periods';
import { sectionKeys } from './sections';
import * as svc from './reports.service';
import { exportReportFile } from './reports.export';

/**
 * Reports API (docs/REPORTS.md). Reading needs `plans.read` on the report's unit
 * (a parent's roles reach its sub-units' reports); drafting, editing,
 * regenerating and submitting need `plans.write`; signing off (approve) and
 * reopening need `plans.approve` — a leader of the unit or of a unit above it —
 * and so does recalling a submitted report (thu hồi, with a reason).
 */
const tag = ['Báo cáo'];
export const reportRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
type Ctx = Context<AppEnv>;

const TableSchema = z.object({ key: z.string(), title: z.string(), columns: z.array(z.string()), rows: z.array(z.array(z.union([z.string(), z.number()]))) });
const SectionSchema = z.object({ key: z.enum(sectionKeys), title: z.string(), lines: z.array(z.string()), tables: z.array(TableSchema), facts: z.record(z.string(), z.unknown()), text: z.string() });
const ListItemSchema = z.object({
  id: z.number(), unitId: z.number(), unitName: z.string(), kind: z.enum(reportKinds), periodKey: z.string(), periodLabel: z.string(), title: z.string(),
  status: z.enum(svc.reportStatuses), progressDone: z.number(), progressTotal: z.number(), dueAt: z.string().nullable(), approvedAt: z.string().nullable(),
  submittedAt: z.string().nullable(), submittedByName: z.string().nullable(), updatedAt: z.string(), isLate: z.boolean().nullable(), lateDays: z.number(),
});
const ReportSchema = ListItemSchema.extend({
  parentUnitId: z.number().nullable(), periodStart: z.string(), periodEnd: z.string(), sections: z.array(SectionSchema), generation: z.number(),
  generatedAt: z.string().nullable(), generationError: z.string().nullable(), deadlineId: z.number().nullable(), approvedBy: z.number().nullable(),
  approvedByName: z.string().nullable(), signer: z.object({ title: z.string(), name: z.string() }).nullable(), submittedBy: z.number().nullable(),
  submittedToUnitId: z.number().nullable(), submittedToUnitName: z.string().nullable(), createdBy: z.number().nullable(), version: z.number(), createdAt: z.string(),
  recalledAt: z.string().nullable(), recalledByName: z.string().nullable(), recallReason: z.string().nullable(), recallCount: z.number(),
  can: z.object({ edit: z.boolean(), regenerate: z.boolean(), approve: z.boolean(), reopen: z.boolean(), submit: z.boolean(), recall: z.boolean() }),
}).openapi('Report');

async function present(c: Ctx, r: svc.Report): Promise<z.infer<typeof ReportSchema>> {
  const s = requireSession(c);
  const path = (await unitPathOf(db(), r.unitId)) as string;
  const mayWrite = canOnUnit(s.user.assignments, 'plans.write', path);
  const mayApprove = canOnUnit(s.user.assignments, 'plans.approve', path);
  return {
    ...(r as unknown as Omit<z.infer<typeof ReportSchema>, 'can'>),
    can: {
      edit: r.status === 'draft' && mayWrite,
      regenerate: (r.status === 'draft' || (r.status === 'generating' && !!r.generationError)) && mayWrite,
      approve: r.status === 'draft' && mayApprove,
      reopen: r.status === 'approved' && mayApprove,
      submit: r.status === 'approved' && mayWrite && r.parentUnitId != null,
      recall: r.status === 'submitted' && mayApprove,
    },
  };
}

const UnitQuery = z.object({ unitId: z.coerce.number().int().positive() });
const schoolYear = z.string().regex(/^\d{4}-\d{4}$/);

reportRoutes.openapi(
  createRoute({
    method: 'get', path: '/reports', tags: tag, summary: "Reports of a unit's subtree (own-unit roles: the unit's only)", ...access('plans.read'),
    request: { query: UnitQuery.extend({ kind: z.enum(reportKinds).optional(), status: z.enum(svc.reportStatuses).optional() }) },
    responses: { 200: json(z.object({ items: z.array(ListItemSchema) })), 400: errors[400], 403: errors[403] },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const s = await authorize(c, 'plans.read', q.unitId);
    const path = (await unitPathOf(db(), q.unitId)) as string;
    const reachesSubtree = s.user.assignments.some((a) => canOnUnit([a], 'plans.read', path) && a.role !== 'contributor' && a.role !== 'spokesperson');
    return c.json(await svc.listReports(db(), { unitPath: path, ownUnitIds: reachesSubtree ? null : [q.unitId], kind: q.kind, status: q.status }), 200);
  },
);

reportRoutes.openapi(
  createRoute({
    method: 'get', path: '/reports/inbox', tags: tag, summary: 'Reports submitted to the unit by its sub-units (on time or late); with kind and period, the sub-units still missing', ...access('plans.read'),
    request: { query: UnitQuery.extend({ kind: z.enum(reportKinds).optional(), periodKey: z.string().max(20).optional() }) },
    responses: { 200: json(z.object({ items: z.array(ListItemSchema), missing: z.array(z.object({ unitId: z.number(), unitName: z.string() })) })), 400: errors[400], 403: errors[403] },
  }),
  async (c) => {
    const q = c.req.valid('query');
    await authorize(c, 'plans.read', q.unitId);
    return c.json(await svc.reportInbox(db(), { unitId: q.unitId, kind: q.kind, periodKey: q.periodKey }), 200);
  },
);

const CreateSchema = z.object({
  unitId: z.number().int().positive(),
  kind: z.enum(reportKinds),
  period: z.object({ month: z.string().regex(/^\d{4}-\d{2}$/).optional(), schoolYear: schoolYear.optional(), semester: z.union([z.literal(1), z.literal(2)]).optional(), year: z.number().int().min(2000).max(2100).optional() }),
  deadlineId: z.number().int().positive().nullable().optional(),
  title: z.string().trim().max(300).nullable().optional(),
});

reportRoutes.openapi(
  createRoute({
    method: 'post', path: '/reports', tags: tag, summary: 'Create a report for a kind and period; its numbers are drawn by a job (poll progressDone/progressTotal)', ...access('plans.write'),
    request: jsonBody(CreateSchema), responses: { 201: json(ReportSchema), 400: errors[400], 403: errors[403], 409: errors[409], 422: errors[422] },
  }),
  async (c) => {
    const body = c.req.valid('json');
    await authorize(c, 'plans.write', body.unitId);
    return c.json(await present(c, await svc.createReport(actorOf(c), body)), 201);
  },
);

reportRoutes.openapi(
  createRoute({ method: 'get', path: '/reports/{id}', tags: tag, summary: 'A report with its sections, progress and what the caller may do', ...access('plans.read'), request: { params: IdParam }, responses: { 200: json(ReportSchema), 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'plans.read', (await svc.reportUnit(db(), id)).unitId);
    return c.json(await present(c, await svc.getReport(db(), id)), 200);
  },
);

reportRoutes.openapi(
  createRoute({
    method: 'put', path: '/reports/{id}', tags: tag, summary: "Edit a draft: title and sections' texts (numbers stay as generated); carries the version it was loaded at", ...access('plans.write'),
    request: { params: IdParam, ...jsonBody(z.object({ version: z.number().int(), title: z.string().trim().min(1).max(300).optional(), sections: z.array(z.object({ key: z.enum(sectionKeys), text: z.string().max(50_000) })).max(20).optional() })) },
    responses: { 200: json(ReportSchema), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'plans.write', (await svc.reportUnit(db(), id)).unitId);
    return c.json(await present(c, await svc.updateReport(actorOf(c), id, c.req.valid('json'))), 200);
  },
);

const moves = {
  regenerate: { permission: 'plans.write', summary: 'Draw the numbers again (texts are kept)', run: svc.regenerateReport },
  approve: { permission: 'plans.approve', summary: 'Sign the draft off (a leader of the unit or above); the signature block takes their name', run: svc.approveReport },
  reopen: { permission: 'plans.approve', summary: 'Take an approved report back to draft (the signature is cleared)', run: svc.reopenReport },
  submit: { permission: 'plans.write', summary: 'Send the approved report to the parent unit; fulfils the linked deadline, lateness measured against it', run: svc.submitReport },
} as const;

for (const [action, m] of Object.entries(moves) as [keyof typeof moves, (typeof moves)[keyof typeof moves]][]) {
  reportRoutes.openapi(
    createRoute({ method: 'post', path: `/reports/{id}/${action}`, tags: tag, summary: m.summary, ...access(m.permission), request: { params: IdParam, ...jsonBody(z.object({})) }, responses: { 200: json(ReportSchema), 403: errors[403], 404: errors[404], 409: errors[409], 422: errors[422] } }),
    async (c) => {
      const { id } = c.req.valid('param');
      await authorize(c, m.permission, (await svc.reportUnit(db(), id)).unitId);
      return c.json(await present(c, await m.run(actorOf(c), id)), 200);
    },
  );
}

reportRoutes.openapi(
  createRoute({
    method: 'post', path: '/reports/{id}/recall', tags: tag, ...access('plans.approve'),
    summary: "Recall (thu hồi) a submitted report with a reason: back to draft, out of the parent's inbox, the deadline fulfilment taken back, the parent's leaders and focal points notified",
    request: { params: IdParam, ...jsonBody(z.object({ reason: z.string().trim().min(1).max(svc.RECALL_REASON_MAX) })) },
    responses: { 200: json(ReportSchema), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409], 422: errors[422] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'plans.approve', (await svc.reportUnit(db(), id)).unitId);
    return c.json(await present(c, await svc.recallReport(actorOf(c), id, c.req.valid('json').reason)), 200);
  },
);

const fileResponse = { content: { 'application/octet-stream': { schema: z.any().openapi({ type: 'string', format: 'binary' }) } }, description: 'The file' };

reportRoutes.openapi(
  createRoute({
    method: 'get', path: '/reports/{id}/export', tags: tag, summary: 'The report as DOCX (Decree 30 layout), XLSX (the tables) or PDF (where LibreOffice is installed)', ...access('plans.read'),
    request: { params: IdParam, query: z.object({ format: z.enum(['docx', 'xlsx', 'pdf']).default('docx') }) },
    responses: { 200: fileResponse, 403: errors[403], 404: errors[404], 503: errors[503] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'plans.read', (await svc.reportUnit(db(), id)).unitId);
    const out = await exportReportFile(db(), id, c.req.valid('query').format);
    return c.body(new Uint8Array(out.data), 200, { 'content-type': out.contentType, 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(out.fileName)}` });
  },
);
