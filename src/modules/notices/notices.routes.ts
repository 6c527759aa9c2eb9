import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { actorOf, authorize, requireSession } from '../../http/auth';
import type { AppEnv } from '../../http/context';
import { validationHook } from '../../http/errors';
import { IdParam, access, errors, json, jsonBody } from '../../http/openapi';
import { db } from '../../platform/db';
import { enqueue } from '../../platform/jobs';
import { canOnUnit, roles, unitPathOf, unitTypes } from '../org';
import { sweepNoticesJob } from './notices.jobs';
import * as svc from './notices.service';
import * as rcp from './receipts.service';

/**
 * Lines to take and internal notices. Writing, sending, withdrawing and the
 * receipts report need `notices.write` on the issuing unit; approving needs
 * `notices.approve` there (the service adds: never one's own, a spokesperson
 * approves lines to take only). A recipient's inbox, reading and acknowledging
 * are `session` routes acting on the caller's own deliveries; the e-mailed link
 * is public and carries an unguessable per-delivery token.
 */
const tag = ['Thông báo nội bộ'];
export const noticeRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
type Ctx = Context<AppEnv>;

const AudienceSchema = z.object({
  unitTypes: z.array(z.enum(unitTypes)).max(6).optional(),
  unitIds: z.array(z.number().int().positive()).max(5000).optional(),
  roles: z.array(z.enum(roles)).max(8).optional(),
});
const InputSchema = z.object({
  kind: z.enum(svc.noticeKinds),
  title: z.string().trim().min(1).max(300),
  bodyHtml: z.string().max(200_000).optional(),
  attachments: z.array(z.object({ name: z.string().trim().min(1).max(200), url: z.string().trim().min(1).max(2000) })).max(20).optional(),
  isPublic: z.boolean().optional(),
  isAckRequired: z.boolean().optional(),
  incidentId: z.number().int().positive().nullable().optional(),
  audience: AudienceSchema.optional(),
  reminderHours: z.array(z.number().int().min(1).max(24 * 30)).max(5).optional(),
});
const Counts = z.object({ recipients: z.number(), read: z.number(), acked: z.number() });
const NoticeSchema = z
  .object({
    id: z.number(), unitId: z.number(), unitName: z.string(), kind: z.enum(svc.noticeKinds), title: z.string(), bodyHtml: z.string(),
    attachments: z.array(z.object({ name: z.string(), url: z.string() })), isPublic: z.boolean(), isAckRequired: z.boolean(), incidentId: z.number().nullable(),
    audience: z.object({ unitTypes: z.array(z.string()), unitIds: z.array(z.number()), roles: z.array(z.string()) }),
    reminderHours: z.array(z.number()), status: z.enum(svc.noticeStatuses), seriesId: z.number().nullable(), revision: z.number(), supersedesId: z.number().nullable(),
    version: z.number(), createdBy: z.number().nullable(), createdByName: z.string().nullable(), approvedBy: z.number().nullable(), approvedByName: z.string().nullable(),
    approvedAt: z.string().nullable(), sentBy: z.number().nullable(), sentByName: z.string().nullable(), sentAt: z.string().nullable(), withdrawnAt: z.string().nullable(),
    withdrawNote: z.string().nullable(), recipientCount: z.number(), unitCount: z.number(), createdAt: z.string(), updatedAt: z.string(),
    readCount: z.number(), ackCount: z.number(), audienceCount: z.object({ units: z.number(), people: z.number() }).nullable(),
    audienceUnits: z.array(z.object({ id: z.number(), name: z.string() })),
    can: z.object({ edit: z.boolean(), approve: z.boolean(), return: z.boolean(), send: z.boolean(), withdraw: z.boolean(), revise: z.boolean() }),
  })
  .openapi('Notice');
const ListItemSchema = z.object({
  id: z.number(), unitId: z.number(), unitName: z.string(), kind: z.enum(svc.noticeKinds), title: z.string(), status: z.enum(svc.noticeStatuses),
  isPublic: z.boolean(), isAckRequired: z.boolean(), revision: z.number(), createdBy: z.number().nullable(), createdByName: z.string().nullable(),
  sentAt: z.string().nullable(), updatedAt: z.string(), recipientCount: z.number(), unitCount: z.number(), readCount: z.number(), ackCount: z.number(),
});
const ReceivedItemSchema = z.object({
  noticeId: z.number(), kind: z.enum(svc.noticeKinds), title: z.string(), status: z.enum(svc.noticeStatuses), unitName: z.string(), sentAt: z.string().nullable(),
  isAckRequired: z.boolean(), readAt: z.string().nullable(), acknowledgedAt: z.string().nullable(), remindedStep: z.number(), forUnitName: z.string(),
});
const ReceivedSchema = z
  .object({
    id: z.number(), kind: z.enum(svc.noticeKinds), title: z.string(), bodyHtml: z.string(), attachments: z.array(z.object({ name: z.string(), url: z.string() })),
    status: z.enum(svc.noticeStatuses), isPublic: z.boolean(), isAckRequired: z.boolean(), unitName: z.string(), forUnitName: z.string(), revision: z.number(),
    sentAt: z.string().nullable(), withdrawnAt: z.string().nullable(), withdrawNote: z.string().nullable(), supersededById: z.number().nullable(),
    readAt: z.string().nullable(), acknowledgedAt: z.string().nullable(), remindedStep: z.number(),
  })
  .openapi('ReceivedNotice');
const ReceiptsSchema = z
  .object({
    totals: Counts.extend({ units: z.number(), unitsAllRead: z.number() }),
    units: z.array(z.object({
      unitId: z.number(), name: z.string(), type: z.string(), parentId: z.number().nullable(), depth: z.number(), isRecipient: z.boolean(),
      own: Counts, total: Counts.extend({ units: z.number(), unitsAllRead: z.number() }),
    })),
    people: z.array(z.object({
      userId: z.number(), name: z.string(), email: z.string(), unitId: z.number(), unitName: z.string(), roles: z.array(z.string()),
      readAt: z.string().nullable(), readVia: z.string().nullable(), acknowledgedAt: z.string().nullable(), remindedStep: z.number(),
      emailedAt: z.string().nullable(), zaloStatus: z.string().nullable(),
    })),
  })
  .openapi('NoticeReceipts');

async function present(c: Ctx, n: svc.Notice): Promise<z.infer<typeof NoticeSchema>> {
  const s = requireSession(c);
  const path = (await unitPathOf(db(), n.unitId)) as string;
  const mayWrite = canOnUnit(s.user.assignments, 'notices.write', path);
  const mayApprove = canOnUnit(s.user.assignments, 'notices.approve', path);
  const isAuthor = n.createdBy === s.user.id;
  const who = mayApprove ? await svc.approverRolesOf(db(), s.user.id, n.unitId) : { isLeader: false, isSpokesperson: false };
  const st = n.status;
  return {
    ...n,
    can: {
      edit: st === 'draft' && mayWrite,
      approve: st === 'draft' && !isAuthor && (who.isLeader || (who.isSpokesperson && n.kind === 'line_to_take')),
      return: st === 'approved' && (mayWrite || mayApprove),
      send: st === 'approved' && mayWrite,
      withdraw: st === 'sent' && mayWrite,
      revise: ['approved', 'sent', 'withdrawn'].includes(st) && mayWrite,
    },
  };
}

// ---- the recipient's side (registered before /notices/{id}) ----------------------------

const ZaloIdSchema = z.object({ zaloUserId: z.string().trim().regex(/^[0-9A-Za-z_-]{3,64}$/).nullable() });
noticeRoutes.openapi(
  createRoute({ method: 'get', path: '/notices/zalo-id', tags: tag, summary: "The caller's own Zalo user id for OA messages (null when not set)", ...access('session'), responses: { 200: json(ZaloIdSchema), 401: errors[401] } }),
  async (c) => {
    const s = requireSession(c);
    return c.json({ zaloUserId: await rcp.getZaloId(db(), s.user.id) }, 200);
  },
);
noticeRoutes.openapi(
  createRoute({ method: 'put', path: '/notices/zalo-id', tags: tag, summary: 'Set or clear (null) the caller\'s own Zalo user id, so notices also arrive as Zalo OA messages', ...access('session'), request: jsonBody(ZaloIdSchema), responses: { 200: json(ZaloIdSchema), 400: errors[400], 401: errors[401] } }),
  async (c) => {
    const s = requireSession(c);
    const { zaloUserId } = c.req.valid('json');
    return c.json({ zaloUserId: await rcp.setZaloId({ ...actorOf(c), userId: s.user.id }, zaloUserId) }, 200);
  },
);

noticeRoutes.openapi(
  createRoute({ method: 'get', path: '/notices/received', tags: tag, summary: "The caller's received notices, newest first, with the unread count", ...access('session'), request: { query: z.object({ unread: z.enum(['1', '0']).optional() }) }, responses: { 200: json(z.object({ unread: z.number(), items: z.array(ReceivedItemSchema) })), 401: errors[401] } }),
  async (c) => {
    const s = requireSession(c);
    return c.json(await rcp.listReceived(db(), s.user.id, { isUnreadOnly: c.req.valid('query').unread === '1' }), 200);
  },
);

noticeRoutes.openapi(
  createRoute({ method: 'get', path: '/notices/received/{id}', tags: tag, summary: 'A notice the caller received (404 for anybody else); does not mark it read', ...access('session'), request: { params: IdParam }, responses: { 200: json(ReceivedSchema), 401: errors[401], 404: errors[404] } }),
  async (c) => {
    const s = requireSession(c);
    return c.json(await rcp.getReceived(db(), s.user.id, c.req.valid('param').id), 200);
  },
);

noticeRoutes.openapi(
  createRoute({ method: 'post', path: '/notices/received/{id}/read', tags: tag, summary: 'Record that the caller read the notice (once; later calls change nothing)', ...access('session'), request: { params: IdParam, ...jsonBody(z.object({})) }, responses: { 200: json(ReceivedSchema.extend({ isFirstRead: z.boolean() })), 401: errors[401], 404: errors[404] } }),
  async (c) => {
    const s = requireSession(c);
    const id = c.req.valid('param').id;
    const isFirstRead = await rcp.markRead({ ...actorOf(c), userId: s.user.id }, id, 'app');
    return c.json({ ...(await rcp.getReceived(db(), s.user.id, id)), isFirstRead }, 200);
  },
);

noticeRoutes.openapi(
  createRoute({ method: 'post', path: '/notices/received/{id}/acknowledge', tags: tag, summary: 'Acknowledge a notice that asks for it (instructions); counts as read', ...access('session'), request: { params: IdParam, ...jsonBody(z.object({})) }, responses: { 200: json(ReceivedSchema), 401: errors[401], 404: errors[404], 409: errors[409] } }),
  async (c) => {
    const s = requireSession(c);
    const id = c.req.valid('param').id;
    await rcp.acknowledge({ ...actorOf(c), userId: s.user.id }, id);
    return c.json(await rcp.getReceived(db(), s.user.id, id), 200);
  },
);

noticeRoutes.openapi(
  createRoute({
    method: 'get', path: '/notices/receipt/{token}', tags: tag,
    summary: "The e-mailed link: records the read of that delivery, then opens the notice in the admin UI (sign-in first if needed)",
    ...access('public'),
    request: { params: z.object({ token: z.string().max(100).openapi({ param: { name: 'token', in: 'path' } }) }) },
    responses: { 302: { description: 'To the notice (or the inbox when the link is unknown)' } },
  }),
  async (c) => {
    const r = await rcp.readByToken(c.req.valid('param').token);
    return c.redirect(r ? `/admin/thong-bao/nhan/${r.noticeId}` : '/admin/thong-bao', 302);
  },
);

// ---- the sender's side -----------------------------------------------------------------

noticeRoutes.openapi(
  createRoute({
    method: 'get', path: '/notices', tags: tag, summary: "Notices issued by a unit's subtree (spokespersons: their own unit's), filtered", ...access('notices.write'),
    request: {
      query: z.object({
        unitId: z.coerce.number().int().positive(),
        status: z.enum(svc.noticeStatuses).optional(),
        kind: z.enum(svc.noticeKinds).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        offset: z.coerce.number().int().min(0).default(0),
      }),
    },
    responses: { 200: json(z.object({ items: z.array(ListItemSchema), total: z.number() })), 400: errors[400], 403: errors[403] },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const s = await authorize(c, 'notices.write', q.unitId);
    const path = (await unitPathOf(db(), q.unitId)) as string;
    const reachesSubtree = s.user.assignments.some((a) => canOnUnit([a], 'notices.write', path) && a.role !== 'spokesperson' && a.role !== 'contributor');
    return c.json(await svc.listNotices(db(), { unitPath: path, ownUnitIds: reachesSubtree ? null : [q.unitId], status: q.status, kind: q.kind, limit: q.limit, offset: q.offset }), 200);
  },
);

noticeRoutes.openapi(
  createRoute({ method: 'post', path: '/notices', tags: tag, summary: 'Write a notice or line to take (a draft, waiting for approval)', ...access('notices.write'), request: jsonBody(InputSchema.extend({ unitId: z.number().int().positive() })), responses: { 201: json(NoticeSchema), 400: errors[400], 403: errors[403] } }),
  async (c) => {
    const body = c.req.valid('json');
    await authorize(c, 'notices.write', body.unitId);
    return c.json(await present(c, await svc.createNotice(actorOf(c), body)), 201);
  },
);

noticeRoutes.openapi(
  createRoute({ method: 'get', path: '/notices/{id}', tags: tag, summary: 'A notice with its read figures and what the caller may do with it', ...access('notices.write'), request: { params: IdParam }, responses: { 200: json(NoticeSchema), 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'notices.write', (await svc.noticeUnit(db(), id)).unitId);
    return c.json(await present(c, await svc.getNotice(db(), id)), 200);
  },
);

noticeRoutes.openapi(
  createRoute({ method: 'put', path: '/notices/{id}', tags: tag, summary: 'Edit a draft; carries the version it was loaded at', ...access('notices.write'), request: { params: IdParam, ...jsonBody(InputSchema.extend({ version: z.number().int() })) }, responses: { 200: json(NoticeSchema), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'notices.write', (await svc.noticeUnit(db(), id)).unitId);
    return c.json(await present(c, await svc.updateNotice(actorOf(c), id, c.req.valid('json'))), 200);
  },
);

noticeRoutes.openapi(
  createRoute({ method: 'get', path: '/notices/{id}/receipts', tags: tag, summary: 'Who has read and who has not: per person, per unit, rolled up the tree', ...access('notices.write'), request: { params: IdParam }, responses: { 200: json(ReceiptsSchema), 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'notices.write', (await svc.noticeUnit(db(), id)).unitId);
    return c.json(await rcp.getReceipts(db(), id), 200);
  },
);

noticeRoutes.openapi(
  createRoute({ method: 'post', path: '/notices/{id}/approve', tags: tag, summary: "Approve a draft (never one's own; a spokesperson approves lines to take only)", ...access('notices.approve'), request: { params: IdParam, ...jsonBody(z.object({})) }, responses: { 200: json(NoticeSchema), 403: errors[403], 404: errors[404], 409: errors[409] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'notices.approve', (await svc.noticeUnit(db(), id)).unitId);
    return c.json(await present(c, await svc.approveNotice(actorOf(c), id)), 200);
  },
);

const writeMoves = {
  return: { body: z.object({}), summary: 'Send an approved notice back to draft, to change it' },
  send: { body: z.object({}), summary: 'Push an approved notice down to its audience: one delivery per unit and per person, in one statement' },
  withdraw: { body: z.object({ note: z.string().trim().min(1).max(2000) }), summary: 'Withdraw a sent notice, with the reason (recipients see it)' },
  revise: { body: z.object({}), summary: 'Start a new version (a draft) of an approved, sent or withdrawn notice; sending it supersedes this one' },
} as const;

for (const [action, m] of Object.entries(writeMoves) as [keyof typeof writeMoves, (typeof writeMoves)[keyof typeof writeMoves]][]) {
  noticeRoutes.openapi(
    createRoute({ method: 'post', path: `/notices/{id}/${action}`, tags: tag, summary: m.summary, ...access('notices.write'), request: { params: IdParam, ...jsonBody(m.body) }, responses: { 200: json(NoticeSchema), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] } }),
    async (c) => {
      const { id } = c.req.valid('param');
      await authorize(c, 'notices.write', (await svc.noticeUnit(db(), id)).unitId);
      const actor = actorOf(c);
      const body = c.req.valid('json') as { note?: string };
      const n =
        action === 'return'
          ? await svc.returnNotice(actor, id)
          : action === 'send'
            ? await svc.sendNotice(actor, id, async (tx) => {
                try {
                  await enqueue(sweepNoticesJob, {}, { tx });
                } catch (err) {
                  if (!/not started/.test((err as Error).message)) throw err;
                }
              })
            : action === 'withdraw'
              ? await svc.withdrawNotice(actor, id, body.note as string)
              : await svc.reviseNotice(actor, id);
      return c.json(await present(c, n), 200);
    },
  );
}
