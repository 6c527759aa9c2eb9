import fs from 'node:fs';

/** The structured draft `loa plan import FILE --json` prints (shape fixed by issue 3). */
export type PlanDraft = {
  title: string;
  number: string | null;
  issuer: string | null;
  place: string | null;
  date: string | null;
  period: { year: number } | { schoolYear: string } | null;
  basis: { kind: string; ref: string; date: string | null; issuer: string | null; summary: string | null }[];
  sections: PlanSection[];
  channels: { kind: string; label: string; address: string | null }[];
  obligations: {
    who: string | null;
    what: string;
    recurrence: 'once' | 'weekly' | 'monthly' | 'quarterly' | 'semester' | 'yearly' | 'on_event' | 'on_request';
    dayOfMonth: number | null;
    dueDate: string | null;
    quantity: number | null;
  }[];
  tasks: { group: string | null; topic: string; products: string | null; lead: string[]; quarters: number[]; partners: string[] }[];
  signer: { authority: string | null; title: string | null; deputyTitle: string | null; name: string | null } | null;
  recipients: string[];
};
export type PlanSection = { number: string; title: string; children: PlanSection[] };

export function parsePlanText(_text: string): PlanDraft {
  return { title: '', number: null, issuer: null, place: null, date: null, period: null, basis: [], sections: [], channels: [], obligations: [], tasks: [], signer: null, recipients: [] };
}

export async function importPlanFile(filePath: string): Promise<PlanDraft> {
  return parsePlanText(fs.readFileSync(filePath, 'utf8'));
}
