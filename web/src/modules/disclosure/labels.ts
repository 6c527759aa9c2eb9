import type { ComplianceStatus, DisclosureHeading } from '../../api/disclosure';
import { type MessageKey, t } from '../../i18n';

/** React Query keys of the disclosure pages. */
export const disclosureKey = ['disclosure'] as const;

export const headingLabel = (h: DisclosureHeading) => t(`disc.heading.${h}` as MessageKey);
export const statusLabel = (s: ComplianceStatus) => t(`disc.status.${s}` as MessageKey);
/** Colours of the four grades (also used by the chart); the text label always goes with the colour. */
export const statusColor: Record<ComplianceStatus, string> = { on_time: 'teal', late: 'yellow', missing: 'blue', overdue: 'red' };
export const statusHex: Record<ComplianceStatus, string> = { on_time: '#0ca678', late: '#f08c00', missing: '#1c7ed6', overdue: '#e03131' };
/** '2025-2026' shown as '2025–2026'. */
export const schoolYearLabel = (y: string) => y.replace('-', '–');
/** The school year now and the few before it (a year starts in September, Vietnam time). */
export function recentSchoolYears(n = 5): string[] {
  const vn = new Date(Date.now() + 7 * 3_600_000);
  const start = vn.getUTCMonth() >= 8 ? vn.getUTCFullYear() : vn.getUTCFullYear() - 1;
  return Array.from({ length: n }, (_, i) => `${start - i}-${start - i + 1}`);
}
