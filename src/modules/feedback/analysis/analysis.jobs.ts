import { z } from 'zod';
import { defineJob } from '../../../platform/jobs';

/**
 * `feedback.analysis.retrain`: nightly (02:45) and on demand. Idempotent: it retrains only
 * when the codes changed since the live model (same fingerprint → nothing written).
 */
export const feedbackRetrainJob = defineJob({
  name: 'feedback.analysis.retrain',
  schema: z.object({ userId: z.number().int().nullable().optional(), force: z.boolean().optional() }).passthrough(),
  cron: '45 2 * * *',
  expireInSeconds: 30 * 60,
  handler: async (data) => {
    const { retrainFeedbackModel } = await import('./model.service');
    await retrainFeedbackModel(data.userId ? { userId: data.userId } : null, { force: !!data.force });
  },
});
