import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../src/jobs';
import { seedDemo } from '../../src/demo/demo.seed';
import { getReceipts } from '../../src/modules/notices';
import { db } from '../../src/platform/db';
import { startJobs, stopJobs } from '../../src/platform/jobs';
import { useTestDatabase } from '../support/db';

const state = useTestDatabase();
beforeAll(async () => {
  await startJobs({ connectionString: state.url, isWorker: false });
});
afterAll(async () => {
  await stopJobs();
});

describe('demo notices', () => {
  it('seeds a sent line to take (on the Kim Đồng incident) and a guidance notice, both partly read', async () => {
    await seedDemo();
    const rows = (await db().query(`select id, kind, status, incident_id as "incidentId" from notices order by id`)).rows;
    expect(rows.map((r) => [r.kind, r.status])).toEqual([['line_to_take', 'sent'], ['guidance', 'sent']]);
    expect(rows[0].incidentId).not.toBeNull();
    for (const r of rows) {
      const rc = await getReceipts(db(), Number(r.id));
      expect(rc.totals.read).toBeGreaterThan(0);
      expect(rc.totals.read).toBeLessThan(rc.totals.recipients);
    }
    const timeline = await db().query(`select kind from incident_timeline where ref_table = 'notices' and ref_id = $1`, [rows[0].id]);
    expect(timeline.rows.map((x) => x.kind)).toEqual(['statement']);
  }, 120_000);
});
