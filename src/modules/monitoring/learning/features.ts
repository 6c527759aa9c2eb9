import { foldForMatch } from '../../../text';

/**
 * Features for the learned classifier: folded syllables (diacritics off, so
 * "học phí" and "hoc phi" are one feature) as unigrams and bigrams, hashed
 * (FNV-1a, 32-bit) into a fixed number of buckets — no vocabulary to store or
 * keep in step — each present once (binary), L2-normalised. A `prefix`
 * namespaces a feature set (e.g. one unit's own features beside the shared ones).
 */
export const HASH_BITS = 18;
export const DIMS = 1 << HASH_BITS;

export type SparseVec = { idx: Uint32Array; val: Float32Array };

export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function syllables(text: string): string[] {
  const f = foldForMatch(text);
  return f ? f.split(' ') : [];
}

/** Unigram and bigram strings of a syllable list (with a start marker so "opening words" count). */
export function ngrams(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    out.push(tokens[i]);
    out.push(`${i === 0 ? '^' : tokens[i - 1]}_${tokens[i]}`);
  }
  return out;
}

/** Hash named features (several namespaces at once) into one binary, L2-normalised sparse vector. */
export function vectorize(groups: { prefix: string; features: string[]; weight?: number }[]): SparseVec {
  const m = new Map<number, number>();
  for (const g of groups) {
    const w = g.weight ?? 1;
    for (const f of g.features) {
      const k = fnv1a(`${g.prefix}|${f}`) & (DIMS - 1);
      m.set(k, Math.max(m.get(k) ?? 0, w));
    }
  }
  let norm = 0;
  for (const v of m.values()) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  const idx = new Uint32Array(m.size);
  const val = new Float32Array(m.size);
  let i = 0;
  for (const [k, v] of [...m.entries()].sort((a, b) => a[0] - b[0])) {
    idx[i] = k;
    val[i++] = v / norm;
  }
  return { idx, val };
}

/** Features of a whole article: title syllables count twice (a separate namespace), body up to `maxBody` syllables. */
export function documentFeatures(text: { title: string; body: string }, maxBody = 400): SparseVec {
  const title = syllables(text.title);
  const body = syllables(text.body).slice(0, maxBody);
  return vectorize([
    { prefix: 't', features: ngrams(title) },
    { prefix: 'b', features: ngrams(body) },
  ]);
}

/**
 * The words around each place a matched name occurs (`via`, the alias that
 * matched), ±`radius` syllables: what tells "Trường THCS Lê Lợi" from
 * "đường Lê Lợi". Shared features (any unit) and the unit's own (prefixed with
 * its id), so a correction teaches both "after 'đường' it is a street" and
 * "this unit is often confused with X".
 */
export function matchContextFeatures(text: { title: string; body: string }, via: string, unitId: number, radius = 5): SparseVec {
  const tokens = syllables(`${text.title} . ${text.body}`);
  const needle = syllables(via);
  const windows: string[] = [];
  if (needle.length) {
    for (let i = 0; i + needle.length <= tokens.length; i++) {
      let ok = true;
      for (let j = 0; j < needle.length; j++) if (tokens[i + j] !== needle[j]) { ok = false; break; }
      if (!ok) continue;
      const left = tokens.slice(Math.max(0, i - radius), i);
      const right = tokens.slice(i + needle.length, i + needle.length + radius);
      // position-aware near context (the word right before the name matters most)
      if (left.length) windows.push(`L1=${left[left.length - 1]}`);
      if (left.length > 1) windows.push(`L2=${left[left.length - 2]}_${left[left.length - 1]}`);
      if (right.length) windows.push(`R1=${right[0]}`);
      for (const g of ngrams(left)) windows.push(`l:${g}`);
      for (const g of ngrams(right)) windows.push(`r:${g}`);
      if (windows.length > 400) break;
    }
  }
  const doc = ngrams(syllables(text.title)).map((g) => `t:${g}`);
  return vectorize([
    { prefix: 'ctx', features: windows },
    { prefix: `u${unitId}`, features: windows },
    { prefix: 'doc', features: doc, weight: 0.5 },
  ]);
}
