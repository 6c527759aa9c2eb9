import { z } from 'zod';
import { defineJob } from '../../platform/jobs';
import { sweepNotices } from './sweep.service';

/** The notices outbox and reminders (every minute, and queued at once when a notice is sent). Idempotent. */
export const sweepNoticesJob = defineJob({
  name: 'notices.sweep',
  schema: z.object({}).passthrough(),
  cron: '* * * * *',
  handler: async () => {
    await sweepNotices();
  },
});
