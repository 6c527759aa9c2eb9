import { db } from '../platform/db';
import { type Listener, listen } from '../platform/notify';

/**
 * What the public pages are cached against: `portal_stamp.version`, which a
 * trigger bumps (and announces with NOTIFY `loa_portal`) whenever an article,
 * a photo or a unit changes. While this node's LISTEN connection is up, the
 * version is known locally and a cache hit costs no query; while it is down
 * (or never started, as in tests), every request reads the version — one
 * primary-key lookup, shared by concurrent requests — so no node ever serves
 * a page older than the last commit it could see.
 */
let local: string | null = null;
let isListening = false;
let epoch = 0; // bumped by every notification: a read begun before one must not be kept
let inflight: Promise<string> | null = null;
let listener: Listener | null = null;

async function readVersion(): Promise<string> {
  inflight ??= db()
    .query<{ version: string }>('select version::text as version from portal_stamp where id = 1')
    .then((r) => r.rows[0]?.version ?? '0')
    .finally(() => {
      inflight = null;
    });
  return inflight;
}

export async function portalVersion(): Promise<string> {
  if (isListening && local !== null) return local;
  const began = epoch;
  const v = await readVersion();
  if (isListening && began === epoch) local = v;
  return v;
}

/**
 * The version this node knows without a query: only while it listens for
 * change notifications and has read the stamp since the last one; else null.
 * The raw node:http fast path (fast-path.ts) serves a kept page only when its
 * version is exactly this.
 */
export function knownPortalVersion(): string | null {
  return isListening ? local : null;
}

/** For /readyz: does this node hear the database's change notifications, or check per request? */
export function portalCacheMode(): 'listening' | 'polling' {
  return isListening ? 'listening' : 'polling';
}

export function startPortalFreshness(databaseUrl: string): void {
  if (listener) return;
  listener = listen(
    databaseUrl,
    'loa_portal',
    () => {
      epoch++;
      local = null; // re-read on the next request (one query for all of them)
    },
    (isUp) => {
      epoch++;
      isListening = isUp;
      local = null;
    },
  );
}

export async function stopPortalFreshness(): Promise<void> {
  await listener?.stop();
  listener = null;
}
