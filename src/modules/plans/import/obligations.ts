// Duties the plan gives a unit with a time rule: reports, submissions, each unit's own plan.
import { isoDate, tidy, type Para } from './text';
import type { Heading } from './sections';

export type Recurrence = 'once' | 'weekly' | 'monthly' | 'quarterly' | 'semester' | 'yearly' | 'on_event' | 'on_request';
export type Obligation = { who: string | null; what: string; recurrence: Recurrence; dayOfMonth: number | null; dueDate: string | null; quantity: number | null };

// All patterns run on folded text and tolerate one or two OCR'd letters per syllable.
const REPORT_RE = /\bb\S{1,2}o\s+c\S{1,2}o\b|\b(?:dang|dang tai|cap nhat|dua)\b[^.;]{0,40}?\b\d{1,3}\s*(?:tin|bai)\b|\bg(?:u|ui|iri|ri)\b|\bnop\b|\bcap nhat\b/;
const OWN_PLAN_RE = /\b(?:xay dung|ban hanh)\s+(?:va\s+\S+\s+)?(?:cac\s+)?k\S{0,2}\s*ho\S{0,2}ch\b/;
// Folded syllables with the letters OCR swaps in: hàng → hang/hdng/heng, năm → nam/nim.
const A = '[adei]';
const RULES: [Recurrence, RegExp][] = [
  ['weekly', new RegExp(`\\bh${A}ng tu${A}n\\b|\\bm[o0]i tu${A}n\\b|\\bl${A}n\\s*/\\s*tu${A}n\\b|\\btu${A}n (?:mot|1|01) l${A}n\\b`)],
  ['monthly', new RegExp(`\\bh${A}ng th${A}ng\\b|\\bm[o0]i th${A}ng\\b|\\bl${A}n\\s*/\\s*th${A}ng\\b|\\bth${A}ng (?:mot|1|01) l${A}n\\b|\\bdinh ky th${A}ng\\b|\\bbao cao th${A}ng\\b`)],
  ['quarterly', new RegExp(`\\bh${A}ng quy\\b|\\bm[o0]i quy\\b|\\bl${A}n\\s*/\\s*quy\\b|\\bdinh ky quy\\b|\\bbao cao quy\\b(?! (?:dinh|che|trinh|hoach|mo|tac|pham|chuan))`)],
  ['semester', new RegExp(`\\bh[o0q]c k[yi]\\b|\\b(?:6|06|sau) th${A}ng\\b|\\b0?2\\s*l${A}n\\s*/\\s*n${A}m\\b|\\bban nien\\b|\\bso ket\\b`)],
  ['yearly', new RegExp(`\\b(?:h${A}ng|m[o0]i|cu[o0]i|tong ket|bao cao) n${A}m\\b(?! h)|\\b0?1\\s*l${A}n\\s*/\\s*n${A}m\\b(?! h)`)],
];
const ON_REQUEST_RE = /khi\s+(?:c\S{0,2}|d\S{0,2}\S{0,2}c)\s+(?:y\S{0,2}u\s+c\S{0,2}u|de nghi)|theo\s+y\S{0,2}u\s+c\S{0,2}u|khi\s+(?:cap tren\s+)?y\S{0,2}u\s+c\S{0,2}u/;
const ON_EVENT_RE = /\bsu\s+c\S?\b|vu\s+vi\S{0,2}c|d\S{0,2}t\s+xu\S{0,2}t|bao cao nhanh|khi\s+x\S{0,2}y\s+ra|ngay\s+(?:sau\s+)?khi|khung hoang|tinh huong/;
const TIMELY_RE = /k\S{0,2}p\s+th\S{0,2}i/;
const DUE_RE = /(?:tr\S{0,2}\S{0,2}c|ch\S{0,2}m\s+nh\S{0,2}t|h\S{0,2}n\s+ch\S{0,2}t|th\S{0,2}i\s+h\S{0,2}n:?)\s*(?:ng\S{0,2}y\s*)?(\d{1,2})\s*(?:th\S{0,2}ng\s*(\d{1,2})(?:\s*n\S{0,2}m\s*(\d{4}))?|[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?)/;
const DAY_RE = /(?:tr\S{0,2}\S{0,2}c|ch\S{0,2}m\s+nh\S{0,2}t|v\S{0,2}o)\s*ng\S{0,2}y\s*(\d{1,2})\b(?!\s*(?:th\S{0,2}ng\s*\d|[/.-]\s*\d))/;
const QUANTITY_RE = /\b(\d{1,3})\s*(?:tin(?:\s*,?\s*bai)?|bai(?:\s+viet)?|san\s+pham|video|clip|an\s+pham|luot|chuyen\s+muc|phong\s+su)\b/;
// Headings naming who acts (a unit, a unit type or a role).
const ACTOR_RE = /^(?:cac\s+|moi\s+|tung\s+)?(?:phong|s\S\b|van phong|tr\S{0,3}ng|don vi|co so|hieu tr\S{0,3}ng|ubnd|uy ban|ban\b|trung tam|to\b|bo phan|giao vien|nha tr\S{0,3}ng|cong doan|doan\b|chi doan|lien doi|lanh dao|thanh tra|hoi dong|tong phu trach|nhan vien|can bo|chi bo|thu tr\S{0,3}ng)/;
// Parts that state purposes, content or money: duties there are not assigned to anyone.
const NON_DUTY_PART_RE = /m\S{0,2}c\s+[dđ]\S{0,2}ch|y\S{0,2}u\s+c\S{0,2}u|c\S{0,2}n\s+c\S{0,2}|n\S{0,2}i\s+dung|k\S{0,2}nh\s+(?:th|tr)|kinh\s+ph\S?/;

function wordsOf(s: string): string[] {
  return s.replace(/[^a-z0-9 ]+/g, ' ').split(/\s+/).filter((w) => w.length > 0);
}

/** True when `who` names the issuing body itself (its own plan is this plan). */
export function isIssuer(whoKey: string, issuerKey: string | null): boolean {
  if (!issuerKey) return false;
  const who = wordsOf(whoKey);
  const iss = new Set(wordsOf(issuerKey));
  if (!who.length || who[0] !== wordsOf(issuerKey)[0]) return false;
  return who.filter((w) => iss.has(w)).length / who.length >= 0.8;
}

/** Time rules one clause states. Periodic rules and dates outrank the vague "kịp thời". */
export function timeRules(key: string, year: number | null): { recurrence: Recurrence; dueDate: string | null; dayOfMonth: number | null }[] {
  const out: { recurrence: Recurrence; dueDate: string | null; dayOfMonth: number | null }[] = [];
  for (const [rec, re] of RULES) {
    if (!re.test(key)) continue;
    if (rec === 'yearly' && out.some((o) => o.recurrence === 'semester')) continue;
    const day = rec === 'monthly' ? key.match(DAY_RE) : null;
    out.push({ recurrence: rec, dueDate: null, dayOfMonth: day ? Number(day[1]) : null });
  }
  const due = key.match(DUE_RE);
  if (due && !out.length) {
    const y = Number(due[3] ?? due[5] ?? year ?? NaN);
    const iso = isoDate(y, Number(due[2] ?? due[4]), Number(due[1]));
    if (iso) out.push({ recurrence: 'once', dueDate: iso, dayOfMonth: null });
  }
  if (ON_REQUEST_RE.test(key)) out.push({ recurrence: 'on_request', dueDate: null, dayOfMonth: null });
  if (ON_EVENT_RE.test(key) || (!out.length && TIMELY_RE.test(key))) out.push({ recurrence: 'on_event', dueDate: null, dayOfMonth: null });
  return out;
}

type Context = { skip: boolean; who: string | null; whoKey: string };

/** Who a paragraph's duties belong to: the nearest heading that names an actor. */
function contextOf(i: number, headings: Heading[]): Context {
  let h: Heading | null = null;
  for (const o of headings) if (o.index < i) h = o;
  let who: Heading | null = null;
  for (let c = h; c; c = c.parent) {
    if (NON_DUTY_PART_RE.test(c.key) && c.level <= 1 && !ACTOR_RE.test(c.key)) return { skip: true, who: null, whoKey: '' };
    if (!who && c.level >= 1 && ACTOR_RE.test(c.key)) who = c;
  }
  return { skip: false, who: who ? who.title : null, whoKey: who ? who.key : '' };
}

/**
 * Obligations in the body: a clause with a reporting/sending verb and a time
 * rule, or a clause telling a unit (other than the issuer) to build its own
 * plan (`once`, or dated when a deadline is given). One per (who, time rule);
 * a dateless "build your plan" duty is dropped when the same unit has a dated one.
 */
export function extractObligations(
  paras: Para[],
  headings: Heading[],
  from: number,
  to: number,
  issuer: string | null,
  year: number | null,
): Obligation[] {
  const issuerKey = issuer ? issuer.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase() : null;
  const headingIdx = new Set(headings.map((h) => h.index));
  const found: Obligation[] = [];
  for (let i = from; i < to; i++) {
    const p = paras[i]!;
    if (p.isTable || headingIdx.has(i)) continue;
    const ctx = contextOf(i, headings);
    if (ctx.skip || !headings.some((h) => h.index < i)) continue;
    let offset = 0;
    for (const clause of p.text.split(';')) {
      const key = p.key.slice(offset, offset + clause.length);
      offset += clause.length + 1;
      let who = ctx.who;
      let whoKey = ctx.whoKey;
      // `- Các trường THCS: gửi báo cáo…` names its own actor.
      const lead = key.match(/^[\s\-–+•]*([^:]{3,80}):\s*\S/);
      if (lead && ACTOR_RE.test(lead[1]!.trim())) {
        const s = clause.indexOf(lead[1]!.trim());
        who = tidy(clause.slice(s, s + lead[1]!.trim().length));
        whoKey = lead[1]!.trim();
      }
      const ownPlan = OWN_PLAN_RE.test(key);
      // Supplying information is a duty only when it is "when asked"; otherwise it is routine work.
      const reports = REPORT_RE.test(key) || (/\bcung c\S{0,2}p th\S{1,3}g tin\b/.test(key) && ON_REQUEST_RE.test(key));
      if (!ownPlan && !reports) continue;
      let rules = timeRules(key, year);
      // "Thời điểm: cuối học kỳ I…" on the next paragraph completes a report duty.
      const next = paras[i + 1];
      if (!rules.length && reports && next && /^th\S{0,2}i\s+(?:d\S{0,2}\S{0,2}m|gian|h\S{0,2}n)\b/.test(next.key)) rules = timeRules(next.key, year);
      if (!rules.length && ownPlan) {
        if (isIssuer(whoKey, issuerKey)) continue;
        rules = [{ recurrence: 'once', dueDate: null, dayOfMonth: null }];
      }
      const q = key.match(QUANTITY_RE);
      for (const r of rules) {
        if (r.recurrence === 'once' && !r.dueDate && isIssuer(whoKey, issuerKey)) continue;
        found.push({ who, what: tidy(clause).slice(0, 240), recurrence: r.recurrence, dayOfMonth: r.dayOfMonth, dueDate: r.dueDate, quantity: q ? Number(q[1]) : null });
      }
    }
  }
  const key = (o: Obligation) => `${o.who ?? ''}|${o.recurrence}|${o.dueDate ?? ''}|${o.dayOfMonth ?? ''}|${o.quantity ?? ''}`;
  const unique = found.filter((o, n) => found.findIndex((x) => key(x) === key(o)) === n);
  return unique.filter((o) => !(o.recurrence === 'once' && !o.dueDate && unique.some((x) => x.who === o.who && x.recurrence === 'once' && x.dueDate)));
}
