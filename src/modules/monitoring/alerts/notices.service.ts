import { now } from '../../../platform/clock';
import { type Queryable, db } from '../../../platform/db';

/** Write one in-app notice for a person (inside the caller's transaction); the one writer of `monitor_notices`. */
export async function addNotice(
  tx: Queryable,
  n: { userId: number; title: string; body: string; link: string; at: Date; alertId?: number | null },
): Promise<void> {
  await tx.query('insert into monitor_notices (user_id, alert_id, title, body, link, created_at) values ($1,$2,$3,$4,$5,$6)', [
    n.userId, n.alertId ?? null, n.title, n.body, n.link, n.at,
  ]);
}

/** In-app notices: a person's own, newest first; reading one (or all) marks it read. */
export async function listNotices(q: Queryable, userId: number, opts: { isUnreadOnly?: boolean; limit?: number } = {}) {
  const r = await q.query(
    `select id, title, body, link, created_at as "createdAt", read_at as "readAt", count(*) filter (where read_at is null) over () as unread
       from monitor_notices where user_id = $1 and ($2::boolean is false or read_at is null) order by created_at desc, id desc limit $3`,
    [userId, opts.isUnreadOnly ?? false, opts.limit ?? 50],
  );
  const unread = Number((await q.query('select count(*)::int as n from monitor_notices where user_id = $1 and read_at is null', [userId])).rows[0].n);
  return {
    unread,
    items: r.rows.map(({ unread: _u, ...x }) => ({
      ...x,
      id: Number(x.id),
      createdAt: new Date(x.createdAt).toISOString(),
      readAt: x.readAt ? new Date(x.readAt).toISOString() : null,
    })) as { id: number; title: string; body: string; link: string | null; createdAt: string; readAt: string | null }[],
  };
}

/** Marks one notice (id) or all (null) of a person read; returns how many changed. */
export async function markNoticesRead(userId: number, id: number | null): Promise<number> {
  const r = await db().query(
    'update monitor_notices set read_at = $3 where user_id = $1 and read_at is null and ($2::bigint is null or id = $2)',
    [userId, id, now()],
  );
  return r.rowCount ?? 0;
}
