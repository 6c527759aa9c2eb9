import { z } from 'zod';
import { defineJob } from '../../platform/jobs';

/**
 * Event reminders: every 10 minutes, the reminders whose time has come (1 hour, 1 day or
 * 3 days before an event, per event). Idempotent: each (event, person, start time) is
 * recorded in event_reminders_sent in the same transaction as its notice and mail.
 */
export const eventRemindJob = defineJob({
  name: 'events.remind',
  schema: z.object({}).passthrough(),
  cron: '*/10 * * * *',
  handler: async () => {
    const { sendDueReminders } = await import('./reminders.service');
    for (let i = 0; i < 50 && (await sendDueReminders()) > 0; i++) {}
  },
});
