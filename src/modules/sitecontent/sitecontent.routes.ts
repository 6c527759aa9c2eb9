import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { actorOf, authorize } from '../../http/auth';
import type { AppEnv } from '../../http/context';
import { validationHook } from '../../http/errors';
import { IdParam, Ok, access, errors, json, jsonBody } from '../../http/openapi';
import { config } from '../../platform/config';
import { db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import * as adm from './admissions.service';
import * as alb from './albums.service';
import { addDays, isDay, unitOfRow, vnDay } from './common';
import * as contact from './contact.service';
import * as faq from './faq.service';
import * as files from './files.service';
import * as rat from './ratings.service';
import * as sch from './schedule.service';

/**
 * Site content API (admin side): everything needs `sites.write` on the unit the
 * content belongs to (the unit's administrators, leaders, focal points and
 * editors, and those of units above it); the contact inbox is read with the
 * same permission. Public reads and the public forms are on the unit sites.
 */
const tag = ['Trang đơn vị — nội dung'];
export const siteContentRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
const P = 'sites.write' as const;
const B = '/site-content';

const UnitQuery = z.object({ unitId: z.coerce.number().int().positive() });
const day = z.string().refine(isDay, 'YYYY-MM-DD');
const optDay = day.nullable().optional();
const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).nullable().optional();
const schoolYear = z.string().regex(/^\d{4}-\d{4}$/).refine((s) => Number(s.slice(5)) === Number(s.slice(0, 4)) + 1, 'yyyy-(yyyy+1)');
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const multipart = (schema: z.ZodRawShape) => ({ body: { content: { 'multipart/form-data': { schema: z.object(schema) } } } });
const fileField = z.any().openapi({ type: 'string', format: 'binary' });

const AttachmentSchema = z.object({ key: z.string().regex(/^[0-9a-f]{64}$/), name: z.string().min(1).max(160), size: z.number().int().nonnegative(), mime: z.string().max(120) });
const AdmissionInput = z.object({
  title: text(300), schoolYear: schoolYear.optional(), grade: optText(100), summary: optText(1000), bodyHtml: z.string().max(200_000).optional(),
  applyFrom: optDay, applyTo: optDay, examOn: optDay, resultOn: optDay, attachments: z.array(AttachmentSchema).max(20).optional(),
});
const AdmissionSchema = z.object({
  id: z.number(), unitId: z.number(), title: z.string(), slug: z.string(), schoolYear: z.string(), grade: z.string().nullable(), summary: z.string().nullable(), bodyHtml: z.string(),
  applyFrom: z.string().nullable(), applyTo: z.string().nullable(), examOn: z.string().nullable(), resultOn: z.string().nullable(), attachments: z.array(AttachmentSchema),
  status: z.enum(['draft', 'published']), phase: z.enum(['upcoming', 'open', 'closed', 'undated']), publishedAt: z.string().nullable(), version: z.number(), createdAt: z.string(), updatedAt: z.string(),
}).openapi('AdmissionNotice');

const ScheduleInput = z.object({ day, startTime: time, endTime: time.nullable().optional(), content: text(2000), chair: optText(300), participants: optText(1000), place: optText(300) });
const ScheduleSchema = z.object({ id: z.number(), unitId: z.number(), day: z.string(), startTime: z.string(), endTime: z.string().nullable(), content: z.string(), chair: z.string().nullable(), participants: z.string().nullable(), place: z.string().nullable() }).openapi('ScheduleItem');

const MediaSchema = z.object({
  id: z.number(), unitId: z.number(), fileName: z.string(), width: z.number().nullable(), height: z.number().nullable(), caption: z.string().nullable(),
  isIdentifyingPupils: z.boolean(), consentIds: z.array(z.number()), urls: z.object({ small: z.string(), medium: z.string(), large: z.string() }),
});
const AlbumInput = z.object({ title: text(300), description: optText(2000), takenOn: optDay });
const AlbumBase = {
  id: z.number(), unitId: z.number(), title: z.string(), slug: z.string(), description: z.string().nullable(), takenOn: z.string().nullable(), status: z.enum(['draft', 'published']),
  publishedAt: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(), photoCount: z.number(), coverMediaId: z.number().nullable(),
};
const AlbumSchema = z.object({ ...AlbumBase, photos: z.array(MediaSchema.extend({ position: z.number(), gaps: z.array(z.string()) })), consentGaps: z.array(z.string()) }).openapi('Album');
const AlbumListSchema = z.object({ items: z.array(z.object({ ...AlbumBase, cover: MediaSchema.nullable() })), total: z.number() });

const VideoSchema = z.object({
  id: z.number(), unitId: z.number(), title: z.string(), description: z.string().nullable(), source: z.enum(['file', 'youtube']), fileKey: z.string().nullable(), mime: z.string().nullable(),
  size: z.number().nullable(), youtubeId: z.string().nullable(), status: z.enum(['draft', 'published']), publishedAt: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(),
}).openapi('Video');

const FaqInput = z.object({ question: text(500), answer: text(10_000), groupName: optText(120), position: z.number().int().min(0).max(100_000).optional(), isPublished: z.boolean().optional() });
const FaqSchema = z.object({ id: z.number(), unitId: z.number(), question: z.string(), answer: z.string(), groupName: z.string().nullable(), position: z.number(), isPublished: z.boolean() }).openapi('Faq');
const LinkInput = z.object({ title: text(200), url: z.string().trim().min(1).max(1000), groupName: optText(120), position: z.number().int().min(0).max(100_000).optional() });
const LinkSchema = z.object({ id: z.number(), unitId: z.number(), title: z.string(), url: z.string(), groupName: z.string().nullable(), position: z.number() }).openapi('SiteLink');

const MessageSchema = z.object({
  id: z.number(), unitId: z.number(), name: z.string(), email: z.string().nullable(), phone: z.string().nullable(), subject: z.string(), message: z.string(), pagePath: z.string().nullable(),
  status: z.enum(['new', 'handled']), assignedTo: z.number().nullable(), assignedToName: z.string().nullable(), replyNote: z.string().nullable(), handledBy: z.number().nullable(),
  handledByName: z.string().nullable(), handledAt: z.string().nullable(), createdAt: z.string(),
}).openapi('ContactMessage');

const RatingReportSchema = z.object({
  from: z.string(), to: z.string(), count: z.number(), average: z.number().nullable(), distribution: z.array(z.number()),
  pages: z.array(z.object({ pagePath: z.string(), count: z.number(), average: z.number(), useful: z.number(), lastAt: z.string() })),
  daily: z.array(z.object({ day: z.string(), count: z.number(), average: z.number() })),
  comments: z.array(z.object({ pagePath: z.string(), score: z.number(), comment: z.string(), day: z.string() })),
}).openapi('RatingReport');

const r = siteContentRoutes;
const std = { 400: errors[400], 403: errors[403], 404: errors[404] };
const byRow = async (c: Parameters<typeof authorize>[0], table: Parameters<typeof unitOfRow>[1], id: number) => authorize(c, P, await unitOfRow(db(), table, id));

// ---- admissions notices ----
r.openapi(createRoute({ method: 'get', path: `${B}/admissions`, tags: tag, summary: "A unit's admissions notices (drafts and published), with open/closed by today's date", ...access(P), request: { query: UnitQuery }, responses: { 200: json(z.object({ items: z.array(AdmissionSchema) })), ...std } }),
  async (c) => {
    const { unitId } = c.req.valid('query');
    await authorize(c, P, unitId);
    return c.json({ items: await adm.listAdmissions(db(), unitId) }, 200);
  });
r.openapi(createRoute({ method: 'post', path: `${B}/admissions`, tags: tag, summary: 'Write an admissions notice (a draft; the body is sanitised)', ...access(P), request: jsonBody(AdmissionInput.extend({ unitId: z.number().int().positive() })), responses: { 201: json(AdmissionSchema), ...std } }),
  async (c) => {
    const { unitId, ...body } = c.req.valid('json');
    await authorize(c, P, unitId);
    return c.json(await adm.createAdmission(actorOf(c), unitId, body), 201);
  });
r.openapi(createRoute({ method: 'get', path: `${B}/admissions/{id}`, tags: tag, summary: 'An admissions notice', ...access(P), request: { params: IdParam }, responses: { 200: json(AdmissionSchema), ...std } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await byRow(c, 'admission_notices', id);
    return c.json(await adm.getAdmission(db(), id), 200);
  });
r.openapi(createRoute({ method: 'put', path: `${B}/admissions/{id}`, tags: tag, summary: 'Edit an admissions notice; carries the version it was loaded at', ...access(P), request: { params: IdParam, ...jsonBody(AdmissionInput.extend({ version: z.number().int() })) }, responses: { 200: json(AdmissionSchema), 409: errors[409], ...std } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await byRow(c, 'admission_notices', id);
    return c.json(await adm.updateAdmission(actorOf(c), id, c.req.valid('json')), 200);
  });
r.openapi(createRoute({ method: 'post', path: `${B}/files`, tags: tag, summary: 'Upload an attachment (PDF, Word, Excel, PowerPoint, JPEG, PNG; type sniffed from its bytes)', ...access(P), request: { query: UnitQuery, ...multipart({ file: fileField }) }, responses: { 201: json(AttachmentSchema), 413: errors[400], ...std } }),
  async (c) => {
    const { unitId } = c.req.valid('query');
    await authorize(c, P, unitId);
    const file = (await c.req.parseBody()).file;
    if (!(file instanceof File)) throw new AppError('import.bad_file', 400, 'import.bad_file');
    tooLarge(file.size);
    return c.json(await files.uploadSiteFile(actorOf(c), { unitId, data: Buffer.from(await file.arrayBuffer()), fileName: file.name, use: 'attachment' }), 201);
  });

function tooLarge(size: number) {
  if (size > config().uploadMaxBytes) throw new AppError('payload_too_large', 413, 'error.payload_too_large', { maxMb: Math.round(config().uploadMaxBytes / 1048576) });
}

// ---- publish / unpublish / delete (notices, albums, videos) ----
const publishables = { admissions: 'admission_notices', albums: 'albums', videos: 'videos' } as const;
for (const [seg, table] of Object.entries(publishables) as [keyof typeof publishables, (typeof publishables)[keyof typeof publishables]][]) {
  for (const isPublished of [true, false]) {
    r.openapi(createRoute({ method: 'post', path: `${B}/${seg}/{id}/${isPublished ? 'publish' : 'unpublish'}`, tags: tag, summary: isPublished ? `Publish on the unit's site${seg === 'albums' ? ' (photos of pupils need a valid consent)' : ''}` : "Take off the unit's site (back to draft)", ...access(P), request: { params: IdParam, ...jsonBody(z.object({})) }, responses: { 200: json(Ok), 422: errors[422], ...std } }),
      async (c) => {
        const { id } = c.req.valid('param');
        await byRow(c, table, id);
        await adm.setPublished(actorOf(c), table, id, isPublished, table === 'albums' ? alb.checkAlbumConsents : undefined);
        return c.json({ ok: true as const }, 200);
      });
  }
}
const deletables = { ...publishables, schedule: 'work_schedule_items', faqs: 'faqs', links: 'site_links' } as const;
for (const [seg, table] of Object.entries(deletables) as [keyof typeof deletables, (typeof deletables)[keyof typeof deletables]][]) {
  r.openapi(createRoute({ method: 'delete', path: `${B}/${seg}/{id}`, tags: tag, summary: 'Delete (kept in the audit log)', ...access(P), request: { params: IdParam }, responses: { 200: json(Ok), ...std } }),
    async (c) => {
      const { id } = c.req.valid('param');
      await byRow(c, table, id);
      await adm.deleteRow(actorOf(c), table, id);
      return c.json({ ok: true as const }, 200);
    });
}

// ---- work schedule ----
r.openapi(createRoute({ method: 'get', path: `${B}/schedule`, tags: tag, summary: 'The work schedule of a week (Monday–Sunday, Vietnam time) holding `week` (default: this week)', ...access(P), request: { query: UnitQuery.extend({ week: day.optional() }) }, responses: { 200: json(z.object({ from: z.string(), to: z.string(), prev: z.string(), next: z.string(), items: z.array(ScheduleSchema) })), ...std } }),
  async (c) => {
    const q = c.req.valid('query');
    await authorize(c, P, q.unitId);
    const w = sch.weekOf(q.week);
    return c.json({ from: w.from, to: w.to, prev: w.prev, next: w.next, items: await sch.listSchedule(db(), q.unitId, w.from, w.to) }, 200);
  });
r.openapi(createRoute({ method: 'post', path: `${B}/schedule`, tags: tag, summary: 'Add an engagement to the work schedule', ...access(P), request: jsonBody(ScheduleInput.extend({ unitId: z.number().int().positive() })), responses: { 201: json(ScheduleSchema), ...std } }),
  async (c) => {
    const { unitId, ...body } = c.req.valid('json');
    await authorize(c, P, unitId);
    return c.json(await sch.createScheduleItem(actorOf(c), unitId, body), 201);
  });
r.openapi(createRoute({ method: 'put', path: `${B}/schedule/{id}`, tags: tag, summary: 'Edit an engagement', ...access(P), request: { params: IdParam, ...jsonBody(ScheduleInput) }, responses: { 200: json(ScheduleSchema), ...std } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await byRow(c, 'work_schedule_items', id);
    return c.json(await sch.updateScheduleItem(actorOf(c), id, c.req.valid('json')), 200);
  });

// ---- albums ----
r.openapi(createRoute({ method: 'get', path: `${B}/albums`, tags: tag, summary: "A unit's photo albums", ...access(P), request: { query: UnitQuery }, responses: { 200: json(AlbumListSchema), ...std } }),
  async (c) => {
    const { unitId } = c.req.valid('query');
    await authorize(c, P, unitId);
    return c.json(await alb.listAlbums(db(), unitId), 200);
  });
r.openapi(createRoute({ method: 'post', path: `${B}/albums`, tags: tag, summary: 'Create a photo album (a draft)', ...access(P), request: jsonBody(AlbumInput.extend({ unitId: z.number().int().positive() })), responses: { 201: json(AlbumSchema), ...std } }),
  async (c) => {
    const { unitId, ...body } = c.req.valid('json');
    await authorize(c, P, unitId);
    return c.json(await alb.createAlbum(actorOf(c), unitId, body), 201);
  });
r.openapi(createRoute({ method: 'get', path: `${B}/albums/{id}`, tags: tag, summary: 'An album with its photos and what keeps photos of pupils off the site', ...access(P), request: { params: IdParam }, responses: { 200: json(AlbumSchema), ...std } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await byRow(c, 'albums', id);
    return c.json(await alb.getAlbum(db(), id), 200);
  });
r.openapi(createRoute({ method: 'put', path: `${B}/albums/{id}`, tags: tag, summary: 'Edit an album', ...access(P), request: { params: IdParam, ...jsonBody(AlbumInput) }, responses: { 200: json(AlbumSchema), ...std } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await byRow(c, 'albums', id);
    return c.json(await alb.updateAlbum(actorOf(c), id, c.req.valid('json')), 200);
  });
r.openapi(createRoute({ method: 'post', path: `${B}/albums/{id}/photos`, tags: tag, summary: 'Add a photo (resized to web sizes, metadata stripped; the newsroom media pipeline)', ...access(P), request: { params: IdParam, ...multipart({ file: fileField, caption: z.string().optional(), isIdentifyingPupils: z.string().optional() }) }, responses: { 201: json(AlbumSchema), 413: errors[400], ...std } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await byRow(c, 'albums', id);
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File)) throw new AppError('import.bad_file', 400, 'import.bad_file');
    tooLarge(file.size);
    const caption = typeof form.caption === 'string' ? form.caption.trim().slice(0, 500) || null : null;
    return c.json(await alb.addAlbumPhoto(actorOf(c), id, { data: Buffer.from(await file.arrayBuffer()), fileName: file.name, mime: file.type, caption, isIdentifyingPupils: form.isIdentifyingPupils === 'true' }), 201);
  });
const PhotoParams = z.object({ id: IdParam.shape.id, mediaId: z.coerce.number().int().positive().openapi({ param: { name: 'mediaId', in: 'path' } }) });
r.openapi(createRoute({ method: 'patch', path: `${B}/albums/{id}/photos/{mediaId}`, tags: tag, summary: 'Caption, order, "shows pupils" and consents of a photo in the album', ...access(P), request: { params: PhotoParams, ...jsonBody(z.object({ caption: z.string().max(500).nullable().optional(), isIdentifyingPupils: z.boolean().optional(), consentIds: z.array(z.number().int()).max(100).optional(), position: z.number().int().min(0).max(100_000).optional() })) }, responses: { 200: json(AlbumSchema), ...std } }),
  async (c) => {
    const { id, mediaId } = c.req.valid('param');
    await byRow(c, 'albums', id);
    return c.json(await alb.updateAlbumPhoto(actorOf(c), id, mediaId, c.req.valid('json')), 200);
  });
r.openapi(createRoute({ method: 'delete', path: `${B}/albums/{id}/photos/{mediaId}`, tags: tag, summary: 'Take a photo out of the album', ...access(P), request: { params: PhotoParams }, responses: { 200: json(AlbumSchema), ...std } }),
  async (c) => {
    const { id, mediaId } = c.req.valid('param');
    await byRow(c, 'albums', id);
    return c.json(await alb.removeAlbumPhoto(actorOf(c), id, mediaId), 200);
  });

// ---- videos ----
r.openapi(createRoute({ method: 'get', path: `${B}/videos`, tags: tag, summary: "A unit's videos", ...access(P), request: { query: UnitQuery }, responses: { 200: json(z.object({ items: z.array(VideoSchema) })), ...std } }),
  async (c) => {
    const { unitId } = c.req.valid('query');
    await authorize(c, P, unitId);
    return c.json({ items: await alb.listVideos(db(), unitId) }, 200);
  });
r.openapi(createRoute({ method: 'post', path: `${B}/videos`, tags: tag, summary: 'Add a video: an MP4/WebM file under the upload limit (type sniffed) or a YouTube address (shown as a link)', ...access(P), request: { query: UnitQuery, ...multipart({ title: z.string(), description: z.string().optional(), youtubeUrl: z.string().optional(), file: fileField.optional() }) }, responses: { 201: json(VideoSchema), 413: errors[400], ...std } }),
  async (c) => {
    const { unitId } = c.req.valid('query');
    await authorize(c, P, unitId);
    const form = await c.req.parseBody();
    const title = typeof form.title === 'string' ? form.title.trim().slice(0, 300) : '';
    if (!title) throw new AppError('validation', 400, 'error.validation');
    const file = form.file instanceof File && form.file.size > 0 ? form.file : null;
    if (file) tooLarge(file.size);
    return c.json(await alb.createVideo(actorOf(c), unitId, {
      title,
      description: typeof form.description === 'string' ? form.description.trim().slice(0, 2000) || null : null,
      youtubeUrl: typeof form.youtubeUrl === 'string' ? form.youtubeUrl.trim() || null : null,
      file: file ? { data: Buffer.from(await file.arrayBuffer()), fileName: file.name } : null,
    }), 201);
  });
r.openapi(createRoute({ method: 'put', path: `${B}/videos/{id}`, tags: tag, summary: 'Edit a video’s title and description', ...access(P), request: { params: IdParam, ...jsonBody(z.object({ title: text(300), description: optText(2000) })) }, responses: { 200: json(VideoSchema), ...std } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await byRow(c, 'videos', id);
    return c.json(await alb.updateVideo(actorOf(c), id, c.req.valid('json')), 200);
  });

// ---- FAQ and links ----
r.openapi(createRoute({ method: 'get', path: `${B}/faqs`, tags: tag, summary: "A unit's FAQ", ...access(P), request: { query: UnitQuery }, responses: { 200: json(z.object({ items: z.array(FaqSchema) })), ...std } }),
  async (c) => {
    const { unitId } = c.req.valid('query');
    await authorize(c, P, unitId);
    return c.json({ items: await faq.listFaqs(db(), unitId) }, 200);
  });
r.openapi(createRoute({ method: 'post', path: `${B}/faqs`, tags: tag, summary: 'Add a question and answer', ...access(P), request: jsonBody(FaqInput.extend({ unitId: z.number().int().positive() })), responses: { 201: json(FaqSchema), ...std } }),
  async (c) => {
    const { unitId, ...body } = c.req.valid('json');
    await authorize(c, P, unitId);
    return c.json(await faq.createFaq(actorOf(c), unitId, body), 201);
  });
r.openapi(createRoute({ method: 'put', path: `${B}/faqs/{id}`, tags: tag, summary: 'Edit a question and answer', ...access(P), request: { params: IdParam, ...jsonBody(FaqInput) }, responses: { 200: json(FaqSchema), ...std } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await byRow(c, 'faqs', id);
    return c.json(await faq.updateFaq(actorOf(c), id, c.req.valid('json')), 200);
  });
r.openapi(createRoute({ method: 'get', path: `${B}/links`, tags: tag, summary: "A unit's links", ...access(P), request: { query: UnitQuery }, responses: { 200: json(z.object({ items: z.array(LinkSchema) })), ...std } }),
  async (c) => {
    const { unitId } = c.req.valid('query');
    await authorize(c, P, unitId);
    return c.json({ items: await faq.listLinks(db(), unitId) }, 200);
  });
r.openapi(createRoute({ method: 'post', path: `${B}/links`, tags: tag, summary: 'Add a link (external https addresses only)', ...access(P), request: jsonBody(LinkInput.extend({ unitId: z.number().int().positive() })), responses: { 201: json(LinkSchema), ...std } }),
  async (c) => {
    const { unitId, ...body } = c.req.valid('json');
    await authorize(c, P, unitId);
    return c.json(await faq.createLink(actorOf(c), unitId, body), 201);
  });
r.openapi(createRoute({ method: 'put', path: `${B}/links/{id}`, tags: tag, summary: 'Edit a link', ...access(P), request: { params: IdParam, ...jsonBody(LinkInput) }, responses: { 200: json(LinkSchema), ...std } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await byRow(c, 'site_links', id);
    return c.json(await faq.updateLink(actorOf(c), id, c.req.valid('json')), 200);
  });

// ---- contact inbox ----
r.openapi(createRoute({ method: 'get', path: `${B}/messages`, tags: tag, summary: "The unit's inbox of contact-form messages", ...access(P), request: { query: UnitQuery.extend({ status: z.enum(['new', 'handled']).optional(), limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) }) }, responses: { 200: json(z.object({ items: z.array(MessageSchema), total: z.number(), newCount: z.number(), handledCount: z.number() })), ...std } }),
  async (c) => {
    const q = c.req.valid('query');
    await authorize(c, P, q.unitId);
    return c.json(await contact.listMessages(db(), q.unitId, q), 200);
  });
r.openapi(createRoute({ method: 'get', path: `${B}/messages/assignees`, tags: tag, summary: 'People a message of the unit may be assigned to', ...access(P), request: { query: UnitQuery }, responses: { 200: json(z.object({ items: z.array(z.object({ id: z.number(), name: z.string() })) })), ...std } }),
  async (c) => {
    const { unitId } = c.req.valid('query');
    await authorize(c, P, unitId);
    return c.json({ items: await contact.assignees(db(), unitId) }, 200);
  });
r.openapi(createRoute({ method: 'patch', path: `${B}/messages/{id}`, tags: tag, summary: 'Mark a message handled (or new again), write a reply note, assign someone', ...access(P), request: { params: IdParam, ...jsonBody(z.object({ status: z.enum(['new', 'handled']).optional(), replyNote: z.string().max(5000).nullable().optional(), assignedTo: z.number().int().positive().nullable().optional() })) }, responses: { 200: json(MessageSchema), ...std } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await byRow(c, 'contact_messages', id);
    return c.json(await contact.updateMessage(actorOf(c), id, c.req.valid('json')), 200);
  });

// ---- ratings report ----
r.openapi(createRoute({ method: 'get', path: `${B}/ratings`, tags: tag, summary: 'Page satisfaction ratings of the unit’s site: per page, per day, the latest comments (default: the last 30 days)', ...access(P), request: { query: UnitQuery.extend({ from: day.optional(), to: day.optional() }) }, responses: { 200: json(RatingReportSchema), ...std } }),
  async (c) => {
    const q = c.req.valid('query');
    await authorize(c, P, q.unitId);
    const to = q.to ?? vnDay();
    const from = q.from ?? addDays(to, -29);
    if (from > to) throw new AppError('sitecontent.bad_dates', 400, 'sitecontent.bad_dates');
    return c.json(await rat.ratingReport(db(), q.unitId, from, to), 200);
  });

