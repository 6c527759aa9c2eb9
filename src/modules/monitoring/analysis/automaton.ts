/**
 * Word-level Aho-Corasick over folded syllables, fused with folding.
 *
 * 1. A character trie over the vocabulary (every word of every pattern),
 *    36 columns (a-z, 0-9) in one Int32Array: reading a text character is one
 *    table lookup for its class ({@link CLASS}) and one for the trie step.
 *    At a word boundary the trie state gives the word's id (0 = a word no
 *    pattern uses, which sends the automaton straight back to the root).
 * 2. An Aho-Corasick automaton whose alphabet is word ids: goto from the root is
 *    a dense array, other gotos an open-addressing hash table keyed by
 *    (state, word). Patterns are word sequences, so every match is on word
 *    boundaries by construction and costs O(text) + O(matches).
 *
 * The same scan records, per word, its id, sentence number, whether it is all
 * digits and a 32-bit hash (for shingle fingerprints), so the context rules and
 * clustering never re-read the text.
 */
import { BREAK, CLASS, DOT, FOLDED, IGNORE, OTHER_LETTER, SENT, SLOW, foldForMatch } from './fold';

/** FNV-1a over the folded UTF-16 units of a word: the per-word hash behind shingle sketches (independent of the watch list). */
export function wordHashOf(foldedWord: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < foldedWord.length; i++) h = Math.imul(h ^ foldedWord.charCodeAt(i), 0x01000193);
  return h;
}

const COLS = 36;
const BLOOM_MASK = (1 << 22) - 1;

class GrowI32 {
  a: Int32Array;
  n = 0;
  constructor(cap = 1024) { this.a = new Int32Array(cap); }
  push(v: number): number {
    if (this.n === this.a.length) { const b = new Int32Array(this.a.length * 2); b.set(this.a); this.a = b; }
    this.a[this.n] = v;
    return this.n++;
  }
}

/** Result of one scan; arrays are reused between scans (copy what you keep). */
export type Scan = {
  /** number of words */
  nWords: number;
  wordId: Int32Array;
  sentence: Int32Array;
  isNum: Uint8Array;
  wordHash: Int32Array;
  /** matches: pattern id and index of the last word; start = end - patternLength + 1 */
  nHits: number;
  hitPattern: Int32Array;
  hitEnd: Int32Array;
};

export class WordAutomaton {
  /** trie over characters: state*COLS + col → next state*COLS (0 = dead) */
  private trie: Int32Array;
  private trieWord: Int32Array;
  private trieWordAt: Int32Array = new Int32Array(0);
  private vocab = new Map<string, number>();
  private patterns: number[][] = [];
  private patternIndex = new Map<string, number>();
  readonly patternText: string[] = [];
  patternLength: Int32Array = new Int32Array(0);
  // automaton
  private rootNext: Int32Array = new Int32Array(0);
  /** open addressing, one slot = [state, word, next] side by side (one cache line per probe); state -1 = empty */
  private hTab: Int32Array = new Int32Array(0);
  private hMask = 0;
  /**
   * A one-hash Bloom filter of the table's keys (2^22 bits, 512 KB: stays in cache
   * where the table does not): most (state, word) pairs the scan asks about have
   * no edge, and this answers "no" without a cache miss in the table.
   */
  private hBits: Int32Array = new Int32Array(1 << 17);
  /** 1 for words that follow another word in some pattern: only those can leave a non-root state */
  private nonFirst: Uint8Array = new Uint8Array(0);
  private fail: Int32Array = new Int32Array(0);
  private oneW: Int32Array = new Int32Array(0);
  private oneS: Int32Array = new Int32Array(0);
  private vocabHash: Int32Array = new Int32Array(0);
  private outPat: Int32Array = new Int32Array(0);
  private dict: Int32Array = new Int32Array(0);
  nStates = 0;
  private built = false;
  // scan buffers
  private buf: Scan = {
    nWords: 0, wordId: new Int32Array(1024), sentence: new Int32Array(1024), isNum: new Uint8Array(1024),
    wordHash: new Int32Array(1024), nHits: 0, hitPattern: new Int32Array(256), hitEnd: new Int32Array(256),
  };

  constructor() {
    this.trie = new Int32Array(COLS * 2);
    this.trieWord = new Int32Array(2);
  }

  get vocabularySize(): number { return this.vocab.size; }

  /** Adds a pattern (any text; folded and split into words). Returns its id, or -1 if empty. */
  add(text: string): number {
    const folded = foldForMatch(text);
    if (folded === '') return -1;
    const known = this.patternIndex.get(folded);
    if (known !== undefined) return known;
    if (this.built) throw new Error('automaton already built');
    const ids = folded.split(' ').map((w) => this.wordIdFor(w));
    const id = this.patterns.length;
    this.patterns.push(ids);
    this.patternText.push(folded);
    this.patternIndex.set(folded, id);
    return id;
  }

  patternId(text: string): number {
    return this.patternIndex.get(foldForMatch(text)) ?? -1;
  }

  /** Id of a folded word, 0 when no pattern uses it. */
  wordIdOf(folded: string): number {
    return this.vocab.get(folded) ?? 0;
  }

  private trieStates = 2; // 0 = dead, 1 = root

  private wordIdFor(w: string): number {
    let id = this.vocab.get(w);
    if (id !== undefined) return id;
    id = this.vocab.size + 1;
    this.vocab.set(w, id);
    // insert into the character trie; words with non-ASCII letters are unreachable (never match)
    let st = 1;
    for (let i = 0; i < w.length; i++) {
      const k = CLASS[w.charCodeAt(i)];
      if (k >= COLS) return id;
      const at = st * COLS + k;
      let nx = this.trie[at] / COLS;
      if (nx === 0) {
        nx = this.trieStates++;
        if (nx >= this.trieWord.length) {
          const cap = Math.max(1024, this.trieWord.length * 2);
          const t = new Int32Array(cap * COLS); t.set(this.trie); this.trie = t;
          const tw = new Int32Array(cap); tw.set(this.trieWord); this.trieWord = tw;
        }
        this.trie[at] = nx * COLS;
      }
      st = nx;
    }
    this.trieWord[st] = id;
    return id;
  }

  build(): void {
    if (this.built) return;
    this.built = true;
    // compact the character trie
    this.trieWord = this.trieWord.slice(0, this.trieStates);
    this.trie = this.trie.slice(0, this.trieStates * COLS);
    // word id by pre-multiplied state, so the scan never divides
    this.trieWordAt = new Int32Array(this.trieStates * COLS);
    for (let i = 0; i < this.trieStates; i++) this.trieWordAt[i * COLS] = this.trieWord[i];
    const nW = this.vocab.size + 1;
    const np = this.patterns.length;
    this.patternLength = new Int32Array(np);
    // goto trie over words: states, parent links via hash table
    let total = 1;
    for (const p of this.patterns) total += p.length;
    let cap = 1;
    while (cap < total * 2) cap <<= 1;
    this.hMask = cap - 1;
    this.hTab = new Int32Array(cap * 3);
    for (let i = 0; i < cap; i++) this.hTab[i * 3] = -1;
    this.rootNext = new Int32Array(nW);
    this.nonFirst = new Uint8Array(nW);
    for (const p of this.patterns) for (let k = 1; k < p.length; k++) this.nonFirst[p[k]] = 1;
    const outPat = new Int32Array(total + 1).fill(-1);
    const firstChild = new Int32Array(total + 1).fill(-1);
    const nextSib = new Int32Array(total + 1).fill(-1);
    const edgeWord = new Int32Array(total + 1);
    let states = 1; // state 0 = root
    for (let pi = 0; pi < np; pi++) {
      const p = this.patterns[pi];
      this.patternLength[pi] = p.length;
      let st = 0;
      for (const w of p) {
        let nx = st === 0 ? this.rootNext[w] : this.get(st, w);
        if (nx <= 0) {
          nx = states++;
          if (st === 0) this.rootNext[w] = nx; else this.put(st, w, nx);
          edgeWord[nx] = w;
          nextSib[nx] = firstChild[st];
          firstChild[st] = nx;
        }
        st = nx;
      }
      outPat[st] = pi;
    }
    this.nStates = states;
    const fail = new Int32Array(states);
    const dict = new Int32Array(states).fill(-1);
    const queue = new Int32Array(states);
    let qh = 0;
    let qt = 0;
    for (let c = firstChild[0]; c !== -1; c = nextSib[c]) { fail[c] = 0; queue[qt++] = c; }
    while (qh < qt) {
      const r = queue[qh++];
      for (let s = firstChild[r]; s !== -1; s = nextSib[s]) {
        queue[qt++] = s;
        const w = edgeWord[s];
        let f = fail[r];
        let nx = -1;
        for (;;) {
          nx = f === 0 ? this.rootNext[w] : this.get(f, w);
          if (nx > 0 || f === 0) break;
          f = fail[f];
        }
        fail[s] = nx > 0 ? nx : 0;
        const fs = fail[s];
        dict[s] = outPat[fs] >= 0 ? fs : dict[fs];
      }
    }
    this.fail = fail;
    this.dict = dict;
    // states with 0 or 1 child skip the hash table
    const oneW = new Int32Array(states).fill(-1);
    const oneS = new Int32Array(states);
    for (let st = 1; st < states; st++) {
      const c = firstChild[st];
      if (c === -1) continue;
      if (nextSib[c] === -1) { oneW[st] = edgeWord[c]; oneS[st] = c; } else oneW[st] = -2;
    }
    this.oneW = oneW;
    this.oneS = oneS;
    // the hash of every vocabulary word, as the scan computes it for unknown words
    this.vocabHash = new Int32Array(nW);
    for (const [w, id] of this.vocab) this.vocabHash[id] = wordHashOf(w);
    this.outPat = outPat.slice(0, states);
    this.patterns = [];
  }

  private slot(s: number, w: number): number {
    return (Math.imul(s, 0x9e3779b1) ^ Math.imul(w, 0x85ebca6b)) & this.hMask;
  }
  private get(s: number, w: number): number {
    let i = this.slot(s, w);
    const t = this.hTab;
    for (;;) {
      const k = t[i * 3];
      if (k === -1) return -1;
      if (k === s && t[i * 3 + 1] === w) return t[i * 3 + 2];
      i = (i + 1) & this.hMask;
    }
  }
  private put(s: number, w: number, v: number): void {
    let i = this.slot(s, w);
    const t = this.hTab;
    while (t[i * 3] !== -1) i = (i + 1) & this.hMask;
    t[i * 3] = s; t[i * 3 + 1] = w; t[i * 3 + 2] = v;
    const h = (Math.imul(s, 0x9e3779b1) ^ Math.imul(w, 0x85ebca6b)) & BLOOM_MASK;
    this.hBits[h >>> 5] |= 1 << (h & 31);
  }

  /**
   * One pass over the raw text (any Unicode form): folds, splits words, tracks
   * sentences, runs the automaton. `parts` are scanned as separate sentences
   * (title, body) into one word sequence; `partStart` receives the index of each
   * part's first word.
   */
  scan(parts: readonly string[], partStart?: number[]): Scan {
    if (!this.built) this.build();
    const S = this.buf;
    const trie = this.trie;
    const trieWordAt = this.trieWordAt;
    const rootNext = this.rootNext;
    const fail = this.fail;
    const outPat = this.outPat;
    const dict = this.dict;
    const hTab = this.hTab;
    const hBits = this.hBits;
    const nonFirst = this.nonFirst;
    const mask = this.hMask;
    const oneW = this.oneW;
    const oneS = this.oneS;
    const vocabHash = this.vocabHash;
    let wordId = S.wordId;
    let sentence = S.sentence;
    let isNum = S.isNum;
    let wordHash = S.wordHash;
    let hitPattern = S.hitPattern;
    let hitEnd = S.hitEnd;
    let nWords = 0;
    let nHits = 0;
    let sent = 0;
    let ac = 0;
    for (let p = 0; p < parts.length; p++) {
      let text = parts[p];
      if (partStart) partStart[p] = nWords;
      let n = text.length;
      // worst case one word per two characters
      if (nWords + (n >> 1) + 2 > wordId.length) {
        const cap = Math.max(wordId.length * 2, nWords + (n >> 1) + 2);
        const a = new Int32Array(cap); a.set(wordId.subarray(0, nWords)); wordId = a;
        const b = new Int32Array(cap); b.set(sentence.subarray(0, nWords)); sentence = b;
        const c = new Uint8Array(cap); c.set(isNum.subarray(0, nWords)); isNum = c;
        const d = new Int32Array(cap); d.set(wordHash.subarray(0, nWords)); wordHash = d;
      }
      let st = COLS; // trie root (state 1) pre-multiplied
      let wlen = 0;
      let wstart = 0;
      let slowChecked = false;
      const w0 = nWords;
      const h0 = nHits;
      const s0 = sent;
      for (let i = 0; i <= n; i++) {
        let k = 37;
        if (i < n) {
          k = CLASS[text.charCodeAt(i)];
          if (k < COLS) {
            st = trie[st + k];
            wlen++;
            continue;
          }
          if (k === OTHER_LETTER) { st = 0; wlen++; continue; }
          if (k === IGNORE) continue;
          if (k === SLOW && !slowChecked) {
            // surrogates / multi-letter folds: rescan the reference folding of this part
            slowChecked = true;
            const folded = foldForMatch(text);
            if (folded !== text) { text = folded; n = text.length; i = -1; nWords = w0; nHits = h0; sent = s0; ac = 0; st = COLS; wlen = 0; wstart = 0; continue; }
          }
        }
        if (wlen > 0) {
          const wid = trieWordAt[st];
          wordId[nWords] = wid;
          sentence[nWords] = sent;
          const c0 = CLASS[text.charCodeAt(wstart)];
          isNum[nWords] = c0 >= 26 && c0 < 36 ? 1 : 0;
          if (wid !== 0) wordHash[nWords] = vocabHash[wid];
          else {
            // a word no pattern uses: hash its folded characters (same function as wordHashOf)
            let h = 0x811c9dc5 | 0;
            for (let j = wstart; j < i; j++) {
              const c = text.charCodeAt(j);
              const kk = CLASS[c];
              if (kk <= OTHER_LETTER) h = Math.imul(h ^ FOLDED[c], 0x01000193);
            }
            wordHash[nWords] = h;
          }
          // automaton step
          let nx = 0;
          if (wid !== 0) {
            // a word that never follows another in any pattern leaves every state for the root's
            let s = nonFirst[wid] === 1 ? ac : 0;
            for (;;) {
              if (s === 0) { nx = rootNext[wid]; break; }
              const ow = oneW[s];
              let found = -1;
              if (ow === wid) found = oneS[s];
              else if (ow === -2) {
                const h = Math.imul(s, 0x9e3779b1) ^ Math.imul(wid, 0x85ebca6b);
                let j = (hBits[(h & BLOOM_MASK) >>> 5] & (1 << (h & 31))) === 0 ? -1 : h & mask;
                if (j >= 0) for (;;) {
                  const ks = hTab[j * 3];
                  if (ks === -1) break;
                  if (ks === s && hTab[j * 3 + 1] === wid) { found = hTab[j * 3 + 2]; break; }
                  j = (j + 1) & mask;
                }
              }
              if (found > 0) { nx = found; break; }
              s = fail[s];
            }
          }
          ac = nx;
          if (nx !== 0) {
            let o = outPat[nx] >= 0 ? nx : dict[nx];
            while (o > 0) {
              if (nHits === hitPattern.length) {
                const a = new Int32Array(nHits * 2); a.set(hitPattern); hitPattern = a;
                const b = new Int32Array(nHits * 2); b.set(hitEnd); hitEnd = b;
              }
              hitPattern[nHits] = outPat[o];
              hitEnd[nHits++] = nWords;
              o = dict[o];
            }
          }
          nWords++;
          st = COLS; wlen = 0;
        }
        wstart = i + 1;
        if (k === BREAK) ac = 0; // no phrase spans a comma, colon, bracket or quote
        if (k === SENT || (k === DOT && (i + 1 >= n || CLASS[text.charCodeAt(i + 1)] >= SENT - 1))) sent++;
      }
      sent++;
      ac = 0; // no match spans two parts
    }
    S.wordId = wordId; S.sentence = sentence; S.isNum = isNum; S.wordHash = wordHash;
    S.hitPattern = hitPattern; S.hitEnd = hitEnd; S.nWords = nWords; S.nHits = nHits;
    return S;
  }
}
