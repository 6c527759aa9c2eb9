import { z } from 'zod';
import { defineJob } from '../../platform/jobs';
import { runSiteImport } from './siteimport.service';

/** Works a site import run page by page; resumable, so a retry after a crash carries on where it stopped. */
export const siteImportJob = defineJob({
  name: 'siteimport.run',
  schema: z.object({ runId: z.number().int().positive() }),
  handler: async ({ runId }) => runSiteImport(runId),
  retryLimit: 5,
  expireInSeconds: 3 * 60 * 60,
});
