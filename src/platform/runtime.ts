import { type Config, config } from './config';
import { closeDb, migrate, openDb } from './db';
import { startEmbeddedPostgres } from './embedded-pg';
import { configureLog, log } from './log';

/**
 * Brings up what every entry point needs: logs, the database (DATABASE_URL, or
 * the embedded PostgreSQL under LOA_DATA_DIR, reusing one already running there),
 * and migrations. `close()` undoes it, stopping PostgreSQL only if we started it.
 */
export type Runtime = { config: Config; databaseUrl: string; close: () => Promise<void> };

export async function openRuntime(): Promise<Runtime> {
  const cfg = config();
  configureLog({ level: cfg.logLevel, format: cfg.logFormat });
  let databaseUrl = cfg.databaseUrl;
  let stopPg = async () => {};
  if (!databaseUrl) {
    const pg = await startEmbeddedPostgres(cfg.dataDir);
    databaseUrl = pg.url;
    stopPg = pg.stop;
  }
  openDb(databaseUrl, cfg.dbPoolMax);
  try {
    await migrate();
  } catch (err) {
    await closeDb();
    await stopPg();
    throw err;
  }
  let closed = false;
  return {
    config: cfg,
    databaseUrl,
    close: async () => {
      if (closed) return;
      closed = true;
      await closeDb().catch((e) => log.warn('closing the pool failed', { err: String(e) }));
      await stopPg();
    },
  };
}
