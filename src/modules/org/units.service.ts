import { type Queryable, type Tx, db, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { foldVietnamese } from '../../text';
import { type Actor, recordAudit } from '../audit';
import type { CreateUnitSchema, UpdateUnitSchema, Unit, UnitType } from './org.schemas';
import type { z } from '@hono/zod-openapi';

export type Scope = { subtreePaths: string[]; unitIds: number[] };

export const unitColumns = `u.id, u.code, u.name, u.type, u.level, u.parent_id as "parentId", u.path::text as path,
  u.short_name as "shortName", u.doc_abbr as "docAbbr", u.aliases, u.contacts, u.channels, u.status,
  u.established_on as "establishedOn", u.closed_on as "closedOn", u.merged_into_id as "mergedIntoId", u.version`;
const childCount = `(select count(*) from units c where c.parent_id = u.id)::int as "childCount"`;
const inScope = (pathsParam: string, idsParam: string) =>
  `(u.path <@ ${pathsParam}::ltree[] or u.id = any(${idsParam}::bigint[]))`;

export type UnitRow = Unit & { path: string };

/** The folded text that name search matches: name, short name, aliases and code. */
export function unitSearchText(u: { code: string; name: string; shortName?: string | null; aliases?: string[] }): string {
  return foldVietnamese([u.name, u.shortName ?? '', ...(u.aliases ?? []), u.code].filter(Boolean).join(' | '));
}

export async function findUnit(q: Queryable, id: number): Promise<UnitRow | null> {
  const r = await q.query(`select ${unitColumns}, ${childCount} from units u where u.id = $1`, [id]);
  return r.rows[0] ?? null;
}

export async function getUnit(q: Queryable, id: number): Promise<UnitRow> {
  const u = await findUnit(q, id);
  if (!u) throw new AppError('unit.not_found', 404, 'unit.not_found');
  return u;
}

export async function unitPathOf(q: Queryable, id: number): Promise<string | null> {
  const r = await q.query<{ path: string }>('select path::text as path from units where id = $1', [id]);
  return r.rows[0]?.path ?? null;
}

/** The top-most units a user can see: their scope roots, without ones nested in another. */
export async function listScopeRoots(q: Queryable, scope: Scope): Promise<UnitRow[]> {
  const r = await q.query(
    `select ${unitColumns}, ${childCount} from units u
      where ${inScope('$1', '$2')}
        and not exists (select 1 from units a where a.id <> u.id and u.path <@ a.path
                        and (a.path <@ $1::ltree[] or a.id = any($2::bigint[])))
      order by u.name`,
    [scope.subtreePaths, scope.unitIds],
  );
  return r.rows;
}

export async function listChildren(q: Queryable, parentId: number, isIncludingClosed = true): Promise<UnitRow[]> {
  const r = await q.query(
    `select ${unitColumns}, ${childCount} from units u where u.parent_id = $1
       and ($2 or u.status = 'active')
     order by case u.type when 'ministry' then 0 when 'department' then 1 when 'office' then 2 when 'commune' then 3
              when 'affiliated' then 4 else 5 end, u.name`,
    [parentId, isIncludingClosed],
  );
  return r.rows;
}

/** Every unit under `path` (itself included): one GiST index scan. */
export async function listSubtree(q: Queryable, path: string, limit = 100_000): Promise<UnitRow[]> {
  const r = await q.query(`select ${unitColumns}, 0 as "childCount" from units u where u.path <@ $1::ltree order by u.path limit $2`, [
    path,
    limit,
  ]);
  return r.rows;
}

/**
 * Accent-insensitive name search within a scope. Matches every folded word of the
 * query (so word order does not matter) through the trigram index, ranks by similarity.
 */
export async function searchUnits(q: Queryable, text: string, scope: Scope | null, limit = 20) {
  const folded = foldVietnamese(text);
  if (!folded) return [];
  const words = folded.split(' ').slice(0, 8);
  // Rank and cut first, then build the breadcrumb trail for the few rows kept.
  const r = await q.query(
    `select h.id, h.code, h.name, h.type, h.status,
            coalesce((select string_agg(a.name, ' › ' order by nlevel(a.path)) from units a
                       where a.path @> h.path and a.id <> h.id), '') as trail
       from (select u.id, u.code, u.name, u.type, u.status, u.path,
                    (u.status = 'active') as is_active, similarity(u.search_text, $1) as score
               from units u
              where ${words.map((_, i) => `u.search_text like $${i + (scope ? 4 : 2)}`).join(' and ')}
                ${scope ? `and ${inScope('$2', '$3')}` : ''}
              order by is_active desc, score desc, u.name
              limit ${Number(limit)}) h
      order by h.is_active desc, h.score desc, h.name`,
    // one LIKE per word: the trigram index serves `like $n`, not `like all($array)`
    [folded, ...(scope ? [scope.subtreePaths, scope.unitIds] : []), ...words.map((w) => `%${w}%`)],
  );
  return r.rows as { id: number; code: string; name: string; type: UnitType; status: string; trail: string }[];
}

export async function getUnitDetail(q: Queryable, id: number) {
  const unit = await getUnit(q, id);
  const ancestors = await q.query(
    `select id, code, name, type from units where path @> $1::ltree and id <> $2 order by nlevel(path)`,
    [unit.path, id],
  );
  const events = await q.query(
    `select e.id, e.kind, e.occurred_on as "occurredOn", f.name as "fromParent", t.name as "toParent",
            r.name as "relatedUnit", e.note
       from unit_events e
       left join units f on f.id = e.from_parent_id
       left join units t on t.id = e.to_parent_id
       left join units r on r.id = e.related_unit_id
      where e.unit_id = $1 order by e.occurred_on desc, e.id desc`,
    [id],
  );
  return { ...unit, ancestors: ancestors.rows, events: events.rows };
}

/** Where the unit stood on a date: its parent then, read back from the move history. */
export async function parentOnDate(q: Queryable, unitId: number, isoDate: string): Promise<number | null> {
  const r = await q.query<{ parent: number | null }>(
    `select coalesce(
       (select from_parent_id from unit_events where unit_id = $1 and kind in ('moved','merged') and occurred_on > $2::date
         order by occurred_on, id limit 1),
       (select parent_id from units where id = $1)) as parent`,
    [unitId, isoDate],
  );
  return r.rows[0]?.parent ?? null;
}

async function assertCodeFree(tx: Tx, code: string, exceptId?: number) {
  const r = await tx.query('select id from units where code = $1 and id is distinct from $2', [code, exceptId ?? null]);
  if (r.rowCount) throw new AppError('unit.code_taken', 409, 'unit.code_taken', { code });
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export async function createUnit(actor: Actor, input: z.infer<typeof CreateUnitSchema>): Promise<UnitRow> {
  return withTransaction(async (tx) => {
    await assertCodeFree(tx, input.code);
    let parentPath = '';
    if (input.parentId != null) {
      const parent = await findUnit(tx, input.parentId);
      if (!parent) throw new AppError('unit.parent_not_found', 404, 'unit.parent_not_found');
      parentPath = parent.path;
    }
    const r = await tx.query<{ id: number }>(
      `insert into units (code, name, type, level, parent_id, path, short_name, doc_abbr, aliases, contacts, channels,
                          search_text, established_on)
       values ($1,$2,$3,$4,$5,'0',$6,$7,$8,$9,$10,$11,$12) returning id`,
      [
        input.code,
        input.name,
        input.type,
        input.level ?? null,
        input.parentId,
        input.shortName ?? null,
        input.docAbbr ?? null,
        input.aliases ?? [],
        JSON.stringify(input.contacts ?? {}),
        JSON.stringify(input.channels ?? []),
        unitSearchText(input),
        input.establishedOn ?? null,
      ],
    );
    const id = r.rows[0].id;
    await tx.query(`update units set path = text2ltree($2) where id = $1`, [id, parentPath ? `${parentPath}.${id}` : `${id}`]);
    await tx.query(
      `insert into unit_events (unit_id, kind, occurred_on, to_parent_id, actor_id) values ($1,'created',$2,$3,$4)`,
      [id, input.establishedOn ?? today(), input.parentId, actor.userId],
    );
    const unit = await getUnit(tx, id);
    await recordAudit(tx, actor, { action: 'unit.create', entity: 'unit', entityId: id, unitId: id, after: unit });
    return unit;
  });
}

export async function updateUnit(actor: Actor, id: number, input: z.infer<typeof UpdateUnitSchema>): Promise<UnitRow> {
  return withTransaction(async (tx) => {
    const before = await lockUnit(tx, id, input.version);
    if (input.code && input.code !== before.code) await assertCodeFree(tx, input.code, id);
    const next = {
      code: input.code ?? before.code,
      name: input.name ?? before.name,
      type: input.type ?? before.type,
      level: input.level !== undefined ? input.level : before.level,
      shortName: input.shortName !== undefined ? input.shortName : before.shortName,
      docAbbr: input.docAbbr !== undefined ? input.docAbbr : before.docAbbr,
      aliases: input.aliases ?? before.aliases,
      contacts: input.contacts ?? before.contacts,
      channels: input.channels ?? before.channels,
      establishedOn: input.establishedOn !== undefined ? input.establishedOn : before.establishedOn,
    };
    await tx.query(
      `update units set code=$2, name=$3, type=$4, level=$5, short_name=$6, doc_abbr=$7, aliases=$8, contacts=$9,
              channels=$10, established_on=$11, search_text=$12, version = version + 1, updated_at = now()
        where id = $1`,
      [
        id,
        next.code,
        next.name,
        next.type,
        next.level,
        next.shortName,
        next.docAbbr,
        next.aliases,
        JSON.stringify(next.contacts),
        JSON.stringify(next.channels),
        next.establishedOn,
        unitSearchText(next),
      ],
    );
    const after = await getUnit(tx, id);
    await recordAudit(tx, actor, { action: 'unit.update', entity: 'unit', entityId: id, unitId: id, before, after });
    return after;
  });
}

/** Row-locks the unit and checks the caller edited the version they saw. */
async function lockUnit(tx: Tx, id: number, version?: number): Promise<UnitRow> {
  const r = await tx.query(`select ${unitColumns}, ${childCount} from units u where u.id = $1 for update`, [id]);
  const unit = r.rows[0] as UnitRow | undefined;
  if (!unit) throw new AppError('unit.not_found', 404, 'unit.not_found');
  if (version !== undefined && unit.version !== version) throw new AppError('conflict', 409, 'error.conflict');
  return unit;
}

/** Re-parents a unit; its whole subtree's paths follow in one statement. */
async function reparent(tx: Tx, unit: UnitRow, newParentId: number): Promise<void> {
  const parent = await findUnit(tx, newParentId);
  if (!parent) throw new AppError('unit.parent_not_found', 404, 'unit.parent_not_found');
  if (parent.path === unit.path || parent.path.startsWith(`${unit.path}.`)) {
    throw new AppError('unit.cycle', 422, 'unit.cycle');
  }
  await tx.query('update units set parent_id = $2, updated_at = now(), version = version + 1 where id = $1', [
    unit.id,
    newParentId,
  ]);
  await tx.query(
    `update units set path = text2ltree($2) || subpath(path, nlevel(text2ltree($1)) - 1)
      where path <@ text2ltree($1)`,
    [unit.path, parent.path],
  );
}

export async function moveUnit(actor: Actor, id: number, input: { parentId: number; on: string; note?: string }) {
  return withTransaction(async (tx) => {
    const before = await lockUnit(tx, id);
    await reparent(tx, before, input.parentId);
    await tx.query(
      `insert into unit_events (unit_id, kind, occurred_on, from_parent_id, to_parent_id, note, actor_id)
       values ($1,'moved',$2,$3,$4,$5,$6)`,
      [id, input.on, before.parentId, input.parentId, input.note ?? null, actor.userId],
    );
    const after = await getUnit(tx, id);
    await recordAudit(tx, actor, { action: 'unit.move', entity: 'unit', entityId: id, unitId: id, before, after });
    return after;
  });
}

/**
 * Merges a unit into another (the 2025 reorganisation): the unit stays as a row,
 * marked merged with a date, so its history keeps pointing at what it was;
 * its children move to the receiving unit when asked.
 */
export async function mergeUnit(
  actor: Actor,
  id: number,
  input: { intoId: number; on: string; isMovingChildren: boolean; note?: string },
) {
  if (input.intoId === id) throw new AppError('unit.merge_self', 422, 'unit.merge_self');
  return withTransaction(async (tx) => {
    const before = await lockUnit(tx, id);
    const into = await findUnit(tx, input.intoId);
    if (!into) throw new AppError('unit.not_found', 404, 'unit.not_found');
    if (into.path.startsWith(`${before.path}.`)) throw new AppError('unit.cycle', 422, 'unit.cycle');
    if (input.isMovingChildren) {
      const children = await tx.query(`select ${unitColumns}, 0 as "childCount" from units u where u.parent_id = $1`, [id]);
      for (const child of children.rows as UnitRow[]) {
        await reparent(tx, child, input.intoId);
        await tx.query(
          `insert into unit_events (unit_id, kind, occurred_on, from_parent_id, to_parent_id, related_unit_id, note, actor_id)
           values ($1,'moved',$2,$3,$4,$5,$6,$7)`,
          [child.id, input.on, id, input.intoId, id, input.note ?? null, actor.userId],
        );
      }
    }
    await tx.query(
      `update units set status = 'merged', merged_into_id = $2, closed_on = $3, version = version + 1, updated_at = now()
        where id = $1`,
      [id, input.intoId, input.on],
    );
    await tx.query(
      `insert into unit_events (unit_id, kind, occurred_on, related_unit_id, note, actor_id) values ($1,'merged',$2,$3,$4,$5)`,
      [id, input.on, input.intoId, input.note ?? null, actor.userId],
    );
    const after = await getUnit(tx, id);
    await recordAudit(tx, actor, { action: 'unit.merge', entity: 'unit', entityId: id, unitId: id, before, after });
    return after;
  });
}

export async function closeUnit(actor: Actor, id: number, input: { on: string; note?: string }) {
  return setUnitStatus(actor, id, 'closed', input.on, input.note);
}
export async function reopenUnit(actor: Actor, id: number, input: { on: string; note?: string }) {
  return setUnitStatus(actor, id, 'active', input.on, input.note);
}

async function setUnitStatus(actor: Actor, id: number, status: 'active' | 'closed', on: string, note?: string) {
  return withTransaction(async (tx) => {
    const before = await lockUnit(tx, id);
    await tx.query(
      `update units set status = $2, closed_on = $3, merged_into_id = null, version = version + 1, updated_at = now()
        where id = $1`,
      [id, status, status === 'closed' ? on : null],
    );
    await tx.query(`insert into unit_events (unit_id, kind, occurred_on, note, actor_id) values ($1,$2,$3,$4,$5)`, [
      id,
      status === 'closed' ? 'closed' : 'reopened',
      on,
      note ?? null,
      actor.userId,
    ]);
    const after = await getUnit(tx, id);
    await recordAudit(tx, actor, {
      action: status === 'closed' ? 'unit.close' : 'unit.reopen',
      entity: 'unit',
      entityId: id,
      unitId: id,
      before,
      after,
    });
    return after;
  });
}

/** `loa units list --json`: every unit as imported, parents by code. */
export async function listUnitsForExport(q: Queryable = db()) {
  const r = await q.query(
    `select u.code, u.name, u.type, p.code as parent, u.aliases
       from units u left join units p on p.id = u.parent_id order by u.path`,
  );
  return r.rows as { code: string; name: string; type: UnitType; parent: string | null; aliases: string[] }[];
}

export async function countUnitsByType(q: Queryable, scope: Scope) {
  const r = await q.query(
    `select u.type, u.level, count(*)::int as n from units u where ${inScope('$1', '$2')} and u.status = 'active'
      group by u.type, u.level`,
    [scope.subtreePaths, scope.unitIds],
  );
  return r.rows as { type: UnitType; level: string | null; n: number }[];
}
