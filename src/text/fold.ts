/**
 * Diacritic folding and tone-mark normalisation for Vietnamese text.
 *
 * Vietnamese text reaches us in many byte-level shapes that a person reads as
 * the same word: precomposed (NFC) or decomposed (NFD) Unicode, tone marks in
 * the traditional or the "new" position (`hòa` / `hoà`), typed with or without
 * diacritics (`Nguyen` vs `Nguyễn`), with non-breaking spaces pasted from Word.
 * Search and de-duplication must treat all of these as equal, so every
 * comparison goes through {@link foldVietnamese}.
 */

/** Combining marks (after NFD) that Vietnamese uses: 5 tones + circumflex, breve, horn. */
const VIETNAMESE_MARKS_RE = /[\u0300\u0301\u0302\u0303\u0306\u0309\u031B\u0323]/;

/** Any combining mark, from any script (Unicode general category M). */
const ALL_MARKS_RE = /\p{M}/gu;

/**
 * Characters that are invisible or only hint at line breaking. Removed
 * outright because a search key must not differ by something nobody can see.
 * (U+00AD soft hyphen, U+200B zero-width space, U+2060 word joiner,
 * U+FEFF BOM / zero-width no-break space.)
 */
const INVISIBLE_RE = /[\u00AD\u200B\u2060\uFEFF]/g;

/** Typographic punctuation that word processors substitute for the ASCII form. */
const TYPOGRAPHIC_MAP: Readonly<Record<string, string>> = {
  '\u2018': "'", // ‘
  '\u2019': "'", // ’
  '\u201A': "'", // ‚
  '\u201B': "'", // ‛
  '\u2032': "'", // ′
  '\u201C': '"', // “
  '\u201D': '"', // ”
  '\u201E': '"', // „
  '\u201F': '"', // ‟
  '\u2033': '"', // ″
  '\u2010': '-', // hyphen
  '\u2011': '-', // non-breaking hyphen
  '\u2012': '-', // figure dash
  '\u2013': '-', // – en dash
  '\u2014': '-', // — em dash
  '\u2015': '-', // horizontal bar
  '\u2212': '-', // − minus sign
  '\u2026': '...', // … ellipsis
};
const TYPOGRAPHIC_RE = new RegExp(`[${Object.keys(TYPOGRAPHIC_MAP).join('')}]`, 'g');

/**
 * Canonical search key for Vietnamese text.
 *
 * - Insensitive to Unicode normalisation form (input is NFD-normalised first,
 *   so precomposed and decomposed input give the same key).
 * - Removes every combining mark, so tone placement (`hoà`/`hòa`,
 *   `thuỷ`/`thủy`) and the presence of diacritics at all (`Nguyễn`/`Nguyen`)
 *   stop mattering.
 * - `đ`/`Đ` become `d`: `đ` is a separate letter, not `d` plus a mark, so NFD
 *   does not decompose it, yet users type it as `d` on keyboards without
 *   Vietnamese input.
 * - Lower-cases, turns every whitespace run (including NBSP, narrow NBSP,
 *   ideographic space, tabs and newlines) into one ASCII space and trims.
 * - Maps typographic quotes/dashes/ellipsis to their ASCII forms and drops
 *   invisible characters (soft hyphen, zero-width space, BOM).
 *
 * Digits and other punctuation are kept; use {@link foldForMatch} to drop them.
 *
 * @example foldVietnamese('  Trường THCS  Lê Lợi ') // 'truong thcs le loi'
 */
export function foldVietnamese(s: string): string {
  return (
    s
      // Lower-case before stripping marks: e.g. 'İ'.toLowerCase() yields 'i' +
      // U+0307, and that mark must be stripped too.
      .normalize('NFD')
      .toLowerCase()
      .normalize('NFD')
      .replace(ALL_MARKS_RE, '')
      .replace(/đ/g, 'd')
      .replace(INVISIBLE_RE, '')
      .replace(TYPOGRAPHIC_RE, (c) => TYPOGRAPHIC_MAP[c] ?? c)
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/**
 * Like {@link foldVietnamese}, but every character that is not a letter or a
 * digit (punctuation, symbols, emoji) becomes a space, and space runs are
 * collapsed. The result is a space-separated list of words, suitable for
 * whole-word matching (`' ' + key + ' '` contains `' ' + word + ' '`).
 *
 * @example foldForMatch('Lớp 6A1 (2024–2025)') // 'lop 6a1 2024 2025'
 */
export function foldForMatch(s: string): string {
  return foldVietnamese(s)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * True when the string contains any mark Vietnamese writing uses (one of the
 * five tones, circumflex, breve, horn) or the letter `đ`/`Đ`, in either
 * precomposed or decomposed form.
 *
 * Why: lets search decide whether the user typed with diacritics (then an
 * exact-diacritics match can be ranked higher) or without.
 *
 * Note: the check is by mark, not by language, so `café` also returns true.
 */
export function hasVietnameseDiacritics(s: string): boolean {
  return /[đĐ]/.test(s) || VIETNAMESE_MARKS_RE.test(s.normalize('NFD'));
}

/** The five Vietnamese tone marks as combining characters (the level tone has no mark). */
const TONE_MARKS = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

/** A Vietnamese letter after NFD: its base letter plus its combining marks. */
interface Grapheme {
  base: string;
  marks: string[];
}

function splitGraphemes(nfdWord: string): Grapheme[] {
  const out: Grapheme[] = [];
  for (const ch of nfdWord) {
    const last = out[out.length - 1];
    if (/\p{M}/u.test(ch) && last) {
      last.marks.push(ch);
    } else {
      out.push({ base: ch, marks: [] });
    }
  }
  return out;
}

/** True when the letter carries no mark other than (possibly) a tone. */
function hasOnlyToneMarks(g: Grapheme): boolean {
  return g.marks.every((m) => TONE_MARKS.has(m));
}

function toneOf(g: Grapheme): string | undefined {
  return g.marks.find((m) => TONE_MARKS.has(m));
}

/**
 * Moves the tone mark of one syllable (NFD, letters only) if it is an open
 * `oa`/`oe`/`uy` syllable written with the mark on the last vowel.
 */
function normalizeSyllable(word: string): string {
  const gs = splitGraphemes(word);
  const n = gs.length;
  if (n < 2) return word;
  const first = gs[n - 2]!;
  const second = gs[n - 1]!;
  const pair = first.base.toLowerCase() + second.base.toLowerCase();
  if (pair !== 'oa' && pair !== 'oe' && pair !== 'uy') return word;
  // Both vowels must be the bare letters (no circumflex/breve/horn):
  // `ơ`, `ô`, `ư`, `ê`... form other rhymes.
  if (!hasOnlyToneMarks(first) || !hasOnlyToneMarks(second)) return word;
  const before = gs[n - 3];
  if (before) {
    const b = before.base.toLowerCase();
    // In `qu` the `u` belongs to the consonant, so `quý` is y-nucleus and the
    // mark stays on `y` in every style.
    if (pair === 'uy' && b === 'q') return word;
    // A vowel before the pair means a longer rhyme (`uoa`...), not ours.
    if (VOWELS.has(b)) return word;
  }
  const tone = toneOf(second);
  if (!tone || toneOf(first)) return word;
  second.marks = second.marks.filter((m) => m !== tone);
  first.marks = [...first.marks, tone];
  return gs.map((g) => g.base + g.marks.join('')).join('');
}

/**
 * Rewrites tone-mark placement in open syllables ending in `oa`, `oe`, `uy`
 * so that the mark sits on the first vowel: `hoà`→`hòa`, `hoá`→`hóa`,
 * `khoẻ`→`khỏe`, `thuỷ`→`thủy`, `Khánh Hoà`→`Khánh Hòa`. Returns NFC.
 *
 * Why: both placements are in everyday use, so the same name gets stored
 * twice in two byte forms unless display text is normalised when saved. We
 * pick one form — the one with the mark on the first vowel, which is what most
 * administrative documents and official place names use (`Khánh Hòa`,
 * `Hòa Bình`) and what most IMEs produce by default.
 *
 * Terminology, to keep it accurate: the form produced here is usually called
 * the *traditional* ("kiểu cũ") placement. The so-called *new* placement
 * ("kiểu mới", from the 1980s Ministry of Education spelling rules) treats the
 * `o`/`u` of `oa`/`oe`/`uy` as a glide and puts the mark on the main vowel
 * (`hoà`, `thuỷ`) — that is the form converted *from* here.
 *
 * Rule (kept deliberately small):
 * - Only syllables whose rhyme is exactly `oa`, `oe`, `uy` with nothing after
 *   them are touched. With a final consonant or glide both styles agree
 *   (`hoàng`, `toán`, `huỳnh`, `ngoài`, `khuỷu`), so those are left alone.
 * - `qu` + `y` (`quý`, `quỳ`, `quỷ`) is left alone: the `u` belongs to the
 *   consonant `qu`, the `y` is the only vowel.
 * - Case and all other marks (circumflex, breve, horn, `đ`) are preserved.
 *   Anything that is not a letter is passed through unchanged.
 */
export function normalizeToneMarks(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\p{L}\p{M}]+/gu, (word) => normalizeSyllable(word))
    .normalize('NFC');
}
