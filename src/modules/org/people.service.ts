import type { z } from '@hono/zod-openapi';
import { type Queryable, type Tx, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { foldVietnamese } from '../../text';
import { type Actor, recordAudit } from '../audit';
import type { Role } from './org.policy';
import type { CreatePersonSchema, Person, Spokesperson, UpdatePersonSchema } from './org.schemas';
import type { Scope } from './units.service';

/**
 * People are the users of Loa: a person belongs to a unit and holds roles in
 * units. The password itself is handled by the identity module (hashing).
 */
const personColumns = `p.id, p.email, p.name, p.title, p.phone, p.unit_id as "unitId", u.name as "unitName",
  p.is_active as "isActive", (p.password_hash is not null) as "hasPassword", p.is_totp_enabled as "isTotpEnabled", p.version,
  coalesce((select json_agg(json_build_object('id', r.id, 'role', r.role, 'unitId', r.unit_id, 'unitName', ru.name,
            'unitCode', ru.code) order by ru.path, r.role)
     from role_assignments r join units ru on ru.id = r.unit_id where r.user_id = p.id), '[]'::json) as roles`;

export function personSearchText(p: { name: string; email: string; title?: string | null }) {
  return foldVietnamese([p.name, p.email, p.title ?? ''].join(' '));
}

export async function findPerson(q: Queryable, id: number): Promise<Person | null> {
  const r = await q.query(`select ${personColumns} from users p left join units u on u.id = p.unit_id where p.id = $1`, [id]);
  return r.rows[0] ?? null;
}

export async function getPerson(q: Queryable, id: number): Promise<Person> {
  const p = await findPerson(q, id);
  if (!p) throw new AppError('person.not_found', 404, 'person.not_found');
  return p;
}

/** People whose home unit lies in the scope, optionally under one unit and matching a query. */
export async function listPeople(
  q: Queryable,
  scope: Scope,
  filter: { query?: string; unitId?: number; limit: number; offset: number },
): Promise<{ items: Person[]; total: number }> {
  const folded = filter.query ? foldVietnamese(filter.query) : '';
  const params = [
    scope.subtreePaths,
    scope.unitIds,
    folded ? `%${folded}%` : null,
    filter.unitId ?? null,
    filter.limit,
    filter.offset,
  ];
  const where = `(u.path <@ $1::ltree[] or u.id = any($2::bigint[]))
      and ($3::text is null or p.search_text like $3)
      and ($4::bigint is null or u.path <@ (select path from units where id = $4))`;
  const r = await q.query(
    `select ${personColumns}, count(*) over () as total from users p join units u on u.id = p.unit_id
      where ${where} order by p.name limit $5 offset $6`,
    params,
  );
  const total = r.rows[0]?.total ?? 0;
  return { items: r.rows.map(({ total: _t, ...row }) => row as Person), total: Number(total) };
}

async function assertEmailFree(tx: Tx, email: string, exceptId?: number) {
  const r = await tx.query('select 1 from users where lower(email) = lower($1) and id is distinct from $2', [
    email,
    exceptId ?? null,
  ]);
  if (r.rowCount) throw new AppError('person.email_taken', 409, 'person.email_taken', { email });
}

export async function insertPerson(
  tx: Tx,
  input: { email: string; name: string; title?: string | null; phone?: string | null; unitId: number },
  passwordHash: string | null,
): Promise<number> {
  await assertEmailFree(tx, input.email);
  const unit = await tx.query('select 1 from units where id = $1', [input.unitId]);
  if (!unit.rowCount) throw new AppError('unit.not_found', 404, 'unit.not_found');
  const r = await tx.query<{ id: number }>(
    `insert into users (email, name, title, phone, unit_id, password_hash, search_text)
     values ($1,$2,$3,$4,$5,$6,$7) returning id`,
    [input.email, input.name, input.title ?? null, input.phone ?? null, input.unitId, passwordHash, personSearchText(input)],
  );
  return r.rows[0].id;
}

export async function createPerson(
  actor: Actor,
  input: z.infer<typeof CreatePersonSchema>,
  passwordHash: string | null,
): Promise<Person> {
  return withTransaction(async (tx) => {
    const id = await insertPerson(tx, input, passwordHash);
    const after = await getPerson(tx, id);
    await recordAudit(tx, actor, { action: 'person.create', entity: 'person', entityId: id, unitId: input.unitId, after });
    return after;
  });
}

export async function updatePerson(actor: Actor, id: number, input: z.infer<typeof UpdatePersonSchema>): Promise<Person> {
  return withTransaction(async (tx) => {
    const locked = await tx.query('select version from users where id = $1 for update', [id]);
    if (!locked.rowCount) throw new AppError('person.not_found', 404, 'person.not_found');
    if (locked.rows[0].version !== input.version) throw new AppError('conflict', 409, 'error.conflict');
    const before = await getPerson(tx, id);
    if (input.email && input.email !== before.email) await assertEmailFree(tx, input.email, id);
    const next = {
      email: input.email ?? before.email,
      name: input.name ?? before.name,
      title: input.title !== undefined ? input.title : before.title,
      phone: input.phone !== undefined ? input.phone : before.phone,
      isActive: input.isActive ?? before.isActive,
    };
    await tx.query(
      `update users set email=$2, name=$3, title=$4, phone=$5, is_active=$6, search_text=$7, version=version+1,
              updated_at=now() where id=$1`,
      [id, next.email, next.name, next.title, next.phone, next.isActive, personSearchText(next)],
    );
    if (!next.isActive) await tx.query('delete from sessions where user_id = $1', [id]);
    const after = await getPerson(tx, id);
    await recordAudit(tx, actor, { action: 'person.update', entity: 'person', entityId: id, unitId: before.unitId, before, after });
    return after;
  });
}

export async function assignRole(actor: Actor, personId: number, unitId: number, role: Role): Promise<Person> {
  return withTransaction(async (tx) => {
    await getPerson(tx, personId);
    const unit = await tx.query('select 1 from units where id = $1', [unitId]);
    if (!unit.rowCount) throw new AppError('unit.not_found', 404, 'unit.not_found');
    const r = await tx.query(
      `insert into role_assignments (user_id, unit_id, role) values ($1,$2,$3)
       on conflict (user_id, unit_id, role) do nothing returning id`,
      [personId, unitId, role],
    );
    if (r.rowCount) {
      await recordAudit(tx, actor, {
        action: 'role.assign',
        entity: 'person',
        entityId: personId,
        unitId,
        after: { role, unitId },
      });
    }
    return getPerson(tx, personId);
  });
}

export async function findAssignment(q: Queryable, assignmentId: number) {
  const r = await q.query<{ id: number; userId: number; unitId: number; role: Role }>(
    'select id, user_id as "userId", unit_id as "unitId", role from role_assignments where id = $1',
    [assignmentId],
  );
  return r.rows[0] ?? null;
}

export async function revokeRole(actor: Actor, personId: number, assignmentId: number): Promise<Person> {
  return withTransaction(async (tx) => {
    const r = await tx.query(
      'delete from role_assignments where id = $1 and user_id = $2 returning unit_id as "unitId", role',
      [assignmentId, personId],
    );
    if (!r.rowCount) throw new AppError('role.not_found', 404, 'role.not_found');
    await recordAudit(tx, actor, {
      action: 'role.revoke',
      entity: 'person',
      entityId: personId,
      unitId: r.rows[0].unitId,
      before: r.rows[0],
    });
    return getPerson(tx, personId);
  });
}

/**
 * The spokesperson register (Decree 09/2017/NĐ-CP): who speaks for each unit,
 * with their title, phone and e-mail, as published on the portal.
 */
export async function listSpokespersons(q: Queryable, underPath?: string): Promise<Spokesperson[]> {
  const r = await q.query(
    `select p.name, p.title, p.phone, p.email, u.id as "unitId", u.name as "unitName", u.path::text as "unitPath"
       from role_assignments r join users p on p.id = r.user_id join units u on u.id = r.unit_id
      where r.role = 'spokesperson' and p.is_active and u.status = 'active'
        and ($1::ltree is null or u.path <@ $1::ltree)
      order by u.path, p.name`,
    [underPath ?? null],
  );
  return r.rows;
}
