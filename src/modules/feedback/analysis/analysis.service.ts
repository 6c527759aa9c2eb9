import { now } from '../../../platform/clock';
import { type Queryable, type Tx, db, withTransaction } from '../../../platform/db';
import { AppError } from '../../../platform/errors';
import { enqueue } from '../../../platform/jobs';
import { log } from '../../../platform/log';
import { slugify } from '../../../text';
import { type Actor, recordAudit } from '../../audit';
import { type Suggestion, suggest, textFeatures } from './classifier';
import { feedbackRetrainJob } from './analysis.jobs';
import { liveFeedbackModel } from './model.service';
import { type FeedbackTone, feedbackTones } from './topics';

/**
 * Coding (mã hóa) of feedback: a staff member sets a comment's tone and topics, in one click
 * when the suggestion is right ("accepted"), or by changing it ("corrected"). Topics come
 * from the shared list and the lists of the comment's unit and the units above it. Every
 * change writes the audit log in the same transaction.
 */
export type Topic = { id: number; unitId: number | null; key: string; label: string; position: number; isShared: boolean; isArchived: boolean };
export type Code = { tone: FeedbackTone; topicIds: number[]; source: 'manual' | 'accepted' | 'corrected'; codedBy: number | null; codedByName: string | null; codedAt: string; version: number };
export type SuggestionView = { modelId: number; tone: FeedbackTone | null; toneP: Record<FeedbackTone, number> | null; topicIds: number[]; topicP: Record<string, number> };

const topicCols = `t.id::int as id, t.unit_id::int as "unitId", t.key, t.label, t.position, t.unit_id is null as "isShared", t.archived_at is not null as "isArchived"`;

/** Topics usable for a unit: the shared ones and those of the unit and its ancestors. */
export async function listTopics(q: Queryable, unitId: number, opts: { includeArchived?: boolean } = {}): Promise<Topic[]> {
  const r = await q.query<Topic>(
    `select ${topicCols} from feedback_topics t
      where (t.unit_id is null or t.unit_id in (select a.id from units a join units u on a.path @> u.path where u.id = $1))
        and ($2 or t.archived_at is null)
      order by t.position, t.label`,
    [unitId, !!opts.includeArchived],
  );
  return r.rows;
}

export async function topicUnit(q: Queryable, id: number): Promise<{ unitId: number | null }> {
  const r = await q.query<{ unitId: number | null }>('select unit_id::int as "unitId" from feedback_topics where id = $1', [id]);
  if (!r.rows[0]) throw new AppError('feedback_analysis.topic_not_found', 404, 'feedback_analysis.topic_not_found');
  return r.rows[0];
}

export async function createTopic(actor: Actor, input: { unitId: number; label: string }): Promise<Topic> {
  const label = input.label.trim();
  const key = slugify(label, 60) || 'chu-de';
  return withTransaction(async (tx) => {
    const clash = (await listTopics(tx, input.unitId, { includeArchived: true })).find((t) => t.key === key);
    if (clash) throw new AppError('feedback_analysis.topic_exists', 409, 'feedback_analysis.topic_exists', { label: clash.label });
    const r = await tx.query<{ id: number }>(
      `insert into feedback_topics (unit_id, key, label, position, created_by, created_at) values ($1, $2, $3, 50, $4, $5) returning id::int as id`,
      [input.unitId, key, label, actor.userId, now()],
    );
    const t = await getTopic(tx, r.rows[0].id);
    await recordAudit(tx, actor, { action: 'feedback.topic_create', entity: 'feedback_topic', entityId: t.id, unitId: input.unitId, after: t });
    return t;
  });
}

async function getTopic(q: Queryable, id: number): Promise<Topic> {
  const r = await q.query<Topic>(`select ${topicCols} from feedback_topics t where t.id = $1`, [id]);
  if (!r.rows[0]) throw new AppError('feedback_analysis.topic_not_found', 404, 'feedback_analysis.topic_not_found');
  return r.rows[0];
}

export async function updateTopic(actor: Actor, id: number, input: { label?: string; isArchived?: boolean }): Promise<Topic> {
  return withTransaction(async (tx) => {
    await tx.query('select 1 from feedback_topics where id = $1 for update', [id]);
    const before = await getTopic(tx, id);
    if (before.isShared) throw new AppError('feedback_analysis.topic_shared', 409, 'feedback_analysis.topic_shared');
    const label = input.label?.trim() || before.label;
    await tx.query(
      `update feedback_topics set label = $2, archived_at = case when $3::boolean is null then archived_at when $3 then coalesce(archived_at, $4) else null end where id = $1`,
      [id, label, input.isArchived ?? null, now()],
    );
    const after = await getTopic(tx, id);
    await recordAudit(tx, actor, { action: 'feedback.topic_update', entity: 'feedback_topic', entityId: id, unitId: before.unitId, before, after });
    return after;
  });
}

// ---- comments to code -------------------------------------------------------------

export async function itemUnit(q: Queryable, itemId: number): Promise<{ unitId: number; consultationId: number | null }> {
  const r = await q.query<{ unitId: number; consultationId: number | null }>(
    'select unit_id::int as "unitId", consultation_id::int as "consultationId" from feedback_items where id = $1',
    [itemId],
  );
  if (!r.rows[0]) throw new AppError('feedback_analysis.item_not_found', 404, 'feedback_analysis.item_not_found');
  return r.rows[0];
}

export type CodingItem = {
  id: number;
  consultationId: number | null;
  paragraphId: number | null;
  paragraphPosition: number | null;
  paragraphLabel: string | null;
  body: string;
  stance: 'agree' | 'disagree' | 'partly' | null;
  visibility: 'public' | 'hidden' | 'private';
  channel: string;
  createdAt: string;
  code: Code | null;
  suggestion: SuggestionView | null;
};

const codeOf = (r: Record<string, any>): Code | null =>
  r.code_tone
    ? {
        tone: r.code_tone,
        topicIds: (r.code_topics ?? []).map(Number),
        source: r.code_source,
        codedBy: r.coded_by == null ? null : Number(r.coded_by),
        codedByName: r.coded_by_name ?? null,
        codedAt: new Date(r.coded_at).toISOString(),
        version: r.code_version,
      }
    : null;

/**
 * A page of a consultation's comments with their codes and suggestions (keyset by id).
 * Suggestions missing or made by an older model are computed with the live model and kept.
 */
export async function listForCoding(
  consultationId: number,
  opts: { filter?: 'all' | 'uncoded' | 'coded'; paragraphId?: number | null; afterId?: number; limit?: number } = {},
): Promise<{ items: CodingItem[]; nextAfterId: number | null }> {
  const q = db();
  const limit = Math.min(Math.max(opts.limit ?? 30, 1), 200);
  const filter = opts.filter ?? 'all';
  const r = await q.query(
    `select i.id::int as id, i.consultation_id::int as "consultationId", i.paragraph_id::int as "paragraphId", p.position as "paragraphPosition",
            p.label as "paragraphLabel", i.body, i.stance, i.visibility, i.channel, i.created_at as "createdAt", i.unit_id::int as unit_id,
            c.tone as code_tone, c.topic_ids as code_topics, c.source as code_source, c.coded_by, u.name as coded_by_name, c.coded_at, c.version as code_version,
            s.model_id as s_model, s.tone as s_tone, s.tone_p as s_tone_p, s.topic_ids as s_topics, s.topic_p as s_topic_p
       from feedback_items i
       left join consultation_paragraphs p on p.id = i.paragraph_id
       left join feedback_codes c on c.item_id = i.id
       left join users u on u.id = c.coded_by
       left join feedback_suggestions s on s.item_id = i.id
      where i.consultation_id = $1 and i.id > $2
        and ($3 = 'all' or ($3 = 'uncoded' and c.item_id is null) or ($3 = 'coded' and c.item_id is not null))
        and ($4::bigint is null or i.paragraph_id = $4) and ($5::boolean is false or i.paragraph_id is null)
      order by i.id limit $6`,
    [consultationId, opts.afterId ?? 0, filter, opts.paragraphId ?? null, opts.paragraphId === null, limit + 1],
  );
  const rows = r.rows.slice(0, limit);
  const live = await liveFeedbackModel(q);
  const missing = live ? rows.filter((x) => Number(x.s_model) !== live.id) : [];
  if (live && missing.length) {
    const allowed = await allowedTopicIds(q, rows[0].unit_id);
    const fresh = missing.map((x) => ({ itemId: x.id as number, s: viewOf(live.id, suggest(live.model, x.body, textFeatures(x.body)), allowed) }));
    await storeSuggestions(q, fresh);
    const byId = new Map(fresh.map((f) => [f.itemId, f.s]));
    for (const x of missing) {
      const s = byId.get(x.id) as SuggestionView;
      Object.assign(x, { s_model: live.id, s_tone: s.tone, s_tone_p: s.toneP, s_topics: s.topicIds, s_topic_p: s.topicP });
    }
  }
  const items: CodingItem[] = rows.map((x) => ({
    id: x.id,
    consultationId: x.consultationId,
    paragraphId: x.paragraphId,
    paragraphPosition: x.paragraphPosition,
    paragraphLabel: x.paragraphLabel,
    body: x.body,
    stance: x.stance,
    visibility: x.visibility,
    channel: x.channel,
    createdAt: new Date(x.createdAt).toISOString(),
    code: codeOf(x),
    suggestion: x.s_model ? { modelId: Number(x.s_model), tone: x.s_tone, toneP: x.s_tone_p, topicIds: (x.s_topics ?? []).map(Number), topicP: x.s_topic_p ?? {} } : null,
  }));
  return { items, nextAfterId: r.rows.length > limit ? items[items.length - 1].id : null };
}

async function allowedTopicIds(q: Queryable, unitId: number): Promise<Set<string>> {
  return new Set((await listTopics(q, unitId)).map((t) => String(t.id)));
}

/** A suggestion restricted to the topics the comment's unit uses (not archived). */
function viewOf(modelId: number, s: Suggestion, allowed: Set<string>): SuggestionView {
  const topicP = Object.fromEntries(Object.entries(s.topicP).filter(([k]) => allowed.has(k)));
  let topicIds = s.topics.filter((k) => allowed.has(k)).map(Number);
  if (!topicIds.length && Object.keys(topicP).length) topicIds = [Number(Object.entries(topicP).sort((a, b) => b[1] - a[1])[0][0])];
  return { modelId, tone: s.tone, toneP: s.toneP, topicIds, topicP };
}

async function storeSuggestions(q: Queryable, rows: { itemId: number; s: SuggestionView }[]): Promise<void> {
  if (!rows.length) return;
  await q.query(
    `insert into feedback_suggestions (item_id, model_id, tone, tone_p, topic_ids, topic_p, created_at)
     select x.item_id, x.model_id, x.tone, x.tone_p, array(select jsonb_array_elements_text(x.topic_ids)::bigint), x.topic_p, $2
       from jsonb_to_recordset($1::jsonb) as x(item_id bigint, model_id bigint, tone text, tone_p jsonb, topic_ids jsonb, topic_p jsonb)
     on conflict (item_id) do update set model_id = excluded.model_id, tone = excluded.tone, tone_p = excluded.tone_p,
       topic_ids = excluded.topic_ids, topic_p = excluded.topic_p, created_at = excluded.created_at`,
    [JSON.stringify(rows.map((r) => ({ item_id: r.itemId, model_id: r.s.modelId, tone: r.s.tone, tone_p: r.s.toneP, topic_ids: r.s.topicIds, topic_p: r.s.topicP }))), now()],
  );
}

/** The suggestion for one comment (computed with the live model when missing or stale); null without a model. */
export async function suggestionFor(q: Queryable, itemId: number): Promise<SuggestionView | null> {
  const live = await liveFeedbackModel(q);
  if (!live) return null;
  const r = await q.query(
    `select i.body, i.unit_id::int as unit_id, s.model_id, s.tone, s.tone_p, s.topic_ids, s.topic_p
       from feedback_items i left join feedback_suggestions s on s.item_id = i.id where i.id = $1`,
    [itemId],
  );
  const x = r.rows[0];
  if (!x) throw new AppError('feedback_analysis.item_not_found', 404, 'feedback_analysis.item_not_found');
  if (Number(x.model_id) === live.id) return { modelId: live.id, tone: x.tone, toneP: x.tone_p, topicIds: (x.topic_ids ?? []).map(Number), topicP: x.topic_p ?? {} };
  const s = viewOf(live.id, suggest(live.model, x.body), await allowedTopicIds(q, x.unit_id));
  await storeSuggestions(q, [{ itemId, s }]);
  return s;
}

// ---- codes -------------------------------------------------------------------------

async function readCode(q: Queryable, itemId: number): Promise<Code | null> {
  const r = await q.query(
    `select c.tone as code_tone, c.topic_ids as code_topics, c.source as code_source, c.coded_by, u.name as coded_by_name, c.coded_at, c.version as code_version
       from feedback_codes c left join users u on u.id = c.coded_by where c.item_id = $1`,
    [itemId],
  );
  return r.rows[0] ? codeOf(r.rows[0]) : null;
}

export async function getCode(q: Queryable, itemId: number): Promise<Code | null> {
  return readCode(q, itemId);
}

const sameSet = (a: number[], b: number[]) => a.length === b.length && a.every((x) => b.includes(x));

async function writeCode(tx: Tx, actor: Actor, itemId: number, input: { tone: FeedbackTone; topicIds: number[]; version?: number }, suggestion: SuggestionView | null, acceptOnly = false): Promise<Code> {
  const item = await tx.query<{ unitId: number; consultationId: number | null }>(
    'select unit_id::int as "unitId", consultation_id::int as "consultationId" from feedback_items where id = $1 for update',
    [itemId],
  );
  if (!item.rows[0]) throw new AppError('feedback_analysis.item_not_found', 404, 'feedback_analysis.item_not_found');
  const { unitId, consultationId } = item.rows[0];
  if (!feedbackTones.includes(input.tone)) throw new AppError('validation', 400, 'error.validation');
  const topicIds = [...new Set(input.topicIds)].sort((a, b) => a - b);
  const allowed = await allowedTopicIds(tx, unitId);
  if (topicIds.some((t) => !allowed.has(String(t)))) throw new AppError('feedback_analysis.bad_topic', 400, 'feedback_analysis.bad_topic');
  const before = await readCode(tx, itemId);
  if (input.version != null && before && before.version !== input.version) throw new AppError('feedback_analysis.stale', 409, 'feedback_analysis.stale');
  const source: Code['source'] = !suggestion
    ? 'manual'
    : acceptOnly || (suggestion.tone === input.tone && sameSet(suggestion.topicIds, topicIds))
      ? 'accepted'
      : 'corrected';
  await tx.query(
    `insert into feedback_codes (item_id, consultation_id, paragraph_id, is_hidden, tone, topic_ids, source, model_id, coded_by, coded_at, version)
     select i.id, i.consultation_id, i.paragraph_id, i.visibility = 'hidden', $3, $4, $5, $6, $7, $8, 1 from feedback_items i where i.id = $1 and $2::bigint is not distinct from i.consultation_id
     on conflict (item_id) do update set tone = excluded.tone, topic_ids = excluded.topic_ids, source = excluded.source, model_id = excluded.model_id,
       coded_by = excluded.coded_by, coded_at = excluded.coded_at, version = feedback_codes.version + 1`,
    [itemId, consultationId, input.tone, topicIds, source, suggestion?.modelId ?? null, actor.userId, now()],
  );
  const after = (await readCode(tx, itemId)) as Code;
  await recordAudit(tx, actor, {
    action: 'feedback.code',
    entity: 'feedback_item',
    entityId: itemId,
    unitId,
    before: before ? { tone: before.tone, topicIds: before.topicIds, source: before.source } : null,
    after: { tone: after.tone, topicIds: after.topicIds, source: after.source, suggestion: suggestion ? { tone: suggestion.tone, topicIds: suggestion.topicIds, modelId: suggestion.modelId } : null },
  });
  return after;
}

/** After this many new codes since the live model, a retrain is queued (besides the nightly one). */
export const RETRAIN_AFTER_CODES = 25;

async function maybeScheduleRetrain(): Promise<void> {
  try {
    const r = await db().query<{ n: number }>(
      `select count(*)::int as n from feedback_codes where coded_at > coalesce((select max(trained_at) from feedback_models), '-infinity')`,
    );
    if (r.rows[0].n >= RETRAIN_AFTER_CODES) await enqueue(feedbackRetrainJob, {}, { singletonKey: 'feedback-retrain' });
  } catch (err) {
    // no job system in this process (a CLI, a test without jobs): the nightly run catches up
    log.debug('feedback retrain not queued', { err: (err as Error).message });
  }
}

/** Sets a comment's tone and topics; `source` says whether it matches the suggestion shown. */
export async function codeItem(actor: Actor, itemId: number, input: { tone: FeedbackTone; topicIds: number[]; version?: number }): Promise<Code> {
  const suggestion = await suggestionFor(db(), itemId);
  const code = await withTransaction((tx) => writeCode(tx, actor, itemId, input, suggestion));
  await maybeScheduleRetrain();
  return code;
}

/** One click: the suggestion becomes the code. */
export async function acceptSuggestion(actor: Actor, itemId: number, version?: number): Promise<Code> {
  const s = await suggestionFor(db(), itemId);
  if (!s || !s.tone) throw new AppError('feedback_analysis.no_suggestion', 409, 'feedback_analysis.no_suggestion');
  const code = await withTransaction((tx) => writeCode(tx, actor, itemId, { tone: s.tone as FeedbackTone, topicIds: s.topicIds, version }, s, true));
  await maybeScheduleRetrain();
  return code;
}

/** Accept the suggestions of several comments at once (each audited); comments already coded are left as they are. */
export async function acceptMany(actor: Actor, itemIds: number[]): Promise<number> {
  let n = 0;
  for (const id of itemIds) {
    if (await readCode(db(), id)) continue;
    await acceptSuggestion(actor, id);
    n++;
  }
  return n;
}

export async function clearCode(actor: Actor, itemId: number): Promise<void> {
  await withTransaction(async (tx) => {
    const { unitId } = await itemUnit(tx, itemId);
    const before = await readCode(tx, itemId);
    if (!before) return;
    await tx.query('delete from feedback_codes where item_id = $1', [itemId]);
    await recordAudit(tx, actor, { action: 'feedback.code_clear', entity: 'feedback_item', entityId: itemId, unitId, before: { tone: before.tone, topicIds: before.topicIds, source: before.source } });
  });
}
