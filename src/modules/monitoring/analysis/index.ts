/**
 * Pure text analysis for monitoring (docs/MONITORING.md, "Matching, tone and
 * risk"): which watched units, people and topics a news item is about, its
 * tone, its education risk categories and a 0..1 risk score — each with a
 * Vietnamese explanation. No database, no I/O: the caller builds a
 * {@link Matcher} from its watch list once and calls {@link analyse} per item.
 */
import { generateAliases, stripLocalityPrefix, type AliasKind } from './aliases';
import { WordAutomaton } from './automaton';
import { foldForMatch } from './fold';
import { builtinPlaces, type PlaceRow } from './places';
import { PROVINCES_2025, PROVINCES_BEFORE_2025 } from './provinces';
import {
  BLOCKERS, CATEGORY_LABELS, CATEGORY_RULES, DENIAL_CUES, EDUCATION_CUES, GAP_WORDS, HISTORY_CUES, INTENSIFIERS,
  NEGATION_SCOPE, NEGATIVE_CUES, NEGATORS, NOT_NEGATORS, PERSON_CUE_WINDOW, PERSON_TITLE_CUES, POSITIVE_CUES, RISK_CATEGORIES, STREET_CUES,
} from './rules';

export { foldForMatch } from './fold';
export { RISK_CATEGORIES, CATEGORY_LABELS } from './rules';
export { generateAliases, parseSchool, deptProvinceFromName } from './aliases';
export { PROVINCES_2025, PROVINCES_BEFORE_2025 } from './provinces';
export { builtinPlaces, parsePlacesCsv, type PlaceRow } from './places';

export type WatchEntry = {
  kind: 'unit' | 'person' | 'topic';
  id: number;
  code: string;
  name: string;
  aliases?: string[];
  unitType?: string;
  provinceName?: string | null;
  parentName?: string | null;
  /** a person's unit (the id of a unit entry of the same watch list): naming it in the item is context enough */
  unitId?: number | null;
  /** shown in reasons instead of `name` (a topic's name; its keywords are name + aliases) */
  label?: string;
};
export interface Matcher {
  readonly size: number;
}
export type Analysis = {
  units: { id: number; code: string; via: string }[];
  people: { id: number; via: string }[];
  topics: { id: number; code: string; via: string }[];
  tone: 'negative' | 'neutral' | 'positive';
  categories: string[];
  /** 0..1 */
  riskScore: number;
  /** Vietnamese explanations, one per flag */
  reasons: string[];
  /** evidence behind the tone (for learners and debugging) */
  scores: { negative: number; positive: number; denial: number; byCategory: Record<string, number> };
  /** bottom-k sketch (k = {@link SKETCH_SIZE}) of hashed 3-word shingles of the folded text, ascending; for near-duplicate detection */
  sketch: number[];
};
export type MatcherOptions = {
  /** extra places (e.g. the full commune register, see parsePlacesCsv) */
  places?: PlaceRow[];
  /** extra risk rules: [phrase, category, weight] — users may add categories */
  extraRules?: { phrase: string; category: string; weight: number; negative?: number }[];
};

// pattern roles
const EDU = 1;
const STREET = 2;
const HISTORY = 4;
const PREFIX = 8;
const DENIAL = 16;
const NEGATOR = 32;
const NOTNEG = 64;
const BLOCKER = 128;
const INTENS = 256;
const RULE = 512;
const GAP_A = 1024;
const GAP_B = 2048;
const PLACE = 4096;
const UNIT = 8192;
/** a unit alias that is itself a place (`phường Sa Đéc`): places inside it still count */
const LOCUNIT = 16384;
/** a title or form of address before or after a person's name */
const PERSONCUE = 32768;

/** a pattern's word span counts from the title with this weight */
export const TITLE_WEIGHT = 2;
/** words around a school's mention searched for its own or another place */
export const OWN_PLACE_WINDOW = 80;
export const OTHER_PLACE_WINDOW = 30;
/** a province name and an education word at most this many words apart (same sentence) */
export const EDU_CONTEXT_WINDOW = 10;
export const SKETCH_SIZE = 16;
const CATEGORY_MIN = 2;
const NEGATIVE_MIN = 3;
const POSITIVE_MIN = 2;
const DENIAL_MIN = 2.5;
/** how a target's evidence is judged: by places named, always ours, `Sở GDĐT` without a province, a person (decided later) */
const MODE_PLACE = 0;
const MODE_OURS = 1;
const MODE_DEPT_BARE = 2;
const MODE_PERSON = 3;
/** at most this many same-named units are all taken when only their province is named */
const MAX_AMBIGUOUS = 3;

type Rule = { phrase: string; q: string; qTitle: string; cat: number; catW: number; negW: number; posW: number; denialW: number; intens: number };
type GapRule = { rule: number; a: number; b: number };
type Target = { entry: number; alias: string; kind: AliasKind; institutional: boolean };
type Place = { name: string; display: string; provinces: number[]; needsPrefix: boolean; bare: boolean; province: boolean };
type EntryInfo = { e: WatchEntry; province: number; localities: string[]; type: string; unitEntry: number; /** the localities as indexes in `places` */ locPlaces: number[] };

const INSTITUTION_HEADS = new Set(
  ['truong', 'so', 'phong', 'bo', 'trung', 'thcs', 'thpt', 'th', 'mn', 'mg', 'tih', 'ptdtnt', 'ptdtbt', 'gdtx', 'ubnd', 'uy', 'xa', 'phuong', 'dac', 'thi', 'nganh', 'mam', 'tieu', 'nha', 'dan', 'pho', 'chuyen', 'lien', 'gdnn', 'pt', 'pttp', 'ptth', 'ptcs', 'dtnt', 'cao', 'dai'],
);

const provinceIndex = new Map<string, number>(); // folded name → new province index
PROVINCES_2025.forEach((p, i) => {
  provinceIndex.set(foldForMatch(p.name), i);
  for (const v of p.variants ?? []) provinceIndex.set(foldForMatch(v), i);
});
const keyIndex = new Map(PROVINCES_2025.map((p, i) => [p.key, i]));
for (const o of PROVINCES_BEFORE_2025) {
  const i = keyIndex.get(o.into)!;
  if (!provinceIndex.has(foldForMatch(o.name))) provinceIndex.set(foldForMatch(o.name), i);
  for (const v of o.variants ?? []) provinceIndex.set(foldForMatch(v), i);
}

/** Index in {@link PROVINCES_2025} of a province name (new or pre-2025, with or without `tỉnh`/`TP`), or -1. */
export function provinceOf(name: string | null | undefined): number {
  if (!name) return -1;
  const core = stripLocalityPrefix(name).core;
  return provinceIndex.get(foldForMatch(core)) ?? provinceIndex.get(foldForMatch(name)) ?? -1;
}

/** Province key (`DTP`) for a key or a name, used when loading a full commune register. */
export function provinceKeyOf(nameOrKey: string): string | null {
  if (keyIndex.has(nameOrKey)) return nameOrKey;
  const i = provinceOf(nameOrKey);
  return i >= 0 ? PROVINCES_2025[i].key : null;
}

class MatcherImpl implements Matcher {
  readonly ac = new WordAutomaton();
  readonly entries: EntryInfo[] = [];
  readonly rules: Rule[] = [];
  readonly gaps: GapRule[] = [];
  readonly places: Place[] = [];
  readonly targets: Target[] = [];
  flags: Int32Array = new Int32Array(0);
  patRules: (number[] | undefined)[] = [];
  patGapA: (number[] | undefined)[] = [];
  patGapB: (number[] | undefined)[] = [];
  patTargets: (number[] | undefined)[] = [];
  patTargetsByProvince: (Map<number, number[]> | undefined)[] = [];
  /** same-named targets by the index in `places` of one of their localities */
  patTargetsByLocality: (Map<number, number[]> | undefined)[] = [];
  /** per place: the analysis (stamp) that saw it named, and its first mention there */
  placeStamp = new Int32Array(0);
  placeFirst = new Int32Array(0);
  provAny = new Int32Array(PROVINCES_2025.length);
  seenStamp = new Int32Array(0);
  stampNow = 0;
  selBuf: number[] = [];
  patPlace: (number[] | undefined)[] = [];
  patFlagsTmp = new Map<number, number>();
  departmentsByProvince = new Map<number, number[]>();
  placeByName = new Map<string, number>();
  provSeen = new Int32Array(PROVINCES_2025.length);
  /** per target: how its evidence is judged ({@link MODE_PLACE} …), filled once built */
  tMode = new Uint8Array(0);
  /** per target: a street name or historical figure before it rules it out */
  tPlainName = new Uint8Array(0);
  /** per target: its entry's province, and its localities as places[tLoc[tLocStart[ti] .. tLocStart[ti + 1] - 1]] */
  tProvince = new Int32Array(0);
  /** per target: its entry, and 1 for a keyword topic */
  tEntry = new Int32Array(0);
  tTopic = new Uint8Array(0);
  /** per target, made on first use: its `via` code and its explanation */
  tVia: (string | undefined)[] = [];
  tWhy: (string | undefined)[] = [];
  tLocStart = new Int32Array(0);
  tLoc = new Int32Array(0);
  // candidates of one hit: target index, evidence level, evidence (index in mentions or -1)
  candT: number[] = [];
  candLevel: number[] = [];
  candEv: number[] = [];
  catScore = new Float64Array(16);
  cueDisplay = new Map<number, string>();
  cueText(p: number): string {
    return this.cueDisplay.get(p) ?? this.ac.patternText[p];
  }
  departmentCount = 0;
  categoryNames: string[] = [...RISK_CATEGORIES];
  // reusable per-scan buffers
  flagsEnd = new Int32Array(1024);
  flagsStart = new Int32Array(1024);
  get size(): number {
    return this.entries.length;
  }

  addFlag(p: number, f: number): void {
    if (p >= 0) this.patFlagsTmp.set(p, (this.patFlagsTmp.get(p) ?? 0) | f);
  }
  push(list: (number[] | undefined)[], p: number, v: number): void {
    (list[p] ??= []).push(v);
  }
  addRule(phrase: string, category: string | null, catW: number, negW: number, posW = 0, denialW = 0, intens = 1): void {
    let cat = category ? this.categoryNames.indexOf(category) : -1;
    if (category && cat < 0) { this.categoryNames.push(category); cat = this.categoryNames.length - 1; }
    const id = this.rules.length;
    this.rules.push({ phrase, q: `"${phrase}"`, qTitle: `"${phrase}" (tiêu đề)`, cat, catW, negW, posW, denialW, intens });
    const parts = phrase.split('…');
    if (parts.length === 2) {
      const a = this.ac.add(parts[0]);
      const b = this.ac.add(parts[1]);
      if (a < 0 || b < 0) return;
      const g = this.gaps.length;
      this.gaps.push({ rule: id, a, b });
      this.addFlag(a, GAP_A);
      this.addFlag(b, GAP_B);
      this.push(this.patGapB, b, g);
      return;
    }
    const p = this.ac.add(phrase);
    this.addFlag(p, RULE);
    if (p >= 0) this.push(this.patRules, p, id);
  }
  addPlace(name: string, provinces: number[], opts: { needsPrefix: boolean; bare: boolean; province: boolean }): void {
    const p = this.ac.add(name);
    if (p < 0) return;
    const existing = (this.patPlace[p] ?? []).find((i) => this.places[i].name === foldForMatch(name));
    if (existing !== undefined) {
      const pl = this.places[existing];
      for (const v of provinces) if (!pl.provinces.includes(v)) pl.provinces.push(v);
      pl.bare = pl.bare || opts.bare;
      pl.province = pl.province || opts.province;
      pl.needsPrefix = pl.needsPrefix && opts.needsPrefix;
      return;
    }
    this.addFlag(p, PLACE);
    this.push(this.patPlace, p, this.places.length);
    this.placeByName.set(foldForMatch(name), this.places.length);
    this.places.push({ name: foldForMatch(name), display: name, provinces: [...provinces], ...opts });
  }
}

/** Builds the matcher for a watch list (units, people, topics). Cost is linear in the aliases; reuse it. */
export function buildMatcher(entries: WatchEntry[], options: MatcherOptions = {}): Matcher {
  const m = new MatcherImpl();
  const ac = m.ac;
  // rules and cues
  for (const cat of RISK_CATEGORIES) for (const [phrase, w, neg] of CATEGORY_RULES[cat]) m.addRule(phrase, cat, w, neg);
  for (const r of options.extraRules ?? []) m.addRule(r.phrase, r.category, r.weight, r.negative ?? r.weight);
  for (const [phrase, , neg] of NEGATIVE_CUES) m.addRule(phrase, null, 0, neg);
  for (const [phrase, pos] of POSITIVE_CUES) m.addRule(phrase, null, 0, 0, pos);
  for (const [phrase, w] of DENIAL_CUES) { m.addRule(phrase, null, 0, 0, 0, w); m.addFlag(ac.add(phrase), DENIAL); }
  for (const [phrase, f] of INTENSIFIERS) m.addRule(phrase, null, 0, 0, 0, 0, f);
  for (const s of NEGATORS) m.addFlag(ac.add(s), NEGATOR);
  for (const s of [...NEGATORS, ...DENIAL_CUES.map((d) => d[0])]) m.cueDisplay.set(ac.add(s), s);
  for (const s of NOT_NEGATORS) { m.addFlag(ac.add(s), NOTNEG); m.addRule(s, null, 0, 0); }
  for (const s of EDUCATION_CUES) m.addFlag(ac.add(s), EDU);
  for (const s of STREET_CUES) m.addFlag(ac.add(s), STREET);
  for (const s of HISTORY_CUES) m.addFlag(ac.add(s), HISTORY);
  for (const s of BLOCKERS) m.addFlag(ac.add(s), BLOCKER);
  for (const s of PERSON_TITLE_CUES) m.addFlag(ac.add(s), PERSONCUE);
  for (const s of ['tỉnh', 'thành phố', 'TP', 'xã', 'phường', 'quận', 'huyện', 'thị xã', 'thị trấn', 'đặc khu', 'TX', 'Thủ đô']) m.addFlag(ac.add(s), PREFIX);
  // gazetteer
  PROVINCES_2025.forEach((p, i) => {
    for (const n of [p.name, ...(p.variants ?? [])]) m.addPlace(n, [i], { needsPrefix: !!p.needsPrefix && n === p.name, bare: true, province: true });
  });
  for (const o of PROVINCES_BEFORE_2025) {
    const i = keyIndex.get(o.into)!;
    for (const n of [o.name, ...(o.variants ?? [])]) m.addPlace(n, [i], { needsPrefix: !!o.needsPrefix && n === o.name, bare: true, province: true });
  }
  for (const row of [...builtinPlaces(), ...(options.places ?? [])]) {
    const i = keyIndex.get(row.province);
    if (i === undefined) continue;
    m.addPlace(row.name, [i], { needsPrefix: row.kind !== 'district', bare: row.kind === 'district', province: false });
  }
  // watch list
  const provinceVariants = (name: string): string[] => {
    const i = provinceOf(name);
    if (i < 0) return [name];
    const p = PROVINCES_2025[i];
    return [...new Set([name, p.name, ...(p.variants ?? []).filter((v) => !/^(xứ|cố đô|đất|Thủ đô|Tây Đô)/.test(v))])];
  };
  for (const e of entries) {
    const type = e.kind === 'unit' ? (e.unitType || inferUnitType(e.name)) : e.kind;
    let province = provinceOf(e.provinceName);
    const localities = new Set<string>();
    if (e.parentName) {
      const core = stripLocalityPrefix(e.parentName).core;
      const parentFolded = foldForMatch(e.parentName);
      if (!/^(so|bo) /.test(parentFolded)) {
        const fc = foldForMatch(core);
        if (fc) localities.add(fc);
        if (province < 0) {
          // a known place name gives the province
          const pl = m.places[m.placeByName.get(fc) ?? -1];
          if (pl && pl.provinces.length === 1) province = pl.provinces[0];
        }
      } else if (province < 0) {
        province = provinceOf(stripLocalityPrefix(e.parentName.replace(/^(Sở|Bộ)[^]*?(tỉnh|thành phố|TP\.?)\s+/i, '')).core);
      }
    }
    if (type === 'commune') localities.add(foldForMatch(stripLocalityPrefix(e.name).core));
    const entryIdx = m.entries.length;
    const aliases = generateAliases({ ...e, unitType: type, provinceName: e.provinceName ?? null }, provinceVariants);
    if (type === 'department') {
      const deptName = aliases.find((a) => a.kind === 'generated')?.text;
      if (province < 0 && deptName) province = provinceOf(deptName.replace(/^Sở \S+\s*/, ''));
      if (province < 0) {
        for (const a of aliases) {
          const words = a.text.split(/\s+/);
          for (let k = words.length - 1; k > 0 && province < 0; k--) province = provinceOf(words.slice(k).join(' '));
          if (province >= 0) break;
        }
      }
      if (province >= 0) {
        const list = m.departmentsByProvince.get(province) ?? [];
        list.push(entryIdx);
        m.departmentsByProvince.set(province, list);
      }
      m.departmentCount++;
    }
    m.entries.push({ e, province, localities: [...localities], type, unitEntry: -1, locPlaces: [] });
    for (const loc of localities) {
      // own locality names are also places (prefix needed to count as someone else's)
      m.addPlace(loc, province >= 0 ? [province] : [], { needsPrefix: true, bare: false, province: false });
    }
    for (const a of aliases) {
      const p = ac.add(a.text);
      if (p < 0) continue;
      const first = foldForMatch(a.text).split(' ')[0];
      m.addFlag(p, UNIT);
      if (type === 'commune' || type === 'office') m.addFlag(p, LOCUNIT);
      m.push(m.patTargets, p, m.targets.length);
      m.targets.push({ entry: entryIdx, alias: a.text, kind: a.kind, institutional: INSTITUTION_HEADS.has(first) && e.kind === 'unit' });
    }
  }
  // a person's unit, as an entry index
  const unitEntryById = new Map<number, number>();
  m.entries.forEach((x, i) => { if (x.e.kind === 'unit') unitEntryById.set(x.e.id, i); });
  for (const x of m.entries) if (x.e.kind === 'person' && x.e.unitId != null) x.unitEntry = unitEntryById.get(x.e.unitId) ?? -1;
  ac.build();
  for (const x of m.entries) for (const loc of x.localities) { const pi = m.placeByName.get(loc); if (pi !== undefined) x.locPlaces.push(pi); }
  m.placeStamp = new Int32Array(m.places.length);
  m.placeFirst = new Int32Array(m.places.length);
  // big same-name groups (`trường Kim Đồng` in many provinces): index their targets by province
  m.patTargets.forEach((ts, p) => {
    if (!ts || ts.length <= MAX_AMBIGUOUS) return;
    const byProv = new Map<number, number[]>();
    for (const ti of ts) {
      const pv = m.entries[m.targets[ti].entry].province;
      const list = byProv.get(pv) ?? [];
      list.push(ti);
      byProv.set(pv, list);
    }
    m.patTargetsByProvince[p] = byProv;
    const byLoc = new Map<number, number[]>();
    for (const ti of ts) {
      for (const loc of m.entries[m.targets[ti].entry].locPlaces) {
        const list = byLoc.get(loc) ?? [];
        list.push(ti);
        byLoc.set(loc, list);
      }
    }
    m.patTargetsByLocality[p] = byLoc;
  });
  m.seenStamp = new Int32Array(m.entries.length);
  m.tMode = new Uint8Array(m.targets.length);
  m.tPlainName = new Uint8Array(m.targets.length);
  m.tProvince = new Int32Array(m.targets.length);
  m.tEntry = new Int32Array(m.targets.length);
  m.tTopic = new Uint8Array(m.targets.length);
  m.tLocStart = new Int32Array(m.targets.length + 1);
  const tLoc: number[] = [];
  m.targets.forEach((t, ti) => {
    const info = m.entries[t.entry];
    m.tProvince[ti] = info.province;
    m.tEntry[ti] = t.entry;
    m.tTopic[ti] = info.e.kind === 'topic' ? 1 : 0;
    m.tLocStart[ti] = tLoc.length;
    for (const pl of info.locPlaces) tLoc.push(pl);
    m.tLocStart[ti + 1] = tLoc.length;
    m.tPlainName[ti] = !t.institutional && info.type !== 'topic' ? 1 : 0; // (type is the kind for people and topics)
    m.tMode[ti] = info.type === 'person' ? MODE_PERSON
      : info.e.kind !== 'unit' || info.type === 'ministry' || (info.type === 'department' && t.kind !== 'dept-bare') ? MODE_OURS
      : t.kind === 'dept-bare' ? MODE_DEPT_BARE : MODE_PLACE;
  });
  m.tLoc = Int32Array.from(tLoc);
  const flags = new Int32Array(ac.patternText.length);
  for (const [p, f] of m.patFlagsTmp) flags[p] = f;
  m.flags = flags;
  m.patFlagsTmp.clear();
  return m;
}

type PlaceMention = { s: number; e: number; place: Place; pi: number; strong: boolean; title: boolean };

function quote(s: string): string {
  return `"${s}"`;
}

/** Per-article scratch space, reused between calls (analyse is synchronous). */
class Scratch {
  cap = 0;
  hP = new Int32Array(0);
  hS = new Int32Array(0);
  hE = new Int32Array(0);
  hF = new Int32Array(0);
  drop = new Uint8Array(0);
  unitHits = new Int32Array(0);
  fired = new Int32Array(256);
  ensure(n: number): void {
    if (n <= this.cap) return;
    const c = Math.max(256, n * 2);
    this.cap = c;
    this.hP = new Int32Array(c); this.hS = new Int32Array(c); this.hE = new Int32Array(c); this.hF = new Int32Array(c);
    this.drop = new Uint8Array(c);
    this.unitHits = new Int32Array(c);
  }
}
const scratch = new Scratch();

/** Analyses one item. Pure and synchronous; about 2.5 KB of text takes tens of microseconds. */
export function analyse(matcher: Matcher, text: { title: string; body: string }): Analysis {
  const m = matcher as MatcherImpl;
  const partStart = [0, 0];
  const S = m.ac.scan([text.title ?? '', text.body ?? ''], partStart);
  const bodyStart = partStart[1];
  const nWords = S.nWords;
  const flagsAll = m.flags;
  const plen = m.ac.patternLength;
  const nH = S.nHits;
  const X = scratch;
  X.ensure(nH);
  const hP = X.hP;
  const hS = X.hS;
  const hE = X.hE;
  const hF = X.hF;
  const drop = X.drop;
  let anyBlocker = false;
  for (let i = 0; i < nH; i++) {
    const p = S.hitPattern[i];
    const e = S.hitEnd[i];
    hP[i] = p; hE[i] = e; hS[i] = e - plen[p] + 1; hF[i] = flagsAll[p]; drop[i] = 0;
    if (hF[i] & BLOCKER) anyBlocker = true;
  }
  // containment: inside a longer hit of the same family, a hit does not count
  dropContained(nH, hS, hE, hF, drop, RULE | DENIAL | NEGATOR | NOTNEG | INTENS, UNIT, PLACE);
  // a place inside a unit's name (`THCS Hà Nội - Amsterdam`) is not a mention of that place
  const unitHits = X.unitHits;
  let nUnitHits = 0;
  for (let i = 0; i < nH; i++) if ((hF[i] & (UNIT | LOCUNIT)) === UNIT) unitHits[nUnitHits++] = i;
  if (nUnitHits > 0) {
    for (let i = 0; i < nH; i++) {
      if (!(hF[i] & PLACE) || drop[i]) continue;
      for (let k = 0; k < nUnitHits; k++) {
        const j = unitHits[k];
        if (j !== i && hS[j] <= hS[i] && hE[j] >= hE[i] && hE[j] - hS[j] > hE[i] - hS[i]) { drop[i] = 1; break; }
      }
    }
  }
  if (anyBlocker) {
    for (let b = 0; b < nH; b++) {
      if (!(hF[b] & BLOCKER)) continue;
      for (let i = 0; i < nH; i++) if (hF[i] & (UNIT | PLACE) && hS[i] >= hS[b] && hE[i] <= hE[b]) drop[i] = 1;
    }
  }
  // cue positions
  if (m.flagsEnd.length < nWords + 2) { m.flagsEnd = new Int32Array(nWords * 2 + 2); m.flagsStart = new Int32Array(nWords * 2 + 2); }
  const fEnd = m.flagsEnd;
  const fStart = m.flagsStart;
  fEnd.fill(0, 0, nWords + 1);
  fStart.fill(0, 0, nWords + 1);
  const CUES = EDU | STREET | HISTORY | PREFIX | PERSONCUE;
  for (let i = 0; i < nH; i++) {
    const f = hF[i] & CUES;
    if (f) { fEnd[hE[i]] |= f; fStart[hS[i]] |= f; }
  }
  const reasons: string[] = [];
  // places mentioned
  const mentions: PlaceMention[] = [];
  for (let i = 0; i < nH; i++) {
    if (drop[i] || !(hF[i] & PLACE)) continue;
    const s = hS[i];
    const prefixed = s > 0 && (fEnd[s - 1] & PREFIX) !== 0;
    const pls = m.patPlace[hP[i]];
    if (!pls) continue;
    for (let q = 0; q < pls.length; q++) {
      const pi = pls[q];
      const place = m.places[pi];
      // a name that needs its prefix but has none is weak: it still tells our own locality
      mentions.push({ s, e: hE[i], place, pi, strong: !place.needsPrefix || prefixed, title: s < bodyStart });
    }
  }
  // units, people, topics
  const units: Analysis['units'] = [];
  const people: Analysis['people'] = [];
  const topics: Analysis['topics'] = [];
  const stamp = ++m.stampNow;
  const seen = m.seenStamp;
  type Accepted = { t: Target; via: string; why: string; s: number; e: number };
  const accepted: Accepted[] = [];
  const spans: number[] = []; // entry, start, end of every accepted mention
  const accept = (t: Target, via: string, why: string, s = -1, e = -1) => {
    if (s >= 0) spans.push(t.entry, s, e);
    if (seen[t.entry] === stamp) return;
    seen[t.entry] = stamp;
    accepted.push({ t, via, why, s, e });
  };
  const rejected: string[] = [];
  // what places the article names: provinces (strong mentions) and locality names (any)
  const provSeen = m.provSeen;
  provSeen.fill(-1);
  const provAny = m.provAny;
  provAny.fill(0);
  const provList: number[] = [];
  // localities named: placeStamp[pi] === stamp, first mention placeFirst[pi]
  const placeStamp = m.placeStamp;
  const placeFirst = m.placeFirst;
  const localList: number[] = [];
  for (let k = 0; k < mentions.length; k++) {
    const x = mentions[k];
    if (placeStamp[x.pi] !== stamp) { placeStamp[x.pi] = stamp; placeFirst[x.pi] = k; localList.push(x.pi); }
    if (x.strong && x.place.province) for (const pv of x.place.provinces) if (provSeen[pv] < 0) provSeen[pv] = k;
    for (const pv of x.place.provinces) if (!provAny[pv]) { provAny[pv] = 1; provList.push(pv); }
  }
  const near: PlaceMention[] = [];
  const personHits: { t: Target; s: number; e: number }[] = [];
  for (let i = 0; i < nH; i++) {
    if (drop[i] || !(hF[i] & UNIT)) continue;
    const hs = hS[i];
    const he = hE[i];
    let ts = m.patTargets[hP[i]] ?? [];
    const byProv = m.patTargetsByProvince[hP[i]];
    const nAll = ts.length;
    if (byProv) {
      // many same-named units: those whose locality the item names, else those of the provinces it names
      const sel = m.selBuf;
      sel.length = 0;
      const byLoc = m.patTargetsByLocality[hP[i]]!;
      for (let q = 0; q < localList.length; q++) { const l = byLoc.get(localList[q]); if (l) for (const ti of l) sel.push(ti); }
      if (sel.length === 0) {
        for (const pv of provList) { if (provSeen[pv] < 0) continue; const l = byProv.get(pv); if (l) for (const ti of l) sel.push(ti); }
        if (sel.length > MAX_AMBIGUOUS) {
          rejected.push(`bỏ qua ${quote(m.targets[sel[0]].alias)}: trùng tên ${sel.length} đơn vị cùng tỉnh, không có địa danh để phân biệt`);
          continue;
        }
      }
      const l = byProv.get(-1);
      if (l) for (const ti of l) sel.push(ti);
      ts = sel;
    }
    const prevF = hs > 0 ? fEnd[hs - 1] : 0;
    const prevNum = hs > 0 && S.isNum[hs - 1] === 1 && S.sentence[hs - 1] === S.sentence[hs];
    near.length = 0;
    for (const x of mentions) {
      if (!x.strong || (x.s <= he && x.e >= hs)) continue; // the mention is this name itself
      const dist = x.s > he ? x.s - he : hs - x.e;
      if (x.title || dist <= OTHER_PLACE_WINDOW) near.push(x);
    }
    // evidence per candidate: 2 = own locality named (or not place-bound), 1 = own province named, 0 = nothing, -1 = another place nearby
    let best = -2;
    const candT = m.candT;
    const candLevel = m.candLevel;
    const candEv = m.candEv;
    let nCand = 0;
    const tMode = m.tMode;
    const tLocStart = m.tLocStart;
    const tLoc = m.tLoc;
    for (let q = 0; q < ts.length; q++) {
      const ti = ts[q];
      const mode = tMode[ti];
      if (m.tPlainName[ti] === 1 && (prevF & (STREET | HISTORY) || prevNum)) {
        if (nAll === 1) rejected.push(prevF & STREET || prevNum ? `bỏ qua ${quote(m.targets[ti].alias)}: là tên đường/địa chỉ` : `bỏ qua ${quote(m.targets[ti].alias)}: là nhân vật/sự kiện lịch sử`);
        continue;
      }
      if (mode === MODE_PERSON) { personHits.push({ t: m.targets[ti], s: hs, e: he }); continue; } // decided once units are known
      let level = 0;
      let ev = -1;
      if (mode === MODE_OURS) {
        level = 2;
      } else if (mode === MODE_DEPT_BARE) {
        const info = m.entries[m.targets[ti].entry];
        // `Sở GDĐT` without a province: ours if our province is named and no other right after, or if it is the only department
        const next = near.find((x) => x.s > he && x.s <= he + 3);
        if (next && !next.place.provinces.includes(info.province)) { level = -1; ev = mentions.indexOf(next); }
        else if (info.province >= 0 && provSeen[info.province] >= 0) { level = 1; ev = provSeen[info.province]; }
        else if (m.departmentCount === 1) level = 0;
        else continue;
      } else {
        const l0 = tLocStart[ti];
        const l1 = tLocStart[ti + 1];
        const province = m.tProvince[ti];
        for (let l = l0; l < l1; l++) { const pl = tLoc[l]; if (placeStamp[pl] === stamp) { level = 2; ev = placeFirst[pl]; break; } }
        if (level === 0 && province >= 0 && provSeen[province] >= 0) { level = 1; ev = provSeen[province]; }
        if (level === 0) {
          for (const x of near) {
            let own = false;
            for (let l = l0; l < l1 && !own; l++) own = tLoc[l] === x.pi;
            if (own) continue;
            if (province >= 0 ? x.place.provinces.length > 0 && !x.place.provinces.includes(province) : true) { level = -1; ev = mentions.indexOf(x); break; }
          }
        }
      }
      candT[nCand] = ti; candLevel[nCand] = level; candEv[nCand] = ev; nCand++;
      if (level > best) best = level;
    }
    if (nCand === 0) {
      if (nAll > MAX_AMBIGUOUS) rejected.push(`bỏ qua ${quote(m.targets[(m.patTargets[hP[i]] ?? [])[0]].alias)}: trùng tên ${nAll} đơn vị, bài không nêu địa phương của đơn vị nào`);
      continue;
    }
    if (best < 0) {
      rejected.push(`bỏ qua ${quote(m.targets[candT[0]].alias)}: trùng tên, bài nói về ${quote(mentions[candEv[0]].place.display)} (địa phương khác)`);
      continue;
    }
    // several same-named units with the same evidence: ambiguous unless the evidence is a locality
    let distinct = 0;
    let lastEntry = -1;
    for (let c = 0; c < nCand; c++) { const en = m.tEntry[candT[c]]; if (candLevel[c] === best && en !== lastEntry) { distinct++; lastEntry = en; } }
    if (distinct > MAX_AMBIGUOUS && best < 2) {
      rejected.push(`bỏ qua ${quote(m.targets[candT[0]].alias)}: trùng tên ${distinct} đơn vị, không có địa danh để phân biệt`);
      continue;
    }
    for (let c = 0; c < nCand; c++) {
      if (candLevel[c] !== best || stamp === seen[m.tEntry[candT[c]]]) continue;
      const t = m.targets[candT[c]];
      if (m.tTopic[candT[c]] === 1) { accept(t, `keyword:${t.alias}`, `từ khóa ${quote(t.alias)}`, hs, he); continue; }
      const ev = candEv[c] >= 0 ? mentions[candEv[c]] : null;
      // the texts that depend on the target alone are made once per target
      const via = (m.tVia[candT[c]] ??= `${t.kind}:${t.alias}`);
      const why = (m.tWhy[candT[c]] ??= `${quote(t.alias)} (${kindLabel(t.kind)})`);
      accept(t, ev ? `${via}+nơi:${ev.place.display}` : via, ev ? `${why}, có địa danh ${quote(ev.place.display)} trong bài` : why, hs, he);
    }
  }
  // departments by province name in an education context
  if (m.departmentsByProvince.size > 0) {
    for (const x of mentions) {
      if (!x.place.province || !x.strong) continue;
      for (const prov of x.place.provinces) {
        const depts = m.departmentsByProvince.get(prov);
        if (!depts) continue;
        const cue = eduCueNear(x, fStart, fEnd, S.sentence, nWords);
        if (cue < 0) continue;
        for (const d of depts) {
          if ((stamp === seen[d])) continue;
          const t: Target = { entry: d, alias: x.place.display, kind: 'sector', institutional: false };
          accept(t, `province+education:${x.place.display}`, `tên tỉnh ${quote(x.place.display)} trong ngữ cảnh giáo dục (${m.entries[d].e.code})`);
        }
      }
    }
  }
  // people: a title or form of address next to the name, or their unit named in the item
  for (const h of personHits) {
    const info = m.entries[h.t.entry];
    if ((stamp === seen[h.t.entry])) continue;
    const sent = S.sentence[h.s];
    let cue = -1;
    for (let d = 1; d <= PERSON_CUE_WINDOW && cue < 0; d++) {
      const w = h.s - d;
      if (w < 0 || S.sentence[w] !== sent) break;
      if (fEnd[w] & PERSONCUE) cue = w;
    }
    for (let d = 1; d <= 2 && cue < 0; d++) {
      const w = h.e + d;
      if (w >= nWords || S.sentence[w] !== sent) break;
      if (fStart[w] & PERSONCUE) cue = w;
    }
    if (cue >= 0) {
      accept(h.t, `person+title:${h.t.alias}`, `${quote(h.t.alias)} (tên người) có chức danh/danh xưng đi kèm`, h.s, h.e);
    } else if (info.unitEntry >= 0 && (stamp === seen[info.unitEntry])) {
      accept(h.t, `person+unit:${h.t.alias}`, `${quote(h.t.alias)} (tên người), bài nêu đơn vị ${quote(m.entries[info.unitEntry].e.name)}`, h.s, h.e);
    } else {
      rejected.push(`bỏ qua ${quote(h.t.alias)}: trùng tên người nhưng bài không nêu chức danh hay đơn vị của người này`);
    }
  }
  // a commune named right next to one of its schools is that school's address, not news about the commune
  for (const a of accepted) {
    const info = m.entries[a.t.entry];
    if (info.type !== 'commune' || a.s < 0) continue;
    const core = info.localities[0];
    let isAddress = true;
    for (let k = 0; k < spans.length && isAddress; k += 3) {
      if (spans[k] !== a.t.entry) continue;
      // every mention of the commune must sit next to one of its schools
      let nextToChild = false;
      for (let q = 0; q < spans.length; q += 3) {
        const b = m.entries[spans[q]];
        if (spans[q] === a.t.entry || b.type === 'commune' || !b.localities.includes(core)) continue;
        if (Math.min(Math.abs(spans[k] - spans[q + 2]), Math.abs(spans[q + 1] - spans[k + 2])) <= 8) { nextToChild = true; break; }
      }
      if (!nextToChild) isAddress = false;
    }
    if (isAddress) a.s = -2;
  }
  for (const a of accepted) {
    if (a.s === -2) continue;
    const e = m.entries[a.t.entry].e;
    if (e.kind === 'unit') units.push({ id: e.id, code: e.code, via: a.via });
    else if (e.kind === 'person') people.push({ id: e.id, via: a.via });
    else topics.push({ id: e.id, code: e.code, via: a.via });
    reasons.push(`${e.kind === 'unit' ? 'đơn vị' : e.kind === 'person' ? 'người' : 'chủ đề'} ${quote(e.label ?? e.name)} ← ${a.why}`);
  }
  for (let k = 0; k < rejected.length && k < 4; k++) reasons.push(rejected[k]);
  // tone and categories: collect fired rules as (rule << 2 | title << 1 | negated), explain at the end
  const nCat = m.categoryNames.length;
  const catScore = m.catScore.length >= nCat ? m.catScore.fill(0) : (m.catScore = new Float64Array(nCat));
  let neg = 0;
  let pos = 0;
  let denial = 0;
  let denialInTitle = false;
  let intens = 1;
  let fired = X.fired;
  let nFired = 0;
  const negatedBy: string[] = [];
  // negators by the word they end on (fStart is free again: reuse it)
  const negEnd = fStart;
  negEnd.fill(0, 0, nWords + 1);
  let nNegators = 0;
  for (let i = 0; i < nH; i++) if (!drop[i] && hF[i] & (NEGATOR | DENIAL) && !(hF[i] & NOTNEG)) { nNegators++; negEnd[hE[i]] = i + 1; }
  const fire = (ri: number, s: number) => {
    const r = m.rules[ri];
    const title = s < bodyStart;
    const w = title ? TITLE_WEIGHT : 1;
    let negator = -1;
    if (nNegators > 0 && (r.negW > 0 || r.catW > 0)) {
      for (let d = 1; d <= NEGATION_SCOPE && s - d >= 0; d++) {
        const j = negEnd[s - d] - 1;
        if (j >= 0 && S.sentence[s - d] === S.sentence[s]) { negator = j; break; }
      }
    }
    if (r.cat >= 0 && r.catW > 0) catScore[r.cat] += r.catW * w * (negator >= 0 ? 0.5 : 1);
    if (r.negW > 0) {
      if (negator >= 0) {
        denial += 1.5 * w;
        if (title) denialInTitle = true;
        if (negatedBy.length < 3) negatedBy.push(`${quote(r.phrase)} bị phủ định bởi ${quote(m.cueText(hP[negator]))}`);
      } else neg += r.negW * w;
    }
    if (r.posW > 0) pos += r.posW * w;
    if (r.denialW > 0) { denial += r.denialW * w; if (title) denialInTitle = true; }
    if (r.intens !== 1) intens *= r.intens;
    if (nFired === fired.length) { const f2 = new Int32Array(nFired * 2); f2.set(fired); fired = X.fired = f2; }
    fired[nFired++] = (ri << 2) | (title ? 2 : 0) | (negator >= 0 ? 1 : 0);
  };
  for (let i = 0; i < nH; i++) {
    const f = hF[i];
    if (!drop[i] && f & RULE) { const rs = m.patRules[hP[i]]; if (rs) for (let q = 0; q < rs.length; q++) fire(rs[q], hS[i]); }
    if (f & GAP_B) {
      for (const g of m.patGapB[hP[i]] ?? []) {
        const gr = m.gaps[g];
        const s = hS[i];
        for (let j = 0; j < nH; j++) {
          const ae = hE[j];
          if (hP[j] === gr.a && ae < s && ae >= s - 1 - GAP_WORDS && S.sentence[ae] === S.sentence[s]) { fire(gr.rule, hS[j]); break; }
        }
      }
    }
  }
  intens = Math.min(1.6, intens);
  const phrasesWhere = (want: (r: Rule, negated: boolean) => boolean, max: number): string => {
    const out: string[] = [];
    for (let k = 0; k < nFired && out.length < max; k++) {
      const v = fired[k];
      const r = m.rules[v >> 2];
      if (!want(r, (v & 1) === 1)) continue;
      const q = v & 2 ? r.qTitle : r.q;
      if (!out.includes(q)) out.push(q);
    }
    return out.join(', ');
  };
  const categories: string[] = [];
  const byCategory: Record<string, number> = {};
  for (let c = 0; c < nCat; c++) {
    if (catScore[c] <= 0) continue;
    const name = m.categoryNames[c];
    byCategory[name] = round2(catScore[c]);
    if (catScore[c] >= CATEGORY_MIN) {
      categories.push(name);
      const label = CATEGORY_LABELS[name];
      reasons.push(`từ ${phrasesWhere((r) => r.cat === c && r.catW > 0, 8)} → ${name}${label ? ` (${label})` : ''}, điểm ${round2(catScore[c])}`);
    }
  }
  const negative = neg * intens;
  // a denial counts when it is in the title or weighs at least half the accusation
  const isDenied = denial >= DENIAL_MIN && (denialInTitle || denial >= 0.5 * negative);
  let tone: Analysis['tone'] = 'neutral';
  if (!isDenied && negative >= NEGATIVE_MIN && negative > pos) tone = 'negative';
  else if (pos >= POSITIVE_MIN && pos >= (isDenied ? 0 : negative)) tone = 'positive';
  if (tone === 'negative') reasons.push(`giọng tiêu cực: ${phrasesWhere((r, n) => r.negW > 0 && !n, 6)} (điểm ${round2(negative)}${intens > 1 ? `, nhấn mạnh ×${round2(intens)}` : ''})`);
  if (tone === 'positive') reasons.push(`giọng tích cực: ${phrasesWhere((r) => r.posW > 0, 6)} (điểm ${round2(pos)})`);
  if (isDenied) {
    const cues = [phrasesWhere((r) => r.denialW > 0, 4), ...negatedBy].filter(Boolean).join(', ');
    reasons.push(`có bác bỏ/cải chính: ${cues} → không xếp tiêu cực${categories.length ? ', giữ chủ đề làm ngữ cảnh' : ''}`);
  }
  let risk = 1 - Math.exp(-negative / 8);
  if (isDenied) risk *= 0.25;
  else if (pos > negative) risk *= 0.5;
  if (tone === 'negative' && units.length > 0) risk = Math.min(1, risk + 0.1);
  const riskScore = round2(risk);
  if (riskScore > 0 && tone === 'negative') reasons.push(`điểm rủi ro ${riskScore}: 1 − e^(−${round2(negative)}/8)${units.length ? ' + 0,1 vì có đơn vị được theo dõi' : ''}`);
  return {
    units, people, topics, tone, categories, riskScore, reasons,
    scores: { negative: round2(negative), positive: round2(pos), denial: round2(denial), byCategory },
    sketch: sketchOf(S.wordHash, nWords),
  };
}

/** Unit type from the name when the caller did not say. */
export function inferUnitType(name: string): string {
  const f = foldForMatch(name);
  if (/^bo giao duc/.test(f)) return 'ministry';
  if (/^so (giao duc|gddt|gd dt|gd va dt)/.test(f)) return 'department';
  if (/^phong /.test(f)) return 'office';
  if (/^(xa|phuong|dac khu|thi tran|ubnd|uy ban nhan dan) /.test(f)) return 'commune';
  if (/^(truong|trung tam|nha tre|nhom tre|lop mau giao) /.test(f)) return 'school';
  return '';
}

function kindLabel(k: AliasKind): string {
  switch (k) {
    case 'name': return 'tên chính thức';
    case 'alias': return 'tên gọi khác do người dùng thêm';
    case 'generated': return 'tên rút gọn sinh tự động';
    case 'short': return 'tên ngắn';
    case 'dept-bare': return 'tên sở không kèm tỉnh';
    case 'sector': return 'ngành giáo dục của tỉnh';
  }
}

function uniq(a: string[]): string[] {
  return [...new Set(a)];
}
function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * Marks hits that lie strictly inside another hit of their family (three
 * families at once). Hits arrive ordered by end word; at one end the longest
 * comes first (the automaton's output chain goes from a state to its shorter
 * suffixes).
 */
function dropContained(n: number, hS: Int32Array, hE: Int32Array, hF: Int32Array, drop: Uint8Array, fa: number, fb: number, fc: number): void {
  const NONE = 0x7fffffff;
  // smallest start per family among hits ending after the current group
  let minA = NONE;
  let minB = NONE;
  let minC = NONE;
  let i = n - 1;
  while (i >= 0) {
    const end = hE[i];
    let j = i;
    let gA = NONE;
    let gB = NONE;
    let gC = NONE;
    while (j >= 0 && hE[j] === end) {
      const f = hF[j];
      const st = hS[j];
      if (f & fa && st < gA) gA = st;
      if (f & fb && st < gB) gB = st;
      if (f & fc && st < gC) gC = st;
      j--;
    }
    for (let k = j + 1; k <= i; k++) {
      const f = hF[k];
      const st = hS[k];
      if ((f & fa && (minA <= st || gA < st)) || (f & fb && (minB <= st || gB < st)) || (f & fc && (minC <= st || gC < st))) drop[k] = 1;
    }
    if (gA < minA) minA = gA;
    if (gB < minB) minB = gB;
    if (gC < minC) minC = gC;
    i = j;
  }
}

/** Index of an education word in the sentence of `x` within the window, or -1. */
function eduCueNear(x: PlaceMention, fStart: Int32Array, fEnd: Int32Array, sentence: Int32Array, nWords: number): number {
  const sent = sentence[x.s];
  for (let d = 1; d <= EDU_CONTEXT_WINDOW; d++) {
    const before = x.s - d;
    if (before >= 0 && sentence[before] === sent && fEnd[before] & EDU) return before;
    const after = x.e + d;
    if (after < nWords && sentence[after] === sent && fStart[after] & EDU) return after;
  }
  return -1;
}

/**
 * Bottom-k of 3-word shingle hashes (unsigned, ascending). Works on the hashes
 * with the sign bit flipped, which orders 32-bit values like unsigned ones
 * while staying small integers. Two passes: hash every shingle, then keep the
 * k smallest of those under a cut that holds about 4k of them for uniform
 * hashes (all of them when the cut leaves fewer than k distinct values).
 */
let shingleBuf = new Int32Array(1024);
const sketchBuf = new Int32Array(SKETCH_SIZE + 1);
function sketchOf(wordHash: Int32Array, n: number): number[] {
  const k = SKETCH_SIZE;
  const m = n - 2;
  if (m > shingleBuf.length) shingleBuf = new Int32Array(m * 2);
  const sh = shingleBuf;
  for (let i = 2; i < n; i++) {
    let h = Math.imul(wordHash[i - 2] ^ 0x9e3779b9, 0x85ebca6b);
    h = Math.imul(h ^ wordHash[i - 1] ^ (h >>> 13), 0xc2b2ae35);
    h = Math.imul(h ^ wordHash[i] ^ (h >>> 16), 0x27d4eb2f);
    h ^= h >>> 15;
    sh[i - 2] = h ^ 0x80000000;
  }
  // values below the cut, as signed: -2^31 + 2^32 * 4k / m
  const cut = m <= 4 * k ? 0x7fffffff : Math.floor(-0x80000000 + (0x100000000 * 4 * k) / m);
  let len = bottomK(sh, m, cut, k);
  if (len < k && cut !== 0x7fffffff) len = bottomK(sh, m, 0x7fffffff, k);
  const out = sketchBuf;
  const r: number[] = new Array(len);
  for (let i = 0; i < len; i++) r[i] = (out[i] ^ 0x80000000) >>> 0;
  return r;
}
/** The k smallest distinct values ≤ cut of sh[0..m) into sketchBuf, ascending; returns how many. */
function bottomK(sh: Int32Array, m: number, cut: number, k: number): number {
  const out = sketchBuf;
  let len = 0;
  let max = cut;
  for (let i = 0; i < m; i++) {
    const u = sh[i];
    if (u > max || (len >= k && u === max)) continue;
    let j = len;
    while (j > 0 && out[j - 1] > u) j--;
    if (j > 0 && out[j - 1] === u) continue; // already there
    for (let q = len; q > j; q--) out[q] = out[q - 1];
    out[j] = u;
    if (len < k) len++;
    if (len === k) max = out[k - 1];
  }
  return len;
}
