import crypto from 'node:crypto';
import { now } from '../../platform/clock';
import { type Queryable, type Tx, db, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { foldVietnamese, slugify } from '../../text';
import { type Actor, recordAudit } from '../audit';
import { storyRelatesToUnit } from '../monitoring';
import { sanitizeArticleHtml } from '../newsroom';
import {
  type FastReportFields,
  type IncidentStatus,
  type Review,
  type Severity,
  canMove,
  clocksFor,
  escalationTargets,
  openStatuses,
  reviewItems,
  reviewMissing,
  severityRules,
} from './incidents.rules';

/**
 * Incidents (sự cố truyền thông). A unit opens one from scratch or from a
 * monitoring story; its stages move one step at a time (incidents.rules.ts);
 * every stage change stamps its time, so time-to-detect (detected → opened),
 * time-to-first-statement (detected → first statement) and time-to-resolve
 * (detected → resolved) are measured without anyone typing a time.
 * Everything is written in one transaction with its audit row and its
 * outbox rows (escalations, report recipients), which incidents.sweep.ts sends.
 */
export type TimelineKind = 'mention' | 'message' | 'decision' | 'statement' | 'task' | 'report' | 'press' | 'note';
export const timelineKinds = ['mention', 'message', 'decision', 'statement', 'task', 'report', 'press', 'note'] as const;

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
const H = 3600_000;

export const incidentResultPath = (slug: string) => `/cong-khai-ket-qua-xu-ly/${slug}`;

// ---------------------------------------------------------------- timeline (used by notices and press too)

/**
 * Puts an event on an incident's timeline inside the caller's transaction.
 * With `refTable`/`refId` the entry is written once per referenced row (a
 * repeat returns null). A 'statement' stamps the incident's first statement.
 */
export async function addTimelineEntry(
  tx: Queryable,
  incidentId: number,
  e: { kind: TimelineKind | 'stage' | 'escalation'; title: string; body?: string; refTable?: string | null; refId?: number | null; actorId?: number | null; at?: Date },
): Promise<number | null> {
  const at = e.at ?? now();
  const r = await tx.query<{ id: number }>(
    `insert into incident_timeline (incident_id, kind, title, body, ref_table, ref_id, actor_id, at)
     values ($1,$2,$3,$4,$5,$6,$7,$8) on conflict do nothing returning id`,
    [incidentId, e.kind, e.title.slice(0, 500), e.body ?? '', e.refTable ?? null, e.refId ?? null, e.actorId ?? null, at],
  );
  if (!r.rowCount) return null;
  if (e.kind === 'statement') {
    await tx.query('update incidents set first_statement_at = $2, updated_at = $2 where id = $1 and first_statement_at is null', [incidentId, at]);
  }
  return Number(r.rows[0].id);
}

// ---------------------------------------------------------------- reads

export type IncidentRef = { id: number; unitId: number; unitPath: string; unitName: string; title: string; status: IncidentStatus; severity: Severity; storyId: number | null; threadId: number | null };

/**
 * The incident's essentials, for other modules (notices, press). With `unitId`
 * the incident must be related to that unit — the unit is at, above or under
 * the incident's unit — or it is "not found" (404).
 */
export async function getIncidentForUnit(q: Queryable, incidentId: number, unitId?: number): Promise<IncidentRef> {
  const r = await q.query(
    `select i.id, i.unit_id as "unitId", u.path::text as "unitPath", u.name as "unitName", i.title, i.status, i.severity,
            i.story_id as "storyId", i.thread_id as "threadId"
       from incidents i join units u on u.id = i.unit_id
      where i.id = $1 and ($2::bigint is null or exists (select 1 from units x where x.id = $2 and (x.path <@ u.path or u.path <@ x.path)))`,
    [incidentId, unitId ?? null],
  );
  const x = r.rows[0];
  if (!x) throw new AppError('incident.not_found', 404, 'incident.not_found');
  return { ...x, id: Number(x.id), unitId: Number(x.unitId), storyId: x.storyId == null ? null : Number(x.storyId), threadId: x.threadId == null ? null : Number(x.threadId) };
}

function clockState(due: Date | string | null, doneAt: Date | string | null, at: Date) {
  if (!due) return null;
  const d = new Date(due);
  if (doneAt) return { dueAt: d.toISOString(), doneAt: iso(doneAt), state: new Date(doneAt) <= d ? ('met' as const) : ('late' as const), remainingMs: 0 };
  const remainingMs = d.getTime() - at.getTime();
  return { dueAt: d.toISOString(), doneAt: null, state: remainingMs < 0 ? ('overdue' as const) : ('running' as const), remainingMs };
}
const hours = (a: Date | string | null, b: Date | string | null) => (a && b ? Math.round(((new Date(b).getTime() - new Date(a).getTime()) / H) * 10) / 10 : null);

function shape(x: Record<string, any>, at: Date) {
  const isOpen = openStatuses.includes(x.status);
  const lastUpdate = x.lastUpdateAt ?? x.openedAt;
  const nextUpdateDue = isOpen && ['active', 'contained'].includes(x.status) && x.updateEveryHours ? new Date(new Date(lastUpdate).getTime() + x.updateEveryHours * H) : null;
  return {
    id: Number(x.id),
    unitId: Number(x.unitId),
    unitName: x.unitName as string,
    title: x.title as string,
    summary: x.summary as string,
    location: (x.location ?? null) as string | null,
    severity: Number(x.severity) as Severity,
    status: x.status as IncidentStatus,
    storyId: x.storyId == null ? null : Number(x.storyId),
    threadId: x.threadId == null ? null : Number(x.threadId),
    detectedAt: iso(x.detectedAt) as string,
    openedAt: iso(x.openedAt) as string,
    activeAt: iso(x.activeAt),
    containedAt: iso(x.containedAt),
    firstStatementAt: iso(x.firstStatementAt),
    resolvedAt: iso(x.resolvedAt),
    reviewAt: iso(x.reviewAt),
    closedAt: iso(x.closedAt),
    cancelledAt: iso(x.cancelledAt),
    cancelReason: (x.cancelReason ?? null) as string | null,
    clocks: {
      firstStatement: clockState(x.firstStatementDueAt, x.firstStatementAt ?? (isOpen ? null : x.closedAt ?? x.cancelledAt), at),
      fastReport: clockState(x.fastReportDueAt, x.firstReportAt ?? (isOpen ? null : x.closedAt ?? x.cancelledAt), at),
      nextUpdate: nextUpdateDue ? clockState(nextUpdateDue, null, at) : null,
    },
    measures: {
      timeToDetectHours: hours(x.detectedAt, x.openedAt),
      timeToFirstStatementHours: hours(x.detectedAt, x.firstStatementAt),
      timeToResolveHours: hours(x.detectedAt, x.resolvedAt),
    },
    resultTitle: (x.resultTitle ?? null) as string | null,
    resultPublishedAt: iso(x.resultPublishedAt),
    resultUrl: x.resultPublishedAt && x.resultSlug ? incidentResultPath(x.resultSlug) : null,
    version: Number(x.version),
    createdAt: iso(x.createdAt) as string,
    updatedAt: iso(x.updatedAt) as string,
  };
}

const cols = `i.id, i.unit_id as "unitId", u.name as "unitName", i.title, i.summary, i.location, i.severity, i.status, i.story_id as "storyId", i.thread_id as "threadId",
  i.detected_at as "detectedAt", i.opened_at as "openedAt", i.active_at as "activeAt", i.contained_at as "containedAt", i.first_statement_at as "firstStatementAt",
  i.resolved_at as "resolvedAt", i.review_at as "reviewAt", i.closed_at as "closedAt", i.cancelled_at as "cancelledAt", i.cancel_reason as "cancelReason",
  i.first_statement_due_at as "firstStatementDueAt", i.fast_report_due_at as "fastReportDueAt", i.update_every_hours as "updateEveryHours",
  i.result_title as "resultTitle", i.result_published_at as "resultPublishedAt", i.result_slug as "resultSlug", i.version, i.created_at as "createdAt", i.updated_at as "updatedAt",
  (select min(r.sent_at) from incident_reports r where r.incident_id = i.id and r.status = 'sent') as "firstReportAt",
  (select max(t.at) from incident_timeline t where t.incident_id = i.id and t.kind in ('statement','message','report','press')) as "lastUpdateAt"`;
const from = `from incidents i join units u on u.id = i.unit_id`;

export type IncidentSummary = ReturnType<typeof shape>;

export async function getIncident(q: Queryable, id: number) {
  const r = await q.query(`select ${cols}, i.result_html as "resultHtml", i.review ${from} where i.id = $1`, [id]);
  const x = r.rows[0];
  if (!x) throw new AppError('incident.not_found', 404, 'incident.not_found');
  const at = now();
  const timeline = await q.query(
    `select t.id, t.kind, t.title, t.body, t.ref_table as "refTable", t.ref_id as "refId", t.actor_id as "actorId", us.name as "actorName", t.at,
            mi.link as "link"
       from incident_timeline t left join users us on us.id = t.actor_id
       left join monitor_items mi on t.ref_table = 'monitor_items' and mi.id = t.ref_id
      where t.incident_id = $1 order by t.at desc, t.id desc limit 500`,
    [id],
  );
  const tasks = await q.query(
    `select k.id, k.title, k.owner_id as "ownerId", us.name as "ownerName", k.due_at as "dueAt", k.done_at as "doneAt", k.created_at as "createdAt"
       from incident_tasks k left join users us on us.id = k.owner_id where k.incident_id = $1 order by k.done_at nulls first, k.due_at nulls last, k.id`,
    [id],
  );
  const escalations = await q.query(
    `select e.id, e.unit_id as "unitId", u.name as "unitName", e.reason, e.created_at as "createdAt", e.notified_at as "notifiedAt"
       from incident_escalations e join units u on u.id = e.unit_id where e.incident_id = $1 order by e.created_at, u.path`,
    [id],
  );
  const reports = await q.query(
    `select r.id, r.seq, r.fields, r.status, r.created_at as "createdAt", r.updated_at as "updatedAt", r.sent_at as "sentAt",
            coalesce((select json_agg(json_build_object('unitId', rr.unit_id, 'unitName', u.name, 'readAt', rr.read_at, 'readByName', ru.name) order by u.path)
                        from incident_report_recipients rr join units u on u.id = rr.unit_id left join users ru on ru.id = rr.read_by where rr.report_id = r.id), '[]') as recipients
       from incident_reports r where r.incident_id = $1 order by r.seq desc`,
    [id],
  );
  return {
    ...shape(x, at),
    resultHtml: x.resultHtml as string,
    review: (x.review ?? {}) as Review,
    reviewMissing: reviewMissing(x.review ?? {}),
    timeline: timeline.rows.map((t) => ({ ...t, id: Number(t.id), refId: t.refId == null ? null : Number(t.refId), actorId: t.actorId == null ? null : Number(t.actorId), at: iso(t.at) as string, link: t.link ?? null })),
    tasks: tasks.rows.map((k) => ({ ...k, id: Number(k.id), ownerId: k.ownerId == null ? null : Number(k.ownerId), dueAt: iso(k.dueAt), doneAt: iso(k.doneAt), createdAt: iso(k.createdAt) as string, isOverdue: !k.doneAt && !!k.dueAt && new Date(k.dueAt) < at })),
    escalations: escalations.rows.map((e) => ({ ...e, id: Number(e.id), unitId: Number(e.unitId), createdAt: iso(e.createdAt) as string, notifiedAt: iso(e.notifiedAt) })),
    reports: reports.rows.map((r) => ({
      id: Number(r.id), seq: r.seq, fields: r.fields as FastReportFields, status: r.status as 'draft' | 'sent', createdAt: iso(r.createdAt) as string, updatedAt: iso(r.updatedAt) as string, sentAt: iso(r.sentAt),
      recipients: (r.recipients as { unitId: number; unitName: string; readAt: string | null; readByName: string | null }[]).map((x) => ({ ...x, unitId: Number(x.unitId), readAt: iso(x.readAt) })),
    })),
  };
}
export type Incident = Awaited<ReturnType<typeof getIncident>>;

export async function incidentUnit(q: Queryable, id: number): Promise<{ unitId: number; status: IncidentStatus }> {
  const r = await q.query('select unit_id as "unitId", status from incidents where id = $1', [id]);
  if (!r.rowCount) throw new AppError('incident.not_found', 404, 'incident.not_found');
  return { unitId: Number(r.rows[0].unitId), status: r.rows[0].status };
}

/** Incidents in scope (subtree paths and own units), filtered; open and most severe first. */
export async function listIncidents(
  q: Queryable,
  opts: { subtreePaths: string[]; unitIds: number[]; status?: IncidentStatus | 'open'; severity?: number; text?: string; limit: number; offset: number },
) {
  const params: unknown[] = [opts.subtreePaths, opts.unitIds, opts.limit, opts.offset];
  const where = ['(u.path <@ any($1::ltree[]) or i.unit_id = any($2::bigint[]))'];
  if (opts.status === 'open') where.push(`i.status not in ('closed','cancelled')`);
  else if (opts.status) where.push(`i.status = $${params.push(opts.status)}`);
  if (opts.severity) where.push(`i.severity = $${params.push(opts.severity)}`);
  for (const w of foldVietnamese(opts.text ?? '').split(' ').filter(Boolean).slice(0, 6)) where.push(`i.search_text like $${params.push(`%${w}%`)}`);
  const r = await q.query(
    `select ${cols}, count(*) over () as total ${from} where ${where.join(' and ')}
      order by (i.status in ('closed','cancelled')), i.severity desc, i.opened_at desc, i.id desc limit $3 offset $4`,
    params,
  );
  const at = now();
  return { total: Number(r.rows[0]?.total ?? 0), items: r.rows.map((x) => shape(x, at)) };
}

/** Figures for the chart: closed/resolved incidents of a subtree with their measures, oldest first. */
export async function incidentStats(q: Queryable, unitPath: string, limit = 50) {
  const r = await q.query(
    `select ${cols} ${from} where u.path <@ $1::ltree and i.status <> 'cancelled' order by i.opened_at desc limit $2`,
    [unitPath, limit],
  );
  const at = now();
  const items = r.rows.map((x) => shape(x, at)).reverse();
  const avg = (xs: (number | null)[]) => {
    const v = xs.filter((n): n is number => n != null);
    return v.length ? Math.round((v.reduce((a, b) => a + b, 0) / v.length) * 10) / 10 : null;
  };
  return {
    items: items.map((i) => ({ id: i.id, title: i.title, severity: i.severity, status: i.status, openedAt: i.openedAt, ...i.measures })),
    averages: {
      timeToDetectHours: avg(items.map((i) => i.measures.timeToDetectHours)),
      timeToFirstStatementHours: avg(items.map((i) => i.measures.timeToFirstStatementHours)),
      timeToResolveHours: avg(items.map((i) => i.measures.timeToResolveHours)),
    },
    statementOnTime: items.filter((i) => i.clocks.firstStatement?.state === 'met').length,
    statementLate: items.filter((i) => i.clocks.firstStatement && ['late', 'overdue'].includes(i.clocks.firstStatement.state)).length,
  };
}

// ---------------------------------------------------------------- writes

async function ancestorsOf(q: Queryable, unitId: number) {
  const r = await q.query<{ id: number; type: string; depth: number }>(
    `select a.id, a.type, nlevel(a.path) as depth from units a join units u on a.path @> u.path and a.id <> u.id where u.id = $1 order by nlevel(a.path) desc`,
    [unitId],
  );
  return r.rows.map((x) => ({ id: Number(x.id), type: x.type, depth: Number(x.depth) }));
}

async function escalate(tx: Tx, incidentId: number, unitIds: number[], reason: 'opened' | 'severity' | 'statement_overdue' | 'report_overdue', at: Date): Promise<number[]> {
  const added: number[] = [];
  for (const u of unitIds) {
    // a unit already told (for any reason) is not told again for a raise of severity
    if (reason === 'severity') {
      const seen = await tx.query('select 1 from incident_escalations where incident_id = $1 and unit_id = $2', [incidentId, u]);
      if (seen.rowCount) continue;
    }
    const r = await tx.query('insert into incident_escalations (incident_id, unit_id, reason, created_at) values ($1,$2,$3,$4) on conflict do nothing returning id', [incidentId, u, reason, at]);
    if (r.rowCount) added.push(u);
  }
  if (added.length) {
    const names = (await tx.query<{ name: string }>('select name from units where id = any($1::bigint[]) order by path', [added])).rows.map((x) => x.name);
    const title = { opened: 'Đã báo cáo lên cấp trên', severity: 'Nâng mức độ, báo cáo thêm cấp trên', statement_overdue: 'Quá hạn phát ngôn đầu tiên, báo cáo vượt cấp', report_overdue: 'Quá hạn báo cáo nhanh, báo cáo vượt cấp' }[reason];
    await addTimelineEntry(tx, incidentId, { kind: 'escalation', title, body: names.join('; '), at });
  }
  return added;
}

async function uniqueResultSlug(q: Queryable, title: string, id: number): Promise<string> {
  const base = slugify(title, 80) || 'ket-qua-xu-ly';
  for (let i = 0; i < 5; i++) {
    const slug = i === 0 ? base : `${base}-${crypto.randomBytes(3).toString('hex')}`;
    const r = await q.query('select 1 from incidents where result_slug = $1 and id <> $2', [slug, id]);
    if (!r.rowCount) return slug;
  }
  return `${base}-${id}`;
}

export type IncidentInput = { unitId: number; title: string; summary?: string; location?: string | null; severity: Severity; storyId?: number | null; detectedAt?: Date | null };

/** Opens an incident (stage triage); from a story its items attach now and keep attaching (incidents.sweep.ts). */
export async function openIncident(actor: Actor, input: IncidentInput): Promise<Incident> {
  const id = await withTransaction(async (tx) => {
    const at = now();
    let threadId: number | null = null;
    let detectedAt = input.detectedAt ?? null;
    if (input.storyId != null) {
      const s = await tx.query('select id, thread_id as "threadId", first_seen_at as "firstSeenAt" from monitor_stories where id = $1', [input.storyId]);
      if (!s.rowCount) throw new AppError('incident.story_not_found', 404, 'incident.story_not_found');
      // the story must concern the incident's unit, a unit above it or under it (its items' units — named, or owning a
      // watched person / topic they matched — or their sources' units)
      if (!(await storyRelatesToUnit(tx, input.storyId, input.unitId))) throw new AppError('incident.story_unrelated', 400, 'incident.story_unrelated');
      threadId = s.rows[0].threadId == null ? null : Number(s.rows[0].threadId);
      detectedAt ??= new Date(s.rows[0].firstSeenAt);
    }
    detectedAt ??= at;
    if (detectedAt > at) detectedAt = at;
    const c = clocksFor(input.severity, detectedAt, at);
    const r = await tx.query<{ id: number }>(
      `insert into incidents (unit_id, title, summary, location, severity, story_id, thread_id, detected_at, opened_at, first_statement_due_at, fast_report_due_at,
                              update_every_hours, created_by, search_text, created_at, updated_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$9,$9) returning id`,
      [input.unitId, input.title, input.summary ?? '', input.location ?? null, input.severity, input.storyId ?? null, threadId, detectedAt, at,
        c.firstStatementDueAt, c.fastReportDueAt, c.updateEveryHours, actor.userId, foldVietnamese(`${input.title} ${input.summary ?? ''} ${input.location ?? ''}`)],
    );
    const id = Number(r.rows[0].id);
    await addTimelineEntry(tx, id, { kind: 'stage', title: 'Mở sự cố (tiếp nhận, phân loại)', body: input.summary ?? '', actorId: actor.userId, at });
    await escalate(tx, id, escalationTargets(input.severity, await ancestorsOf(tx, input.unitId)), 'opened', at);
    if (input.storyId != null) await attachStoryItems(tx, id);
    await recordAudit(tx, actor, { action: 'incident.open', entity: 'incident', entityId: id, unitId: input.unitId, after: { title: input.title, severity: input.severity, storyId: input.storyId ?? null } });
    return id;
  });
  return getIncident(db(), id);
}

type Row = { id: number; unitId: number; status: IncidentStatus; severity: Severity; version: number; title: string; detectedAt: Date; openedAt: Date; review: Review; resultPublishedAt: Date | null; firstStatementAt: Date | null };
async function lockRow(tx: Tx, id: number): Promise<Row> {
  const r = await tx.query(
    `select id, unit_id as "unitId", status, severity, version, title, detected_at as "detectedAt", opened_at as "openedAt", review,
            result_published_at as "resultPublishedAt", first_statement_at as "firstStatementAt" from incidents where id = $1 for update`,
    [id],
  );
  if (!r.rowCount) throw new AppError('incident.not_found', 404, 'incident.not_found');
  const x = r.rows[0];
  return { ...x, id: Number(x.id), unitId: Number(x.unitId), severity: Number(x.severity) as Severity };
}
const requireOpen = (row: Row) => {
  if (!openStatuses.includes(row.status)) throw new AppError('incident.closed', 409, 'incident.closed');
};

const afterWrite = (id: number) => getIncident(db(), id);

/** Edits the title, summary, place or severity (a raise escalates further and the clocks follow the new level). */
export async function updateIncident(actor: Actor, id: number, input: { version: number; title?: string; summary?: string; location?: string | null; severity?: Severity }): Promise<Incident> {
  await withTransaction(async (tx) => {
    const row = await lockRow(tx, id);
    requireOpen(row);
    if (row.version !== input.version) throw new AppError('incident.stale', 409, 'incident.stale');
    const at = now();
    const severity = input.severity ?? row.severity;
    const c = clocksFor(severity, new Date(row.detectedAt), new Date(row.openedAt));
    await tx.query(
      `update incidents set title = coalesce($2, title), summary = coalesce($3, summary), location = case when $4::boolean then $5 else location end, severity = $6,
              first_statement_due_at = $7, fast_report_due_at = $8, update_every_hours = $9, version = version + 1, updated_at = $10 where id = $1`,
      [id, input.title ?? null, input.summary ?? null, input.location !== undefined, input.location ?? null, severity, c.firstStatementDueAt, c.fastReportDueAt, c.updateEveryHours, at],
    );
    await tx.query(`update incidents set search_text = $2 where id = $1`, [id, foldVietnamese((await tx.query(`select concat_ws(' ', title, summary, location) as t from incidents where id = $1`, [id])).rows[0].t)]);
    if (severity !== row.severity) {
      await addTimelineEntry(tx, id, { kind: 'decision', title: `Đổi mức độ: ${severityName(row.severity)} → ${severityName(severity)}`, actorId: actor.userId, at });
      if (severity > row.severity) await escalate(tx, id, escalationTargets(severity, await ancestorsOf(tx, row.unitId)), 'severity', at);
    }
    await recordAudit(tx, actor, { action: 'incident.update', entity: 'incident', entityId: id, unitId: row.unitId, before: { title: row.title, severity: row.severity }, after: { title: input.title ?? row.title, severity } });
  });
  return afterWrite(id);
}

export function severityName(s: number): string {
  return ({ 1: 'Thấp', 2: 'Trung bình', 3: 'Cao', 4: 'Nghiêm trọng' } as Record<number, string>)[s] ?? String(s);
}
const stageName: Record<IncidentStatus, string> = {
  triage: 'Tiếp nhận, phân loại', active: 'Đang xử lý', contained: 'Đã kiểm soát', resolved: 'Đã giải quyết', review: 'Rút kinh nghiệm', closed: 'Đã đóng', cancelled: 'Đã hủy',
};

/** Moves to the next stage (or cancels); no stage is skipped; closing needs the review checklist complete. */
export async function moveIncident(actor: Actor, id: number, to: IncidentStatus, note?: string | null): Promise<Incident> {
  await withTransaction(async (tx) => {
    const row = await lockRow(tx, id);
    if (!canMove(row.status, to)) {
      if (!openStatuses.includes(row.status)) throw new AppError('incident.closed', 409, 'incident.closed');
      throw new AppError('incident.bad_transition', 409, 'incident.bad_transition', { from: stageName[row.status], to: stageName[to] });
    }
    const trimmed = note?.trim() || null;
    if (to === 'cancelled' && !trimmed) throw new AppError('incident.reason_required', 400, 'incident.reason_required');
    if (to === 'closed') {
      const missing = reviewMissing(row.review ?? {});
      if (missing.length) throw new AppError('incident.review_incomplete', 409, 'incident.review_incomplete', { n: missing.length }, missing);
    }
    const at = now();
    const column = { active: 'active_at', contained: 'contained_at', resolved: 'resolved_at', review: 'review_at', closed: 'closed_at', cancelled: 'cancelled_at', triage: null }[to];
    await tx.query(
      `update incidents set status = $2, ${column} = $3, cancel_reason = case when $2 = 'cancelled' then $4 else cancel_reason end, version = version + 1, updated_at = $3 where id = $1`,
      [id, to, at, trimmed],
    );
    await addTimelineEntry(tx, id, { kind: 'stage', title: `Chuyển giai đoạn: ${stageName[to]}`, body: trimmed ?? '', actorId: actor.userId, at });
    await recordAudit(tx, actor, { action: `incident.${to === 'cancelled' ? 'cancel' : 'move'}`, entity: 'incident', entityId: id, unitId: row.unitId, before: { status: row.status }, after: { status: to, ...(trimmed ? { note: trimmed } : {}) } });
  });
  return afterWrite(id);
}

/** A person writes to the timeline: a note, a message, a decision (the decisions log) or a public statement. */
export async function recordEntry(actor: Actor, id: number, e: { kind: 'note' | 'message' | 'decision' | 'statement'; title: string; body?: string }): Promise<Incident> {
  await withTransaction(async (tx) => {
    const row = await lockRow(tx, id);
    requireOpen(row);
    const entryId = await addTimelineEntry(tx, id, { kind: e.kind, title: e.title, body: e.body, actorId: actor.userId });
    await tx.query('update incidents set updated_at = $2 where id = $1', [id, now()]);
    await recordAudit(tx, actor, { action: `incident.${e.kind}`, entity: 'incident', entityId: id, unitId: row.unitId, after: { entryId, title: e.title } });
  });
  return afterWrite(id);
}

async function checkOwner(tx: Tx, unitId: number, ownerId: number | null | undefined) {
  if (ownerId == null) return;
  // the owner works in the incident's unit, a unit under it or a unit above it
  const r = await tx.query(
    `select 1 from users us join units o on o.id = us.unit_id join units u on u.id = $2 where us.id = $1 and (o.path <@ u.path or u.path <@ o.path)`,
    [ownerId, unitId],
  );
  if (!r.rowCount) throw new AppError('incident.bad_owner', 400, 'incident.bad_owner');
}

export async function addTask(actor: Actor, id: number, input: { title: string; ownerId?: number | null; dueAt?: Date | null }): Promise<Incident> {
  await withTransaction(async (tx) => {
    const row = await lockRow(tx, id);
    requireOpen(row);
    await checkOwner(tx, row.unitId, input.ownerId);
    const at = now();
    const r = await tx.query<{ id: number }>('insert into incident_tasks (incident_id, title, owner_id, due_at, created_by, created_at) values ($1,$2,$3,$4,$5,$6) returning id', [id, input.title, input.ownerId ?? null, input.dueAt ?? null, actor.userId, at]);
    await addTimelineEntry(tx, id, { kind: 'task', title: `Giao việc: ${input.title}`, refTable: 'incident_tasks', refId: Number(r.rows[0].id), actorId: actor.userId, at });
    await recordAudit(tx, actor, { action: 'incident.task_add', entity: 'incident', entityId: id, unitId: row.unitId, after: { taskId: Number(r.rows[0].id), title: input.title, ownerId: input.ownerId ?? null } });
  });
  return afterWrite(id);
}

export async function updateTask(actor: Actor, id: number, taskId: number, input: { isDone?: boolean; ownerId?: number | null; dueAt?: Date | null; title?: string }): Promise<Incident> {
  await withTransaction(async (tx) => {
    const row = await lockRow(tx, id);
    const t = await tx.query('select id, title, done_at as "doneAt", owner_id as "ownerId" from incident_tasks where id = $1 and incident_id = $2 for update', [taskId, id]);
    if (!t.rowCount) throw new AppError('incident.task_not_found', 404, 'incident.task_not_found');
    if (input.ownerId !== undefined) await checkOwner(tx, row.unitId, input.ownerId);
    const at = now();
    await tx.query(
      `update incident_tasks set title = coalesce($2, title), owner_id = case when $3::boolean then $4 else owner_id end, due_at = case when $5::boolean then $6 else due_at end,
              done_at = case when $7::boolean is null then done_at when $7 then coalesce(done_at, $8) else null end where id = $1`,
      [taskId, input.title ?? null, input.ownerId !== undefined, input.ownerId ?? null, input.dueAt !== undefined, input.dueAt ?? null, input.isDone ?? null, at],
    );
    if (input.isDone && !t.rows[0].doneAt) await addTimelineEntry(tx, id, { kind: 'task', title: `Hoàn thành: ${t.rows[0].title}`, actorId: actor.userId, at });
    await recordAudit(tx, actor, { action: 'incident.task_update', entity: 'incident', entityId: id, unitId: row.unitId, before: { taskId, doneAt: t.rows[0].doneAt, ownerId: t.rows[0].ownerId }, after: { ...input } });
  });
  return afterWrite(id);
}

// ---------------------------------------------------------------- fast report

/** Saves the fast report being written (one draft per incident). */
export async function saveFastReport(actor: Actor, id: number, fields: FastReportFields): Promise<Incident> {
  await withTransaction(async (tx) => {
    const row = await lockRow(tx, id);
    requireOpen(row);
    const at = now();
    const clean = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, (v ?? '').trim()]));
    const d = await tx.query('update incident_reports set fields = $2, updated_at = $3 where incident_id = $1 and status = \'draft\' returning id', [id, JSON.stringify(clean), at]);
    if (!d.rowCount) {
      await tx.query(
        `insert into incident_reports (incident_id, seq, fields, created_by, created_at, updated_at)
         values ($1, (select coalesce(max(seq), 0) + 1 from incident_reports where incident_id = $1), $2, $3, $4, $4)`,
        [id, JSON.stringify(clean), actor.userId, at],
      );
    }
    await recordAudit(tx, actor, { action: 'incident.report_save', entity: 'incident', entityId: id, unitId: row.unitId, after: clean });
  });
  return afterWrite(id);
}

/**
 * Sends the draft fast report up: recipients are the units the severity
 * escalates to and every unit already told (at least the parent). Each
 * recipient is recorded (outbox: notice and e-mail to its leaders and focal
 * points; read state per unit).
 */
export async function sendFastReport(actor: Actor, id: number): Promise<Incident> {
  await withTransaction(async (tx) => {
    const row = await lockRow(tx, id);
    requireOpen(row);
    const d = await tx.query('select id, seq, fields from incident_reports where incident_id = $1 and status = \'draft\' for update', [id]);
    if (!d.rowCount) throw new AppError('incident.no_report', 409, 'incident.no_report');
    const fields = d.rows[0].fields as FastReportFields;
    if (!(fields.what ?? '').trim() || !(fields.actions ?? '').trim()) throw new AppError('incident.report_incomplete', 400, 'incident.report_incomplete');
    const ancestors = await ancestorsOf(tx, row.unitId);
    if (!ancestors.length) throw new AppError('incident.no_parent', 409, 'incident.no_parent');
    const told = (await tx.query('select distinct unit_id as id from incident_escalations where incident_id = $1', [id])).rows.map((x) => Number(x.id));
    const to = new Set([ancestors[0].id, ...escalationTargets(row.severity, ancestors), ...told]);
    const at = now();
    await tx.query(`update incident_reports set status = 'sent', sent_at = $2, sent_by = $3, updated_at = $2 where id = $1`, [d.rows[0].id, at, actor.userId]);
    for (const u of to) await tx.query('insert into incident_report_recipients (report_id, unit_id) values ($1, $2)', [d.rows[0].id, u]);
    await addTimelineEntry(tx, id, { kind: 'report', title: `Gửi báo cáo nhanh số ${d.rows[0].seq}`, body: (fields.what ?? '').slice(0, 500), refTable: 'incident_reports', refId: Number(d.rows[0].id), actorId: actor.userId, at });
    await recordAudit(tx, actor, { action: 'incident.report_send', entity: 'incident', entityId: id, unitId: row.unitId, after: { reportId: Number(d.rows[0].id), seq: d.rows[0].seq, to: [...to] } });
  });
  return afterWrite(id);
}

export async function reportRef(q: Queryable, reportId: number) {
  const r = await q.query(
    `select r.id, r.incident_id as "incidentId", r.seq, r.fields, r.status, r.sent_at as "sentAt", i.unit_id as "unitId" from incident_reports r join incidents i on i.id = r.incident_id where r.id = $1`,
    [reportId],
  );
  if (!r.rowCount) throw new AppError('incident.report_not_found', 404, 'incident.report_not_found');
  const x = r.rows[0];
  return { id: Number(x.id), incidentId: Number(x.incidentId), seq: x.seq as number, fields: x.fields as FastReportFields, status: x.status as 'draft' | 'sent', sentAt: iso(x.sentAt), unitId: Number(x.unitId) };
}

/** Fast reports sent to a unit (the parent's inbox), unread first. */
export async function reportInbox(q: Queryable, unitId: number, limit = 100) {
  const r = await q.query(
    `select r.id, r.seq, r.sent_at as "sentAt", rr.read_at as "readAt", i.id as "incidentId", i.title, i.severity, i.status, u.name as "unitName", r.fields->>'what' as what
       from incident_report_recipients rr join incident_reports r on r.id = rr.report_id join incidents i on i.id = r.incident_id join units u on u.id = i.unit_id
      where rr.unit_id = $1 order by rr.read_at is not null, r.sent_at desc limit $2`,
    [unitId, limit],
  );
  return r.rows.map((x) => ({ id: Number(x.id), seq: x.seq as number, sentAt: iso(x.sentAt) as string, readAt: iso(x.readAt), incidentId: Number(x.incidentId), title: x.title as string, severity: Number(x.severity), status: x.status as IncidentStatus, unitName: x.unitName as string, what: (x.what ?? '') as string }));
}

/** A recipient unit's reader marks a fast report read (first reader wins; audited). */
export async function markReportRead(actor: Actor, reportId: number, unitId: number): Promise<boolean> {
  return withTransaction(async (tx) => {
    const r = await tx.query('update incident_report_recipients set read_at = $3, read_by = $4 where report_id = $1 and unit_id = $2 and read_at is null', [reportId, unitId, now(), actor.userId]);
    const exists = r.rowCount || (await tx.query('select 1 from incident_report_recipients where report_id = $1 and unit_id = $2', [reportId, unitId])).rowCount;
    if (!exists) throw new AppError('incident.report_not_found', 404, 'incident.report_not_found');
    if (r.rowCount) await recordAudit(tx, actor, { action: 'incident.report_read', entity: 'incident_report', entityId: reportId, unitId, after: { unitId } });
    return !!r.rowCount;
  });
}

// ---------------------------------------------------------------- review and result

export async function saveReview(actor: Actor, id: number, review: Review): Promise<Incident> {
  await withTransaction(async (tx) => {
    const row = await lockRow(tx, id);
    requireOpen(row);
    const clean = Object.fromEntries(reviewItems.map((k) => [k, (review[k] ?? row.review?.[k] ?? '').trim()]));
    await tx.query('update incidents set review = $2, updated_at = $3 where id = $1', [id, JSON.stringify(clean), now()]);
    await recordAudit(tx, actor, { action: 'incident.review', entity: 'incident', entityId: id, unitId: row.unitId, before: row.review, after: clean });
  });
  return afterWrite(id);
}

/** Writes the result of the handling (sanitised); published later, or re-published when already public. */
export async function saveResult(actor: Actor, id: number, input: { title: string; html: string }): Promise<Incident> {
  await withTransaction(async (tx) => {
    const row = await lockRow(tx, id);
    if (row.status === 'cancelled') throw new AppError('incident.closed', 409, 'incident.closed');
    const html = sanitizeArticleHtml(input.html);
    await tx.query('update incidents set result_title = $2, result_html = $3, updated_at = $4 where id = $1', [id, input.title, html, now()]);
    await recordAudit(tx, actor, { action: 'incident.result_save', entity: 'incident', entityId: id, unitId: row.unitId, after: { title: input.title } });
  });
  return afterWrite(id);
}

/** Publishes (or withdraws) the result on the portal; only once the incident is resolved. */
export async function publishResult(actor: Actor, id: number, isPublished: boolean): Promise<Incident> {
  await withTransaction(async (tx) => {
    const row = await lockRow(tx, id);
    if (isPublished) {
      if (!['resolved', 'review', 'closed'].includes(row.status)) throw new AppError('incident.result_too_early', 409, 'incident.result_too_early');
      const r = await tx.query('select result_title as title, result_html as html, result_slug as slug from incidents where id = $1', [id]);
      if (!r.rows[0].title || !r.rows[0].html.trim()) throw new AppError('incident.result_empty', 400, 'incident.result_empty');
      const slug = r.rows[0].slug ?? (await uniqueResultSlug(tx, r.rows[0].title, id));
      const at = now();
      await tx.query('update incidents set result_published_at = coalesce(result_published_at, $2), result_slug = $3, updated_at = $2 where id = $1', [id, at, slug]);
      await addTimelineEntry(tx, id, { kind: 'statement', title: `Công khai kết quả xử lý: ${r.rows[0].title}`, actorId: actor.userId, at });
    } else {
      await tx.query('update incidents set result_published_at = null, updated_at = $2 where id = $1', [id, now()]);
    }
    await recordAudit(tx, actor, { action: isPublished ? 'incident.result_publish' : 'incident.result_withdraw', entity: 'incident', entityId: id, unitId: row.unitId });
  });
  return afterWrite(id);
}

// ---------------------------------------------------------------- story attachment

/**
 * Attaches the items of the incident's story — and of its thread, once the
 * story belongs to one — as 'mention' entries; idempotent (one entry per item).
 */
export async function attachStoryItems(tx: Queryable, incidentId: number): Promise<number> {
  await tx.query(
    `update incidents i set thread_id = s.thread_id from monitor_stories s where i.id = $1 and s.id = i.story_id and i.thread_id is null and s.thread_id is not null`,
    [incidentId],
  );
  const r = await tx.query(
    `insert into incident_timeline (incident_id, kind, title, body, ref_table, ref_id, at)
     select i.id, 'mention', left(coalesce(nullif(mi.title, ''), 'Tin liên quan'), 500), coalesce(ms.name, ''), 'monitor_items', mi.id, coalesce(mi.published_at, mi.fetched_at)
       from incidents i join monitor_items mi on (mi.story_id = i.story_id or (i.thread_id is not null and mi.thread_id = i.thread_id))
       left join monitor_sources ms on ms.id = mi.source_id
      where i.id = $1
     on conflict do nothing`,
    [incidentId],
  );
  return r.rowCount ?? 0;
}

export const severityRuleTable = severityRules;
