import crypto from 'node:crypto';
import { now } from '../../platform/clock';
import { config } from '../../platform/config';
import { type Queryable, db, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { type Actor, recordAudit } from '../audit';
import { loadAssignments } from '../identity';
import { canOnUnit } from '../org';
import { type EventDetail, listEvents } from './events.service';
import { type IcsEvent, buildCalendar } from './ics';

/**
 * Calendar export: one event as an .ics file, and a person's subscribable feed of a
 * unit's calendar. Calendar apps (Google Calendar, Outlook, iPhone) cannot send a session
 * cookie or a CSRF token, so the feed URL carries a per-person secret token: 32 random
 * bytes, only its SHA-256 is stored, one per person, regenerated or revoked from the
 * events page (audited). The feed is read-only and re-checks on every fetch that the
 * person is still active and still reads the unit (plans.read), with the same own-unit
 * restriction as GET /events, so it never shows more than the person sees when signed in.
 */
const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const TOKEN_RE = /^[A-Za-z0-9_-]{40,64}$/;
/** The feed spans two months back and fifteen months ahead. */
const FEED_PAST_MS = 62 * 86_400_000;
const FEED_FUTURE_MS = 460 * 86_400_000;

function icsContext() {
  const baseUrl = config().publicUrl.replace(/\/+$/, '');
  let host = 'loa';
  try {
    host = new URL(baseUrl).hostname || host;
  } catch {
    /* keep the default */
  }
  return { baseUrl, host, stamp: now() };
}

/** One event as a calendar file (the route checks that the caller may read it). */
export function eventIcs(e: EventDetail): string {
  return buildCalendar([toIcs(e)], icsContext());
}

const toIcs = (e: Omit<IcsEvent, 'description' | 'version' | 'updatedAt'> & Partial<IcsEvent>): IcsEvent => ({
  id: e.id, kind: e.kind, title: e.title, description: e.description ?? null, startsAt: e.startsAt, endsAt: e.endsAt ?? null, place: e.place ?? null,
  onlineUrl: e.onlineUrl ?? null, status: e.status, version: e.version ?? 1, updatedAt: e.updatedAt ?? null, unitName: e.unitName ?? null,
});

/** Whether the person has a feed token, for which unit, and when it was made and last used (never the token itself). */
export async function feedTokenStatus(q: Queryable, userId: number) {
  const r = await q.query(
    `select f.unit_id as "unitId", u.name as "unitName", f.created_at as "createdAt", f.last_used_at as "lastUsedAt"
       from event_feed_tokens f join units u on u.id = f.unit_id where f.user_id = $1`,
    [userId],
  );
  const x = r.rows[0];
  if (!x) return { isActive: false as const, unitId: null, unitName: null, createdAt: null, lastUsedAt: null };
  return {
    isActive: true as const, unitId: Number(x.unitId), unitName: x.unitName as string, createdAt: new Date(x.createdAt).toISOString(),
    lastUsedAt: x.lastUsedAt ? new Date(x.lastUsedAt).toISOString() : null,
  };
}

export const feedPath = (token: string) => `/api/events/calendar-feed/${token}.ics`;

/**
 * Makes a new feed token for the person on a unit they read (the route checks plans.read),
 * replacing any earlier one (the old link stops working at once). The token is returned
 * only here; the database keeps its hash.
 */
export async function createFeedToken(actor: Actor & { userId: number }, unitId: number) {
  const token = crypto.randomBytes(32).toString('base64url');
  return withTransaction(async (tx) => {
    const before = await tx.query('select unit_id as "unitId" from event_feed_tokens where user_id = $1 for update', [actor.userId]);
    const at = now();
    await tx.query(
      `insert into event_feed_tokens (user_id, unit_id, token_hash, created_at) values ($1,$2,$3,$4)
       on conflict (user_id) do update set unit_id = excluded.unit_id, token_hash = excluded.token_hash, created_at = excluded.created_at, last_used_at = null`,
      [actor.userId, unitId, sha256(token), at],
    );
    await recordAudit(tx, actor, {
      action: before.rowCount ? 'event.feed_token_regenerate' : 'event.feed_token_create', entity: 'event_feed_token', entityId: actor.userId, unitId,
      before: before.rowCount ? { unitId: Number(before.rows[0].unitId) } : undefined, after: { unitId },
    });
    return { ...(await feedTokenStatus(tx, actor.userId)), token, url: `${config().publicUrl.replace(/\/+$/, '')}${feedPath(token)}` };
  });
}

/** Revokes the person's feed token: the link stops working. */
export async function revokeFeedToken(actor: Actor & { userId: number }) {
  return withTransaction(async (tx) => {
    const r = await tx.query('delete from event_feed_tokens where user_id = $1 returning unit_id as "unitId"', [actor.userId]);
    if (!r.rowCount) throw new AppError('event.feed_not_found', 404, 'event.feed_not_found');
    await recordAudit(tx, actor, { action: 'event.feed_token_revoke', entity: 'event_feed_token', entityId: actor.userId, unitId: Number(r.rows[0].unitId), before: { unitId: Number(r.rows[0].unitId) } });
    return feedTokenStatus(tx, actor.userId);
  });
}

/**
 * The calendar behind a feed token, or null when the token is unknown or revoked, its owner
 * is inactive, or the owner no longer reads the unit. The scope is the one GET /events
 * gives the owner for that unit, computed from their roles of today.
 */
export async function feedCalendar(token: string): Promise<string | null> {
  const raw = token.replace(/\.ics$/i, '');
  if (!TOKEN_RE.test(raw)) return null;
  const q = db();
  const r = await q.query(
    `select f.user_id as "userId", f.unit_id as "unitId", u.path::text as "unitPath", u.name as "unitName", f.last_used_at as "lastUsedAt"
       from event_feed_tokens f join users us on us.id = f.user_id and us.is_active join units u on u.id = f.unit_id
      where f.token_hash = $1`,
    [sha256(raw)],
  );
  const f = r.rows[0];
  if (!f) return null;
  const assignments = await loadAssignments(q, Number(f.userId));
  if (!canOnUnit(assignments, 'plans.read', f.unitPath)) return null;
  const reaches = assignments.some((a) => canOnUnit([a], 'plans.read', f.unitPath) && a.role !== 'contributor' && a.role !== 'spokesperson');
  const at = now();
  const items = await listEvents(q, {
    unitPath: f.unitPath, ownUnitId: reaches ? null : Number(f.unitId), from: new Date(at.getTime() - FEED_PAST_MS), to: new Date(at.getTime() + FEED_FUTURE_MS), limit: 2000,
  });
  const extra = new Map<number, { description: string | null; version: number; updatedAt: string }>();
  if (items.length) {
    const d = await q.query('select id, description, version, updated_at as "updatedAt" from events where id = any($1::bigint[])', [items.map((e) => e.id)]);
    for (const x of d.rows) extra.set(Number(x.id), { description: x.description ?? null, version: x.version, updatedAt: new Date(x.updatedAt).toISOString() });
  }
  if (!f.lastUsedAt || at.getTime() - new Date(f.lastUsedAt).getTime() > 10 * 60_000) {
    await q.query('update event_feed_tokens set last_used_at = $2 where user_id = $1', [f.userId, at]);
  }
  return buildCalendar(
    items.map((e) => toIcs({ ...e, ...extra.get(e.id) })),
    { ...icsContext(), name: `Lịch sự kiện — ${f.unitName}` },
  );
}
