import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { actorOf, authorize } from '../../http/auth';
import type { AppEnv } from '../../http/context';
import { validationHook } from '../../http/errors';
import { IdParam, access, errors, json, jsonBody } from '../../http/openapi';
import { db } from '../../platform/db';
import * as svc from './siteimport.service';

/**
 * Moving in from an old website: preview a feed or sitemap, start a run, follow
 * its progress, read or download its report. Everything needs `sites.write` on
 * the unit the news is brought into.
 */
const tag = ['Chuyển dữ liệu từ trang cũ'];
export const siteImportRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const SourceBody = z.object({
  unitId: z.number().int().positive(),
  url: z.string().trim().min(4).max(2000),
  kind: z.enum(svc.runKinds),
});
const ItemSchema = z.object({ url: z.string(), title: z.string().nullable(), date: z.string().nullable(), summary: z.string().nullable() });
const PreviewSchema = z.object({ sourceUrl: z.string(), kind: z.enum(svc.runKinds), total: z.number(), items: z.array(ItemSchema) }).openapi('SiteImportPreview');
const ReportItemSchema = z.object({
  url: z.string(),
  outcome: z.enum(['taken', 'skipped', 'failed']),
  reason: z.string().nullable(),
  title: z.string().nullable().optional(),
  articleId: z.number().optional(),
  images: z.number().optional(),
  attachments: z.array(z.object({ url: z.string(), name: z.string(), status: z.enum(['taken', 'not_imported']) })).optional(),
  notes: z.array(z.string()).optional(),
});
const RunFields = {
  id: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  sourceUrl: z.string(),
  kind: z.enum(svc.runKinds),
  mode: z.enum(svc.runModes),
  limit: z.number(),
  status: z.enum(svc.runStatuses),
  total: z.number(),
  done: z.number(),
  taken: z.number(),
  skipped: z.number(),
  failed: z.number(),
  percent: z.number(),
  error: z.string().nullable(),
  createdBy: z.number().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
};
const RunSummarySchema = z.object(RunFields).openapi('SiteImportRunSummary');
const RunSchema = z.object({ ...RunFields, report: z.array(ReportItemSchema) }).openapi('SiteImportRun');

siteImportRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/site-imports/preview',
    tags: tag,
    summary: "Read an old site's RSS/Atom feed or sitemap and count the pages it lists (nothing is written)",
    ...access('sites.write'),
    request: jsonBody(SourceBody),
    responses: { 200: json(PreviewSchema), 400: errors[400], 403: errors[403], 422: errors[422] },
  }),
  async (c) => {
    const body = c.req.valid('json');
    await authorize(c, 'sites.write', body.unitId);
    return c.json(await svc.previewSource(body.url, body.kind), 200);
  },
);

siteImportRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/site-imports',
    tags: tag,
    summary: 'Start moving news in from an old site (a background job; poll the run for progress)',
    ...access('sites.write'),
    request: jsonBody(SourceBody.extend({ mode: z.enum(svc.runModes).default('publish'), limit: z.number().int().min(1).max(svc.LIMITS.maxItems).default(200) })),
    responses: { 201: json(RunSchema), 400: errors[400], 403: errors[403], 409: errors[409] },
  }),
  async (c) => {
    const body = c.req.valid('json');
    await authorize(c, 'sites.write', body.unitId);
    return c.json(await svc.startSiteImport(actorOf(c), body), 201);
  },
);

siteImportRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/site-imports',
    tags: tag,
    summary: 'Runs of a unit, newest first',
    ...access('sites.write'),
    request: { query: z.object({ unitId: z.coerce.number().int().positive() }) },
    responses: { 200: json(z.object({ items: z.array(RunSummarySchema) })), 400: errors[400], 403: errors[403] },
  }),
  async (c) => {
    const { unitId } = c.req.valid('query');
    await authorize(c, 'sites.write', unitId);
    return c.json({ items: await svc.listSiteImports(db(), unitId) }, 200);
  },
);

siteImportRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/site-imports/{id}',
    tags: tag,
    summary: 'A run: status, progress and the report of every page (taken, skipped or failed, with the reason)',
    ...access('sites.write'),
    request: { params: IdParam },
    responses: { 200: json(RunSchema), 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'sites.write', await svc.siteImportUnit(db(), id));
    return c.json(await svc.getSiteImport(db(), id), 200);
  },
);

siteImportRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/site-imports/{id}/report.csv',
    tags: tag,
    summary: "A run's report as CSV (UTF-8, opens in Excel)",
    ...access('sites.write'),
    request: { params: IdParam },
    responses: { 200: { content: { 'text/csv': { schema: z.string() } }, description: 'CSV' }, 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'sites.write', await svc.siteImportUnit(db(), id));
    const csv = svc.reportCsv(await svc.getSiteImport(db(), id));
    return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="chuyen-du-lieu-${id}.csv"` });
  },
);
