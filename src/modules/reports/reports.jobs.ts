import { z } from 'zod';
import { defineJob } from '../../platform/jobs';
import { generateReport } from './reports.service';

/**
 * Draws a report's numbers. Idempotent: generateReport does nothing unless the
 * report is still generating at this generation (a regeneration bumps it, so a
 * stale or repeated job is a no-op); the result is written in one transaction.
 */
export const generateReportJob = defineJob({
  name: 'reports.generate',
  schema: z.object({ reportId: z.number().int().positive(), generation: z.number().int().positive() }),
  handler: async ({ reportId, generation }) => {
    await generateReport(reportId, generation);
  },
  retryLimit: 3,
  expireInSeconds: 10 * 60,
});
