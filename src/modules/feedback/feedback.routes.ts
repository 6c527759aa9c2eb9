import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { actorOf, authorize, requireSession } from '../../http/auth';
import type { AppEnv } from '../../http/context';
import { validationHook } from '../../http/errors';
import { IdParam, Ok, access, errors, json, jsonBody } from '../../http/openapi';
import { db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { type Permission, canOnUnit, unitPathOf } from '../org';
import { channels, consultationStatuses, stances, visibilities } from './common';
import * as cs from './consultations.service';
import * as es from './escalate.service';
import * as xs from './exports.service';
import * as is from './items.service';
import * as ps from './privacy.service';
import { consultationPath } from './public.service';

/**
 * Feedback API (issue 8). Reading consultations and comments needs `feedback.read` on the
 * unit, changing them `feedback.write` (a unit's staff manage their own unit's and subtree's
 * consultations; spokespersons their own unit's). Contact details and data-subject requests
 * are for `feedback.write` holders only. Sending to monitoring needs `monitoring.write`,
 * opening an incident `incidents.write`, on the item's unit.
 */
const tag = ['Góp ý, lấy ý kiến'];
export const feedbackRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
type Ctx = Context<AppEnv>;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const Counts = z.object({ total: z.number(), public: z.number(), hidden: z.number() });
const ConsultationSchema = z
  .object({
    id: z.number(), unitId: z.number(), unitPath: z.string(), unitName: z.string(), title: z.string(), summary: z.string(), slug: z.string(), status: z.enum(consultationStatuses),
    opensAt: z.string(), closesAt: z.string(), responseDueAt: z.string(), responseText: z.string().nullable(), responsePublishedAt: z.string().nullable(),
    version: z.number(), createdAt: z.string(), updatedAt: z.string(), counts: Counts,
  })
  .openapi('Consultation');
const ParagraphSchema = z.object({ id: z.number(), position: z.number(), label: z.string().nullable(), body: z.string(), commentCount: z.number().optional() });
const ConsultationFull = ConsultationSchema.extend({
  paragraphs: z.array(ParagraphSchema), publicUrl: z.string(), can: z.object({ write: z.boolean(), respond: z.boolean(), editText: z.boolean() }),
}).openapi('ConsultationFull');
const ItemSchema = z
  .object({
    id: z.number(), unitId: z.number(), unitName: z.string(), consultationId: z.number().nullable(), consultationTitle: z.string().nullable(), paragraphId: z.number().nullable(),
    paragraphPosition: z.number().nullable(), paragraphLabel: z.string().nullable(), channel: z.enum(channels), stance: z.enum(stances).nullable(), subject: z.string().nullable(),
    body: z.string(), visibility: z.enum(visibilities), hiddenReason: z.string().nullable(), hiddenAuto: z.boolean(), hiddenAt: z.string().nullable(), reportCount: z.number(),
    name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable(), consentVersion: z.string().nullable(), consentAt: z.string().nullable(),
    anonymised: z.boolean(), handledAt: z.string().nullable(), monitorItemId: z.number().nullable(), incidentId: z.number().nullable(), blocked: z.boolean(), createdAt: z.string(),
  })
  .openapi('FeedbackItem');
const RequestSchema = z
  .object({
    id: z.number(), unitId: z.number(), unitName: z.string(), kind: z.enum(['export', 'erase']), name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable(),
    note: z.string().nullable(), receivedAt: z.string(), dueDate: z.string(), status: z.enum(['open', 'done', 'rejected']), overdue: z.boolean(), resultNote: z.string().nullable(),
    matchedItems: z.number().nullable(), fulfilledAt: z.string().nullable(), fulfilledByName: z.string().nullable(),
    verifiedAt: z.string().nullable(), verifiedHow: z.enum(['email', 'staff']).nullable(), verifyNote: z.string().nullable(),
  })
  .openapi('FeedbackSubjectRequest');

const pathOf = async (unitId: number) => (await unitPathOf(db(), unitId)) as string;
const ownUnitOnly = (c: Ctx, permission: Permission, path: string) =>
  !requireSession(c).user.assignments.some((a) => canOnUnit([a], permission, path) && a.role !== 'contributor' && a.role !== 'spokesperson');

async function presentConsultation(c: Ctx, x: cs.ConsultationWithParagraphs): Promise<z.infer<typeof ConsultationFull>> {
  const may = canOnUnit(requireSession(c).user.assignments, 'feedback.write', x.unitPath);
  return { ...x, publicUrl: consultationPath(x.slug), can: { write: may && x.status !== 'answered', respond: may && (x.status === 'closed' || x.status === 'answered'), editText: may && x.counts.total === 0 && x.status !== 'answered' } };
}
/** Contact details only for those who handle feedback. */
function presentItem(c: Ctx, unitPath: string, it: is.FeedbackItem): is.FeedbackItem {
  if (canOnUnit(requireSession(c).user.assignments, 'feedback.write', unitPath)) return it;
  return { ...it, name: it.name ? '•••' : null, email: it.email ? '•••' : null, phone: it.phone ? '•••' : null };
}

const UnitQuery = z.object({ unitId: z.coerce.number().int().positive() });
const Paging = { limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) };
const dateTime = z.string().min(10).max(40);
const ConsultationInput = z.object({
  title: z.string().trim().min(1).max(300), summary: z.string().max(3000).nullable().optional(), text: z.string().min(1).max(300_000),
  opensAt: dateTime, closesAt: dateTime, responseDueAt: dateTime.nullable().optional(),
});

// ---- consultations --------------------------------------------------------------------------------

feedbackRoutes.openapi(
  createRoute({
    method: 'get', path: '/feedback/consultations', tags: tag, summary: "Consultations of a unit's subtree (spokespersons: their own unit's), newest first", ...access('feedback.read'),
    request: { query: UnitQuery.extend({ status: z.enum(consultationStatuses).optional(), ...Paging }) },
    responses: { 200: json(z.object({ items: z.array(ConsultationSchema), total: z.number() })), 400: errors[400], 403: errors[403] },
  }),
  async (c) => {
    const q = c.req.valid('query');
    await authorize(c, 'feedback.read', q.unitId);
    const path = await pathOf(q.unitId);
    return c.json(await cs.listConsultations(db(), { unitPath: path, ownUnitIds: ownUnitOnly(c, 'feedback.read', path) ? [q.unitId] : null, status: q.status, limit: q.limit, offset: q.offset }), 200);
  },
);

feedbackRoutes.openapi(
  createRoute({ method: 'post', path: '/feedback/consultations', tags: tag, summary: 'Publish a draft for consultation (text split into paragraphs on blank lines and "Điều N")', ...access('feedback.write'), request: jsonBody(ConsultationInput.extend({ unitId: z.number().int().positive() })), responses: { 201: json(ConsultationFull), 400: errors[400], 403: errors[403] } }),
  async (c) => {
    const body = c.req.valid('json');
    await authorize(c, 'feedback.write', body.unitId);
    return c.json(await presentConsultation(c, await cs.createConsultation(actorOf(c), body)), 201);
  },
);

feedbackRoutes.openapi(
  createRoute({ method: 'get', path: '/feedback/consultations/{id}', tags: tag, summary: 'A consultation with its paragraphs and what the caller may do', ...access('feedback.read'), request: { params: IdParam }, responses: { 200: json(ConsultationFull), 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'feedback.read', (await cs.consultationUnitPath(db(), id)).unitId);
    return c.json(await presentConsultation(c, await cs.getConsultation(db(), id)), 200);
  },
);

feedbackRoutes.openapi(
  createRoute({ method: 'put', path: '/feedback/consultations/{id}', tags: tag, summary: 'Edit a consultation (the text only while nobody has commented); carries its version', ...access('feedback.write'), request: { params: IdParam, ...jsonBody(ConsultationInput.partial().extend({ version: z.number().int() })) }, responses: { 200: json(ConsultationFull), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'feedback.write', (await cs.consultationUnitPath(db(), id)).unitId);
    return c.json(await presentConsultation(c, await cs.updateConsultation(actorOf(c), id, c.req.valid('json'))), 200);
  },
);

feedbackRoutes.openapi(
  createRoute({ method: 'post', path: '/feedback/consultations/{id}/response', tags: tag, summary: 'Publish (or correct) the response "you said, we did" after the consultation closed', ...access('feedback.write'), request: { params: IdParam, ...jsonBody(z.object({ text: z.string().min(1).max(50_000) })) }, responses: { 200: json(ConsultationFull), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'feedback.write', (await cs.consultationUnitPath(db(), id)).unitId);
    return c.json(await presentConsultation(c, await cs.publishResponse(actorOf(c), id, c.req.valid('json').text)), 200);
  },
);

feedbackRoutes.openapi(
  createRoute({
    method: 'get', path: '/feedback/consultations/{id}/items', tags: tag, summary: "A consultation's comments (hidden ones included, with the reason)", ...access('feedback.read'),
    request: { params: IdParam, query: z.object({ visibility: z.enum(visibilities).optional(), paragraphId: z.coerce.number().int().positive().optional(), ...Paging }) },
    responses: { 200: json(z.object({ items: z.array(ItemSchema), total: z.number() })), 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const q = c.req.valid('query');
    const u = await cs.consultationUnitPath(db(), id);
    await authorize(c, 'feedback.read', u.unitId);
    const r = await is.listItems(db(), { unitPath: u.unitPath, consultationId: id, visibility: q.visibility, paragraphId: q.paragraphId, limit: q.limit, offset: q.offset });
    return c.json({ total: r.total, items: r.items.map((x) => presentItem(c, u.unitPath, x)) }, 200);
  },
);

for (const [ext, mime] of [['xlsx', XLSX], ['docx', DOCX]] as const) {
  feedbackRoutes.openapi(
    createRoute({
      method: 'get', path: `/feedback/consultations/{id}/export.${ext}`, tags: tag, summary: `A consultation's comments as ${ext.toUpperCase()} (paragraph, stance, hidden and why)`, ...access('feedback.read'),
      request: { params: IdParam }, responses: { 200: { description: ext.toUpperCase(), content: { [mime]: { schema: z.any() } } }, 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await authorize(c, 'feedback.read', (await cs.consultationUnitPath(db(), id)).unitId);
      const data = ext === 'xlsx' ? await xs.exportConsultationXlsx(db(), id) : await xs.exportConsultationDocx(db(), id);
      return c.body(new Uint8Array(data), 200, { 'content-type': mime, 'content-disposition': `attachment; filename="gop-y-${id}.${ext}"` }) as never;
    },
  );
}

// ---- items: general feedback, hotline, moderation, escalation ------------------------------------

feedbackRoutes.openapi(
  createRoute({
    method: 'get', path: '/feedback/items', tags: tag, summary: "General feedback and hotline notes of a unit's subtree (not tied to a consultation)", ...access('feedback.read'),
    request: { query: UnitQuery.extend({ handled: z.enum(['true', 'false']).optional(), ...Paging }) },
    responses: { 200: json(z.object({ items: z.array(ItemSchema), total: z.number() })), 400: errors[400], 403: errors[403] },
  }),
  async (c) => {
    const q = c.req.valid('query');
    await authorize(c, 'feedback.read', q.unitId);
    const path = await pathOf(q.unitId);
    const r = await is.listItems(db(), { unitPath: path, ownUnitIds: ownUnitOnly(c, 'feedback.read', path) ? [q.unitId] : null, general: true, handled: q.handled == null ? undefined : q.handled === 'true', limit: q.limit, offset: q.offset });
    return c.json({ total: r.total, items: r.items.map((x) => presentItem(c, path, x)) }, 200);
  },
);

feedbackRoutes.openapi(
  createRoute({ method: 'get', path: '/feedback/items/{id}', tags: tag, summary: 'One comment or feedback item', ...access('feedback.read'), request: { params: IdParam }, responses: { 200: json(ItemSchema), 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    const u = await is.itemUnit(db(), id);
    await authorize(c, 'feedback.read', u.unitId);
    return c.json(presentItem(c, u.unitPath, await is.getItem(db(), id)), 200);
  },
);

feedbackRoutes.openapi(
  createRoute({
    method: 'post', path: '/feedback/hotline', tags: tag, summary: 'Record what a caller said on the hotline (optionally about a consultation and a paragraph)', ...access('feedback.write'),
    request: jsonBody(z.object({
      unitId: z.number().int().positive(), consultationId: z.number().int().positive().nullable().optional(), paragraphId: z.number().int().positive().nullable().optional(),
      stance: z.enum(stances).nullable().optional(), subject: z.string().max(200).nullable().optional(), body: z.string().min(1).max(5000),
      name: z.string().max(120).nullable().optional(), email: z.string().max(254).nullable().optional(), phone: z.string().max(20).nullable().optional(), consent: z.boolean().optional(),
    })),
    responses: { 201: json(ItemSchema), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] },
  }),
  async (c) => {
    const body = c.req.valid('json');
    // the chosen unit and, when attached to one, the consultation's unit (the service checks it lies in the chosen unit's subtree)
    await authorize(c, 'feedback.write', body.unitId);
    if (body.consultationId) await authorize(c, 'feedback.write', (await cs.consultationUnitPath(db(), body.consultationId)).unitId);
    const { id } = await is.addHotlineNote(actorOf(c), body);
    return c.json(await is.getItem(db(), id), 201);
  },
);

const itemMoves = {
  hide: { body: z.object({ reason: z.string().trim().min(1).max(500) }), summary: 'Hide a comment from the public page, with a reason (kept in exports)' },
  unhide: { body: z.object({}), summary: 'Show a hidden comment again (reports no longer auto-hide it)' },
  handled: { body: z.object({ handled: z.boolean() }), summary: 'Mark general feedback / a hotline note handled, or back to new' },
} as const;
for (const [action, m] of Object.entries(itemMoves) as [keyof typeof itemMoves, (typeof itemMoves)[keyof typeof itemMoves]][]) {
  feedbackRoutes.openapi(
    createRoute({ method: 'post', path: `/feedback/items/{id}/${action}`, tags: tag, summary: m.summary, ...access('feedback.write'), request: { params: IdParam, ...jsonBody(m.body) }, responses: { 200: json(ItemSchema), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] } }),
    async (c) => {
      const { id } = c.req.valid('param');
      const u = await is.itemUnit(db(), id);
      await authorize(c, 'feedback.write', u.unitId);
      const body = c.req.valid('json') as { reason?: string; handled?: boolean };
      const it = action === 'hide' ? await is.hideItem(actorOf(c), id, body.reason ?? '') : action === 'unhide' ? await is.unhideItem(actorOf(c), id) : await is.setHandled(actorOf(c), id, !!body.handled);
      return c.json(it, 200);
    },
  );
}

feedbackRoutes.openapi(
  createRoute({ method: 'post', path: '/feedback/items/{id}/block', tags: tag, summary: "Block the item's sender (hashed IP and/or e-mail); a public comment is hidden too", ...access('feedback.write'), request: { params: IdParam, ...jsonBody(z.object({ reason: z.string().trim().min(1).max(500) })) }, responses: { 200: json(z.object({ blockId: z.number() })), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'feedback.write', (await is.itemUnit(db(), id)).unitId);
    return c.json(await is.blockSender(actorOf(c), id, c.req.valid('json').reason), 200);
  },
);

feedbackRoutes.openapi(
  createRoute({ method: 'get', path: '/feedback/blocks', tags: tag, summary: "Blocks in force for a unit's subtree", ...access('feedback.write'), request: { query: UnitQuery }, responses: { 200: json(z.object({ items: z.array(z.object({ id: z.number(), reason: z.string(), itemId: z.number(), createdAt: z.string(), byIp: z.boolean(), byEmail: z.boolean(), createdByName: z.string().nullable() })) })), 403: errors[403] } }),
  async (c) => {
    const q = c.req.valid('query');
    await authorize(c, 'feedback.write', q.unitId);
    return c.json({ items: await is.listBlocks(db(), await pathOf(q.unitId)) }, 200);
  },
);

feedbackRoutes.openapi(
  createRoute({ method: 'delete', path: '/feedback/blocks/{id}', tags: tag, summary: 'Lift a block', ...access('feedback.write'), request: { params: IdParam }, responses: { 200: json(Ok), 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    const r = await db().query('select f.unit_id as "unitId" from feedback_blocks b join feedback_items f on f.id = b.item_id where b.id = $1', [id]);
    if (!r.rowCount) throw new AppError('feedback.item_not_found', 404, 'feedback.item_not_found');
    await authorize(c, 'feedback.write', Number(r.rows[0].unitId));
    await is.unblock(actorOf(c), id);
    return c.json({ ok: true as const }, 200);
  },
);

feedbackRoutes.openapi(
  createRoute({ method: 'post', path: '/feedback/items/{id}/monitoring', tags: tag, summary: 'Send an item that signals a risk to monitoring (a manual / hotline entry of its unit)', ...access('monitoring.write'), request: { params: IdParam, ...jsonBody(z.object({})) }, responses: { 200: json(z.object({ monitorItemId: z.number() })), 403: errors[403], 404: errors[404], 409: errors[409] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'monitoring.write', (await is.itemUnit(db(), id)).unitId);
    return c.json(await es.sendToMonitoring(actorOf(c), id), 200);
  },
);

feedbackRoutes.openapi(
  createRoute({ method: 'post', path: '/feedback/items/{id}/incident', tags: tag, summary: 'Open an incident from an item that signals a risk', ...access('incidents.write'), request: { params: IdParam, ...jsonBody(z.object({ severity: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]), title: z.string().max(300).nullable().optional() })) }, responses: { 200: json(z.object({ incidentId: z.number() })), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'incidents.write', (await is.itemUnit(db(), id)).unitId);
    return c.json(await es.openIncidentFromItem(actorOf(c), id, c.req.valid('json')), 200);
  },
);

// ---- data-subject requests --------------------------------------------------------------------------

feedbackRoutes.openapi(
  createRoute({ method: 'get', path: '/feedback/requests', tags: tag, summary: "Data-subject requests of a unit's subtree (open first, by due date; overdue counted)", ...access('feedback.write'), request: { query: UnitQuery.extend({ status: z.enum(['open', 'done', 'rejected']).optional(), ...Paging }) }, responses: { 200: json(z.object({ items: z.array(RequestSchema), total: z.number(), overdue: z.number() })), 403: errors[403] } }),
  async (c) => {
    const q = c.req.valid('query');
    await authorize(c, 'feedback.write', q.unitId);
    return c.json(await ps.listSubjectRequests(db(), { unitPath: await pathOf(q.unitId), status: q.status, limit: q.limit, offset: q.offset }), 200);
  },
);

feedbackRoutes.openapi(
  createRoute({ method: 'post', path: '/feedback/requests', tags: tag, summary: 'Register a data-subject request received by letter, phone or in person (due in 2 working days)', ...access('feedback.write'), request: jsonBody(z.object({ unitId: z.number().int().positive(), kind: z.enum(['export', 'erase']), name: z.string().max(120).nullable().optional(), email: z.string().max(254).nullable().optional(), phone: z.string().max(20).nullable().optional(), note: z.string().max(2000).nullable().optional() })), responses: { 201: json(RequestSchema), 400: errors[400], 403: errors[403] } }),
  async (c) => {
    const body = c.req.valid('json');
    await authorize(c, 'feedback.write', body.unitId);
    return c.json(await ps.createSubjectRequest(actorOf(c), body), 201);
  },
);

feedbackRoutes.openapi(
  createRoute({ method: 'post', path: '/feedback/requests/{id}/fulfil', tags: tag, summary: 'Fulfil a request (export: mark sent, mailed to an e-mail-verified address; erase: delete contact details, anonymise, mask escalated copies) or reject it with a reason; an unverified portal request needs identityVerified (how staff verified the requester)', ...access('feedback.write'), request: { params: IdParam, ...jsonBody(z.object({ resultNote: z.string().max(2000).nullable().optional(), reject: z.boolean().optional(), identityVerified: z.string().max(2000).nullable().optional() })) }, responses: { 200: json(RequestSchema), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'feedback.write', await ps.subjectRequestUnit(db(), id));
    return c.json(await ps.fulfilSubjectRequest(actorOf(c), id, c.req.valid('json')), 200);
  },
);

for (const [ext, mime] of [['json', 'application/json'], ['xlsx', XLSX]] as const) {
  feedbackRoutes.openapi(
    createRoute({ method: 'get', path: `/feedback/requests/{id}/export.${ext}`, tags: tag, summary: `What we hold about the requester, as ${ext.toUpperCase()}`, ...access('feedback.write'), request: { params: IdParam }, responses: { 200: { description: ext.toUpperCase(), content: { [mime]: { schema: z.any() } } }, 403: errors[403], 404: errors[404] } }),
    async (c) => {
      const { id } = c.req.valid('param');
      await authorize(c, 'feedback.write', await ps.subjectRequestUnit(db(), id));
      const data = ext === 'json' ? Buffer.from(JSON.stringify(await ps.subjectDataJson(db(), id), null, 2)) : await ps.subjectDataXlsx(db(), id);
      return c.body(new Uint8Array(data), 200, { 'content-type': mime, 'content-disposition': `attachment; filename="du-lieu-ca-nhan-${id}.${ext}"` }) as never;
    },
  );
}
