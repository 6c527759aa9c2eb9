// The documents a plan is based on (Căn cứ…, Thực hiện…), with number, date, issuer and gist.
import { leadingDate, tidy, type Para } from './text';

export type BasisDoc = { kind: string; ref: string; date: string | null; issuer: string | null; summary: string | null };

// Symbol of a document type, as the first part of the sign (`KH` in `141/KH-BGDĐT`).
const TYPE_BY_SYMBOL: Record<string, string> = {
  KH: 'Kế hoạch', CT: 'Chỉ thị', QĐ: 'Quyết định', NĐ: 'Nghị định', TT: 'Thông tư', NQ: 'Nghị quyết',
  KL: 'Kết luận', HD: 'Hướng dẫn', TB: 'Thông báo', CV: 'Công văn', BC: 'Báo cáo', CTr: 'Chương trình',
};
// Folded name before the number → display kind. Tolerates OCR'd vowels.
const KIND_WORDS: [RegExp, string][] = [
  [/k\S{0,2}\s*ho\S{0,2}ch$/, 'Kế hoạch'],
  [/ch\S{0,2}\s*th\S{0,2}$/, 'Chỉ thị'],
  [/quy\S{0,2}t\s*d\S{0,2}nh$/, 'Quyết định'],
  [/ngh\S{0,2}\s*quy\S{0,2}t$/, 'Nghị quyết'],
  [/ngh\S{0,2}\s*d\S{0,2}nh$/, 'Nghị định'],
  [/th\S{0,2}ng\s*t\S{0,2}$/, 'Thông tư'],
  [/c\S{0,2}ng\s*v\S{0,2}n$/, 'Công văn'],
  [/k\S{0,2}t\s*lu\S{0,2}n$/, 'Kết luận'],
  [/h\S{0,2}\S{0,2}ng\s*d\S{0,2}n$/, 'Hướng dẫn'],
  [/th\S{0,2}ng\s*b\S{0,2}o$/, 'Thông báo'],
  [/ch\S{0,2}\S{0,2}ng\s*tr\S{0,2}nh$/, 'Chương trình'],
  [/lu\S{0,2}t$/, 'Luật'],
];

// `141/KH-BGDĐT`, `21/2018/QĐ-UBND`, `1137/KH - SGDDT` (OCR spacing), `140/KHBGDĐT`.
const REF_RE = /(?<![\d/])(\d{1,5})\s*(?:\/\s*((?:19|20)\d\d))?\s*\/\s*([A-ZĐ][A-Za-zĐđ]*(?:\s*-\s*[A-ZĐ][A-Za-zĐđ0-9]*)*)/gu;
// Party documents: `29-NQ/TW`, `05-CT/TW`.
const PARTY_REF_RE = /(?<![\d/])(\d{1,4})\s*-\s*([A-Z]{2,3})\s*\/\s*(TW|TU|HU|ĐU|BCSĐ)\b/gu;

/**
 * Canonical number and symbol: spaces dropped, the hyphen a scan lost after
 * the type restored (`140/KHBGDĐT` → `140/KH-BGDĐT`), and `Đ` put back where
 * text without diacritics spelt it `D` in the well-known symbols.
 */
export function normaliseRef(raw: string): string {
  let s = raw.replace(/\s+/g, '').replace(/[.,;:]+$/, '');
  s = s.replace(/\/(KH|CT|QĐ|QD|NĐ|ND|TT|NQ|KL|HD|TB|CV|BC)(?=[A-ZĐ]{3,}$)/, '/$1-');
  s = s.replace(/(^|[/-])Q[DP](?=-|$)/g, '$1QĐ').replace(/(^|[/-])N[DP](?=-|$)/g, '$1NĐ');
  s = s.replace(/GDDT/g, 'GDĐT').replace(/(S|P|B)GDPT\b/g, '$1GDĐT');
  return s;
}

function kindOf(before: string, symbol: string): string {
  const tail = before.replace(/\s*(?:s\S{0,2}|s\S{0,2}\s*:)?\s*$/, '').trim();
  for (const [re, kind] of KIND_WORDS) if (re.test(tail)) return kind;
  const type = symbol.split(/[-/]/)[0] ?? '';
  return TYPE_BY_SYMBOL[type.replace('QD', 'QĐ').replace('ND', 'NĐ')] ?? 'Văn bản';
}

/**
 * All references in a stretch of paragraphs. Each gets the date written right
 * after it, the issuer (`của …`) and the gist (`về …`) up to the next
 * reference or semicolon.
 */
export function findRefs(paras: Para[]): BasisDoc[] {
  const out: BasisDoc[] = [];
  for (const p of paras) {
    const hits: { start: number; end: number; ref: string }[] = [];
    for (const m of p.text.matchAll(REF_RE)) {
      const [number, year, symbol] = [m[1]!, m[2], m[3]!.replace(/\s+/g, '')];
      // `lần/năm`-style fractions have no upper-case symbol; dates have no letters at all.
      if (!/^[A-ZĐ]{1,4}[a-z]?(-|$)/.test(symbol) && !/^[A-ZĐ]{2,}/.test(symbol)) continue;
      hits.push({ start: m.index!, end: m.index! + m[0].length, ref: normaliseRef(`${number}/${year ? year + '/' : ''}${symbol}`) });
    }
    for (const m of p.text.matchAll(PARTY_REF_RE)) hits.push({ start: m.index!, end: m.index! + m[0].length, ref: `${m[1]}-${m[2]}/${m[3]}` });
    hits.sort((a, b) => a.start - b.start);
    hits.forEach((h, n) => {
      const nextStart = hits[n + 1]?.start ?? p.text.length;
      const before = p.key.slice(Math.max(0, h.start - 30), h.start);
      let pos = h.end;
      const d = leadingDate(p.key.slice(pos, pos + 40));
      if (d) pos += d.length;
      // The gist ends at the next semicolon or at the name of the next document.
      let stop = p.text.indexOf(';', pos);
      if (stop < 0 || stop > nextStart) stop = nextStart;
      let seg = p.text.slice(pos, stop);
      const nextKind = seg.match(/,?\s*(?:Kế hoạch|Chỉ thị|Quyết định|Nghị quyết|Nghị định|Thông tư|Công văn|Kết luận|Hướng dẫn)\s*(?:số)?\s*$/iu);
      if (nextKind) seg = seg.slice(0, nextKind.index);
      const segKey = p.key.slice(pos, pos + seg.length);
      let issuer: string | null = null;
      let summary: string | null = null;
      const of = segKey.match(/^\s*,?\s*c\S{0,2}a\s+(.+?)(?=\s+(?:ve|v\/v|ban hanh|quy dinh|huong dan|phe duyet)\s|$)/);
      let rest = 0;
      if (of) {
        issuer = tidy(seg.slice(of.index! + of[0].indexOf(of[1]!), of.index! + of[0].length)) || null;
        rest = of.index! + of[0].length;
      }
      const about = segKey.slice(rest).match(/^\s*(?:ve|v\/v:?)\s+(.+)$/);
      if (about) summary = tidy(seg.slice(rest + about.index! + about[0].indexOf(about[1]!))) || null;
      else summary = tidy(seg.slice(rest)) || null;
      // The opening sentence ends with "…, Sở GDĐT xây dựng Kế hoạch…": not part of the gist.
      if (summary) {
        const cut = summary.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().search(/,\s*(?:phong|so|truong|uy ban|ubnd|ban|trung tam)\b[^,;]*\s(?:xay dung|ban hanh|trien khai)\s/);
        if (cut > 0) summary = tidy(summary.slice(0, cut)) || null;
      }
      if (summary && summary.length > 240) summary = summary.slice(0, 240).replace(/\s\S*$/, '') + '…';
      out.push({ kind: kindOf(before, h.ref), ref: h.ref, date: d?.iso ?? null, issuer, summary });
    });
  }
  return out;
}

/**
 * The plan's basis: references cited in the opening paragraph(s) between the
 * title and the first part, plus those in a part titled `Căn cứ…`. The plan's
 * own number is not its own basis; repeated citations are listed once.
 */
export function findBasis(opening: Para[], ownNumber: string | null): BasisDoc[] {
  const seen = new Set<string>();
  const own = ownNumber ? ownNumber.toUpperCase() : null;
  return findRefs(opening).filter((b) => {
    const k = b.ref.toUpperCase();
    if (seen.has(k) || k === own || /^\//.test(k)) return false;
    seen.add(k);
    return true;
  });
}
