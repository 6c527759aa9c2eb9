import { describe, expect, it } from 'vitest';
import { seedDemoEmulation } from '../../src/demo/demo-emulation.seed';
import { listSchemes, scoreScheme } from '../../src/modules/emulation';
import { db } from '../../src/platform/db';
import { useTestDatabase } from '../support/db';
import { makePerson, makeTree } from '../support/factories';

useTestDatabase();

describe('demo emulation scheme', () => {
  it('seeds a school-year scheme of the Sở that ranks its schools', async () => {
    const t = await makeTree();
    const officer = await makePerson({ unitId: t.dept.id, roles: ['focal_point'] });
    await seedDemoEmulation(new Map([['so', t.dept.id]]), new Map([['daumoi.so@demo.loa.vn', officer.id]]));
    const schemes = await listSchemes(db(), { unitId: t.dept.id });
    expect(schemes).toHaveLength(1);
    const ranking = await scoreScheme(db(), schemes[0].id);
    expect(ranking.scheme.criteria).toHaveLength(6);
    expect(ranking.rows.map((r) => r.unitId)).toContain(t.school.id);
  });
});
