import { now } from '../../../platform/clock';
import { type Queryable, db, withTransaction } from '../../../platform/db';
import { log } from '../../../platform/log';
import { type Actor, recordAudit } from '../../audit';
import { type FeedbackModel, type LabelledText, loadModel, storeModel, trainFeedbackModel } from './classifier';
import { type Evaluation, evaluateSplit } from './evaluate';
import seed from './labelled-feedback.json' with { type: 'json' };
import type { FeedbackTone } from './topics';

/**
 * The model store and retraining. Examples: the labelled seed set (topics mapped to the
 * shared topics by key) plus the staff's codes (the newest MAX_CODES; a code is a staff
 * decision, whether typed, accepted or corrected). Topics are keyed by topic id, so a
 * unit's own topics get a model as soon as they have MIN_TOPIC_POSITIVES codes.
 *
 * The accuracy shown is measured like the offline evaluation: a fixed hash split of all
 * examples (seed ids `seed:gy-001`, codes `code:<item id>`), trained on ~70 %, macro-F1 on
 * the other ~30 %. The stored model is then trained on everything.
 */
export const MAX_CODES = 4000;
const KEEP_MODELS = 5;

export type SeedItem = { id: string; author: string; text: string; tone: FeedbackTone; topics: string[] };
export const seedItems = (seed as { items: SeedItem[] }).items;

export type Example = LabelledText & { id: string };
export type ModelMetrics = {
  train: number;
  test: number;
  tone: Evaluation['tone'];
  topics: Evaluation['topics'];
};
export type ModelInfo = {
  id: number;
  trainedAt: string;
  examples: number;
  codes: number;
  seedExamples: number;
  metrics: ModelMetrics;
  codesSince: number;
};

export async function buildExamples(q: Queryable): Promise<{ examples: Example[]; codes: number; seedExamples: number; fingerprint: string; anonymisedAt: Date | null }> {
  const shared = await q.query<{ id: string; key: string }>('select id::text as id, key from feedback_topics where unit_id is null');
  const idOfKey = new Map(shared.rows.map((r) => [r.key, r.id]));
  const examples: Example[] = seedItems.map((s) => ({ id: `seed:${s.id}`, text: s.text, tone: s.tone, topics: s.topics.map((k) => idOfKey.get(k)).filter((x): x is string => !!x) }));
  const seedExamples = examples.length;
  const codes = await q.query<{ id: string; body: string; tone: FeedbackTone; topics: string[] }>(
    `select c.item_id::text as id, i.body, c.tone, c.topic_ids::text[] as topics
       from feedback_codes c join feedback_items i on i.id = c.item_id
      order by c.coded_at desc, c.item_id desc limit $1`,
    [MAX_CODES],
  );
  for (const r of codes.rows) examples.push({ id: `code:${r.id}`, text: r.body, tone: r.tone, topics: r.topics });
  // `anon`: the last anonymisation (data-subject erasure) of a coded item, so an erasure changes the fingerprint
  const fp = await q.query<{ n: number; at: string | null; v: string | null; anon: Date | null }>(
    `select count(*)::int as n, max(c.coded_at)::text as at, sum(c.version)::text as v, max(i.anonymised_at) as anon
       from feedback_codes c join feedback_items i on i.id = c.item_id`,
  );
  const f = fp.rows[0];
  const anonymisedAt = f.anon ? new Date(f.anon) : null;
  const fingerprint = `seed=${seedExamples};codes=${f.n};last=${f.at ?? '-'};v=${f.v ?? '0'};anon=${anonymisedAt?.toISOString() ?? '-'};topics=${[...idOfKey.values()].join(',')}`;
  return { examples, codes: codes.rows.length, seedExamples, fingerprint, anonymisedAt };
}

export type RetrainResult = { model: ModelInfo; skipped: boolean };

/** Retrains unless nothing changed since the live model (`force` retrains anyway). Idempotent. */
export async function retrainFeedbackModel(actor: Actor | null, opts: { force?: boolean } = {}): Promise<RetrainResult> {
  const set = await buildExamples(db());
  if (!opts.force) {
    const last = await db().query<{ fingerprint: string }>('select fingerprint from feedback_models order by id desc limit 1');
    if (last.rows[0]?.fingerprint === set.fingerprint) {
      const info = await feedbackModelInfo(db());
      if (info) return { model: info, skipped: true };
    }
  }
  const started = Date.now();
  const ev = evaluateSplit(set.examples);
  const model = trainFeedbackModel(set.examples);
  const metrics: ModelMetrics = { train: ev.train, test: ev.test, tone: ev.tone, topics: ev.topics };
  const id = await withTransaction(async (tx) => {
    const r = await tx.query<{ id: string }>(
      `insert into feedback_models (model, metrics, examples, codes, seed_examples, fingerprint, trained_at, trained_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
      [JSON.stringify(storeModel(model)), JSON.stringify(metrics), set.examples.length, set.codes, set.seedExamples, set.fingerprint, now(), actor?.userId ?? null],
    );
    const modelId = Number(r.rows[0].id);
    await tx.query('delete from feedback_models where id not in (select id from feedback_models order by id desc limit $1)', [KEEP_MODELS]);
    // older models trained before the last erasure of a coded item may hold the erased text: only the new one stays
    if (set.anonymisedAt) await tx.query('delete from feedback_models where id <> $1 and trained_at <= $2', [modelId, set.anonymisedAt]);
    await recordAudit(tx, actor ?? { userId: null, ip: null }, {
      action: 'feedback.model_retrain',
      entity: 'feedback_model',
      entityId: modelId,
      after: { examples: set.examples.length, codes: set.codes, toneMacroF1: metrics.tone.macroF1, topicsMacroF1: metrics.topics.macroF1 },
    });
    return modelId;
  });
  cached = { id, model, at: Date.now() };
  log.info('feedback model retrained', { id, examples: set.examples.length, ms: Date.now() - started, tone: metrics.tone.macroF1, topics: metrics.topics.macroF1 });
  return { model: (await feedbackModelInfo(db())) as ModelInfo, skipped: false };
}

export async function feedbackModelInfo(q: Queryable): Promise<ModelInfo | null> {
  const r = await q.query(
    `select id, trained_at, examples, codes, seed_examples, metrics,
            (select count(*)::int from feedback_codes c where c.coded_at > m.trained_at) as since
       from feedback_models m order by id desc limit 1`,
  );
  const x = r.rows[0];
  if (!x) return null;
  return { id: Number(x.id), trainedAt: new Date(x.trained_at).toISOString(), examples: x.examples, codes: x.codes, seedExamples: x.seed_examples, metrics: x.metrics, codesSince: x.since };
}

let cached: { id: number; model: FeedbackModel; at: number } | null = null;

/** The live model (newest row) and its id, re-read at most every 30 s. */
export async function liveFeedbackModel(q: Queryable = db()): Promise<{ id: number; model: FeedbackModel } | null> {
  if (cached && Date.now() - cached.at < 30_000) return cached;
  const head = await q.query<{ id: string }>('select id from feedback_models order by id desc limit 1');
  if (!head.rows[0]) {
    cached = null;
    return null;
  }
  const id = Number(head.rows[0].id);
  if (cached?.id !== id) {
    const r = await q.query('select model from feedback_models where id = $1', [id]);
    cached = { id, model: loadModel(r.rows[0].model), at: Date.now() };
  } else cached.at = Date.now();
  return cached;
}

export function forgetFeedbackModel(): void {
  cached = null;
}
