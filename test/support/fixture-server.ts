import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small HTTP server on 127.0.0.1 for a platform fixture (Graph API, Zalo OA):
 * handlers get the parsed request; every request is logged; sockets are
 * tracked so `close()` ends even while a handler holds a response open
 * (the "hang" faults that make the client time out).
 */
export type FixtureRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
  raw: string;
};
export type FixtureReply = { status: number; body: unknown } | 'hang' | 'drop';
export type Handler = (req: FixtureRequest) => FixtureReply | Promise<FixtureReply>;

export async function startFixtureServer(handler: Handler) {
  const log: FixtureRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d.toString()));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const type = req.headers['content-type'] ?? '';
      let body: Record<string, unknown> = {};
      if (type.includes('application/json') && raw) body = JSON.parse(raw);
      else if (type.includes('application/x-www-form-urlencoded')) body = Object.fromEntries(new URLSearchParams(raw));
      const r: FixtureRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body, raw };
      log.push(r);
      let reply: FixtureReply;
      try {
        reply = await handler(r);
      } catch (err) {
        reply = { status: 500, body: { error: String(err) } };
      }
      if (reply === 'hang') return; // never answers: the client times out
      if (reply === 'drop') {
        req.socket.destroy(); // the connection breaks after the platform acted
        return;
      }
      res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(reply.body));
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
