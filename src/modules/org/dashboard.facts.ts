import type { Queryable } from '../../platform/db';

/**
 * Read-only unit facts for the dashboards module (Bảng điều khiển): the unit, its
 * ancestors (breadcrumbs) and its direct sub-units with the active schools under each.
 * A sub-unit's id is also the ltree label at the unit's depth, which is how the other
 * modules' dashboard facts group their rows by sub-unit.
 */
export type DashboardUnit = { id: number; name: string; type: string; path: string; depth: number };
export type DashboardChild = { id: number; name: string; type: string; schools: number };

export async function dashboardUnit(q: Queryable, unitId: number) {
  const u = await q.query<DashboardUnit>(
    `select id::int, name, type, path::text as path, nlevel(path) as depth from units where id = $1`,
    [unitId],
  );
  if (!u.rows[0]) return null;
  const unit = u.rows[0];
  const [ancestors, children, schools] = await Promise.all([
    q.query<DashboardUnit>(
      `select id::int, name, type, path::text as path, nlevel(path) as depth from units where path @> $1::ltree and id <> $2 order by nlevel(path)`,
      [unit.path, unitId],
    ),
    q.query<{ id: number; name: string; type: string }>(
      `select id::int, name, type from units where parent_id = $1 and status = 'active' order by type <> 'school', name`,
      [unitId],
    ),
    q.query<{ child: number; n: number }>(
      `select case when nlevel(path) > $2 then ltree2text(subpath(path, $2, 1))::int else id::int end as child, count(*)::int as n
         from units where path <@ $1::ltree and type = 'school' and status = 'active' group by 1`,
      [unit.path, unit.depth],
    ),
  ]);
  const by = new Map(schools.rows.map((r) => [Number(r.child), r.n]));
  return {
    unit,
    ancestors: ancestors.rows,
    children: children.rows.map((c) => ({ ...c, schools: by.get(c.id) ?? 0 })) as DashboardChild[],
    schools: schools.rows.reduce((a, r) => a + r.n, 0),
  };
}
