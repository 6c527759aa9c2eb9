import { type SparseVec, type StoredWeights, type Weights, deserialize, ngrams, predict, serialize, syllables, train, vectorize } from '../../monitoring';
import { type FeedbackTone, feedbackTones } from './topics';

/**
 * Tone and topic suggestions for feedback, with the monitoring module's learning engine
 * (hashed folded-syllable n-grams, logistic regression by AdaGrad SGD): one-vs-rest for
 * tone (three binary models, the most probable wins) and one binary model per topic.
 * There are no rules to blend with, so every offset is 0 and the bias learns the prior.
 *
 * Topics: every topic whose probability reaches TOPIC_THRESHOLD; when none does, the most
 * probable one (every comment is about something — "khác" is a topic too).
 */
export const TOPIC_THRESHOLD = 0.35;
export const TRAIN_OPTIONS = { epochs: 25, rate: 0.5, l2: 1e-4, seed: 7 } as const;
/** A topic needs this many positive examples before it gets a model of its own. */
export const MIN_TOPIC_POSITIVES = 3;

export type LabelledText = { text: string; tone: FeedbackTone; topics: string[] };
export type FeedbackModel = { tone: Record<FeedbackTone, Weights> | null; topics: Record<string, Weights> };
export type StoredFeedbackModel = { tone: Record<FeedbackTone, StoredWeights> | null; topics: Record<string, StoredWeights> };
export type Suggestion = { tone: FeedbackTone | null; toneP: Record<FeedbackTone, number> | null; topics: string[]; topicP: Record<string, number> };

/** Body syllables (unigrams + bigrams with a start marker), at most 300 syllables. */
export function textFeatures(text: string): SparseVec {
  return vectorize([{ prefix: 'fb', features: ngrams(syllables(text).slice(0, 300)) }]);
}

/** Fewer passes over bigger sets (each pass sees more examples): 25 up to 500 examples, down to 8. */
export const epochsFor = (n: number) => Math.max(8, Math.min(TRAIN_OPTIONS.epochs, Math.round((TRAIN_OPTIONS.epochs * 500) / Math.max(n, 1))));

export function trainFeedbackModel(examples: LabelledText[], topicKeys?: string[]): FeedbackModel {
  const opts = { ...TRAIN_OPTIONS, epochs: epochsFor(examples.length) };
  const xs = examples.map((e) => textFeatures(e.text));
  const tone = examples.length && new Set(examples.map((e) => e.tone)).size > 1
    ? (Object.fromEntries(feedbackTones.map((c) => [c, train(examples.map((e, i) => ({ x: xs[i], y: e.tone === c ? 1 : 0, offset: 0 })), opts)])) as Record<FeedbackTone, Weights>)
    : null;
  const keys = topicKeys ?? [...new Set(examples.flatMap((e) => e.topics))];
  const topics: Record<string, Weights> = {};
  for (const k of keys) {
    const pos = examples.filter((e) => e.topics.includes(k)).length;
    if (pos < MIN_TOPIC_POSITIVES || pos === examples.length) continue;
    topics[k] = train(examples.map((e, i) => ({ x: xs[i], y: e.topics.includes(k) ? 1 : 0, offset: 0 })), opts);
  }
  return { tone, topics };
}

export function suggest(m: FeedbackModel | null, text: string, x: SparseVec = textFeatures(text)): Suggestion {
  if (!m) return { tone: null, toneP: null, topics: [], topicP: {} };
  let tone: FeedbackTone | null = null;
  let toneP: Record<FeedbackTone, number> | null = null;
  if (m.tone) {
    const raw = Object.fromEntries(feedbackTones.map((c) => [c, predict((m.tone as Record<FeedbackTone, Weights>)[c], x, 0)])) as Record<FeedbackTone, number>;
    const sum = feedbackTones.reduce((a, c) => a + raw[c], 0) || 1;
    toneP = Object.fromEntries(feedbackTones.map((c) => [c, round(raw[c] / sum)])) as Record<FeedbackTone, number>;
    tone = feedbackTones.reduce((best, c) => (raw[c] > raw[best] + 1e-12 ? c : best), feedbackTones[1] as FeedbackTone);
  }
  const topicP: Record<string, number> = {};
  for (const [k, w] of Object.entries(m.topics)) topicP[k] = round(predict(w, x, 0));
  const ranked = Object.entries(topicP).sort((a, b) => b[1] - a[1]);
  const topics = ranked.filter(([, p]) => p >= TOPIC_THRESHOLD).map(([k]) => k);
  if (!topics.length && ranked.length) topics.push(ranked[0][0]);
  return { tone, toneP, topics, topicP };
}

const round = (p: number) => Math.round(p * 1000) / 1000;

export function storeModel(m: FeedbackModel): StoredFeedbackModel {
  return {
    tone: m.tone ? (Object.fromEntries(feedbackTones.map((c) => [c, serialize((m.tone as Record<FeedbackTone, Weights>)[c])])) as Record<FeedbackTone, StoredWeights>) : null,
    topics: Object.fromEntries(Object.entries(m.topics).map(([k, w]) => [k, serialize(w)])),
  };
}
export function loadModel(s: StoredFeedbackModel): FeedbackModel {
  return {
    tone: s.tone ? (Object.fromEntries(feedbackTones.map((c) => [c, deserialize((s.tone as Record<FeedbackTone, StoredWeights>)[c])])) as Record<FeedbackTone, Weights>) : null,
    topics: Object.fromEntries(Object.entries(s.topics).map(([k, w]) => [k, deserialize(w)])),
  };
}
