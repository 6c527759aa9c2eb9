import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { actorOf, authorize, requireSession } from '../../http/auth';
import type { AppEnv } from '../../http/context';
import { validationHook } from '../../http/errors';
import { access, errors, json, jsonBody } from '../../http/openapi';
import { db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { readFile } from '../../platform/files';
import { foldVietnamese } from '../../text';
import { fileHeaders } from '../documents';
import { type Permission, canOnUnit, unitPathOf } from '../org';
import { listBriefings } from '../press';
import * as cal from './calendar.service';
import * as svc from './events.service';
import { eventReminders } from './reminders.service';

/**
 * Trainings and events API. Reading needs `plans.read` on the organiser (or being
 * invited: the person, or `plans.read` on an invited unit); scheduling, inviting,
 * ticking attendance and materials need `plans.write` on the organiser; answering an
 * invitation is for the invited person or `plans.write` on the invited unit.
 */
const tag = ['Sự kiện, tập huấn'];
export const eventRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
type Ctx = Context<AppEnv>;

const Any = z.object({}).passthrough();
const text = (max: number) => z.string().trim().max(max);
const optText = (max: number) => text(max).nullable().optional();
const pos = z.coerce.number().int().positive();
const param = (name: string) => pos.openapi({ param: { name, in: 'path' } });
const resp = (ok: 200 | 201) => ({ [ok]: json(Any), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] });

type RouteDef = {
  method: 'get' | 'post' | 'put' | 'delete'; path: string; summary: string; perm: Permission | 'session' | 'public';
  params?: z.ZodObject<any>; query?: z.ZodTypeAny; body?: z.ZodTypeAny; multipart?: boolean; status?: 200 | 201; raw?: boolean | 'calendar';
};
function route(d: RouteDef, handler: (c: Ctx, input: { params: any; query: any; body: any }) => Promise<unknown>) {
  const request: Record<string, unknown> = {};
  if (d.params) request.params = d.params;
  if (d.query) request.query = d.query;
  if (d.body) Object.assign(request, jsonBody(d.body));
  if (d.multipart) request.body = { content: { 'multipart/form-data': { schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }), title: z.string().optional() }) } } };
  const responses = d.raw
    ? d.raw === 'calendar'
      ? { 200: { content: { 'text/calendar': { schema: z.string() } }, description: 'An iCalendar (RFC 5545) document' }, 401: errors[401], 403: errors[403], 404: errors[404] }
      : { 200: { content: { 'application/octet-stream': { schema: z.any().openapi({ type: 'string', format: 'binary' }) } }, description: 'The file' }, 403: errors[403], 404: errors[404] }
    : resp(d.status ?? 200);
  eventRoutes.openapi(
    createRoute({ method: d.method, path: d.path, tags: tag, summary: d.summary, ...access(d.perm), request: request as never, responses: responses as never }),
    (async (c: Ctx) => {
      const v = c.req as unknown as { valid: (k: string) => any };
      const out = await handler(c, { params: d.params ? v.valid('param') : {}, query: d.query ? v.valid('query') : {}, body: d.body ? v.valid('json') : {} });
      if (d.raw) return out as Response;
      return c.json(out as object, d.status ?? 200);
    }) as never,
  );
}

const Id = z.object({ id: param('id') });
const EventBody = z.object({
  kind: z.enum(svc.eventKinds), title: text(300).min(1), description: optText(5000), startsAt: z.string().min(10).max(40), endsAt: z.string().min(10).max(40).nullable().optional(),
  place: optText(300), onlineUrl: optText(1000), planTaskId: z.number().int().positive().nullable().optional(), status: z.enum(svc.eventStatuses).optional(),
  reminder: z.enum(eventReminders).optional(),
});

/** Reading an event: plans.read on the organiser, or invited (the person, or plans.read on an invited unit). */
async function authorizeView(c: Ctx, id: number) {
  const s = requireSession(c);
  const { unitPath } = await svc.eventUnit(db(), id);
  if (canOnUnit(s.user.assignments, 'plans.read', unitPath)) return s;
  const inv = await db().query<{ path: string; userId: number | null }>(
    'select u.path::text as path, i.user_id as "userId" from event_invitees i join units u on u.id = i.unit_id where i.event_id = $1',
    [id],
  );
  if (inv.rows.some((r) => Number(r.userId) === s.user.id || (r.userId == null && canOnUnit(s.user.assignments, 'plans.read', r.path)))) return s;
  throw new AppError('forbidden', 403, 'error.forbidden');
}
const authorizeWrite = async (c: Ctx, id: number) => authorize(c, 'plans.write', (await svc.eventUnit(db(), id)).unitId);

function present(c: Ctx, e: svc.EventDetail) {
  const s = requireSession(c);
  const mayEdit = canOnUnit(s.user.assignments, 'plans.write', e.unitPath);
  return {
    ...e,
    can: {
      edit: mayEdit && e.status !== 'cancelled',
      respondInviteeIds: e.status === 'cancelled' ? [] : e.invitees.filter((i) => (i.userId != null ? i.userId === s.user.id : false)).map((i) => i.id),
    },
  };
}
/**
 * Adds the unit invitations the caller answers for: those of a unit where they hold a
 * plans.write role themselves (the route also lets units above answer, but the page only
 * offers it to the invited unit's own leaders and focal points).
 */
async function presentFull(c: Ctx, e: svc.EventDetail) {
  const s = requireSession(c);
  const p = present(c, e);
  if (e.status === 'cancelled') return p;
  const own = new Set(s.user.assignments.filter((a) => canOnUnit([a], 'plans.write', a.unitPath)).map((a) => a.unitId));
  for (const i of e.invitees) if (i.userId == null && own.has(i.unitId)) p.can.respondInviteeIds.push(i.id);
  return p;
}

route(
  {
    method: 'get', path: '/events', perm: 'plans.read',
    summary: "A unit's calendar: events organised in its subtree or to which it (or a unit under it) is invited, and its press briefings (read-only)",
    query: z.object({ unitId: pos, from: z.string().min(10).max(40), to: z.string().min(10).max(40), kind: z.enum(svc.eventKinds).optional() }),
  },
  async (c, { query }) => {
    const s = await authorize(c, 'plans.read', query.unitId);
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw new AppError('event.bad_date', 400, 'event.bad_date');
    const path = (await unitPathOf(db(), query.unitId)) as string;
    const reaches = s.user.assignments.some((a) => canOnUnit([a], 'plans.read', path) && a.role !== 'contributor' && a.role !== 'spokesperson');
    const items = await svc.listEvents(db(), { unitPath: path, ownUnitId: reaches ? null : query.unitId, from, to, kind: query.kind });
    const briefings = [];
    if (!query.kind) {
      const y0 = Number(from.toLocaleString('en-US', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }));
      const y1 = Number(to.toLocaleString('en-US', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }));
      for (let y = y0; y <= Math.min(y1, y0 + 2); y++) {
        for (const b of await listBriefings(db(), query.unitId, y)) {
          const at = new Date(b.startsAt);
          if (at >= from && at < to) briefings.push({ id: b.id, kind: b.kind, title: b.title, startsAt: b.startsAt, place: b.place, status: b.status });
        }
      }
    }
    return { items, briefings };
  },
);

route({ method: 'get', path: '/events/invitations', perm: 'session', summary: "The caller's pending invitations: their own and their units' (as leader or focal point)" }, async (c) => {
  const s = requireSession(c);
  const unitIds = s.user.assignments.filter((a) => a.role === 'leader' || a.role === 'focal_point' || a.role === 'administrator').map((a) => a.unitId);
  return { items: await svc.listMyInvitations(db(), s.user.id, unitIds) };
});

// ---- calendar export: a person's secret-token feed (registered before /events/{id}) ----

const calendarHeaders = (fileName: string) => ({
  'content-type': 'text/calendar; charset=utf-8',
  'content-disposition': `attachment; filename="${fileName}"`,
  'x-content-type-options': 'nosniff',
});

route({ method: 'get', path: '/events/calendar-feed', perm: 'session', summary: "Whether the caller has a calendar-feed link, for which unit, made and last used when (never the secret itself)" }, async (c) => {
  const s = requireSession(c);
  return cal.feedTokenStatus(db(), s.user.id);
});

route(
  {
    method: 'post', path: '/events/calendar-feed', perm: 'session', status: 201,
    summary: "Make (or remake, revoking the old one) the caller's secret calendar-feed link for a unit they read (plans.read; default: their own unit); the link is shown only in this answer",
    body: z.object({ unitId: z.number().int().positive().optional() }),
  },
  async (c, { body }) => {
    const s = requireSession(c);
    let unitId = body.unitId ?? null;
    if (unitId != null) await authorize(c, 'plans.read', unitId);
    else {
      const ownPath = s.user.unitId ? await unitPathOf(db(), s.user.unitId) : null;
      if (s.user.unitId && ownPath && canOnUnit(s.user.assignments, 'plans.read', ownPath)) unitId = s.user.unitId;
      else unitId = s.user.assignments.find((a) => canOnUnit([a], 'plans.read', a.unitPath))?.unitId ?? null;
      if (unitId == null) throw new AppError('event.feed_no_unit', 403, 'event.feed_no_unit');
    }
    return cal.createFeedToken({ ...actorOf(c), userId: s.user.id }, unitId);
  },
);

route({ method: 'delete', path: '/events/calendar-feed', perm: 'session', summary: "Revoke the caller's calendar-feed link (calendar apps stop receiving updates)" }, async (c) => {
  const s = requireSession(c);
  return cal.revokeFeedToken({ ...actorOf(c), userId: s.user.id });
});

route(
  {
    method: 'get', path: '/events/calendar-feed/{token}', perm: 'public', raw: 'calendar',
    summary: 'The iCalendar feed behind a secret link (no session: calendar apps cannot sign in); read-only, scoped like its owner, 404 when unknown or revoked',
    params: z.object({ token: z.string().max(80).openapi({ param: { name: 'token', in: 'path' } }) }),
  },
  async (c, { params }) => {
    const body = await cal.feedCalendar(params.token);
    if (body == null) throw new AppError('event.feed_not_found', 404, 'error.not_found');
    return c.body(body, 200, { ...calendarHeaders('lich-su-kien.ics'), 'content-disposition': 'inline; filename="lich-su-kien.ics"', 'cache-control': 'private, max-age=300', 'referrer-policy': 'no-referrer' });
  },
);

route({ method: 'post', path: '/events', perm: 'plans.write', summary: 'Schedule an event or training', body: EventBody.extend({ unitId: z.number().int().positive() }), status: 201 }, async (c, { body }) => {
  await authorize(c, 'plans.write', body.unitId);
  return present(c, await svc.createEvent(actorOf(c), body));
});

route({ method: 'get', path: '/events/{id}', perm: 'plans.read', summary: 'An event with its invitations, attendance and materials', params: Id }, async (c, { params }) => {
  await authorizeView(c, params.id);
  return presentFull(c, await svc.getEvent(db(), params.id));
});

route({ method: 'get', path: '/events/{id}/ics', perm: 'plans.read', summary: 'The event as an iCalendar (.ics) file to add to a calendar app', params: Id, raw: 'calendar' }, async (c, { params }) => {
  await authorizeView(c, params.id);
  const e = await svc.getEvent(db(), params.id);
  return c.body(cal.eventIcs(e), 200, { ...calendarHeaders(`su-kien-${e.id}.ics`), 'cache-control': 'private, no-store' });
});

route({ method: 'put', path: '/events/{id}', perm: 'plans.write', summary: 'Edit an event (held, cancelled, linked plan task); carries its version', params: Id, body: EventBody.extend({ version: z.number().int() }) }, async (c, { params, body }) => {
  await authorizeWrite(c, params.id);
  return presentFull(c, await svc.updateEvent(actorOf(c), params.id, body));
});

route({ method: 'get', path: '/events/{id}/candidates', perm: 'plans.write', summary: 'Units below the organiser and people of its subtree that can be invited, by name', params: Id, query: z.object({ q: z.string().max(100).optional() }) }, async (c, { params, query }) => {
  await authorizeWrite(c, params.id);
  const { unitId, unitPath } = await svc.eventUnit(db(), params.id);
  const words = foldVietnamese(query.q ?? '').split(' ').filter(Boolean).slice(0, 5);
  const uw = words.map((_, i) => `and u.search_text like $${i + 3}`).join(' ');
  const units = await db().query(
    `select u.id, u.name, u.type from units u where u.path <@ $1::ltree and u.id <> $2 and u.status = 'active' ${uw} order by nlevel(u.path), u.name limit 30`,
    [unitPath, unitId, ...words.map((w) => `%${w}%`)],
  );
  const people = await db().query(
    `select us.id, us.name, u.name as "unitName" from users us join units u on u.id = us.unit_id
      where u.path <@ $1::ltree and us.is_active and ($2 = '' or lower(us.name) like $2 or lower(us.email) like $2) order by us.name limit 30`,
    [unitPath, query.q ? `%${query.q.toLowerCase()}%` : ''],
  );
  return {
    units: units.rows.map((u) => ({ id: Number(u.id), name: u.name as string, type: u.type as string })),
    people: people.rows.map((p) => ({ id: Number(p.id), name: p.name as string, unitName: p.unitName as string })),
  };
});

route({ method: 'post', path: '/events/{id}/invitees', perm: 'plans.write', summary: "Invite units (below the organiser) and people (of the organiser's subtree); notifies them", params: Id, body: z.object({ unitIds: z.array(z.number().int().positive()).max(500).optional(), userIds: z.array(z.number().int().positive()).max(500).optional() }) }, async (c, { params, body }) => {
  await authorizeWrite(c, params.id);
  return presentFull(c, await svc.inviteToEvent(actorOf(c), params.id, body));
});

route({ method: 'delete', path: '/events/{id}/invitees/{inviteeId}', perm: 'plans.write', summary: 'Withdraw an invitation', params: Id.extend({ inviteeId: param('inviteeId') }) }, async (c, { params }) => {
  await authorizeWrite(c, params.id);
  return presentFull(c, await svc.removeInvitee(actorOf(c), params.id, params.inviteeId));
});

route({ method: 'post', path: '/events/invitees/{id}/respond', perm: 'session', summary: 'Answer an invitation (the invited person, or plans.write on the invited unit)', params: Id, body: z.object({ response: z.enum(['accepted', 'declined']), note: optText(1000) }) }, async (c, { params, body }) => {
  const s = requireSession(c);
  const inv = await svc.inviteeOf(db(), params.id);
  const may = inv.userId != null ? inv.userId === s.user.id || canOnUnit(s.user.assignments, 'plans.write', inv.unitPath) : canOnUnit(s.user.assignments, 'plans.write', inv.unitPath);
  if (!may) throw new AppError('forbidden', 403, 'error.forbidden');
  return presentFull(c, await svc.respondToEvent(actorOf(c), params.id, body));
});

route({ method: 'put', path: '/events/{id}/attendance', perm: 'plans.write', summary: 'Tick attendance: per invitation present or not, and for a unit how many people came', params: Id, body: z.object({ items: z.array(z.object({ inviteeId: z.number().int().positive(), attended: z.boolean(), attendees: z.number().int().min(0).max(100000).optional() })).max(1000) }) }, async (c, { params, body }) => {
  await authorizeWrite(c, params.id);
  return presentFull(c, await svc.recordAttendance(actorOf(c), params.id, body.items));
});

route({ method: 'post', path: '/events/{id}/materials', perm: 'plans.write', summary: 'Upload a material (PDF, DOCX, XLSX, PPTX, PNG, JPEG; sniffed; size limit)', params: Id, multipart: true, status: 201 }, async (c, { params }) => {
  await authorizeWrite(c, params.id);
  const form = await c.req.parseBody();
  const file = form.file;
  if (!(file instanceof File)) throw new AppError('event.empty_file', 400, 'event.empty_file');
  const title = typeof form.title === 'string' ? form.title.slice(0, 300) : null;
  return presentFull(c, await svc.addMaterialFile(actorOf(c), params.id, { data: Buffer.from(await file.arrayBuffer()), name: file.name, title }));
});

route({ method: 'post', path: '/events/{id}/links', perm: 'plans.write', summary: 'Add a material as a link', params: Id, body: z.object({ title: text(300).min(1), url: z.string().trim().min(8).max(2000) }), status: 201 }, async (c, { params, body }) => {
  await authorizeWrite(c, params.id);
  return presentFull(c, await svc.addMaterialLink(actorOf(c), params.id, body));
});

route({ method: 'delete', path: '/events/{id}/materials/{materialId}', perm: 'plans.write', summary: 'Remove a material', params: Id.extend({ materialId: param('materialId') }) }, async (c, { params }) => {
  await authorizeWrite(c, params.id);
  return presentFull(c, await svc.removeMaterial(actorOf(c), params.id, params.materialId));
});

route({ method: 'get', path: '/events/{id}/materials/{materialId}/file', perm: 'plans.read', summary: "Download a material's file", params: Id.extend({ materialId: param('materialId') }), raw: true }, async (c, { params }) => {
  await authorizeView(c, params.id);
  const f = await svc.materialFile(db(), params.id, params.materialId);
  return c.body(new Uint8Array(await readFile(f.key)), 200, { ...fileHeaders(f), 'cache-control': 'private, no-store' });
});
