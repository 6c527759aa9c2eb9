// Plan import: a Vietnamese communications plan (Kế hoạch truyền thông) → structured draft.
// Each field has its own extractor in this folder; this file wires them together.
import { parseAppendixTable } from './appendix';
import { findBasis } from './basis';
import { extractChannels } from './channels';
import { issuerFromProse, splitHeader } from './header';
import { extractObligations } from './obligations';
import { readPlanFile } from './read';
import { findClosingStart, headingSpan, parseSections, sectionBodies, type PlanSection } from './sections';
import { parseRecipients, parseSigner } from './signature';
import { buildParagraphs } from './text';

export type { PlanSection } from './sections';

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

// Parts whose content is the plan's legal basis.
const BASIS_PART_RE = /c\S{0,2}n\s+c\S{0,2}/;
// Parts that list channels or forms: events named there are channels.
const CHANNEL_PART_RE = /\bkenh\b|h\S{0,2}nh\s+th\S{0,2}c|ph\S{0,2}\S{0,2}ng\s+th\S{0,2}c|ph\S{0,2}\S{0,2}ng\s+ti\S{0,2}n/;

/**
 * Parses the text of a plan (Markdown, inline HTML, tab tables, OCR output all accepted).
 * With `isKeepingBodies`, each section also carries its `body` text (the review step in
 * the UI wants it; `loa plan import --json` prints headings only).
 */
export function parsePlanText(text: string, opts: { isKeepingBodies?: boolean } = {}): PlanDraft {
  const { paras } = buildParagraphs(text);
  const header = splitHeader(paras);
  const closing = findClosingStart(paras, header.bodyStart);
  // The appendix starts at `PHỤ LỤC` (or the first table) after the closing block.
  let appendix = paras.findIndex((p, i) => i > closing && (/^ph\S{0,2}\s+l\S{0,2}c\b/.test(p.key) || p.isTable));
  if (appendix < 0) appendix = paras.length;

  const { sections, headings, nodes } = parseSections(paras, header.bodyStart, closing);
  if (opts.isKeepingBodies) {
    const bodies = sectionBodies(paras, headings, closing);
    nodes.forEach((n, i) => Object.assign(n, { body: bodies[i] || null }));
  }

  // Basis: the opening before the first part, plus the body of a `Căn cứ…` part.
  const firstHeading = headings[0]?.index ?? closing;
  const opening = paras.slice(header.bodyStart, firstHeading);
  for (const h of headings) {
    if (h.level === 0 && BASIS_PART_RE.test(h.key)) {
      const [s, e] = headingSpan(h, headings, closing);
      opening.push(...paras.slice(s, e));
    }
  }
  const basis = findBasis(opening, header.number);

  const issuer = header.issuer ?? issuerFromProse(paras, header.bodyStart, appendix);
  const channelParts = headings.filter((h) => CHANNEL_PART_RE.test(h.key)).map((h) => headingSpan(h, headings, closing));
  const body = paras.slice(header.bodyStart, closing);
  const issuerIsSchool = !!issuer && /^tr\S{0,3}ng\b/i.test(issuer.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase());
  const channels = extractChannels(body, (i) => channelParts.some(([s, e]) => i + header.bodyStart >= s && i + header.bodyStart < e), issuerIsSchool);

  const year = header.period && 'year' in header.period ? header.period.year : header.period ? Number(header.period.schoolYear.slice(0, 4)) : header.date ? Number(header.date.slice(0, 4)) : null;
  const obligations = extractObligations(paras, headings, header.bodyStart, closing, issuer, year);
  const tasks = parseAppendixTable(paras);
  const closingParas = paras.slice(closing, appendix);
  return {
    title: header.title,
    number: header.number,
    issuer,
    place: header.place,
    date: header.date,
    period: header.period,
    basis,
    sections,
    channels,
    obligations,
    tasks,
    signer: parseSigner(closingParas),
    recipients: parseRecipients(closingParas),
  };
}

/** Reads a DOCX, PDF or text file and parses it. Throws (Vietnamese message) for unreadable scans. */
export async function importPlanFile(filePath: string, opts: { isKeepingBodies?: boolean } = {}): Promise<PlanDraft> {
  return parsePlanText(await readPlanFile(filePath), opts);
}
