/**
 * Alias generation from official unit names: `Trường THCS Lê Lợi` →
 * `THCS Lê Lợi`, `Trung học cơ sở Lê Lợi`, `trường Lê Lợi`;
 * `Sở Giáo dục và Đào tạo tỉnh Đồng Tháp` → `Sở GDĐT Đồng Tháp`,
 * `Sở GD&ĐT Đồng Tháp`, `Sở Giáo dục Đồng Tháp`, bare `Sở GDĐT` (conditional).
 */
import { foldForMatch } from './fold';

export type AliasKind = 'name' | 'alias' | 'generated' | 'short' | 'dept-bare' | 'sector';
export type Alias = { text: string; kind: AliasKind };

/** School levels: every spelling in a group names the same level. */
export const LEVEL_GROUPS: readonly string[][] = [
  ['Tiểu học, THCS và THPT', 'TH, THCS và THPT', 'TH-THCS-THPT', 'Tiểu học, Trung học cơ sở và Trung học phổ thông'],
  ['Tiểu học và Trung học cơ sở', 'Tiểu học và THCS', 'TH và THCS', 'TH&THCS', 'TH - THCS', 'TiH&THCS', 'TH, THCS'],
  ['Trung học cơ sở và Trung học phổ thông', 'THCS và THPT', 'THCS&THPT', 'THCS - THPT'],
  ['Phổ thông Dân tộc nội trú THCS và THPT', 'PTDTNT THCS và THPT', 'PTDTNT THCS&THPT'],
  ['Phổ thông Dân tộc nội trú THCS', 'PTDTNT THCS', 'Phổ thông Dân tộc nội trú Trung học cơ sở'],
  ['Phổ thông Dân tộc nội trú THPT', 'PTDTNT THPT'],
  ['Phổ thông Dân tộc nội trú', 'PTDTNT', 'PT DTNT', 'Dân tộc nội trú', 'DTNT'],
  ['Phổ thông Dân tộc bán trú Tiểu học và THCS', 'PTDTBT TH&THCS', 'PTDTBT TH và THCS'],
  ['Phổ thông Dân tộc bán trú Tiểu học', 'PTDTBT TH', 'PTDTBT Tiểu học'],
  ['Phổ thông Dân tộc bán trú THCS', 'PTDTBT THCS', 'PTDTBT Trung học cơ sở'],
  ['Phổ thông Dân tộc bán trú', 'PTDTBT', 'PT DTBT', 'Dân tộc bán trú'],
  ['Trung học phổ thông chuyên', 'THPT chuyên', 'chuyên'],
  ['Trung học phổ thông', 'THPT', 'PTTH'],
  ['Trung học cơ sở', 'THCS', 'PTCS'],
  ['Tiểu học', 'TH', 'TiH'],
  ['Mầm non', 'MN'],
  ['Mẫu giáo', 'MG'],
  ['Nhà trẻ'],
  ['Giáo dục nghề nghiệp - Giáo dục thường xuyên', 'GDNN-GDTX', 'GDNN - GDTX', 'GDNN và GDTX'],
  ['Giáo dục thường xuyên', 'GDTX'],
  ['Phổ thông liên cấp', 'liên cấp'],
  ['Phổ thông', 'PT'],
];
const DEPT_HEADS = ['Sở Giáo dục và Đào tạo', 'Sở GDĐT', 'Sở GD&ĐT', 'Sở GD và ĐT', 'Sở Giáo dục'];
const DEPT_BARE = ['Sở Giáo dục và Đào tạo', 'Sở GDĐT', 'Sở GD&ĐT'];
const MINISTRY = ['Bộ Giáo dục và Đào tạo', 'Bộ GDĐT', 'Bộ GD&ĐT', 'Bộ Giáo dục'];
const OFFICE_HEADS: readonly string[][] = [
  ['Phòng Giáo dục và Đào tạo', 'Phòng GDĐT', 'Phòng GD&ĐT', 'Phòng Giáo dục'],
  ['Phòng Văn hóa - Xã hội', 'Phòng VH-XH', 'Phòng Văn hóa và Xã hội', 'Phòng VHXH'],
];
const LOCALITY_PREFIXES = ['huyện', 'quận', 'thị xã', 'thành phố', 'TP', 'xã', 'phường', 'đặc khu', 'thị trấn', 'tỉnh'];
const COMMUNE_PREFIXES = ['xã', 'phường', 'đặc khu', 'thị trấn'];
const COMMUNE_HEADS = ['Ủy ban nhân dân', 'UBND', 'Uỷ ban nhân dân'];

const F = (s: string) => foldForMatch(s);
const LEVELS_FOLDED = LEVEL_GROUPS.map((g) => g.map((v) => ({ v, f: F(v) })));
const LOCALITY_FOLDED = LOCALITY_PREFIXES.map((p) => F(p)).sort((a, b) => b.length - a.length);

/** Words of `name` after the first `nFoldedWords` folded words, in their original spelling. */
export function tailAfter(name: string, nFoldedWords: number): string {
  const tokens = name.trim().split(/\s+/);
  let used = 0;
  let i = 0;
  while (i < tokens.length && used < nFoldedWords) {
    const f = F(tokens[i]);
    used += f === '' ? 0 : f.split(' ').length;
    i++;
  }
  return tokens.slice(i).join(' ').replace(/^[-–,:]\s*/, '');
}

function startsWithWords(folded: string, prefix: string): boolean {
  return folded === prefix || folded.startsWith(`${prefix} `);
}

/** `tỉnh Đồng Tháp` → `Đồng Tháp`; `Phường Sa Đéc` → `Sa Đéc`; `UBND xã Tân Hồng` → `Tân Hồng`. */
export function stripLocalityPrefix(name: string): { prefix: string; core: string } {
  let n = name.trim();
  const f0 = F(n);
  for (const h of COMMUNE_HEADS) {
    const hf = F(h);
    if (startsWithWords(f0, hf)) { n = tailAfter(n, hf.split(' ').length); break; }
  }
  const f = F(n);
  for (const p of LOCALITY_FOLDED) {
    if (startsWithWords(f, p) && f !== p) {
      const words = p.split(' ').length;
      return { prefix: n.split(/\s+/).slice(0, words).join(' '), core: tailAfter(n, words) };
    }
  }
  return { prefix: '', core: n };
}

/** Level and core name of a school: `Trường THCS Lê Lợi` → THCS group, `Lê Lợi`. */
export function parseSchool(name: string): { group: number; variant: string; core: string } | null {
  let n = name.trim();
  let f = F(n);
  for (const head of ['truong', 'trung tam']) {
    if (startsWithWords(f, head)) {
      n = tailAfter(n, head.split(' ').length);
      f = F(n);
      break;
    }
  }
  let best: { group: number; variant: string; len: number } | null = null;
  LEVELS_FOLDED.forEach((g, gi) => {
    for (const { v, f: vf } of g) {
      if (startsWithWords(f, vf) && f !== vf) {
        const len = vf.split(' ').length;
        if (!best || len > best.len) best = { group: gi, variant: v, len };
      }
    }
  });
  if (!best) return null;
  const b = best as { group: number; variant: string; len: number };
  const core = tailAfter(n, b.len);
  if (!F(core)) return null;
  return { group: b.group, variant: b.variant, core };
}

export type EntryLike = { kind: 'unit' | 'person' | 'topic'; name: string; aliases?: string[]; unitType?: string; provinceName?: string | null };

/** Aliases of one watch entry, official name first; de-duplicated by folded text. */
export function generateAliases(e: EntryLike, provinceVariants: (province: string) => string[] = (p) => [p]): Alias[] {
  const out: Alias[] = [];
  const seen = new Set<string>();
  const add = (text: string, kind: AliasKind) => {
    const f = F(text);
    if (!f || seen.has(f)) return;
    seen.add(f);
    out.push({ text: text.replace(/\s+/g, ' ').trim(), kind });
  };
  add(e.name, 'name');
  for (const a of e.aliases ?? []) add(a, 'alias');
  if (e.kind !== 'unit') return out;
  const type = e.unitType ?? '';
  const f = F(e.name);
  if (type === 'ministry' || startsWithWords(f, 'bo giao duc')) {
    for (const m of MINISTRY) add(m, 'generated');
    return out;
  }
  if (type === 'department' || startsWithWords(f, 'so giao duc') || startsWithWords(f, 'so gddt') || startsWithWords(f, 'so gd dt')) {
    const province = e.provinceName ?? deptProvinceFromName(e.name);
    if (province) {
      for (const p of provinceVariants(province)) {
        for (const h of DEPT_HEADS) {
          add(`${h} ${p}`, 'generated');
          add(`${h} tỉnh ${p}`, 'generated');
          add(`${h} thành phố ${p}`, 'generated');
          add(`${h} TP ${p}`, 'generated');
        }
        add(`ngành giáo dục ${p}`, 'sector');
        add(`ngành giáo dục tỉnh ${p}`, 'sector');
        add(`ngành giáo dục và đào tạo ${p}`, 'sector');
        add(`ngành GDĐT ${p}`, 'sector');
      }
    }
    for (const h of DEPT_BARE) add(h, 'dept-bare');
    return out;
  }
  if (type === 'office' || startsWithWords(f, 'phong')) {
    for (const group of OFFICE_HEADS) {
      const hit = group.find((h) => startsWithWords(f, F(h)));
      if (!hit) continue;
      const rest = tailAfter(e.name, F(hit).split(' ').length);
      const { prefix, core } = stripLocalityPrefix(rest);
      for (const h of group) {
        if (prefix) add(`${h} ${prefix} ${core}`, 'generated');
        add(`${h} ${core}`, 'generated');
      }
    }
    return out;
  }
  if (type === 'commune' || /^(xa|phuong|dac khu|thi tran|ubnd|uy ban nhan dan) /.test(f)) {
    const { prefix, core } = stripLocalityPrefix(e.name);
    if (core && F(core) !== f) {
      const prefixes = prefix ? [prefix] : COMMUNE_PREFIXES;
      for (const p of prefixes) {
        add(`${p} ${core}`, 'generated');
        for (const h of COMMUNE_HEADS) add(`${h} ${p} ${core}`, 'generated');
      }
    }
    return out;
  }
  // schools and affiliated units
  const school = parseSchool(e.name);
  if (school) {
    const group = LEVEL_GROUPS[school.group];
    for (const v of group) {
      add(`${v} ${school.core}`, 'generated');
      add(`Trường ${v} ${school.core}`, 'generated');
    }
    if (school.group === LEVEL_GROUPS.findIndex((g) => g[0] === 'Trung học phổ thông chuyên')) add(`trường chuyên ${school.core}`, 'generated');
    // the bare short form needs a name of two words or more (`trường Hòa` would catch too much)
    if (F(school.core).split(' ').length >= 2) add(`trường ${school.core}`, 'short');
    return out;
  }
  if (startsWithWords(f, 'trung tam') || startsWithWords(f, 'truong')) {
    const head = startsWithWords(f, 'truong') ? 1 : 2;
    const core = tailAfter(e.name, head);
    if (F(core).split(' ').length >= 2) add(core, 'generated');
  }
  return out;
}

/** `Sở Giáo dục và Đào tạo tỉnh Đồng Tháp` → `Đồng Tháp`. */
export function deptProvinceFromName(name: string): string | null {
  const f = F(name);
  for (const h of DEPT_HEADS) {
    const hf = F(h);
    if (startsWithWords(f, hf) && f !== hf) {
      const rest = tailAfter(name, hf.split(' ').length);
      return stripLocalityPrefix(rest).core || null;
    }
  }
  return null;
}
