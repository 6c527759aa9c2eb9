import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { actorOf, authorize, requireSession } from '../../http/auth';
import type { AppEnv } from '../../http/context';
import type { Session } from '../identity';
import { validationHook } from '../../http/errors';
import { IdParam, access, errors, json, jsonBody } from '../../http/openapi';
import { config } from '../../platform/config';
import { db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { canOnUnit, unitPathOf } from '../org';
import * as articles from './articles.service';
import * as consents from './consents.service';
import * as media from './media.service';
import * as quota from './quota.service';

const tag = ['Tin bài'];
export const newsroomRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
type Ctx = Context<AppEnv>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s, 'yyyy-mm-dd');
const statuses = ['draft', 'submitted', 'rejected', 'approved', 'scheduled', 'published', 'withdrawn'] as const;
const ArticleInputSchema = z.object({
  title: z.string().trim().min(1).max(300),
  summary: z.string().trim().max(1000).nullable().optional(),
  bodyHtml: z.string().max(500_000).optional(),
  themes: z.array(z.string().trim().min(1).max(80)).max(10).optional(),
  planTaskIds: z.array(z.number().int()).max(20).optional(),
  mediaIds: z.array(z.number().int()).max(50).optional(),
  coverMediaId: z.number().int().nullable().optional(),
  isIdentifyingPupils: z.boolean().optional(),
  consentIds: z.array(z.number().int()).max(100).optional(),
});
const MediaItemSchema = z.object({
  id: z.number(),
  unitId: z.number(),
  fileName: z.string(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  caption: z.string().nullable(),
  isIdentifyingPupils: z.boolean(),
  consentIds: z.array(z.number()),
  urls: z.object({ small: z.string(), medium: z.string(), large: z.string() }),
});
const ArticleSchema = z
  .object({
    id: z.number(),
    unitId: z.number(),
    unitName: z.string(),
    authorId: z.number().nullable(),
    authorName: z.string().nullable(),
    status: z.enum(statuses),
    title: z.string(),
    slug: z.string(),
    summary: z.string().nullable(),
    bodyHtml: z.string(),
    themes: z.array(z.string()),
    planTaskIds: z.array(z.number()),
    coverMediaId: z.number().nullable(),
    media: z.array(MediaItemSchema),
    isIdentifyingPupils: z.boolean(),
    consentIds: z.array(z.number()),
    isOnSectorPortal: z.boolean(),
    submittedAt: z.string().nullable(),
    approvedAt: z.string().nullable(),
    scheduledAt: z.string().nullable(),
    publishedAt: z.string().nullable(),
    withdrawnAt: z.string().nullable(),
    withdrawnReason: z.string().nullable(),
    correctionNote: z.string().nullable(),
    isForcePublished: z.boolean(),
    forceReason: z.string().nullable(),
    isReviewPending: z.boolean(),
    lockedBy: z.object({ id: z.number(), name: z.string() }).nullable(),
    lockedUntil: z.string().nullable(),
    version: z.number(),
    updatedAt: z.string(),
    publicUrl: z.string().nullable(),
    consentGaps: z.array(z.object({ kind: z.enum(['article', 'media', 'child_consent', 'revoked']), mediaId: z.number().optional(), consentId: z.number().optional(), message: z.string() })),
    can: z.object({
      edit: z.boolean(), submit: z.boolean(), approve: z.boolean(), reject: z.boolean(), publish: z.boolean(), schedule: z.boolean(),
      forcePublish: z.boolean(), withdraw: z.boolean(), correct: z.boolean(), review: z.boolean(),
    }),
  })
  .openapi('Article');
const ConsentSchema = z.object({
  id: z.number(), unitId: z.number(), subjectName: z.string(), birthDate: z.string(), guardianName: z.string(), guardianConsentedOn: z.string(),
  childConsentedOn: z.string().nullable(), scope: z.string(), isRevoked: z.boolean(), needsChildConsent: z.boolean(), isValid: z.boolean(),
});

async function present(c: Ctx, a: articles.Article): Promise<z.infer<typeof ArticleSchema>> {
  const s = requireSession(c);
  const path = (await unitPathOf(db(), a.unitId)) as string;
  const mayApprove = canOnUnit(s.user.assignments, 'articles.approve', path);
  const mayWrite = (canOnUnit(s.user.assignments, 'articles.write', path) && a.authorId === s.user.id) || mayEditOthers(s.user.assignments, path);
  const isAuthor = a.authorId === s.user.id;
  const st = a.status as articles.ArticleStatus;
  return {
    ...(a as Omit<z.infer<typeof ArticleSchema>, 'can'>),
    can: {
      edit: ['draft', 'rejected', 'submitted', 'approved'].includes(st) && mayWrite,
      submit: ['draft', 'rejected'].includes(st) && mayWrite,
      approve: st === 'submitted' && mayApprove && !isAuthor,
      reject: ['submitted', 'approved', 'scheduled'].includes(st) && mayApprove,
      publish: st === 'approved' && mayApprove && !isAuthor,
      schedule: st === 'approved' && mayApprove && !isAuthor,
      forcePublish: ['draft', 'submitted', 'rejected', 'approved', 'scheduled'].includes(st) && mayApprove,
      withdraw: ['published', 'scheduled'].includes(st) && mayApprove,
      correct: st === 'published' && mayApprove,
      review: a.isReviewPending && mayApprove && a.publishedBy !== s.user.id,
    },
  };
}

/** A contributor changes only their own articles; other writers (editor, focal point, leader, administrator) any in their scope. */
function mayEditOthers(assignments: Session['user']['assignments'], path: string): boolean {
  return canOnUnit(assignments.filter((a) => a.role !== 'contributor'), 'articles.write', path);
}

async function authorizeArticleWrite(c: Ctx, id: number) {
  const { unitId, authorId } = await articles.articleUnit(db(), id);
  const s = await authorize(c, 'articles.write', unitId);
  const path = (await unitPathOf(db(), unitId)) as string;
  if (authorId !== s.user.id && !mayEditOthers(s.user.assignments, path)) throw new AppError('forbidden', 403, 'error.forbidden');
}

const UnitQuery = z.object({ unitId: z.coerce.number().int().positive() });

// ---- articles ----

newsroomRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/articles',
    tags: tag,
    summary: "Articles of a unit's subtree (a contributor sees their own unit's only)",
    ...access('articles.read'),
    request: {
      query: UnitQuery.extend({
        status: z.enum(statuses).optional(),
        q: z.string().max(200).optional(),
        mine: z.enum(['0', '1']).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        offset: z.coerce.number().int().min(0).default(0),
      }),
    },
    responses: { 200: json(z.object({ items: z.array(z.record(z.string(), z.unknown())), total: z.number() })), 403: errors[403] },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const s = await authorize(c, 'articles.read', q.unitId);
    const path = (await unitPathOf(db(), q.unitId)) as string;
    // Own-unit roles (contributor, spokesperson) read only their own unit's articles, even below.
    const reachesSubtree = s.user.assignments.some((a) => canOnUnit([a], 'articles.read', path) && a.role !== 'contributor' && a.role !== 'spokesperson');
    const r = await articles.listArticles(db(), {
      unitPath: path,
      ownUnitIds: reachesSubtree ? null : [q.unitId],
      status: q.status,
      text: q.q,
      authorId: q.mine === '1' ? s.user.id : undefined,
      limit: q.limit,
      offset: q.offset,
    });
    return c.json(r, 200);
  },
);

newsroomRoutes.openapi(
  createRoute({ method: 'post', path: '/articles', tags: tag, summary: 'Write an article (draft)', ...access('articles.write'), request: jsonBody(ArticleInputSchema.extend({ unitId: z.number().int() })), responses: { 201: json(ArticleSchema), 400: errors[400], 403: errors[403] } }),
  async (c) => {
    const body = c.req.valid('json');
    await authorize(c, 'articles.write', body.unitId);
    return c.json(await present(c, await articles.createArticle(actorOf(c), body)), 201);
  },
);

newsroomRoutes.openapi(
  createRoute({ method: 'get', path: '/articles/{id}', tags: tag, summary: 'An article with its photos, consents and what may be done with it', ...access('articles.read'), request: { params: IdParam }, responses: { 200: json(ArticleSchema), 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'articles.read', (await articles.articleUnit(db(), id)).unitId);
    return c.json(await present(c, await articles.getArticle(db(), id)), 200);
  },
);

newsroomRoutes.openapi(
  createRoute({ method: 'put', path: '/articles/{id}', tags: tag, summary: 'Save an article (autosave too): the version it was loaded at; refused while someone else holds the lock', ...access('articles.write'), request: { params: IdParam, ...jsonBody(ArticleInputSchema.extend({ version: z.number().int() })) }, responses: { 200: json(ArticleSchema), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorizeArticleWrite(c, id);
    return c.json(await present(c, await articles.updateArticle(actorOf(c), id, c.req.valid('json'))), 200);
  },
);

for (const op of ['lock', 'unlock'] as const) {
  newsroomRoutes.openapi(
    createRoute({ method: 'post', path: `/articles/{id}/${op}`, tags: tag, summary: op === 'lock' ? `Take or renew the edit lock (${articles.LOCK_MINUTES} minutes)` : 'Release the edit lock', ...access('articles.write'), request: { params: IdParam, ...jsonBody(z.object({})) }, responses: { 200: json(z.object({ ok: z.literal(true), lockedUntil: z.string().nullable() })), 403: errors[403], 404: errors[404], 409: errors[409] } }),
    async (c) => {
      const { id } = c.req.valid('param');
      await authorizeArticleWrite(c, id);
      if (op === 'lock') return c.json({ ok: true as const, lockedUntil: (await articles.lockArticle(actorOf(c), id)).lockedUntil }, 200);
      await articles.unlockArticle(actorOf(c), id);
      return c.json({ ok: true as const, lockedUntil: null }, 200);
    },
  );
}

const moves = {
  submit: { body: z.object({}), perm: 'articles.write', summary: 'Send to the editorial board' },
  reject: { body: z.object({ comment: z.string().trim().min(1).max(5000) }), perm: 'articles.approve', summary: 'Return to the author with comments' },
  approve: { body: z.object({ comment: z.string().max(5000).optional() }), perm: 'articles.approve', summary: 'Approve (never one’s own article)' },
  publish: { body: z.object({ isOnSectorPortal: z.boolean().optional() }), perm: 'articles.approve', summary: 'Publish an approved article now (consents checked)' },
  schedule: { body: z.object({ at: z.string().datetime({ offset: true }), isOnSectorPortal: z.boolean().optional() }), perm: 'articles.approve', summary: 'Publish an approved article at a set time' },
  'force-publish': { body: z.object({ reason: z.string().trim().min(1).max(2000), isOnSectorPortal: z.boolean().optional() }), perm: 'articles.approve', summary: 'Publish without the usual approval, with a reason; flagged for later review' },
  review: { body: z.object({}), perm: 'articles.approve', summary: 'Review a force-published article (someone other than who published it)' },
  withdraw: { body: z.object({ reason: z.string().trim().min(1).max(2000) }), perm: 'articles.approve', summary: 'Withdraw a published or scheduled article' },
} as const;

for (const [action, m] of Object.entries(moves) as [keyof typeof moves, (typeof moves)[keyof typeof moves]][]) {
  newsroomRoutes.openapi(
    createRoute({ method: 'post', path: `/articles/{id}/${action}`, tags: tag, summary: m.summary, ...access(m.perm), request: { params: IdParam, ...jsonBody(m.body) }, responses: { 200: json(ArticleSchema), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] } }),
    async (c) => {
      const { id } = c.req.valid('param');
      if (m.perm === 'articles.write') await authorizeArticleWrite(c, id);
      else await authorize(c, 'articles.approve', (await articles.articleUnit(db(), id)).unitId);
      const body = c.req.valid('json') as Record<string, unknown>;
      return c.json(await present(c, await articles.moveArticle(actorOf(c), id, { action, ...body } as articles.ArticleAction)), 200);
    },
  );
}

newsroomRoutes.openapi(
  createRoute({ method: 'post', path: '/articles/{id}/correct', tags: tag, summary: 'Correct a published article; the correction note shows on the page', ...access('articles.approve'), request: { params: IdParam, ...jsonBody(ArticleInputSchema.extend({ version: z.number().int(), note: z.string().trim().min(1).max(2000) })) }, responses: { 200: json(ArticleSchema), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'articles.approve', (await articles.articleUnit(db(), id)).unitId);
    return c.json(await present(c, await articles.correctArticle(actorOf(c), id, c.req.valid('json'))), 200);
  },
);

newsroomRoutes.openapi(
  createRoute({ method: 'get', path: '/articles/{id}/versions', tags: tag, summary: 'Saved versions of an article', ...access('articles.read'), request: { params: IdParam }, responses: { 200: json(z.object({ items: z.array(z.object({ version: z.number(), status: z.string().nullable(), authorName: z.string().nullable(), createdAt: z.string() })) })), 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'articles.read', (await articles.articleUnit(db(), id)).unitId);
    return c.json({ items: await articles.listArticleVersions(db(), id) }, 200);
  },
);

newsroomRoutes.openapi(
  createRoute({ method: 'get', path: '/articles/{id}/comments', tags: tag, summary: 'Comments on an article', ...access('articles.read'), request: { params: IdParam }, responses: { 200: json(z.object({ items: z.array(z.object({ id: z.number(), authorName: z.string(), body: z.string(), createdAt: z.string() })) })), 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'articles.read', (await articles.articleUnit(db(), id)).unitId);
    return c.json({ items: await articles.listArticleComments(db(), id) }, 200);
  },
);

newsroomRoutes.openapi(
  createRoute({ method: 'post', path: '/articles/{id}/comments', tags: tag, summary: 'Comment on an article', ...access('articles.write'), request: { params: IdParam, ...jsonBody(z.object({ body: z.string().trim().min(1).max(5000) })) }, responses: { 201: json(z.object({ id: z.number() })), 400: errors[400], 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'articles.write', (await articles.articleUnit(db(), id)).unitId);
    return c.json({ id: await articles.addArticleComment(actorOf(c), id, c.req.valid('json').body) }, 201);
  },
);

// ---- photos ----

newsroomRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/media',
    tags: tag,
    summary: 'Upload a photo: resized to web sizes, metadata (GPS) stripped',
    ...access('articles.write'),
    request: {
      query: UnitQuery,
      body: { content: { 'multipart/form-data': { schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }), caption: z.string().optional(), isIdentifyingPupils: z.string().optional() }) } } },
    },
    responses: { 201: json(MediaItemSchema), 400: errors[400], 403: errors[403] },
  }),
  async (c) => {
    const { unitId } = c.req.valid('query');
    await authorize(c, 'articles.write', unitId);
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File)) throw new AppError('import.bad_file', 400, 'import.bad_file');
    if (file.size > config().uploadMaxBytes) {
      throw new AppError('payload_too_large', 413, 'error.payload_too_large', { maxMb: Math.round(config().uploadMaxBytes / 1048576) });
    }
    const caption = typeof form.caption === 'string' ? form.caption.trim().slice(0, 500) || null : null;
    const item = await media.uploadImage(actorOf(c), {
      unitId,
      data: Buffer.from(await file.arrayBuffer()),
      fileName: file.name,
      mime: file.type,
      caption,
      isIdentifyingPupils: form.isIdentifyingPupils === 'true',
    });
    return c.json(item, 201);
  },
);

newsroomRoutes.openapi(
  createRoute({ method: 'patch', path: '/media/{id}', tags: tag, summary: 'Caption, "identifies pupils" and the consents of a photo', ...access('articles.write'), request: { params: IdParam, ...jsonBody(z.object({ caption: z.string().max(500).nullable().optional(), isIdentifyingPupils: z.boolean().optional(), consentIds: z.array(z.number().int()).max(100).optional() })) }, responses: { 200: json(MediaItemSchema), 400: errors[400], 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'articles.write', await media.mediaUnit(db(), id));
    return c.json(await media.updateMedia(actorOf(c), id, c.req.valid('json')), 200);
  },
);

// ---- consents ----

newsroomRoutes.openapi(
  createRoute({ method: 'get', path: '/consents', tags: tag, summary: "A unit's recorded consents to publish pupils' images and information", ...access('articles.write'), request: { query: UnitQuery.extend({ q: z.string().max(100).optional() }) }, responses: { 200: json(z.object({ items: z.array(ConsentSchema) })), 403: errors[403] } }),
  async (c) => {
    const q = c.req.valid('query');
    await authorize(c, 'articles.write', q.unitId);
    return c.json({ items: await consents.listConsents(db(), q.unitId, q.q) }, 200);
  },
);

newsroomRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/consents',
    tags: tag,
    summary: "Record a consent: the guardian's, and the child's own from age 7",
    ...access('articles.write'),
    request: jsonBody(z.object({ unitId: z.number().int(), subjectName: z.string().trim().min(1).max(200), birthDate: isoDate, guardianName: z.string().trim().min(1).max(200), guardianConsentedOn: isoDate, childConsentedOn: isoDate.nullable().optional(), scope: z.string().max(1000).optional() })),
    responses: { 201: json(ConsentSchema), 400: errors[400], 403: errors[403] },
  }),
  async (c) => {
    const body = c.req.valid('json');
    await authorize(c, 'articles.write', body.unitId);
    return c.json(await consents.recordConsent(actorOf(c), body), 201);
  },
);

newsroomRoutes.openapi(
  createRoute({ method: 'post', path: '/consents/{id}/revoke', tags: tag, summary: 'Revoke a consent (published items relying on it show as missing consent)', ...access('articles.write'), request: { params: IdParam, ...jsonBody(z.object({})) }, responses: { 200: json(ConsentSchema), 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'articles.write', await consents.consentUnit(db(), id));
    return c.json(await consents.revokeConsent(actorOf(c), id), 200);
  },
);

// ---- quota and calendar ----

newsroomRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/quota',
    tags: tag,
    summary: 'Weekly article quota: sub-units × weeks (Monday–Sunday, Asia/Ho_Chi_Minh), rolled up the tree',
    ...access('articles.read'),
    request: { query: UnitQuery.extend({ weeks: z.coerce.number().int().min(1).max(53).default(12) }) },
    responses: {
      200: json(z.object({
        weeks: z.array(z.object({ start: z.string(), label: z.string() })),
        rows: z.array(z.object({ unitId: z.number(), unitName: z.string(), unitType: z.string(), isSchool: z.boolean(), schools: z.number(), cells: z.array(z.number()), required: z.number() })),
        summary: z.object({ schools: z.number(), metThisWeek: z.number() }),
      })),
      403: errors[403],
    },
  }),
  async (c) => {
    const q = c.req.valid('query');
    await authorize(c, 'articles.read', q.unitId);
    return c.json(await quota.quotaHeatmap(db(), q.unitId, q.weeks), 200);
  },
);

newsroomRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/editorial-calendar',
    tags: tag,
    summary: "Scheduled and published articles of a unit's subtree between two days",
    ...access('articles.read'),
    request: { query: UnitQuery.extend({ from: isoDate, to: isoDate }) },
    responses: { 200: json(z.object({ items: z.array(z.object({ id: z.number(), title: z.string(), unitName: z.string(), status: z.string(), at: z.string(), channels: z.array(z.string()) })) })), 403: errors[403] } ,
  }),
  async (c) => {
    const q = c.req.valid('query');
    await authorize(c, 'articles.read', q.unitId);
    const r = await db().query(
      `select a.id, a.title, u.name as "unitName", a.status, coalesce(a.scheduled_at, a.published_at) as at,
              case when a.is_on_sector_portal then array['portal', 'unit'] else array['unit'] end as channels
         from articles a join units u on u.id = a.unit_id
        where u.path <@ $1::ltree and a.status in ('scheduled', 'published')
          and coalesce(a.scheduled_at, a.published_at) >= ($2::date)::timestamp at time zone 'Asia/Ho_Chi_Minh'
          and coalesce(a.scheduled_at, a.published_at) < ($3::date + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh'
        order by at limit 1000`,
      [await unitPathOf(db(), q.unitId), q.from, q.to],
    );
    return c.json({ items: r.rows.map((x) => ({ ...x, at: new Date(x.at).toISOString() })) }, 200);
  },
);


