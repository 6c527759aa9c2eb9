import { now } from '../../platform/clock';
import { config } from '../../platform/config';
import { type Queryable, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { type MessageKey, t } from '../../platform/i18n';
import { enqueue } from '../../platform/jobs';
import { foldVietnamese } from '../../text';
import { vnDay } from '../sitecontent';
import { type Actor, recordAudit } from '../audit';
import { sendMailJob } from '../identity';
import { itemLinks, itemOpenToUnit } from '../monitoring';
import { sanitizeArticleHtml, textOfHtml } from '../newsroom';
import { iso, registerOf, requireRegister } from './common';

/**
 * The issues library (cơ sở dữ liệu về các vấn đề dư luận quan tâm), briefings and
 * press conferences with the Decree 09 compliance view, and correction requests.
 */

// ---- issues library ---------------------------------------------------------------------------

export const issueStatuses = ['draft', 'approved', 'archived'] as const;
export type IssueStatus = (typeof issueStatuses)[number];
export type IssueInput = { topic: string; factsHtml?: string; position?: string; qa?: { q: string; a: string }[]; ownerIds?: number[]; tags?: string[]; reviewOn?: string | null };

const issueColumns = `i.id, i.unit_id as "unitId", u.name as "unitName", i.topic, i.facts_html as "factsHtml", i.position, i.qa, i.owner_ids as "ownerIds", i.tags,
  to_char(i.review_on, 'YYYY-MM-DD') as "reviewOn", i.status, i.approved_by as "approvedBy", i.approved_at as "approvedAt", i.created_at as "createdAt", i.updated_at as "updatedAt"`;
const presentIssue = (x: Record<string, any>) => ({
  ...x, id: Number(x.id), unitId: Number(x.unitId), ownerIds: (x.ownerIds ?? []).map(Number), approvedBy: x.approvedBy == null ? null : Number(x.approvedBy),
  status: x.status as IssueStatus, approvedAt: iso(x.approvedAt), createdAt: iso(x.createdAt) as string, updatedAt: iso(x.updatedAt) as string,
  isReviewDue: x.status !== 'archived' && x.reviewOn != null && x.reviewOn <= vnDay(now()),
}) as {
  id: number; unitId: number; unitName: string; topic: string; factsHtml: string; position: string; qa: { q: string; a: string }[]; ownerIds: number[]; tags: string[];
  reviewOn: string | null; status: IssueStatus; approvedBy: number | null; approvedAt: string | null; createdAt: string; updatedAt: string; isReviewDue: boolean;
};

export async function getIssue(q: Queryable, id: number) {
  const r = await q.query(`select ${issueColumns} from press_issues i join units u on u.id = i.unit_id where i.id = $1`, [id]);
  if (!r.rowCount) throw new AppError('press.not_found', 404, 'press.not_found');
  return presentIssue(r.rows[0]);
}
export type PressIssue = Awaited<ReturnType<typeof getIssue>>;

/** Issues of a subtree; the text search is folded (no diacritics needed), word by word. */
export async function listIssues(q: Queryable, opts: { unitPath: string; ownUnitIds?: number[] | null; text?: string; status?: IssueStatus; tag?: string }) {
  const params: unknown[] = [opts.unitPath];
  const where = ['u.path <@ $1::ltree'];
  if (opts.ownUnitIds) where.push(`i.unit_id = any($${params.push(opts.ownUnitIds)}::bigint[])`);
  if (opts.status) where.push(`i.status = $${params.push(opts.status)}`);
  if (opts.tag) where.push(`$${params.push(opts.tag)} = any(i.tags)`);
  for (const w of foldVietnamese(opts.text ?? '').split(' ').filter(Boolean).slice(0, 6)) where.push(`i.search_text like $${params.push(`%${w}%`)}`);
  const r = await q.query(`select ${issueColumns} from press_issues i join units u on u.id = i.unit_id where ${where.join(' and ')} order by i.updated_at desc limit 200`, params);
  return r.rows.map(presentIssue);
}

export async function saveIssue(actor: Actor, id: number | null, input: IssueInput & { unitId?: number }): Promise<PressIssue> {
  return withTransaction(async (tx) => {
    const facts = sanitizeArticleHtml(input.factsHtml ?? '');
    const qa = (input.qa ?? []).map((x) => ({ q: x.q.trim(), a: x.a.trim() })).filter((x) => x.q && x.a);
    const tags = [...new Set((input.tags ?? []).map((x) => x.trim()).filter(Boolean))];
    const search = foldVietnamese([input.topic, input.position, textOfHtml(facts), ...qa.flatMap((x) => [x.q, x.a]), ...tags].filter(Boolean).join(' ')).slice(0, 40_000);
    const at = now();
    const vals = [input.topic.trim(), facts, (input.position ?? '').trim(), JSON.stringify(qa), input.ownerIds ?? [], tags, input.reviewOn ?? null, search, at];
    let unitId: number;
    if (id == null) {
      unitId = input.unitId as number;
      id = Number((await tx.query(
        `insert into press_issues (unit_id, topic, facts_html, position, qa, owner_ids, tags, review_on, search_text, created_at, updated_at, created_by)
         values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10,$11) returning id`,
        [unitId, ...vals, actor.userId],
      )).rows[0].id);
    } else {
      const cur = await tx.query('select unit_id as "unitId" from press_issues where id = $1 for update', [id]);
      if (!cur.rowCount) throw new AppError('press.not_found', 404, 'press.not_found');
      unitId = Number(cur.rows[0].unitId);
      // an edit of the approved position sends it back to draft
      await tx.query(
        `update press_issues set topic = $2, facts_html = $3, position = $4, qa = $5, owner_ids = $6, tags = $7, review_on = $8, search_text = $9, updated_at = $10,
                status = case when status = 'approved' and position is distinct from $4 then 'draft' else status end
          where id = $1`,
        [id, ...vals],
      );
    }
    await recordAudit(tx, actor, { action: 'press_issue.save', entity: 'press_issue', entityId: id, unitId, after: { topic: input.topic, reviewOn: input.reviewOn ?? null } });
    return getIssue(tx, id);
  });
}

/** approve: the register; archive / reopen: any press writer (checked by the route). */
export async function moveIssue(actor: Actor, id: number, action: 'approve' | 'archive' | 'reopen'): Promise<PressIssue> {
  return withTransaction(async (tx) => {
    const cur = await tx.query('select unit_id as "unitId", status from press_issues where id = $1 for update', [id]);
    if (!cur.rowCount) throw new AppError('press.not_found', 404, 'press.not_found');
    const { status } = cur.rows[0];
    const unitId = Number(cur.rows[0].unitId);
    const ok = { approve: ['draft'], archive: ['draft', 'approved'], reopen: ['archived', 'approved'] }[action];
    if (!ok.includes(status)) throw new AppError('press.bad_state', 409, 'press.bad_state', { status });
    const at = now();
    if (action === 'approve') {
      await requireRegister(tx, actor.userId, unitId);
      await tx.query(`update press_issues set status = 'approved', approved_by = $2, approved_at = $3, updated_at = $3 where id = $1`, [id, actor.userId, at]);
    } else {
      await tx.query(`update press_issues set status = $2, updated_at = $3 where id = $1`, [id, action === 'archive' ? 'archived' : 'draft', at]);
    }
    const after = await getIssue(tx, id);
    await recordAudit(tx, actor, { action: `press_issue.${action}`, entity: 'press_issue', entityId: id, unitId, before: { status }, after: { status: after.status } });
    return after;
  });
}

// ---- briefings and press conferences; Decree 09 compliance -----------------------------------

export const briefingKinds = ['briefing', 'conference'] as const;
export type BriefingKind = (typeof briefingKinds)[number];
export type BriefingInput = {
  kind: BriefingKind; title: string; startsAt: string; place?: string | null; spokespersonId?: number | null; topics?: string[]; outletIds?: number[];
  status?: 'planned' | 'held' | 'cancelled'; minutes?: string | null;
};

const brColumns = `b.id, b.unit_id as "unitId", b.kind, b.title, b.starts_at as "startsAt", b.place, b.spokesperson_id as "spokespersonId", sp.name as "spokespersonName",
  b.topics, b.outlet_ids as "outletIds", b.status, b.minutes, b.created_at as "createdAt", b.updated_at as "updatedAt"`;
const presentBriefing = (x: Record<string, any>) => ({
  ...x, id: Number(x.id), unitId: Number(x.unitId), spokespersonId: x.spokespersonId == null ? null : Number(x.spokespersonId), outletIds: (x.outletIds ?? []).map(Number),
  kind: x.kind as BriefingKind, status: x.status as 'planned' | 'held' | 'cancelled', startsAt: iso(x.startsAt) as string, createdAt: iso(x.createdAt) as string, updatedAt: iso(x.updatedAt) as string,
}) as {
  id: number; unitId: number; kind: BriefingKind; title: string; startsAt: string; place: string | null; spokespersonId: number | null; spokespersonName: string | null;
  topics: string[]; outletIds: number[]; status: 'planned' | 'held' | 'cancelled'; minutes: string | null; createdAt: string; updatedAt: string;
};

export async function getBriefing(q: Queryable, id: number) {
  const r = await q.query(`select ${brColumns} from press_briefings b left join users sp on sp.id = b.spokesperson_id where b.id = $1`, [id]);
  if (!r.rowCount) throw new AppError('press.not_found', 404, 'press.not_found');
  return presentBriefing(r.rows[0]);
}
export type PressBriefing = Awaited<ReturnType<typeof getBriefing>>;

export async function listBriefings(q: Queryable, unitId: number, year: number) {
  const r = await q.query(
    `select ${brColumns} from press_briefings b left join users sp on sp.id = b.spokesperson_id
      where b.unit_id = $1 and extract(year from b.starts_at at time zone 'Asia/Ho_Chi_Minh') = $2 order by b.starts_at`,
    [unitId, year],
  );
  return r.rows.map(presentBriefing);
}

export async function saveBriefing(actor: Actor, id: number | null, input: BriefingInput & { unitId?: number }): Promise<PressBriefing> {
  return withTransaction(async (tx) => {
    const startsAt = new Date(input.startsAt);
    if (Number.isNaN(startsAt.getTime())) throw new AppError('press.bad_date', 400, 'press.bad_date');
    const at = now();
    const vals = [input.kind, input.title.trim(), startsAt, input.place ?? null, input.spokespersonId ?? null, input.topics ?? [], input.outletIds ?? [], input.status ?? 'planned', input.minutes ?? null, at];
    let unitId: number;
    if (id == null) {
      unitId = input.unitId as number;
      id = Number((await tx.query(
        `insert into press_briefings (unit_id, kind, title, starts_at, place, spokesperson_id, topics, outlet_ids, status, minutes, created_at, updated_at, created_by)
         values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$11,$12) returning id`,
        [unitId, ...vals, actor.userId],
      )).rows[0].id);
    } else {
      const cur = await tx.query('select unit_id as "unitId" from press_briefings where id = $1 for update', [id]);
      if (!cur.rowCount) throw new AppError('press.not_found', 404, 'press.not_found');
      unitId = Number(cur.rows[0].unitId);
      await tx.query(
        `update press_briefings set kind = $2, title = $3, starts_at = $4, place = $5, spokesperson_id = $6, topics = $7, outlet_ids = $8, status = $9, minutes = $10, updated_at = $11 where id = $1`,
        [id, ...vals],
      );
    }
    if (input.spokespersonId != null && !(await registerOf(tx, unitId)).some((p) => p.id === input.spokespersonId)) throw new AppError('press.not_spokesperson', 400, 'press.not_spokesperson');
    await recordAudit(tx, actor, { action: 'press_briefing.save', entity: 'press_briefing', entityId: id, unitId, after: { kind: input.kind, title: input.title, status: input.status ?? 'planned' } });
    return getBriefing(tx, id);
  });
}

export type ComplianceState = 'done' | 'due' | 'overdue' | 'upcoming';
/**
 * Decree 09/2017: information to the press at least monthly (a held briefing or
 * conference, or a press release published in the month, counts), and for a
 * department-level unit a press conference at least every quarter. Each period
 * is done, due (the current one, not yet done), overdue (past, not done) or
 * upcoming, on the platform clock (Vietnam time).
 */
export async function briefingCompliance(q: Queryable, unitId: number, year: number) {
  const u = await q.query<{ type: string }>('select type from units where id = $1', [unitId]);
  if (!u.rowCount) throw new AppError('press.not_found', 404, 'press.not_found');
  const needsConference = ['department', 'ministry'].includes(u.rows[0].type);
  const held = await q.query<{ month: number; kind: string }>(
    `select extract(month from starts_at at time zone 'Asia/Ho_Chi_Minh')::int as month, kind from press_briefings
      where unit_id = $1 and status = 'held' and extract(year from starts_at at time zone 'Asia/Ho_Chi_Minh') = $2
     union all
     select extract(month from published_at at time zone 'Asia/Ho_Chi_Minh')::int, 'release' from press_releases
      where unit_id = $1 and published_at is not null and status in ('published','withdrawn') and extract(year from published_at at time zone 'Asia/Ho_Chi_Minh') = $2`,
    [unitId, year],
  );
  const today = vnDay(now());
  const curY = Number(today.slice(0, 4));
  const curM = Number(today.slice(5, 7));
  const state = (done: boolean, lastMonth: number, firstMonth: number): ComplianceState => {
    if (done) return 'done';
    if (year < curY || (year === curY && lastMonth < curM)) return 'overdue';
    if (year === curY && firstMonth <= curM) return 'due';
    return 'upcoming';
  };
  const months = Array.from({ length: 12 }, (_, i) => {
    const m = i + 1;
    const n = held.rows.filter((x) => x.month === m).length;
    return { month: m, count: n, state: state(n > 0, m, m) };
  });
  const quarters = needsConference
    ? Array.from({ length: 4 }, (_, i) => {
        const first = i * 3 + 1;
        const n = held.rows.filter((x) => x.kind === 'conference' && x.month >= first && x.month < first + 3).length;
        return { quarter: i + 1, count: n, state: state(n > 0, first + 2, first) };
      })
    : [];
  return { unitId, year, needsConference, months, quarters };
}

// ---- correction requests ----------------------------------------------------------------------

export const correctionOutcomes = ['pending', 'corrected', 'partly', 'refused', 'no_answer'] as const;
export type CorrectionOutcome = (typeof correctionOutcomes)[number];
export type CorrectionInput = { outletId?: number | null; itemId?: number | null; whatWrong: string; requestedCorrection: string; sentOn?: string | null; outcome?: CorrectionOutcome; outcomeUrl?: string | null };
export const CORRECTION_REMIND_DAYS = 7;

const coColumns = `c.id, c.unit_id as "unitId", c.outlet_id as "outletId", o.name as "outletName", c.item_id as "itemId", c.what_wrong as "whatWrong", c.requested_correction as "requestedCorrection",
  to_char(c.sent_on, 'YYYY-MM-DD') as "sentOn", c.outcome, c.outcome_url as "outcomeUrl", c.outcome_at as "outcomeAt", c.created_at as "createdAt", c.updated_at as "updatedAt"`;
const coFrom = 'from press_corrections c left join press_outlets o on o.id = c.outlet_id';
const presentCorrection = (x: Record<string, any>, links: Map<number, { title: string; url: string | null }>) => ({
  ...x, itemTitle: x.itemId == null ? null : links.get(Number(x.itemId))?.title ?? null, itemUrl: x.itemId == null ? null : links.get(Number(x.itemId))?.url ?? null, id: Number(x.id), unitId: Number(x.unitId), outletId: x.outletId == null ? null : Number(x.outletId), itemId: x.itemId == null ? null : Number(x.itemId),
  outcome: x.outcome as CorrectionOutcome, outcomeAt: iso(x.outcomeAt), createdAt: iso(x.createdAt) as string, updatedAt: iso(x.updatedAt) as string,
}) as {
  id: number; unitId: number; outletId: number | null; outletName: string | null; itemId: number | null; itemTitle: string | null; itemUrl: string | null;
  whatWrong: string; requestedCorrection: string; sentOn: string | null; outcome: CorrectionOutcome; outcomeUrl: string | null; outcomeAt: string | null; createdAt: string; updatedAt: string;
};

export async function getCorrection(q: Queryable, id: number) {
  const r = await q.query(`select ${coColumns} ${coFrom} where c.id = $1`, [id]);
  if (!r.rowCount) throw new AppError('press.not_found', 404, 'press.not_found');
  return presentCorrection(r.rows[0], await itemLinks(q, r.rows[0].itemId == null ? [] : [Number(r.rows[0].itemId)]));
}
export type PressCorrection = Awaited<ReturnType<typeof getCorrection>>;

export async function listCorrections(q: Queryable, opts: { unitPath: string; ownUnitIds?: number[] | null }) {
  const params: unknown[] = [opts.unitPath];
  const where = ['u.path <@ $1::ltree'];
  if (opts.ownUnitIds) where.push(`c.unit_id = any($${params.push(opts.ownUnitIds)}::bigint[])`);
  const r = await q.query(`select ${coColumns} ${coFrom} join units u on u.id = c.unit_id where ${where.join(' and ')} order by c.updated_at desc limit 200`, params);
  const links = await itemLinks(q, r.rows.filter((x) => x.itemId != null).map((x) => Number(x.itemId)));
  return r.rows.map((x) => presentCorrection(x, links));
}

export async function saveCorrection(actor: Actor, id: number | null, input: CorrectionInput & { unitId?: number }): Promise<PressCorrection> {
  return withTransaction(async (tx) => {
    const at = now();
    const outcome = input.outcome ?? 'pending';
    const vals = [input.outletId ?? null, input.itemId ?? null, input.whatWrong.trim(), input.requestedCorrection.trim(), input.sentOn ?? null, outcome, input.outcomeUrl ?? null, at];
    let unitId: number;
    let before: string | null = null;
    if (id == null) {
      unitId = input.unitId as number;
      id = Number((await tx.query(
        `insert into press_corrections (unit_id, outlet_id, item_id, what_wrong, requested_correction, sent_on, outcome, outcome_url, created_at, updated_at, outcome_at, created_by)
         values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$9, case when $7 = 'pending' then null else $9::timestamptz end, $10) returning id`,
        [unitId, ...vals, actor.userId],
      )).rows[0].id);
    } else {
      const cur = await tx.query('select unit_id as "unitId", outcome from press_corrections where id = $1 for update', [id]);
      if (!cur.rowCount) throw new AppError('press.not_found', 404, 'press.not_found');
      unitId = Number(cur.rows[0].unitId);
      before = cur.rows[0].outcome;
      await tx.query(
        `update press_corrections set outlet_id = $2, item_id = $3, what_wrong = $4, requested_correction = $5, sent_on = $6, outcome = $7, outcome_url = $8, updated_at = $9,
                outcome_at = case when $7 = 'pending' then null when outcome = $7 then outcome_at else $9 end where id = $1`,
        [id, ...vals],
      );
    }
    if (input.outletId != null && !(await tx.query('select 1 from press_outlets where id = $1 and unit_id = $2', [input.outletId, unitId])).rowCount) throw new AppError('press.bad_outlet', 400, 'press.bad_outlet');
    if (input.itemId != null && !(await itemOpenToUnit(tx, input.itemId, unitId))) throw new AppError('press.bad_item', 400, 'press.bad_item');
    await recordAudit(tx, actor, { action: 'press_correction.save', entity: 'press_correction', entityId: id, unitId, before: before ? { outcome: before } : undefined, after: { outcome } });
    return getCorrection(tx, id);
  });
}

// ---- reminders (idempotent) ------------------------------------------------------------------------

/**
 * Issues whose review date has come (once per review date, to their owners or
 * else the unit's register), and correction requests still pending 7 days after
 * they were sent (once, to the person who recorded them or the register).
 */
export async function remindLibraryAndCorrections(): Promise<{ issues: number; corrections: number }> {
  return withTransaction(async (tx) => {
    const today = vnDay(now());
    const base = config().publicUrl;
    const issues = await tx.query(
      `select i.id, i.unit_id as "unitId", i.topic, to_char(i.review_on, 'YYYY-MM-DD') as "reviewOn", i.owner_ids as "ownerIds" from press_issues i
        where i.status <> 'archived' and i.review_on <= $1::date and (i.reminded_for is null or i.reminded_for <> i.review_on) for update skip locked limit 200`,
      [today],
    );
    const mail = async (to: { email: string; name: string }[], key: string, params: Record<string, string>) => {
      for (const p of to) await enqueue(sendMailJob, { to: p.email, subject: t(`${key}_subject` as MessageKey, params), text: t(`${key}_body` as MessageKey, { ...params, name: p.name }) }, { tx });
    };
    for (const i of issues.rows) {
      let to = (await tx.query('select email, name from users where id = any($1::bigint[]) and is_active', [i.ownerIds])).rows;
      if (!to.length) to = await registerOf(tx, Number(i.unitId));
      await mail(to, 'press.remind_issue', { topic: i.topic, due: i.reviewOn, link: `${base}/admin/bao-chi/van-de/${i.id}` });
      await tx.query('update press_issues set reminded_for = review_on where id = $1', [i.id]);
    }
    const cors = await tx.query(
      `select c.id, c.unit_id as "unitId", c.created_by as "createdBy", coalesce(o.name, '') as outlet, to_char(c.sent_on, 'YYYY-MM-DD') as "sentOn" from press_corrections c
         left join press_outlets o on o.id = c.outlet_id
        where c.outcome = 'pending' and c.sent_on is not null and c.sent_on + $2::int <= $1::date and c.reminded_at is null for update of c skip locked limit 200`,
      [today, CORRECTION_REMIND_DAYS],
    );
    for (const c of cors.rows) {
      let to = c.createdBy ? (await tx.query('select email, name from users where id = $1 and is_active', [c.createdBy])).rows : [];
      if (!to.length) to = await registerOf(tx, Number(c.unitId));
      await mail(to, 'press.remind_correction', { outlet: c.outlet, sent: c.sentOn, link: `${base}/admin/bao-chi/cai-chinh` });
      await tx.query('update press_corrections set reminded_at = $2 where id = $1', [c.id, now()]);
    }
    return { issues: issues.rowCount ?? 0, corrections: cors.rowCount ?? 0 };
  });
}
