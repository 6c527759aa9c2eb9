import crypto from 'node:crypto';
import dns from 'node:dns/promises';
import net from 'node:net';
import { isAddressAllowed } from '../../../platform/safe-fetch';

/**
 * Webhook delivery: a JSON POST signed with HMAC-SHA256 over `timestamp.body`
 * (header `X-Loa-Signature: t=<unix seconds>,v1=<hex>`), carrying
 * `X-Loa-Alert-Id` so a receiver can ignore a repeat. 10 s timeout; a 2xx is
 * success, anything else is retried by the sweep with back-off.
 */
export function signWebhook(secret: string, body: string, at: Date): string {
  const ts = Math.floor(at.getTime() / 1000);
  const mac = crypto.createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex');
  return `t=${ts},v1=${mac}`;
}

export function verifyWebhookSignature(secret: string, body: string, header: string, toleranceS = 300, at = new Date()): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m) return false;
  if (Math.abs(at.getTime() / 1000 - Number(m[1])) > toleranceS) return false;
  const want = crypto.createHmac('sha256', secret).update(`${m[1]}.${body}`).digest();
  return crypto.timingSafeEqual(want, Buffer.from(m[2], 'hex'));
}

export async function postWebhook(url: string, secret: string | null, alertId: number, payload: unknown, at = new Date()): Promise<{ ok: boolean; status: number; error?: string }> {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Loa-Alerts/1', 'x-loa-alert-id': String(alertId) };
  if (secret) headers['x-loa-signature'] = signWebhook(secret, body, at);
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return { ok: false, status: 0, error: 'bad url' };
    // SSRF guard: private and loopback addresses only when listed in LOA_FETCH_ALLOW
    const host = u.hostname.replace(/^\[|\]$/g, '');
    const addrs = net.isIP(host) ? [host] : (await dns.lookup(host, { all: true })).map((a) => a.address);
    if (!addrs.length || addrs.some((a) => !isAddressAllowed(a, host))) return { ok: false, status: 0, error: 'blocked address' };
    const res = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
    await res.arrayBuffer().catch(() => undefined);
    return { ok: res.status >= 200 && res.status < 300, status: res.status, error: res.status >= 300 ? `HTTP ${res.status}` : undefined };
  } catch (err) {
    return { ok: false, status: 0, error: (err as Error).message };
  }
}
