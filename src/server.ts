import { serve } from '@hono/node-server';
import { createApp } from './http/app';
import './jobs';
import { db } from './platform/db';
import { startJobs, stopJobs } from './platform/jobs';
import { startPortalFreshness, stopPortalFreshness } from './portal/freshness';
import { log } from './platform/log';
import { type Runtime, openRuntime } from './platform/runtime';
import { demoAccounts, hasDemoData, seedDemo } from './demo/demo.seed';
import { seedDefaultHolidays } from './modules/plans';

/**
 * `loa serve`: the API, admin UI and portal (role web), the job workers and
 * scheduler (role worker), or both (all). Every role shares one PostgreSQL.
 */
export async function runServer(opts: { role: 'all' | 'web' | 'worker'; port?: number }): Promise<void> {
  const rt: Runtime = await openRuntime();
  const cfg = rt.config;
  let server: ReturnType<typeof serve> | undefined;
  const shutdown = async (signal: string) => {
    log.info('shutting down', { signal });
    server?.close();
    await stopJobs().catch(() => {});
    await stopPortalFreshness().catch(() => {});
    await rt.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  const isEmpty = (await db().query('select not exists (select 1 from units) as empty')).rows[0].empty as boolean;
  await seedDefaultHolidays(db());
  if (isEmpty) await seedDemo();
  const demo = (await hasDemoData()) ? demoAccounts() : null;

  await startJobs({ connectionString: rt.databaseUrl, isWorker: opts.role !== 'web' });
  if (opts.role === 'worker') {
    log.info('worker running');
    return;
  }
  const port = opts.port ?? cfg.port;
  startPortalFreshness(rt.databaseUrl);
  const app = createApp();
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port, hostname: cfg.host }, () => resolve());
  });
  const url = cfg.publicUrl.includes(`:${cfg.port}`) ? cfg.publicUrl.replace(`:${cfg.port}`, `:${port}`) : cfg.publicUrl;
  const lines = [
    '',
    `  Loa đang chạy — ${url}/`,
    `  Quản trị:        ${url}/admin/`,
    `  Tài liệu API:    ${url}/api/docs`,
  ];
  if (demo) {
    lines.push('', `  Tài khoản mẫu (mật khẩu chung: ${demo.password}):`);
    for (const u of demo.users) lines.push(`    ${u.email.padEnd(34)} ${u.label}`);
  }
  process.stderr.write(`${lines.join('\n')}\n\n`);
}
