import { now } from '../../../platform/clock';
import { type Queryable, db, withTransaction } from '../../../platform/db';
import { log } from '../../../platform/log';
import { type Actor, recordAudit } from '../../audit';
import { type Metrics, type Model, type RuleView, type Text, type Tone, type TrainingSet, blend, crossValidate, fromStored, toStored, trainModel } from './model';

/**
 * The retrain job and the model store. Training examples come from
 * `monitor_corrections` (written by triage.service.ts) plus confirmations:
 *
 * - units: a removed unit is a negative (with the alias that had matched, kept
 *   in `detail.via`); a rules match on a story someone has triaged (status past
 *   `new`) and left in place is a positive;
 * - tone: the last tone set on an item (the rules' tone from `detail.ruleTone`),
 *   and triaged items left as they were;
 * - categories: the item's categories after correction (the rules' from
 *   `detail.ruleCategories`), and triaged items left as they were.
 *
 * One example per story (copies of one report would otherwise count many
 * times). The model and its cross-validated accuracy beside the rules-only
 * baseline are stored in `monitor_models`; the newest row is the live model.
 */
const MAX_CONFIRMATIONS = 3000;

export async function buildTrainingSet(q: Queryable): Promise<TrainingSet & { corrections: number }> {
  const corrections = Number((await q.query('select count(*)::int as n from monitor_corrections')).rows[0].n);
  // units: the last correction per story × unit
  const removed = await q.query(
    `select distinct on (coalesce(i.story_id, -i.id), c.old_value) i.title, i.body, c.old_value::bigint as unit_id, c.new_value, c.detail->>'via' as via,
            coalesce(nullif(c.detail->>'via', ''), u.short_name, u.name) as fallback_via
       from monitor_corrections c join monitor_items i on i.id = c.item_id left join units u on u.id::text = c.old_value
      where c.field = 'unit' and c.old_value is not null
      order by coalesce(i.story_id, -i.id), c.old_value, c.at desc, c.id desc`,
  );
  const units: TrainingSet['units'] = removed.rows
    .filter((r) => r.new_value == null)
    .map((r) => ({ text: { title: r.title, body: r.body }, unitId: Number(r.unit_id), via: r.via || r.fallback_via || '', isTrue: false }));
  const confirmed = await q.query(
    `select distinct on (st.id, iu.unit_id) i.title, i.body, iu.unit_id, iu.via
       from monitor_stories st join monitor_items i on i.story_id = st.id join monitor_item_units iu on iu.item_id = i.id
      where st.triage_status <> 'new' and iu.origin = 'rules'
      order by st.id, iu.unit_id, i.id limit $1`,
    [MAX_CONFIRMATIONS],
  );
  for (const r of confirmed.rows) units.push({ text: { title: r.title, body: r.body }, unitId: Number(r.unit_id), via: r.via, isTrue: true });

  // tone and categories: per story, its first item; corrected or confirmed by triage
  const labelled = await q.query(
    `select distinct on (st.id) i.title, i.body, i.tone, i.categories,
            (select c.detail->>'ruleTone' from monitor_corrections c where c.item_id = i.id and c.field = 'tone' order by c.at, c.id limit 1) as rule_tone,
            (select c.old_value from monitor_corrections c where c.item_id = i.id and c.field = 'tone' order by c.at, c.id limit 1) as first_old_tone,
            (select c.detail->'ruleCategories' from monitor_corrections c where c.item_id = i.id and c.field = 'category' order by c.at, c.id limit 1) as rule_categories,
            exists (select 1 from monitor_corrections c where c.item_id = i.id and c.field = 'category') as has_category_fix
       from monitor_stories st join monitor_items i on i.story_id = st.id
      where st.triage_status <> 'new' or exists (select 1 from monitor_corrections c where c.item_id = i.id and c.field in ('tone', 'category'))
      order by st.id, i.id limit $1`,
    [MAX_CONFIRMATIONS],
  );
  const tone: TrainingSet['tone'] = [];
  const categories: TrainingSet['categories'] = [];
  for (const r of labelled.rows) {
    const text = { title: r.title, body: r.body };
    tone.push({ text, ruleTone: (r.rule_tone ?? r.first_old_tone ?? r.tone) as Tone, tone: r.tone as Tone });
    categories.push({ text, ruleCategories: r.has_category_fix && Array.isArray(r.rule_categories) ? r.rule_categories : r.categories, categories: r.categories });
  }
  return { units, tone, categories, corrections };
}

export type ModelInfo = { id: number; trainedAt: string; examples: number; corrections: number; metrics: Metrics; correctionsSince: number };

export async function retrain(actor: Actor | null = null): Promise<ModelInfo> {
  const set = await buildTrainingSet(db());
  const started = Date.now();
  const metrics = crossValidate(set);
  const model = trainModel(set);
  const examples = set.units.length + set.tone.length + set.categories.length;
  const id = await withTransaction(async (tx) => {
    const r = await tx.query<{ id: number }>(
      'insert into monitor_models (model, metrics, examples, corrections, trained_at, trained_by) values ($1, $2, $3, $4, $5, $6) returning id',
      [JSON.stringify(toStored(model)), JSON.stringify(metrics), examples, set.corrections, now(), actor?.userId ?? null],
    );
    // keep the last 10 models
    await tx.query('delete from monitor_models where id not in (select id from monitor_models order by id desc limit 10)');
    if (actor) await recordAudit(tx, actor, { action: 'monitor.model_retrain', entity: 'monitor_model', entityId: r.rows[0].id, after: { examples, corrections: set.corrections, metrics } });
    return r.rows[0].id;
  });
  cached = { id, model, at: Date.now() };
  log.info('monitoring model retrained', { id, examples, ms: Date.now() - started, units: metrics.units, tone: metrics.tone, categories: metrics.categories });
  return (await modelInfo(db())) as ModelInfo;
}

export async function modelInfo(q: Queryable): Promise<ModelInfo | null> {
  const r = await q.query(
    `select id, trained_at, examples, corrections, metrics,
            (select count(*)::int from monitor_corrections c where c.at > m.trained_at) as since
       from monitor_models m order by id desc limit 1`,
  );
  const x = r.rows[0];
  if (!x) return null;
  return { id: Number(x.id), trainedAt: new Date(x.trained_at).toISOString(), examples: x.examples, corrections: x.corrections, metrics: x.metrics, correctionsSince: x.since };
}

let cached: { id: number; model: Model; at: number } | null = null;

/** The live model (newest row), re-read at most every 30 s. */
export async function currentModel(q: Queryable = db()): Promise<Model | null> {
  if (cached && Date.now() - cached.at < 30_000) return cached.model;
  const r = await q.query('select id, model from monitor_models order by id desc limit 1');
  if (!r.rows[0]) {
    cached = null;
    return null;
  }
  if (cached?.id !== Number(r.rows[0].id)) cached = { id: Number(r.rows[0].id), model: fromStored(r.rows[0].model), at: Date.now() };
  else cached.at = Date.now();
  return cached.model;
}

export function forgetCachedModel(): void {
  cached = null;
}

/** For the pipeline: the rules' analysis blended with the live model (unchanged when no model is trained yet). */
export async function applyLearned<A extends RuleView>(q: Queryable, text: Text, a: A): Promise<A> {
  return blend(await currentModel(q), text, a);
}
