import { z } from 'zod';
import { defineJob } from '../../platform/jobs';
import { sendResponseReminders } from './reminders.service';

/** Reminders to publish the response of closed consultations (hourly; idempotent through consultation_reminders). */
export const feedbackRemindersJob = defineJob({
  name: 'feedback.response-reminders',
  schema: z.object({}).passthrough(),
  cron: '17 * * * *',
  handler: async () => {
    await sendResponseReminders();
  },
});
