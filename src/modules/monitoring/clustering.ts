import { foldForMatch } from '../../text';

/**
 * Story clustering and threading, the pure part (docs/MONITORING.md, "Stories
 * and threads").
 *
 * Text → folded words (diacritics off, so a copy typed without accents folds to
 * the same words) → function words dropped → syllable bigrams and words, hashed
 * to 32 bits ("shingles"). Two items are the same story, if published within
 * {@link STORY_WINDOW_DAYS}, when their bigram Jaccard is ≥ {@link STORY_JACCARD};
 * or their word Jaccard is ≥ {@link STORY_WORD_JACCARD} (a rewrite that reorders
 * the phrases) with some bigram overlap; or the smaller bigram set is mostly
 * contained in the larger (≥ {@link STORY_CONTAINMENT}: a feed's summary against
 * the full text). Candidates come from MinHash LSH (bigrams: 32 bands of 2;
 * words: 21 bands of 3); only items sharing a band are compared exactly.
 *
 * Threads group stories about one event (the incident, the inspection, the
 * rebuttal): within {@link THREAD_WINDOW_DAYS}, sharing a matched unit and either
 * a risk category or at least {@link THREAD_MIN_SHARED_TERMS} key terms (title
 * bigrams that are not everyday education words).
 */
export const STORY_JACCARD = 0.3;
export const STORY_CONTAINMENT = 0.6;
export const STORY_MIN_SHINGLES_FOR_CONTAINMENT = 6;
export const STORY_WORD_JACCARD = 0.5;
export const STORY_WORD_MIN_BIGRAM_JACCARD = 0.1;
export const STORY_MIN_WORDS = 8;
export const STORY_WINDOW_DAYS = 7;
export const THREAD_WINDOW_DAYS = 30;
export const THREAD_MIN_SHARED_TERMS = 2;
export const MINHASH_SIZE = 64;
export const LSH_ROWS = 2;
export const LSH_BANDS = MINHASH_SIZE / LSH_ROWS;
export const WORD_LSH_ROWS = 3;
export const WORD_LSH_BANDS = 21;

/** Function words that rewrites add, drop or swap freely (folded). */
const stopSyllables = new Set(
  (
    'va cua cac nhung nhieu mot hai ba duoc bi cho voi tai o trong ngoai la co khong da dang se ' +
    'nay do kia thi ma nhu tu ve ra vao len xuong den di khi sau truoc theo tren duoi cung van con ' +
    'rat qua hon nhat moi vi de neu nen hay hoac nao gi ai ay roi luc viec su cuoc nguoi cho biet ' +
    'cho hay them phai lai chi chua cac tin bao anh clip video'
  ).split(' '),
);
/** Bigrams too common in education news to tell one event from another (thread key terms). */
const commonEduBigrams = new Set([
  'hoc sinh', 'giao vien', 'phu huynh', 'nha truong', 'nam hoc', 'tieu hoc', 'mam non', 'thcs', 'thpt', 'giao duc',
  'dao tao', 'so gddt', 'hieu truong', 'hoc tap', 'lop hoc', 'truong hoc', 'co so', 'don vi', 'dia phuong', 'tinh', 'xa',
  'phuong', 'thanh pho', 'nam nay', 'hom nay', 'dau nam', 'phan anh', 'thong tin', 'lien quan', 'so giao', 'duc va',
  'co giao', 'thay giao', 'thay co', 'hoc tro', 'ban giam', 'giam hieu', 'nha giao',
]);

export function contentWords(text: string): string[] {
  return foldForMatch(text)
    .split(' ')
    .filter((w) => w && !stopSyllables.has(w));
}

/** FNV-1a 32-bit, as a signed int (fits PostgreSQL `integer`). */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

export function bigrams(words: string[]): string[] {
  if (words.length < 2) return words.slice();
  const out: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) out.push(`${words[i]} ${words[i + 1]}`);
  return out;
}

/**
 * The item's shingle set, sorted and unique: hashed folded content bigrams of title
 * and body (even values) and hashed content words (odd values), in one array.
 */
export function shingles(title: string, body: string): number[] {
  const set = new Set<number>();
  // title and body separately, so no bigram spans the two
  for (const part of [title, body]) {
    const words = contentWords(part);
    if (words.length >= 2) for (const b of bigrams(words)) set.add(hash32(b) & ~1);
    for (const w of words) set.add(hash32(w) | 1);
  }
  return [...set].sort((a, b) => a - b);
}

const isWord = (x: number) => (x & 1) !== 0;
function split(sh: readonly number[]): { bi: number[]; words: number[] } {
  const bi: number[] = [];
  const words: number[] = [];
  for (const x of sh) (isWord(x) ? words : bi).push(x);
  return { bi, words };
}

const seeds = Array.from({ length: MINHASH_SIZE }, (_, i) => mix32(0x9e3779b9 + i * 0x632be5ab));

export function minhash(sh: readonly number[]): number[] {
  const sig = new Array<number>(MINHASH_SIZE).fill(0x7fffffff);
  for (const x of sh) {
    for (let i = 0; i < MINHASH_SIZE; i++) {
      const v = mix32(x ^ seeds[i]);
      if (v < sig[i]) sig[i] = v;
    }
  }
  return sig;
}

function bandKeys(sig: number[], rows: number, bands: number, offset: number): { band: number; hash: number }[] {
  const out: { band: number; hash: number }[] = [];
  for (let b = 0; b < bands; b++) {
    let h = (offset + b) * 0x27d4eb2d;
    for (let r = 0; r < rows; r++) h = mix32(h ^ sig[b * rows + r]);
    out.push({ band: offset + b, hash: h });
  }
  return out;
}

/**
 * LSH band keys: 32 bands of 2 rows over the bigrams' MinHash (bands 0–31) and 21
 * bands of 3 rows over the words' MinHash (bands 32–52, for rewrites that keep the
 * words but not their order). Empty sets have none.
 */
export function bandsOf(sh: readonly number[]): { band: number; hash: number }[] {
  const { bi, words } = split(sh);
  return [
    ...(bi.length ? bandKeys(minhash(bi), LSH_ROWS, LSH_BANDS, 0) : []),
    ...(words.length >= STORY_MIN_WORDS ? bandKeys(minhash(words), WORD_LSH_ROWS, WORD_LSH_BANDS, LSH_BANDS) : []),
  ];
}

export function overlap(a: readonly number[], b: readonly number[]): number {
  const sb = new Set(b);
  let n = 0;
  for (const x of new Set(a)) if (sb.has(x)) n++;
  return n;
}

function jaccardOf(a: readonly number[], b: readonly number[]): { jaccard: number; containment: number } {
  if (!a.length || !b.length) return { jaccard: 0, containment: 0 };
  const inter = overlap(a, b);
  return { jaccard: inter / (a.length + b.length - inter), containment: inter / Math.min(a.length, b.length) };
}

/** Bigram Jaccard and containment, and word Jaccard, of two shingle sets. */
export function similarity(a: readonly number[], b: readonly number[]): { jaccard: number; containment: number; wordJaccard: number } {
  const x = split(a);
  const y = split(b);
  const bi = jaccardOf(x.bi, y.bi);
  const w = Math.min(x.words.length, y.words.length) >= STORY_MIN_WORDS ? jaccardOf(x.words, y.words).jaccard : 0;
  return { jaccard: bi.jaccard, containment: bi.containment, wordJaccard: w };
}

export function isSameStory(a: readonly number[], b: readonly number[]): boolean {
  const s = similarity(a, b);
  if (s.jaccard >= STORY_JACCARD) return true;
  if (s.wordJaccard >= STORY_WORD_JACCARD && s.jaccard >= STORY_WORD_MIN_BIGRAM_JACCARD) return true;
  const bi = Math.min(split(a).bi.length, split(b).bi.length);
  return bi >= STORY_MIN_SHINGLES_FOR_CONTAINMENT && s.containment >= STORY_CONTAINMENT;
}

/**
 * Thread key terms of an item: its title's content bigrams that are not everyday
 * education words, with the names of the matched units cut out first (`strip`),
 * so that two unrelated stories about one school do not share terms just by
 * naming it.
 */
export function keyTerms(title: string, strip: readonly string[] = []): string[] {
  let text = ` ${contentWords(title).join(' ')} `;
  const phrases = strip.map((p) => contentWords(p).join(' ')).filter((p) => p.includes(' ')).sort((a, b) => b.length - a.length);
  for (const p of phrases) text = text.split(` ${p} `).join(' | ');
  const out = new Set<string>();
  for (const seg of text.split('|')) {
    for (const b of bigrams(seg.trim().split(' ').filter(Boolean))) if (b.includes(' ') && !commonEduBigrams.has(b)) out.add(b);
  }
  return [...out];
}

export type ThreadCandidate = { id: number; unitIds: number[]; categories: string[]; keyTerms: string[]; lastSeenAt: Date };
export type ThreadProbe = { unitIds: number[]; broadUnitIds: number[]; categories: string[]; keyTerms: string[]; at: Date };

/**
 * The best thread for a new story, or null. A shared unit is required; sharing
 * only a broad unit (a department, matched by the province's name) needs the key
 * terms, not just a category.
 */
export function pickThread(probe: ThreadProbe, candidates: ThreadCandidate[]): number | null {
  if (!probe.unitIds.length) return null;
  let best: { id: number; score: number } | null = null;
  const window = THREAD_WINDOW_DAYS * 86_400_000;
  for (const c of candidates) {
    if (Math.abs(probe.at.getTime() - c.lastSeenAt.getTime()) > window) continue;
    const sharedUnits = probe.unitIds.filter((u) => c.unitIds.includes(u));
    if (!sharedUnits.length) continue;
    const onlyBroad = sharedUnits.every((u) => probe.broadUnitIds.includes(u));
    const sharedCats = probe.categories.filter((x) => x !== 'other' && c.categories.includes(x)).length;
    const sharedTerms = probe.keyTerms.filter((x) => c.keyTerms.includes(x)).length;
    const ok = sharedTerms >= THREAD_MIN_SHARED_TERMS || (!onlyBroad && sharedCats > 0);
    if (!ok) continue;
    const score = sharedTerms + 2 * sharedCats + sharedUnits.length;
    if (!best || score > best.score) best = { id: c.id, score };
  }
  return best?.id ?? null;
}
