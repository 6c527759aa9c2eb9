// Headings: Roman-numeral parts and numbered sub-headings (`1.`, `2.1.`).
import { romanToInt, type Para } from './text';

export type PlanSection = { number: string; title: string; children: PlanSection[] };

/** A heading found at paragraph `index`; `level` 0 = Roman, 1 = `1.`, 2 = `1.1.`… */
export type Heading = { index: number; level: number; number: string; title: string; key: string; parent: Heading | null };

const ROMAN_RE = /^([IVXLl1|]{1,5})\s*[.)]\s*(.+)$/;
const NUMBERED_RE = /^(\d{1,2}(?:\.\d{1,2}){0,3})\s*(?:[.)]\s*|\s+)(.+)$/;

/**
 * Reads an OCR'd Roman token: `1`, `l` and `|` are misread `I`s (`I1`→`II`).
 * A token of digits only (`1.`, `11.`) is an Arabic number, not a Roman one.
 */
function readRoman(token: string): { numeral: string; value: number } | null {
  if (!/[IVX]/.test(token)) return null;
  const numeral = token.replace(/[l1|]/g, 'I');
  const value = romanToInt(numeral);
  return value ? { numeral, value } : null;
}

function letterStats(s: string): { letters: number; upper: number } {
  const letters = s.replace(/[^\p{L}]/gu, '');
  return { letters: letters.length, upper: letters.replace(/[^\p{Lu}]/gu, '').length };
}

/**
 * A Roman heading's text is a title: mostly upper case (the norm for parts of
 * an administrative document), or emphasised, or short with no full stop.
 */
function isRomanTitle(title: string, emphasised: boolean): boolean {
  if (title.length > 160) return false;
  const { letters, upper } = letterStats(title);
  if (letters >= 3 && upper / letters >= 0.6) return true;
  return (emphasised || title.length <= 90) && !/[.;]$/.test(title) && !/:\s*\S/.test(title);
}

/**
 * A numbered paragraph is a heading when its text reads as a title rather
 * than a sentence: short, no closing full stop or semicolon, no `label: body`
 * shape, not starting in lower case. Emphasis (bold) relaxes the length limit.
 */
function isNumberedTitle(title: string, emphasised: boolean): boolean {
  const t = title.replace(/:$/, '').trim();
  if (!t || /^[\p{Ll}]/u.test(t)) return false;
  if (/[.;,]$/.test(t) || /[.!?]\s+\p{Lu}/u.test(t)) return false;
  if (/:\s*\S/.test(t)) return false;
  const words = t.split(/\s+/).length;
  if (emphasised) return words <= 25;
  return t.length <= 110 && words <= 18;
}

/** Index of the first paragraph of the closing part (Trên đây…, Nơi nhận…). */
export function findClosingStart(paras: Para[], from: number): number {
  for (let i = from; i < paras.length; i++) {
    const k = paras[i]!.key;
    if (/^tr\S{0,2}n d\S{0,2}y (la|l\S)\b/.test(k) || /^n\S{0,4}\s*nh\S{0,3}n\s*:/.test(k)) return i;
  }
  return paras.length;
}

/**
 * Finds the plan's headings between `from` and `to` and nests them: numbered
 * headings hang under the last Roman part, deeper numbers (`2.1.`) under the
 * last shallower heading. Roman numbers are kept as written except evident
 * OCR misreads (`I1`, `Il`), which are read as `I`s.
 */
export function parseSections(paras: Para[], from: number, to: number): { sections: PlanSection[]; headings: Heading[]; nodes: PlanSection[] } {
  const headings: Heading[] = [];
  const nodes: PlanSection[] = [];
  const sections: PlanSection[] = [];
  const stack: { level: number; node: PlanSection; heading: Heading }[] = [];
  for (let i = from; i < to; i++) {
    const p = paras[i]!;
    if (p.isTable) continue;
    let level = -1;
    let number = '';
    let title = '';
    const roman = p.text.match(ROMAN_RE);
    const r = roman ? readRoman(roman[1]!) : null;
    if (roman && r && isRomanTitle(roman[2]!.trim(), p.emphasised)) {
      level = 0;
      number = r.numeral;
      title = roman[2]!;
    } else {
      const num = p.text.match(NUMBERED_RE);
      if (num && !/^\d{4}$/.test(num[1]!) && isNumberedTitle(num[2]!.trim(), p.emphasised)) {
        number = num[1]!;
        level = number.split('.').length;
        title = num[2]!;
      }
    }
    if (level < 0) continue;
    title = title.replace(/[:\s]+$/, '').trim();
    while (stack.length && stack[stack.length - 1]!.level >= level) stack.pop();
    const parent = stack[stack.length - 1] ?? null;
    const node: PlanSection = { number, title, children: [] };
    const heading: Heading = { index: i, level, number, title, key: p.key.slice(p.text.indexOf(title), p.text.indexOf(title) + title.length), parent: parent?.heading ?? null };
    (parent ? parent.node.children : sections).push(node);
    stack.push({ level, node, heading });
    headings.push(heading);
    nodes.push(node);
  }
  return { sections, headings, nodes };
}

/**
 * The body text right under each heading, up to the next heading of any level
 * (paragraphs joined by newlines; appendix-style table rows left out).
 */
export function sectionBodies(paras: Para[], headings: Heading[], end: number): string[] {
  return headings.map((h, i) => {
    const stop = headings[i + 1]?.index ?? end;
    return paras
      .slice(h.index + 1, stop)
      .filter((p) => !p.isTable)
      .map((p) => p.text.trim())
      .filter(Boolean)
      .join('\n');
  });
}

/** Paragraph index range [start, end) of a heading's body, up to the next heading at its level or above. */
export function headingSpan(h: Heading, headings: Heading[], end: number): [number, number] {
  const next = headings.find((o) => o.index > h.index && o.level <= h.level);
  return [h.index + 1, next ? next.index : end];
}
