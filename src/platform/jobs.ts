import PgBoss from 'pg-boss';
import type { z } from 'zod';
import { log } from './log';

/**
 * Background jobs and cron on pg-boss, in the same PostgreSQL: retries with
 * back-off, and any number of workers on any number of machines. Modules
 * declare their jobs with defineJob() in their `*.jobs.ts`; payloads are
 * zod-checked on the way in and on the way out. Handlers must be idempotent.
 */
export type JobDef<S extends z.ZodType> = {
  name: string;
  schema: S;
  handler: (data: z.infer<S>) => Promise<void>;
  retryLimit?: number;
  expireInSeconds?: number;
  cron?: string;
};

const registry = new Map<string, JobDef<z.ZodType>>();
let boss: PgBoss | undefined;

export function defineJob<S extends z.ZodType>(def: JobDef<S>): JobDef<S> {
  registry.set(def.name, def as unknown as JobDef<z.ZodType>);
  return def;
}

export async function startJobs(opts: { connectionString: string; isWorker: boolean; pollSeconds?: number }): Promise<void> {
  boss = new PgBoss({ connectionString: opts.connectionString, schema: 'pgboss', application_name: 'loa-jobs' });
  boss.on('error', (err) => log.error('job system error', { err: err.message }));
  await boss.start();
  for (const def of registry.values()) {
    await boss.createQueue(def.name, {
      name: def.name,
      retryLimit: def.retryLimit ?? 5,
      retryDelay: 5,
      retryBackoff: true,
      expireInSeconds: def.expireInSeconds ?? 15 * 60,
    });
    if (!opts.isWorker) continue;
    await boss.work(def.name, { pollingIntervalSeconds: opts.pollSeconds ?? 2, batchSize: 1 }, async (jobs) => {
      for (const job of jobs) {
        const data = def.schema.parse(job.data);
        log.debug('job started', { job: def.name, id: job.id });
        await def.handler(data);
      }
    });
    if (def.cron) await boss.schedule(def.name, def.cron, {}, { tz: 'Asia/Ho_Chi_Minh' });
  }
  log.info('jobs started', { queues: registry.size, isWorker: opts.isWorker });
}

export async function stopJobs(): Promise<void> {
  const b = boss;
  boss = undefined;
  await b?.stop({ graceful: true, timeout: 5000 });
}

export async function enqueue<S extends z.ZodType>(
  def: JobDef<S>,
  data: z.infer<S>,
  opts: { singletonKey?: string; startAfter?: Date; tx?: { query: (text: string, values: unknown[]) => Promise<{ rows: unknown[] }> } } = {},
): Promise<string | null> {
  if (!boss) throw new Error('the job system is not started');
  const { tx, ...sendOpts } = opts;
  // With `tx`, the job row is written in the caller's transaction: it exists if and only if the change commits.
  const dbOpt = tx ? { db: { executeSql: (text: string, values: unknown[]) => tx.query(text, values) as Promise<{ rows: any[] }> } } : {};
  return boss.send(def.name, def.schema.parse(data) as object, { ...sendOpts, ...dbOpt });
}
