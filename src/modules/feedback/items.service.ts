import { now } from '../../platform/clock';
import { type Queryable, type Tx, db, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { type Actor, recordAudit } from '../audit';
import { checkFormToken, ipHash, linkCount } from '../sitecontent';
import {
  AUTO_HIDE_REPORTS, CONSENT_VERSION, type Channel, type ContactInput, FEEDBACK_PER_HOUR, type Stance, type Visibility,
  cleanContact, consultationStatus, emailHash, iso,
} from './common';

/**
 * Comments on consultations, general feedback and hotline notes; reports, hiding,
 * auto-hiding and blocking. Anti-spam on every public form, no outside service:
 * a honeypot field that must stay empty, the signed timing token of the site forms
 * (sitecontent checkFormToken), blocks by hashed IP / e-mail, and at most
 * FEEDBACK_PER_HOUR attempts per hashed IP per hour (site_form_hits, refusals count).
 */
export const REPORTS_PER_HOUR = 30;
const MAX_BODY = 5000;

export type PublicFormInput = ContactInput & { website?: string | null; token: string };
export type CommentInput = PublicFormInput & { consultationId: number; paragraphId?: number | null; stance: Stance; body: string };
export type GeneralInput = PublicFormInput & { unitId: number; subject?: string | null; body: string };

/** Counts an attempt by an IP hash and refuses past the hour's limit (autocommitted, so refusals count too). */
export async function countFeedbackAttempt(hash: string, kind: 'feedback' | 'feedback_report' = 'feedback', perHour = kind === 'feedback' ? FEEDBACK_PER_HOUR : REPORTS_PER_HOUR): Promise<void> {
  const at = now();
  const r = await db().query<{ n: number }>(
    `with ins as (insert into site_form_hits (ip_hash, kind, at) values ($1, $2, $3))
     select count(*)::int as n from site_form_hits where ip_hash = $1 and kind = $2 and at > $3::timestamptz - interval '1 hour'`,
    [hash, kind, at],
  );
  if (r.rows[0].n + 1 > perHour) throw new AppError('feedback.rate_limited', 429, 'feedback.rate_limited');
}

async function assertNotBlocked(q: Queryable, ipH: string | null, emailH: string | null) {
  const r = await q.query('select 1 from feedback_blocks where removed_at is null and (ip_hash = $1 or email_hash = $2) limit 1', [ipH, emailH]);
  if (r.rowCount) throw new AppError('feedback.blocked', 403, 'feedback.blocked');
}

function cleanBody(s: string, min = 5): string {
  const body = (s ?? '').replace(/\r\n?/g, '\n').trim();
  if (body.length < min) throw new AppError('feedback.body_short', 400, 'feedback.body_short');
  if (body.length > MAX_BODY) throw new AppError('feedback.too_long', 400, 'feedback.too_long', { max: MAX_BODY });
  return body;
}

/** Spam rules common to the public forms, in order; returns the hashes. */
async function guard(ip: string | null, unitId: number, input: PublicFormInput, text: string): Promise<{ ipH: string; emailH: string | null }> {
  const ipH = await ipHash(db(), ip);
  if (input.website && input.website.trim()) throw new AppError('feedback.honeypot', 400, 'feedback.honeypot');
  await checkFormToken(db(), unitId, input.token);
  await countFeedbackAttempt(ipH);
  const emailH = await emailHash(db(), input.email);
  await assertNotBlocked(db(), ipH, emailH);
  if (linkCount(text) > 2) throw new AppError('feedback.too_many_links', 400, 'feedback.too_many_links', { max: 2 });
  return { ipH, emailH };
}

async function insertContact(tx: Tx, c: { name: string | null; email: string | null; phone: string | null } | null): Promise<number | null> {
  if (!c) return null;
  const r = await tx.query<{ id: number }>('insert into feedback_contacts (name, email, phone, created_at) values ($1,$2,$3,$4) returning id', [c.name, c.email, c.phone, now()]);
  return Number(r.rows[0].id);
}

type NewItem = {
  unitId: number; consultationId: number | null; paragraphId: number | null; channel: Channel; stance: Stance | null; subject: string | null; body: string;
  visibility: Visibility; contact: { name: string | null; email: string | null; phone: string | null } | null; ipH: string | null; emailH: string | null; createdBy: number | null;
};
async function insertItem(tx: Tx, actor: Actor, i: NewItem): Promise<number> {
  const at = now();
  const contactId = await insertContact(tx, i.contact);
  const r = await tx.query<{ id: number }>(
    `insert into feedback_items (unit_id, consultation_id, paragraph_id, channel, stance, subject, body, visibility, contact_id, consent_version, consent_at, ip_hash, email_hash, created_by, created_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) returning id`,
    [i.unitId, i.consultationId, i.paragraphId, i.channel, i.stance, i.subject, i.body, i.visibility, contactId, contactId ? CONSENT_VERSION : null, contactId ? at : null,
      i.ipH, i.emailH, i.createdBy, at],
  );
  const id = Number(r.rows[0].id);
  await recordAudit(tx, actor, {
    action: i.consultationId ? 'feedback.comment' : i.channel === 'hotline' ? 'feedback.hotline' : 'feedback.receive', entity: 'feedback_item', entityId: id, unitId: i.unitId,
    after: { consultationId: i.consultationId, paragraphId: i.paragraphId, channel: i.channel, stance: i.stance, withContact: !!contactId },
  });
  return id;
}

/** The consultation if open for comments (and the paragraph is its own); `lock` takes the row FOR SHARE inside a transaction. */
async function openConsultation(q: Queryable, consultationId: number, paragraphId: number | null | undefined, lock = false) {
  const r = await q.query(`select id, unit_id as "unitId", opens_at as "opensAt", closes_at as "closesAt", response_published_at as "responsePublishedAt" from consultations where id = $1${lock ? ' for share' : ''}`, [consultationId]);
  if (!r.rowCount) throw new AppError('feedback.not_found', 404, 'feedback.not_found');
  const c = r.rows[0];
  if (consultationStatus(c, now()) !== 'open') throw new AppError('feedback.not_open', 409, 'feedback.not_open');
  if (paragraphId != null) {
    const p = await q.query('select 1 from consultation_paragraphs where id = $1 and consultation_id = $2', [paragraphId, consultationId]);
    if (!p.rowCount) throw new AppError('feedback.bad_paragraph', 400, 'feedback.bad_paragraph');
  }
  return { unitId: Number(c.unitId) };
}

/** A citizen's comment on a consultation (whole draft or one paragraph), from the portal. */
export async function submitComment(ip: string | null, input: CommentInput): Promise<{ id: number }> {
  const c = await openConsultation(db(), input.consultationId, input.paragraphId);
  const { ipH, emailH } = await guard(ip, c.unitId, input, input.body ?? '');
  if (!['agree', 'disagree', 'partly'].includes(input.stance)) throw new AppError('feedback.stance_required', 400, 'feedback.stance_required');
  const body = cleanBody(input.body);
  const contact = cleanContact(input);
  return withTransaction(async (tx) => {
    // re-checked under a share lock: an edit of the text (which needs "nobody has commented") or closing waits for this comment
    await openConsultation(tx, input.consultationId, input.paragraphId, true);
    const id = await insertItem(tx, { userId: null, ip: null }, {
      unitId: c.unitId, consultationId: input.consultationId, paragraphId: input.paragraphId ?? null, channel: 'web', stance: input.stance, subject: null, body,
      visibility: 'public', contact, ipH, emailH, createdBy: null,
    });
    return { id };
  });
}

/** General feedback (not tied to a consultation) from the portal; never shown publicly. */
export async function submitGeneralFeedback(ip: string | null, input: GeneralInput): Promise<{ id: number }> {
  const unit = await db().query(`select 1 from units where id = $1 and status = 'active'`, [input.unitId]);
  if (!unit.rowCount) throw new AppError('feedback.bad_unit', 400, 'feedback.bad_unit');
  const { ipH, emailH } = await guard(ip, input.unitId, input, `${input.subject ?? ''} ${input.body ?? ''}`);
  const body = cleanBody(input.body, 10);
  const subject = (input.subject ?? '').trim().slice(0, 200) || null;
  const contact = cleanContact(input);
  return withTransaction(async (tx) => ({
    id: await insertItem(tx, { userId: null, ip: null }, { unitId: input.unitId, consultationId: null, paragraphId: null, channel: 'web', stance: null, subject, body, visibility: 'private', contact, ipH, emailH, createdBy: null }),
  }));
}

/**
 * Staff type what a caller said on the hotline, optionally about a consultation and one of its paragraphs.
 * The consultation must belong to the chosen unit or its subtree and take comments by phone (open, or closed
 * without a published response); the paragraph must be the consultation's own; a paragraph without a
 * consultation is refused. The item is filed under the consultation's unit. The caller agreed orally to any
 * contact details kept. Nothing is written when a check fails.
 */
export async function addHotlineNote(actor: Actor, input: { unitId: number; consultationId?: number | null; paragraphId?: number | null; stance?: Stance | null; subject?: string | null; body: string } & ContactInput): Promise<{ id: number }> {
  let unitId = input.unitId;
  if (input.consultationId == null && input.paragraphId != null) throw new AppError('feedback.paragraph_needs_consultation', 400, 'feedback.paragraph_needs_consultation');
  if (input.consultationId != null) unitId = (await hotlineConsultation(db(), input.unitId, input.consultationId, input.paragraphId)).unitId;
  const body = cleanBody(input.body);
  const contact = cleanContact(input);
  const emailH = await emailHash(db(), contact?.email);
  return withTransaction(async (tx) => {
    // re-checked under a share lock: publishing the response waits for this note (and the note sees a response published meanwhile)
    if (input.consultationId != null) await hotlineConsultation(tx, input.unitId, input.consultationId, input.paragraphId, true);
    return {
      id: await insertItem(tx, actor, {
        unitId, consultationId: input.consultationId ?? null, paragraphId: input.consultationId != null ? (input.paragraphId ?? null) : null, channel: 'hotline', stance: input.stance ?? null,
        subject: (input.subject ?? '').trim() || null, body, visibility: 'private', contact, ipH: null, emailH, createdBy: actor.userId,
      }),
    };
  });
}

/** Checks a consultation a hotline note is attached to (see addHotlineNote); returns its unit. */
async function hotlineConsultation(q: Queryable, unitId: number, consultationId: number, paragraphId: number | null | undefined, lock = false): Promise<{ unitId: number }> {
  const r = await q.query(
    `select c.unit_id as "unitId", c.opens_at as "opensAt", c.closes_at as "closesAt", c.response_published_at as "responsePublishedAt",
            exists (select 1 from units u where u.id = $2 and cu.path <@ u.path) as "inUnit"
       from consultations c join units cu on cu.id = c.unit_id where c.id = $1${lock ? ' for share of c' : ''}`,
    [consultationId, unitId],
  );
  if (!r.rowCount) throw new AppError('feedback.not_found', 404, 'feedback.not_found');
  const c = r.rows[0];
  if (!c.inUnit) throw new AppError('feedback.consultation_other_unit', 400, 'feedback.consultation_other_unit');
  const status = consultationStatus(c, now());
  if (status !== 'open' && status !== 'closed') throw new AppError('feedback.hotline_consultation_state', 409, 'feedback.hotline_consultation_state');
  if (paragraphId != null) {
    const p = await q.query('select 1 from consultation_paragraphs where id = $1 and consultation_id = $2', [paragraphId, consultationId]);
    if (!p.rowCount) throw new AppError('feedback.bad_paragraph', 400, 'feedback.bad_paragraph');
  }
  return { unitId: Number(c.unitId) };
}

export type ReportInput = { consultationId: number; itemId: number; reason?: string | null; website?: string | null; token: string };

/**
 * Anyone may report a public comment once; after AUTO_HIDE_REPORTS distinct reporters it is hidden until staff decide.
 * The report form carries the same trap field and signed timing token (bound to the consultation's unit) as the
 * comment form, and the comment must belong to the consultation the form was on.
 */
export async function reportItem(ip: string | null, input: ReportInput): Promise<{ hidden: boolean }> {
  const { consultationId, itemId, reason } = input;
  const cons = await db().query('select unit_id as "unitId" from consultations where id = $1', [consultationId]);
  if (!cons.rowCount) throw new AppError('feedback.not_found', 404, 'feedback.not_found');
  if (input.website && input.website.trim()) throw new AppError('feedback.honeypot', 400, 'feedback.honeypot');
  await checkFormToken(db(), Number(cons.rows[0].unitId), input.token);
  const reporter = await ipHash(db(), ip);
  await countFeedbackAttempt(reporter, 'feedback_report');
  return withTransaction(async (tx) => {
    const r = await tx.query('select id, unit_id as "unitId", visibility, kept_by_staff as "kept" from feedback_items where id = $1 and consultation_id = $2 for update', [itemId, consultationId]);
    if (!r.rowCount || r.rows[0].visibility === 'private') throw new AppError('feedback.item_not_found', 404, 'feedback.item_not_found');
    const item = r.rows[0];
    const ins = await tx.query('insert into feedback_reports (item_id, reporter_hash, reason, created_at) values ($1,$2,$3,$4) on conflict do nothing', [itemId, reporter, (reason ?? '').trim().slice(0, 500) || null, now()]);
    if (!ins.rowCount) return { hidden: item.visibility === 'hidden' };
    const c = await tx.query<{ n: number }>('update feedback_items set report_count = (select count(*) from feedback_reports where item_id = $1) where id = $1 returning report_count as n', [itemId]);
    const n = c.rows[0].n;
    await recordAudit(tx, { userId: null, ip: null }, { action: 'feedback.report', entity: 'feedback_item', entityId: itemId, unitId: item.unitId, after: { reports: n } });
    // auto-hide once, and never over a staff decision to keep it shown (unhidden by a person after the threshold)
    if (item.visibility === 'public' && n >= AUTO_HIDE_REPORTS && !item.kept) {
      await tx.query(`update feedback_items set visibility = 'hidden', hidden_auto = true, hidden_reason = $2, hidden_by = null, hidden_at = $3 where id = $1`, [itemId, `Tự động ẩn sau ${n} báo cáo vi phạm`, now()]);
      await recordAudit(tx, { userId: null, ip: null }, { action: 'feedback.auto_hide', entity: 'feedback_item', entityId: itemId, unitId: item.unitId, after: { reports: n } });
      return { hidden: true };
    }
    return { hidden: item.visibility === 'hidden' };
  });
}

export async function itemUnit(q: Queryable, id: number): Promise<{ unitId: number; unitPath: string; consultationId: number | null }> {
  const r = await q.query('select f.unit_id as "unitId", u.path::text as "unitPath", f.consultation_id as "consultationId" from feedback_items f join units u on u.id = f.unit_id where f.id = $1', [id]);
  if (!r.rowCount) throw new AppError('feedback.item_not_found', 404, 'feedback.item_not_found');
  return { unitId: Number(r.rows[0].unitId), unitPath: r.rows[0].unitPath, consultationId: r.rows[0].consultationId == null ? null : Number(r.rows[0].consultationId) };
}

async function lockItem(tx: Tx, id: number) {
  const r = await tx.query('select id, unit_id as "unitId", consultation_id as "consultationId", visibility, hidden_reason as "hiddenReason", ip_hash as "ipHash", email_hash as "emailHash" from feedback_items where id = $1 for update', [id]);
  if (!r.rowCount) throw new AppError('feedback.item_not_found', 404, 'feedback.item_not_found');
  return r.rows[0] as { id: number; unitId: number; consultationId: number | null; visibility: Visibility; hiddenReason: string | null; ipHash: string | null; emailHash: string | null };
}

/** Staff hide a comment with a reason (shown in exports, not publicly). */
export async function hideItem(actor: Actor, id: number, reason: string): Promise<FeedbackItem> {
  const why = reason.trim();
  if (!why) throw new AppError('feedback.reason_required', 400, 'feedback.reason_required');
  await withTransaction(async (tx) => {
    const it = await lockItem(tx, id);
    if (it.visibility === 'private') throw new AppError('feedback.not_public', 409, 'feedback.not_public');
    await tx.query(`update feedback_items set visibility = 'hidden', hidden_reason = $2, hidden_auto = false, hidden_by = $3, hidden_at = $4 where id = $1`, [id, why.slice(0, 500), actor.userId, now()]);
    await recordAudit(tx, actor, { action: 'feedback.hide', entity: 'feedback_item', entityId: id, unitId: it.unitId, before: { visibility: it.visibility, reason: it.hiddenReason }, after: { visibility: 'hidden', reason: why } });
  });
  return getItem(db(), id);
}

/** Staff show a hidden comment again (this also keeps it from being auto-hidden again). */
export async function unhideItem(actor: Actor, id: number): Promise<FeedbackItem> {
  await withTransaction(async (tx) => {
    const it = await lockItem(tx, id);
    if (it.visibility !== 'hidden') throw new AppError('feedback.not_hidden', 409, 'feedback.not_hidden');
    await tx.query(`update feedback_items set visibility = 'public', hidden_reason = null, hidden_auto = false, hidden_by = null, hidden_at = null, kept_by_staff = true where id = $1`, [id]);
    await recordAudit(tx, actor, { action: 'feedback.unhide', entity: 'feedback_item', entityId: id, unitId: it.unitId, before: { visibility: 'hidden', reason: it.hiddenReason }, after: { visibility: 'public' } });
  });
  return getItem(db(), id);
}

/** Blocks the sender of an item (hashed IP and/or hashed e-mail); a public comment is hidden too. */
export async function blockSender(actor: Actor, itemId: number, reason: string): Promise<{ blockId: number }> {
  const why = reason.trim();
  if (!why) throw new AppError('feedback.reason_required', 400, 'feedback.reason_required');
  return withTransaction(async (tx) => {
    const it = await lockItem(tx, itemId);
    if (!it.ipHash && !it.emailHash) throw new AppError('feedback.nothing_to_block', 409, 'feedback.nothing_to_block');
    const r = await tx.query<{ id: number }>('insert into feedback_blocks (ip_hash, email_hash, reason, item_id, created_by, created_at) values ($1,$2,$3,$4,$5,$6) returning id', [it.ipHash, it.emailHash, why.slice(0, 500), itemId, actor.userId, now()]);
    const blockId = Number(r.rows[0].id);
    if (it.visibility === 'public') {
      await tx.query(`update feedback_items set visibility = 'hidden', hidden_reason = $2, hidden_auto = false, hidden_by = $3, hidden_at = $4 where id = $1`, [itemId, `Chặn người gửi: ${why}`.slice(0, 500), actor.userId, now()]);
    }
    await recordAudit(tx, actor, { action: 'feedback.block', entity: 'feedback_item', entityId: itemId, unitId: it.unitId, after: { blockId, reason: why, byIp: !!it.ipHash, byEmail: !!it.emailHash } });
    return { blockId };
  });
}

export async function unblock(actor: Actor, blockId: number): Promise<void> {
  await withTransaction(async (tx) => {
    const r = await tx.query('update feedback_blocks b set removed_at = $2 from feedback_items f where b.id = $1 and b.removed_at is null and f.id = b.item_id returning f.unit_id as "unitId", b.item_id as "itemId"', [blockId, now()]);
    if (!r.rowCount) throw new AppError('feedback.item_not_found', 404, 'feedback.item_not_found');
    await recordAudit(tx, actor, { action: 'feedback.unblock', entity: 'feedback_item', entityId: r.rows[0].itemId, unitId: r.rows[0].unitId, after: { blockId } });
  });
}

/** General feedback / hotline: mark handled or back to new. */
export async function setHandled(actor: Actor, id: number, handled: boolean): Promise<FeedbackItem> {
  await withTransaction(async (tx) => {
    const it = await lockItem(tx, id);
    await tx.query('update feedback_items set handled_at = $2, handled_by = $3 where id = $1', [id, handled ? now() : null, handled ? actor.userId : null]);
    await recordAudit(tx, actor, { action: handled ? 'feedback.handled' : 'feedback.reopen', entity: 'feedback_item', entityId: id, unitId: it.unitId });
  });
  return getItem(db(), id);
}

export type FeedbackItem = {
  id: number; unitId: number; unitName: string; consultationId: number | null; consultationTitle: string | null; paragraphId: number | null; paragraphPosition: number | null; paragraphLabel: string | null;
  channel: Channel; stance: Stance | null; subject: string | null; body: string; visibility: Visibility; hiddenReason: string | null; hiddenAuto: boolean; hiddenAt: string | null;
  reportCount: number; name: string | null; email: string | null; phone: string | null; consentVersion: string | null; consentAt: string | null; anonymised: boolean;
  handledAt: string | null; monitorItemId: number | null; incidentId: number | null; blocked: boolean; createdAt: string;
};
const itemColumns = `f.id, f.unit_id as "unitId", u.name as "unitName", f.consultation_id as "consultationId", c.title as "consultationTitle", f.paragraph_id as "paragraphId",
  p.position as "paragraphPosition", p.label as "paragraphLabel", f.channel, f.stance, f.subject, f.body, f.visibility, f.hidden_reason as "hiddenReason", f.hidden_auto as "hiddenAuto",
  f.hidden_at as "hiddenAt", f.report_count as "reportCount", ct.name, ct.email, ct.phone, f.consent_version as "consentVersion", f.consent_at as "consentAt",
  f.anonymised_at is not null as anonymised, f.handled_at as "handledAt", f.monitor_item_id as "monitorItemId", f.incident_id as "incidentId",
  exists (select 1 from feedback_blocks b where b.removed_at is null and (b.ip_hash = f.ip_hash or b.email_hash = f.email_hash)) as blocked, f.created_at as "createdAt"`;
const itemFrom = `from feedback_items f join units u on u.id = f.unit_id left join consultations c on c.id = f.consultation_id
  left join consultation_paragraphs p on p.id = f.paragraph_id left join feedback_contacts ct on ct.id = f.contact_id`;
const presentItem = (r: Record<string, any>): FeedbackItem => ({
  ...(r as FeedbackItem), id: Number(r.id), unitId: Number(r.unitId), consultationId: r.consultationId == null ? null : Number(r.consultationId), paragraphId: r.paragraphId == null ? null : Number(r.paragraphId),
  monitorItemId: r.monitorItemId == null ? null : Number(r.monitorItemId), incidentId: r.incidentId == null ? null : Number(r.incidentId),
  hiddenAt: iso(r.hiddenAt), consentAt: iso(r.consentAt), handledAt: iso(r.handledAt), createdAt: iso(r.createdAt) as string,
});

export async function getItem(q: Queryable, id: number): Promise<FeedbackItem> {
  const r = await q.query(`select ${itemColumns} ${itemFrom} where f.id = $1`, [id]);
  if (!r.rowCount) throw new AppError('feedback.item_not_found', 404, 'feedback.item_not_found');
  return presentItem(r.rows[0]);
}

/** Staff list: a consultation's comments, or a subtree's general feedback and hotline notes. */
export async function listItems(q: Queryable, opts: {
  unitPath: string; ownUnitIds?: number[] | null; consultationId?: number | null; general?: boolean; visibility?: Visibility; paragraphId?: number | null;
  handled?: boolean; limit?: number; offset?: number;
}) {
  const params: unknown[] = [opts.unitPath, opts.limit ?? 50, opts.offset ?? 0];
  const where = ['u.path <@ $1::ltree'];
  if (opts.ownUnitIds) where.push(`f.unit_id = any($${params.push(opts.ownUnitIds)}::bigint[])`);
  if (opts.consultationId != null) where.push(`f.consultation_id = $${params.push(opts.consultationId)}`);
  if (opts.general) where.push('f.consultation_id is null');
  if (opts.visibility) where.push(`f.visibility = $${params.push(opts.visibility)}`);
  if (opts.paragraphId != null) where.push(`f.paragraph_id = $${params.push(opts.paragraphId)}`);
  if (opts.handled != null) where.push(opts.handled ? 'f.handled_at is not null' : 'f.handled_at is null');
  const r = await q.query(`select ${itemColumns}, count(*) over () as n ${itemFrom} where ${where.join(' and ')} order by f.created_at desc, f.id desc limit $2 offset $3`, params);
  return { total: Number(r.rows[0]?.n ?? 0), items: r.rows.map(({ n: _n, ...x }) => presentItem(x)) };
}

/** Contract for feedback-analysis: a consultation's items, keyset-paged by id. */
export async function listConsultationItems(q: Queryable, consultationId: number, opts: { afterId?: number; limit?: number; includeHidden?: boolean } = {}) {
  const limit = Math.min(Math.max(opts.limit ?? 500, 1), 5000);
  const r = await q.query(
    `select f.id, f.consultation_id as "consultationId", f.paragraph_id as "paragraphId", p.position as "paragraphPosition", f.body, f.stance, f.visibility,
            f.hidden_reason as "hiddenReason", f.channel, f.created_at as "createdAt"
       from feedback_items f left join consultation_paragraphs p on p.id = f.paragraph_id
      where f.consultation_id = $1 and f.id > $2 and ($4 or f.visibility <> 'hidden') order by f.id limit $3`,
    [consultationId, opts.afterId ?? 0, limit, opts.includeHidden ?? true],
  );
  return r.rows.map((x) => ({
    id: Number(x.id), consultationId: Number(x.consultationId), paragraphId: x.paragraphId == null ? null : Number(x.paragraphId), paragraphPosition: x.paragraphPosition ?? null,
    body: x.body as string, stance: x.stance as Stance | null, visibility: x.visibility as Visibility, hiddenReason: x.hiddenReason as string | null, channel: x.channel as Channel, createdAt: iso(x.createdAt) as string,
  }));
}

/** Bench / fixtures: many comments in one statement. No audit, no anti-spam: never on a request path. */
export async function bulkInsertComments(q: Queryable, consultationId: number, rows: { paragraphId: number | null; body: string; stance: Stance | null; visibility?: 'public' | 'hidden'; hiddenReason?: string | null; createdAt?: Date }[]): Promise<number> {
  if (!rows.length) return 0;
  const at = now();
  const r = await q.query(
    `insert into feedback_items (unit_id, consultation_id, paragraph_id, channel, stance, body, visibility, hidden_reason, hidden_at, created_at)
     select c.unit_id, c.id, x.paragraph_id, 'web', x.stance, x.body, x.visibility, x.hidden_reason, case when x.visibility = 'hidden' then x.created_at end, x.created_at
       from consultations c, unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[]) as x(paragraph_id, body, stance, visibility, hidden_reason, created_at)
      where c.id = $1`,
    [consultationId, rows.map((x) => x.paragraphId), rows.map((x) => x.body), rows.map((x) => x.stance), rows.map((x) => x.visibility ?? 'public'),
      rows.map((x) => (x.visibility === 'hidden' ? (x.hiddenReason ?? 'Ẩn') : null)), rows.map((x) => x.createdAt ?? at)],
  );
  return r.rowCount ?? 0;
}

/** Blocks in force for a subtree (staff list). */
export async function listBlocks(q: Queryable, unitPath: string) {
  const r = await q.query(
    `select b.id, b.reason, b.item_id as "itemId", b.created_at as "createdAt", b.ip_hash is not null as "byIp", b.email_hash is not null as "byEmail", us.name as "createdByName"
       from feedback_blocks b join feedback_items f on f.id = b.item_id join units u on u.id = f.unit_id left join users us on us.id = b.created_by
      where b.removed_at is null and u.path <@ $1::ltree order by b.created_at desc limit 200`,
    [unitPath],
  );
  return r.rows.map((x) => ({ ...x, id: Number(x.id), itemId: Number(x.itemId), createdAt: iso(x.createdAt) as string }));
}
