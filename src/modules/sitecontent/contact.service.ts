import crypto from 'node:crypto';
import { now } from '../../platform/clock';
import { config } from '../../platform/config';
import { type Queryable, db, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { enqueue } from '../../platform/jobs';
import { type Actor, recordAudit } from '../audit';
import { sendMailJob } from '../identity';
import { formSecret, ipHash, iso } from './common';

/**
 * The contact form (gửi ý kiến) of a unit's site, routed into the unit's inbox in
 * Loa. No third-party CAPTCHA; instead, each rule refuses with a clear message:
 *  - a honeypot field people never see must stay empty;
 *  - the form carries a signed timestamp token: sent faster than 3 s after the
 *    page was rendered, or more than 2 h later, it is refused (the token also
 *    binds the unit, so it cannot be replayed against another site);
 *  - at most CONTACT_PER_HOUR attempts per IP address per hour (counted in
 *    PostgreSQL, on every node; the address is kept only as a salted hash);
 *  - at most MAX_LINKS web addresses in the message, and size limits per field.
 * Cross-site posts are refused by the route (Origin / Sec-Fetch-Site).
 * The unit's focal points get an e-mail through the outbox (notified_at).
 */
export const CONTACT_PER_HOUR = 5;
export const RATING_PER_HOUR = 60;
export const MIN_FILL_MS = 3_000;
export const MAX_AGE_MS = 2 * 3_600_000;
export const MAX_LINKS = 2;

export async function formToken(q: Queryable, unitId: number, at: Date = now()): Promise<string> {
  const payload = `${unitId}.${at.getTime()}`;
  const mac = crypto.createHmac('sha256', await formSecret(q)).update(`contact:${payload}`).digest('base64url').slice(0, 32);
  return `${payload}.${mac}`;
}

/** Checks a form token for a unit: signed by us, at least 3 s and at most 2 h old. */
export async function checkFormToken(q: Queryable, unitId: number, token: string): Promise<void> {
  const m = /^(\d+)\.(\d{10,16})\.([A-Za-z0-9_-]{32})$/.exec(token ?? '');
  if (!m || Number(m[1]) !== unitId) throw new AppError('contact.bad_token', 400, 'contact.bad_token');
  const expected = Buffer.from((await formToken(q, unitId, new Date(Number(m[2])))).split('.')[2]);
  if (!crypto.timingSafeEqual(expected, Buffer.from(m[3]))) throw new AppError('contact.bad_token', 400, 'contact.bad_token');
  const age = now().getTime() - Number(m[2]);
  if (age < MIN_FILL_MS) throw new AppError('contact.too_fast', 400, 'contact.too_fast');
  if (age > MAX_AGE_MS) throw new AppError('contact.expired', 400, 'contact.expired');
}

/** Counts an attempt by an IP hash and refuses when the hour's limit is passed (autocommitted, so refusals count too). */
export async function countAttempt(hash: string, kind: 'contact' | 'rating', perHour: number): Promise<void> {
  const at = now();
  const r = await db().query<{ n: number }>(
    `with ins as (insert into site_form_hits (ip_hash, kind, at) values ($1, $2, $3))
     select count(*)::int as n from site_form_hits where ip_hash = $1 and kind = $2 and at > $3::timestamptz - interval '1 hour'`,
    [hash, kind, at],
  );
  if (r.rows[0].n + 1 > perHour) {
    const key = kind === 'contact' ? 'contact.rate_limited' : 'rating.rate_limited';
    throw new AppError(key, 429, key);
  }
}

export const linkCount = (s: string) => (s.match(/(https?:\/\/|www\.|\b[a-z0-9-]+\.(?:com|net|org|ru|xyz|top|info|biz|vn|io)\b)/gi) ?? []).length;

export type ContactInput = { name: string; email?: string | null; phone?: string | null; subject: string; message: string; website?: string | null; token: string; pagePath?: string | null };

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/;
const PHONE = /^\+?[0-9 .()-]{8,20}$/;

function fieldError(key: 'contact.name_required' | 'contact.reach_required' | 'contact.bad_email' | 'contact.bad_phone' | 'contact.subject_required' | 'contact.message_short' | 'contact.too_long', params: Record<string, number> = {}) {
  return new AppError(key, 400, key, params);
}

/** Validates a submission, in the order a visitor can fix things; returns the cleaned fields. */
export function validateContact(i: ContactInput) {
  const name = (i.name ?? '').trim();
  const email = (i.email ?? '').trim() || null;
  const phone = (i.phone ?? '').trim() || null;
  const subject = (i.subject ?? '').trim();
  const message = (i.message ?? '').replace(/\r\n/g, '\n').trim();
  if (!name) throw fieldError('contact.name_required');
  if (!email && !phone) throw fieldError('contact.reach_required');
  if (email && !EMAIL.test(email)) throw fieldError('contact.bad_email');
  if (phone && !PHONE.test(phone)) throw fieldError('contact.bad_phone');
  if (!subject) throw fieldError('contact.subject_required');
  if (message.length < 10) throw fieldError('contact.message_short');
  if (name.length > 100 || subject.length > 200 || message.length > 5000 || (email?.length ?? 0) > 254) throw fieldError('contact.too_long', { max: 5000 });
  if (linkCount(`${subject} ${message}`) > MAX_LINKS) throw new AppError('contact.too_many_links', 400, 'contact.too_many_links', { max: MAX_LINKS });
  return { name, email, phone, subject, message };
}

/** A visitor's message from the site's form. Every spam rule runs before anything is stored. */
export async function submitContact(unitId: number, ip: string | null, input: ContactInput): Promise<{ id: number }> {
  const hash = await ipHash(db(), ip);
  if (input.website && input.website.trim()) throw new AppError('contact.honeypot', 400, 'contact.honeypot');
  await checkFormToken(db(), unitId, input.token);
  await countAttempt(hash, 'contact', CONTACT_PER_HOUR);
  const f = validateContact(input);
  return withTransaction(async (tx) => {
    const r = await tx.query<{ id: number }>(
      `insert into contact_messages (unit_id, name, email, phone, subject, message, page_path, ip_hash, created_at) values ($1,$2,$3,$4,$5,$6,$7,$8,$9) returning id`,
      [unitId, f.name, f.email, f.phone, f.subject, f.message, input.pagePath?.slice(0, 300) ?? null, hash, now()],
    );
    const id = r.rows[0].id;
    await recordAudit(tx, { userId: null, ip: null }, { action: 'contact_message.receive', entity: 'contact_message', entityId: id, unitId, after: { subject: f.subject } });
    return { id };
  });
}

export type ContactMessage = {
  id: number; unitId: number; name: string; email: string | null; phone: string | null; subject: string; message: string; pagePath: string | null;
  status: 'new' | 'handled'; assignedTo: number | null; assignedToName: string | null; replyNote: string | null; handledBy: number | null; handledByName: string | null;
  handledAt: string | null; createdAt: string;
};
const columns = `m.id, m.unit_id as "unitId", m.name, m.email, m.phone, m.subject, m.message, m.page_path as "pagePath", m.status,
  m.assigned_to as "assignedTo", au.name as "assignedToName", m.reply_note as "replyNote", m.handled_by as "handledBy", hu.name as "handledByName",
  m.handled_at as "handledAt", m.created_at as "createdAt"`;
const from = 'from contact_messages m left join users au on au.id = m.assigned_to left join users hu on hu.id = m.handled_by';
const present = (r: Record<string, any>): ContactMessage => ({ ...(r as ContactMessage), handledAt: iso(r.handledAt), createdAt: iso(r.createdAt) as string });

export async function listMessages(q: Queryable, unitId: number, opts: { status?: 'new' | 'handled'; limit?: number; offset?: number } = {}) {
  const r = await q.query(
    `select ${columns}, count(*) over ()::int as total ${from} where m.unit_id = $1 and ($2::text is null or m.status = $2) order by m.created_at desc, m.id desc limit $3 offset $4`,
    [unitId, opts.status ?? null, opts.limit ?? 50, opts.offset ?? 0],
  );
  const counts = await q.query<{ status: string; n: number }>('select status, count(*)::int as n from contact_messages where unit_id = $1 group by status', [unitId]);
  const byStatus = Object.fromEntries(counts.rows.map((x) => [x.status, x.n]));
  return { items: r.rows.map(({ total: _t, ...x }) => present(x)), total: r.rows[0]?.total ?? 0, newCount: byStatus.new ?? 0, handledCount: byStatus.handled ?? 0 };
}

export async function getMessage(q: Queryable, id: number): Promise<ContactMessage> {
  const r = await q.query(`select ${columns} ${from} where m.id = $1`, [id]);
  if (!r.rowCount) throw new AppError('sitecontent.not_found', 404, 'sitecontent.not_found');
  return present(r.rows[0]);
}

/** People who may be assigned a unit's message: holders of a site-editing role on the unit or a unit above it. */
export async function assignees(q: Queryable, unitId: number): Promise<{ id: number; name: string }[]> {
  const r = await q.query<{ id: number; name: string }>(
    `select distinct us.id, us.name from role_assignments ra join users us on us.id = ra.user_id join units a on a.id = ra.unit_id join units u on u.id = $1
      where u.path <@ a.path and ra.role in ('administrator','leader','focal_point','editor') and us.is_active
        and (a.id = u.id or ra.role not in ('contributor','spokesperson'))
      order by us.name limit 200`,
    [unitId],
  );
  return r.rows;
}

/** Mark handled (or back to new), write a reply note, assign someone. */
export async function updateMessage(actor: Actor, id: number, input: { status?: 'new' | 'handled'; replyNote?: string | null; assignedTo?: number | null }): Promise<ContactMessage> {
  return withTransaction(async (tx) => {
    const before = await getMessage(tx, id);
    await tx.query('select 1 from contact_messages where id = $1 for update', [id]);
    if (input.assignedTo != null && !(await assignees(tx, before.unitId)).some((p) => p.id === input.assignedTo)) {
      throw new AppError('contact.bad_assignee', 400, 'contact.bad_assignee');
    }
    const status = input.status ?? before.status;
    const isHandling = status === 'handled' && before.status !== 'handled';
    await tx.query(
      `update contact_messages set status = $2,
              reply_note = case when $3 then $4 else reply_note end,
              assigned_to = case when $5 then $6 else assigned_to end,
              handled_by = case when $2 = 'handled' then (case when $7 then $8 else handled_by end) else null end,
              handled_at = case when $2 = 'handled' then (case when $7 then $9 else handled_at end) else null end
        where id = $1`,
      [id, status, input.replyNote !== undefined, input.replyNote?.trim() || null, input.assignedTo !== undefined, input.assignedTo ?? null, isHandling, actor.userId, now()],
    );
    const after = await getMessage(tx, id);
    await recordAudit(tx, actor, {
      action: 'contact_message.update', entity: 'contact_message', entityId: id, unitId: before.unitId,
      before: { status: before.status, assignedTo: before.assignedTo, replyNote: before.replyNote }, after: { status: after.status, assignedTo: after.assignedTo, replyNote: after.replyNote },
    });
    return after;
  });
}

/**
 * Outbox sweep: e-mails the unit's focal points (or, when it has none, its
 * leaders and administrators) about each new message, once.
 */
export async function notifyNewMessages(limit = 100): Promise<number> {
  return withTransaction(async (tx) => {
    const rows = await tx.query<{ id: number; unitId: number; unitName: string; subject: string; name: string; message: string }>(
      `select m.id, m.unit_id as "unitId", u.name as "unitName", m.subject, m.name, m.message from contact_messages m join units u on u.id = m.unit_id
        where m.notified_at is null order by m.created_at limit $1 for update of m skip locked`,
      [limit],
    );
    for (const m of rows.rows) {
      const people = await tx.query<{ email: string; name: string; role: string }>(
        `select distinct us.email, us.name, ra.role from role_assignments ra join users us on us.id = ra.user_id
          where ra.unit_id = $1 and ra.role in ('focal_point', 'leader', 'administrator') and us.is_active`,
        [m.unitId],
      );
      const focal = people.rows.filter((p) => p.role === 'focal_point');
      const to = [...new Map((focal.length ? focal : people.rows).map((p) => [p.email, p])).values()];
      const link = `${config().publicUrl}/admin/hop-thu-y-kien?unitId=${m.unitId}`;
      for (const p of to) {
        await enqueue(sendMailJob, {
          to: p.email,
          subject: t('contact.mail_subject', { unit: m.unitName, subject: m.subject.slice(0, 120) }),
          text: t('contact.mail_body', { name: p.name, unit: m.unitName, sender: m.name, subject: m.subject, excerpt: m.message.slice(0, 500), link }),
        }, { tx });
      }
      await tx.query('update contact_messages set notified_at = $2 where id = $1', [m.id, now()]);
    }
    // attempts older than a day no longer count for anything
    await tx.query(`delete from site_form_hits where at < $1::timestamptz - interval '1 day'`, [now()]);
    return rows.rowCount ?? 0;
  });
}
