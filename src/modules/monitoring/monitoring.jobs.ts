import { z } from 'zod';
import { db } from '../../platform/db';
import { defineJob } from '../../platform/jobs';

/**
 * Every minute: claim the feeds and sitemaps that are due (FOR UPDATE SKIP LOCKED
 * with a lease, so any number of workers share them), poll them, then process
 * whatever items are waiting (each in its own transaction, claimed with SKIP
 * LOCKED). A failing source is recorded on the source and never fails the job.
 */
export const pollDueJob = defineJob({
  name: 'monitoring.poll-due',
  schema: z.object({}).passthrough(),
  cron: '* * * * *',
  expireInSeconds: 10 * 60,
  handler: async () => {
    const { pollDue } = await import('./poll.service');
    const { processPending } = await import('./pipeline');
    for (let round = 0; round < 5; round++) {
      const polled = await pollDue(20);
      await processPending({ limit: 2000 });
      if (polled.length < 20) break;
    }
    await processPending({ limit: 2000 });
    await db().query(`delete from monitor_webhook_seen where received_at < now() - interval '1 day'`);
  },
});
