import crypto from 'node:crypto';
import { now } from '../../platform/clock';
import { type Queryable, db, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { type Actor, recordAudit } from '../audit';
// Secrets at rest share the distribution module's AES-256-GCM key (LOA_SECRET_KEY / secret.key).
import { decryptSecret, encryptSecret, tokenHint } from '../distribution';

/**
 * Monitoring sources: feeds (RSS, Atom, JSON Feed — detected from the content),
 * news sitemaps, a signed inbound webhook, manual entries and hotline notes. A
 * source belongs to a unit (whose people may see and manage it) or, created from
 * the CLI without one, to the whole installation (null). Health is kept on the
 * row (last success, last error, consecutive failures) and per day
 * (monitor_source_days) for items/day.
 */
export const sourceKinds = ['feed', 'sitemap', 'webhook', 'manual', 'hotline'] as const;
export type SourceKind = (typeof sourceKinds)[number];

export type Source = {
  id: number;
  unitId: number | null;
  unitName: string | null;
  kind: SourceKind;
  name: string;
  url: string | null;
  isActive: boolean;
  intervalSeconds: number | null;
  adaptiveSeconds: number;
  nextPollAt: string;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorCode: string | null;
  lastErrorAt: string | null;
  consecutiveFailures: number;
  itemsTotal: number;
  itemsPerDay: number;
  webhookSecretHint: string | null;
  health: 'ok' | 'warning' | 'failing' | 'paused' | 'new';
  version: number;
  createdAt: string;
};

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

const columns = `s.id, s.unit_id, u.name as unit_name, s.kind, s.name, s.url, s.is_active, s.interval_seconds, s.adaptive_seconds,
  s.next_poll_at, s.last_polled_at, s.last_success_at, s.last_error, s.last_error_code, s.last_error_at, s.consecutive_failures,
  s.items_total, s.webhook_secret_hint, s.version, s.created_at,
  coalesce((select sum(d.items) from monitor_source_days d where d.source_id = s.id and d.day > (now() at time zone 'Asia/Ho_Chi_Minh')::date - 7), 0) as items_week`;

function present(r: Record<string, any>): Source {
  const failures = Number(r.consecutive_failures);
  const health: Source['health'] = !r.is_active
    ? 'paused'
    : failures >= 3
      ? 'failing'
      : failures > 0
        ? 'warning'
        : r.last_success_at || !['feed', 'sitemap'].includes(r.kind)
          ? 'ok'
          : 'new';
  return {
    id: r.id,
    unitId: r.unit_id,
    unitName: r.unit_name ?? null,
    kind: r.kind,
    name: r.name,
    url: r.url,
    isActive: r.is_active,
    intervalSeconds: r.interval_seconds,
    adaptiveSeconds: r.adaptive_seconds,
    nextPollAt: iso(r.next_poll_at) as string,
    lastPolledAt: iso(r.last_polled_at),
    lastSuccessAt: iso(r.last_success_at),
    lastError: r.last_error,
    lastErrorCode: r.last_error_code,
    lastErrorAt: iso(r.last_error_at),
    consecutiveFailures: failures,
    itemsTotal: r.items_total,
    itemsPerDay: Math.round((Number(r.items_week) / 7) * 10) / 10,
    webhookSecretHint: r.webhook_secret_hint,
    health,
    version: r.version,
    createdAt: iso(r.created_at) as string,
  };
}

export async function getSource(q: Queryable, id: number): Promise<Source> {
  const r = await q.query(`select ${columns} from monitor_sources s left join units u on u.id = s.unit_id where s.id = $1`, [id]);
  if (!r.rows[0]) throw new AppError('monitor.source_not_found', 404, 'monitor.source_not_found');
  return present(r.rows[0]);
}

/** Sources owned by units within the given subtree paths or ids; system-wide ones when `isIncludingSystem`. */
export async function listSources(
  q: Queryable,
  scope: { subtreePaths: string[]; unitIds: number[]; isIncludingSystem: boolean } | null,
): Promise<Source[]> {
  const r = await q.query(
    `select ${columns} from monitor_sources s left join units u on u.id = s.unit_id
     where $1::boolean
        or (s.unit_id is null and $4::boolean)
        or u.path <@ any($2::ltree[])
        or s.unit_id = any($3::bigint[])
     order by s.kind, s.name, s.id`,
    [scope === null, scope?.subtreePaths ?? [], scope?.unitIds ?? [], scope?.isIncludingSystem ?? false],
  );
  return r.rows.map(present);
}

export type SourceInput = {
  unitId: number | null;
  kind: SourceKind;
  name?: string | null;
  url?: string | null;
  intervalSeconds?: number | null;
  isActive?: boolean;
};

function validUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new AppError('monitor.bad_url', 400, 'monitor.bad_url', { url });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new AppError('monitor.bad_url', 400, 'monitor.bad_url', { url });
  return u.toString();
}

export function newWebhookSecret(): string {
  return `whsec_${crypto.randomBytes(24).toString('base64url')}`;
}

/** Creates a source. A webhook source gets a secret, returned here once (only a hint is kept readable). */
export async function createSource(actor: Actor, input: SourceInput): Promise<{ source: Source; webhookSecret: string | null }> {
  const isPolled = input.kind === 'feed' || input.kind === 'sitemap';
  if (isPolled && !input.url) throw new AppError('monitor.url_required', 400, 'monitor.url_required');
  const url = isPolled && input.url ? validUrl(input.url) : null;
  const name = (input.name?.trim() || (url ? new URL(url).hostname.replace(/^www\./, '') : defaultName(input.kind))).slice(0, 200);
  const secret = input.kind === 'webhook' ? newWebhookSecret() : null;
  return withTransaction(async (tx) => {
    if (url) {
      const dup = await tx.query('select id from monitor_sources where url = $1', [url]);
      if (dup.rows[0]) throw new AppError('monitor.source_exists', 409, 'monitor.source_exists', { url });
    }
    const r = await tx.query(
      `insert into monitor_sources (unit_id, kind, name, url, interval_seconds, is_active, webhook_secret_enc, webhook_secret_hint, created_by, next_poll_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
      [
        input.unitId,
        input.kind,
        name,
        url,
        input.intervalSeconds ?? null,
        input.isActive ?? true,
        secret ? encryptSecret(secret) : null,
        secret ? tokenHint(secret) : null,
        actor.userId,
        now(),
      ],
    );
    const source = await getSource(tx, r.rows[0].id);
    await recordAudit(tx, actor, { action: 'monitor.source_create', entity: 'monitor_source', entityId: source.id, unitId: source.unitId, after: { ...source } });
    return { source, webhookSecret: secret };
  });
}

function defaultName(kind: SourceKind): string {
  return { feed: 'Nguồn tin', sitemap: 'Sitemap tin tức', webhook: 'Dịch vụ theo dõi mạng xã hội', manual: 'Nhập tay', hotline: 'Đường dây nóng' }[kind];
}

export type SourcePatch = { version: number; name?: string; url?: string | null; intervalSeconds?: number | null; isActive?: boolean };

export async function updateSource(actor: Actor, id: number, patch: SourcePatch): Promise<Source> {
  return withTransaction(async (tx) => {
    const before = await getSource(tx, id);
    await tx.query('select id from monitor_sources where id = $1 for update', [id]);
    if (before.version !== patch.version) throw new AppError('monitor.stale', 409, 'monitor.stale');
    const url = patch.url !== undefined && patch.url !== null && ['feed', 'sitemap'].includes(before.kind) ? validUrl(patch.url) : before.url;
    if (url !== before.url) {
      const dup = await tx.query('select id from monitor_sources where url = $1 and id <> $2', [url, id]);
      if (dup.rows[0]) throw new AppError('monitor.source_exists', 409, 'monitor.source_exists', { url: url ?? '' });
    }
    const isResuming = patch.isActive === true && !before.isActive;
    await tx.query(
      `update monitor_sources set name = $2, url = $3, interval_seconds = $4, is_active = $5, version = version + 1, updated_at = now(),
         etag = case when $3 is distinct from url then null else etag end,
         last_modified = case when $3 is distinct from url then null else last_modified end,
         consecutive_failures = case when $6 then 0 else consecutive_failures end,
         next_poll_at = case when $6 or $3 is distinct from url or $4 is distinct from interval_seconds then now() else next_poll_at end
       where id = $1`,
      [
        id,
        patch.name?.trim() || before.name,
        url,
        patch.intervalSeconds === undefined ? before.intervalSeconds : patch.intervalSeconds,
        patch.isActive ?? before.isActive,
        isResuming,
      ],
    );
    const after = await getSource(tx, id);
    await recordAudit(tx, actor, { action: 'monitor.source_update', entity: 'monitor_source', entityId: id, unitId: after.unitId, before, after });
    return after;
  });
}

/** A new webhook secret replaces the old one at once; it is returned this one time. */
export async function rotateWebhookSecret(actor: Actor, id: number): Promise<{ source: Source; webhookSecret: string }> {
  return withTransaction(async (tx) => {
    const before = await getSource(tx, id);
    if (before.kind !== 'webhook') throw new AppError('monitor.not_webhook', 422, 'monitor.not_webhook');
    const secret = newWebhookSecret();
    await tx.query('update monitor_sources set webhook_secret_enc = $2, webhook_secret_hint = $3, version = version + 1, updated_at = now() where id = $1', [
      id,
      encryptSecret(secret),
      tokenHint(secret),
    ]);
    await recordAudit(tx, actor, { action: 'monitor.webhook_rotate', entity: 'monitor_source', entityId: id, unitId: before.unitId });
    return { source: await getSource(tx, id), webhookSecret: secret };
  });
}

export async function webhookSecretOf(id: number): Promise<{ secret: string; isActive: boolean; unitId: number | null } | null> {
  const r = await db().query(`select webhook_secret_enc, is_active, unit_id from monitor_sources where id = $1 and kind = 'webhook'`, [id]);
  const row = r.rows[0];
  if (!row?.webhook_secret_enc) return null;
  return { secret: decryptSecret(row.webhook_secret_enc), isActive: row.is_active, unitId: row.unit_id };
}

/** The unit's source for manual entries or hotline notes, created on first use. */
export async function ensureUnitSource(q: Queryable, unitId: number, kind: 'manual' | 'hotline'): Promise<number> {
  const found = await q.query('select id from monitor_sources where unit_id = $1 and kind = $2 order by id limit 1', [unitId, kind]);
  if (found.rows[0]) return found.rows[0].id;
  const r = await q.query(`insert into monitor_sources (unit_id, kind, name) values ($1, $2, $3) returning id`, [unitId, kind, defaultName(kind)]);
  return r.rows[0].id;
}

/** The default owner of a source added from the CLI: the first root unit, or none. */
export async function defaultSourceUnit(q: Queryable = db()): Promise<number | null> {
  const r = await q.query(`select id from units where parent_id is null and status = 'active' order by id limit 1`);
  return r.rows[0]?.id ?? null;
}

// ---------------------------------------------------------------------------
// Watchlist aliases users add (a nickname of a school, an old name)

export type Alias = { id: number; unitId: number; unitName: string; alias: string; createdAt: string };

export async function listAliases(q: Queryable, unitPath: string): Promise<Alias[]> {
  const r = await q.query(
    `select a.id, a.unit_id, u.name as unit_name, a.alias, a.created_at from monitor_aliases a join units u on u.id = a.unit_id
     where u.path <@ $1::ltree order by u.name, a.alias`,
    [unitPath],
  );
  return r.rows.map((x) => ({ id: x.id, unitId: x.unit_id, unitName: x.unit_name, alias: x.alias, createdAt: new Date(x.created_at).toISOString() }));
}

export async function addAlias(actor: Actor, unitId: number, alias: string): Promise<Alias> {
  return withTransaction(async (tx) => {
    const r = await tx.query(
      `insert into monitor_aliases (unit_id, alias, created_by) values ($1, $2, $3)
       on conflict (unit_id, alias) do update set alias = excluded.alias returning id`,
      [unitId, alias.trim(), actor.userId],
    );
    await recordAudit(tx, actor, { action: 'monitor.alias_add', entity: 'monitor_alias', entityId: r.rows[0].id, unitId, after: { alias } });
    const row = await tx.query(
      'select a.id, a.unit_id, u.name as unit_name, a.alias, a.created_at from monitor_aliases a join units u on u.id = a.unit_id where a.id = $1',
      [r.rows[0].id],
    );
    const x = row.rows[0];
    return { id: x.id, unitId: x.unit_id, unitName: x.unit_name, alias: x.alias, createdAt: new Date(x.created_at).toISOString() };
  });
}

export async function aliasUnit(q: Queryable, id: number): Promise<number> {
  const r = await q.query('select unit_id from monitor_aliases where id = $1', [id]);
  if (!r.rows[0]) throw new AppError('monitor.alias_not_found', 404, 'monitor.alias_not_found');
  return r.rows[0].unit_id;
}

export async function removeAlias(actor: Actor, id: number): Promise<void> {
  await withTransaction(async (tx) => {
    const r = await tx.query('delete from monitor_aliases where id = $1 returning unit_id, alias', [id]);
    if (!r.rows[0]) throw new AppError('monitor.alias_not_found', 404, 'monitor.alias_not_found');
    await recordAudit(tx, actor, { action: 'monitor.alias_remove', entity: 'monitor_alias', entityId: id, unitId: r.rows[0].unit_id, before: r.rows[0] });
  });
}
