// The closing block: recipients (Nơi nhận) and the signature.
import { tidy, type Para } from './text';

export type Signer = { authority: string | null; title: string | null; deputyTitle: string | null; name: string | null };

// Heads' titles, folded → written form. Longer first so `giam doc so` wins over `giam doc`.
const TITLES: [string, string][] = [
  ['chanh van phong', 'CHÁNH VĂN PHÒNG'],
  ['giam doc so', 'GIÁM ĐỐC SỞ'],
  ['giam doc', 'GIÁM ĐỐC'],
  ['truong phong', 'TRƯỞNG PHÒNG'],
  ['hieu truong', 'HIỆU TRƯỞNG'],
  ['chu tich', 'CHỦ TỊCH'],
  ['truong ban', 'TRƯỞNG BAN'],
  ['bo truong', 'BỘ TRƯỞNG'],
  ['thu truong', 'THỦ TRƯỞNG'],
  ['uy ban nhan dan', 'ỦY BAN NHÂN DÂN'],
  ['ban giam hieu', 'BAN GIÁM HIỆU'],
];
const AUTHORITY_RE = /(?:^|[\s*(])(kt|tm|tl|tuq|q)\s*\.\s*/;
const SURNAMES = new Set(
  'nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly truong dinh lam mai ta trinh cao luu la quach thai thach kieu tong van ha doan chu lu luong tang tieu to khuc dam vuong hua giang'.split(' '),
);

/** The known title a folded fragment starts with, OCR slack of one letter per word allowed via `\S`. */
function titleAt(key: string): { title: string; length: number } | null {
  const k = key.replace(/^[\s.*]+/, '');
  const skipped = key.length - k.length;
  for (const [folded, written] of TITLES) {
    const re = new RegExp('^' + folded.split(' ').map((w) => w.replace(/[aeiouy]/g, '\\S')).join('\\s+') + '\\b');
    const m = k.match(re);
    if (m) return { title: written, length: skipped + m[0].length };
  }
  return null;
}

// `Nơi nhận:` with OCR slack (`Ns0’i nhdn:`).
export const RECIPIENTS_RE = /(?:^|\s)n\S{0,4}\s*nh\S{0,3}n\s*:/;

function looksLikeName(text: string): boolean {
  const words = text.split(/\s+/);
  if (words.length < 2 || words.length > 5 || /[\d:;,()/]/.test(text)) return false;
  const first = words[0]!.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
  const titled = words.every((w) => /^\p{Lu}\p{Ll}*$/u.test(w));
  const upper = words.every((w) => /^\p{Lu}+$/u.test(w));
  return (titled || upper) && SURNAMES.has(first);
}

/**
 * The signature: authority mark (`KT.`, `TM.`, `TL.`, `TUQ.`), the head's
 * title it is signed for, the signer's own title when it differs
 * (`PHÓ GIÁM ĐỐC`) and the name under it. Looks in the closing lines only.
 */
export function parseSigner(paras: Para[]): Signer | null {
  let authority: string | null = null;
  let title: string | null = null;
  let deputyTitle: string | null = null;
  let name: string | null = null;
  let lastTitleAt = -1;
  paras.forEach((p, i) => {
    if (p.isTable) return;
    // Lines of the recipients list may carry signature text merged from the right column.
    let base = 0;
    const rec = p.key.match(RECIPIENTS_RE);
    if (rec) base = rec.index! + rec[0].length;
    else if (/^[-–•+]/.test(p.text)) {
      // A recipient line: only text after its semicolon can be signature.
      const semi = p.text.indexOf(';');
      if (semi < 0) return;
      base = semi + 1;
    }
    const key = p.key.slice(base);
    // Signature titles are written in capitals; "các Phó Trưởng phòng" in prose is not one.
    const upper = (a: number, b: number) => {
      const letters = p.text.slice(base + a, base + b).replace(/[^\p{L}]/gu, '');
      return letters.length > 0 && letters.replace(/[^\p{Lu}]/gu, '').length / letters.length >= 0.8;
    };
    for (let from = 0; from < key.length; ) {
      const rest = key.slice(from);
      const auth = rest.match(AUTHORITY_RE);
      const depRe = /(?:^|[\s.;])p\s?h\S{0,2}\s+/;
      const dep = rest.match(depRe);
      const depAt = dep ? dep.index! + dep[0].length : -1;
      if (auth && (depAt < 0 || auth.index! < depAt)) {
        const t = titleAt(rest.slice(auth.index! + auth[0].length));
        if (t && upper(from + auth.index!, from + auth.index! + auth[0].length + t.length)) {
          authority = auth[1]!.toUpperCase() + '.';
          title = t.title;
          lastTitleAt = i;
          from += auth.index! + auth[0].length + t.length;
          continue;
        }
      }
      if (dep) {
        const t = titleAt(rest.slice(depAt));
        if (t && upper(from + dep!.index!, from + depAt + t.length)) {
          deputyTitle = 'PHÓ ' + t.title;
          title ??= t.title;
          lastTitleAt = i;
          from += depAt + t.length;
          continue;
        }
      }
      break;
    }
    // A line that is just a title (`TRƯỞNG PHÒNG`, `HIỆU TRƯỞNG`): signed in the head's own name.
    if (lastTitleAt !== i && !title) {
      const t = titleAt(p.key);
      if (t && p.key.replace(/[^a-z]/g, '').length <= t.title.length + 6 && p.text === p.text.toUpperCase()) {
        title = t.title;
        lastTitleAt = i;
      }
    }
  });
  if (lastTitleAt >= 0) {
    for (let i = lastTitleAt + 1; i < paras.length && i <= lastTitleAt + 6; i++) {
      const t = paras[i]!.text.replace(/^\*+|\*+$/g, '').trim();
      if (looksLikeName(t)) {
        name = t;
        break;
      }
    }
  }
  if (!title && !name) return null;
  return { authority, title, deputyTitle, name };
}

/**
 * Recipients: the dash lines after `Nơi nhận:`, without dashes and closing
 * punctuation. Text after a semicolon on the same line is the signature
 * column merged in by the layout, so it is cut off; wrapped lines are joined.
 */
export function parseRecipients(paras: Para[]): string[] {
  const start = paras.findIndex((p) => !p.isTable && RECIPIENTS_RE.test(' ' + p.key));
  if (start < 0) return [];
  const out: string[] = [];
  const head = paras[start]!;
  const afterHead = head.text.slice((' ' + head.key).match(RECIPIENTS_RE)!.index! + (' ' + head.key).match(RECIPIENTS_RE)![0].length - 1);
  const lines = [afterHead, ...paras.slice(start + 1, start + 40).map((p) => (p.isTable ? '' : p.text))];
  for (const [n, raw] of lines.entries()) {
    // Paragraph building may have joined several dash lines: split them again.
    for (const piece of raw.split(/(?:^|\s)(?=[-–•+]\s)/)) {
      const line = piece.trim();
      if (!line) continue;
      if (!/^[-–•+]/.test(line)) {
        if (n === 0) continue;
        if (out.length && /^\p{Ll}/u.test(line)) {
          out[out.length - 1] = tidy(out[out.length - 1] + ' ' + line.split(';')[0]);
          continue;
        }
        return out;
      }
      let item = line.replace(/^[-–•+]\s*/, '');
      const semi = item.indexOf(';');
      if (semi >= 0) item = item.slice(0, semi);
      // A signature title merged onto the line without a semicolon.
      item = item.replace(/\s+(?:KT|TM|TL|TUQ)\s*\..*$/u, '');
      item = tidy(item.replace(/\.\/?\.?$/, ''));
      if (item) out.push(item);
    }
  }
  return out;
}
