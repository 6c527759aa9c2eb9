import { describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/audit';
import {
  closeUnit,
  getUnit,
  getUnitDetail,
  listSubtree,
  mergeUnit,
  moveUnit,
  parentOnDate,
  searchUnits,
  updateUnit,
} from '../../src/modules/org';
import { db } from '../../src/platform/db';
import { useTestDatabase } from '../support/db';
import { makeTree, makeUnit } from '../support/factories';

useTestDatabase();

describe('units on real PostgreSQL', () => {
  it('stores the hierarchy as ltree paths of internal ids', async () => {
    const t = await makeTree();
    expect(t.school.path).toBe(`${t.root.id}.${t.dept.id}.${t.commune.id}.${t.school.id}`);
    const subtree = await listSubtree(db(), t.dept.path);
    expect(subtree.map((u) => u.id).sort()).toEqual([t.dept.id, t.commune.id, t.school.id].sort());
  });

  it('finds units without diacritics, by alias and with old/new tone marks', async () => {
    const t = await makeTree();
    const u = await makeUnit({ parentId: t.commune.id, name: 'Trường Mầm non Hoà Bình', aliases: ['MN Hoà Bình Xanh'] });
    const scope = { subtreePaths: [t.root.path], unitIds: [] };
    expect((await searchUnits(db(), 'mam non hoa binh', scope)).map((h) => h.id)).toContain(u.id);
    expect((await searchUnits(db(), 'Hòa Bình', scope)).map((h) => h.id)).toContain(u.id);
    expect((await searchUnits(db(), 'binh xanh', scope)).map((h) => h.id)).toContain(u.id);
    // outside the scope: not found
    expect(await searchUnits(db(), 'hoa binh', { subtreePaths: [t.otherDept.path], unitIds: [] })).toHaveLength(0);
  });

  it('moves a unit with its subtree and remembers where it stood before', async () => {
    const t = await makeTree();
    const newCommune = await makeUnit({ parentId: t.dept.id, type: 'commune', name: 'Xã Mới' });
    await moveUnit(systemActor, t.commune.id, { parentId: t.otherDept.id, on: '2025-07-01' });
    const school = await getUnit(db(), t.school.id);
    expect(school.path).toBe(`${t.root.id}.${t.otherDept.id}.${t.commune.id}.${t.school.id}`);
    expect(await parentOnDate(db(), t.commune.id, '2025-06-30')).toBe(t.dept.id);
    expect(await parentOnDate(db(), t.commune.id, '2025-07-01')).toBe(t.otherDept.id);
    // a unit cannot move under its own descendant
    await expect(moveUnit(systemActor, t.otherDept.id, { parentId: t.school.id, on: '2025-07-02' })).rejects.toMatchObject({
      code: 'unit.cycle',
    });
    expect(newCommune.parentId).toBe(t.dept.id);
  });

  it('merges a district office into a commune: children move, the office keeps its history', async () => {
    const t = await makeTree();
    const office = await makeUnit({ parentId: t.dept.id, type: 'office', name: 'Phòng GDĐT huyện Cũ' });
    const s1 = await makeUnit({ parentId: office.id, name: 'Trường Tiểu học Một' });
    const merged = await mergeUnit(systemActor, office.id, { intoId: t.commune.id, on: '2025-07-01', isMovingChildren: true });
    expect(merged.status).toBe('merged');
    expect(merged.mergedIntoId).toBe(t.commune.id);
    expect((await getUnit(db(), s1.id)).parentId).toBe(t.commune.id);
    expect(await parentOnDate(db(), s1.id, '2025-06-01')).toBe(office.id);
    const detail = await getUnitDetail(db(), office.id);
    expect(detail.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['merged', 'created']));
  });

  it('refuses a stale edit and changes nothing', async () => {
    const t = await makeTree();
    await updateUnit(systemActor, t.school.id, { version: t.school.version, name: 'Trường THCS Đổi Tên' });
    await expect(updateUnit(systemActor, t.school.id, { version: t.school.version, name: 'Khác' })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect((await getUnit(db(), t.school.id)).name).toBe('Trường THCS Đổi Tên');
  });

  it('closes a unit with a date and writes the audit log', async () => {
    const t = await makeTree();
    await closeUnit({ userId: null, ip: '127.0.0.1' }, t.school.id, { on: '2025-08-15' });
    const u = await getUnit(db(), t.school.id);
    expect(u.status).toBe('closed');
    expect(u.closedOn).toBe('2025-08-15');
    const log = await db().query(`select action, before->>'status' as b, after->>'status' as a from audit_log where entity_id = $1 order by id`, [
      String(t.school.id),
    ]);
    expect(log.rows.at(-1)).toEqual({ action: 'unit.close', b: 'active', a: 'closed' });
  });
});
