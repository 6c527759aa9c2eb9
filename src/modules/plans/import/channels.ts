// Communication channels the plan names: portals, pages, groups, press, bulletins, events.
import { tidy, type Para } from './text';

export type Channel = { kind: string; label: string; address: string | null };

// Folded, OCR-tolerant spellings: `thông tin` (theng/thdng), `điện tử` (dien tir/tur).
const INFO = 'th\\S{1,3}g\\s+tin';
const ELECTRONIC = 'di\\S{0,2}n\\s+t\\S{0,2}';
const SITE_RE = new RegExp(`(c\\S{0,2}ng\\s+${INFO}(?:\\s+${ELECTRONIC})?|trang\\s+${INFO}\\s+${ELECTRONIC}|trang\\s+tt\\s*dt|website|trang web|\\bweb\\b)`, 'g');
// A site owned by sub-units (schools, district offices) is `website`; the issuer's or sector's own is `portal`.
const SUBUNIT_OWNER_RE = /^(?:\s*(?:chinh thuc\s*)?(?:c\S{0,2}a\s+)?)(?:cac\s+|moi\s+|tung\s+)?(?:nha tr\S{0,3}ng|tr\S{0,3}ng\b|don vi|co so|cac phong|phong gd\S*\s+cac|truong hoc)/;

type Cue = { kind: Channel['kind']; re: RegExp; eventOnly?: boolean };
const CUES: Cue[] = [
  { kind: 'fanpage', re: /fan\s*page|facebook|face book|trang mang xa hoi/g },
  { kind: 'group', re: /\b(?:hoi,?\s*nhom|nhom facebook|nhom tren mang xa hoi|nhom cong dong|groups?)\b/g },
  { kind: 'zalo', re: /\bzalo\b/g },
  { kind: 'email', re: /\be-?mail\b|\bthu\s+di\S{0,2}n\s+t\S{0,2}\b|\bhop\s+thu\b/g },
  { kind: 'hotline', re: /d\S{0,3}ng\s+d\S{0,2}y\s+n\S{0,2}ng|hot\s*line|tong dai/g },
  { kind: 'press', re: /bao\s+chi|\bbao,\s*dai\b|phat\s+thanh|truyen\s+hinh|truyen\s+thanh|thong\s+tan|bao\s+dien\s+tu|tap\s+chi|\bdai\s+(?:phat|truyen)|co quan bao\b/g },
  { kind: 'newsletter', re: /(?<!dia )\bban\s+tin\b|\bbang\s+tin\b|thu\s+tay|(?<!van )\bban\s+th\S{1,3}g\s+tin|bao\s+tuong|tap\s+san|thu\s+ngo/g },
  // Meetings, trainings, contests count as channels only where the plan lists channels.
  { kind: 'event', re: /\bhoi\s+nghi\b|\bhoi\s+thao\b|tap\s+hu\S{0,2}n|toa\s+dam|dien\s+dan|su\s+ki\S{0,2}n|cuoc\s+thi|hoi\s+thi|an\s+pham|trien\s+lam|le\s+phat\s+dong/g, eventOnly: true },
];
const URL_RE = /\b(?:https?:\/\/)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:vn|com|net|org|edu|gov)(?:\.vn)?(?:\/[^\s,;)]*)?/gi;
const EMAIL_RE = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;
const PHONE_RE = /(?<![\d/])(?:\+84|0)\d(?:[ .-]?\d){7,9}(?![\d/])/g;

/** Text from a match to the next clause break, as a readable label. */
function labelAt(p: Para, start: number): string {
  const rest = p.text.slice(start);
  const end = rest.search(/[,;:.(]|\s-\s/);
  const label = tidy(rest.slice(0, end < 0 ? 120 : Math.min(end, 120)));
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** The words naming what an address belongs to: the clause before it (`Cổng TTĐT của Sở (https://…)`). */
function labelBefore(p: Para, at: number): string {
  const head = p.text.slice(0, at);
  const start = Math.max(head.lastIndexOf(';'), head.lastIndexOf(' - '), head.lastIndexOf('. '));
  return tidy(head.slice(start + 1).replace(/[(:]\s*$/, '')).slice(0, 100);
}

/**
 * Channels named in the body. `inChannelContext` tells whether a paragraph
 * sits in a part about channels or forms (Kênh…, Hình thức…) or names one
 * itself; events only count there, because "tổ chức tập huấn" elsewhere is an
 * activity, not a channel. One entry per kind, or per address when given.
 * `issuerIsSchool`: the plan is a school's, so the school's site is its portal.
 */
export function extractChannels(paras: Para[], inChannelContext: (i: number) => boolean, issuerIsSchool = false): Channel[] {
  const found: Channel[] = [];
  const add = (c: Channel) => {
    if (c.address) {
      if (found.some((f) => f.address === c.address)) return;
      const bare = found.findIndex((f) => f.kind === c.kind && !f.address);
      if (bare >= 0) found.splice(bare, 1);
      found.push(c);
    } else if (!found.some((f) => f.kind === c.kind)) found.push(c);
  };
  paras.forEach((p, i) => {
    if (p.isTable) return;
    const key = p.key;
    let siteKind: string | null = null;
    const context = inChannelContext(i) || /\bkenh\b|hinh thuc truyen thong/.test(key);
    for (const m of key.matchAll(SITE_RE)) {
      const after = key.slice(m.index! + m[0].length, m.index! + m[0].length + 60);
      const before = key.slice(Math.max(0, m.index! - 12), m.index!);
      const wide = key.slice(Math.max(0, m.index! - 30), m.index!);
      const subunit =
        SUBUNIT_OWNER_RE.test(after) || /\bcac\s*$/.test(before) || /^\s*(?:cac\s+)?(?:don vi|truong)\b/.test(after) ||
        /\b(?:truong hoc|cac truong|moi truong|nha truong|cac don vi|co so giao duc)\b/.test(wide);
      // In a school's own plan, "website của trường" is the issuer's own site; only other units' sites are `website`.
      const own = issuerIsSchool && !/\bcac\s+(?:truong|don vi|lop|to)\b/.test(before + after);
      const kind = subunit && !own ? 'website' : 'portal';
      siteKind ??= kind;
      add({ kind, label: labelAt(p, m.index!), address: null });
    }
    for (const cue of CUES) {
      if (cue.eventOnly && !context) continue;
      for (const m of key.matchAll(cue.re)) {
        // "nhóm Zalo" is a Zalo group: counted as zalo.
        if (cue.kind === 'group' && /zalo/.test(key.slice(m.index!, m.index! + 30))) continue;
        add({ kind: cue.kind, label: labelAt(p, m.index!), address: null });
      }
    }
    for (const m of p.text.matchAll(EMAIL_RE)) add({ kind: 'email', label: m[0], address: m[0] });
    for (const m of p.text.matchAll(URL_RE)) {
      if (m[0].includes('@') || p.text[m.index! - 1] === '@') continue;
      const u = m[0].toLowerCase();
      const kind = /facebook\.com|fb\.com/.test(u) ? (/\/groups\//.test(u) ? 'group' : 'fanpage') : /zalo\.me/.test(u) ? 'zalo' : /youtube|tiktok/.test(u) ? 'other' : siteKind ?? 'portal';
      add({ kind, label: labelBefore(p, m.index!) || m[0], address: m[0].replace(/[.]$/, '') });
    }
    // Phone numbers given as contact points (hotline, "điện thoại").
    for (const m of p.text.matchAll(PHONE_RE)) {
      if (!/dien thoai|\bdt\b|hotline|duong day|sdt/.test(key.slice(Math.max(0, m.index! - 40), m.index!))) continue;
      add({ kind: 'hotline', label: labelBefore(p, m.index!) || m[0], address: m[0].trim() });
    }
  });
  return found;
}
