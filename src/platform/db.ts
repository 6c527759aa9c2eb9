import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { log } from './log';

/**
 * One connection pool per process. Services run their work through
 * `withTransaction`; read-only helpers use `db()` directly.
 */
export type Db = pg.Pool;
export type Tx = pg.PoolClient;
export type Queryable = pg.Pool | pg.PoolClient;

// Return bigint ids and counts as JS numbers: unit ids stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
// Keep `date` columns as 'yyyy-mm-dd' strings: a calendar day has no time zone.
pg.types.setTypeParser(1082, (v) => v);

let pool: pg.Pool | undefined;

export function openDb(url: string, max = 10): pg.Pool {
  pool = new pg.Pool({ connectionString: url, max, application_name: 'loa' });
  pool.on('error', (err) => log.error('idle database client failed', { err: err.message }));
  return pool;
}

export function db(): pg.Pool {
  if (!pool) throw new Error('database is not open');
  return pool;
}

export async function closeDb(): Promise<void> {
  const p = pool;
  pool = undefined;
  await p?.end();
}

export async function withTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await db().connect();
  try {
    await client.query('begin');
    const result = await fn(client);
    await client.query('commit');
    return result;
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

export const migrationsDir = path.resolve(import.meta.dirname, '../../migrations');

/**
 * Forward-only SQL migrations from `migrations/`, applied in name order, each
 * in its own transaction, under an advisory lock so that several nodes booting
 * together apply each one exactly once.
 */
export async function migrate(target: Queryable = db()): Promise<string[]> {
  const client = 'release' in target ? target : await (target as pg.Pool).connect();
  const applied: string[] = [];
  try {
    await client.query('select pg_advisory_lock(7265001)');
    await client.query(
      'create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())',
    );
    const done = new Set(
      (await client.query<{ name: string }>('select name from schema_migrations')).rows.map((r) => r.name),
    );
    const files = fs
      .readdirSync(migrationsDir)
      .filter((f) => f.endsWith('.sql'))
      .sort();
    for (const file of files) {
      if (done.has(file)) continue;
      const sql = fs.readFileSync(path.join(migrationsDir, file), 'utf8');
      await client.query('begin');
      try {
        await client.query(sql);
        await client.query('insert into schema_migrations (name) values ($1)', [file]);
        await client.query('commit');
      } catch (err) {
        await client.query('rollback');
        throw new Error(`migration ${file} failed: ${(err as Error).message}`);
      }
      applied.push(file);
      log.info('applied migration', { file });
    }
  } finally {
    await client.query('select pg_advisory_unlock(7265001)').catch(() => {});
    if (!('release' in target)) (client as pg.PoolClient).release();
  }
  return applied;
}
