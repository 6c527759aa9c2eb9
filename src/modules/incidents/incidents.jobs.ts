import { z } from 'zod';
import { defineJob } from '../../platform/jobs';
import { sweepIncidents } from './incidents.sweep';

/** Story attachment, overdue escalation and the notification outbox (every minute; idempotent). */
export const incidentsSweepJob = defineJob({
  name: 'incidents.sweep',
  schema: z.object({}).passthrough(),
  cron: '* * * * *',
  handler: async () => {
    await sweepIncidents();
  },
});
