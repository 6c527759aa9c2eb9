import { api } from '../../api/client';

export type PeriodKind = 'month' | 'semester' | 'year';
export type DashboardIncident = {
  id: number; title: string; unitId: number; unitName: string; severity: number | null; status: string; openedAt: string;
  detectHours: number | null; statementHours: number | null; resolveHours: number | null; isStatementOnTime: boolean | null;
};
export type IncidentSummary = {
  count: number; detectMedianHours: number | null; statementMedianHours: number | null; resolveMedianHours: number | null;
  statementOnTime: number; statementLate: number; open: number;
};
export type UnitDashboard = {
  unit: { id: number; name: string; type: string };
  ancestors: { id: number; name: string; type: string }[];
  period: { kind: PeriodKind; from: string; to: string; label: string };
  generatedAt: string;
  summary: { schools: number; quotaPct: number | null; articles: number; progressPct: number | null; mentions: number; negative: number; incidents: number; reportsOnTimePct: number | null };
  quota: { weeks: { start: string; label: string }[]; rows: { unitId: number; unitName: string; unitType: string; schools: number; cells: number[] }[]; schoolWeeks: number; met: number };
  progress: { plans: number; total: number; done: number; byQuarter: { quarter: number; done: number; in_progress: number; at_risk: number; not_started: number }[] };
  mentions: { bucket: 'day' | 'week'; series: { bucket: string; negative: number; neutral: number; positive: number }[]; totals: { negative: number; neutral: number; positive: number } };
  incidents: { summary: IncidentSummary; bySeverity: (IncidentSummary & { severity: number })[]; recent: DashboardIncident[] };
  punctuality: { months: { month: string; onTime: number; late: number; overdue: number; pending: number }[]; totals: { onTime: number; late: number; overdue: number; pending: number } };
  units: { unitId: number; unitName: string; unitType: string; schools: number; quotaPct: number | null; progressPct: number | null; mentions: number; negative: number; incidents: number; reportsOnTime: number; reportsLate: number; reportsOverdue: number }[];
};

export const dashboardsKey = ['dashboards'] as const;
export const dashboardsApi = {
  get: (unitId: number, period: PeriodKind, at: string | null) =>
    api<UnitDashboard>(`/dashboards/${unitId}`, { query: at ? { period, at } : { period } }),
};
