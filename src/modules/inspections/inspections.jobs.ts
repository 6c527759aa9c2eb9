import { z } from 'zod';
import { defineJob } from '../../platform/jobs';

/**
 * Follow-up action reminders: hourly from 07:20 to 20:20 Vietnam time (cron runs in
 * Asia/Ho_Chi_Minh), so a reminder arrives in the morning and a failed run is retried the
 * same day. Idempotent: each (action, kind) is recorded in inspection_action_reminders in
 * the same transaction as its notices and mails (see reminders.service.ts).
 */
export const inspectionRemindJob = defineJob({
  name: 'inspections.remind-actions',
  schema: z.object({}).passthrough(),
  cron: '20 7-20 * * *',
  handler: async () => {
    const { sendDueActionReminders } = await import('./reminders.service');
    for (let i = 0; i < 50 && (await sendDueActionReminders()) > 0; i++) {}
  },
});
