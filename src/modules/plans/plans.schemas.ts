import { z } from '@hono/zod-openapi';
import { unitTypes } from '../org';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'yyyy-mm-dd');
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
export const CreatePlanSchema = z
  .object({
    unitId: z.number().int(),
    title: z.string().trim().min(1).max(500),
    period: PeriodSchema,
    place: z.string().trim().max(100).nullable().optional(),
    symbol: z.string().trim().max(40).nullable().optional(),
    basis: z
      .array(z.object({ kind: z.string().max(50), ref: z.string().max(100), date: isoDate.nullable().optional(), issuer: z.string().max(300).nullable().optional(), summary: z.string().max(1000).nullable().optional() }))
      .max(50)
      .optional(),
    sections: z.array(z.unknown()).max(200).optional(),
    signer: z
      .object({ authority: z.string().max(20).nullable(), title: z.string().max(200).nullable(), deputyTitle: z.string().max(200).nullable(), name: z.string().max(200).nullable() })
      .nullable()
      .optional(),
    recipients: z.array(z.string().max(300)).max(100).optional(),
    tasks: z.array(TaskInputSchema).max(500).optional(),
    obligations: z.array(ObligationInputSchema).max(200).optional(),
  })
  .openapi('CreatePlan');

export const PlanSchema = z
  .object({
    id: z.number(),
    unitId: z.number(),
    parentPlanId: z.number().nullable(),
    status: z.enum(['draft', 'submitted', 'approved', 'issued', 'superseded']),
    number: z.number().nullable(),
    numberYear: z.number().nullable(),
    symbol: z.string().nullable(),
    title: z.string(),
    period: PeriodSchema,
    place: z.string().nullable(),
    issuedOn: z.string().nullable(),
    basis: z.array(z.record(z.string(), z.unknown())),
    sections: z.array(z.unknown()),
    signer: z.record(z.string(), z.unknown()).nullable(),
    recipients: z.array(z.string()),
    authorId: z.number().nullable(),
    approvedBy: z.number().nullable(),
    version: z.number(),
    tasks: z.array(z.record(z.string(), z.unknown())),
    obligations: z.array(z.record(z.string(), z.unknown())),
  })
  .openapi('Plan');
