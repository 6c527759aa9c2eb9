import { z } from 'zod';
import { defineJob } from '../../platform/jobs';
import { remindLibraryAndCorrections } from './library.service';
import { remindQuestionDeadlines } from './questions.service';

/** Press reminders (every 15 minutes; idempotent: each reminder is marked sent in the same transaction as its mail). */
export const pressRemindJob = defineJob({
  name: 'press.remind',
  schema: z.object({}).passthrough(),
  cron: '*/15 * * * *',
  handler: async () => {
    await remindQuestionDeadlines();
    await remindLibraryAndCorrections();
  },
});
