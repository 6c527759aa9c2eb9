import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { actorOf, authorize } from '../../http/auth';
import type { AppEnv } from '../../http/context';
import { validationHook } from '../../http/errors';
import { IdParam, Ok, access, errors, json, jsonBody } from '../../http/openapi';
import { db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { readFile } from '../../platform/files';
import { fileHeaders, storeDocumentFile } from '../documents';
import * as svc from './disclosure.service';

/**
 * Public disclosure API. Reading a school's entries needs `units.read` on it;
 * writing needs `disclosure.write` on the school; the compliance view needs
 * `dashboard.read` on the unit whose schools it grades (its subtree).
 */
const tag = ['Công khai'];
export const disclosureRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const schoolYear = z.string().refine(svc.isSchoolYear, 'yyyy-(yyyy+1)');
const InputSchema = z.object({
  heading: z.enum(svc.disclosureHeadings),
  schoolYear,
  title: z.string().trim().min(1).max(300),
  bodyHtml: z.string().max(300_000).optional(),
  changedOn: isoDate.nullable().optional(),
});
const FileSchema = z.object({ id: z.number(), fileName: z.string(), mime: z.string(), size: z.number(), url: z.string() });
const Status = z.enum(['on_time', 'late', 'missing', 'overdue']);
const EntrySchema = z
  .object({
    id: z.number(),
    unitId: z.number(),
    unitName: z.string(),
    heading: z.enum(svc.disclosureHeadings),
    headingLabel: z.string(),
    schoolYear: z.string(),
    title: z.string(),
    bodyHtml: z.string(),
    kind: z.enum(['yearly', 'update']),
    changedOn: z.string().nullable(),
    dueOn: z.string(),
    publishedAt: z.string().nullable(),
    status: Status,
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
    files: z.array(FileSchema),
  })
  .openapi('DisclosureEntry');
type Entry = z.infer<typeof EntrySchema>;
const out = (e: svc.DisclosureEntry) => e as Entry;

const Counts = z.object({ on_time: z.number(), late: z.number(), missing: z.number(), overdue: z.number() });
const ComplianceSchema = z
  .object({
    schoolYear: z.string(),
    yearlyDueOn: z.string(),
    today: z.string(),
    headings: z.array(z.object({ key: z.enum(svc.disclosureHeadings), label: z.string() })),
    schools: z.array(
      z.object({
        unitId: z.number(),
        name: z.string(),
        groupId: z.number(),
        groupName: z.string(),
        status: Status,
        counts: Counts,
        cells: z.array(
          z.object({
            heading: z.enum(svc.disclosureHeadings),
            status: Status,
            obligations: z.array(z.object({ kind: z.enum(['yearly', 'update']), dueOn: z.string(), publishedOn: z.string().nullable(), status: Status, entryId: z.number().nullable(), title: z.string().nullable() })),
          }),
        ),
      }),
    ),
    groups: z.array(z.object({ unitId: z.number(), name: z.string(), schools: z.number(), counts: Counts })),
    totals: Counts.extend({ schools: z.number(), cells: z.number(), onTimeRate: z.number() }),
  })
  .openapi('DisclosureCompliance');

const FileIdParam = IdParam.extend({ fileId: z.coerce.number().int().positive().openapi({ param: { name: 'fileId', in: 'path' } }) });
const FileBody = { body: { content: { 'multipart/form-data': { schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }) }) } } } };
const fileResponse = { content: { 'application/octet-stream': { schema: z.any().openapi({ type: 'string', format: 'binary' }) } }, description: 'The file' };

disclosureRoutes.openapi(
  createRoute({ method: 'get', path: '/disclosure/entries', tags: tag, summary: "A school's disclosure entries (drafts included), optionally of one school year", ...access('units.read'), request: { query: z.object({ unitId: z.coerce.number().int().positive(), schoolYear: schoolYear.optional() }) }, responses: { 200: json(z.object({ items: z.array(EntrySchema), currentSchoolYear: z.string() })), 400: errors[400], 403: errors[403] } }),
  async (c) => {
    const q = c.req.valid('query');
    await authorize(c, 'units.read', q.unitId);
    return c.json({ items: (await svc.listEntries(db(), q.unitId, q.schoolYear)).map(out), currentSchoolYear: svc.currentSchoolYear() }, 200);
  },
);

disclosureRoutes.openapi(
  createRoute({ method: 'post', path: '/disclosure/entries', tags: tag, summary: 'Add a disclosure entry for a school (with changedOn: an update, due 10 working days later; without: the yearly disclosure, due 30 June)', ...access('disclosure.write'), request: jsonBody(InputSchema.extend({ unitId: z.number().int().positive(), isPublished: z.boolean().optional() })), responses: { 201: json(EntrySchema), 400: errors[400], 403: errors[403] } }),
  async (c) => {
    const body = c.req.valid('json');
    await authorize(c, 'disclosure.write', body.unitId);
    return c.json(out(await svc.createEntry(actorOf(c), body)), 201);
  },
);

disclosureRoutes.openapi(
  createRoute({ method: 'get', path: '/disclosure/entries/{id}', tags: tag, summary: 'A disclosure entry', ...access('units.read'), request: { params: IdParam }, responses: { 200: json(EntrySchema), 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'units.read', await svc.entryUnit(db(), id));
    return c.json(out(await svc.getEntry(db(), id)), 200);
  },
);

disclosureRoutes.openapi(
  createRoute({ method: 'put', path: '/disclosure/entries/{id}', tags: tag, summary: 'Edit a disclosure entry; carries the version it was loaded at', ...access('disclosure.write'), request: { params: IdParam, ...jsonBody(InputSchema.extend({ version: z.number().int() })) }, responses: { 200: json(EntrySchema), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'disclosure.write', await svc.entryUnit(db(), id));
    return c.json(out(await svc.updateEntry(actorOf(c), id, c.req.valid('json'))), 200);
  },
);

for (const [action, isPublished] of [['publish', true], ['unpublish', false]] as const) {
  disclosureRoutes.openapi(
    createRoute({ method: 'post', path: `/disclosure/entries/{id}/${action}`, tags: tag, summary: isPublished ? 'Publish an entry on the school site (the day counts for its deadline)' : 'Withdraw an entry from the site (not an annual report within 5 years)', ...access('disclosure.write'), request: { params: IdParam }, responses: { 200: json(EntrySchema), 403: errors[403], 404: errors[404], 409: errors[409] } }),
    async (c) => {
      const { id } = c.req.valid('param');
      await authorize(c, 'disclosure.write', await svc.entryUnit(db(), id));
      return c.json(out(await svc.setEntryPublished(actorOf(c), id, isPublished)), 200);
    },
  );
}

disclosureRoutes.openapi(
  createRoute({ method: 'delete', path: '/disclosure/entries/{id}', tags: tag, summary: 'Delete an entry (not an annual report within 5 years of publication)', ...access('disclosure.write'), request: { params: IdParam }, responses: { 200: json(Ok), 403: errors[403], 404: errors[404], 409: errors[409] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'disclosure.write', await svc.entryUnit(db(), id));
    await svc.deleteEntry(actorOf(c), id);
    return c.json({ ok: true as const }, 200);
  },
);

disclosureRoutes.openapi(
  createRoute({ method: 'post', path: '/disclosure/entries/{id}/files', tags: tag, summary: 'Attach a file (PDF, DOCX or XLSX; sniffed; size limit LOA_UPLOAD_MAX_MB)', ...access('disclosure.write'), request: { params: IdParam, ...FileBody }, responses: { 200: json(EntrySchema), 400: errors[400], 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'disclosure.write', await svc.entryUnit(db(), id));
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File)) throw new AppError('import.bad_file', 400, 'import.bad_file');
    const stored = await storeDocumentFile(Buffer.from(await file.arrayBuffer()), file.name);
    return c.json(out(await svc.addEntryFile(actorOf(c), id, stored)), 200);
  },
);

disclosureRoutes.openapi(
  createRoute({ method: 'delete', path: '/disclosure/entries/{id}/files/{fileId}', tags: tag, summary: 'Remove an attachment', ...access('disclosure.write'), request: { params: FileIdParam }, responses: { 200: json(EntrySchema), 403: errors[403], 404: errors[404], 409: errors[409] } }),
  async (c) => {
    const { id, fileId } = c.req.valid('param');
    await authorize(c, 'disclosure.write', await svc.entryUnit(db(), id));
    return c.json(out(await svc.removeEntryFile(actorOf(c), id, fileId)), 200);
  },
);

disclosureRoutes.openapi(
  createRoute({ method: 'get', path: '/disclosure/entries/{id}/files/{fileId}', tags: tag, summary: 'Download an attachment (also of a draft)', ...access('units.read'), request: { params: FileIdParam }, responses: { 200: fileResponse, 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id, fileId } = c.req.valid('param');
    await authorize(c, 'units.read', await svc.entryUnit(db(), id));
    const f = await svc.disclosureFile(db(), fileId, { publicOnly: false });
    if (!f || f.entryId !== id) throw new AppError('document.file_not_found', 404, 'document.file_not_found');
    return c.body(new Uint8Array(await readFile(f.key)), 200, { ...fileHeaders(f), 'cache-control': 'private, no-store' });
  },
);

disclosureRoutes.openapi(
  createRoute({ method: 'get', path: '/disclosure/compliance', tags: tag, summary: "Disclosure compliance of the schools at or under a unit: school × heading, on time / late / missing / overdue, rolled up", ...access('dashboard.read'), request: { query: z.object({ unitId: z.coerce.number().int().positive(), schoolYear: schoolYear.optional() }) }, responses: { 200: json(ComplianceSchema), 400: errors[400], 403: errors[403] } }),
  async (c) => {
    const q = c.req.valid('query');
    await authorize(c, 'dashboard.read', q.unitId);
    return c.json(await svc.disclosureCompliance(db(), q.unitId, q.schoolYear ?? svc.currentSchoolYear()), 200);
  },
);
