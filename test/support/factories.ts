import crypto from 'node:crypto';
import { systemActor } from '../../src/modules/audit';
import { hashPassword } from '../../src/modules/identity';
import { type Role, type UnitType, assignRole, createUnit } from '../../src/modules/org';
import { insertPerson } from '../../src/modules/org/people.service';
import { withTransaction } from '../../src/platform/db';

/** Factories: each test makes the data it needs, with unique codes and e-mails. */
const uid = () => crypto.randomBytes(4).toString('hex');
export const TEST_PASSWORD = 'Mật-khẩu-thử-2025';
let cachedHash: Promise<string> | undefined;

export async function makeUnit(
  opts: { parentId?: number | null; type?: UnitType; name?: string; code?: string; aliases?: string[]; level?: 'primary' | 'lower_secondary' | null } = {},
) {
  const type = opts.type ?? (opts.parentId ? 'school' : 'ministry');
  return createUnit(systemActor, {
    code: opts.code ?? `T-${uid()}`,
    name: opts.name ?? `Đơn vị thử ${uid()}`,
    type,
    parentId: opts.parentId ?? null,
    aliases: opts.aliases,
    level: opts.level,
  });
}

export async function makePerson(opts: { unitId: number; roles?: Role[]; roleUnitId?: number; email?: string; name?: string }) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const hash = await cachedHash;
  const email = opts.email ?? `nguoi.${uid()}@thu.loa.vn`;
  const id = await withTransaction((tx) =>
    insertPerson(tx, { email, name: opts.name ?? 'Nguyễn Văn Thử', unitId: opts.unitId }, hash),
  );
  for (const role of opts.roles ?? []) await assignRole(systemActor, id, opts.roleUnitId ?? opts.unitId, role);
  return { id, email };
}

/** Ministry → department → commune → school, twice: "inside" and "outside" trees for scope tests. */
export async function makeTree() {
  const root = await makeUnit({ type: 'ministry', name: 'Bộ thử nghiệm' });
  const dept = await makeUnit({ parentId: root.id, type: 'department', name: 'Sở GDĐT tỉnh Thử' });
  const commune = await makeUnit({ parentId: dept.id, type: 'commune', name: 'Xã Thử Nghiệm' });
  const school = await makeUnit({ parentId: commune.id, type: 'school', name: 'Trường THCS Thử', level: 'lower_secondary' });
  const otherDept = await makeUnit({ parentId: root.id, type: 'department', name: 'Sở GDĐT tỉnh Khác' });
  const otherSchool = await makeUnit({ parentId: otherDept.id, type: 'school', name: 'Trường Tiểu học Khác', level: 'primary' });
  return { root, dept, commune, school, otherDept, otherSchool };
}
