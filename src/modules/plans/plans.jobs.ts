import { z } from 'zod';
import { defineJob } from '../../platform/jobs';

/**
 * The plans module's background work. Both jobs sweep rows that say what is
 * still to do (`notified_at`, `reminded_at` null), so running them twice, or
 * on several workers at once, does the work once.
 */
export const notifyRecipientsJob = defineJob({
  name: 'plans.notify-recipients',
  schema: z.object({}).passthrough(),
  cron: '* * * * *',
  handler: async () => {
    const { notifyRecipients } = await import('./distribution.service');
    while ((await notifyRecipients()) > 0) {}
  },
});

export const remindDeadlinesJob = defineJob({
  name: 'plans.remind-deadlines',
  schema: z.object({}).passthrough(),
  cron: '7 * * * *',
  handler: async () => {
    const { remindDueDeadlines } = await import('./obligations.service');
    while ((await remindDueDeadlines()) > 0) {}
  },
});
