import type { Queryable } from '../../platform/db';
import { slugify } from '../../text';
import { convertDocxToPdf, renderPlanDocx, type PlanDocument } from './export';
import { getPlan } from './plans.service';

/**
 * A stored plan as the document the export renders (the import JSON shape plus
 * section bodies, budget and the parent body for the header), then as a DOCX,
 * or a PDF converted from it by LibreOffice.
 */
export async function planDocumentOf(q: Queryable, planId: number): Promise<PlanDocument> {
  const p = await getPlan(q, planId);
  const parent = await q.query<{ name: string }>('select pu.name from units u join units pu on pu.id = u.parent_id where u.id = $1', [p.unitId]);
  return {
    title: p.title,
    number: p.numberLabel ?? (p.symbol ? `   /${p.symbol}` : null),
    issuer: p.unitName,
    parentIssuer: parent.rows[0]?.name ?? null,
    place: p.place,
    date: p.issuedOn,
    period: p.period,
    basis: p.basis.map((b: Record<string, unknown>) => ({ kind: String(b.kind ?? ''), ref: String(b.ref ?? ''), date: (b.date as string) ?? null, issuer: (b.issuer as string) ?? null, summary: (b.summary as string) ?? null })),
    sections: p.sections,
    channels: p.channels,
    obligations: p.obligations.map((o: Record<string, unknown>) => ({
      who: (o.who as string) ?? null,
      what: o.what as string,
      recurrence: o.recurrence as PlanDocument['obligations'][number]['recurrence'],
      dayOfMonth: (o.dayOfMonth as number) ?? null,
      dueDate: (o.dueDate as string) ?? null,
      quantity: (o.quantity as number) ?? null,
    })),
    tasks: p.tasks.map((t: Record<string, unknown>) => ({
      group: (t.group as string) ?? null,
      topic: t.topic as string,
      products: (t.products as string) ?? null,
      lead: (t.lead as string[]) ?? [],
      quarters: (t.quarters as number[]) ?? [],
      partners: (t.partners as string[]) ?? [],
      objectives: (t.objectives as { kind: 'output' | 'outtake' | 'outcome'; indicator: string; target: string | null }[]) ?? [],
    })),
    budget: p.budget,
    signer: p.signer,
    recipients: p.recipients,
  } as PlanDocument;
}

export async function exportPlanFile(q: Queryable, planId: number, format: 'docx' | 'pdf') {
  const doc = await planDocumentOf(q, planId);
  const docx = await renderPlanDocx(doc);
  const base = `ke-hoach-${slugify(doc.number ?? '') || planId}`.replace(/-+$/, '');
  if (format === 'docx') {
    return { data: docx, fileName: `${base}.docx`, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };
  }
  return { data: await convertDocxToPdf(docx), fileName: `${base}.pdf`, contentType: 'application/pdf' };
}
