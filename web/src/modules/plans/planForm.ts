import { useForm } from '@mantine/form';
import type {
  Basis,
  ObjectiveKind,
  ObligationInput,
  Plan,
  PlanChannelKind,
  PlanInput,
  PlanSection,
  Recurrence,
  SignerAuthority,
  TaskInput,
} from '../../api/plans';
import type { UnitType } from '../../api/types';
import { t } from '../../i18n';

/** The plan as the editor holds it: strings where the API takes nulls, numbers as typed. */
export type SectionValues = { number: string; title: string; body: string; children: SectionValues[] };
export type BasisValues = { kind: string; ref: string; date: string | null; issuer: string; summary: string; planId?: number };
export type ChannelValues = { kind: PlanChannelKind; label: string; address: string };
export type BudgetValues = { item: string; amount: number | string; source: string };
export type ObjectiveValues = { kind: ObjectiveKind; indicator: string; target: string };
export type TaskValues = {
  id?: number;
  group: string;
  topic: string;
  products: string;
  lead: string[];
  partners: string[];
  quarters: string[];
  unitTypes: string[];
  objectives: ObjectiveValues[];
};
export type ObligationValues = {
  id?: number;
  who: string;
  unitTypes: string[];
  what: string;
  recurrence: Recurrence;
  dayOfMonth: number | string;
  isBeforeDay: boolean;
  dueDate: string | null;
  isWorkingDaysOnly: boolean;
  quantity: number | string;
  reminderDays: number | string;
};
export type PlanFormValues = {
  title: string;
  periodKind: 'year' | 'schoolYear';
  year: string;
  schoolYear: string;
  place: string;
  symbol: string;
  basis: BasisValues[];
  sections: SectionValues[];
  channels: ChannelValues[];
  budget: BudgetValues[];
  tasks: TaskValues[];
  obligations: ObligationValues[];
  signer: { authority: string; title: string; deputyTitle: string; name: string };
  recipients: string;
  subplanDueOn: string | null;
};

const s = (v: string | null | undefined) => v ?? '';
const orNull = (v: string) => (v.trim() ? v.trim() : null);
const numOrNull = (v: number | string) => (v === '' || v === null || v === undefined || Number.isNaN(Number(v)) ? null : Number(v));

/** The school year a date falls in (September starts the next one). */
export function currentSchoolYear(d = new Date()): string {
  const y = d.getMonth() >= 7 ? d.getFullYear() : d.getFullYear() - 1;
  return `${y}-${y + 1}`;
}

export const emptySection = (number = ''): SectionValues => ({ number, title: '', body: '', children: [] });
export const emptyBasis = (): BasisValues => ({ kind: t('basisKind.plan'), ref: '', date: null, issuer: '', summary: '' });
export const emptyChannel = (): ChannelValues => ({ kind: 'portal', label: '', address: '' });
export const emptyBudget = (): BudgetValues => ({ item: '', amount: '', source: '' });
export const emptyObjective = (): ObjectiveValues => ({ kind: 'output', indicator: '', target: '' });
export const emptyTask = (): TaskValues => ({
  group: '',
  topic: '',
  products: '',
  lead: [],
  partners: [],
  quarters: [],
  unitTypes: [],
  objectives: [],
});
export const emptyObligation = (): ObligationValues => ({
  who: '',
  unitTypes: [],
  what: '',
  recurrence: 'monthly',
  dayOfMonth: '',
  isBeforeDay: false,
  dueDate: null,
  isWorkingDaysOnly: false,
  quantity: '',
  reminderDays: 3,
});

function sectionValues(x: PlanSection): SectionValues {
  return { number: s(x.number), title: s(x.title), body: s(x.body), children: (x.children ?? []).map(sectionValues) };
}

/** Editor values from a stored plan, an imported draft's input, or nothing (a new plan). */
export function valuesFromInput(p: Partial<PlanInput> | Plan | null): PlanFormValues {
  const period = p?.period;
  const thisYear = new Date().getFullYear();
  return {
    title: s(p?.title),
    periodKind: period && 'schoolYear' in period ? 'schoolYear' : 'year',
    year: String(period && 'year' in period ? period.year : thisYear),
    schoolYear: period && 'schoolYear' in period ? period.schoolYear : currentSchoolYear(),
    place: s(p?.place),
    symbol: s(p?.symbol),
    basis: (p?.basis ?? []).map((b) => ({
      kind: s(b.kind),
      ref: s(b.ref),
      date: b.date ?? null,
      issuer: s(b.issuer),
      summary: s(b.summary),
      ...(b.planId ? { planId: b.planId } : {}),
    })),
    sections: (p?.sections ?? []).map(sectionValues),
    channels: (p?.channels ?? []).map((c) => ({ kind: c.kind, label: s(c.label), address: s(c.address) })),
    budget: (p?.budget ?? []).map((b) => ({ item: s(b.item), amount: b.amount ?? '', source: s(b.source) })),
    tasks: (p?.tasks ?? []).map((x: TaskInput) => ({
      ...(x.id ? { id: x.id } : {}),
      group: s(x.group),
      topic: s(x.topic),
      products: s(x.products),
      lead: x.lead ?? [],
      partners: x.partners ?? [],
      quarters: (x.quarters ?? []).map(String),
      unitTypes: x.unitTypes ?? [],
      objectives: (x.objectives ?? []).map((o) => ({ kind: o.kind, indicator: s(o.indicator), target: s(o.target) })),
    })),
    obligations: (p?.obligations ?? []).map((o: ObligationInput) => ({
      ...(o.id ? { id: o.id } : {}),
      who: s(o.who),
      unitTypes: o.unitTypes ?? [],
      what: s(o.what),
      recurrence: o.recurrence,
      dayOfMonth: o.dayOfMonth ?? '',
      isBeforeDay: !!o.isBeforeDay,
      dueDate: o.dueDate ?? null,
      isWorkingDaysOnly: !!o.isWorkingDaysOnly,
      quantity: o.quantity ?? '',
      reminderDays: o.reminderDays ?? 3,
    })),
    signer: {
      authority: s(p?.signer?.authority),
      title: s(p?.signer?.title),
      deputyTitle: s(p?.signer?.deputyTitle),
      name: s(p?.signer?.name),
    },
    recipients: (p?.recipients ?? []).join('\n'),
    subplanDueOn: p?.subplanDueOn ?? null,
  };
}

function sectionInput(x: SectionValues): PlanSection {
  return {
    number: x.number.trim(),
    title: x.title.trim(),
    body: x.body.trim() ? x.body.replace(/\s+$/, '') : null,
    children: x.children.map(sectionInput),
  };
}

/** What the API takes from the editor's values; rows left wholly empty are dropped. */
export function inputFromValues(v: PlanFormValues): PlanInput {
  const signer = {
    authority: (v.signer.authority || null) as SignerAuthority | null,
    title: orNull(v.signer.title),
    deputyTitle: orNull(v.signer.deputyTitle),
    name: orNull(v.signer.name),
  };
  const isSignerEmpty = !signer.authority && !signer.title && !signer.deputyTitle && !signer.name;
  return {
    title: v.title.trim(),
    period: v.periodKind === 'year' ? { year: Number(v.year) } : { schoolYear: v.schoolYear },
    place: orNull(v.place),
    symbol: orNull(v.symbol),
    basis: v.basis
      .filter((b) => b.ref.trim() || b.summary.trim())
      .map(
        (b): Basis => ({
          kind: b.kind.trim(),
          ref: b.ref.trim(),
          date: b.date || null,
          issuer: orNull(b.issuer),
          summary: orNull(b.summary),
          ...(b.planId ? { planId: b.planId } : {}),
        }),
      ),
    sections: v.sections.map(sectionInput),
    channels: v.channels
      .filter((c) => c.label.trim() || c.address.trim())
      .map((c) => ({ kind: c.kind, label: c.label.trim(), address: orNull(c.address) })),
    budget: v.budget
      .filter((b) => b.item.trim() || numOrNull(b.amount) !== null)
      .map((b) => ({ item: b.item.trim(), amount: numOrNull(b.amount), source: orNull(b.source) })),
    tasks: v.tasks.map((x) => ({
      ...(x.id ? { id: x.id } : {}),
      group: orNull(x.group),
      topic: x.topic.trim(),
      products: orNull(x.products),
      lead: x.lead.map((l) => l.trim()).filter(Boolean),
      partners: x.partners.map((l) => l.trim()).filter(Boolean),
      quarters: x.quarters.map(Number).sort(),
      unitTypes: x.unitTypes as UnitType[],
      objectives: x.objectives
        .filter((o) => o.indicator.trim())
        .map((o) => ({ kind: o.kind, indicator: o.indicator.trim(), target: orNull(o.target) })),
    })),
    obligations: v.obligations.map((o) => ({
      ...(o.id ? { id: o.id } : {}),
      who: orNull(o.who),
      unitTypes: o.unitTypes as UnitType[],
      what: o.what.trim(),
      recurrence: o.recurrence,
      dayOfMonth: numOrNull(o.dayOfMonth),
      isBeforeDay: o.isBeforeDay,
      dueDate: o.dueDate || null,
      isWorkingDaysOnly: o.isWorkingDaysOnly,
      quantity: numOrNull(o.quantity),
      reminderDays: numOrNull(o.reminderDays) ?? 3,
    })),
    signer: isSignerEmpty ? null : signer,
    recipients: v.recipients
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
    subplanDueOn: v.subplanDueOn || null,
  };
}

/** Which editor tab holds a failing field, so a failed save can show it. */
export function tabOfField(path: string): string {
  const head = path.split('.')[0];
  if (['basis'].includes(head)) return 'basis';
  if (['sections'].includes(head)) return 'sections';
  if (['channels', 'budget'].includes(head)) return 'channels';
  if (head === 'tasks') return 'tasks';
  if (head === 'obligations') return 'obligations';
  if (['signer', 'recipients'].includes(head)) return 'signing';
  return 'general';
}

export function usePlanForm(initialValues: PlanFormValues) {
  return useForm<PlanFormValues>({
    initialValues,
    validate: {
      title: (v) => (v.trim() ? null : t('planForm.titleRequired')),
      year: (v, all) => (all.periodKind !== 'year' || (/^\d{4}$/.test(v) && +v >= 2000 && +v <= 2100) ? null : t('planForm.yearInvalid')),
      budget: {
        item: (v, all, path) => {
          const i = Number(path.split('.')[1]);
          const row = all.budget[i];
          return v.trim() || (row && numOrNull(row.amount) === null) ? null : t('planForm.budgetItemRequired');
        },
      },
      tasks: { topic: (v) => (v.trim() ? null : t('planForm.topicRequired')) },
      obligations: {
        what: (v) => (v.trim() ? null : t('planForm.whatRequired')),
        dayOfMonth: (v) => (v === '' || (Number(v) >= 1 && Number(v) <= 31) ? null : t('planForm.dayInvalid')),
        reminderDays: (v) => (v === '' || (Number(v) >= 0 && Number(v) <= 60) ? null : t('planForm.reminderInvalid')),
      },
    },
  });
}
export type PlanForm = ReturnType<typeof usePlanForm>;
