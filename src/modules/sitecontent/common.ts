import crypto from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { now } from '../../platform/clock';
import type { Queryable } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { slugify } from '../../text';

/** Shared helpers of the site-content module: Vietnam calendar days, weeks, slugs, row ownership. */

const DAY_MS = 86_400_000;
const VN_MS = 7 * 3_600_000;

/** 'YYYY-MM-DD' of an instant on the Vietnam calendar (Asia/Ho_Chi_Minh, UTC+7, no DST). */
export function vnDay(at: Date = now()): string {
  return new Date(at.getTime() + VN_MS).toISOString().slice(0, 10);
}

/** A calendar day moved by whole days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday of the week (Monday–Sunday) holding a calendar day. */
export function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

export const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

export const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/** A slug unique within the unit for a table with (unit_id, slug). */
export async function uniqueSlug(q: Queryable, table: 'admission_notices' | 'albums', unitId: number, title: string, selfId: number | null, fallback: string): Promise<string> {
  const base = slugify(title, 80) || fallback;
  for (let i = 0; i < 5; i++) {
    const slug = i === 0 ? base : `${base}-${crypto.randomBytes(3).toString('hex')}`;
    const r = await q.query(`select 1 from ${table} where unit_id = $1 and slug = $2 and ($3::bigint is null or id <> $3)`, [unitId, slug, selfId]);
    if (!r.rowCount) return slug;
  }
  return `${base}-${crypto.randomBytes(6).toString('hex')}`;
}

export type OwnedTable = 'admission_notices' | 'work_schedule_items' | 'albums' | 'videos' | 'faqs' | 'site_links' | 'contact_messages';

/** The unit a row belongs to (for authorisation), or 404. */
export async function unitOfRow(q: Queryable, table: OwnedTable, id: number): Promise<number> {
  const r = await q.query<{ unitId: number }>(`select unit_id as "unitId" from ${table} where id = $1`, [id]);
  if (!r.rowCount) throw new AppError('sitecontent.not_found', 404, 'sitecontent.not_found');
  return r.rows[0].unitId;
}

/** The current school year ('2025-2026'; a year starts in September, Vietnam time). */
export function currentSchoolYear(at: Date = now()): string {
  const [y, m] = vnDay(at).split('-').map(Number);
  const start = m >= 9 ? y : y - 1;
  return `${start}-${start + 1}`;
}

let secretCache: string | undefined;
/** The installation's form secret (a row, so every node signs alike). */
export async function formSecret(q: Queryable): Promise<string> {
  if (secretCache) return secretCache;
  const r = await q.query<{ secret: string }>('select secret from site_form_secret where id = 1');
  secretCache = r.rows[0].secret;
  return secretCache;
}

/**
 * What identifies a visitor for counting: an IPv4 address as is (an IPv4-mapped IPv6 address
 * as its IPv4 form), an IPv6 address by its /64 prefix (one subscriber usually holds a whole /64,
 * so addresses inside it must not count as distinct visitors).
 */
export function ipKey(ip: string | null | undefined): string {
  const s = (ip ?? '').trim();
  if (!s) return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(s);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  const addr = s.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!isIPv6(addr)) return s;
  const groups = (part: string) => (part ? part.split(':') : []).flatMap((g) => {
    if (!g.includes('.')) return [g];
    const [a, b, c, d] = g.split('.').map(Number);
    return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
  });
  const gap = addr.indexOf('::');
  const head = groups(gap < 0 ? addr : addr.slice(0, gap));
  const tail = gap < 0 ? [] : groups(addr.slice(gap + 2));
  const all = gap < 0 ? head : [...head, ...Array(Math.max(0, 8 - head.length - tail.length)).fill('0'), ...tail];
  return `${all.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}

/** A salted hash of a visitor's IP address (IPv6 by /64, see ipKey): enough to count and dedupe, never the address itself. */
export async function ipHash(q: Queryable, ip: string | null): Promise<string> {
  return crypto.createHmac('sha256', await formSecret(q)).update(`ip:${ipKey(ip)}`).digest('hex').slice(0, 32);
}
