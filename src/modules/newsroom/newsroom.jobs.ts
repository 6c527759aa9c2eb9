import { z } from 'zod';
import { defineJob } from '../../platform/jobs';

/** Scheduled articles go out within a minute of their time; each is claimed once (SKIP LOCKED). */
export const publishDueJob = defineJob({
  name: 'newsroom.publish-due',
  schema: z.object({}).passthrough(),
  cron: '* * * * *',
  handler: async () => {
    const { publishDueArticles } = await import('./articles.service');
    while ((await publishDueArticles()) > 0) {}
  },
});

/** Friday 08:00 and Saturday 08:00 (Asia/Ho_Chi_Minh): schools that have not sent this week's article are reminded, once a week. */
export const quotaReminderJob = defineJob({
  name: 'newsroom.quota-reminders',
  schema: z.object({}).passthrough(),
  cron: '0 8 * * 5,6',
  handler: async () => {
    const { remindQuota } = await import('./quota.service');
    while ((await remindQuota()) > 0) {}
  },
});
