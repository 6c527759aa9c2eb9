import {
  type Period,
  type PlanStatus,
  type Signer,
  type TaskStatus,
  objectiveKinds,
  planChannelKinds,
  recurrences,
  signerAuthorities,
  taskStatuses,
} from '../../api/plans';
import { unitTypes } from '../../api/types';
import { t, tOr } from '../../i18n';
import { formatDate } from '../../ui/format';
import { unitTypeLabel } from '../../ui/labels';

/** Vietnamese names and colours for the plans API's values. */
export const planStatusLabel = (s: string) => tOr(`planStatus.${s}`, s);
export const planStatusColor = (s: PlanStatus | string | null) =>
  ({ draft: 'gray', submitted: 'yellow', approved: 'blue', issued: 'teal', superseded: 'dark' })[s ?? ''] ?? 'gray';

export const taskStatusLabel = (s: string) => tOr(`taskStatus.${s}`, s);
export const taskStatusColors: Record<TaskStatus, string> = {
  not_started: 'gray',
  in_progress: 'blue',
  done: 'teal',
  at_risk: 'red',
};
/** Chart colours (Mantine's gray.5, blue.6, teal.6, red.6). */
export const taskStatusHex: Record<TaskStatus, string> = {
  not_started: '#adb5bd',
  in_progress: '#228be6',
  done: '#12b886',
  at_risk: '#fa5252',
};
export const taskStatusOptions = () => taskStatuses.map((value) => ({ value, label: taskStatusLabel(value) }));

export const recurrenceLabel = (r: string) => tOr(`recurrence.${r}`, r);
export const recurrenceOptions = () => recurrences.map((value) => ({ value, label: recurrenceLabel(value) }));

export const objectiveKindLabel = (k: string) => tOr(`objectiveKind.${k}`, k);
export const objectiveKindOptions = () => objectiveKinds.map((value) => ({ value, label: objectiveKindLabel(value) }));

export const planChannelLabel = (k: string) => tOr(`channel.${k}`, k);
export const planChannelOptions = () => planChannelKinds.map((value) => ({ value, label: planChannelLabel(value) }));

export const authorityLabel = (a: string) => tOr(`authority.${a}`, a);
/** '' stands for "signs in their own name" (no authority mark). */
export const authorityOptions = () => [
  { value: '', label: t('authority.none') },
  ...signerAuthorities.map((value) => ({ value, label: authorityLabel(value) })),
];

export const unitTypeMultiOptions = () => unitTypes.map((value) => ({ value, label: unitTypeLabel(value) }));

/** Display names for the kinds of basis documents; the parser writes Vietnamese names, older data English codes. */
export const basisKindLabel = (k: string) => (k ? tOr(`basisKind.${k}`, k) : '');
export const basisKindSuggestions = () => [
  t('basisKind.plan'),
  t('basisKind.decision'),
  t('basisKind.directive'),
  t('basisKind.resolution'),
  t('basisKind.decree'),
  t('basisKind.circular'),
  t('basisKind.letter'),
  t('basisKind.guidance'),
  t('basisKind.notice'),
  t('basisKind.conclusion'),
  t('basisKind.programme'),
  t('basisKind.law'),
];

const romans = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV'];
export const roman = (n: number) => romans[n - 1] ?? String(n);
export const quarterLabel = (q: number) => t('plans.quarter', { q: roman(q) });

/** "2025-2026" → "2025–2026". */
export const schoolYearLabel = (sy: string) => sy.replace('-', '–');
export function periodLabel(p: Period | null | undefined): string {
  if (!p) return '';
  return 'year' in p ? t('plans.periodYear', { year: p.year }) : t('plans.periodSchoolYear', { years: schoolYearLabel(p.schoolYear) });
}

/** "Quý I, III" or "Cả năm" when the task runs every quarter. */
export function quartersLabel(quarters: readonly number[]): string {
  if (!quarters.length || quarters.length === 4) return t('plans.allYear');
  return t('plans.quarter', { q: [...quarters].sort().map(roman).join(', ') });
}

/** An obligation's time rule in words: "Hằng tháng, trước ngày 25", "Một lần, hạn 15/02/2026". */
export function ruleLabel(o: {
  recurrence: string;
  dayOfMonth?: number | null;
  isBeforeDay?: boolean;
  dueDate?: string | null;
  isWorkingDaysOnly?: boolean;
}): string {
  const parts = [recurrenceLabel(o.recurrence)];
  if (o.dayOfMonth) parts.push(o.isBeforeDay ? t('plans.beforeDay', { day: o.dayOfMonth }) : t('plans.onDay', { day: o.dayOfMonth }));
  if (o.dueDate) parts.push(t('plans.dueOn', { date: formatDate(o.dueDate) }));
  if (o.isWorkingDaysOnly) parts.push(t('plans.workingDaysOnly'));
  return parts.join(', ');
}

export function signerLines(s: Signer | null | undefined): string[] {
  if (!s) return [];
  const lines: string[] = [];
  const head = [s.authority, s.title].filter(Boolean).join(' ');
  if (head) lines.push(head);
  if (s.deputyTitle) lines.push(s.deputyTitle);
  return lines;
}

export const formatVnd = (n: number | null | undefined) =>
  n === null || n === undefined ? '' : `${new Intl.NumberFormat('vi-VN').format(n)} ${t('plans.vnd')}`;
