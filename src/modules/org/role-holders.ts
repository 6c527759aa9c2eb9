import type { Queryable } from '../../platform/db';
import type { Role } from './org.policy';

export type RoleHolder = { id: number; email: string; name: string };

/**
 * The active people holding one of `roles` at the unit itself (not its
 * subtree), each once, by id: who a module notifies or e-mails for a unit
 * ("its leaders and focal points"). `role_assignments` is org's table.
 */
export async function roleHoldersOf(q: Queryable, unitId: number, roles: readonly Role[]): Promise<RoleHolder[]> {
  const r = await q.query<{ id: string; email: string; name: string }>(
    `select distinct us.id, us.email, us.name from role_assignments ra join users us on us.id = ra.user_id
      where ra.unit_id = $1 and ra.role = any($2::text[]) and us.is_active order by us.id`,
    [unitId, roles],
  );
  return r.rows.map((x) => ({ id: Number(x.id), email: x.email, name: x.name }));
}
