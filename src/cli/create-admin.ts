import crypto from 'node:crypto';
import { systemActor } from '../modules/audit';
import { hashPassword, isPasswordAcceptable } from '../modules/identity';
import { assignRole, createUnit } from '../modules/org';
import { insertPerson } from '../modules/org/people.service';
import { db, withTransaction } from '../platform/db';
import { AppError } from '../platform/errors';

/**
 * `loa users create-admin`: an administrator at a root unit (the given one, the
 * first root, or a new "Bộ Giáo dục và Đào tạo" on an empty database). An
 * existing account with that e-mail gets the role (and the password, if given).
 */
export async function createAdmin(input: { email: string; name: string; password?: string; unitCode?: string }) {
  const generatedPassword = input.password ? undefined : `${crypto.randomBytes(9).toString('base64url')}7a`;
  const password = input.password ?? (generatedPassword as string);
  if (!isPasswordAcceptable(password)) throw new AppError('auth.password_weak', 422, 'auth.password_weak');
  const hash = await hashPassword(password);
  let unit = (
    await db().query<{ id: number; code: string }>(
      input.unitCode ? 'select id, code from units where code = $1' : 'select id, code from units where parent_id is null order by id limit 1',
      input.unitCode ? [input.unitCode] : [],
    )
  ).rows[0];
  if (!unit && input.unitCode) throw new AppError('unit.not_found', 404, 'unit.not_found');
  if (!unit) {
    const u = await createUnit(systemActor, { code: 'BGDDT', name: 'Bộ Giáo dục và Đào tạo', type: 'ministry', parentId: null, docAbbr: 'BGDĐT' });
    unit = { id: u.id, code: u.code };
  }
  const email = input.email.trim().toLowerCase();
  const existing = await db().query<{ id: number }>('select id from users where lower(email) = $1', [email]);
  let id = existing.rows[0]?.id;
  if (id) {
    await db().query('update users set password_hash = $2, is_active = true where id = $1', [id, hash]);
  } else {
    id = await withTransaction((tx) => insertPerson(tx, { email, name: input.name, unitId: unit.id, title: 'Quản trị hệ thống' }, hash));
  }
  await assignRole(systemActor, id, unit.id, 'administrator');
  return { id, email, unitCode: unit.code, generatedPassword };
}
