import { type SparseVec, documentFeatures, matchContextFeatures } from './features';
import { type Example, type StoredWeights, type Weights, deserialize, emptyWeights, predict, serialize, train } from './logreg';

/**
 * The learned layer over the rules. Three small tasks, each a logistic
 * regression whose offset is the rules' answer (see logreg.ts):
 *
 * - **units**: is this matched unit really meant? Features are the words around
 *   the matched name (shared and per unit). Learns false matches that people
 *   removed ("đường Lê Lợi" is a street); confirmed matches are positives.
 * - **tone**: negative / neutral / positive, one-vs-rest over the whole text.
 * - **categories**: one classifier per risk category that corrections touched.
 *
 * Blending: a rule's yes is a prior of ≈ 85 % (log-odds ±RULE_PRIOR); the
 * model's weights move it. Without corrections the blend equals the rules.
 */
export const RULE_PRIOR = 1.7;
export const tones = ['negative', 'neutral', 'positive'] as const;
export type Tone = (typeof tones)[number];
export type Text = { title: string; body: string };

export type UnitExample = { text: Text; unitId: number; via: string; isTrue: boolean };
export type ToneExample = { text: Text; ruleTone: Tone; tone: Tone };
export type CategoryExample = { text: Text; ruleCategories: string[]; categories: string[] };
export type TrainingSet = { units: UnitExample[]; tone: ToneExample[]; categories: CategoryExample[] };

export type Model = {
  units: Weights | null;
  tone: Record<Tone, Weights> | null;
  categories: Record<string, Weights>;
  counts: { units: number; tone: number; categories: number };
};

const off = (yes: boolean) => (yes ? RULE_PRIOR : -RULE_PRIOR);

export function trainModel(set: TrainingSet, seed = 7): Model {
  const units = set.units.length
    ? train(set.units.map((e) => ({ x: matchContextFeatures(e.text, e.via, e.unitId), y: e.isTrue ? 1 : 0, offset: off(true) })), { seed })
    : null;
  let tone: Model['tone'] = null;
  if (set.tone.length) {
    const xs = set.tone.map((e) => documentFeatures(e.text));
    tone = Object.fromEntries(
      tones.map((c) => [c, train(set.tone.map((e, i) => ({ x: xs[i], y: e.tone === c ? 1 : 0, offset: off(e.ruleTone === c) })), { seed })]),
    ) as Record<Tone, Weights>;
  }
  const categories: Record<string, Weights> = {};
  if (set.categories.length) {
    const xs = set.categories.map((e) => documentFeatures(e.text));
    const touched = new Set(set.categories.flatMap((e) => [...e.categories, ...e.ruleCategories]));
    for (const c of touched) {
      const exs: Example[] = set.categories.map((e, i) => ({ x: xs[i], y: e.categories.includes(c) ? 1 : 0, offset: off(e.ruleCategories.includes(c)) }));
      categories[c] = train(exs, { seed });
    }
  }
  return { units, tone, categories, counts: { units: set.units.length, tone: set.tone.length, categories: set.categories.length } };
}

/** Probability that a rule-matched unit is really meant. */
export function unitProbability(m: Model | null, text: Text, unitId: number, via: string): number {
  if (!m?.units) return predict(emptyWeights(), { idx: new Uint32Array(), val: new Float32Array() }, off(true));
  return predict(m.units, matchContextFeatures(text, via, unitId), off(true));
}

export function predictTone(m: Model | null, text: Text, ruleTone: Tone, x?: SparseVec): { tone: Tone; p: Record<Tone, number> } {
  if (!m?.tone) return { tone: ruleTone, p: { negative: 0, neutral: 0, positive: 0, [ruleTone]: 1 } as Record<Tone, number> };
  const v = x ?? documentFeatures(text);
  const p = Object.fromEntries(tones.map((c) => [c, predict((m.tone as Record<Tone, Weights>)[c], v, off(ruleTone === c))])) as Record<Tone, number>;
  let best: Tone = ruleTone;
  for (const c of tones) if (p[c] > p[best] + 1e-9) best = c;
  return { tone: best, p };
}

export function predictCategories(m: Model | null, text: Text, ruleCategories: string[], x?: SparseVec): string[] {
  if (!m || !Object.keys(m.categories).length) return [...ruleCategories];
  const v = x ?? documentFeatures(text);
  const out = new Set(ruleCategories.filter((c) => !m.categories[c]));
  for (const [c, w] of Object.entries(m.categories)) if (predict(w, v, off(ruleCategories.includes(c))) >= 0.5) out.add(c);
  return [...out];
}

/** The parts of the rules' analysis the model may change. */
export type RuleView = {
  units: { id: number; code: string; via: string }[];
  tone: Tone;
  categories: string[];
  reasons: string[];
};

/**
 * Blends the model with the rules' analysis: drops matched units the model is
 * sure are not meant, may change tone and categories, and explains each change
 * in `reasons` (Vietnamese, like the rules' own reasons).
 */
export function blend<A extends RuleView>(m: Model | null, text: Text, a: A): A {
  if (!m) return a;
  const reasons = [...a.reasons];
  const units = a.units.filter((u) => {
    const p = unitProbability(m, text, u.id, u.via);
    if (p < 0.5) reasons.push(`Mô hình học: bỏ khớp "${u.via}" (${u.code}) — ngữ cảnh giống các lần người dùng đã sửa (xác suất ${Math.round(p * 100)}%).`);
    return p >= 0.5;
  });
  const x = m.tone || Object.keys(m.categories).length ? documentFeatures(text) : undefined;
  const tone = predictTone(m, text, a.tone, x).tone;
  if (tone !== a.tone) reasons.push(`Mô hình học: sắc thái "${a.tone}" → "${tone}" theo các lần người dùng đã sửa.`);
  const categories = predictCategories(m, text, a.categories, x);
  const added = categories.filter((c) => !a.categories.includes(c));
  const removed = a.categories.filter((c) => !categories.includes(c));
  if (added.length) reasons.push(`Mô hình học: thêm nhóm rủi ro ${added.join(', ')}.`);
  if (removed.length) reasons.push(`Mô hình học: bỏ nhóm rủi ro ${removed.join(', ')}.`);
  return { ...a, units, tone, categories, reasons };
}

// ---- cross-validation -----------------------------------------------------------

export type TaskScore = { n: number; rules: number | null; model: number | null };
export type Metrics = { folds: number; units: TaskScore; tone: TaskScore; categories: TaskScore; overall: TaskScore };

function folds<T>(xs: T[], k: number): T[][] {
  const out: T[][] = Array.from({ length: k }, () => []);
  xs.forEach((x, i) => out[i % k].push(x));
  return out;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * k-fold cross-validation (k = 5, or leave-one-out below 5 examples): every
 * example is judged by a model that never saw it, and by the rules alone.
 * Accuracy = share of examples answered right (a unit: kept iff really meant;
 * tone: the right class; categories: exactly the right set).
 */
export function crossValidate(set: TrainingSet, k = 5): Metrics {
  const score = <T>(xs: T[], fit: (tr: T[]) => Model, ok: (m: Model, x: T) => boolean, rule: (x: T) => boolean): TaskScore => {
    if (xs.length < 2) return { n: xs.length, rules: xs.length ? xs.filter(rule).length / xs.length : null, model: null };
    const kk = Math.min(k, xs.length);
    const parts = folds(xs, kk);
    let right = 0;
    parts.forEach((test, i) => {
      const trainSet = parts.filter((_, j) => j !== i).flat();
      const m = fit(trainSet);
      for (const x of test) if (ok(m, x)) right++;
    });
    return { n: xs.length, rules: xs.filter(rule).length / xs.length, model: right / xs.length };
  };
  const empty: TrainingSet = { units: [], tone: [], categories: [] };
  const units = score(set.units, (tr) => trainModel({ ...empty, units: tr }), (m, e) => unitProbability(m, e.text, e.unitId, e.via) >= 0.5 === e.isTrue, (e) => e.isTrue);
  const tone = score(set.tone, (tr) => trainModel({ ...empty, tone: tr }), (m, e) => predictTone(m, e.text, e.ruleTone).tone === e.tone, (e) => e.ruleTone === e.tone);
  const categories = score(
    set.categories,
    (tr) => trainModel({ ...empty, categories: tr }),
    (m, e) => sameSet(predictCategories(m, e.text, e.ruleCategories), e.categories),
    (e) => sameSet(e.ruleCategories, e.categories),
  );
  const parts = [units, tone, categories].filter((s) => s.model != null);
  const n = parts.reduce((a, s) => a + s.n, 0);
  const overall: TaskScore = n
    ? { n, rules: parts.reduce((a, s) => a + (s.rules ?? 0) * s.n, 0) / n, model: parts.reduce((a, s) => a + (s.model ?? 0) * s.n, 0) / n }
    : { n: 0, rules: null, model: null };
  return { folds: k, units, tone, categories, overall };
}

// ---- storage --------------------------------------------------------------------

export type StoredModel = {
  units: StoredWeights | null;
  tone: Record<Tone, StoredWeights> | null;
  categories: Record<string, StoredWeights>;
  counts: Model['counts'];
};
export function toStored(m: Model): StoredModel {
  return {
    units: m.units ? serialize(m.units) : null,
    tone: m.tone ? (Object.fromEntries(tones.map((c) => [c, serialize((m.tone as Record<Tone, Weights>)[c])])) as Record<Tone, StoredWeights>) : null,
    categories: Object.fromEntries(Object.entries(m.categories).map(([c, w]) => [c, serialize(w)])),
    counts: m.counts,
  };
}
export function fromStored(s: StoredModel): Model {
  return {
    units: s.units ? deserialize(s.units) : null,
    tone: s.tone ? (Object.fromEntries(tones.map((c) => [c, deserialize((s.tone as Record<Tone, StoredWeights>)[c])])) as Record<Tone, Weights>) : null,
    categories: Object.fromEntries(Object.entries(s.categories).map(([c, w]) => [c, deserialize(w)])),
    counts: s.counts,
  };
}
