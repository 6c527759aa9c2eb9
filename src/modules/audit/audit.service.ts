import type { Queryable } from '../../platform/db';

/** Who is acting: every service call that changes data carries one. */
export type Actor = { userId: number | null; ip?: string | null };
export const systemActor: Actor = { userId: null, ip: null };

export type AuditEntry = {
  action: string;
  entity: string;
  entityId?: string | number | null;
  unitId?: number | null;
  before?: unknown;
  after?: unknown;
};

/** Written inside the caller's transaction, so the log and the change commit together. */
export async function recordAudit(tx: Queryable, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.query(
    `insert into audit_log (actor_id, action, entity, entity_id, unit_id, before, after, ip)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      actor.userId,
      entry.action,
      entry.entity,
      entry.entityId == null ? null : String(entry.entityId),
      entry.unitId ?? null,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
      actor.ip ?? null,
    ],
  );
}

export type AuditRow = {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  unitId: number | null;
  unitName: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
};

/**
 * The audit viewer: entries about units within the reader's scope (plus their
 * own actions), newest first, keyset-paginated by id.
 */
export async function listAudit(
  q: Queryable,
  filter: {
    subtreePaths: string[];
    unitIds: number[];
    entity?: string;
    entityId?: string;
    beforeId?: number;
    limit: number;
  },
): Promise<AuditRow[]> {
  const r = await q.query(
    `select a.id, a.at, a.actor_id as "actorId", p.name as "actorName", a.action, a.entity,
            a.entity_id as "entityId", a.unit_id as "unitId", u.name as "unitName", a.before, a.after, a.ip
       from audit_log a
       left join users p on p.id = a.actor_id
       left join units u on u.id = a.unit_id
      where (u.path <@ $1::ltree[] or a.unit_id = any($2::bigint[]))
        and ($3::text is null or a.entity = $3)
        and ($4::text is null or a.entity_id = $4)
        and ($5::bigint is null or a.id < $5)
      order by a.id desc
      limit $6`,
    [filter.subtreePaths, filter.unitIds, filter.entity ?? null, filter.entityId ?? null, filter.beforeId ?? null, filter.limit],
  );
  return r.rows.map((row) => ({ ...row, at: new Date(row.at).toISOString() }));
}
