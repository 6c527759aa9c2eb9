import { z } from 'zod';
import { defineJob } from '../../platform/jobs';
import { sendMail } from '../../platform/mail';

/** Mail goes through a job so a slow or failing SMTP server never loses a message or blocks a request. */
export const sendMailJob = defineJob({
  name: 'mail.send',
  schema: z.object({ to: z.string().email(), subject: z.string(), text: z.string(), html: z.string().optional() }),
  handler: async (mail) => sendMail(mail),
  retryLimit: 8,
});

export const purgeSessionsJob = defineJob({
  name: 'identity.purge-sessions',
  schema: z.object({}).passthrough(),
  cron: '17 3 * * *',
  handler: async () => {
    const { purgeExpiredSessions } = await import('./identity.service');
    await purgeExpiredSessions();
  },
});
