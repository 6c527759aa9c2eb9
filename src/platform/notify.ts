import pg from 'pg';
import { log } from './log';

/**
 * LISTEN on a PostgreSQL channel over a dedicated connection, reconnecting
 * with back-off. `onState(isUp)` tells whether notifications are flowing: a
 * caller must not rely on them while the connection is down (it may have
 * missed some), and should re-check what it caches when it comes back.
 */
export type Listener = { stop: () => Promise<void> };

export function listen(url: string, channel: string, onMessage: (payload: string) => void, onState: (isUp: boolean) => void): Listener {
  let client: pg.Client | null = null;
  let isStopped = false;
  let delay = 500;
  let timer: NodeJS.Timeout | null = null;
  const connect = async () => {
    if (isStopped) return;
    const c = new pg.Client({ connectionString: url, application_name: 'loa-listen' });
    client = c;
    const fail = (err?: Error) => {
      if (client !== c) return;
      client = null;
      onState(false);
      if (err) log.warn('notification connection lost', { channel, err: err.message });
      c.end().catch(() => {});
      if (!isStopped) timer = setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30_000);
    };
    c.on('error', fail);
    c.on('end', () => fail());
    c.on('notification', (n) => n.channel === channel && onMessage(n.payload ?? ''));
    try {
      await c.connect();
      await c.query(`listen ${pg.escapeIdentifier(channel)}`);
      delay = 500;
      onState(true);
    } catch (err) {
      fail(err as Error);
    }
  };
  void connect();
  return {
    stop: async () => {
      isStopped = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      onState(false);
      await c?.end().catch(() => {});
    },
  };
}
