// Input clean-up and the paragraph model every extractor works on.
//
// Plans arrive as Markdown, inline HTML, DOCX/PDF text or OCR output. All of
// them are reduced here to one shape: a list of paragraphs, each carrying its
// original text (for output) and a same-length folded key (for matching), so a
// regex run on the key can slice the original at the same offsets.

/** One logical paragraph of the plan. */
export type Para = {
  /** Original text, whitespace collapsed, Markdown/HTML removed. */
  text: string;
  /** Same length as `text`: lower-cased, diacritics removed, đ→d. */
  key: string;
  /** The whole line was bold or a Markdown heading: a strong heading hint. */
  emphasised: boolean;
  /** A tab-separated table row. */
  isTable: boolean;
};

/**
 * Folds character by character so the result has exactly the length of the
 * input. foldVietnamese collapses spaces and expands `…`, which would break
 * offset alignment between key and text; matching needs the offsets.
 */
export function alignedFold(s: string): string {
  let out = '';
  for (const ch of s) {
    if (ch.length !== 1) {
      out += ch; // astral characters: keep as-is (same UTF-16 length)
      continue;
    }
    const base = ch.normalize('NFD').charAt(0).toLowerCase();
    out += base === 'đ' ? 'd' : base.length === 1 ? base : ch;
  }
  return out;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
function decodeEntities(s: string): string {
  return s.replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** Text of an HTML fragment that must stay on one line (a table cell). */
function inlineHtmlToText(s: string): string {
  return decodeEntities(s.replace(/<[^>]*>/g, ' ')).replace(/[ \u00a0]+/g, ' ').trim();
}

/**
 * Converts HTML (mammoth's DOCX output, or HTML pasted into text) to the plain
 * text dialect the parser reads: paragraphs separated by blank lines, a fully
 * bold paragraph wrapped in `**`, table rows as tab-separated cells.
 */
export function htmlToText(html: string): string {
  let s = html.replace(/\r?\n/g, ' ');
  s = s.replace(/<tr[^>]*>([\s\S]*?)<\/tr>/gi, (_m, row: string) => {
    const cells = [...row.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/gi)].map((c) =>
      inlineHtmlToText((c[1] ?? '').replace(/<(p|li|br)[^>]*>/gi, ' $& ')),
    );
    return `\n${cells.join('\t')}\n`;
  });
  s = s.replace(/<\/?(table|tbody|thead)[^>]*>/gi, '\n');
  // A paragraph whose entire content is bold becomes a `**…**` line.
  s = s.replace(/<(p|h[1-6])[^>]*>\s*<(strong|b)>([\s\S]*?)<\/\2>\s*<\/\1>/gi, (_m, _t, _b, inner: string) =>
    /<\/?(strong|b)>/i.test(inner) ? `\n\n${inner}\n\n` : `\n\n**${inner}**\n\n`,
  );
  s = s.replace(/<li[^>]*>/gi, '\n\n- ').replace(/<br\s*\/?>/gi, '\n').replace(/<\/?(p|h[1-6]|div|ul|ol|li)[^>]*>/gi, '\n\n');
  s = s.replace(/<[^>]*>/g, '');
  return decodeEntities(s);
}

/**
 * Documents whose `Đ` the OCR read as `P` carry almost no `đ` at all, while
 * words starting with `P` + vowel are nearly absent from real Vietnamese
 * (native words use `ph`). When that pattern shows, restore `Đ`.
 */
export function looksLikeDReadAsP(s: string): boolean {
  const dCount = (s.match(/[đĐ]/g) ?? []).length;
  const pVowel = (s.match(/(?<![\p{L}\d])[Pp](?=[aeiouyâăêôơưáàảãạéèẻẽẹíìỉĩịóòỏõọúùủũụýỳỷỹỵ])/giu) ?? []).length;
  return pVowel >= 3 && dCount < pVowel;
}

function restoreDFromP(s: string): string {
  return s.replace(/(?<![\p{L}\d])([Pp])(?=[aeiouyâăêôơưáàảãạéèẻẽẹíìỉĩịóòỏõọúùủũụýỳỷỹỵAEIOUYÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ])/gu, (_m, p: string) =>
    p === 'P' ? 'Đ' : 'đ',
  );
}

type Line = { text: string; emphasised: boolean; isTable: boolean };

/** Strips Markdown and inline HTML from one input line, noting emphasis. */
function cleanLine(raw: string): Line[] {
  let s = raw.replace(/[\u200b\u2060\ufeff\u00ad]/g, '').replace(/[\u00a0\u202f\u3000]/g, ' ');
  // Markdown table row → tab-separated; the |---| rule line is dropped.
  if (/^\s*\|.*\|\s*$/.test(s)) {
    if (/^\s*\|[\s:|-]+\|\s*$/.test(s)) return [];
    s = s.trim().slice(1, -1).split('|').map((c) => c.trim()).join('\t');
  }
  if (s.includes('\t')) {
    const cells = s.split('\t').map((c) => inlineHtmlToText(c).replace(/\*\*|__/g, ''));
    return [{ text: cells.join('\t'), emphasised: false, isTable: cells.filter((c) => c).length >= 2 || cells.length >= 3 }];
  }
  if (/<[a-z/][^>]*>/i.test(s)) {
    return htmlToText(s)
      .split('\n')
      .flatMap((l) => cleanLine(l));
  }
  s = decodeEntities(s).trim();
  let emphasised = false;
  const heading = s.match(/^#{1,6}\s+(.*)$/);
  if (heading) {
    s = heading[1] ?? '';
    emphasised = true;
  }
  s = s.replace(/^>\s?/, '').replace(/^\*\s+/, '- ');
  // `**Whole line**` (optionally with a trailing colon) is a heading hint.
  if (/^(\*\*|__).+(\*\*|__):?$/.test(s) && !/^(\*\*|__).+?(\*\*|__).+(\*\*|__)/.test(s.replace(/:$/, ''))) emphasised = true;
  s = s.replace(/\*\*|__/g, '').replace(/(^|\s)\*(\S[^*]*\S|\S)\*(?=\s|$|[.,;:])/g, '$1$2');
  s = s.replace(/\\([-.*_#()[\]!+])/g, '$1');
  s = s.replace(/\s+/g, ' ').trim();
  return [{ text: s, emphasised, isTable: false }];
}

const CLOSING_LINE_RE = /^tr\S{0,2}n d\S{0,2}y (?:la|l\S)\b/;
const NATIONAL_END_RE = /c\S{0,2}ng\s+h\S{0,2}a\s+x\S{0,2}\s+h\S{0,2}i\s+ch\S{0,2}\s+ngh\S{0,2}a\s+vi\S{0,2}t\s+nam\s*$|[dđ]\S{0,2}c\s+[l1]\S{0,2}p\s*-\s*t\S{0,2}\s*do\s*-\s*h\S{0,2}nh\s+ph\S{0,3}c\s*$/;
const MARKER_RE = /^(?:[-–•+*]\s*\S|\(?[0-9]{1,2}(?:\.[0-9]{1,2})*[.)]\s|[IVXl1|]{1,5}[.)]\s|[a-zđ]\)\s)/u;
const ROMAN_LINE_RE = /^[IVX][IVXl1|]{0,4}[.)]\s+\S/;

function isUpperish(s: string): boolean {
  const letters = s.replace(/[^\p{L}]/gu, '');
  if (letters.length < 3) return false;
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  return upper / letters.length >= 0.7;
}

/**
 * Rebuilds paragraphs from lines. PDF and OCR text wraps long paragraphs over
 * several lines without blank lines between paragraphs, so a line joins the
 * previous one unless: a blank line, list marker, table row or emphasised line
 * intervenes; the previous line was a heading-like uppercase line; or the
 * previous line was clearly shorter than the block's width (the last line of a
 * paragraph, or a heading).
 */
export function buildParagraphs(input: string): { paras: Para[]; ocrDFix: boolean } {
  let text = input.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\f/g, '\n\n');
  const ocrDFix = looksLikeDReadAsP(text);
  if (ocrDFix) text = restoreDFromP(text);
  const lines = text.split('\n').flatMap((l) => (l.trim() === '' ? [{ text: '', emphasised: false, isTable: false }] : cleanLine(l)));

  const paras: Para[] = [];
  let cur: string[] = [];
  let curEmph = false;
  let blockWidth = 0;
  let prevLine = '';
  const flush = () => {
    if (cur.length) {
      const t = cur.join(' ').replace(/\s+/g, ' ').trim();
      const prev = paras[paras.length - 1];
      // A page break inside a sentence leaves a blank line before a lower-case continuation.
      if (t && prev && !prev.isTable && !prev.emphasised && !curEmph && /^\p{Ll}/u.test(t) && !MARKER_RE.test(t) && !/[.;:!?]$/.test(prev.text)) {
        prev.text = `${prev.text} ${t}`;
        prev.key = alignedFold(prev.text);
      } else if (t) paras.push({ text: t, key: alignedFold(t), emphasised: curEmph, isTable: false });
    }
    cur = [];
    curEmph = false;
  };
  // Width of each run of non-blank lines, to tell wrapped lines from short ones.
  const widths: number[] = new Array(lines.length).fill(0);
  for (let i = 0; i < lines.length; ) {
    let j = i;
    let w = 0;
    while (j < lines.length && lines[j]!.text !== '') w = Math.max(w, lines[j++]!.text.length);
    for (let k = i; k < j; k++) widths[k] = w;
    i = j + 1;
  }
  lines.forEach((line, i) => {
    if (line.text === '') {
      flush();
      prevLine = '';
      return;
    }
    if (line.isTable) {
      flush();
      paras.push({ text: line.text, key: alignedFold(line.text), emphasised: false, isTable: true });
      prevLine = '';
      return;
    }
    blockWidth = widths[i] ?? 0;
    const t = line.text;
    const startsNew =
      !cur.length ||
      line.emphasised ||
      curEmph ||
      MARKER_RE.test(t) ||
      (ROMAN_LINE_RE.test(prevLine) && isUpperish(prevLine)) ||
      /[:]$/.test(prevLine) ||
      // The closing formula (`Trên đây là Kế hoạch…`) always opens a paragraph.
      (/[.!?]$/.test(prevLine) && CLOSING_LINE_RE.test(alignedFold(t))) ||
      // The national title and the motto end their line in a two-column header.
      NATIONAL_END_RE.test(alignedFold(prevLine)) ||
      (blockWidth >= 40 && prevLine.length < blockWidth * 0.65) ||
      isUpperish(prevLine) !== isUpperish(t);
    if (startsNew) flush();
    if (line.emphasised) curEmph = true;
    cur.push(t);
    prevLine = t;
  });
  flush();
  return { paras, ocrDFix };
}

/** First `ngày D tháng M năm Y` or `D/M/Y` at the start of a folded string, as ISO. */
export function leadingDate(key: string): { iso: string; length: number } | null {
  const m =
    key.match(/^\s*[,(]?\s*(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})/) ??
    key.match(/^\s*[,(]?\s*(?:ngay\s*)?(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/);
  if (!m) return null;
  const iso = isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
  return iso ? { iso, length: m[0].length } : null;
}

/** `YYYY-MM-DD` if the calendar date exists. */
export function isoDate(y: number, m: number, d: number): string | null {
  if (!(y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1)) return null;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > last) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const ROMAN_VALUES: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };
export function romanToInt(r: string): number | null {
  if (!/^[IVXL]+$/.test(r)) return null;
  let total = 0;
  for (let i = 0; i < r.length; i++) {
    const v = ROMAN_VALUES[r[i]!]!;
    const next = ROMAN_VALUES[r[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

/** Trims list dashes, trailing punctuation and stray brackets. */
export function tidy(s: string): string {
  return s
    .replace(/^[\s\-–•+*.;:,]+/, '')
    .replace(/[\s.;:,]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}
