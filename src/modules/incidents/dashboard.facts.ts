import type { Queryable } from '../../platform/db';

/**
 * Read-only incident facts for the dashboards module: incidents of units in the subtree
 * opened in [from, to) (cancelled ones left out), with the times the dashboard derives
 * its clocks from, and the direct sub-unit they fall under (ltree label at `depth`).
 */
export type IncidentFact = {
  id: number; title: string; unitId: number; unitName: string; unitPath: string; child: number; severity: number; status: string; storyId: number | null;
  detectedAt: Date; openedAt: Date; firstStatementAt: Date | null; firstStatementDueAt: Date | null; resolvedAt: Date | null;
};

export async function incidentFacts(q: Queryable, unitPath: string, depth: number, from: Date, to: Date): Promise<IncidentFact[]> {
  const r = await q.query<IncidentFact>(
    `select i.id::int, i.title, i.unit_id::int as "unitId", u.name as "unitName", u.path::text as "unitPath",
            case when nlevel(u.path) > $2 then ltree2text(subpath(u.path, $2, 1))::int else u.id::int end as child,
            i.severity, i.status, i.story_id::int as "storyId", i.detected_at as "detectedAt", i.opened_at as "openedAt",
            i.first_statement_at as "firstStatementAt", i.first_statement_due_at as "firstStatementDueAt", i.resolved_at as "resolvedAt"
       from units u join incidents i on i.unit_id = u.id
      where u.path <@ $1::ltree and i.opened_at >= $3 and i.opened_at < $4 and i.status <> 'cancelled'
      order by i.opened_at desc`,
    [unitPath, depth, from, to],
  );
  return r.rows;
}
