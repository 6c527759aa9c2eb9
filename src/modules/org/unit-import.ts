import type { MessageKey } from '../../platform/i18n';
import { t } from '../../platform/i18n';
import type { SheetRow } from '../../platform/spreadsheet';
import { foldVietnamese } from '../../text';
import { type UnitLevel, type UnitType, unitLevels, unitTypes } from './org.schemas';

/**
 * Import of the unit list: header mapping, value parsing and whole-file
 * validation are pure, so the CLI, the UI's review step and the job share them.
 */
export type ImportError = { row: number; field: string; code: string; message: string };
export type UnitImportRow = {
  row: number;
  code: string;
  name: string;
  type: UnitType;
  parent: string | null;
  aliases: string[];
  level: UnitLevel | null;
  shortName: string | null;
  docAbbr: string | null;
  contacts: { address?: string; phone?: string; email?: string; website?: string };
};

const headerAliases: Record<string, string> = {
  code: 'code', ma: 'code', 'ma don vi': 'code',
  name: 'name', ten: 'name', 'ten don vi': 'name',
  type: 'type', loai: 'type', 'loai don vi': 'type',
  parent: 'parent', 'cap tren': 'parent', 'don vi cap tren': 'parent', 'ma cap tren': 'parent', 'ma don vi cap tren': 'parent',
  aliases: 'aliases', 'ten khac': 'aliases', 'bi danh': 'aliases',
  level: 'level', 'cap hoc': 'level',
  short_name: 'short_name', shortname: 'short_name', 'ten viet tat': 'short_name', 'ten ngan': 'short_name',
  doc_abbr: 'doc_abbr', 'ky hieu': 'doc_abbr', 'ky hieu van ban': 'doc_abbr', 'viet tat van ban': 'doc_abbr',
  address: 'address', 'dia chi': 'address',
  phone: 'phone', 'dien thoai': 'phone', 'so dien thoai': 'phone',
  email: 'email', 'thu dien tu': 'email',
  website: 'website', 'trang web': 'website',
};

const peopleHeaderAliases: Record<string, string> = {
  email: 'email', 'thu dien tu': 'email', 'e mail': 'email',
  name: 'name', ten: 'name', 'ho ten': 'name', 'ho va ten': 'name',
  unit: 'unit', 'don vi': 'unit', 'ma don vi': 'unit',
  roles: 'roles', role: 'roles', 'vai tro': 'roles',
  title: 'title', 'chuc vu': 'title', 'chuc danh': 'title',
  phone: 'phone', 'dien thoai': 'phone', 'so dien thoai': 'phone',
};

/** Maps a spreadsheet header (English or Vietnamese, any accents/case) to a field name of the file kind. */
export function canonicalHeader(header: string, kind: 'units' | 'people' = 'units'): string {
  const key = foldVietnamese(header).replace(/[_-]+/g, ' ').trim();
  const aliases = kind === 'units' ? headerAliases : peopleHeaderAliases;
  return aliases[key] ?? aliases[key.replace(/ /g, '_')] ?? key;
}

const typeWords: Record<string, UnitType> = {
  ministry: 'ministry', bo: 'ministry', 'bo gddt': 'ministry', 'bo giao duc va dao tao': 'ministry',
  department: 'department', so: 'department', 'so gddt': 'department', 'so giao duc va dao tao': 'department',
  office: 'office', phong: 'office', 'phong gddt': 'office', 'phong giao duc va dao tao': 'office',
  commune: 'commune', xa: 'commune', phuong: 'commune', 'dac khu': 'commune', 'ubnd xa': 'commune',
  'phong van hoa xa hoi': 'commune',
  school: 'school', truong: 'school', 'co so giao duc': 'school', 'truong hoc': 'school',
  affiliated: 'affiliated', 'don vi truc thuoc': 'affiliated', 'truc thuoc': 'affiliated',
};
export function parseUnitType(value: string): UnitType | null {
  const key = foldVietnamese(value).replace(/[_-]+/g, ' ');
  return typeWords[key] ?? null;
}

const levelWords: Record<string, UnitLevel> = {
  'mam non': 'preschool', 'mau giao': 'preschool', 'nha tre': 'preschool',
  'tieu hoc': 'primary', th: 'primary',
  thcs: 'lower_secondary', 'trung hoc co so': 'lower_secondary',
  thpt: 'upper_secondary', 'trung hoc pho thong': 'upper_secondary',
  'lien cap': 'multi_level', 'nhieu cap hoc': 'multi_level', 'nhieu cap': 'multi_level', 'pho thong lien cap': 'multi_level',
  gdtx: 'continuing', 'giao duc thuong xuyen': 'continuing', 'gdnn gdtx': 'continuing',
  'nghe nghiep': 'vocational', 'giao duc nghe nghiep': 'vocational', gdnn: 'vocational', 'trung cap': 'vocational',
  'cao dang': 'vocational',
};
export function parseUnitLevel(value: string): UnitLevel | null {
  const key = foldVietnamese(value).replace(/[_-]+/g, ' ');
  if ((unitLevels as readonly string[]).includes(key.replace(/ /g, '_'))) return key.replace(/ /g, '_') as UnitLevel;
  return levelWords[key] ?? null;
}

export function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}

export type ExistingUnit = { id: number; parentCode: string | null; path: string };

function err(row: number, field: string, key: MessageKey, params: Record<string, string | number> = {}): ImportError {
  return { row, field, code: key.replace(/^import\.row\./, ''), message: t(key, params) };
}

export const requiredUnitColumns = ['code', 'name', 'type', 'parent', 'aliases'] as const;

/**
 * Validates a whole file against the units already stored. A row is refused for
 * a missing code or name, a bad type or level, a duplicate code in the file, an
 * unknown parent, a cycle (through file rows and stored units alike), or a
 * target outside the importer's scope (when `isWritable` is given).
 */
export function validateUnitRows(
  sheetRows: SheetRow[],
  existing: Map<string, ExistingUnit>,
  isWritable?: (path: string) => boolean,
): { rows: UnitImportRow[]; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const rows: UnitImportRow[] = [];
  const seen = new Map<string, number>();
  for (const { row, values: raw } of sheetRows) {
    const v: Record<string, string> = {};
    for (const [k, val] of Object.entries(raw)) v[canonicalHeader(k)] = val;
    const code = (v.code ?? '').trim();
    const name = (v.name ?? '').trim().replace(/\s+/g, ' ');
    const before = errors.length;
    if (!code) errors.push(err(row, 'code', 'import.row.code_required'));
    if (!name) errors.push(err(row, 'name', 'import.row.name_required'));
    const type = parseUnitType(v.type ?? '');
    if (!type) errors.push(err(row, 'type', 'import.row.bad_type', { value: v.type ?? '' }));
    let level: UnitLevel | null = null;
    if (v.level) {
      level = parseUnitLevel(v.level);
      if (!level) errors.push(err(row, 'level', 'import.row.bad_level', { value: v.level }));
    }
    if (code) {
      const other = seen.get(code);
      if (other) errors.push(err(row, 'code', 'import.row.duplicate_code', { code, otherRow: other }));
      else seen.set(code, row);
    }
    const parent = (v.parent ?? '').trim() || null;
    if (parent && parent === code) errors.push(err(row, 'parent', 'import.row.self_parent'));
    if (errors.length > before) continue;
    rows.push({
      row,
      code,
      name,
      type: type as UnitType,
      parent,
      aliases: splitList(v.aliases),
      level,
      shortName: v.short_name || null,
      docAbbr: v.doc_abbr || null,
      contacts: Object.fromEntries(
        (['address', 'phone', 'email', 'website'] as const).filter((k) => v[k]).map((k) => [k, v[k]]),
      ),
    });
  }

  // Parents must exist in the file or the database; the resulting graph must be a forest.
  const fileByCode = new Map(rows.map((r) => [r.code, r]));
  const parentOf = (code: string): string | null =>
    fileByCode.has(code) ? (fileByCode.get(code)?.parent ?? null) : (existing.get(code)?.parentCode ?? null);
  const badRows = new Set<number>();
  for (const r of rows) {
    if (r.parent && !fileByCode.has(r.parent) && !existing.has(r.parent)) {
      errors.push(err(r.row, 'parent', 'import.row.unknown_parent', { parent: r.parent }));
      badRows.add(r.row);
    }
  }
  // 0 = unvisited, 1 = on the current chain, 2 = known to reach a root
  const state = new Map<string, number>();
  for (const r of rows) {
    if (badRows.has(r.row) || state.get(r.code) === 2) continue;
    const chain: string[] = [];
    let code: string | null = r.code;
    let isCycle = false;
    while (code && state.get(code) !== 2) {
      if (state.get(code) === 1) {
        isCycle = true;
        break;
      }
      state.set(code, 1);
      chain.push(code);
      code = parentOf(code);
      if (code && !fileByCode.has(code) && !existing.has(code)) break;
    }
    if (isCycle && code) {
      const loop = chain.slice(chain.indexOf(code));
      for (const c of loop) {
        const fr = fileByCode.get(c);
        if (fr && !badRows.has(fr.row)) {
          errors.push(err(fr.row, 'parent', 'import.row.cycle', { chain: [...loop, code].join(' → ') }));
          badRows.add(fr.row);
        }
      }
    }
    for (const c of chain) state.set(c, 2);
  }

  if (isWritable) {
    // A row is writable when it updates a unit in scope, or creates one whose nearest stored ancestor is in scope.
    const memo = new Map<string, boolean>();
    const reachesScope = (code: string, depth = 0): boolean => {
      const cached = memo.get(code);
      if (cached !== undefined) return cached;
      const stored = existing.get(code);
      let ok: boolean;
      if (stored) ok = isWritable(stored.path);
      else {
        const p = fileByCode.get(code)?.parent;
        ok = p && depth < 10_000 ? reachesScope(p, depth + 1) : isWritable('');
      }
      memo.set(code, ok);
      return ok;
    };
    for (const r of rows) {
      if (badRows.has(r.row)) continue;
      const targetParentOk = r.parent ? reachesScope(r.parent) : isWritable('');
      if (!reachesScope(r.code) || !targetParentOk) {
        errors.push(err(r.row, 'code', 'import.row.out_of_scope', { code: r.code }));
        badRows.add(r.row);
      }
    }
  }

  // A row whose parent row was refused cannot be placed either (matters with --skip-invalid).
  for (let changed = true; changed; ) {
    changed = false;
    for (const r of rows) {
      const p = r.parent ? fileByCode.get(r.parent) : undefined;
      if (!badRows.has(r.row) && p && badRows.has(p.row)) {
        errors.push(err(r.row, 'parent', 'import.row.unknown_parent', { parent: r.parent as string }));
        badRows.add(r.row);
        changed = true;
      }
    }
  }

  errors.sort((a, b) => a.row - b.row);
  return { rows: rows.filter((r) => !badRows.has(r.row)), errors };
}
