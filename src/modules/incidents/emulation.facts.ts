import type { Queryable } from '../../platform/db';

/**
 * Read-only facts for emulation scoring: incidents of units at or under `unitPath`
 * opened in [from, to) (not cancelled) whose clocks are decided — both met, or one
 * already past due without being met. Met: the first statement by its due time and a
 * fast report sent by its due time (a clock the incident does not have counts as met).
 */
export async function incidentClockFacts(q: Queryable, opts: { unitPath: string; from: Date; to: Date; at: Date }) {
  const r = await q.query<{ unitId: string; id: number; title: string; isMet: boolean }>(
    `with i as (
       select i.id, i.unit_id, i.title, i.first_statement_due_at as s_due, i.fast_report_due_at as r_due,
              coalesce(i.first_statement_due_at is null or i.first_statement_at <= i.first_statement_due_at, false) as s_met,
              (i.fast_report_due_at is null
                or exists (select 1 from incident_reports r where r.incident_id = i.id and r.sent_at <= i.fast_report_due_at)) as r_met
         from incidents i join units u on u.id = i.unit_id
        where u.path <@ $1::ltree and i.status <> 'cancelled' and i.opened_at >= $2 and i.opened_at < $3)
     select unit_id as "unitId", id, title, (s_met and r_met) as "isMet"
       from i
      where (s_met and r_met) or (not s_met and s_due < $4) or (not r_met and r_due < $4)
      order by unit_id, id`,
    [opts.unitPath, opts.from, opts.to, opts.at],
  );
  const by = new Map<number, { unitId: number; count: number; total: number; evidence: { label: string; url: string; isMet: boolean }[] }>();
  for (const x of r.rows) {
    const id = Number(x.unitId);
    const f = by.get(id) ?? { unitId: id, count: 0, total: 0, evidence: [] };
    f.total++;
    if (x.isMet) f.count++;
    f.evidence.push({ label: x.title, url: `/admin/su-co/${x.id}`, isMet: x.isMet });
    by.set(id, f);
  }
  return [...by.values()];
}
