import { fnv1a } from '../../monitoring';
import { type FeedbackModel, type LabelledText, suggest, textFeatures, trainFeedbackModel } from './classifier';
import { type FeedbackTone, feedbackTones } from './topics';

/**
 * Measuring the suggestions: a fixed split by a hash of each example's id (FNV-1a, so the
 * same id always lands on the same side, whatever else is in the set) — about 70 % to
 * train, 30 % to test — and macro-F1 measured on the test side only.
 *
 * - tone: F1 of each of the three classes, averaged;
 * - topics (multi-label): F1 of each topic over the test items (positives = items having it),
 *   averaged over the topics that occur in the test side or were predicted there.
 */
export const TEST_SHARE = 30;
export const isTestId = (id: string) => fnv1a(`split|${id}`) % 100 < TEST_SHARE;

export function split<T extends { id: string }>(xs: T[]): { train: T[]; test: T[] } {
  return { train: xs.filter((x) => !isTestId(x.id)), test: xs.filter((x) => isTestId(x.id)) };
}

export type ClassScore = { precision: number; recall: number; f1: number; support: number };
export type Evaluation = {
  train: number;
  test: number;
  tone: { macroF1: number; accuracy: number; perClass: Record<string, ClassScore> };
  topics: { macroF1: number; microF1: number; exactMatch: number; perTopic: Record<string, ClassScore> };
};

function f1Of(tp: number, fp: number, fn: number, support: number): ClassScore {
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision: r3(precision), recall: r3(recall), f1: r3(f1), support };
}
const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** Scores predictions against gold labels (pure; used by the eval script, the tests and the retrain job). */
export function score(gold: LabelledText[], predicted: { tone: FeedbackTone | null; topics: string[] }[]): Omit<Evaluation, 'train' | 'test'> {
  const perClass: Record<string, ClassScore> = {};
  for (const c of feedbackTones) {
    let tp = 0, fp = 0, fn = 0;
    gold.forEach((g, i) => {
      const p = predicted[i].tone;
      if (p === c && g.tone === c) tp++;
      else if (p === c) fp++;
      else if (g.tone === c) fn++;
    });
    perClass[c] = f1Of(tp, fp, fn, gold.filter((g) => g.tone === c).length);
  }
  const toneClasses = feedbackTones.filter((c) => perClass[c].support > 0 || perClass[c].precision > 0);
  const accuracy = gold.length ? gold.filter((g, i) => predicted[i].tone === g.tone).length / gold.length : 0;
  const keys = [...new Set([...gold.flatMap((g) => g.topics), ...predicted.flatMap((p) => p.topics)])].sort();
  const perTopic: Record<string, ClassScore> = {};
  let TP = 0, FP = 0, FN = 0;
  for (const k of keys) {
    let tp = 0, fp = 0, fn = 0;
    gold.forEach((g, i) => {
      const has = g.topics.includes(k);
      const said = predicted[i].topics.includes(k);
      if (has && said) tp++;
      else if (said) fp++;
      else if (has) fn++;
    });
    TP += tp; FP += fp; FN += fn;
    perTopic[k] = f1Of(tp, fp, fn, gold.filter((g) => g.topics.includes(k)).length);
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const exact = gold.length ? gold.filter((g, i) => g.topics.length === predicted[i].topics.length && g.topics.every((t) => predicted[i].topics.includes(t))).length / gold.length : 0;
  return {
    tone: { macroF1: r3(mean(toneClasses.map((c) => perClass[c].f1))), accuracy: r3(accuracy), perClass },
    topics: { macroF1: r3(mean(keys.map((k) => perTopic[k].f1))), microF1: f1Of(TP, FP, FN, 0).f1, exactMatch: r3(exact), perTopic },
  };
}

/** Train on the train side, measure on the test side. */
export function evaluateSplit<T extends LabelledText & { id: string }>(items: T[], fit: (train: T[]) => FeedbackModel = (tr) => trainFeedbackModel(tr)): Evaluation {
  const { train, test } = split(items);
  const m = fit(train);
  const predicted = test.map((t) => suggest(m, t.text, textFeatures(t.text)));
  return { train: train.length, test: test.length, ...score(test, predicted) };
}
