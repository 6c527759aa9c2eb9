import { describe, expect, it } from 'vitest';
import { seedDemoFeedback } from '../../src/demo/demo-feedback.seed';
import { publicConsultations } from '../../src/modules/feedback';
import { db } from '../../src/platform/db';
import { useTestDatabase } from '../support/db';
import { makePerson, makeTree } from '../support/factories';

useTestDatabase();

describe('demo feedback data', () => {
  it('seeds an open consultation with comments (one hidden) and an answered one', async () => {
    const t = await makeTree();
    const so = await makePerson({ unitId: t.dept.id, roles: ['focal_point'] });
    const ht = await makePerson({ unitId: t.school.id, roles: ['leader'] });
    await seedDemoFeedback(new Map([['so', t.dept.id], ['leloi', t.school.id]]), new Map([['daumoi.so@demo.loa.vn', so.id], ['hieutruong.leloi@demo.loa.vn', ht.id]]));
    const list = await publicConsultations(db(), { limit: 10, offset: 0 });
    expect(list.items.map((x) => x.status).sort()).toEqual(['answered', 'open']);
    const open = list.items.find((x) => x.status === 'open');
    expect(open?.comments).toBe(8);
    const hidden = await db().query(`select count(*)::int as n from feedback_items where visibility = 'hidden'`);
    expect(hidden.rows[0].n).toBe(1);
  });
});
