import { z } from 'zod';
import { defineJob } from '../../platform/jobs';
import { notifyNewMessages } from './contact.service';

/** E-mails the focal points about new contact-form messages (outbox sweep, every minute). */
export const notifyMessagesJob = defineJob({
  name: 'sitecontent.notify-messages',
  schema: z.object({}).passthrough(),
  cron: '* * * * *',
  handler: async () => {
    await notifyNewMessages();
  },
});
