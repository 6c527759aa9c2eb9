import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { actorOf, authorize } from '../../http/auth';
import type { AppEnv } from '../../http/context';
import { validationHook } from '../../http/errors';
import { access, errors, json, jsonBody } from '../../http/openapi';
import { config } from '../../platform/config';
import { db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { enqueue } from '../../platform/jobs';
import * as imports from './imports.service';
import { applyImportJob } from './org.jobs';
import { canOnUnit, isPathWithin } from './org.policy';
import { unitPathOf } from './units.service';

const tag = ['Nhập dữ liệu'];
export const importRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const ImportErrorSchema = z.object({ row: z.number(), field: z.string(), code: z.string(), message: z.string() });
const ImportRunSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['units', 'people']),
    status: z.enum(['invalid', 'ready', 'running', 'done', 'failed']),
    fileName: z.string(),
    isSkippingInvalid: z.boolean(),
    total: z.number(),
    processed: z.number(),
    errors: z.array(ImportErrorSchema),
    summary: z.record(z.string(), z.unknown()).nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    preview: z
      .object({
        total: z.number(),
        valid: z.number(),
        creates: z.number(),
        updates: z.number(),
        sample: z.array(z.record(z.string(), z.unknown())),
      })
      .optional(),
  })
  .openapi('ImportRun');
const RunParam = z.object({ id: z.string().uuid().openapi({ param: { name: 'id', in: 'path' } }) });

const present = (run: imports.ImportRun & { preview?: imports.ImportPreview; createdBy?: number | null }) => {
  const { createdBy: _c, ...rest } = run;
  return {
    ...rest,
    createdAt: new Date(run.createdAt).toISOString(),
    finishedAt: run.finishedAt ? new Date(run.finishedAt).toISOString() : null,
    preview: run.preview && {
      total: run.preview.total,
      valid: run.preview.valid,
      creates: run.preview.creates,
      updates: run.preview.updates,
      sample: run.preview.sample as Record<string, unknown>[],
    },
  };
};

async function authorizeRun(c: Parameters<typeof authorize>[0], id: string) {
  const r = await db().query('select scope_unit_id as "unitId" from import_runs where id = $1', [id]);
  if (!r.rowCount) throw new AppError('import.not_found', 404, 'import.not_found');
  await authorize(c, 'imports.write', r.rows[0].unitId);
}

importRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/imports',
    tags: tag,
    summary: 'Upload a CSV/XLSX of units or people under a unit; returns the validated preview (nothing written yet)',
    ...access('imports.write'),
    request: {
      query: z.object({ unitId: z.coerce.number().int().positive(), kind: z.enum(['units', 'people']) }),
      body: {
        content: {
          'multipart/form-data': { schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }) }) },
        },
      },
    },
    responses: { 201: json(ImportRunSchema), 400: errors[400], 403: errors[403] },
  }),
  async (c) => {
    const { unitId, kind } = c.req.valid('query');
    const s = await authorize(c, 'imports.write', unitId);
    const scopePath = (await unitPathOf(db(), unitId)) as string;
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File)) throw new AppError('import.bad_file', 400, 'import.bad_file');
    if (file.size > config().uploadMaxBytes) {
      throw new AppError('payload_too_large', 413, 'error.payload_too_large', { maxMb: Math.round(config().uploadMaxBytes / 1048576) });
    }
    // Rows may only land inside the chosen unit's subtree, and only where the importer may write.
    const isWritable = (path: string) =>
      !!path && isPathWithin(path, scopePath) && canOnUnit(s.user.assignments, kind === 'units' ? 'units.write' : 'people.write', path);
    const run = await imports.createImportRun(
      actorOf(c),
      kind,
      Buffer.from(await file.arrayBuffer()),
      file.name,
      unitId,
      isWritable,
    );
    return c.json(present(run), 201);
  },
);

importRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/imports/{id}',
    tags: tag,
    summary: 'An import run: status, progress, errors per row',
    ...access('imports.write'),
    request: { params: RunParam },
    responses: { 200: json(ImportRunSchema), 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorizeRun(c, id);
    return c.json(present(await imports.getImportRun(db(), id)), 200);
  },
);

importRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/imports/{id}/apply',
    tags: tag,
    summary: 'Apply a reviewed import in the background; poll the run for progress',
    ...access('imports.write'),
    request: { params: RunParam, ...jsonBody(z.object({ isSkippingInvalid: z.boolean().default(false) })) },
    responses: { 202: json(ImportRunSchema), 403: errors[403], 404: errors[404], 409: errors[409] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorizeRun(c, id);
    const run = await imports.startImportRun(id, c.req.valid('json').isSkippingInvalid);
    await enqueue(applyImportJob, { runId: id }, { singletonKey: id });
    return c.json(present(run), 202);
  },
);
