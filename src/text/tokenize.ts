import { foldForMatch, foldVietnamese } from './fold';

/**
 * Splits text into folded word tokens (see {@link foldVietnamese}): runs of
 * letters and digits, split on whitespace, punctuation, symbols and emoji.
 *
 * Why folded: tokens are used as search terms and index keys, so `Hoà`,
 * `hòa` and `HOA` must produce the same token.
 *
 * Letters and digits stay together inside one token (`6A1` → `6a1`), but any
 * punctuation splits, so ranges such as `2024-2025` give `2024`, `2025` and
 * `1.500.000` gives `1`, `500`, `000`.
 *
 * @example tokenize('Trường THCS Lê Lợi, năm học 2024-2025')
 * // ['truong', 'thcs', 'le', 'loi', 'nam', 'hoc', '2024', '2025']
 */
export function tokenize(s: string): string[] {
  const key = foldForMatch(s);
  return key === '' ? [] : key.split(' ');
}

/**
 * A few Latin letters that are not decomposable by NFD (so folding keeps
 * them) but have a conventional ASCII spelling. Vietnamese needs none of
 * these (`đ` is handled by folding); they appear in foreign names.
 */
const ASCII_FALLBACK: Readonly<Record<string, string>> = {
  'ß': 'ss',
  'æ': 'ae',
  'œ': 'oe',
  'ø': 'o',
  'ł': 'l',
  'þ': 'th',
  'ð': 'd',
  'ı': 'i',
};

/**
 * ASCII URL slug: folded words joined by `-`, no leading/trailing/double
 * dashes, at most `maxLen` characters.
 *
 * If the slug is too long it is cut at the last whole word that fits, so a
 * slug never ends in half a word; only a single word longer than `maxLen` is
 * cut mid-word. Characters with no ASCII form (CJK, emoji...) are dropped,
 * so the result may be `''` — callers needing a non-empty slug must supply
 * their own fallback (e.g. an id).
 *
 * @example slugify('Học sinh đạt giải Nhất') // 'hoc-sinh-dat-giai-nhat'
 */
export function slugify(s: string, maxLen = 80): string {
  if (!(maxLen >= 1)) return '';
  const limit = Math.floor(maxLen);
  const words = foldVietnamese(s)
    .replace(/[ßæœøłþðı]/g, (c) => ASCII_FALLBACK[c] ?? '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
  let slug = '';
  for (const word of words) {
    const next = slug === '' ? word : `${slug}-${word}`;
    if (next.length > limit) {
      return slug === '' ? word.slice(0, limit) : slug;
    }
    slug = next;
  }
  return slug;
}
