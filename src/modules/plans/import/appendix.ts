// The appendix table of tasks (Phụ lục): topic, products, lead units, quarters, partners.
import { romanToInt, tidy, type Para } from './text';

export type Task = { group: string | null; topic: string; products: string | null; lead: string[]; quarters: number[]; partners: string[] };

type Columns = { stt: number; topic: number; products: number; lead: number; time: number; partners: number };

/** Maps header cells to roles; null when the row is not a task-table header. */
export function readHeader(cells: string[]): Columns | null {
  const cols: Columns = { stt: -1, topic: -1, products: -1, lead: -1, time: -1, partners: -1 };
  // Header cells are short labels; a body row mentioning "thực hiện" is not a header.
  if (cells.some((c) => c.length > 60)) return null;
  cells.forEach((c, i) => {
    const k = c.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
    if (/^\s*(?:s?tt|so tt|thu tu)\s*$/.test(k)) cols.stt = i;
    else if (/thoi gian|thoi han|tien do|thoi diem/.test(k)) cols.time = cols.time < 0 ? i : cols.time;
    else if (/phoi hop/.test(k)) cols.partners = i;
    else if (/chu tri|phu trach|don vi thuc hien|thuc hien/.test(k)) cols.lead = cols.lead < 0 ? i : cols.lead;
    else if (/hinh thuc|san pham/.test(k)) cols.products = i;
    else if (/noi dung|chu de|nhiem vu|hoat dong/.test(k) && cols.topic < 0) cols.topic = i;
  });
  return cols.topic >= 0 && (cols.lead >= 0 || cols.time >= 0) ? cols : null;
}

/** Splits a cell listing units: bullets (`- A - B`), semicolons, line breaks. */
export function splitUnits(cell: string): string[] {
  return cell
    .split(/;|\n|(?:^|\s)[-–•+]\s*(?=\p{Lu})/u)
    .map((s) => tidy(s))
    .filter((s) => s.length > 1);
}

/**
 * Quarters from a time cell: `Quý I, II, III, IV`, `Quý 2, 3`, months
 * (`Tháng 3`, `tháng 9 - 12`, `15/3/2024`) or all year (`Cả năm`, `Thường xuyên`).
 */
export function parseQuarters(cell: string): number[] {
  const k = cell.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
  const qs = new Set<number>();
  for (const m of k.matchAll(/qu\S{0,2}\s+((?:(?:[ivx]+|\d)\s*(?:,|va|-|–|den)?\s*)+)/g)) {
    const list = m[1]!.split(/[,\s]+|va|den/).filter(Boolean);
    const nums = list.map((t) => (/^\d$/.test(t) ? Number(t) : romanToInt(t.toUpperCase()) ?? 0)).filter((n) => n >= 1 && n <= 4);
    if (/-|–|den/.test(m[1]!) && nums.length === 2) for (let q = nums[0]!; q <= nums[1]!; q++) qs.add(q);
    else nums.forEach((n) => qs.add(n));
  }
  const monthQ = (mo: number) => (mo >= 1 && mo <= 12 ? Math.ceil(mo / 3) : 0);
  for (const m of k.matchAll(/thang\s+(\d{1,2})(?:\s*(?:-|–|den)\s*(?:thang\s*)?(\d{1,2}))?/g)) {
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    if (b >= a) for (let mo = a; mo <= b; mo++) qs.add(monthQ(mo));
    else for (let mo = a; mo <= b + 12; mo++) qs.add(monthQ(((mo - 1) % 12) + 1));
  }
  for (const m of k.matchAll(/\b\d{1,2}\s*\/\s*(\d{1,2})(?:\s*\/\s*\d{4})?\b/g)) qs.add(monthQ(Number(m[1])));
  if (!qs.size && /ca nam|thuong xuyen|quanh nam|hang thang|hang quy|suot nam|trong nam/.test(k)) [1, 2, 3, 4].forEach((q) => qs.add(q));
  qs.delete(0);
  return [...qs].sort((a, b) => a - b);
}

/**
 * Reads the task table. A table broken across pages is one table: repeated
 * header rows are skipped, and a row with no number and no time continues the
 * previous task (its text is appended to the same cells). Rows numbered with a
 * Roman numeral open a group.
 */
export function parseAppendixTable(paras: Para[]): Task[] {
  const tasks: Task[] = [];
  let cols: Columns | null = null;
  let group: string | null = null;
  let last: (Task & { topicParts: string[]; productParts: string[] }) | null = null;
  for (const p of paras) {
    if (!p.isTable) continue;
    const cells = p.text.split('\t').map((c) => c.trim());
    const header = readHeader(cells);
    if (header) {
      cols = header;
      continue;
    }
    if (!cols) continue;
    const cell = (i: number) => (i >= 0 ? cells[i] ?? '' : '');
    const stt = cols.stt >= 0 ? cell(cols.stt) : '';
    const filled = cells.filter((c) => c).length;
    const roman = stt.replace(/[.\s]/g, '');
    if (roman && romanToInt(roman.replace(/[l1]/g, 'I')) && /^[IVXl1]+$/.test(roman) && /[IVX]/.test(roman) && filled <= 2) {
      group = roman.replace(/[l1]/g, 'I');
      last = null;
      continue;
    }
    const topic = cell(cols.topic);
    const products = cell(cols.products);
    const lead = splitUnits(cell(cols.lead));
    const time = cell(cols.time);
    const partners = splitUnits(cell(cols.partners));
    const continuation = last && !stt && !time;
    if (continuation && last) {
      if (topic) last.topicParts.push(topic);
      if (products) last.productParts.push(products);
      last.lead.push(...lead.filter((l) => !last!.lead.includes(l)));
      last.partners.push(...partners.filter((l) => !last!.partners.includes(l)));
      continue;
    }
    if (!topic && !products) continue;
    last = { group, topic: '', products: null, lead, quarters: parseQuarters(time), partners, topicParts: [topic || products], productParts: topic && products ? [products] : [] };
    tasks.push(last);
  }
  return tasks.map((t) => {
    const x = t as Task & { topicParts?: string[]; productParts?: string[] };
    const topic = tidy((x.topicParts ?? [x.topic]).join(' '));
    const products = x.productParts && x.productParts.length ? x.productParts.join(' ').replace(/\s+/g, ' ').trim() : x.products;
    return { group: x.group, topic, products: products || null, lead: x.lead, quarters: x.quarters, partners: x.partners };
  });
}
