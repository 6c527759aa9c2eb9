// The document header: issuing body, number, place and date, the title (trích yếu) and period.
import { isoDate, tidy, type Para } from './text';
import { normaliseRef } from './basis';

export type Header = {
  issuer: string | null;
  number: string | null;
  place: string | null;
  date: string | null;
  title: string;
  period: { year: number } | { schoolYear: string } | null;
  /** Index of the first paragraph after the title. */
  bodyStart: number;
};

// Folded, OCR-tolerant: `kế hoạch`, `ke hoach`, `ké hoach`.
const KE_HOACH_RE = /^k\S{0,2}\s*ho\S{0,2}ch\b/;
// The national motto column, which two-column layouts merge into the issuer's lines.
const MOTTO_RE = /c\S{0,2}ng\s+h\S{0,2}a\s+x\S{0,2}\s+h\S{0,2}i(?:\s+ch\S{0,2}\s+ngh\S{0,2}a(?:\s+vi\S{0,2}t\s+nam)?)?|[dđ]\S{0,2}c\s+[l1]\S{0,2}p\s*-(?:\s*t\S{0,2}\s*d\S{0,2}\s*-\s*h\S{0,2}nh\s+ph\S{0,3}c)?|t\S{0,2}\s*do\s*-\s*h\S{0,2}nh\s+ph\S{0,3}c/g;
const NUMBER_RE = /s\S{0,2}\s*:\s*(\d*)\s*((?:\/\s*[a-z0-9]+(?:\s*-\s*[a-z0-9]+)*)+)?/;
const DATELINE_RE = /,\s*ng\S{0,2}y\b/;

// A left-column line that is only the place part of a wrapped unit name.
const WRAPPED_PLACE_RE = /^(?:tinh|huyen|xa|phuong|quan|thi xa|thi tran|thanh pho|tp\.?)\s+(?!.*\b(?:so|phong|truong|trung tam|ubnd|uy ban)\s)/;
const UNIT_WORD_RE = /(?:^|\s)(?:so|phong|truong|trung tam)\s+\S/;

function findTitleIndex(paras: Para[]): number {
  const limit = Math.min(paras.length, 40);
  for (let i = 0; i < limit; i++) {
    const p = paras[i]!;
    if (p.isTable || !KE_HOACH_RE.test(p.key)) continue;
    // `Kế hoạch số 12/KH-…` in a sentence is a reference, not the title line.
    if (/^k\S{0,2}\s*ho\S{0,2}ch\s+s\S{0,2}\s*\d/.test(p.key)) continue;
    return i;
  }
  return -1;
}

/** Subsequent short, unpunctuated lines continue a title broken over lines. */
function continuesTitle(prev: string, p: Para): boolean {
  if (p.isTable || p.text.length > 160 || /[.;:]$/.test(prev)) return false;
  if (/^(can cu|thuc hien|\(?kem theo|[ivx]+\.|\d+\.|-)/.test(p.key) || /\d+\s*\/\s*[a-z]/.test(p.key)) return false;
  return /^[\p{Ll}(]/u.test(p.text) || (p.emphasised && p.text.length < 120);
}

/** `năm học 2024 - 2025` → school year; else the first year of the title. */
export function periodOf(titleKey: string): Header['period'] {
  const sy = titleKey.match(/(?:n\S{0,2}m\s*h\S{0,2}c|nh)\s*:?\s*((?:19|20)\d\d)\s*[-–/]\s*((?:19|20)\d\d)/);
  if (sy && Number(sy[2]) === Number(sy[1]) + 1) return { schoolYear: `${sy[1]}-${sy[2]}` };
  if (/giai doan\s*(?:19|20)\d\d\s*-/.test(titleKey)) return null;
  const y = titleKey.match(/\b((?:19|20)\d\d)\b/);
  return y ? { year: Number(y[1]) } : null;
}

/** The issuing body as the opening sentence names it (`Sở GDĐT xây dựng Kế hoạch …`). */
export function issuerFromProse(paras: Para[], from: number, to: number): string | null {
  for (let i = from; i < to; i++) {
    const p = paras[i]!;
    const m = p.key.match(/^tr\S{0,2}n d\S{0,2}y (?:la|l\S) k\S{0,2} ho\S{0,2}ch .*? c\S{0,2}a ((?:ph|s|tr|ub|uy)\S* .*?)\s*\.?\/?\.?$/);
    if (m) return tidy(p.text.slice(m.index! + m[0].indexOf(m[1]!), m.index! + m[0].indexOf(m[1]!) + m[1]!.length));
  }
  for (let i = from; i < to; i++) {
    const p = paras[i]!;
    const m = p.key.match(/(?:^|[;,.]\s*)((?:phong|so|truong|uy ban|ubnd|ban|trung tam)\b[^;,]{3,90}?)\s+(?:xay dung|ban hanh|trien khai) (?:k\S{0,2} ho\S{0,2}ch|ke hoach)/);
    if (m) {
      const start = m.index! + m[0].indexOf(m[1]!);
      return tidy(p.text.slice(start, start + m[1]!.length).replace(/\s*\([^)]*\)\s*/g, ' '));
    }
  }
  return null;
}

/**
 * Splits the header (everything before the title) into issuer, number, place
 * and date, and reads the title that follows `KẾ HOẠCH`. Two-column headers
 * that OCR or PDF extraction merged into single lines are cut at the motto.
 */
export function splitHeader(paras: Para[]): Header {
  const titleIdx = findTitleIndex(paras);
  let title = '';
  let bodyStart = 0;
  if (titleIdx >= 0) {
    const first = paras[titleIdx]!;
    const rest = first.text.replace(/^\S+\s+\S+\s*[:\-–]?\s*/, '').trim();
    const parts: string[] = [];
    let j = titleIdx + 1;
    if (rest && first.key.replace(KE_HOACH_RE, '').trim()) parts.push(rest);
    else if (j < paras.length && !paras[j]!.isTable) parts.push(paras[j++]!.text);
    while (j < paras.length && parts.length && continuesTitle(parts[parts.length - 1]!, paras[j]!)) parts.push(paras[j++]!.text);
    title = tidy(parts.join(' ').replace(/^k[ếeé]\s*ho[ạa]ch\s+/i, '').replace(/^[-–_\s]+|[-–_\s]+$/g, ''));
    title = title.charAt(0).toUpperCase() + title.slice(1);
    // A rule line (`-----`) under the title is decoration.
    while (j < paras.length && /^[-_=–\s]+$/.test(paras[j]!.text)) j++;
    bodyStart = j;
  }

  let number: string | null = null;
  let place: string | null = null;
  let date: string | null = null;
  const leftColumn: string[] = [];
  const headerEnd = titleIdx >= 0 ? titleIdx : Math.min(paras.length, 8);
  // Split merged lines at the motto: what precedes it is the left column (issuer);
  // what follows may still hold the number and the place-and-date line.
  const segments: { text: string; key: string; left: boolean }[] = [];
  for (let i = 0; i < headerEnd; i++) {
    const p = paras[i]!;
    let at = 0;
    let left = true;
    for (const m of p.key.matchAll(MOTTO_RE)) {
      segments.push({ text: p.text.slice(at, m.index), key: p.key.slice(at, m.index), left });
      at = m.index! + m[0].length;
      left = false;
    }
    segments.push({ text: p.text.slice(at), key: p.key.slice(at), left });
  }
  for (const seg of segments) {
    let text = seg.text;
    let key = seg.key;
    const num = key.match(/^(.*?)\bs\S{0,2}\s*:/);
    if (num) {
      const m = key.slice(num[1]!.length).match(NUMBER_RE);
      if (m) {
        const raw = text.slice(num[1]!.length + m.index!, num[1]!.length + m.index! + m[0].length).replace(/^\S+?:\s*/, '');
        const cleaned = normaliseRef(raw);
        number = /\d/.test(cleaned) || cleaned.includes('/') ? cleaned : null;
        text = text.slice(num[1]!.length + m.index! + m[0].length);
        key = key.slice(num[1]!.length + m.index! + m[0].length);
      }
    }
    const dl = key.match(DATELINE_RE);
    if (dl) {
      place = tidy(text.slice(0, dl.index)) || place;
      const d = key.slice(dl.index).match(/ng\S{0,2}y\s*(\d{1,2})\s*th\S{0,2}ng\s*(\d{1,2})\s*n\S{0,2}m\s*(\d{4})/);
      date = d ? isoDate(Number(d[3]), Number(d[2]), Number(d[1])) : null;
      continue;
    }
    if (!num && seg.left && tidy(text)) leftColumn.push(tidy(text));
  }
  // The issuing body is the last line of the left column (the parent body above it).
  const lines = leftColumn.filter((l) => /\p{L}{2}/u.test(l) && !/^[-_=–\s]+$/.test(l));
  let last = lines.pop() ?? null;
  // A long name wraps in its narrow column (`SỞ GIÁO DỤC VÀ ĐÀO TẠO` / `TỈNH LÂM HÀ`):
  // a last line that is only a place joins the unit line above it.
  const prev = lines[lines.length - 1];
  if (last && prev && WRAPPED_PLACE_RE.test(alignedKey(last)) && UNIT_WORD_RE.test(alignedKey(prev))) last = `${prev} ${last}`;
  const issuer = lowestUnit(last);
  return { issuer, number, place, date, title, period: periodOf(title ? paras[titleIdx]!.key + ' ' + alignedKey(title) : ''), bodyStart };
}

/**
 * The issuing body from a left-column line that may also carry its parent
 * (`UBND TỈNH X SỞ GIÁO DỤC VÀ ĐÀO TẠO` when layout merged the two lines):
 * the last unit word (Sở, Phòng, Trường, Trung tâm) starts the issuer.
 */
function lowestUnit(line: string | null): string | null {
  if (!line) return null;
  const key = alignedKey(line);
  let start = 0;
  for (const m of key.matchAll(/(?:^|\s)(?=(?:so|phong|truong|trung tam)\s+\S)/g)) if (m.index! > 0) start = m.index! + m[0].length;
  return tidy(line.slice(start)) || null;
}

function alignedKey(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
}
