import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../src/jobs';
import { seedDemo } from '../../src/demo/demo.seed';
import { getInspection } from '../../src/modules/inspections';
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

describe('demo events and inspection', () => {
  it('seeds three events (a held training linked to a plan task) and an inspection in follow-up', async () => {
    await seedDemo();
    const events = (await db().query(`select kind, status, plan_task_id as "taskId" from events order by starts_at`)).rows;
    expect(events.map((e) => e.kind).sort()).toEqual(['conference', 'contest', 'training']);
    const training = events.find((e) => e.kind === 'training');
    expect(training).toMatchObject({ status: 'held' });
    expect(training?.taskId).not.toBeNull();
    const id = Number((await db().query('select id from inspections limit 1')).rows[0].id);
    const ins = await getInspection(db(), id);
    expect(ins).toMatchObject({ status: 'follow_up', score: 79, openActions: 1 });
  }, 180_000);
});
