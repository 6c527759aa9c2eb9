import { z } from 'zod';
import { defineJob } from '../../platform/jobs';

/**
 * Overdue reminders: hourly, each late deadline of an issued plan once
 * (`overdue_reminded_at`, claimed with SKIP LOCKED — see remindOverdueDeadlines).
 * The before-due reminders stay in plans.jobs.ts (`plans.remind-deadlines`).
 */
export const remindOverdueJob = defineJob({
  name: 'plans.remind-overdue',
  schema: z.object({}).passthrough(),
  cron: '37 * * * *',
  handler: async () => {
    const { remindOverdueDeadlines } = await import('./obligations.service');
    while ((await remindOverdueDeadlines()) > 0) {}
  },
});
