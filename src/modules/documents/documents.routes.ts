import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { actorOf, authorize, requireSession } from '../../http/auth';
import type { AppEnv } from '../../http/context';
import { validationHook } from '../../http/errors';
import { IdParam, Ok, access, errors, json, jsonBody } from '../../http/openapi';
import { db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { readFile } from '../../platform/files';
import { canOnUnit, unitPathOf } from '../org';
import * as svc from './documents.service';
import { fileHeaders, storeDocumentFile } from './files';
import { planFileOfDocument } from './plan-file';

/**
 * Documents library API. Reading needs `units.read` on the unit (a whole
 * subtree with `subtree=true`); writing needs `documents.write` on the
 * document's unit. Documents that came from plans are read-only here.
 */
const tag = ['Văn bản'];
export const documentRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
type Ctx = Context<AppEnv>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const InputSchema = z.object({
  number: z.string().trim().max(40).nullable().optional(),
  symbol: z.string().trim().max(60).nullable().optional(),
  docType: z.enum(svc.documentTypes),
  issuer: z.string().trim().min(1).max(300),
  signer: z.string().trim().max(200).nullable().optional(),
  signerTitle: z.string().trim().max(200).nullable().optional(),
  issuedOn: isoDate.nullable().optional(),
  effectiveOn: isoDate.nullable().optional(),
  expiresOn: isoDate.nullable().optional(),
  field: z.string().trim().max(120).nullable().optional(),
  summary: z.string().trim().min(1).max(2000),
  isPublic: z.boolean().optional(),
});
const FileSchema = z.object({ id: z.number(), fileName: z.string(), mime: z.string(), size: z.number(), url: z.string() });
const DocumentSchema = z
  .object({
    id: z.number(),
    unitId: z.number(),
    unitName: z.string(),
    unitCode: z.string(),
    source: z.enum(['upload', 'plan']),
    planId: z.number().nullable(),
    number: z.string().nullable(),
    symbol: z.string().nullable(),
    numberLabel: z.string().nullable(),
    docType: z.enum(svc.documentTypes),
    docTypeLabel: z.string(),
    issuer: z.string(),
    signer: z.string().nullable(),
    signerTitle: z.string().nullable(),
    issuedOn: z.string().nullable(),
    effectiveOn: z.string().nullable(),
    expiresOn: z.string().nullable(),
    supersededOn: z.string().nullable(),
    validity: z.enum(['in_force', 'not_yet', 'expired']),
    field: z.string().nullable(),
    summary: z.string(),
    isPublic: z.boolean(),
    ref: z.string(),
    files: z.array(FileSchema),
    planFileUrl: z.string().nullable(),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
    canEdit: z.boolean(),
  })
  .openapi('LibraryDocument');
type Doc = z.infer<typeof DocumentSchema>;

const FileIdParam = IdParam.extend({ fileId: z.coerce.number().int().positive().openapi({ param: { name: 'fileId', in: 'path' } }) });
const FileBody = { body: { content: { 'multipart/form-data': { schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }) }) } } } };
const fileResponse = { content: { 'application/octet-stream': { schema: z.any().openapi({ type: 'string', format: 'binary' }) } }, description: 'The file' };

async function present(c: Ctx, d: svc.LibraryDocument): Promise<Doc> {
  const s = requireSession(c);
  const path = (await unitPathOf(db(), d.unitId)) as string;
  return { ...d, canEdit: d.source === 'upload' && canOnUnit(s.user.assignments, 'documents.write', path) } as Doc;
}

async function uploadedFile(c: Ctx): Promise<{ data: Buffer; name: string }> {
  const form = await c.req.parseBody();
  const file = form.file;
  if (!(file instanceof File)) throw new AppError('import.bad_file', 400, 'import.bad_file');
  return { data: Buffer.from(await file.arrayBuffer()), name: file.name };
}

documentRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/documents',
    tags: tag,
    summary: "Search a unit's documents (or its subtree's): words with or without diacritics, number, issuer, field, type, year, validity",
    ...access('units.read'),
    request: {
      query: z.object({
        unitId: z.coerce.number().int().positive(),
        subtree: z.enum(['true', 'false']).optional(),
        q: z.string().max(200).optional(),
        docType: z.enum(svc.documentTypes).optional(),
        field: z.string().max(120).optional(),
        issuer: z.string().max(200).optional(),
        number: z.string().max(80).optional(),
        year: z.coerce.number().int().min(1945).max(2100).optional(),
        validity: z.enum(['in_force', 'not_yet', 'expired']).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(20),
        offset: z.coerce.number().int().min(0).default(0),
      }),
    },
    responses: {
      200: json(z.object({ items: z.array(DocumentSchema), total: z.number(), facets: z.object({ fields: z.array(z.string()), issuers: z.array(z.string()) }) })),
      400: errors[400],
      403: errors[403],
    },
  }),
  async (c) => {
    const q = c.req.valid('query');
    await authorize(c, 'units.read', q.unitId);
    const path = (await unitPathOf(db(), q.unitId)) as string;
    const scope = q.subtree === 'true' ? { unitPath: path } : { unitId: q.unitId };
    const r = await svc.searchDocuments(db(), { ...scope, text: q.q, docType: q.docType, field: q.field, issuer: q.issuer, number: q.number, year: q.year, validity: q.validity, limit: q.limit, offset: q.offset });
    const items = await Promise.all(r.items.map((d) => present(c, d)));
    return c.json({ items, total: r.total, facets: await svc.documentFacets(db(), scope) }, 200);
  },
);

documentRoutes.openapi(
  createRoute({ method: 'post', path: '/documents', tags: tag, summary: "Add a document to a unit's library (files are uploaded next)", ...access('documents.write'), request: jsonBody(InputSchema.extend({ unitId: z.number().int().positive() })), responses: { 201: json(DocumentSchema), 400: errors[400], 403: errors[403] } }),
  async (c) => {
    const body = c.req.valid('json');
    await authorize(c, 'documents.write', body.unitId);
    return c.json(await present(c, await svc.createDocument(actorOf(c), body)), 201);
  },
);

documentRoutes.openapi(
  createRoute({ method: 'get', path: '/documents/{id}', tags: tag, summary: 'A document with its files', ...access('units.read'), request: { params: IdParam }, responses: { 200: json(DocumentSchema), 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'units.read', (await svc.documentUnit(db(), id)).unitId);
    return c.json(await present(c, await svc.getDocument(db(), id)), 200);
  },
);

documentRoutes.openapi(
  createRoute({ method: 'put', path: '/documents/{id}', tags: tag, summary: 'Edit an uploaded document; carries the version it was loaded at', ...access('documents.write'), request: { params: IdParam, ...jsonBody(InputSchema.extend({ version: z.number().int() })) }, responses: { 200: json(DocumentSchema), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'documents.write', (await svc.documentUnit(db(), id)).unitId);
    return c.json(await present(c, await svc.updateDocument(actorOf(c), id, c.req.valid('json'))), 200);
  },
);

documentRoutes.openapi(
  createRoute({ method: 'delete', path: '/documents/{id}', tags: tag, summary: 'Take a document out of the library (kept in the audit log)', ...access('documents.write'), request: { params: IdParam }, responses: { 200: json(Ok), 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'documents.write', (await svc.documentUnit(db(), id)).unitId);
    await svc.deleteDocument(actorOf(c), id);
    return c.json({ ok: true as const }, 200);
  },
);

documentRoutes.openapi(
  createRoute({ method: 'post', path: '/documents/{id}/files', tags: tag, summary: 'Upload a file (PDF, DOCX or XLSX; the type is read from the bytes; size limit LOA_UPLOAD_MAX_MB)', ...access('documents.write'), request: { params: IdParam, ...FileBody }, responses: { 200: json(DocumentSchema), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'documents.write', (await svc.documentUnit(db(), id)).unitId);
    const f = await uploadedFile(c);
    const stored = await storeDocumentFile(f.data, f.name);
    return c.json(await present(c, await svc.addDocumentFile(actorOf(c), id, stored)), 200);
  },
);

documentRoutes.openapi(
  createRoute({ method: 'delete', path: '/documents/{id}/files/{fileId}', tags: tag, summary: 'Remove a file from a document', ...access('documents.write'), request: { params: FileIdParam }, responses: { 200: json(DocumentSchema), 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id, fileId } = c.req.valid('param');
    await authorize(c, 'documents.write', (await svc.documentUnit(db(), id)).unitId);
    return c.json(await present(c, await svc.removeDocumentFile(actorOf(c), id, fileId)), 200);
  },
);

documentRoutes.openapi(
  createRoute({ method: 'get', path: '/documents/{id}/files/{fileId}', tags: tag, summary: 'Download a file (also of a document not shown publicly)', ...access('units.read'), request: { params: FileIdParam }, responses: { 200: fileResponse, 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id, fileId } = c.req.valid('param');
    await authorize(c, 'units.read', (await svc.documentUnit(db(), id)).unitId);
    const f = await svc.documentFile(db(), fileId, { publicOnly: false });
    if (!f || f.documentId !== id) throw new AppError('document.file_not_found', 404, 'document.file_not_found');
    return c.body(new Uint8Array(await readFile(f.key)), 200, { ...fileHeaders(f), 'cache-control': 'private, no-store' });
  },
);

documentRoutes.openapi(
  createRoute({ method: 'get', path: '/documents/{id}/plan-file', tags: tag, summary: "A plan's document: its signed copy, or the plan rendered as DOCX", ...access('units.read'), request: { params: IdParam }, responses: { 200: fileResponse, 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'units.read', (await svc.documentUnit(db(), id)).unitId);
    const f = await planFileOfDocument(db(), id, { publicOnly: false });
    if (!f) throw new AppError('document.file_not_found', 404, 'document.file_not_found');
    return c.body(new Uint8Array(f.data), 200, { ...fileHeaders(f), 'cache-control': 'private, no-store' });
  },
);
