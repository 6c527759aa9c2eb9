import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type HttpBindings, serve } from '@hono/node-server';
import { createApp } from './http/app';
import './jobs';
import { db } from './platform/db';
import { startJobs, stopJobs } from './platform/jobs';
import { startPortalFreshness, stopPortalFreshness } from './portal/freshness';
import { captureForFastPath, tryFastPath } from './portal/fast-path';
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
    await inbound?.close().catch(() => {});
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
  // press questions by e-mail (issue 7): the worker runs the inbound SMTP listener when LOA_INBOUND_SMTP_PORT is set
  const inbound = opts.role !== 'web' ? await (await import('./modules/press')).startInboundSmtp() : null;
  if (opts.role === 'worker') {
    log.info('worker running');
    return;
  }
  const port = opts.port ?? cfg.port;
  startPortalFreshness(rt.databaseUrl);
  const app = createApp();
  server = await listenHttp(app, { port, hostname: cfg.host });
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

/** `LOA_PORTAL_FAST_PATH=0` turns the fast path off (every request through Hono), e.g. to compare. */
const isFastPathOn = process.env.LOA_PORTAL_FAST_PATH !== '0';

type FetchApp = { fetch: (req: Request, env: HttpBindings) => Response | Promise<Response> };

/**
 * The HTTP server: Hono behind the raw node:http fast path for public pages
 * already rendered under the current portal version (src/portal/fast-path.ts).
 * Every response Hono gives is offered to the fast path, which keeps only the
 * ones `cached()` marked.
 */
export async function listenHttp(app: FetchApp, opts: { port: number; hostname?: string }): Promise<ReturnType<typeof serve>> {
  return new Promise((resolve) => {
    const server = serve(
      {
        fetch: async (req, env) => {
          const res = await app.fetch(req, env as HttpBindings);
          captureForFastPath((env as HttpBindings).incoming, res);
          return res;
        },
        port: opts.port,
        hostname: opts.hostname,
        createServer: ((options: http.ServerOptions, listener: http.RequestListener) =>
          isFastPathOn
            ? http.createServer(options, (req, res) => {
                if (!tryFastPath(req, res)) listener(req, res);
              })
            : http.createServer(options, listener)) as typeof http.createServer,
      },
      (_info: AddressInfo) => resolve(server),
    );
  });
}
