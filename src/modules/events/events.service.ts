import { now } from '../../platform/clock';
import { config } from '../../platform/config';
import { type Queryable, type Tx, db as db_, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { putFile } from '../../platform/files';
import { t } from '../../platform/i18n';
import { enqueue } from '../../platform/jobs';
import { type Actor, recordAudit } from '../audit';
import { sniffDocumentType } from '../documents';
import { sendMailJob } from '../identity';
import { addNotice } from '../monitoring';
import { isTaskOfUnitOrAbove, linkTaskEvidence, unlinkTaskEvidence } from '../plans';
import { eventAdminUrl } from './report.facts';

/**
 * Trainings and events (hội nghị, tập huấn, hội thi, khác) of a unit: scheduled
 * with dates, a place and/or an online link; units and people of the organiser's
 * subtree invited (each invitation notifies in the app and by e-mail); invitees
 * answer; staff tick attendance (for a unit, how many of its people came);
 * materials are uploaded files (PDF, Word, Excel, PowerPoint, images; sniffed,
 * LOA_UPLOAD_MAX_MB) or links. An event linked to a plan task is that task's
 * evidence for the quarter it starts in (plans' linkTaskEvidence). Every change is audited.
 */
export const eventKinds = ['conference', 'training', 'contest', 'other'] as const;
export type EventKind = (typeof eventKinds)[number];
export const eventStatuses = ['planned', 'held', 'cancelled'] as const;
export type EventStatus = (typeof eventStatuses)[number];
export const eventResponses = ['pending', 'accepted', 'declined'] as const;
export type EventResponse = (typeof eventResponses)[number];

export type EventInput = {
  kind: EventKind;
  title: string;
  description?: string | null;
  startsAt: string;
  endsAt?: string | null;
  place?: string | null;
  onlineUrl?: string | null;
  planTaskId?: number | null;
  status?: EventStatus;
  /** how long before the start its people are reminded (default 1 day) */
  reminder?: 'none' | '1h' | '1d' | '3d';
};

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
const kindLabel: Record<EventKind, string> = { conference: 'Hội nghị', training: 'Tập huấn', contest: 'Hội thi', other: 'Sự kiện' };
const vnDay = (d: Date) => d.toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });
const vnQuarter = (d: Date) => Math.floor((Number(d.toLocaleString('en-US', { timeZone: 'Asia/Ho_Chi_Minh', month: 'numeric' })) - 1) / 3) + 1;

export async function getEvent(q: Queryable, id: number) {
  const r = await q.query(
    `select e.id, e.unit_id as "unitId", u.name as "unitName", u.path::text as "unitPath", e.kind, e.title, e.description, e.starts_at as "startsAt",
            e.ends_at as "endsAt", e.place, e.online_url as "onlineUrl", e.plan_task_id as "planTaskId", pt.topic as "planTaskTopic", pt.plan_id as "planId",
            e.status, e.reminder, e.version, e.created_by as "createdBy", cu.name as "createdByName", e.created_at as "createdAt", e.updated_at as "updatedAt"
       from events e join units u on u.id = e.unit_id left join plan_tasks pt on pt.id = e.plan_task_id left join users cu on cu.id = e.created_by
      where e.id = $1`,
    [id],
  );
  const e = r.rows[0];
  if (!e) throw new AppError('event.not_found', 404, 'event.not_found');
  const inv = await q.query(
    `select i.id, i.unit_id as "unitId", u.name as "unitName", i.user_id as "userId", us.name as "userName", i.response, i.response_note as "responseNote",
            i.responded_at as "respondedAt", ru.name as "respondedByName", i.attended, i.attendees
       from event_invitees i join units u on u.id = i.unit_id left join users us on us.id = i.user_id left join users ru on ru.id = i.responded_by
      where i.event_id = $1 order by (i.user_id is not null), u.name, us.name, i.id`,
    [id],
  );
  const mat = await q.query(
    `select m.id, m.kind, m.title, m.url, m.file_name as "fileName", m.mime, m.size, m.created_at as "createdAt"
       from event_materials m where m.event_id = $1 order by m.id`,
    [id],
  );
  const invitees = inv.rows.map((x) => ({
    id: Number(x.id), unitId: Number(x.unitId), unitName: x.unitName as string, userId: x.userId == null ? null : Number(x.userId), userName: (x.userName ?? null) as string | null,
    response: x.response as EventResponse, responseNote: (x.responseNote ?? null) as string | null, respondedAt: iso(x.respondedAt), respondedByName: (x.respondedByName ?? null) as string | null,
    attended: x.attended as boolean, attendees: x.attendees as number,
  }));
  return {
    id: Number(e.id), unitId: Number(e.unitId), unitName: e.unitName as string, unitPath: e.unitPath as string, kind: e.kind as EventKind, title: e.title as string,
    description: (e.description ?? null) as string | null, startsAt: iso(e.startsAt) as string, endsAt: iso(e.endsAt), place: (e.place ?? null) as string | null,
    onlineUrl: (e.onlineUrl ?? null) as string | null, planTaskId: e.planTaskId == null ? null : Number(e.planTaskId), planTaskTopic: (e.planTaskTopic ?? null) as string | null,
    planId: e.planId == null ? null : Number(e.planId), status: e.status as EventStatus, reminder: e.reminder as 'none' | '1h' | '1d' | '3d', version: e.version as number,
    createdByName: (e.createdByName ?? null) as string | null, createdAt: iso(e.createdAt) as string, updatedAt: iso(e.updatedAt) as string,
    invitees,
    materials: mat.rows.map((m) => ({
      id: Number(m.id), kind: m.kind as 'file' | 'link', title: m.title as string, url: m.kind === 'file' ? `/api/events/${id}/materials/${m.id}/file` : (m.url as string),
      fileName: (m.fileName ?? null) as string | null, mime: (m.mime ?? null) as string | null, size: m.size == null ? null : Number(m.size), createdAt: iso(m.createdAt) as string,
    })),
    totals: {
      invited: invitees.length,
      accepted: invitees.filter((i) => i.response === 'accepted').length,
      declined: invitees.filter((i) => i.response === 'declined').length,
      attended: invitees.filter((i) => i.attended).length,
      people: invitees.reduce((n, i) => n + (i.userId ? (i.attended ? 1 : 0) : i.attendees), 0),
    },
  };
}
export type EventDetail = Awaited<ReturnType<typeof getEvent>>;

export async function eventUnit(q: Queryable, id: number): Promise<{ unitId: number; unitPath: string }> {
  const r = await q.query('select e.unit_id as "unitId", u.path::text as "unitPath" from events e join units u on u.id = e.unit_id where e.id = $1', [id]);
  if (!r.rowCount) throw new AppError('event.not_found', 404, 'event.not_found');
  return { unitId: Number(r.rows[0].unitId), unitPath: r.rows[0].unitPath };
}

/** The invitation's event, unit (and its path) and person, for the route's check. */
export async function inviteeOf(q: Queryable, inviteeId: number) {
  const r = await q.query(
    `select i.event_id as "eventId", i.unit_id as "unitId", u.path::text as "unitPath", i.user_id as "userId"
       from event_invitees i join units u on u.id = i.unit_id where i.id = $1`,
    [inviteeId],
  );
  if (!r.rowCount) throw new AppError('event.invitee_not_found', 404, 'event.invitee_not_found');
  const x = r.rows[0];
  return { eventId: Number(x.eventId), unitId: Number(x.unitId), unitPath: x.unitPath as string, userId: x.userId == null ? null : Number(x.userId) };
}

function checkInput(input: EventInput) {
  const starts = new Date(input.startsAt);
  const ends = input.endsAt ? new Date(input.endsAt) : null;
  if (Number.isNaN(starts.getTime()) || (ends && Number.isNaN(ends.getTime()))) throw new AppError('event.bad_date', 400, 'event.bad_date');
  if (ends && ends < starts) throw new AppError('event.ends_before_start', 400, 'event.ends_before_start');
  if (input.onlineUrl && !/^https?:\/\//i.test(input.onlineUrl)) throw new AppError('event.bad_link', 400, 'event.bad_link');
  return { starts, ends };
}

async function checkTask(tx: Tx, taskId: number | null | undefined, unitId: number) {
  if (taskId == null) return;
  const path = (await tx.query('select path::text as path from units where id = $1', [unitId])).rows[0]?.path as string;
  if (!(await isTaskOfUnitOrAbove(tx, taskId, path))) throw new AppError('event.bad_task', 400, 'event.bad_task');
}

/** Keeps the event's evidence on its plan task in step: removed, then added again while linked and not cancelled. */
async function syncEvidence(tx: Tx, actor: Actor, id: number) {
  const url = eventAdminUrl(id);
  await unlinkTaskEvidence(tx, url);
  const e = (await tx.query('select kind, title, starts_at as "startsAt", plan_task_id as "taskId", status from events where id = $1', [id])).rows[0];
  if (!e || e.taskId == null || e.status === 'cancelled') return;
  const at = new Date(e.startsAt);
  await linkTaskEvidence(tx, {
    taskId: Number(e.taskId),
    quarter: vnQuarter(at),
    evidence: { label: `${kindLabel[e.kind as EventKind]}: ${e.title} (${vnDay(at)})`, url },
    userId: actor.userId,
    at: now(),
  });
}

export async function createEvent(actor: Actor, input: EventInput & { unitId: number }): Promise<EventDetail> {
  const { starts, ends } = checkInput(input);
  return withTransaction(async (tx) => {
    await checkTask(tx, input.planTaskId, input.unitId);
    const at = now();
    const r = await tx.query<{ id: number }>(
      `insert into events (unit_id, kind, title, description, starts_at, ends_at, place, online_url, plan_task_id, status, created_by, created_at, updated_at, reminder)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$12,$13) returning id`,
      [input.unitId, input.kind, input.title.trim(), input.description ?? null, starts, ends, input.place ?? null, input.onlineUrl ?? null,
        input.planTaskId ?? null, input.status ?? 'planned', actor.userId, at, input.reminder ?? '1d'],
    );
    const id = Number(r.rows[0].id);
    await syncEvidence(tx, actor, id);
    await recordAudit(tx, actor, { action: 'event.create', entity: 'event', entityId: id, unitId: input.unitId, after: { kind: input.kind, title: input.title, startsAt: starts.toISOString(), planTaskId: input.planTaskId ?? null, reminder: input.reminder ?? '1d' } });
    return getEvent(tx, id);
  });
}

export async function updateEvent(actor: Actor, id: number, input: EventInput & { version: number }): Promise<EventDetail> {
  const { starts, ends } = checkInput(input);
  return withTransaction(async (tx) => {
    const cur = await tx.query('select unit_id as "unitId", version, title, status, reminder, starts_at as "startsAt", plan_task_id as "planTaskId" from events where id = $1 for update', [id]);
    if (!cur.rowCount) throw new AppError('event.not_found', 404, 'event.not_found');
    const row = cur.rows[0];
    if (row.version !== input.version) throw new AppError('event.stale', 409, 'event.stale');
    await checkTask(tx, input.planTaskId, Number(row.unitId));
    await tx.query(
      `update events set kind = $2, title = $3, description = $4, starts_at = $5, ends_at = $6, place = $7, online_url = $8, plan_task_id = $9,
              status = $10, version = version + 1, updated_at = $11, reminder = $12 where id = $1`,
      [id, input.kind, input.title.trim(), input.description ?? null, starts, ends, input.place ?? null, input.onlineUrl ?? null, input.planTaskId ?? null,
        input.status ?? row.status, now(), input.reminder ?? row.reminder],
    );
    await syncEvidence(tx, actor, id);
    await recordAudit(tx, actor, {
      action: 'event.update', entity: 'event', entityId: id, unitId: Number(row.unitId),
      before: { title: row.title, status: row.status, startsAt: iso(row.startsAt), planTaskId: row.planTaskId == null ? null : Number(row.planTaskId), reminder: row.reminder },
      after: { title: input.title, status: input.status ?? row.status, startsAt: starts.toISOString(), planTaskId: input.planTaskId ?? null, reminder: input.reminder ?? row.reminder },
    });
    return getEvent(tx, id);
  });
}

/** Notifies the people of new invitations: the invited person, or the leaders and focal points of an invited unit. */
async function notifyInvitees(tx: Tx, eventId: number, inviteeIds: number[]) {
  if (!inviteeIds.length) return;
  const e = (await tx.query(
    `select e.title, e.kind, e.starts_at as "startsAt", e.place, e.online_url as "onlineUrl", u.name as "unitName" from events e join units u on u.id = e.unit_id where e.id = $1`,
    [eventId],
  )).rows[0];
  const people = await tx.query<{ userId: number; email: string; name: string }>(
    `select distinct us.id as "userId", us.email, us.name
       from event_invitees i
       join users us on us.id = i.user_id or (i.user_id is null and us.id in (
              select ra.user_id from role_assignments ra where ra.unit_id = i.unit_id and ra.role in ('leader','focal_point')))
      where i.id = any($1::bigint[]) and us.is_active`,
    [inviteeIds],
  );
  const at = now();
  const when = new Date(e.startsAt).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' });
  const where = [e.place, e.onlineUrl].filter(Boolean).join(' — ') || '—';
  const kind = kindLabel[e.kind as EventKind];
  const link = `${config().publicUrl}${eventAdminUrl(eventId)}`;
  for (const p of people.rows) {
    await addNotice(tx, { userId: Number(p.userId), title: t('event.invite_notice_title', { kind, title: e.title }), body: t('event.invite_notice_body', { unit: e.unitName, when, where }), link: eventAdminUrl(eventId), at });
    await enqueue(sendMailJob, {
      to: p.email,
      subject: t('event.invite_mail_subject', { kind, title: e.title }),
      text: t('event.invite_mail_body', { name: p.name, unit: e.unitName, kind, title: e.title, when, where, link }),
    }, { tx });
  }
}

/**
 * Invites units (strictly below the organiser) and people (of the organiser or a unit
 * below it). Already invited ones are skipped. Returns the event.
 */
export async function inviteToEvent(
  actor: Actor,
  id: number,
  who: { unitIds?: number[]; userIds?: number[] },
  opts: { isNotifying?: boolean } = {},
): Promise<EventDetail> {
  return withTransaction(async (tx) => {
    const ev = await tx.query(`select e.unit_id as "unitId", e.status, u.path::text as path from events e join units u on u.id = e.unit_id where e.id = $1 for update of e`, [id]);
    if (!ev.rowCount) throw new AppError('event.not_found', 404, 'event.not_found');
    const { unitId, path, status } = ev.rows[0];
    if (status === 'cancelled') throw new AppError('event.cancelled', 409, 'event.cancelled');
    const unitIds = [...new Set(who.unitIds ?? [])];
    const userIds = [...new Set(who.userIds ?? [])];
    if (!unitIds.length && !userIds.length) throw new AppError('event.no_invitees', 400, 'event.no_invitees');
    const okUnits = await tx.query<{ id: number }>(`select id from units where id = any($1::bigint[]) and path <@ $2::ltree and id <> $3`, [unitIds, path, unitId]);
    const okUsers = await tx.query<{ id: number; unitId: number }>(
      `select us.id, us.unit_id as "unitId" from users us join units u on u.id = us.unit_id where us.id = any($1::bigint[]) and u.path <@ $2::ltree`,
      [userIds, path],
    );
    if (okUnits.rowCount !== unitIds.length || okUsers.rowCount !== userIds.length) throw new AppError('event.invitee_outside', 400, 'event.invitee_outside');
    const at = now();
    const added: number[] = [];
    for (const u of okUnits.rows) {
      const r = await tx.query<{ id: number }>(
        `insert into event_invitees (event_id, unit_id, invited_at, invited_by) values ($1,$2,$3,$4) on conflict (event_id, unit_id) where user_id is null do nothing returning id`,
        [id, u.id, at, actor.userId],
      );
      if (r.rowCount) added.push(Number(r.rows[0].id));
    }
    for (const u of okUsers.rows) {
      const r = await tx.query<{ id: number }>(
        `insert into event_invitees (event_id, unit_id, user_id, invited_at, invited_by) values ($1,$2,$3,$4,$5) on conflict (event_id, user_id) where user_id is not null do nothing returning id`,
        [id, u.unitId, u.id, at, actor.userId],
      );
      if (r.rowCount) added.push(Number(r.rows[0].id));
    }
    if (opts.isNotifying ?? true) await notifyInvitees(tx, id, added);
    await recordAudit(tx, actor, { action: 'event.invite', entity: 'event', entityId: id, unitId, after: { unitIds, userIds, added: added.length } });
    return getEvent(tx, id);
  });
}

export async function removeInvitee(actor: Actor, id: number, inviteeId: number): Promise<EventDetail> {
  return withTransaction(async (tx) => {
    const r = await tx.query('delete from event_invitees where id = $1 and event_id = $2 returning unit_id as "unitId", user_id as "userId"', [inviteeId, id]);
    if (!r.rowCount) throw new AppError('event.invitee_not_found', 404, 'event.invitee_not_found');
    const { unitId } = await eventUnit(tx, id);
    await recordAudit(tx, actor, { action: 'event.uninvite', entity: 'event', entityId: id, unitId, before: { inviteeId, unitId: Number(r.rows[0].unitId), userId: r.rows[0].userId } });
    return getEvent(tx, id);
  });
}

/** An invitee answers (the route checks that the caller is the person or speaks for the unit). */
export async function respondToEvent(actor: Actor, inviteeId: number, answer: { response: 'accepted' | 'declined'; note?: string | null }): Promise<EventDetail> {
  return withTransaction(async (tx) => {
    const cur = await tx.query(
      `select i.event_id as "eventId", i.response, e.status, e.unit_id as "unitId" from event_invitees i join events e on e.id = i.event_id where i.id = $1 for update of i`,
      [inviteeId],
    );
    if (!cur.rowCount) throw new AppError('event.invitee_not_found', 404, 'event.invitee_not_found');
    const row = cur.rows[0];
    if (row.status === 'cancelled') throw new AppError('event.cancelled', 409, 'event.cancelled');
    await tx.query('update event_invitees set response = $2, response_note = $3, responded_at = $4, responded_by = $5 where id = $1', [
      inviteeId, answer.response, answer.note?.trim() || null, now(), actor.userId,
    ]);
    await recordAudit(tx, actor, { action: 'event.respond', entity: 'event', entityId: Number(row.eventId), unitId: Number(row.unitId), before: { inviteeId, response: row.response }, after: { inviteeId, response: answer.response } });
    return getEvent(tx, Number(row.eventId));
  });
}

/** Staff tick attendance: per invitation, present or not, and for a unit how many of its people came. */
export async function recordAttendance(actor: Actor, id: number, items: { inviteeId: number; attended: boolean; attendees?: number }[]): Promise<EventDetail> {
  return withTransaction(async (tx) => {
    const { unitId } = await eventUnit(tx, id);
    const ev = await tx.query('select status from events where id = $1 for update', [id]);
    if (ev.rows[0].status === 'cancelled') throw new AppError('event.cancelled', 409, 'event.cancelled');
    const at = now();
    for (const it of items) {
      const r = await tx.query(
        `update event_invitees set attended = $3, attendees = case when user_id is null then $4 else (case when $3 then 1 else 0 end) end, attendance_by = $5, attendance_at = $6
          where id = $1 and event_id = $2`,
        [it.inviteeId, id, it.attended, it.attended ? Math.max(it.attendees ?? 1, 1) : 0, actor.userId, at],
      );
      if (!r.rowCount) throw new AppError('event.invitee_not_found', 404, 'event.invitee_not_found');
    }
    await recordAudit(tx, actor, { action: 'event.attendance', entity: 'event', entityId: id, unitId, after: { items } });
    return getEvent(tx, id);
  });
}

// ---- materials -------------------------------------------------------------------------------

const extraTypes = {
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  png: 'image/png',
  jpg: 'image/jpeg',
} as const;
const docMimes = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** The material's real type from its bytes: the documents library's (PDF, DOCX, XLSX), PowerPoint (PPTX), PNG or JPEG. */
export function sniffMaterialType(data: Buffer): { ext: string; mime: string } | null {
  const d = sniffDocumentType(data);
  if (d) return { ext: d, mime: docMimes[d] };
  if (data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04) {
    const s = data.toString('latin1');
    if (s.includes('[Content_Types].xml') && s.includes('ppt/presentation.xml') && !s.includes('vbaProject.bin')) return { ext: 'pptx', mime: extraTypes.pptx };
  }
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { ext: 'png', mime: extraTypes.png };
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return { ext: 'jpg', mime: extraTypes.jpg };
  return null;
}

function cleanName(name: string, ext: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/\.[A-Za-z0-9]{1,5}$/, '').replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim().slice(0, 150);
  return `${base || 'tai-lieu'}.${ext}`;
}

async function addMaterialRow(actor: Actor, id: number, row: { kind: 'file' | 'link'; title: string; url?: string; fileKey?: string; fileName?: string; mime?: string; size?: number }) {
  return withTransaction(async (tx) => {
    const { unitId } = await eventUnit(tx, id);
    const r = await tx.query<{ id: number }>(
      `insert into event_materials (event_id, kind, title, url, file_key, file_name, mime, size, created_by, created_at) values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) returning id`,
      [id, row.kind, row.title, row.url ?? null, row.fileKey ?? null, row.fileName ?? null, row.mime ?? null, row.size ?? null, actor.userId, now()],
    );
    await recordAudit(tx, actor, { action: 'event.material_add', entity: 'event', entityId: id, unitId, after: { materialId: Number(r.rows[0].id), kind: row.kind, title: row.title, fileName: row.fileName ?? null, url: row.url ?? null } });
    return getEvent(tx, id);
  });
}

export async function addMaterialLink(actor: Actor, id: number, input: { title: string; url: string }): Promise<EventDetail> {
  if (!/^https?:\/\/\S+$/i.test(input.url)) throw new AppError('event.bad_link', 400, 'event.bad_link');
  return addMaterialRow(actor, id, { kind: 'link', title: input.title.trim(), url: input.url });
}

export async function addMaterialFile(actor: Actor, id: number, file: { data: Buffer; name: string; title?: string | null }): Promise<EventDetail> {
  const max = config().uploadMaxBytes;
  if (file.data.length > max) throw new AppError('payload_too_large', 413, 'error.payload_too_large', { maxMb: Math.round(max / 1048576) });
  if (!file.data.length) throw new AppError('event.empty_file', 400, 'event.empty_file');
  const type = sniffMaterialType(file.data);
  if (!type) throw new AppError('event.bad_file_type', 400, 'event.bad_file_type');
  await eventUnit(db_(), id);
  const stored = await putFile(file.data);
  const fileName = cleanName(file.name, type.ext);
  return addMaterialRow(actor, id, { kind: 'file', title: file.title?.trim() || fileName, fileKey: stored.key, fileName, mime: type.mime, size: stored.size });
}

export async function removeMaterial(actor: Actor, id: number, materialId: number): Promise<EventDetail> {
  return withTransaction(async (tx) => {
    const r = await tx.query('delete from event_materials where id = $1 and event_id = $2 returning title, kind', [materialId, id]);
    if (!r.rowCount) throw new AppError('event.material_not_found', 404, 'event.material_not_found');
    const { unitId } = await eventUnit(tx, id);
    await recordAudit(tx, actor, { action: 'event.material_remove', entity: 'event', entityId: id, unitId, before: { materialId, ...r.rows[0] } });
    return getEvent(tx, id);
  });
}

export async function materialFile(q: Queryable, id: number, materialId: number) {
  const r = await q.query(`select file_key as "key", file_name as "fileName", mime, size from event_materials where id = $1 and event_id = $2 and kind = 'file'`, [materialId, id]);
  if (!r.rowCount) throw new AppError('event.material_not_found', 404, 'event.material_not_found');
  const x = r.rows[0];
  return { key: x.key as string, fileName: x.fileName as string, mime: x.mime as string, size: Number(x.size) };
}

// ---- lists -----------------------------------------------------------------------------------

/**
 * The calendar of a unit: events organised in its subtree, and events elsewhere (above) to
 * which it, a unit under it or one of their people is invited; `from <= starts_at < to`.
 */
export async function listEvents(q: Queryable, opts: { unitPath: string; ownUnitId?: number | null; from: Date; to: Date; kind?: EventKind; limit?: number }) {
  const params: unknown[] = [opts.unitPath, opts.from, opts.to, opts.limit ?? 500];
  const kind = opts.kind ? `and e.kind = $${params.push(opts.kind)}` : '';
  // own-unit roles (contributor, spokesperson) see only what their unit organises or is invited to
  const own = opts.ownUnitId ? `and (e.unit_id = $${params.push(opts.ownUnitId)} or exists (select 1 from event_invitees oi where oi.event_id = e.id and oi.unit_id = $${params.length}))` : '';
  const r = await q.query(
    `select e.id, e.unit_id as "unitId", u.name as "unitName", e.kind, e.title, e.starts_at as "startsAt", e.ends_at as "endsAt", e.place,
            e.online_url as "onlineUrl", e.status, e.plan_task_id as "planTaskId",
            (u.path <@ $1::ltree) as "isOrganisedHere",
            (select count(*)::int from event_invitees i where i.event_id = e.id) as invited,
            (select count(*)::int from event_invitees i where i.event_id = e.id and i.attended) as attended
       from events e join units u on u.id = e.unit_id
      where e.starts_at >= $2 and e.starts_at < $3 ${kind} ${own}
        and (u.path <@ $1::ltree or exists (select 1 from event_invitees i join units iu on iu.id = i.unit_id where i.event_id = e.id and iu.path <@ $1::ltree))
      order by e.starts_at, e.id limit $4`,
    params,
  );
  return r.rows.map((x) => ({
    id: Number(x.id), unitId: Number(x.unitId), unitName: x.unitName as string, kind: x.kind as EventKind, title: x.title as string,
    startsAt: iso(x.startsAt) as string, endsAt: iso(x.endsAt), place: (x.place ?? null) as string | null, onlineUrl: (x.onlineUrl ?? null) as string | null,
    status: x.status as EventStatus, planTaskId: x.planTaskId == null ? null : Number(x.planTaskId), isOrganisedHere: x.isOrganisedHere as boolean,
    invited: x.invited as number, attended: x.attended as number,
  }));
}

/** Pending invitations for a person: their own, and those of units where they hold one of `unitPaths` (leaders, focal points). */
export async function listMyInvitations(q: Queryable, userId: number, unitIds: number[]) {
  const r = await q.query(
    `select i.id as "inviteeId", e.id as "eventId", e.title, e.kind, e.starts_at as "startsAt", u.name as "organiserName", iu.name as "unitName",
            i.user_id as "userId", i.response
       from event_invitees i join events e on e.id = i.event_id join units u on u.id = e.unit_id join units iu on iu.id = i.unit_id
      where (i.user_id = $1 or (i.user_id is null and i.unit_id = any($2::bigint[]))) and e.status = 'planned' and e.starts_at >= $3
      order by e.starts_at limit 100`,
    [userId, unitIds, new Date(now().getTime() - 86_400_000)],
  );
  return r.rows.map((x) => ({
    inviteeId: Number(x.inviteeId), eventId: Number(x.eventId), title: x.title as string, kind: x.kind as EventKind, startsAt: iso(x.startsAt) as string,
    organiserName: x.organiserName as string, unitName: x.unitName as string, isPersonal: x.userId != null, response: x.response as EventResponse,
  }));
}

