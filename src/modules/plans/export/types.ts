// The plan as the export renders it, and the zod shape the CLI validates a JSON file against.
// It is the import's PlanDraft (src/modules/plans/import/parse.ts) plus what only a stored
// plan has: the parent body, section bodies, task objectives and the budget.
import { z } from 'zod';
import type { PlanDraft } from '../import';

export type PlanDocumentSection = {
  /** As the import gives it: `I`, `1`, `1.1` (a trailing dot is tolerated). */
  number: string;
  title: string;
  /** Plain text; paragraphs separated by `\n`. */
  body?: string | null;
  children: PlanDocumentSection[];
};

export type PlanObjective = { kind: string; indicator: string; target: string | number | null };

export type PlanDocument = {
  /** What the document is: a plan (KẾ HOẠCH, the default) or a report (BÁO CÁO, src/modules/reports). */
  kind?: 'plan' | 'report';
  title: string;
  /** `33/KH-PGDĐT`; null for a draft not yet numbered. */
  number: string | null;
  /** Issuing body, e.g. `SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH LÂM HÀ`. */
  issuer: string | null;
  /** Upper line of the header (the body the issuer belongs to), e.g. `UBND TỈNH LÂM HÀ`. */
  parentIssuer?: string | null;
  place: string | null;
  /** `YYYY-MM-DD`; null leaves the day and month blank for the signer to fill in. */
  date: string | null;
  period: { year: number } | { schoolYear: string } | null;
  basis: PlanDraft['basis'];
  sections: PlanDocumentSection[];
  channels: PlanDraft['channels'];
  obligations: PlanDraft['obligations'];
  tasks: (PlanDraft['tasks'][number] & { objectives?: PlanObjective[] })[];
  budget?: { item: string; amount: number | null; source: string | null }[];
  signer: PlanDraft['signer'];
  recipients: string[];
};

const text = z.string();
const nullableText = z.string().nullable().optional().transform((v) => v ?? null);

const sectionSchema: z.ZodType<PlanDocumentSection> = z.lazy(() =>
  z.object({
    number: z.union([z.string(), z.number()]).transform((v) => String(v)),
    title: z.string().trim().min(1, 'Mục phải có tiêu đề (title).'),
    body: z.string().nullable().optional(),
    children: z.array(sectionSchema).optional().default([]),
  }),
) as unknown as z.ZodType<PlanDocumentSection>;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải viết theo dạng YYYY-MM-DD.')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'Ngày không có thật.');

/** The JSON `loa plan import FILE --json` prints, plus the optional export-only fields. */
export const planDocumentSchema = z.object({
  title: z
    .string({ error: (iss) => (iss.input === undefined ? 'Thiếu tên kế hoạch (trường "title").' : 'Tên kế hoạch (title) phải là chuỗi.') })
    .trim()
    .min(1, 'Tên kế hoạch (title) không được để trống.'),
  number: nullableText,
  issuer: nullableText,
  parentIssuer: nullableText,
  place: nullableText,
  date: isoDate.nullable().optional().transform((v) => v ?? null),
  period: z
    .union([z.object({ year: z.number().int().min(1900).max(2100) }), z.object({ schoolYear: z.string().regex(/^\d{4}-\d{4}$/, 'Năm học viết theo dạng 2025-2026.') })])
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  basis: z
    .array(
      z.object({
        kind: z.string().optional().default('Văn bản'),
        ref: text.min(1, 'Văn bản căn cứ phải có số, ký hiệu (ref).'),
        date: isoDate.nullable().optional().transform((v) => v ?? null),
        issuer: nullableText,
        summary: nullableText,
      }),
    )
    .optional()
    .default([]),
  sections: z.array(sectionSchema).optional().default([]),
  channels: z
    .array(z.object({ kind: text, label: z.string().optional().default(''), address: nullableText }))
    .optional()
    .default([]),
  obligations: z
    .array(
      z.object({
        who: nullableText,
        what: text.min(1, 'Nghĩa vụ phải có nội dung (what).'),
        recurrence: z.enum(['once', 'weekly', 'monthly', 'quarterly', 'semester', 'yearly', 'on_event', 'on_request']),
        dayOfMonth: z.number().int().min(1).max(31).nullable().optional().transform((v) => v ?? null),
        dueDate: isoDate.nullable().optional().transform((v) => v ?? null),
        quantity: z.number().int().min(0).nullable().optional().transform((v) => v ?? null),
      }),
    )
    .optional()
    .default([]),
  tasks: z
    .array(
      z.object({
        group: nullableText,
        topic: text.min(1, 'Nhiệm vụ phải có nội dung (topic).'),
        products: nullableText,
        lead: z.array(text).optional().default([]),
        quarters: z.array(z.number().int().min(1).max(4)).optional().default([]),
        partners: z.array(text).optional().default([]),
        objectives: z
          .array(z.object({ kind: z.string().optional().default(''), indicator: text, target: z.union([z.string(), z.number()]).nullable().optional().transform((v) => v ?? null) }))
          .optional(),
      }),
    )
    .optional()
    .default([]),
  budget: z
    .array(z.object({ item: text.min(1), amount: z.number().min(0).nullable().optional().transform((v) => v ?? null), source: nullableText }))
    .optional(),
  signer: z
    .object({ authority: nullableText, title: nullableText, deputyTitle: nullableText, name: nullableText })
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  recipients: z.array(text).optional().default([]),
});

/** Validation failure of a plan given as JSON; `message` is Vietnamese, one line per problem. */
export class PlanInputError extends Error {}

/**
 * Checks an unknown value (parsed JSON) against the plan shape. Throws
 * PlanInputError with a Vietnamese message listing each problem and where.
 */
export function toPlanDocument(input: unknown): PlanDocument {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new PlanInputError('Dữ liệu kế hoạch phải là một đối tượng JSON ({ "title": …, "sections": […] … }).');
  }
  const r = planDocumentSchema.safeParse(input, { error: z.locales.vi().localeError });
  if (!r.success) {
    const lines = r.error.issues.slice(0, 20).map((i) => `  - ${i.path.length ? i.path.join('.') : '(gốc)'}: ${i.message}`);
    throw new PlanInputError(`Dữ liệu kế hoạch không hợp lệ:\n${lines.join('\n')}`);
  }
  return r.data as PlanDocument;
}
