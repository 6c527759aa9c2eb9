import type { Context } from 'hono';

/**
 * Is this public form post from our own pages? Fetch Metadata first: with
 * `Referrer-Policy: no-referrer` browsers send `Origin: null` on a same-origin
 * form post, so when Sec-Fetch-Site is present it decides. Without it (older
 * browsers, scripts) the Origin's host must be ours; no Origin at all is let
 * through to the signed form token, which binds the post to a page we served.
 */
export function isSameOrigin(c: Context): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site) return site === 'same-origin' || site === 'none';
  const origin = c.req.header('origin');
  if (!origin) return true;
  try {
    const host = new URL(origin).host;
    return host === new URL(c.req.url).host || host === (c.req.header('host') ?? '');
  } catch {
    return false;
  }
}
