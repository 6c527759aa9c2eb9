import { z } from 'zod';
import { defineJob } from '../../platform/jobs';

/**
 * The delivery worker: every minute (cron), and right after an article is
 * published (queued in the publishing transaction). Each run works the due
 * deliveries one by one, each claimed with SKIP LOCKED, so any number of
 * workers share them without doing one twice.
 */
export const workDeliveriesJob = defineJob({
  name: 'distribution.work-deliveries',
  schema: z.object({ articleId: z.number().int().optional() }).passthrough(),
  cron: '* * * * *',
  retryLimit: 1,
  expireInSeconds: 30 * 60,
  handler: async () => {
    const { workDueDeliveries } = await import('./deliveries.service');
    await workDueDeliveries();
    // withdrawn articles: take down what was posted (delivery_removals), the same outbox pattern
    const { workDueRemovals } = await import('./removals.service');
    await workDueRemovals();
  },
});

/** Every 10 minutes: Zalo OA access tokens (about 25 hours) are refreshed 3 hours before they expire. */
export const refreshTokensJob = defineJob({
  name: 'distribution.refresh-tokens',
  schema: z.object({}).passthrough(),
  cron: '*/10 * * * *',
  retryLimit: 0,
  handler: async () => {
    const { refreshDueTokens } = await import('./refresh.service');
    await refreshDueTokens();
  },
});

/** 07:00 Asia/Ho_Chi_Minh: focal points and administrators hear of channel tokens expiring within 7 days (once per expiry). */
export const tokenExpiryJob = defineJob({
  name: 'distribution.warn-token-expiry',
  schema: z.object({}).passthrough(),
  cron: '0 7 * * *',
  handler: async () => {
    const { warnExpiringTokens } = await import('./targets.service');
    while ((await warnExpiringTokens()) > 0) {}
  },
});
