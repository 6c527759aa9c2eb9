import { config } from '../../../platform/config';

/**
 * What one attempt at a delivery came to. `retry` is a transient failure (the
 * worker backs off and tries again, up to LOA_DELIVERY_MAX_ATTEMPTS, then the
 * delivery is `dead`); `isUncertain` says the platform may have made the post
 * anyway (timeout, 5xx), so the next attempt looks it up by its marker first.
 * `failed` needs a person (or, with `resumeAt`, waits for a quota to reset).
 */
export type Attempt =
  | { kind: 'sent'; remoteId: string; remoteUrl?: string | null; state?: Record<string, unknown>; isRecovered?: boolean }
  | { kind: 'retry'; code: string; message: string; isUncertain: boolean; minDelayMs?: number; state?: Record<string, unknown> }
  | {
      kind: 'failed';
      code: string;
      message: string;
      attention?: 'token_expired' | 'permission';
      resumeAt?: Date | null;
      state?: Record<string, unknown>;
      quotaExhaustedUntil?: Date;
    };

export type AdapterArticle = {
  id: number;
  title: string;
  summary: string | null;
  text: string;
  unitName: string;
  url: string;
  photoUrls: string[];
};

export type AdapterContext = {
  delivery: { id: number; marker: string; attempts: number; isUncertain: boolean; state: Record<string, unknown> };
  target: { id: number; unitId: number; externalId: string | null; token: string; settings: Record<string, unknown> };
  article: AdapterArticle;
  /** Commits progress (e.g. Zalo's article id) before the next remote call, so a crash after it is not repeated. */
  saveState: (state: Record<string, unknown>) => Promise<void>;
  /**
   * Zalo OA: after an auth error, refreshes the access token (once per attempt) and
   * gives the new one, or null when it cannot (no refresh token, refused, unavailable).
   */
  refreshToken?: (usedToken: string) => Promise<string | null>;
};

/** The article's public address carrying the delivery's marker: how a post is found again after a crash. */
export function markedUrl(url: string, marker: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}loa=${marker}`;
}
export function hasMarker(text: string | null | undefined, marker: string): boolean {
  if (!text) return false;
  const escaped = marker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`[?&]loa=${escaped}(?![A-Za-z0-9_-])`).test(text);
}

export type HttpResult = { status: number; body: unknown };
/** A network failure: `isUncertain` unless the connection was never made. */
export class NetworkError extends Error {
  constructor(
    message: string,
    readonly isUncertain: boolean,
  ) {
    super(message);
  }
}

/** One HTTP exchange with a timeout (LOA_DELIVERY_TIMEOUT_SECONDS); the body parsed as JSON when it is. */
export async function httpJson(url: string, init: { method: string; headers?: Record<string, string>; body?: string }): Promise<HttpResult> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(config().deliveryTimeoutMs), redirect: 'error' });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    const code = e.cause?.code ?? '';
    // refused or unresolvable: the request never reached the platform
    const isNeverSent = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH'].includes(code);
    throw new NetworkError(e.name === 'TimeoutError' ? 'timeout' : `${e.message}${code ? ` (${code})` : ''}`, !isNeverSent);
  }
  const text = await res.text().catch(() => '');
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text.slice(0, 300);
  }
  return { status: res.status, body };
}

/** Exponential back-off from 30 s, doubling per attempt, at most one hour. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}
