import { z } from 'zod';
import { defineJob } from '../../platform/jobs';
import { applyImportRun } from './imports.service';

/** Applies a reviewed import run. One transaction: a crash rolls back and the retry starts clean. */
export const applyImportJob = defineJob({
  name: 'org.apply-import',
  schema: z.object({ runId: z.string().uuid() }),
  handler: async ({ runId }) => applyImportRun(runId),
  retryLimit: 2,
  expireInSeconds: 30 * 60,
});
