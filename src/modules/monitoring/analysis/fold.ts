/**
 * Table-driven folding for monitoring: the same key as `foldForMatch` in
 * src/text (NFD, lower-case, marks off, `đ`→`d`, everything that is not a
 * letter or digit becomes one space), computed with one array lookup per UTF-16
 * unit instead of five regex passes, so the matcher can fold and match in a
 * single scan.
 *
 * `CLASS[c]` says what a UTF-16 code unit is:
 * - `0..25` letters `a`..`z` after folding, `26..35` digits `0`..`9`
 *   (the matcher's trie columns);
 * - {@link OTHER_LETTER}: a letter or digit outside ASCII after folding (kept as a
 *   word character; the matcher treats words containing one as unknown);
 * - {@link SEP}: separator; {@link SENT}: separator that ends a sentence
 *   (`! ? ; \n`); {@link DOT}: `.` (ends a sentence only before white space);
 * - {@link IGNORE}: combining marks and invisible characters (dropped);
 * - {@link SLOW}: needs the reference fold (surrogates, multi-letter folds).
 * `FOLDED[c]` is the folded UTF-16 unit for word characters.
 */
import { foldForMatch as referenceFoldForMatch } from '../../../text';

export const OTHER_LETTER = 36;
export const SEP = 37;
export const SENT = 38;
export const DOT = 39;
export const IGNORE = 40;
export const SLOW = 41;
/** separator that also ends a phrase (`,` `:` `(` `)` quotes): no pattern spans it */
export const BREAK = 42;
const BREAK_CHARS = new Set([...',:()[]{}"', '\u201c', '\u201d', '\u00ab', '\u00bb', '\u201e'].map((c) => c.charCodeAt(0)));

export const CLASS = new Uint8Array(65536);
export const FOLDED = new Uint16Array(65536);

const WORD_RE = /^[\p{L}\p{N}]$/u;
const MARK_RE = /\p{M}/gu;
const INVISIBLE = new Set([0x00ad, 0x200b, 0x2060, 0xfeff]);

function init(): void {
  for (let c = 0; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdfff) {
      CLASS[c] = SLOW;
      continue;
    }
    if (c < 128) {
      if (c >= 97 && c <= 122) { CLASS[c] = c - 97; FOLDED[c] = c; }
      else if (c >= 65 && c <= 90) { CLASS[c] = c - 65; FOLDED[c] = c + 32; }
      else if (c >= 48 && c <= 57) { CLASS[c] = c - 48 + 26; FOLDED[c] = c; }
      else if (c === 33 || c === 63 || c === 59 || c === 10) CLASS[c] = SENT;
      else if (c === 46) CLASS[c] = DOT;
      else CLASS[c] = BREAK_CHARS.has(c) ? BREAK : SEP;
      continue;
    }
    if (INVISIBLE.has(c)) { CLASS[c] = IGNORE; continue; }
    const ch = String.fromCharCode(c);
    const f = ch.normalize('NFD').toLowerCase().normalize('NFD').replace(MARK_RE, '').replace(/đ/g, 'd');
    if (f === '') { CLASS[c] = IGNORE; continue; }
    if (f.length === 1) {
      const fc = f.charCodeAt(0);
      if (!WORD_RE.test(f)) { CLASS[c] = c === 0x2026 ? SENT : BREAK_CHARS.has(c) ? BREAK : SEP; continue; }
      if (fc >= 97 && fc <= 122) CLASS[c] = fc - 97;
      else if (fc >= 48 && fc <= 57) CLASS[c] = fc - 48 + 26;
      else CLASS[c] = OTHER_LETTER;
      FOLDED[c] = fc;
      continue;
    }
    // several units after folding: letters/digits need the reference path
    CLASS[c] = /[\p{L}\p{N}]/u.test(f) ? SLOW : SEP;
  }
}
init();

/**
 * The folding used by matching: identical to `foldForMatch` from src/text
 * (`'Trường THCS Lê Lợi'` → `'truong thcs le loi'`), one table lookup per unit;
 * strings with surrogates or multi-letter folds take the reference path.
 */
let shared = new Uint16Array(4096);
export function foldForMatch(s: string): string {
  const n = s.length;
  if (n > shared.length) shared = new Uint16Array(n * 2);
  const out = shared;
  let len = 0;
  let pendingSpace = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const k = CLASS[c];
    if (k <= OTHER_LETTER) {
      if (pendingSpace) { out[len++] = 32; pendingSpace = false; }
      out[len++] = FOLDED[c];
    } else if (k === IGNORE) {
      continue;
    } else if (k === SLOW) {
      return referenceFoldForMatch(s);
    } else if (len > 0) {
      pendingSpace = true;
    }
  }
  if (len < 64) {
    let r = '';
    for (let i = 0; i < len; i++) r += String.fromCharCode(out[i]);
    return r;
  }
  let r = '';
  for (let i = 0; i < len; i += 8192) r += String.fromCharCode.apply(null, out.subarray(i, Math.min(len, i + 8192)) as unknown as number[]);
  return r;
}
