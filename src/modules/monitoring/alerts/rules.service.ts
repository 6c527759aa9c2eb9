import { now } from '../../../platform/clock';
import { type Queryable, withTransaction } from '../../../platform/db';
import { AppError } from '../../../platform/errors';
import { type Actor, recordAudit } from '../../audit';
import { encryptSecret } from '../../distribution';

/**
 * Alert rules: for a person (`userId`, alerts go to them) or for a unit
 * (`userId` null: its leaders, focal points and spokespersons), watching the
 * unit's subtree or a few units in it, for some categories and tones, from a
 * minimum risk; immediate or in the daily digest; quiet hours; channels
 * in-app, e-mail, Zalo OA (through a relay webhook) and signed webhook.
 */
export const alertChannels = ['inapp', 'email', 'zalo', 'webhook'] as const;
export type AlertChannel = (typeof alertChannels)[number];

export type RuleInput = {
  unitId: number;
  userId?: number | null;
  name: string;
  unitIds?: number[];
  categories?: string[];
  tones?: ('negative' | 'neutral' | 'positive')[];
  minRisk?: number;
  mode?: 'immediate' | 'digest';
  channels?: AlertChannel[];
  emails?: string[];
  webhookUrl?: string | null;
  /** write-only; null keeps the stored one, '' removes it */
  webhookSecret?: string | null;
  zaloUrl?: string | null;
  quietStart?: string | null;
  quietEnd?: string | null;
  includesSpikes?: boolean;
  isActive?: boolean;
  /** only items matching one of these watched people / keyword topics (migration 0026); empty: any */
  personIds?: number[];
  topicIds?: number[];
};

export type AlertRule = {
  id: number;
  unitId: number;
  unitName: string;
  userId: number | null;
  userName: string | null;
  name: string;
  unitIds: number[];
  categories: string[];
  tones: string[];
  minRisk: number;
  mode: 'immediate' | 'digest';
  channels: AlertChannel[];
  emails: string[];
  webhookUrl: string | null;
  hasWebhookSecret: boolean;
  zaloUrl: string | null;
  quietStart: string | null;
  quietEnd: string | null;
  includesSpikes: boolean;
  isActive: boolean;
  version: number;
  updatedAt: string;
  personIds: number[];
  topicIds: number[];
  /** names of the rule's people / topics (`isActive` false: no longer watched, the filter then never matches anew) */
  people: WatchRef[];
  topics: WatchRef[];
};
export type WatchRef = { id: number; name: string; isActive: boolean };

/** The caller's reach (`scopeOf(…, 'monitoring.read')`): people and topics given to a rule must be visible in it. */
export type WatchScope = { subtreePaths: string[]; unitIds: number[] };

const cols = `r.id, r.unit_id as "unitId", u.name as "unitName", r.user_id as "userId", us.name as "userName", r.name, r.unit_ids as "unitIds",
  r.categories, r.tones, r.min_risk as "minRisk", r.mode, r.channels, r.emails, r.webhook_url as "webhookUrl",
  (r.webhook_secret_enc is not null) as "hasWebhookSecret", r.zalo_url as "zaloUrl",
  to_char(r.quiet_start, 'HH24:MI') as "quietStart", to_char(r.quiet_end, 'HH24:MI') as "quietEnd",
  r.includes_spikes as "includesSpikes", r.is_active as "isActive", r.version, r.updated_at as "updatedAt",
  r.person_ids as "personIds", r.topic_ids as "topicIds",
  coalesce((select json_agg(json_build_object('id', p.id, 'name', p.name, 'isActive', p.is_active) order by p.name, p.id)
              from monitor_watch_people p where p.id = any(r.person_ids)), '[]'::json) as people,
  coalesce((select json_agg(json_build_object('id', t.id, 'name', t.name, 'isActive', t.is_active) order by t.name, t.id)
              from monitor_topics t where t.id = any(r.topic_ids)), '[]'::json) as topics`;
const from = 'from monitor_alert_rules r join units u on u.id = r.unit_id left join users us on us.id = r.user_id';

const present = (r: Record<string, any>): AlertRule => ({
  ...(r as AlertRule),
  unitIds: (r.unitIds as (string | number)[]).map(Number),
  personIds: ((r.personIds ?? []) as (string | number)[]).map(Number),
  topicIds: ((r.topicIds ?? []) as (string | number)[]).map(Number),
  people: ((r.people ?? []) as WatchRef[]).map((x) => ({ id: Number(x.id), name: x.name, isActive: !!x.isActive })),
  topics: ((r.topics ?? []) as WatchRef[]).map((x) => ({ id: Number(x.id), name: x.name, isActive: !!x.isActive })),
  minRisk: Number(r.minRisk),
  updatedAt: new Date(r.updatedAt).toISOString(),
});

export async function getRule(q: Queryable, id: number): Promise<AlertRule> {
  const r = await q.query(`select ${cols} ${from} where r.id = $1`, [id]);
  if (!r.rows[0]) throw new AppError('insights.rule_not_found', 404, 'insights.rule_not_found');
  return present(r.rows[0]);
}

export async function listRules(q: Queryable, unitPath: string): Promise<AlertRule[]> {
  const r = await q.query(`select ${cols} ${from} where u.path <@ $1::ltree order by u.name, r.name, r.id limit 500`, [unitPath]);
  return r.rows.map(present);
}

export async function ruleUnit(q: Queryable, id: number): Promise<number> {
  const r = await q.query('select unit_id from monitor_alert_rules where id = $1', [id]);
  if (!r.rows[0]) throw new AppError('insights.rule_not_found', 404, 'insights.rule_not_found');
  return Number(r.rows[0].unit_id);
}

/**
 * `scope` given (the API): each person must be watched by a unit the caller reaches
 * (as the watch list shows them) and each topic kept by such a unit or one above it;
 * without it (jobs, tests) they must only be watched. Ids the rule already has stay
 * allowed (a person no longer watched, or one set by someone reaching further).
 */
async function checkWatchFilters(tx: Queryable, input: { personIds?: number[]; topicIds?: number[] }, scope: WatchScope | undefined, before?: AlertRule) {
  const fresh = (ids: number[] | undefined, had: number[] | undefined) => [...new Set(ids ?? [])].filter((id) => !(had ?? []).includes(id));
  const people = fresh(input.personIds, before?.personIds);
  const topics = fresh(input.topicIds, before?.topicIds);
  const paths = scope?.subtreePaths ?? null;
  const ids = scope?.unitIds ?? [];
  if (people.length) {
    const r = await tx.query(
      `select count(*)::int as n from monitor_watch_people p join units u on u.id = p.unit_id
        where p.id = any($1::bigint[]) and p.is_active and ($2::ltree[] is null or u.path <@ any($2::ltree[]) or u.id = any($3::bigint[]))`,
      [people, paths, ids],
    );
    if (r.rows[0].n !== people.length) throw new AppError('insights.rule_people_outside', 400, 'insights.rule_people_outside');
  }
  if (topics.length) {
    const r = await tx.query(
      `select count(*)::int as n from monitor_topics t join units u on u.id = t.unit_id
        where t.id = any($1::bigint[]) and t.is_active
          and ($2::ltree[] is null or u.path <@ any($2::ltree[]) or u.path @> any($2::ltree[])
               or exists (select 1 from units x where x.id = any($3::bigint[]) and u.path @> x.path))`,
      [topics, paths, ids],
    );
    if (r.rows[0].n !== topics.length) throw new AppError('insights.rule_topics_outside', 400, 'insights.rule_topics_outside');
  }
}

async function check(tx: Queryable, input: RuleInput) {
  const channels = input.channels ?? ['inapp'];
  if (channels.includes('webhook') && !input.webhookUrl) throw new AppError('insights.webhook_url_required', 400, 'insights.webhook_url_required');
  if (channels.includes('zalo') && !input.zaloUrl) throw new AppError('insights.zalo_url_required', 400, 'insights.zalo_url_required');
  if ((input.quietStart == null) !== (input.quietEnd == null)) throw new AppError('insights.quiet_hours', 400, 'insights.quiet_hours');
  if (input.unitIds?.length) {
    const r = await tx.query(
      `select count(*)::int as n from units u where u.id = any($1::bigint[]) and u.path <@ (select path from units where id = $2)`,
      [input.unitIds, input.unitId],
    );
    if (r.rows[0].n !== new Set(input.unitIds).size) throw new AppError('insights.rule_units_outside', 400, 'insights.rule_units_outside');
  }
}

const values = (input: RuleInput) => [
  input.name.trim(),
  [...new Set(input.unitIds ?? [])],
  [...new Set(input.categories ?? [])],
  input.tones ?? ['negative'],
  input.minRisk ?? 0,
  input.mode ?? 'immediate',
  [...new Set(input.channels ?? ['inapp'])],
  [...new Set((input.emails ?? []).map((e) => e.trim().toLowerCase()).filter(Boolean))],
  input.webhookUrl || null,
  input.zaloUrl || null,
  input.quietStart || null,
  input.quietEnd || null,
  input.includesSpikes ?? true,
  input.isActive ?? true,
];

export async function createRule(actor: Actor, input: RuleInput, opts: { scope?: WatchScope } = {}): Promise<AlertRule> {
  return withTransaction(async (tx) => {
    await check(tx, input);
    await checkWatchFilters(tx, input, opts.scope);
    const r = await tx.query<{ id: number }>(
      `insert into monitor_alert_rules (name, unit_ids, categories, tones, min_risk, mode, channels, emails, webhook_url, zalo_url, quiet_start, quiet_end,
                                        includes_spikes, is_active, unit_id, user_id, webhook_secret_enc, created_by, created_at, updated_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$19) returning id`,
      [...values(input), input.unitId, input.userId ?? null, input.webhookSecret ? encryptSecret(input.webhookSecret) : null, actor.userId, now()],
    );
    await setWatchFilters(tx, r.rows[0].id, input);
    const rule = await getRule(tx, r.rows[0].id);
    await recordAudit(tx, actor, { action: 'monitor.rule_create', entity: 'monitor_alert_rule', entityId: rule.id, unitId: rule.unitId, after: audited(rule) });
    return rule;
  });
}

export async function updateRule(actor: Actor, id: number, input: Omit<RuleInput, 'unitId'> & { version: number }, opts: { scope?: WatchScope } = {}): Promise<AlertRule> {
  return withTransaction(async (tx) => {
    const before = await getRule(tx, id);
    await tx.query('select 1 from monitor_alert_rules where id = $1 for update', [id]);
    if (before.version !== input.version) throw new AppError('insights.stale', 409, 'insights.stale');
    await check(tx, { ...input, unitId: before.unitId });
    await checkWatchFilters(tx, input, opts.scope, before);
    const secret = input.webhookSecret == null ? undefined : input.webhookSecret === '' ? null : encryptSecret(input.webhookSecret);
    await tx.query(
      `update monitor_alert_rules set name = $1, unit_ids = $2, categories = $3, tones = $4, min_risk = $5, mode = $6, channels = $7, emails = $8,
              webhook_url = $9, zalo_url = $10, quiet_start = $11, quiet_end = $12, includes_spikes = $13, is_active = $14, user_id = $16,
              webhook_secret_enc = case when $17::boolean then $18 else webhook_secret_enc end, version = version + 1, updated_at = $19
        where id = $15`,
      [...values({ ...input, unitId: before.unitId }), id, input.userId === undefined ? before.userId : input.userId, secret !== undefined, secret ?? null, now()],
    );
    await setWatchFilters(tx, id, input);
    const rule = await getRule(tx, id);
    await recordAudit(tx, actor, { action: 'monitor.rule_update', entity: 'monitor_alert_rule', entityId: id, unitId: rule.unitId, before: audited(before), after: audited(rule) });
    return rule;
  });
}

/** People and topics a rule asks for (given ones replace; absent ones stay). */
async function setWatchFilters(tx: Queryable, id: number, input: { personIds?: number[]; topicIds?: number[] }): Promise<void> {
  if (input.personIds === undefined && input.topicIds === undefined) return;
  await tx.query('update monitor_alert_rules set person_ids = coalesce($2, person_ids), topic_ids = coalesce($3, topic_ids) where id = $1', [
    id,
    input.personIds ? [...new Set(input.personIds)] : null,
    input.topicIds ? [...new Set(input.topicIds)] : null,
  ]);
}

export async function deleteRule(actor: Actor, id: number): Promise<void> {
  await withTransaction(async (tx) => {
    const before = await getRule(tx, id);
    await tx.query('delete from monitor_alert_rules where id = $1', [id]);
    await recordAudit(tx, actor, { action: 'monitor.rule_delete', entity: 'monitor_alert_rule', entityId: id, unitId: before.unitId, before: audited(before) });
  });
}

const audited = (r: AlertRule) => {
  const { updatedAt: _u, unitName: _n, userName: _un, people: _p, topics: _t, ...rest } = r;
  return rest;
};

