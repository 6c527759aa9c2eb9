import { z } from '@hono/zod-openapi';
import { unitTypes } from '../org';
import type { PlanSection } from './plans.service';

/** A calendar day that exists (2026-02-30 is refused here, not by PostgreSQL). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'yyyy-mm-dd')
  .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s, 'yyyy-mm-dd');
export const PeriodSchema = z.union([
  z.object({ year: z.number().int().min(2000).max(2100) }),
  z.object({ schoolYear: z.string().regex(/^\d{4}-\d{4}$/) }),
]);
export const TaskInputSchema = z.object({
  group: z.string().trim().max(300).nullable().optional(),
  topic: z.string().trim().min(1).max(1000),
  products: z.string().trim().max(2000).nullable().optional(),
  lead: z.array(z.string().trim().max(300)).max(30).optional(),
  partners: z.array(z.string().trim().max(300)).max(50).optional(),
  quarters: z.array(z.number().int().min(1).max(4)).max(4).optional(),
  unitTypes: z.array(z.enum(unitTypes)).optional(),
  objectives: z
    .array(z.object({ kind: z.enum(['output', 'outtake', 'outcome']), indicator: z.string().trim().min(1).max(500), target: z.string().max(200).nullable().optional() }))
    .max(20)
    .optional(),
});
export const ObligationInputSchema = z.object({
  who: z.string().trim().max(300).nullable().optional(),
  unitTypes: z.array(z.enum(unitTypes)).optional(),
  what: z.string().trim().min(1).max(1000),
  recurrence: z.enum(['once', 'weekly', 'monthly', 'quarterly', 'semester', 'yearly', 'on_event', 'on_request']),
  dayOfMonth: z.number().int().min(1).max(31).nullable().optional(),
  isBeforeDay: z.boolean().optional(),
  dueDate: isoDate.nullable().optional(),
  isWorkingDaysOnly: z.boolean().optional(),
  quantity: z.number().int().min(0).nullable().optional(),
  reminderDays: z.number().int().min(0).max(60).optional(),
});
// Sections nest four levels deep (I. → 1. → 1.1. → a)), which covers the plans offices write.
const sectionLevel = (children: z.ZodType | null) =>
  z.object({
    number: z.string().trim().max(20),
    title: z.string().trim().max(500),
    body: z.string().max(50_000).nullable().optional(),
    children: children ? z.array(children).max(100) : z.array(z.object({})).max(0),
  });
export const SectionSchema = sectionLevel(sectionLevel(sectionLevel(sectionLevel(null)))).openapi('PlanSection') as unknown as z.ZodType<PlanSection>;
const channelKinds = ['portal', 'website', 'fanpage', 'group', 'zalo', 'email', 'hotline', 'press', 'newsletter', 'event', 'other'] as const;
export const ChannelSchema = z.object({ kind: z.enum(channelKinds), label: z.string().trim().max(300), address: z.string().trim().max(300).nullable() });
export const BudgetLineSchema = z.object({ item: z.string().trim().min(1).max(500), amount: z.number().min(0).max(1e13).nullable(), source: z.string().trim().max(300).nullable() });
export const SignerSchema = z.object({
  authority: z.enum(['KT.', 'TL.', 'TM.', 'Q.', 'TUQ.']).nullable(),
  title: z.string().max(200).nullable(),
  deputyTitle: z.string().max(200).nullable(),
  name: z.string().max(200).nullable(),
});
export const BasisSchema = z.object({
  kind: z.string().max(50),
  ref: z.string().max(100),
  date: isoDate.nullable().optional(),
  issuer: z.string().max(300).nullable().optional(),
  summary: z.string().max(1000).nullable().optional(),
  planId: z.number().int().optional(),
});
const planFields = {
  title: z.string().trim().min(1).max(500),
  period: PeriodSchema,
  place: z.string().trim().max(100).nullable().optional(),
  symbol: z.string().trim().max(40).nullable().optional(),
  basis: z.array(BasisSchema).max(50).optional(),
  sections: z.array(SectionSchema).max(100).optional(),
  channels: z.array(ChannelSchema).max(50).optional(),
  budget: z.array(BudgetLineSchema).max(100).optional(),
  signer: SignerSchema.nullable().optional(),
  recipients: z.array(z.string().max(300)).max(100).optional(),
  subplanDueOn: isoDate.nullable().optional(),
  tasks: z.array(TaskInputSchema.extend({ id: z.number().int().optional() })).max(500).optional(),
  obligations: z.array(ObligationInputSchema.extend({ id: z.number().int().optional() })).max(200).optional(),
};
export const CreatePlanSchema = z.object({ unitId: z.number().int(), ...planFields }).openapi('CreatePlan');
export const UpdatePlanSchema = z.object({ version: z.number().int(), ...planFields }).openapi('UpdatePlan');

const statuses = ['draft', 'submitted', 'approved', 'issued', 'superseded'] as const;
export const PlanSchema = z
  .object({
    id: z.number(),
    unitId: z.number(),
    unitName: z.string(),
    unitType: z.enum(unitTypes),
    parentPlanId: z.number().nullable(),
    status: z.enum(statuses),
    number: z.number().nullable(),
    numberYear: z.number().nullable(),
    numberLabel: z.string().nullable(),
    symbol: z.string().nullable(),
    title: z.string(),
    period: PeriodSchema,
    place: z.string().nullable(),
    issuedOn: z.string().nullable(),
    basis: z.array(z.record(z.string(), z.unknown())),
    sections: z.array(z.unknown()),
    channels: z.array(ChannelSchema),
    budget: z.array(BudgetLineSchema),
    signer: z.record(z.string(), z.unknown()).nullable(),
    recipients: z.array(z.string()),
    subplanDueOn: z.string().nullable(),
    authorId: z.number().nullable(),
    authorName: z.string().nullable(),
    approvedBy: z.number().nullable(),
    version: z.number(),
    signedFile: z.object({ fileName: z.string(), size: z.number(), uploadedAt: z.string() }).nullable(),
    tasks: z.array(z.record(z.string(), z.unknown())),
    obligations: z.array(z.record(z.string(), z.unknown())),
    can: z.object({ edit: z.boolean(), submit: z.boolean(), approve: z.boolean(), return: z.boolean(), issue: z.boolean(), cascade: z.boolean() }),
  })
  .openapi('Plan');

export const PlanListItemSchema = z.object({
  id: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  title: z.string(),
  status: z.enum(statuses),
  number: z.number().nullable(),
  symbol: z.string().nullable(),
  numberLabel: z.string().nullable(),
  issuedOn: z.string().nullable(),
  parentPlanId: z.number().nullable(),
  period: PeriodSchema,
});
export const TaskStatusSchema = z.enum(['not_started', 'in_progress', 'done', 'at_risk']);
export const EvidenceSchema = z.object({ label: z.string().trim().min(1).max(300), url: z.string().trim().max(1000) });
export const RollupSchema = z.object({ status: TaskStatusSchema, done: z.number(), total: z.number() });
export const ProgressSchema = z.object({
  tasks: z.array(
    z.object({
      id: z.number(),
      position: z.number(),
      group: z.string().nullable(),
      topic: z.string(),
      quarters: z.array(z.number()),
      byQuarter: z.record(z.string(), z.object({ status: TaskStatusSchema.nullable(), note: z.string().nullable(), evidence: z.array(EvidenceSchema), rollup: RollupSchema })),
      articles: z.array(z.object({ title: z.string(), url: z.string(), publishedAt: z.string(), quarter: z.number() })),
    }),
  ),
  totals: z.array(z.object({ quarter: z.number(), not_started: z.number(), in_progress: z.number(), done: z.number(), at_risk: z.number() })),
});
export const DeadlineSchema = z.object({
  id: z.number(),
  planId: z.number(),
  planTitle: z.string(),
  what: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  label: z.string(),
  dueDate: z.string(),
  dueAt: z.string().nullable(),
  isLate: z.boolean(),
  remindedAt: z.string().nullable(),
  fulfilledAt: z.string().nullable(),
});
