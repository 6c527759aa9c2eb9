import { now } from '../../platform/clock';
import { type Queryable, type Tx, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { type Actor, recordAudit } from '../audit';
import { addTimelineEntry, getIncidentForUnit } from '../incidents';
import { sanitizeArticleHtml } from '../newsroom';
import { type Role, type UnitType, roles as allRoles } from '../org';

/**
 * Lines to take (định hướng thông tin) and internal notices (thông báo nội bộ):
 * written once by a unit and pushed down to the sub-units concerned.
 *
 *   draft ──approve──▶ approved ──send──▶ sent ──withdraw──▶ withdrawn
 *     ▲                                    └──(a new version is sent)──▶ superseded
 *     └──────────── revise (a new draft version of an approved/sent/withdrawn notice)
 *
 * Approval: never by the notice's author; a leader of the issuing unit (or of a unit
 * above it) approves any notice; a spokesperson of the issuing unit approves lines to
 * take (the public statements they speak for), and nothing else.
 *
 * Sending writes one row per receiving unit and one per receiving person in ONE
 * statement (INSERT … SELECT over the issuing unit's ltree subtree × role_assignments),
 * in the sending transaction. The person rows are the recipients' in-app notices and
 * the outbox of the e-mails, Zalo OA messages and reminders (notices.sweep.ts).
 */
export const noticeKinds = ['line_to_take', 'guidance', 'instruction', 'notice'] as const;
export type NoticeKind = (typeof noticeKinds)[number];
export const noticeStatuses = ['draft', 'approved', 'sent', 'withdrawn', 'superseded'] as const;
export type NoticeStatus = (typeof noticeStatuses)[number];

export type NoticeAudience = { unitTypes?: UnitType[]; unitIds?: number[]; roles?: Role[] };
export type NoticeInput = {
  kind: NoticeKind;
  title: string;
  bodyHtml?: string;
  attachments?: { name: string; url: string }[];
  isPublic?: boolean;
  isAckRequired?: boolean;
  incidentId?: number | null;
  audience?: NoticeAudience;
  reminderHours?: number[];
};

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
const DEFAULT_ROLES: Role[] = ['focal_point', 'leader'];

const columns = `n.id, n.unit_id as "unitId", u.name as "unitName", u.path::text as "unitPath", n.kind, n.title, n.body_html as "bodyHtml",
  n.attachments, n.is_public as "isPublic", n.is_ack_required as "isAckRequired", n.incident_id as "incidentId",
  n.audience_unit_types as "audienceUnitTypes", n.audience_unit_ids as "audienceUnitIds", n.audience_roles as "audienceRoles",
  n.reminder_hours as "reminderHours", n.status, n.series_id as "seriesId", n.revision, n.supersedes_id as "supersedesId", n.version,
  n.created_by as "createdBy", cu.name as "createdByName", n.approved_by as "approvedBy", au.name as "approvedByName", n.approved_at as "approvedAt",
  n.sent_by as "sentBy", su.name as "sentByName", n.sent_at as "sentAt", n.withdrawn_at as "withdrawnAt", n.withdraw_note as "withdrawNote",
  n.recipient_count as "recipientCount", n.unit_count as "unitCount", n.created_at as "createdAt", n.updated_at as "updatedAt"`;
const from = `from notices n join units u on u.id = n.unit_id left join users cu on cu.id = n.created_by
  left join users au on au.id = n.approved_by left join users su on su.id = n.sent_by`;

type NoticeRow = Record<string, unknown>;
function shape(n: NoticeRow) {
  return {
    id: Number(n.id),
    unitId: Number(n.unitId),
    unitName: n.unitName as string,
    kind: n.kind as NoticeKind,
    title: n.title as string,
    bodyHtml: n.bodyHtml as string,
    attachments: (n.attachments ?? []) as { name: string; url: string }[],
    isPublic: n.isPublic as boolean,
    isAckRequired: n.isAckRequired as boolean,
    incidentId: n.incidentId == null ? null : Number(n.incidentId),
    audience: {
      unitTypes: n.audienceUnitTypes as UnitType[],
      unitIds: (n.audienceUnitIds as (string | number)[]).map(Number),
      roles: n.audienceRoles as Role[],
    },
    reminderHours: n.reminderHours as number[],
    status: n.status as NoticeStatus,
    seriesId: n.seriesId == null ? null : Number(n.seriesId),
    revision: n.revision as number,
    supersedesId: n.supersedesId == null ? null : Number(n.supersedesId),
    version: n.version as number,
    createdBy: n.createdBy == null ? null : Number(n.createdBy),
    createdByName: (n.createdByName ?? null) as string | null,
    approvedBy: n.approvedBy == null ? null : Number(n.approvedBy),
    approvedByName: (n.approvedByName ?? null) as string | null,
    approvedAt: iso(n.approvedAt as string),
    sentBy: n.sentBy == null ? null : Number(n.sentBy),
    sentByName: (n.sentByName ?? null) as string | null,
    sentAt: iso(n.sentAt as string),
    withdrawnAt: iso(n.withdrawnAt as string),
    withdrawNote: (n.withdrawNote ?? null) as string | null,
    recipientCount: n.recipientCount as number,
    unitCount: n.unitCount as number,
    createdAt: iso(n.createdAt as string) as string,
    updatedAt: iso(n.updatedAt as string) as string,
  };
}
export type Notice = ReturnType<typeof shape> & { readCount: number; ackCount: number; audienceCount: { units: number; people: number } | null; audienceUnits: { id: number; name: string }[] };

/** The audience as SQL over the issuing unit's subtree: the units (strictly below it, active, filtered). */
const audienceUnitsSql = (noticeParam: string) => `
  select t.id, t.path from notices n join units iu on iu.id = n.unit_id join units t on t.path <@ iu.path
   where n.id = ${noticeParam} and t.id <> iu.id and t.status = 'active'
     and (cardinality(n.audience_unit_types) = 0 or t.type = any(n.audience_unit_types))
     and (cardinality(n.audience_unit_ids) = 0 or t.id = any(n.audience_unit_ids))`;

async function audienceCount(q: Queryable, id: number): Promise<{ units: number; people: number }> {
  const r = await q.query<{ units: number; people: number }>(
    `with a as (${audienceUnitsSql('$1')})
     select (select count(*)::int from a) as units,
            (select count(distinct ra.user_id)::int from role_assignments ra join a on a.id = ra.unit_id join users us on us.id = ra.user_id
              where us.is_active and ra.role = any((select audience_roles from notices where id = $1)::text[])) as people`,
    [id],
  );
  return r.rows[0];
}

export async function getNotice(q: Queryable, id: number): Promise<Notice> {
  const r = await q.query(`select ${columns} ${from} where n.id = $1`, [id]);
  if (!r.rowCount) throw new AppError('notice.not_found', 404, 'notice.not_found');
  const n = shape(r.rows[0]);
  const c = await q.query<{ read: number; ack: number }>(
    `select count(*) filter (where read_at is not null)::int as read, count(*) filter (where acknowledged_at is not null)::int as ack
       from notice_deliveries where notice_id = $1`,
    [id],
  );
  const chosen = n.audience.unitIds.length
    ? (await q.query<{ id: number; name: string }>('select id, name from units where id = any($1::bigint[]) order by name', [n.audience.unitIds])).rows.map((x) => ({ id: Number(x.id), name: x.name }))
    : [];
  return {
    ...n,
    audienceUnits: chosen,
    readCount: c.rows[0].read,
    ackCount: c.rows[0].ack,
    audienceCount: n.status === 'draft' || n.status === 'approved' ? await audienceCount(q, id) : null,
  };
}

export async function noticeUnit(q: Queryable, id: number): Promise<{ unitId: number; createdBy: number | null; status: NoticeStatus; kind: NoticeKind }> {
  const r = await q.query('select unit_id as "unitId", created_by as "createdBy", status, kind from notices where id = $1', [id]);
  if (!r.rowCount) throw new AppError('notice.not_found', 404, 'notice.not_found');
  return { ...r.rows[0], unitId: Number(r.rows[0].unitId), createdBy: r.rows[0].createdBy == null ? null : Number(r.rows[0].createdBy) };
}

function cleanInput(input: NoticeInput) {
  const roles = [...new Set(input.audience?.roles?.length ? input.audience.roles : DEFAULT_ROLES)].filter((r) => (allRoles as readonly string[]).includes(r));
  const hours = [...new Set((input.reminderHours ?? [24, 48]).filter((h) => Number.isInteger(h) && h > 0))].sort((a, b) => a - b).slice(0, 5);
  return {
    kind: input.kind,
    title: input.title.trim(),
    bodyHtml: sanitizeArticleHtml(input.bodyHtml ?? ''),
    attachments: (input.attachments ?? []).filter((a) => /^(https?:\/\/|\/)/.test(a.url)).map((a) => ({ name: a.name.trim(), url: a.url.trim() })),
    // only a line to take is a public statement
    isPublic: input.kind === 'line_to_take' && !!input.isPublic,
    isAckRequired: input.isAckRequired ?? input.kind === 'instruction',
    incidentId: input.incidentId ?? null,
    unitTypes: [...new Set(input.audience?.unitTypes ?? [])],
    unitIds: [...new Set(input.audience?.unitIds ?? [])],
    roles,
    hours,
  };
}

/** Chosen units must lie strictly inside the issuing unit's subtree; a linked incident must exist. */
async function checkInput(tx: Tx, unitId: number, c: ReturnType<typeof cleanInput>) {
  if (c.unitIds.length) {
    const r = await tx.query<{ n: number }>(
      `select count(*)::int as n from units t join units iu on t.path <@ iu.path and t.id <> iu.id where iu.id = $1 and t.id = any($2::bigint[])`,
      [unitId, c.unitIds],
    );
    if (r.rows[0].n !== c.unitIds.length) throw new AppError('notice.audience_outside', 400, 'notice.audience_outside');
  }
  // the incident must concern the issuing unit: at, above or under it
  if (c.incidentId != null) await getIncidentForUnit(tx, c.incidentId, unitId).catch(() => {
    throw new AppError('notice.bad_incident', 400, 'notice.bad_incident');
  });
}

export async function createNotice(actor: Actor, input: NoticeInput & { unitId: number }): Promise<Notice> {
  return withTransaction(async (tx) => {
    const c = cleanInput(input);
    await checkInput(tx, input.unitId, c);
    const at = now();
    const r = await tx.query<{ id: number }>(
      `insert into notices (unit_id, kind, title, body_html, attachments, is_public, is_ack_required, incident_id,
                            audience_unit_types, audience_unit_ids, audience_roles, reminder_hours, created_by, created_at, updated_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$14) returning id`,
      [input.unitId, c.kind, c.title, c.bodyHtml, JSON.stringify(c.attachments), c.isPublic, c.isAckRequired, c.incidentId,
        c.unitTypes, c.unitIds, c.roles, c.hours, actor.userId, at],
    );
    const id = Number(r.rows[0].id);
    await recordAudit(tx, actor, { action: 'notice.create', entity: 'notice', entityId: id, unitId: input.unitId, after: { kind: c.kind, title: c.title, isPublic: c.isPublic } });
    return getNotice(tx, id);
  });
}

type LockedRow = { id: number; unitId: number; status: NoticeStatus; version: number; createdBy: number | null; kind: NoticeKind; title: string; incidentId: number | null; supersedesId: number | null; isPublic: boolean };
async function lockRow(tx: Tx, id: number): Promise<LockedRow> {
  const r = await tx.query(
    `select id, unit_id as "unitId", status, version, created_by as "createdBy", kind, title, incident_id as "incidentId", supersedes_id as "supersedesId",
            is_public as "isPublic"
       from notices where id = $1 for update`,
    [id],
  );
  if (!r.rowCount) throw new AppError('notice.not_found', 404, 'notice.not_found');
  const x = r.rows[0];
  return { ...x, id: Number(x.id), unitId: Number(x.unitId), createdBy: x.createdBy == null ? null : Number(x.createdBy), incidentId: x.incidentId == null ? null : Number(x.incidentId), supersedesId: x.supersedesId == null ? null : Number(x.supersedesId) };
}

/** Edits a draft; carries the version it was loaded at. */
export async function updateNotice(actor: Actor, id: number, input: NoticeInput & { version: number }): Promise<Notice> {
  return withTransaction(async (tx) => {
    const row = await lockRow(tx, id);
    if (row.status !== 'draft') throw new AppError('notice.not_editable', 409, 'notice.not_editable');
    if (row.version !== input.version) throw new AppError('notice.stale', 409, 'notice.stale');
    const c = cleanInput(input);
    await checkInput(tx, row.unitId, c);
    await tx.query(
      `update notices set kind = $2, title = $3, body_html = $4, attachments = $5, is_public = $6, is_ack_required = $7, incident_id = $8,
              audience_unit_types = $9, audience_unit_ids = $10, audience_roles = $11, reminder_hours = $12, version = version + 1, updated_at = $13
        where id = $1`,
      [id, c.kind, c.title, c.bodyHtml, JSON.stringify(c.attachments), c.isPublic, c.isAckRequired, c.incidentId, c.unitTypes, c.unitIds, c.roles, c.hours, now()],
    );
    await recordAudit(tx, actor, { action: 'notice.update', entity: 'notice', entityId: id, unitId: row.unitId, before: { title: row.title, version: row.version }, after: { title: c.title, version: row.version + 1 } });
    return getNotice(tx, id);
  });
}

/** What the person may approve, by their roles: a leader at or above the issuing unit, or its own spokesperson. */
export async function approverRolesOf(q: Queryable, userId: number | null, unitId: number): Promise<{ isLeader: boolean; isSpokesperson: boolean }> {
  if (userId == null) return { isLeader: false, isSpokesperson: false };
  const r = await q.query<{ isLeader: boolean; isSpokesperson: boolean }>(
    `select exists (select 1 from role_assignments ra join units a on a.id = ra.unit_id join units u on u.path <@ a.path
                     where u.id = $2 and ra.user_id = $1 and ra.role = 'leader') as "isLeader",
            exists (select 1 from role_assignments ra where ra.unit_id = $2 and ra.user_id = $1 and ra.role = 'spokesperson') as "isSpokesperson"`,
    [userId, unitId],
  );
  return r.rows[0];
}

export async function approveNotice(actor: Actor, id: number): Promise<Notice> {
  return withTransaction(async (tx) => {
    const row = await lockRow(tx, id);
    if (row.status !== 'draft') throw new AppError('notice.bad_state', 409, 'notice.bad_state', { status: row.status });
    if (row.createdBy != null && row.createdBy === actor.userId) throw new AppError('notice.self_approval', 403, 'notice.self_approval');
    const who = await approverRolesOf(tx, actor.userId, row.unitId);
    if (!who.isLeader && !who.isSpokesperson) throw new AppError('notice.approver_role', 403, 'notice.approver_role');
    if (!who.isLeader && row.kind !== 'line_to_take') throw new AppError('notice.spokesperson_lines_only', 403, 'notice.spokesperson_lines_only');
    const at = now();
    await tx.query(`update notices set status = 'approved', approved_by = $2, approved_at = $3, updated_at = $3 where id = $1`, [id, actor.userId, at]);
    await recordAudit(tx, actor, { action: 'notice.approve', entity: 'notice', entityId: id, unitId: row.unitId, before: { status: 'draft' }, after: { status: 'approved', as: who.isLeader ? 'leader' : 'spokesperson' } });
    return getNotice(tx, id);
  });
}

/** An approved notice goes back to draft (to be changed), by its approvers or its writers. */
export async function returnNotice(actor: Actor, id: number): Promise<Notice> {
  return withTransaction(async (tx) => {
    const row = await lockRow(tx, id);
    if (row.status !== 'approved') throw new AppError('notice.bad_state', 409, 'notice.bad_state', { status: row.status });
    const at = now();
    await tx.query(`update notices set status = 'draft', approved_by = null, approved_at = null, version = version + 1, updated_at = $2 where id = $1`, [id, at]);
    await recordAudit(tx, actor, { action: 'notice.return', entity: 'notice', entityId: id, unitId: row.unitId, before: { status: 'approved' }, after: { status: 'draft' } });
    return getNotice(tx, id);
  });
}

/**
 * The push, in the caller's transaction: one notice_units row per receiving unit and
 * one notice_deliveries row per receiving person (a person holding several audience
 * roles, or roles in several receiving units, gets one row), in ONE statement.
 */
export async function pushDeliveries(tx: Queryable, id: number, at: Date): Promise<{ units: number; people: number }> {
  const r = await tx.query<{ units: number; people: number }>(
    `with target as (${audienceUnitsSql('$1')}),
          nu as (insert into notice_units (notice_id, unit_id, unit_path) select $1, id, path from target returning unit_id),
          nd as (insert into notice_deliveries (notice_id, user_id, unit_id, roles, read_token, created_at)
                 select $1, ra.user_id, min(ra.unit_id), array_agg(distinct ra.role order by ra.role),
                        replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''), $2
                   from role_assignments ra join nu on nu.unit_id = ra.unit_id join users us on us.id = ra.user_id
                  where us.is_active and ra.role = any((select audience_roles from notices where id = $1)::text[])
                  group by ra.user_id
                 returning 1)
     select (select count(*)::int from nu) as units, (select count(*)::int from nd) as people`,
    [id, at],
  );
  return r.rows[0];
}

export async function sendNotice(actor: Actor, id: number, afterPush?: (tx: Tx) => Promise<void>): Promise<Notice> {
  return withTransaction(async (tx) => {
    const row = await lockRow(tx, id);
    if (row.status !== 'approved') throw new AppError('notice.bad_state', 409, 'notice.bad_state', { status: row.status });
    const at = now();
    const pushed = await pushDeliveries(tx, id, at);
    await tx.query(
      `update notices set status = 'sent', sent_by = $2, sent_at = $3, recipient_count = $4, unit_count = $5, updated_at = $3 where id = $1`,
      [id, actor.userId, at, pushed.people, pushed.units],
    );
    if (row.supersedesId) {
      await tx.query(`update notices set status = 'superseded', updated_at = $2 where id = $1 and status = 'sent'`, [row.supersedesId, at]);
    }
    await recordAudit(tx, actor, { action: 'notice.send', entity: 'notice', entityId: id, unitId: row.unitId, before: { status: 'approved' }, after: { status: 'sent', units: pushed.units, people: pushed.people, supersedes: row.supersedesId } });
    // on the incident's timeline: an approved public line to take is a statement, anything else a message
    if (row.incidentId != null) {
      await addTimelineEntry(tx, row.incidentId, {
        kind: row.isPublic ? 'statement' : 'message',
        title: `${t(`notice.kind.${row.kind}`)}: ${row.title}`,
        body: t('notice.timeline_body', { units: pushed.units, people: pushed.people }),
        refTable: 'notices',
        refId: id,
        actorId: actor.userId,
        at,
      });
    }
    if (afterPush) await afterPush(tx);
    return getNotice(tx, id);
  });
}

export async function withdrawNotice(actor: Actor, id: number, note: string): Promise<Notice> {
  return withTransaction(async (tx) => {
    const row = await lockRow(tx, id);
    if (row.status !== 'sent') throw new AppError('notice.bad_state', 409, 'notice.bad_state', { status: row.status });
    const at = now();
    await tx.query(`update notices set status = 'withdrawn', withdrawn_by = $2, withdrawn_at = $3, withdraw_note = $4, updated_at = $3 where id = $1`, [id, actor.userId, at, note]);
    await recordAudit(tx, actor, { action: 'notice.withdraw', entity: 'notice', entityId: id, unitId: row.unitId, before: { status: 'sent' }, after: { status: 'withdrawn', note } });
    return getNotice(tx, id);
  });
}

/** A new draft version of an approved, sent or withdrawn notice; when it is sent, the old one becomes `superseded`. */
export async function reviseNotice(actor: Actor, id: number): Promise<Notice> {
  return withTransaction(async (tx) => {
    const row = await lockRow(tx, id);
    if (!['approved', 'sent', 'withdrawn'].includes(row.status)) throw new AppError('notice.bad_state', 409, 'notice.bad_state', { status: row.status });
    const open = await tx.query(`select 1 from notices where supersedes_id = $1 and status in ('draft','approved')`, [id]);
    if (open.rowCount) throw new AppError('notice.revision_open', 409, 'notice.revision_open');
    const at = now();
    const r = await tx.query<{ id: number }>(
      `insert into notices (unit_id, kind, title, body_html, attachments, is_public, is_ack_required, incident_id, audience_unit_types, audience_unit_ids,
                            audience_roles, reminder_hours, series_id, revision, supersedes_id, created_by, created_at, updated_at)
       select unit_id, kind, title, body_html, attachments, is_public, is_ack_required, incident_id, audience_unit_types, audience_unit_ids,
              audience_roles, reminder_hours, coalesce(series_id, id), revision + 1, id, $2, $3, $3
         from notices where id = $1 returning id`,
      [id, actor.userId, at],
    );
    const newId = Number(r.rows[0].id);
    await recordAudit(tx, actor, { action: 'notice.revise', entity: 'notice', entityId: newId, unitId: row.unitId, after: { supersedes: id } });
    return getNotice(tx, newId);
  });
}

// ---- lists -------------------------------------------------------------------------

export async function listNotices(
  q: Queryable,
  opts: { unitPath: string; ownUnitIds?: number[] | null; status?: NoticeStatus; kind?: NoticeKind; limit: number; offset: number },
) {
  const params: unknown[] = [opts.unitPath, opts.limit, opts.offset];
  const where = ['u.path <@ $1::ltree'];
  if (opts.ownUnitIds) where.push(`n.unit_id = any($${params.push(opts.ownUnitIds)}::bigint[])`);
  if (opts.status) where.push(`n.status = $${params.push(opts.status)}`);
  if (opts.kind) where.push(`n.kind = $${params.push(opts.kind)}`);
  const r = await q.query(
    `select n.id, n.unit_id as "unitId", u.name as "unitName", n.kind, n.title, n.status, n.is_public as "isPublic", n.is_ack_required as "isAckRequired",
            n.revision, n.created_by as "createdBy", cu.name as "createdByName", n.sent_at as "sentAt", n.updated_at as "updatedAt",
            n.recipient_count as "recipientCount", n.unit_count as "unitCount",
            coalesce(d.read, 0)::int as "readCount", coalesce(d.ack, 0)::int as "ackCount", count(*) over () as total
       from notices n join units u on u.id = n.unit_id left join users cu on cu.id = n.created_by
       left join lateral (select count(*) filter (where x.read_at is not null) as read, count(*) filter (where x.acknowledged_at is not null) as ack
                            from notice_deliveries x where x.notice_id = n.id) d on true
      where ${where.join(' and ')}
      order by n.updated_at desc, n.id desc limit $2 offset $3`,
    params,
  );
  return {
    total: Number(r.rows[0]?.total ?? 0),
    items: r.rows.map(({ total: _t, ...x }) => ({
      ...x,
      id: Number(x.id),
      unitId: Number(x.unitId),
      createdBy: x.createdBy == null ? null : Number(x.createdBy),
      sentAt: iso(x.sentAt),
      updatedAt: iso(x.updatedAt) as string,
    })) as {
      id: number; unitId: number; unitName: string; kind: NoticeKind; title: string; status: NoticeStatus; isPublic: boolean; isAckRequired: boolean;
      revision: number; createdBy: number | null; createdByName: string | null; sentAt: string | null; updatedAt: string;
      recipientCount: number; unitCount: number; readCount: number; ackCount: number;
    }[],
  };
}
