import { now } from '../../platform/clock';
import { config } from '../../platform/config';
import { type Queryable, type Tx, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { enqueue } from '../../platform/jobs';
import { recordAudit, systemActor } from '../audit';
import { sendMailJob } from '../identity';
import { signToken, verifyToken } from './secrets';

/**
 * The e-mail newsletter of a unit, with double opt-in: subscribing stores a
 * `pending` address and e-mails a signed confirmation link (valid 7 days);
 * opening it confirms. Each issue (one per published article) goes to the
 * confirmed addresses through the mail job, one message each, with a signed
 * unsubscribe link that works without signing in. Links are HMAC-signed with
 * a key derived from LOA_SECRET_KEY (secrets.ts), so nothing guessable is in them.
 */
export const CONFIRM_DAYS = 7;
const RESEND_MINUTES = 10;

export function confirmUrl(subscriberId: number, at = now()): string {
  const exp = Math.floor(at.getTime() / 1000) + CONFIRM_DAYS * 86_400;
  return `${config().publicUrl}/ban-tin/xac-nhan?token=${signToken(`c-${subscriberId}-${exp}`)}`;
}
export function unsubscribeUrl(subscriberId: number): string {
  return `${config().publicUrl}/ban-tin/huy-dang-ky?token=${signToken(`u-${subscriberId}`)}`;
}

/** The unit of an active newsletter, by its code (public pages address units by code). */
export async function newsletterUnitByCode(q: Queryable, code: string): Promise<{ id: number; name: string; code: string } | null> {
  const r = await q.query(
    `select u.id, u.name, u.code from units u
      where u.code = $1 and u.status = 'active'
        and exists (select 1 from channel_targets t where t.unit_id = u.id and t.kind = 'newsletter' and t.is_active)`,
    [code],
  );
  return r.rows[0] ?? null;
}

/**
 * Subscribe an address. The answer is the same whatever the address's state
 * (nobody learns who subscribes); a confirmation goes out at most every 10 minutes.
 */
export async function subscribe(unitId: number, email: string, ip: string | null = null): Promise<void> {
  const address = email.trim();
  await withTransaction(async (tx) => {
    const unit = await tx.query<{ name: string }>(
      `select u.name from units u where u.id = $1 and exists (select 1 from channel_targets t where t.unit_id = u.id and t.kind = 'newsletter' and t.is_active)`,
      [unitId],
    );
    if (!unit.rowCount) throw new AppError('newsletter.unavailable', 404, 'newsletter.unavailable');
    const at = now();
    const r = await tx.query<{ id: number; status: string; confirmSentAt: Date | null }>(
      `insert into newsletter_subscribers (unit_id, email) values ($1, $2)
       on conflict (unit_id, lower(email)) do update set email = newsletter_subscribers.email
       returning id, status, confirm_sent_at as "confirmSentAt"`,
      [unitId, address],
    );
    const s = r.rows[0];
    if (s.status === 'confirmed') return;
    if (s.status === 'pending' && s.confirmSentAt && at.getTime() - s.confirmSentAt.getTime() < RESEND_MINUTES * 60_000) return;
    await tx.query(`update newsletter_subscribers set status = 'pending', confirm_sent_at = $2 where id = $1`, [s.id, at]);
    await enqueue(
      sendMailJob,
      {
        to: address,
        subject: t('newsletter.confirm_subject', { unit: unit.rows[0].name }),
        text: t('newsletter.confirm_body', { unit: unit.rows[0].name, link: confirmUrl(s.id, at), days: CONFIRM_DAYS }),
      },
      { tx },
    );
    await recordAudit(tx, { ...systemActor, ip }, { action: 'newsletter.subscribe', entity: 'newsletter_subscriber', entityId: s.id, unitId });
  });
}

function parse(token: string, kind: 'c' | 'u'): { id: number; exp?: number } | null {
  const payload = verifyToken(token);
  const m = payload?.match(kind === 'c' ? /^c-(\d+)-(\d+)$/ : /^u-(\d+)$/);
  if (!m) return null;
  return { id: Number(m[1]), exp: m[2] ? Number(m[2]) : undefined };
}

/** Opens a confirmation link: pending → confirmed. Confirmed already is fine; an unsubscribed address stays so. */
export async function confirmSubscription(token: string): Promise<{ unitName: string; unitCode: string }> {
  const p = parse(token, 'c');
  if (!p || (p.exp as number) * 1000 < now().getTime()) throw new AppError('newsletter.bad_link', 400, 'newsletter.bad_link');
  return withTransaction(async (tx) => {
    const r = await tx.query(
      `update newsletter_subscribers s set status = 'confirmed', confirmed_at = coalesce(confirmed_at, $2)
        where s.id = $1 and s.status in ('pending', 'confirmed')
        returning s.unit_id as "unitId", (select name from units where id = s.unit_id) as "unitName", (select code from units where id = s.unit_id) as "unitCode"`,
      [p.id, now()],
    );
    if (!r.rowCount) throw new AppError('newsletter.bad_link', 400, 'newsletter.bad_link');
    await recordAudit(tx, systemActor, { action: 'newsletter.confirm', entity: 'newsletter_subscriber', entityId: p.id, unitId: r.rows[0].unitId });
    return { unitName: r.rows[0].unitName, unitCode: r.rows[0].unitCode };
  });
}

/** Who an unsubscribe link is for (the page asks before acting: mail scanners open links). */
export async function describeUnsubscribe(q: Queryable, token: string): Promise<{ email: string; unitName: string; status: string }> {
  const p = parse(token, 'u');
  const r = p
    ? await q.query(`select s.email, s.status, u.name as "unitName" from newsletter_subscribers s join units u on u.id = s.unit_id where s.id = $1`, [p.id])
    : null;
  if (!r?.rowCount) throw new AppError('newsletter.bad_link', 400, 'newsletter.bad_link');
  return r.rows[0];
}

export async function unsubscribe(token: string): Promise<{ unitName: string }> {
  const p = parse(token, 'u');
  if (!p) throw new AppError('newsletter.bad_link', 400, 'newsletter.bad_link');
  return withTransaction(async (tx) => {
    const r = await tx.query(
      `update newsletter_subscribers s set status = 'unsubscribed', unsubscribed_at = coalesce(unsubscribed_at, $2)
        where s.id = $1 returning s.unit_id as "unitId", (select name from units where id = s.unit_id) as "unitName"`,
      [p.id, now()],
    );
    if (!r.rowCount) throw new AppError('newsletter.bad_link', 400, 'newsletter.bad_link');
    await recordAudit(tx, systemActor, { action: 'newsletter.unsubscribe', entity: 'newsletter_subscriber', entityId: p.id, unitId: r.rows[0].unitId });
    return { unitName: r.rows[0].unitName };
  });
}

/** One issue: an e-mail per confirmed subscriber, queued in the caller's transaction. Returns how many. */
export async function sendNewsletterIssue(
  tx: Tx,
  unitId: number,
  article: { title: string; summary: string | null; text: string; url: string; unitName: string },
): Promise<number> {
  const subs = await tx.query<{ id: number; email: string }>(
    `select id, email from newsletter_subscribers where unit_id = $1 and status = 'confirmed' order by id`,
    [unitId],
  );
  const lead = article.summary?.trim() || `${article.text.slice(0, 500)}${article.text.length > 500 ? '…' : ''}`;
  for (const s of subs.rows) {
    await enqueue(
      sendMailJob,
      {
        to: s.email,
        subject: t('newsletter.issue_subject', { unit: article.unitName, title: article.title }),
        text: t('newsletter.issue_body', { unit: article.unitName, title: article.title, lead, link: article.url, unsubscribe: unsubscribeUrl(s.id) }),
      },
      { tx },
    );
  }
  return subs.rowCount ?? 0;
}

export async function subscriberCounts(q: Queryable, unitIds: number[]): Promise<Map<number, { confirmed: number; pending: number }>> {
  const r = await q.query<{ unitId: number; confirmed: number; pending: number }>(
    `select unit_id as "unitId", count(*) filter (where status = 'confirmed')::int as confirmed, count(*) filter (where status = 'pending')::int as pending
       from newsletter_subscribers where unit_id = any($1::bigint[]) group by unit_id`,
    [unitIds],
  );
  return new Map(r.rows.map((x) => [x.unitId, { confirmed: x.confirmed, pending: x.pending }]));
}
