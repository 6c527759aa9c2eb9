import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../src/jobs';
import { seedDemo } from '../../src/demo/demo.seed';
import { getIncident, publishedResults } from '../../src/modules/incidents';
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

describe('demo incidents', () => {
  it('seeds an active incident escalated to the Sở and a closed one with a published result', async () => {
    const before = Date.now();
    await seedDemo();
    const rows = (await db().query('select id, status from incidents order by id')).rows;
    expect(rows.map((r) => r.status)).toEqual(['closed', 'active']);
    const active = await getIncident(db(), Number(rows[1].id));
    expect(active.escalations.map((e) => e.unitName)).toContain('Sở Giáo dục và Đào tạo tỉnh Lam Sơn');
    expect(active.timeline.filter((e) => e.kind === 'mention').length).toBeGreaterThan(0);
    expect(active.reports[0].status).toBe('sent');
    const closed = await getIncident(db(), Number(rows[0].id));
    expect(closed.resultUrl).toMatch(/^\/cong-khai-ket-qua-xu-ly\//);
    expect(closed.measures.timeToResolveHours).toBeGreaterThan(0);
    expect((await publishedResults(db())).total).toBe(1);
    // the clock is back where it was
    expect(Math.abs(Date.now() - before)).toBeLessThan(120_000);
    expect(new Date(active.openedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
  }, 180_000);
});
