import crypto from 'node:crypto';
import { type Queryable, type Tx, db, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { putFile } from '../../platform/files';
import { readSpreadsheet, type SheetRow } from '../../platform/spreadsheet';
import { foldVietnamese } from '../../text';
import { type Actor, recordAudit } from '../audit';
import { type Role, roles } from './org.policy';
import { personSearchText } from './people.service';
import {
  type ExistingUnit,
  type ImportError,
  type UnitImportRow,
  canonicalHeader,
  requiredUnitColumns,
  splitList,
  validateUnitRows,
} from './unit-import';
import { unitSearchText } from './units.service';

export type ImportKind = 'units' | 'people';
export type Progress = (processed: number, total: number) => void | Promise<void>;
export type PersonImportRow = {
  row: number;
  email: string;
  name: string;
  unit: string;
  roles: Role[];
  title: string | null;
  phone: string | null;
};
export type ImportSummary = { created: number; updated: number; skipped: number; total: number };
export type ImportPreview = {
  kind: ImportKind;
  total: number;
  valid: number;
  errors: ImportError[];
  creates: number;
  updates: number;
  sample: (UnitImportRow | PersonImportRow)[];
};

const BATCH = 2000;

async function loadExistingUnits(q: Queryable): Promise<Map<string, ExistingUnit>> {
  const r = await q.query<{ code: string; id: number; parentCode: string | null; path: string }>(
    `select u.code, u.id, p.code as "parentCode", u.path::text as path from units u left join units p on p.id = u.parent_id`,
  );
  return new Map(r.rows.map((u) => [u.code, { id: u.id, parentCode: u.parentCode, path: u.path }]));
}

function missingColumns(headers: string[], kind: ImportKind, required: readonly string[]): string[] {
  const have = new Set(headers.map((h) => canonicalHeader(h, kind)));
  return required.filter((c) => !have.has(c));
}

const roleWords: Record<string, Role> = {
  'lanh dao': 'leader', leader: 'leader',
  'dau moi': 'focal_point', 'dau moi truyen thong': 'focal_point', focal_point: 'focal_point', 'focal point': 'focal_point',
  'nguoi phat ngon': 'spokesperson', 'phat ngon': 'spokesperson', spokesperson: 'spokesperson',
  'bien tap': 'editor', 'bien tap vien': 'editor', 'ban bien tap': 'editor', editor: 'editor',
  'cong tac vien': 'contributor', contributor: 'contributor', 'tac gia': 'contributor',
  'phan tich': 'analyst', 'phan tich vien': 'analyst', analyst: 'analyst',
  'quan tri': 'administrator', 'quan tri vien': 'administrator', administrator: 'administrator', admin: 'administrator',
  'xem': 'viewer', 'nguoi xem': 'viewer', viewer: 'viewer',
};
export function parseRole(value: string): Role | null {
  const key = foldVietnamese(value).replace(/_/g, ' ');
  return roleWords[key] ?? roleWords[key.replace(/ /g, '_')] ?? ((roles as readonly string[]).includes(value) ? (value as Role) : null);
}

export function validatePeopleRows(
  sheetRows: SheetRow[],
  existingUnits: Map<string, ExistingUnit>,
  isWritable?: (path: string) => boolean,
): { rows: PersonImportRow[]; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const rows: PersonImportRow[] = [];
  const seen = new Map<string, number>();
  const e = (row: number, field: string, key: Parameters<typeof t>[0], params: Record<string, string | number> = {}) =>
    errors.push({ row, field, code: key.replace(/^import\.row\./, ''), message: t(key, params) });
  for (const { row, values: raw } of sheetRows) {
    const v: Record<string, string> = {};
    for (const [k, val] of Object.entries(raw)) v[canonicalHeader(k, 'people')] = val;
    const before = errors.length;
    const email = (v.email ?? '').trim().toLowerCase();
    if (!email) e(row, 'email', 'import.row.email_required');
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) e(row, 'email', 'import.row.bad_email', { value: email });
    const name = (v.name ?? '').trim();
    if (!name) e(row, 'name', 'import.row.name_required');
    const unit = (v.unit ?? '').trim();
    const stored = existingUnits.get(unit);
    if (!stored) e(row, 'unit', 'import.row.unknown_unit', { unit });
    else if (isWritable && !isWritable(stored.path)) e(row, 'unit', 'import.row.out_of_scope', { code: unit });
    const parsedRoles: Role[] = [];
    for (const word of splitList(v.roles)) {
      const role = parseRole(word);
      if (role) parsedRoles.push(role);
      else e(row, 'roles', 'import.row.bad_role', { value: word });
    }
    if (email) {
      const other = seen.get(email);
      if (other) e(row, 'email', 'import.row.duplicate_email', { email, otherRow: other });
      else seen.set(email, row);
    }
    if (errors.length > before) continue;
    rows.push({ row, email, name, unit, roles: parsedRoles, title: v.title || null, phone: v.phone || null });
  }
  return { rows, errors };
}

/** Reads and validates a file; nothing is written. The review step shows this. */
export async function previewImport(
  q: Queryable,
  kind: ImportKind,
  data: Buffer,
  fileName: string,
  isWritable?: (path: string) => boolean,
): Promise<ImportPreview & { rows: (UnitImportRow | PersonImportRow)[] }> {
  const sheet = await readSpreadsheet(data, fileName);
  if (!sheet.rows.length) throw new AppError('import.empty', 400, 'import.empty');
  const required = kind === 'units' ? requiredUnitColumns : (['email', 'name', 'unit'] as const);
  const missing = missingColumns(sheet.headers, kind, required);
  if (missing.length) throw new AppError('import.missing_columns', 400, 'import.missing_columns', { columns: missing.join(', ') });
  const existing = await loadExistingUnits(q);
  if (kind === 'units') {
    const { rows, errors } = validateUnitRows(sheet.rows, existing, isWritable);
    const updates = rows.filter((r) => existing.has(r.code)).length;
    return preview(kind, sheet.rows.length, rows, errors, rows.length - updates, updates);
  }
  const { rows, errors } = validatePeopleRows(sheet.rows, existing, isWritable);
  const emails = await q.query<{ email: string }>('select lower(email) as email from users where lower(email) = any($1)', [
    rows.map((r) => r.email),
  ]);
  return preview(kind, sheet.rows.length, rows, errors, rows.length - emails.rowCount!, emails.rowCount!);
}

function preview(
  kind: ImportKind,
  total: number,
  rows: (UnitImportRow | PersonImportRow)[],
  errors: ImportError[],
  creates: number,
  updates: number,
) {
  return { kind, total, valid: rows.length, errors, creates, updates, sample: rows.slice(0, 20), rows };
}

/**
 * Writes validated unit rows in one transaction: upsert by code in batches,
 * then parents, then every changed ltree path from the roots down. Either the
 * whole file lands or nothing does.
 */
export async function applyUnitRows(
  tx: Tx,
  actor: Actor,
  rows: UnitImportRow[],
  onProgress?: Progress,
): Promise<{ created: number; updated: number }> {
  await tx.query('lock table units in share row exclusive mode');
  await tx.query(
    `create temp table import_before on commit drop as
       select u.id, u.code, u.name, u.type, u.level, u.parent_id, u.short_name, u.doc_abbr, u.aliases, u.contacts
         from units u where u.code = any($1)`,
    [rows.map((r) => r.code)],
  );
  let created = 0;
  let updated = 0;
  const total = rows.length * 2;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const r = await tx.query<{ inserted: boolean }>(
      `insert into units (code, name, type, level, short_name, doc_abbr, aliases, contacts, search_text, path)
       select x.code, x.name, x.type, x.level, x.short_name, x.doc_abbr,
              coalesce((select array_agg(a) from jsonb_array_elements_text(x.aliases) a), '{}'), x.contacts, x.search_text, '0'
         from jsonb_to_recordset($1::jsonb) as x(code text, name text, type text, level text, short_name text,
              doc_abbr text, aliases jsonb, contacts jsonb, search_text text)
       on conflict (code) do update set
         name = excluded.name, type = excluded.type,
         level = coalesce(excluded.level, units.level),
         short_name = coalesce(excluded.short_name, units.short_name),
         doc_abbr = coalesce(excluded.doc_abbr, units.doc_abbr),
         aliases = excluded.aliases,
         contacts = units.contacts || excluded.contacts,
         search_text = excluded.search_text,
         version = units.version + 1, updated_at = now()
       where (units.name, units.type, units.aliases, units.level, units.short_name, units.doc_abbr, units.contacts)
             is distinct from (excluded.name, excluded.type, excluded.aliases, coalesce(excluded.level, units.level),
             coalesce(excluded.short_name, units.short_name), coalesce(excluded.doc_abbr, units.doc_abbr),
             units.contacts || excluded.contacts)
       returning (xmax = 0) as inserted`,
      [
        JSON.stringify(
          batch.map((u) => ({
            code: u.code,
            name: u.name,
            type: u.type,
            level: u.level,
            short_name: u.shortName,
            doc_abbr: u.docAbbr,
            aliases: u.aliases,
            contacts: u.contacts,
            search_text: unitSearchText(u),
          })),
        ),
      ],
    );
    for (const row of r.rows) row.inserted ? created++ : updated++;
    await onProgress?.(Math.min(i + BATCH, rows.length), total);
  }
  // Parents, by code; a changed parent of an existing unit is a move, recorded with today's date.
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const moved = await tx.query<{ id: number; old: number | null; new: number | null; isNew: boolean }>(
      `with x as (select * from unnest($1::text[], $2::text[]) as x(code, pcode)),
       m as (select u.id, u.parent_id as old, p.id as new, (b.id is null) as "isNew"
               from x join units u on u.code = x.code left join units p on p.code = x.pcode
               left join import_before b on b.id = u.id
              where u.parent_id is distinct from p.id)
       update units set parent_id = m.new, updated_at = now() from m where units.id = m.id
       returning m.id, m.old, m.new, m."isNew"`,
      [batch.map((r) => r.code), batch.map((r) => r.parent)],
    );
    const events = moved.rows.map((m) => ({
      unit_id: m.id,
      kind: m.isNew ? 'created' : 'moved',
      from_parent_id: m.isNew ? null : m.old,
      to_parent_id: m.new,
    }));
    if (events.length) {
      await tx.query(
        `insert into unit_events (unit_id, kind, occurred_on, from_parent_id, to_parent_id, actor_id, note)
         select x.unit_id, x.kind, current_date, x.from_parent_id, x.to_parent_id, $2, 'import'
           from jsonb_to_recordset($1::jsonb) as x(unit_id bigint, kind text, from_parent_id bigint, to_parent_id bigint)`,
        [JSON.stringify(events), actor.userId],
      );
    }
    await onProgress?.(rows.length + Math.min(i + BATCH, rows.length), total);
  }
  // New roots have no parent row to trigger 'created' above.
  await tx.query(
    `insert into unit_events (unit_id, kind, occurred_on, actor_id, note)
     select u.id, 'created', current_date, $2, 'import' from units u
      where u.code = any($1) and u.parent_id is null and not exists (select 1 from import_before b where b.id = u.id)`,
    [rows.map((r) => r.code), actor.userId],
  );
  await recomputePaths(tx);
  await tx.query(
    `insert into audit_log (actor_id, action, entity, entity_id, unit_id, before, after, ip)
     select $1, case when b.id is null then 'unit.create' else 'unit.update' end, 'unit', u.id::text, u.id,
            case when b.id is null then null else to_jsonb(b) end,
            jsonb_build_object('code', u.code, 'name', u.name, 'type', u.type, 'level', u.level, 'parentId', u.parent_id,
                               'aliases', u.aliases, 'via', 'import'),
            $3
       from units u left join import_before b on b.id = u.id
      where u.code = any($2)
        and (b.id is null or (b.name, b.type, b.level, b.parent_id, b.short_name, b.doc_abbr, b.aliases, b.contacts)
             is distinct from (u.name, u.type, u.level, u.parent_id, u.short_name, u.doc_abbr, u.aliases, u.contacts))`,
    [actor.userId, rows.map((r) => r.code), actor.ip ?? null],
  );
  return { created, updated };
}

/** Rebuilds ltree paths top-down; only rows whose path changed are written. */
export async function recomputePaths(tx: Queryable): Promise<number> {
  const r = await tx.query(
    `with recursive t(id, path) as (
        select id, text2ltree(id::text) from units where parent_id is null
        union all
        select u.id, t.path || u.id::text from units u join t on u.parent_id = t.id)
     update units u set path = t.path from t where u.id = t.id and u.path is distinct from t.path`,
  );
  return r.rowCount ?? 0;
}

export async function applyPeopleRows(
  tx: Tx,
  actor: Actor,
  rows: PersonImportRow[],
  onProgress?: Progress,
): Promise<{ created: number; updated: number }> {
  let created = 0;
  let updated = 0;
  for (let i = 0; i < rows.length; i++) {
    const p = rows[i];
    const unit = await tx.query<{ id: number }>('select id from units where code = $1', [p.unit]);
    const unitId = unit.rows[0].id;
    const found = await tx.query<{ id: number }>('select id from users where lower(email) = $1 for update', [p.email]);
    let id: number;
    if (found.rowCount) {
      id = found.rows[0].id;
      await tx.query(
        `update users set name=$2, title=coalesce($3,title), phone=coalesce($4,phone), unit_id=$5,
           search_text=$6, version=version+1, updated_at=now() where id=$1`,
        [id, p.name, p.title, p.phone, unitId, personSearchText(p)],
      );
      updated++;
    } else {
      const r = await tx.query<{ id: number }>(
        `insert into users (email, name, title, phone, unit_id, search_text) values ($1,$2,$3,$4,$5,$6) returning id`,
        [p.email, p.name, p.title, p.phone, unitId, personSearchText(p)],
      );
      id = r.rows[0].id;
      created++;
    }
    for (const role of p.roles) {
      await tx.query(
        'insert into role_assignments (user_id, unit_id, role) values ($1,$2,$3) on conflict do nothing',
        [id, unitId, role],
      );
    }
    await recordAudit(tx, actor, {
      action: found.rowCount ? 'person.update' : 'person.create',
      entity: 'person',
      entityId: id,
      unitId,
      after: { ...p, via: 'import' },
    });
    if (i % 200 === 199 || i === rows.length - 1) await onProgress?.(i + 1, rows.length);
  }
  return { created, updated };
}

/** The CLI path: validate, refuse unless all valid (or skipInvalid), apply in one transaction. */
export async function importFile(
  actor: Actor,
  kind: ImportKind,
  data: Buffer,
  fileName: string,
  opts: { isSkippingInvalid: boolean; onProgress?: Progress },
): Promise<{ preview: ImportPreview; summary: ImportSummary | null }> {
  const p = await previewImport(db(), kind, data, fileName);
  const { rows, ...rest } = p;
  if (p.errors.length && !opts.isSkippingInvalid) return { preview: rest, summary: null };
  const result = await withTransaction(async (tx) => {
    const r =
      kind === 'units'
        ? await applyUnitRows(tx, actor, rows as UnitImportRow[], opts.onProgress)
        : await applyPeopleRows(tx, actor, rows as PersonImportRow[], opts.onProgress);
    await recordAudit(tx, actor, {
      action: `${kind}.import`,
      entity: 'import',
      after: { fileName, ...r, skipped: p.total - p.valid },
    });
    return r;
  });
  return { preview: rest, summary: { ...result, skipped: p.total - p.valid, total: p.total } };
}

// ---- import runs: the UI's review step and the job that applies it ----

export type ImportRun = {
  id: string;
  kind: ImportKind;
  status: 'invalid' | 'ready' | 'running' | 'done' | 'failed';
  fileName: string;
  isSkippingInvalid: boolean;
  total: number;
  processed: number;
  errors: ImportError[];
  summary: (ImportSummary & { message?: string }) | null;
  createdAt: string;
  finishedAt: string | null;
};

export async function createImportRun(
  actor: Actor,
  kind: ImportKind,
  data: Buffer,
  fileName: string,
  scopeUnitId: number | null,
  isWritable: (path: string) => boolean,
): Promise<ImportRun & { preview: ImportPreview }> {
  const p = await previewImport(db(), kind, data, fileName, isWritable);
  const { rows, ...rest } = p;
  const id = crypto.randomUUID();
  const stored = await putFile(data);
  await db().query(
    `insert into import_runs (id, kind, status, file_name, file_key, rows, errors, total, created_by, scope_unit_id)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
    [
      id,
      kind,
      p.errors.length ? 'invalid' : 'ready',
      fileName,
      stored.key,
      JSON.stringify(rows),
      JSON.stringify(p.errors),
      p.total,
      actor.userId,
      scopeUnitId,
    ],
  );
  return { ...(await getImportRun(db(), id)), preview: rest };
}

const runColumns = `id, kind, status, file_name as "fileName", is_skip_invalid as "isSkippingInvalid", total, processed,
  errors, summary, created_at as "createdAt", finished_at as "finishedAt", created_by as "createdBy"`;

export async function getImportRun(q: Queryable, id: string): Promise<ImportRun & { createdBy: number | null }> {
  const r = await q.query(`select ${runColumns} from import_runs where id = $1`, [id]);
  if (!r.rowCount) throw new AppError('import.not_found', 404, 'import.not_found');
  return r.rows[0];
}

/** Marks a run to be applied; the job does the work. Invalid runs need isSkippingInvalid. */
export async function startImportRun(id: string, isSkippingInvalid: boolean): Promise<ImportRun> {
  const r = await db().query(
    `update import_runs set status = 'running', is_skip_invalid = $2
      where id = $1 and (status = 'ready' or (status = 'invalid' and $2) or status = 'failed')
      returning id`,
    [id, isSkippingInvalid],
  );
  if (!r.rowCount) {
    const run = await getImportRun(db(), id);
    throw new AppError('import.not_ready', 409, 'import.not_ready', { status: run.status });
  }
  return getImportRun(db(), id);
}

/**
 * The job body. Idempotent: a run already done is left alone; a run that died
 * midway rolled back, so applying again from the stored rows is safe.
 */
export async function applyImportRun(id: string): Promise<void> {
  const run = await db().query('select * from import_runs where id = $1', [id]);
  const r = run.rows[0];
  if (!r || r.status === 'done') return;
  const actor: Actor = { userId: r.created_by, ip: null };
  const progress: Progress = async (processed, total) => {
    await db().query('update import_runs set processed = $2, total = $3 where id = $1', [id, processed, total]);
  };
  try {
    const summary = await withTransaction(async (tx) => {
      const res =
        r.kind === 'units'
          ? await applyUnitRows(tx, actor, r.rows as UnitImportRow[], progress)
          : await applyPeopleRows(tx, actor, r.rows as PersonImportRow[], progress);
      const skipped = r.total - (r.rows as unknown[]).length;
      const s = { ...res, skipped, total: r.total, message: t('import.done', { ...res, skipped }) };
      await recordAudit(tx, actor, { action: `${r.kind}.import`, entity: 'import', entityId: id, after: s });
      await tx.query(`update import_runs set status = 'done', summary = $2, finished_at = now() where id = $1`, [
        id,
        JSON.stringify(s),
      ]);
      return s;
    });
    void summary;
  } catch (err) {
    await db().query(`update import_runs set status = 'failed', summary = $2 where id = $1`, [
      id,
      JSON.stringify({ message: (err as Error).message }),
    ]);
    throw err;
  }
}
