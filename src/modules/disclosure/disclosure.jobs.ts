import { z } from 'zod';
import { defineJob } from '../../platform/jobs';

/** Reminders of disclosure deadlines (an outbox sweep: running it twice sends each reminder once). */
export const remindDisclosureJob = defineJob({
  name: 'disclosure.remind',
  schema: z.object({}).passthrough(),
  cron: '17 7 * * *',
  handler: async () => {
    const { remindDisclosure } = await import('./reminders.service');
    while ((await remindDisclosure()) > 0) {}
  },
});
