// `npm run eval` (scripts/eval.mjs) runs this: the feedback tone/topic suggestions trained on the
// train side of the labelled set and scored on the test side. Prints a report, then one JSON line.
import { evaluateSplit } from './evaluate';
import data from './labelled-feedback.json' with { type: 'json' };
import type { FeedbackTone } from './topics';

const items = data.items as { id: string; text: string; tone: FeedbackTone; topics: string[] }[];
const t0 = Date.now();
const r = evaluateSplit(items);
const lines = [
  `items ${items.length}  train ${r.train}  test ${r.test}  (split: FNV-1a hash of the id, ~30 % test)`,
  `tone macro-F1      ${r.tone.macroF1.toFixed(3)}   accuracy ${r.tone.accuracy.toFixed(3)}`,
  ...Object.entries(r.tone.perClass).map(([k, s]) => `  ${k.padEnd(22)} P ${s.precision.toFixed(2)}  R ${s.recall.toFixed(2)}  F1 ${s.f1.toFixed(2)}  n ${s.support}`),
  `topics macro-F1    ${r.topics.macroF1.toFixed(3)}   micro-F1 ${r.topics.microF1.toFixed(3)}   exact set ${r.topics.exactMatch.toFixed(3)}`,
  ...Object.entries(r.topics.perTopic).map(([k, s]) => `  ${k.padEnd(22)} P ${s.precision.toFixed(2)}  R ${s.recall.toFixed(2)}  F1 ${s.f1.toFixed(2)}  n ${s.support}`),
  `(${Date.now() - t0} ms)`,
];
process.stdout.write(`${lines.join('\n')}\n`);
process.stdout.write(`${JSON.stringify({ eval: 'feedback', fixture: 'labelled-feedback', score: Math.round(((r.tone.macroF1 + r.topics.macroF1) / 2) * 1000) / 1000, items: items.length, train: r.train, test: r.test, toneMacroF1: r.tone.macroF1, topicsMacroF1: r.topics.macroF1, toneAccuracy: r.tone.accuracy, topicsMicroF1: r.topics.microF1 })}\n`);
