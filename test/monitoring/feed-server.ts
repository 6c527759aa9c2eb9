import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A loopback HTTP server serving feeds for the polling tests: each path has a
 * handler returning status, headers and body; requests are logged with their
 * headers (to see the conditional GET).
 */
export type FeedReply = { status?: number; headers?: Record<string, string>; body?: string | Buffer };
export type FeedHandler = (req: http.IncomingMessage) => FeedReply | Promise<FeedReply>;

export async function startFeedServer(routes: Record<string, FeedHandler>) {
  const log: { path: string; headers: http.IncomingHttpHeaders }[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    log.push({ path, headers: req.headers });
    const handler = routes[path];
    const reply = handler ? await handler(req) : { status: 404, body: 'không có' };
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/rss+xml; charset=utf-8', ...reply.headers });
    res.end(reply.body ?? '');
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    log,
    routes,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export type RssEntry = { guid?: string; link: string; title: string; summary: string; published: string };

export function rss(title: string, items: RssEntry[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${esc(title)}</title>
${items
  .map(
    (i) => `<item><title>${esc(i.title)}</title><link>${esc(i.link)}</link><guid>${esc(i.guid ?? i.link)}</guid>
<description>${esc(i.summary)}</description><pubDate>${new Date(i.published).toUTCString()}</pubDate></item>`,
  )
  .join('\n')}
</channel></rss>`;
}
