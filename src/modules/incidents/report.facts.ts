import type { Queryable } from '../../platform/db';

/**
 * Read-only figures for the reports module: the incidents a unit and its subtree
 * opened in a time window and how they were handled — by severity and stage, and
 * whether the first statement came within its clock.
 */
export type IncidentRow = {
  id: number; title: string; unitName: string; severity: number; status: string;
  openedAt: string; firstStatementAt: string | null; firstStatementDueAt: string | null; resolvedAt: string | null;
  isStatementOnTime: boolean | null;
};
export type IncidentFacts = {
  total: number; cancelled: number; handled: number; open: number;
  bySeverity: Record<'1' | '2' | '3' | '4', number>;
  statementOnTime: number; statementLate: number; noStatement: number;
  items: IncidentRow[];
};

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export async function incidentFactsForReport(q: Queryable, w: { unitPath: string; from: Date; to: Date; limit?: number }): Promise<IncidentFacts> {
  const r = await q.query(
    `select i.id, i.title, u.name as "unitName", i.severity, i.status, i.opened_at as "openedAt", i.first_statement_at as "firstStatementAt",
            i.first_statement_due_at as "firstStatementDueAt", i.resolved_at as "resolvedAt"
       from incidents i join units u on u.id = i.unit_id
      where u.path <@ $1::ltree and i.opened_at >= $2 and i.opened_at < $3
      order by i.severity desc, i.opened_at, i.id`,
    [w.unitPath, w.from, w.to],
  );
  const facts: IncidentFacts = { total: 0, cancelled: 0, handled: 0, open: 0, bySeverity: { 1: 0, 2: 0, 3: 0, 4: 0 }, statementOnTime: 0, statementLate: 0, noStatement: 0, items: [] };
  for (const x of r.rows) {
    if (x.status === 'cancelled') {
      facts.cancelled++;
      continue;
    }
    facts.total++;
    facts.bySeverity[String(x.severity) as '1'] += 1;
    if (['resolved', 'review', 'closed'].includes(x.status)) facts.handled++;
    else facts.open++;
    let onTime: boolean | null = null;
    if (!x.firstStatementAt) facts.noStatement++;
    else {
      onTime = !x.firstStatementDueAt || new Date(x.firstStatementAt) <= new Date(x.firstStatementDueAt);
      if (onTime) facts.statementOnTime++;
      else facts.statementLate++;
    }
    if (facts.items.length < (w.limit ?? 30)) {
      facts.items.push({
        id: Number(x.id), title: x.title, unitName: x.unitName, severity: x.severity, status: x.status,
        openedAt: iso(x.openedAt) as string, firstStatementAt: iso(x.firstStatementAt), firstStatementDueAt: iso(x.firstStatementDueAt), resolvedAt: iso(x.resolvedAt),
        isStatementOnTime: onTime,
      });
    }
  }
  return facts;
}
