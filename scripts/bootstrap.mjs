#!/usr/bin/env node
// The two commands a newcomer needs. Uses only Node's built-ins, because it
// runs before the dependencies exist: installs them when package-lock.json
// changed (or node_modules is missing), builds the admin UI when its sources
// changed, then runs Loa (`start`), every test (`test`), a bench or the evals.
import { spawnSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [command = 'start', ...args] = process.argv.slice(2);
const say = (s) => process.stderr.write(`[loa] ${s}\n`);

function run(cmd, cmdArgs, opts = {}) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function hashFiles(files) {
  const h = crypto.createHash('sha256');
  for (const f of files.sort()) {
    h.update(path.relative(root, f));
    h.update(fs.readFileSync(f));
  }
  return h.digest('hex');
}

function walk(dir, skip) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (skip.has(e.name)) continue;
    if (e.isDirectory()) out.push(...walk(p, skip));
    else out.push(p);
  }
  return out;
}

function ensureDependencies() {
  const lock = path.join(root, 'package-lock.json');
  const stampFile = path.join(root, 'node_modules', '.loa-install-stamp');
  const want = hashFiles([lock, path.join(root, 'package.json')]);
  const have = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8') : '';
  if (have === want) return;
  say('installing dependencies (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
  fs.writeFileSync(stampFile, want);
}

function ensureWebBuild() {
  const webDir = path.join(root, 'web');
  const stampFile = path.join(webDir, 'dist', '.build-stamp');
  const sources = [...walk(webDir, new Set(['dist', 'node_modules'])), path.join(root, 'package-lock.json')];
  const want = hashFiles(sources);
  const have = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8') : '';
  if (have === want) return;
  say('building the admin UI (vite build)…');
  run(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
  fs.writeFileSync(stampFile, want);
}

function ensureChromium() {
  if (fs.existsSync('/usr/bin/chromium')) return true;
  if (process.getuid?.() === 0) {
    say('installing Debian chromium for the end-to-end tests…');
    run('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null']);
    return fs.existsSync('/usr/bin/chromium');
  }
  return false;
}

// What the plan export tests need from Debian: LibreOffice to make PDFs, the Liberation
// fonts (metric-compatible with Times New Roman) to embed in them, and poppler-utils
// (pdffonts, pdftotext) to check them. Without them those tests skip, saying why.
const EXPORT_PACKAGES = [
  ['libreoffice-writer-nogui', () => hasCommand('soffice') || hasCommand('libreoffice')],
  ['fonts-liberation2', () => fs.existsSync('/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf')],
  ['poppler-utils', () => hasCommand('pdffonts') && hasCommand('pdftotext')],
];

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function ensureExportTools() {
  const missing = () => EXPORT_PACKAGES.filter(([, present]) => !present()).map(([pkg]) => pkg);
  let need = missing();
  if (!need.length) return;
  if (process.getuid?.() === 0) {
    say(`installing ${need.join(', ')} for the plan export (PDF) tests…`);
    run('sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${need.join(' ')} >/dev/null`]);
    need = missing();
  }
  if (need.length) say(`${need.join(', ')} missing: the PDF export tests will be skipped (apt-get install -y --no-install-recommends ${need.join(' ')})`);
}

const bin = (name) => path.join(root, 'node_modules', '.bin', name);

ensureDependencies();
if (command === 'start') {
  ensureWebBuild();
  const child = spawn(process.execPath, [path.join(root, 'bin', 'loa'), 'serve', ...args], { cwd: root, stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
} else if (command === 'test') {
  ensureWebBuild();
  say('type-checking…');
  run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
  run(bin('tsc'), ['--noEmit', '-p', 'web/tsconfig.json']);
  ensureExportTools();
  say('unit and integration tests (vitest, real PostgreSQL)…');
  run(bin('vitest'), ['run', ...args]);
  if (!ensureChromium()) {
    say('chromium is missing: install it with `apt-get install -y chromium` to run the end-to-end tests');
    process.exit(1);
  }
  say('end-to-end tests (Playwright on /usr/bin/chromium)…');
  run(bin('playwright'), ['test', '-c', 'e2e/playwright.config.ts']);
} else if (command === 'bench') {
  run(process.execPath, [path.join(root, 'bin', 'loa'), 'bench', ...args]);
} else if (command === 'eval') {
  run(process.execPath, [path.join(root, 'scripts', 'eval.mjs'), ...args]);
} else {
  say(`unknown command: ${command}`);
  process.exit(2);
}
