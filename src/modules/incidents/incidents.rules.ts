/**
 * The incident rules as data (pure, no I/O): the stages and the moves between
 * them, and the severity table — clocks and which units above are told.
 *
 *   triage → active → contained → resolved → review → closed
 *   any open stage (triage … review) → cancelled
 *
 * No stage may be skipped; a stage is never re-entered (an incident that flares
 * up again is a new incident linked to the same story).
 */
export const incidentStatuses = ['triage', 'active', 'contained', 'resolved', 'review', 'closed', 'cancelled'] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];
export const stageOrder: IncidentStatus[] = ['triage', 'active', 'contained', 'resolved', 'review', 'closed'];
export const openStatuses: IncidentStatus[] = ['triage', 'active', 'contained', 'resolved', 'review'];

export function nextStage(s: IncidentStatus): IncidentStatus | null {
  const i = stageOrder.indexOf(s);
  return i >= 0 && i < stageOrder.length - 1 ? stageOrder[i + 1] : null;
}
export function canMove(from: IncidentStatus, to: IncidentStatus): boolean {
  if (to === 'cancelled') return openStatuses.includes(from);
  return nextStage(from) === to;
}

export const severities = [1, 2, 3, 4] as const;
export type Severity = (typeof severities)[number];

/**
 * Per severity: hours to the first public statement (from detection; MOET: a hot
 * event — level ≥ 3 — within 6 hours), hours to the fast report (from opening),
 * the rhythm of updates while the incident is active or contained, and how far up
 * the tree the incident is escalated when opened:
 *   'none'       nobody above (the unit handles it; an overdue clock still tells the parent),
 *   'parent'     the unit directly above (a school → its commune / office),
 *   'department' every unit above up to and including the Sở (type department),
 *   'all'        every unit above, the ministry included.
 */
export type SeverityRule = { firstStatementHours: number | null; fastReportHours: number | null; updateEveryHours: number | null; escalateTo: 'none' | 'parent' | 'department' | 'all' };
export const severityRules: Record<Severity, SeverityRule> = {
  1: { firstStatementHours: null, fastReportHours: 72, updateEveryHours: null, escalateTo: 'none' },
  2: { firstStatementHours: 24, fastReportHours: 48, updateEveryHours: 24, escalateTo: 'parent' },
  3: { firstStatementHours: 6, fastReportHours: 24, updateEveryHours: 12, escalateTo: 'department' },
  4: { firstStatementHours: 6, fastReportHours: 12, updateEveryHours: 6, escalateTo: 'all' },
};

const H = 3600_000;
export function clocksFor(severity: Severity, detectedAt: Date, openedAt: Date) {
  const r = severityRules[severity];
  return {
    firstStatementDueAt: r.firstStatementHours == null ? null : new Date(detectedAt.getTime() + r.firstStatementHours * H),
    fastReportDueAt: r.fastReportHours == null ? null : new Date(openedAt.getTime() + r.fastReportHours * H),
    updateEveryHours: r.updateEveryHours,
  };
}

export type Ancestor = { id: number; type: string; depth: number };
/** The ancestors (nearest first) that the severity escalates to when an incident is opened. */
export function escalationTargets(severity: Severity, ancestorsNearestFirst: Ancestor[]): number[] {
  const rule = severityRules[severity].escalateTo;
  if (rule === 'none' || !ancestorsNearestFirst.length) return [];
  if (rule === 'parent') return [ancestorsNearestFirst[0].id];
  if (rule === 'all') return ancestorsNearestFirst.map((a) => a.id);
  const out: number[] = [];
  for (const a of ancestorsNearestFirst) {
    out.push(a.id);
    if (a.type === 'department') break;
  }
  return out;
}

/** Review checklist: every item must be written before the incident can close. */
export const reviewItems = ['wentWell', 'toImprove', 'lessons', 'updatedLines'] as const;
export type Review = Partial<Record<(typeof reviewItems)[number], string>>;
export function reviewMissing(r: Review): string[] {
  return reviewItems.filter((k) => !(r[k] ?? '').trim());
}

export const fastReportFields = ['what', 'when', 'where', 'affected', 'actions', 'nextSteps', 'proposals'] as const;
export type FastReportFields = Partial<Record<(typeof fastReportFields)[number], string>>;
