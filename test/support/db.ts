import { afterAll, beforeAll, inject } from 'vitest';
import { loadConfig, setConfig } from '../../src/platform/config';
import { closeDb, openDb } from '../../src/platform/db';
import { configureLog } from '../../src/platform/log';
import { createTestDatabase } from './pg';

/**
 * Call at the top of a test file that touches SQL: the file gets its own
 * migrated database on the run's real PostgreSQL. Returns its URL (lazily).
 */
export function useTestDatabase(env: Record<string, string> = {}) {
  const state: { url: string } = { url: '' };
  let drop = async () => {};
  beforeAll(async () => {
    const created = await createTestDatabase(inject('pgAdminUrl'));
    drop = created.drop;
    state.url = created.url;
    setConfig(
      loadConfig({
        LOA_LOG_LEVEL: 'warn',
        LOA_DATA_DIR: `/tmp/loa-test-data-${process.pid}`,
        ...env,
        DATABASE_URL: created.url,
      } as NodeJS.ProcessEnv),
    );
    configureLog({ level: 'warn', format: 'json' });
    openDb(created.url, 5);
  });
  afterAll(async () => {
    await closeDb();
    await drop();
  });
  return state;
}
