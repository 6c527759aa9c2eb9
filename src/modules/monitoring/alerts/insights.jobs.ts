import { z } from 'zod';
import { now } from '../../../platform/clock';
import { db } from '../../../platform/db';
import { defineJob } from '../../../platform/jobs';
import { log } from '../../../platform/log';
import { type Listener, listen } from '../../../platform/notify';

/**
 * Monitoring's second-half jobs (registered from src/jobs.ts):
 * - `monitoring.alert-sweep` every minute: new items → alert rows → delivery.
 *   The first run in a worker also LISTENs on `monitor_item_analysed` (a
 *   trigger on monitor_items fires it when the pipeline commits an item), so an
 *   alert goes out within a second of processing, not at the next minute.
 * - `monitoring.spike-check` hourly (at :05): today's volumes against the baseline.
 * - `monitoring.retrain` nightly (02:30): the classifier from the corrections.
 * - `monitoring.digest` daily 07:00: "Điểm tin báo chí" for digest-mode rules.
 * All times Asia/Ho_Chi_Minh; every handler is idempotent (outbox rows are unique).
 */
let listener: Listener | null = null;
let running: Promise<void> | null = null;
let again = false;
let timer: NodeJS.Timeout | null = null;

async function runSweep(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    try {
      do {
        again = false;
        const { sweepAlerts } = await import('./sweep.service');
        await sweepAlerts();
      } while (again);
    } finally {
      running = null;
    }
  })();
  return running;
}

/** Starts the LISTEN that runs a sweep as soon as an item is analysed (once per process). */
export function startAlertListener(url?: string): void {
  if (listener) return;
  const connectionString = url ?? (db() as unknown as { options: { connectionString?: string } }).options.connectionString;
  if (!connectionString) return;
  listener = listen(
    connectionString,
    'monitor_item_analysed',
    () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        runSweep().catch((err) => log.warn('alert sweep failed', { err: (err as Error).message }));
      }, 150);
    },
    (isUp) => {
      if (isUp) void runSweep().catch(() => {});
    },
  );
}

export async function stopAlertListener(): Promise<void> {
  const l = listener;
  listener = null;
  if (timer) clearTimeout(timer);
  timer = null;
  await l?.stop();
}

export const alertSweepJob = defineJob({
  name: 'monitoring.alert-sweep',
  schema: z.object({}).passthrough(),
  cron: '* * * * *',
  handler: async () => {
    startAlertListener();
    await runSweep();
  },
});

export const spikeCheckJob = defineJob({
  name: 'monitoring.spike-check',
  schema: z.object({}).passthrough(),
  cron: '5 * * * *',
  handler: async () => {
    const { checkSpikes } = await import('../spikes/spikes.service');
    await checkSpikes();
    await runSweep();
  },
});

export const retrainJob = defineJob({
  name: 'monitoring.retrain',
  schema: z.object({ userId: z.number().int().nullable().optional() }).passthrough(),
  cron: '30 2 * * *',
  expireInSeconds: 3600,
  handler: async (data) => {
    const { retrain } = await import('../learning/retrain.service');
    await retrain(data.userId ? { userId: data.userId } : null);
  },
});

export const digestJob = defineJob({
  name: 'monitoring.digest',
  schema: z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }).passthrough(),
  cron: '0 7 * * *',
  handler: async (data) => {
    const { queueDigests } = await import('./sweep.service');
    const { todayVn } = await import('../digest/digest.service');
    await queueDigests(data.day ?? todayVn(now()));
    await runSweep();
  },
});
