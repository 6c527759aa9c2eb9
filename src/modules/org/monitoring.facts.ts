import type { Queryable } from '../../platform/db';

/**
 * Read-only facts for monitoring's watchlist of people (issue 6): the public
 * faces of a unit — its leaders and spokespeople (Giám đốc Sở, hiệu trưởng,
 * người phát ngôn) — whose names the press writes.
 */
export async function publicPeopleOfUnit(q: Queryable, unitId: number): Promise<{ userId: number; name: string; title: string | null; role: string }[]> {
  const r = await q.query(
    `select distinct on (us.id) us.id as "userId", us.name, us.title, ra.role
       from role_assignments ra join users us on us.id = ra.user_id
      where ra.unit_id = $1 and ra.role in ('leader', 'spokesperson') and us.is_active
      order by us.id, ra.role`,
    [unitId],
  );
  return r.rows.map((x) => ({ userId: Number(x.userId), name: x.name, title: x.title, role: x.role }));
}
