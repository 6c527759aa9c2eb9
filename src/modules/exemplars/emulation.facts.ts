import type { Queryable } from '../../platform/db';

/** Read-only facts for emulation scoring: exemplars published in [from, to), per unit at or under `unitPath`. */
export async function exemplarPublishedFacts(q: Queryable, opts: { unitPath: string; from: Date; to: Date }) {
  const r = await q.query<{ unitId: string; items: { id: number; name: string }[] }>(
    `select e.unit_id as "unitId", json_agg(json_build_object('id', e.id, 'name', e.name) order by e.published_at, e.id) as items
       from exemplars e join units u on u.id = e.unit_id
      where u.path <@ $1::ltree and e.status in ('published', 'archived') and e.published_at >= $2 and e.published_at < $3
      group by e.unit_id`,
    [opts.unitPath, opts.from, opts.to],
  );
  return r.rows.map((x) => ({
    unitId: Number(x.unitId),
    count: x.items.length,
    evidence: x.items.map((i) => ({ label: i.name, url: `/admin/guong-dien-hinh/${i.id}`, isMet: true })),
  }));
}
