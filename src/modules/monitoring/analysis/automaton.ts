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
import { BREAK, CLASS, DOT, FOLDED, IGNORE, OTHER_LETTER, SENT, SEP, SLOW, foldForMatch } from './fold';

/** FNV-1a over the folded UTF-16 units of a word: the per-word hash behind shingle sketches (independent of the watch list). */
export function wordHashOf(foldedWord: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < foldedWord.length; i++) h = Math.imul(h ^ foldedWord.charCodeAt(i), 0x01000193);
  return h;
}

const COLS = 36;
/** a row of the scan's trie: 36 character columns, then the id of the word that ends in this state */
const ROW = 37;
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
  /** the trie for scanning: state*ROW + col → next state*ROW, state*ROW + 36 → word id */
  private trieRow: Int32Array = new Int32Array(0);
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
  /** state s's children are the ids childStart[s] .. childStart[s + 1] - 1 (breadth-first numbering) */
  private childStart: Int32Array = new Int32Array(0);
  /** per state [first child, end of children, failure link, first output state]: one cache line for a step */
  private rec: Int32Array = new Int32Array(0);
  /** the word on the edge into each state; ascending among siblings */
  private childWord: Int32Array = new Int32Array(0);
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
    // rows of 37 with the word id last: a state's step and its word sit side by side
    this.trieRow = new Int32Array(this.trieStates * ROW);
    for (let i = 0; i < this.trieStates; i++) {
      for (let k = 0; k < COLS; k++) this.trieRow[i * ROW + k] = (this.trie[i * COLS + k] / COLS) * ROW;
      this.trieRow[i * ROW + COLS] = this.trieWord[i];
    }
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
    // Renumber states breadth-first, each state's children consecutive and
    // sorted by word: shallow states (where the scan spends nearly all its time,
    // and where every failure link leads) become a small, dense prefix of the
    // tables, and a state's edges are one short sorted run of `childWord`.
    const order = new Int32Array(states); // new id → old id
    const newId = new Int32Array(states); // old id → new id
    {
      let qh = 0;
      let qt = 1;
      order[0] = 0;
      const kids: number[] = [];
      while (qh < qt) {
        const r = order[qh++];
        kids.length = 0;
        for (let c = firstChild[r]; c !== -1; c = nextSib[c]) kids.push(c);
        kids.sort((x, y) => edgeWord[x] - edgeWord[y]);
        for (const c of kids) order[qt++] = c;
      }
      for (let i = 0; i < states; i++) newId[order[i]] = i;
    }
    for (let w = 0; w < nW; w++) if (this.rootNext[w] > 0) this.rootNext[w] = newId[this.rootNext[w]];
    for (let i = 0; i <= this.hMask; i++) {
      if (this.hTab[i * 3] === -1) continue;
      this.hTab[i * 3] = newId[this.hTab[i * 3]];
      this.hTab[i * 3 + 2] = newId[this.hTab[i * 3 + 2]];
    }
    // re-insert under the new keys (slots depend on the state id)
    {
      const old = this.hTab;
      this.hTab = new Int32Array(old.length);
      for (let i = 0; i <= this.hMask; i++) this.hTab[i * 3] = -1;
      this.hBits.fill(0);
      for (let i = 0; i <= this.hMask; i++) if (old[i * 3] !== -1) this.put(old[i * 3], old[i * 3 + 1], old[i * 3 + 2]);
    }
    const fc = new Int32Array(states).fill(-1);
    const ns = new Int32Array(states).fill(-1);
    const ew = new Int32Array(states);
    const op = new Int32Array(states).fill(-1);
    for (let o = 0; o < states; o++) {
      const n = newId[o];
      fc[n] = firstChild[o] === -1 ? -1 : newId[firstChild[o]];
      ns[n] = nextSib[o] === -1 ? -1 : newId[nextSib[o]];
      ew[n] = edgeWord[o];
      op[n] = outPat[o];
    }
    const fail = new Int32Array(states);
    const dict = new Int32Array(states).fill(-1);
    // states are in breadth-first order already: fill failure links in id order
    for (let c = fc[0]; c !== -1; c = ns[c]) fail[c] = 0;
    for (let r = 1; r < states; r++) {
      for (let s = fc[r]; s !== -1; s = ns[s]) {
        const w = ew[s];
        let f = fail[r];
        let nx = -1;
        for (;;) {
          nx = f === 0 ? this.rootNext[w] : this.get(f, w);
          if (nx > 0 || f === 0) break;
          f = fail[f];
        }
        fail[s] = nx > 0 ? nx : 0;
        const fs = fail[s];
        dict[s] = op[fs] >= 0 ? fs : dict[fs];
      }
    }
    this.fail = fail;
    this.dict = dict;
    // edges for the scan: a state's children are ids childStart[s] .. childStart[s+1]-1, their words ascending in childWord
    const childStart = new Int32Array(states + 1);
    {
      let next = 1;
      for (let st = 0; st < states; st++) {
        // breadth-first order gives each state's children the ids right after the previous state's
        childStart[st] = next;
        for (let c = fc[st]; c !== -1; c = ns[c]) next++;
      }
      childStart[states] = next;
    }
    this.childStart = childStart;
    this.childWord = ew;
    // the hash table only served the build
    this.hTab = new Int32Array(0);
    this.hBits = new Int32Array(0);
    // the hash of every vocabulary word, as the scan computes it for unknown words
    this.vocabHash = new Int32Array(nW);
    for (const [w, id] of this.vocab) this.vocabHash[id] = wordHashOf(w);
    this.outPat = op;
    // one record of four per state for the scan: first child, end of children, failure link, first state with an output (-1: none)
    const rec = new Int32Array(states * 4);
    for (let st = 0; st < states; st++) {
      rec[st * 4] = childStart[st];
      rec[st * 4 + 1] = childStart[st + 1];
      rec[st * 4 + 2] = fail[st];
      rec[st * 4 + 3] = op[st] >= 0 ? st : dict[st];
    }
    this.rec = rec;
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
    const trie = this.trieRow;
    const rootNext = this.rootNext;
    const outPat = this.outPat;
    const dict = this.dict;
    const rec = this.rec;
    const nonFirst = this.nonFirst;
    const childWord = this.childWord;
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
      let slowChecked = false;
      const w0 = nWords;
      const h0 = nHits;
      const s0 = sent;
      let i = 0;
      while (i < n) {
        let k = CLASS[text.charCodeAt(i)];
        if (k < COLS || k === OTHER_LETTER) {
          // a word: walk the trie to its end (marks and invisible characters inside are skipped)
          const wstart = i;
          const c0 = k;
          let st = k < COLS ? trie[ROW + k] : 0;
          k = SEP;
          for (i++; i < n; i++) {
            const kk = CLASS[text.charCodeAt(i)];
            if (kk < COLS) st = trie[st + kk];
            else if (kk === OTHER_LETTER) st = 0;
            else if (kk !== IGNORE) { k = kk; break; }
          }
          if (k === SLOW && !slowChecked) {
            // surrogates / multi-letter folds: rescan the reference folding of this part
            slowChecked = true;
            const folded = foldForMatch(text);
            if (folded !== text) { text = folded; n = text.length; i = 0; nWords = w0; nHits = h0; sent = s0; ac = 0; continue; }
          }
          const wid = trie[st + COLS];
          wordId[nWords] = wid;
          sentence[nWords] = sent;
          isNum[nWords] = c0 >= 26 && c0 < 36 ? 1 : 0;
          if (wid !== 0) wordHash[nWords] = vocabHash[wid];
          else {
            // a word no pattern uses: hash its folded characters (same function as wordHashOf)
            let h = 0x811c9dc5 | 0;
            for (let j = wstart; j < i; j++) {
              const c = text.charCodeAt(j);
              if (CLASS[c] <= OTHER_LETTER) h = Math.imul(h ^ FOLDED[c], 0x01000193);
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
              // the child on `wid`: sorted run of sibling words, short runs read in order, long ones halved
              let lo = rec[s * 4];
              let hi = rec[s * 4 + 1];
              while (hi - lo > 8) {
                const mid = (lo + hi) >>> 1;
                if (childWord[mid] <= wid) lo = mid; else hi = mid;
              }
              let found = 0;
              for (; lo < hi; lo++) {
                const cw = childWord[lo];
                if (cw >= wid) { if (cw === wid) found = lo; break; }
              }
              if (found > 0) { nx = found; break; }
              s = rec[s * 4 + 2];
            }
          }
          ac = nx;
          if (nx !== 0) {
            let o = rec[nx * 4 + 3];
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
          if (i >= n) break;
        } else if (k === SLOW && !slowChecked) {
          slowChecked = true;
          const folded = foldForMatch(text);
          if (folded !== text) { text = folded; n = text.length; i = 0; nWords = w0; nHits = h0; sent = s0; ac = 0; continue; }
        }
        // a separator at i
        if (k === BREAK) ac = 0; // no phrase spans a comma, colon, bracket or quote
        else if (k === SENT || (k === DOT && (i + 1 >= n || CLASS[text.charCodeAt(i + 1)] >= SENT - 1))) sent++;
        i++;
      }
      sent++;
      ac = 0; // no match spans two parts
    }
    S.wordId = wordId; S.sentence = sentence; S.isNum = isNum; S.wordHash = wordHash;
    S.hitPattern = hitPattern; S.hitEnd = hitEnd; S.nWords = nWords; S.nHits = nHits;
    return S;
  }
}
