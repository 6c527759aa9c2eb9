// From a PlanDocument to the text of each part of the printed plan (no layout yet).
//
// Decides the words: the header lines, the opening that cites the basis, the
// section bodies with the channels, duties and budget written in where the
// plan's own text does not already carry them, the closing, the recipients,
// the signature and the appendix rows. docx.ts lays this out; keeping the
// words here makes them testable without opening a DOCX.
import { foldVietnamese, formatLongDateVi, formatNumberVi, toRoman, vnDate } from '../../../text';
import { extractChannels } from '../import/channels';
import { parsePlanText } from '../import';
import { buildParagraphs } from '../import/text';
import type { PlanDocument, PlanDocumentSection } from './types';

export type BudgetRow = { item: string; amount: number | null; source: string | null };

/** One block of the body, in reading order. */
export type BodyBlock =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'para'; text: string };

export type AppendixRow =
  | { kind: 'group'; stt: string; label: string }
  | { kind: 'task'; stt: string; topic: string; products: string[]; lead: string[]; time: string; partners: string[] };

export type ComposedPlan = {
  /** `KẾ HOẠCH`, or `BÁO CÁO` for a report. */
  heading: string;
  header: { parent: string | null; issuer: string | null; number: string; dateLine: string };
  title: string;
  opening: string[];
  body: BodyBlock[];
  closing: string | null;
  /** Display lines with their dash and closing `;`/`.`. */
  recipients: string[];
  signer: { lines: string[]; name: string | null } | null;
  appendix: { heading: string; title: string; reference: string; rows: AppendixRow[] } | null;
};

type Work = { number: string; title: string; paras: string[]; budget: BudgetRow[] | null; children: Work[] };

const fold = (s: string) => foldVietnamese(s);
const upper = (s: string) => s.toLocaleUpperCase('vi');

/** `2026-01-05` → `05/01/2026`. */
export function dmy(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** The year a plan is dated in: its date, else its period, else this year (Vietnam time). */
export function planYear(doc: Pick<PlanDocument, 'date' | 'period'>): number {
  if (doc.date) return Number(doc.date.slice(0, 4));
  if (doc.period && 'year' in doc.period) return doc.period.year;
  if (doc.period) return Number(doc.period.schoolYear.slice(0, 4));
  return new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
}

/** `Lâm Hà, ngày 05 tháng 01 năm 2026` (Decree 30 zero padding); blanks for the day and month when undated. */
export function dateLine(doc: Pick<PlanDocument, 'date' | 'period' | 'place'>): string {
  const place = doc.place?.trim();
  let line: string;
  if (doc.date) {
    const [y, m, d] = doc.date.split('-').map(Number) as [number, number, number];
    line = formatLongDateVi(vnDate(y, m, d));
  } else {
    const gap = '\u00a0'.repeat(6);
    line = `ngày${gap}tháng${gap}năm ${planYear(doc)}`;
  }
  return place ? `${place}, ${line}` : line;
}

const LEVEL_PHRASES = [
  'tiểu học và trung học cơ sở',
  'trung học cơ sở và trung học phổ thông',
  'trung học phổ thông',
  'trung học cơ sở',
  'tiểu học',
  'mầm non',
  'mẫu giáo',
  'phổ thông dân tộc nội trú',
  'phổ thông dân tộc bán trú',
];
// Abbreviations that contain a vowel letter, so the "no vowel" rule misses them.
const ACRONYMS = new Set(['UBND', 'HĐND', 'UBMTTQ', 'TNCS', 'GDNN', 'GDTX', 'GDNN-GDTX', 'PTDTNT', 'PTDTBT', 'DTNT', 'CĐ', 'ĐH', 'HCM']);
const PLACE_ONE = /^(tỉnh|huyện|xã|phường|quận|tp\.)$/u;
const PLACE_TWO = /^(thị trấn|thị xã|thành phố)$/u;

/**
 * A body's name as written inside a sentence: `SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH LÂM HÀ`
 * → `Sở Giáo dục và Đào tạo tỉnh Lâm Hà`. Names already in mixed case are kept.
 * Acronyms (no vowel: UBND, THPT, GDĐT) stay in capitals, place names after
 * tỉnh/huyện/xã… and school names after the school level are capitalised.
 */
export function proseName(name: string): string {
  const letters = name.replace(/[^\p{L}]/gu, '');
  if (!letters || letters.replace(/[^\p{Lu}]/gu, '').length / letters.length < 0.8) return name.trim();
  const words = name.trim().split(/\s+/);
  const isAcronym = (w: string) => ACRONYMS.has(w.replace(/[.,;:()]/g, '')) || (!/[aeiouy]/.test(fold(w)) && /\p{L}/u.test(w));
  const cap = (w: string) => w.charAt(0).toLocaleUpperCase('vi') + w.slice(1);
  const out = words.map((w) => (isAcronym(w) ? w : w.toLocaleLowerCase('vi')));
  // Capitalise what follows a place word (to the end), and a school's name after its level.
  for (let i = 0, rest = false; i < out.length; i++) {
    const w = out[i]!;
    if (rest) {
      if (!isAcronym(w)) out[i] = cap(w);
    } else if (PLACE_TWO.test(`${w} ${out[i + 1] ?? ''}`)) {
      rest = true;
      i++;
    } else if (PLACE_ONE.test(w) && out[i + 1] !== 'hội') rest = true;
  }
  let s = out.join(' ');
  s = s.replace(/giáo dục và đào tạo/gu, 'Giáo dục và Đào tạo').replace(/ủy ban nhân dân|uỷ ban nhân dân/gu, (m) => cap(m));
  const school = s.match(/^trường\s+/u);
  if (school) {
    const after = s.slice(school[0].length);
    const level = LEVEL_PHRASES.find((l) => after.startsWith(l));
    if (level) {
      const name = after.slice(level.length).trim();
      s = `trường ${cap(level)}${name ? ' ' + name.split(' ').map((w) => (isAcronym(w) ? w : cap(w))).join(' ') : ''}`;
    } else {
      s = `trường ${after.split(' ').map((w, i) => (i === 0 || isAcronym(w) ? w : cap(w))).join(' ')}`;
    }
  }
  return cap(s);
}

/** Lower-cases the first letter of a sentence-case title for use inside a sentence. */
function inSentence(title: string): string {
  const [first = '', second = ''] = title.split(/\s+/);
  if (/^\p{Lu}\p{Ll}*$/u.test(first) && !/^\p{Lu}/u.test(second) && !/^[A-ZĐ]{2,}$/.test(first)) {
    return first.toLocaleLowerCase('vi') + title.slice(first.length);
  }
  return title;
}

function basisParagraph(b: PlanDocument['basis'][number]): string {
  const kind = !b.kind || b.kind === 'Văn bản' ? 'văn bản' : b.kind;
  let s = `Căn cứ ${kind} số ${b.ref}`;
  if (b.date) s += ` ngày ${dmy(b.date)}`;
  if (b.issuer) s += ` của ${b.issuer}`;
  if (b.summary) s += ` ${/^(về|v\/v)\s/iu.test(b.summary) ? '' : 'về '}${b.summary.replace(/[\s.;,]+$/u, '')}`;
  return `${s};`;
}

function toWork(s: PlanDocumentSection): Work {
  const paras = (s.body ?? '')
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p);
  return { number: s.number.trim().replace(/\.$/, ''), title: s.title.trim(), paras, budget: null, children: s.children.map(toWork) };
}

function walk(list: Work[], fn: (w: Work, depth: number, parent: Work | null) => void, depth = 0, parent: Work | null = null): void {
  for (const w of list) {
    fn(w, depth, parent);
    walk(w.children, fn, depth + 1, w);
  }
}

function findSection(list: Work[], test: (key: string, depth: number) => boolean): Work | null {
  let found: Work | null = null;
  walk(list, (w, depth) => {
    if (!found && test(fold(w.title), depth)) found = w;
  });
  return found;
}

/** Next number for a new child of `parent` (`3` after `2`, `2.4` after `2.3`), or for a new part (Roman). */
function nextNumber(siblings: Work[], parent: Work | null): string {
  const last = siblings[siblings.length - 1];
  if (!parent) {
    const roman = last && /^[IVXL]+$/.test(last.number) ? last.number : null;
    return toRoman((romanValue(roman) ?? siblings.length) + 1);
  }
  if (last) {
    const m = last.number.match(/^(.*?)(\d+)$/);
    if (m) return `${m[1]}${Number(m[2]) + 1}`;
    return String(siblings.length + 1);
  }
  return /^[IVXL]+$/.test(parent.number) || !parent.number ? '1' : `${parent.number}.1`;
}

function romanValue(r: string | null): number | null {
  if (!r) return null;
  const v: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };
  let total = 0;
  for (let i = 0; i < r.length; i++) {
    const a = v[r[i]!]!;
    const b = v[r[i + 1] ?? ''] ?? 0;
    total += a < b ? -a : a;
  }
  return total;
}

function addChild(list: Work[], parent: Work | null, title: string): Work {
  const siblings = parent ? parent.children : list;
  const w: Work = { number: nextNumber(siblings, parent), title, paras: [], budget: null, children: [] };
  siblings.push(w);
  return w;
}

const CHANNEL_PHRASE: Record<string, string> = {
  portal: 'Cổng thông tin điện tử',
  website: 'Trang thông tin điện tử của các đơn vị, trường học',
  fanpage: 'Trang Facebook (fanpage)',
  group: 'Nhóm trên mạng xã hội',
  zalo: 'Zalo',
  email: 'Thư điện tử',
  hotline: 'Đường dây nóng',
  press: 'Báo chí, phát thanh, truyền hình',
  newsletter: 'Bản tin',
  event: 'Hội nghị, hội thảo, sự kiện',
};

/** True when the import would read `line` back as this channel (same kind, same address). */
function readsAsChannel(line: string, c: PlanDocument['channels'][number], issuerIsSchool: boolean): boolean {
  const found = extractChannels(buildParagraphs(line).paras, () => true, issuerIsSchool);
  return found.some((f) => f.kind === c.kind && (!c.address || f.address === c.address));
}

/** The line that names a channel so the import reads back its kind (and address). */
export function channelLine(c: PlanDocument['channels'][number], issuerIsSchool = false): string {
  const label = c.label.trim().replace(/[\s.;,]+$/u, '');
  const phrase = CHANNEL_PHRASE[c.kind] ?? 'Kênh khác';
  const named = label || phrase;
  const withAddress = (l: string) => (c.address && !l.includes(c.address) ? `${l}: ${c.address}` : l);
  const candidates = [withAddress(named), withAddress(`${phrase}: ${named}`)];
  if (c.address && c.kind === 'hotline') candidates.push(`${named} (điện thoại ${c.address})`, `${phrase} (điện thoại ${c.address})`);
  const pick = candidates.find((l) => readsAsChannel(`- ${l}.`, c, issuerIsSchool)) ?? candidates[0]!;
  return `- ${pick}.`;
}

/** Words for a time rule, in the forms the import reads (`hằng tháng, trước ngày 20`). */
export function ruleWords(o: PlanDocument['obligations'][number]): string | null {
  switch (o.recurrence) {
    case 'weekly':
      return 'hằng tuần';
    case 'monthly':
      return o.dayOfMonth ? `hằng tháng, trước ngày ${o.dayOfMonth}` : 'hằng tháng';
    case 'quarterly':
      return 'hằng quý';
    case 'semester':
      return 'mỗi học kỳ';
    case 'yearly':
      return 'hằng năm';
    case 'on_event':
      return 'ngay khi có sự cố, vụ việc';
    case 'on_request':
      return 'khi có yêu cầu';
    case 'once': {
      if (!o.dueDate) return null;
      const [y, m, d] = o.dueDate.split('-').map(Number) as [number, number, number];
      return `trước ${formatLongDateVi(vnDate(y, m, d))}`;
    }
  }
}

/**
 * Paragraphs stating one duty so the import reads it back with the same
 * time rule: the duty alone when its words already carry the rule; else the
 * duty followed by a `Thời hạn: …` paragraph (keeps `what` as written); else
 * the rule appended to the duty. Each try is checked with the import itself.
 */
export function obligationParagraphs(o: PlanDocument['obligations'][number], ctx: { title: string; issuer: string | null; date: string | null; who: string }): string[] {
  const what = o.what.trim().replace(/[\s.;:,]+$/u, '');
  const words = ruleWords(o);
  const candidates: string[][] = [[`- ${what}.`]];
  if (words) candidates.push([`- ${what}.`, `Thời hạn: ${words}.`], [`- ${what}, ${words}.`]);
  // A one-duty plan with the same issuer, date and title (the year of dates written without one).
  const header = [ctx.issuer ? upper(ctx.issuer) : '', ctx.date ? dateLine({ date: ctx.date, period: null, place: 'X' }) : '', 'KẾ HOẠCH', ctx.title, ''];
  for (const paras of candidates) {
    const text = [...header, 'I. TỔ CHỨC THỰC HIỆN', '', `1. ${ctx.who}`, '', ...paras.flatMap((p) => [p, ''])].join('\n');
    const got = parsePlanText(text).obligations;
    if (got.some((g) => g.recurrence === o.recurrence && g.dayOfMonth === o.dayOfMonth && g.dueDate === o.dueDate)) return paras;
  }
  return candidates[candidates.length - 1]!;
}

const quarterWords = (qs: number[]): string => {
  const q = [...new Set(qs)].filter((n) => n >= 1 && n <= 4).sort();
  if (!q.length) return '';
  if (q.length === 4) return 'Cả năm';
  return `Quý ${q.map((n) => toRoman(n)).join(', ')}`;
};

/**
 * The budget as lines (`- Item: 120.000.000 đồng (source);`) and a total. Lines
 * rather than a table: a PDF's text layer turns table rows into loose lines a
 * reader cannot tell from numbered headings.
 */
export function budgetLines(rows: BudgetRow[]): string[] {
  const lines = rows.map((r, i) => {
    const amount = r.amount === null ? '' : `: ${formatNumberVi(r.amount, 0)} đồng`;
    const source = r.source?.trim() ? ` (${r.source.trim()})` : '';
    return `- ${r.item.trim().replace(/[\s.;:,]+$/u, '')}${amount}${source}${i === rows.length - 1 ? '.' : ';'}`;
  });
  const amounts = rows.map((r) => r.amount).filter((a): a is number => a !== null);
  if (amounts.length > 1) lines.push(`Tổng kinh phí: ${formatNumberVi(amounts.reduce((a, b) => a + b, 0), 0)} đồng.`);
  return lines;
}

/** Recipient display lines, ending with `- Lưu: VT…` (added when missing). */
export function recipientLines(recipients: string[]): string[] {
  const items = recipients.map((r) => r.trim().replace(/^[-–•+]\s*/u, '').replace(/[\s;.,]+$/u, '')).filter((r) => r);
  const archive = items.findIndex((r) => /^luu\b/.test(fold(r)));
  if (archive < 0) items.push('Lưu: VT');
  else if (archive !== items.length - 1) items.push(...items.splice(archive, 1));
  return items.map((r, i) => `- ${r}${i === items.length - 1 ? '.' : ';'}`);
}

function signerLines(s: NonNullable<PlanDocument['signer']>): { lines: string[]; name: string | null } | null {
  const lines: string[] = [];
  const authority = s.authority ? `${upper(s.authority.trim().replace(/\.+$/, ''))}.` : null;
  const title = s.title ? upper(s.title.trim()) : null;
  const deputy = s.deputyTitle ? upper(s.deputyTitle.trim()) : null;
  if (authority || title) lines.push([authority, title].filter(Boolean).join(' '));
  if (deputy && deputy !== title) lines.push(deputy);
  const name = s.name?.trim() || null;
  if (!lines.length && !name) return null;
  return { lines, name };
}

/** The number as printed; a draft's missing number is a gap before its symbol (`      /KH-SGDĐT`). */
function blankNumber(n: string | null, gap: number): string {
  const v = n?.trim() ?? '';
  if (!v) return `${'\u00a0'.repeat(gap)}/KH`;
  return v.startsWith('/') ? `${'\u00a0'.repeat(gap)}${v}` : v;
}

/** Composes every text of the printed plan. */
export function composePlan(doc: PlanDocument): ComposedPlan {
  const isReport = doc.kind === 'report';
  const word = isReport ? 'Báo cáo' : 'Kế hoạch';
  const title = isReport ? doc.title.trim().replace(/^b[áa]o\s*c[áa]o\s+/iu, '') : doc.title.trim().replace(/^k[ếe]\s*ho[ạa]ch\s+/iu, '');
  const issuerProse = doc.issuer ? proseName(doc.issuer) : null;
  const issuerIsSchool = !!doc.issuer && /^truong\b/.test(fold(doc.issuer));
  const sections = doc.sections.map(toWork);
  const allText = () => {
    const parts: string[] = [];
    walk(sections, (w) => parts.push(w.title, ...w.paras));
    return fold(parts.join('\n'));
  };

  // Channels: written into the part about channels unless its text already names them.
  const existing = allText();
  const missingChannels = doc.channels.filter((c) => {
    const needle = fold(c.address ?? c.label ?? '');
    return !(needle.length >= 4 && existing.includes(needle));
  });
  const appended: Work[] = [];
  if (missingChannels.length) {
    let target = findSection(sections, (k) => /\bkenh\b/.test(k)) ?? findSection(sections, (k) => /hinh thuc|phuong thuc|phuong tien/.test(k));
    if (!target) {
      const content = sections.find((s) => /^noi dung\b/.test(fold(s.title)));
      if (content) target = addChild(sections, content, 'Kênh truyền thông');
      else {
        target = { number: '', title: 'KÊNH TRUYỀN THÔNG', paras: [], budget: null, children: [] };
        appended.push(target);
      }
    }
    target.paras.push(...missingChannels.map((c) => channelLine(c, issuerIsSchool)));
  }

  // Budget: a table in the part about funding, or a new part.
  let budgetPart: Work | null = null;
  if (doc.budget?.length) {
    budgetPart = findSection(sections, (k) => /kinh phi/.test(k));
    if (!budgetPart) {
      budgetPart = { number: '', title: 'KINH PHÍ THỰC HIỆN', paras: [], budget: null, children: [] };
      appended.push(budgetPart);
    }
    budgetPart.budget = doc.budget;
  }

  // Duties: under the heading naming who does them, in the part on implementation.
  const withText = allText();
  const missingDuties = doc.obligations.filter((o) => {
    const w = fold(o.what);
    return !(w.length >= 8 && withText.includes(w));
  });
  if (missingDuties.length) {
    let impl = sections.find((s) => /to chuc thuc hien|trach nhiem/.test(fold(s.title))) ?? null;
    const ensureImpl = (): Work => {
      if (!impl) {
        impl = { number: '', title: 'TỔ CHỨC THỰC HIỆN', paras: [], budget: null, children: [] };
        appended.push(impl);
      }
      return impl;
    };
    const byWho = new Map<string, Work>();
    for (const o of missingDuties) {
      const whoKey = o.who ? fold(o.who) : '';
      let target: Work | null = byWho.get(whoKey) ?? null;
      if (!target) {
        target = o.who
          ? (findSection(sections, (k, depth) => depth > 0 && k === whoKey) ?? findSection(appended, (k, depth) => depth > 0 && k === whoKey))
          : (findSection(sections, (k, depth) => depth > 0 && /che do (thong tin,? )?bao cao|thong tin,? bao cao/.test(k)) ?? null);
        if (!target) target = addChild(sections, ensureImpl(), o.who ?? 'Chế độ thông tin, báo cáo');
        byWho.set(whoKey, target);
      }
      target.paras.push(...obligationParagraphs(o, { title, issuer: doc.issuer, date: doc.date, who: target.title }));
    }
  }

  // New parts go after the plan's own, numbered on from its last Roman number.
  for (const w of appended) {
    w.number = nextNumber(sections, null);
    sections.push(w);
  }

  const body: BodyBlock[] = [];
  walk(sections, (w, depth) => {
    body.push({ kind: 'heading', level: depth, text: w.number ? `${w.number}. ${w.title}` : w.title });
    for (const p of w.paras) body.push({ kind: 'para', text: p });
    if (w.budget) for (const p of budgetLines(w.budget)) body.push({ kind: 'para', text: p });
  });

  const opening = doc.basis.map(basisParagraph);
  if (issuerProse) opening.push(isReport ? `${issuerProse} báo cáo ${inSentence(title)} như sau:` : `${issuerProse} xây dựng Kế hoạch ${inSentence(title)} như sau:`);

  const hasClosing = body.some((b) => b.kind === 'para' && /^tren day (la|l\S)\b/.test(fold(b.text)));
  const closing = hasClosing ? null : `Trên đây là ${word} ${inSentence(title)}${issuerProse ? ` của ${issuerProse}` : ''}./.`;

  let appendix: ComposedPlan['appendix'] = null;
  if (doc.tasks.length) {
    const rows: AppendixRow[] = [];
    let group: string | null = null;
    let groupCount = 0;
    let n = 0;
    for (const t of doc.tasks) {
      if (t.group && t.group !== group) {
        group = t.group;
        groupCount++;
        const roman = /^[IVXL]+$/.test(t.group.trim()) ? t.group.trim() : toRoman(groupCount);
        rows.push({ kind: 'group', stt: roman, label: roman === t.group.trim() ? '' : t.group.trim() });
        n = 0;
      }
      n++;
      const products = t.products ? [t.products.trim()] : [];
      for (const o of t.objectives ?? []) {
        const target = o.target === null || o.target === '' ? '' : `: ${typeof o.target === 'number' ? formatNumberVi(o.target) : o.target}`;
        products.push(`Chỉ tiêu: ${o.indicator}${target}`);
      }
      rows.push({ kind: 'task', stt: String(n), topic: t.topic.trim(), products, lead: t.lead, time: quarterWords(t.quarters), partners: t.partners });
    }
    const period = doc.period ? ('year' in doc.period ? ` NĂM ${doc.period.year}` : ` NĂM HỌC ${doc.period.schoolYear.replace('-', ' - ')}`) : '';
    const numberRef = blankNumber(doc.number, 6);
    const dateRef = doc.date ? dmy(doc.date) : `\u00a0\u00a0\u00a0/\u00a0\u00a0\u00a0/${planYear(doc)}`;
    appendix = {
      heading: 'Phụ lục',
      title: `NHIỆM VỤ TRUYỀN THÔNG${period}`,
      reference: `(Kèm theo ${word} số ${numberRef} ngày ${dateRef}${issuerProse ? ` của ${issuerProse}` : ''})`,
      rows,
    };
  }

  return {
    heading: isReport ? 'BÁO CÁO' : 'KẾ HOẠCH',
    header: {
      parent: doc.parentIssuer?.trim() ? upper(doc.parentIssuer.trim()) : null,
      issuer: doc.issuer?.trim() ? upper(doc.issuer.trim()) : null,
      number: `Số: ${blankNumber(doc.number, 8)}`,
      dateLine: dateLine(doc),
    },
    title,
    opening,
    body,
    closing,
    recipients: recipientLines(doc.recipients),
    signer: doc.signer ? signerLines(doc.signer) : null,
    appendix,
  };
}
