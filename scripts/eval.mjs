#!/usr/bin/env node
// `npm run eval`: scores Loa with the shared scorers (../shared/eval) when they are
// present. A user's clone has no ../shared, so those are skipped there; Loa's own labelled
// feedback set (src/modules/feedback/analysis) is always scored.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(root, '..', 'shared');
const evalDir = path.join(shared, 'eval');
// Feedback suggestions (Loa's own labelled set, needs no ../shared): macro-F1 of tone and topics on the test split.
const feedbackOut = execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'modules', 'feedback', 'analysis', 'eval.cli.ts')], { cwd: root }).toString();
process.stdout.write(`## feedback suggestions: labelled-feedback\n${feedbackOut.split('\n').filter((l) => !l.startsWith('{')).join('\n')}\n`);
const feedbackResult = JSON.parse(feedbackOut.trim().split('\n').pop());
if (!fs.existsSync(evalDir)) {
  process.stderr.write('[eval] ../shared/eval is absent: only Loa\'s own sets are scored.\n');
  process.stdout.write(`${JSON.stringify({ results: [feedbackResult] }, null, 2)}\n`);
  process.exit(0);
}
const loa = path.join(root, 'bin', 'loa');
const results = [feedbackResult];

// Plan import: `loa plan import FILE --json` against each answer key.
const plansDir = path.join(shared, 'fixtures', 'plans');
for (const answer of fs.readdirSync(path.join(evalDir, 'answers')).filter((f) => f.endsWith('.answer.json')).sort()) {
  const name = answer.replace(/\.answer\.json$/, '');
  const input = fs.readdirSync(plansDir).find((f) => f.startsWith(`${name}.`));
  if (!input) continue;
  const out = path.join(root, 'data', 'eval', `${name}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, execFileSync(loa, ['plan', 'import', path.join(plansDir, input), '--json'], { env: { ...process.env, LOA_LOG_LEVEL: 'warn' } }));
  const report = execFileSync('python3', [path.join(evalDir, 'score_plan.py'), path.join(evalDir, 'answers', answer), out]).toString();
  process.stdout.write(`## plan import: ${name}\n${report}\n`);
  const score = Number(report.match(/score:\s*([\d.]+)/)?.[1] ?? 0);
  results.push({ eval: 'plan', fixture: name, score });
}
// Monitoring: serve the labelled items as RSS feeds on loopback (make_feeds.py), import the
// units into a fresh embedded database, add the feeds, poll once, export, score_monitor.py.
const monitorItems = path.join(shared, 'fixtures', 'monitoring', 'dev-items.json');
if (fs.existsSync(monitorItems) && fs.existsSync(path.join(evalDir, 'score_monitor.py'))) {
  const { runMonitorEval } = await import('./eval-monitor.mjs');
  try {
    const r = await runMonitorEval({ root, loa, evalDir, itemsFile: monitorItems });
    process.stdout.write(`## monitoring: ${path.basename(monitorItems)}\n${r.report}\n`);
    results.push({ eval: 'monitor', fixture: path.basename(monitorItems, '.json'), score: r.score, measures: r.measures });
  } catch (e) {
    process.stderr.write(`[eval] monitoring failed: ${e.message}\n`);
    results.push({ eval: 'monitor', fixture: path.basename(monitorItems, '.json'), score: 0, error: e.message });
    process.exitCode = 1;
  }
}
process.stdout.write(`${JSON.stringify({ results }, null, 2)}\n`);
