// DOCX → PDF with LibreOffice (headless), one conversion at a time.
//
// Each conversion gets its own temporary folder holding the input, the output
// and a throw-away LibreOffice profile (`-env:UserInstallation=…`), so two
// conversions never share a profile lock and nothing is left behind. A
// process-wide promise queue runs them one after another: soffice is heavy
// (a few hundred MB, one CPU) and the machines are small.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../../platform/errors';

/** Default limit for one conversion; `LOA_PDF_TIMEOUT_MS` overrides it. */
const DEFAULT_TIMEOUT_MS = 90_000;

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The LibreOffice binary: `LOA_SOFFICE` when set, else `soffice` or `libreoffice` on the PATH. */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | null {
  const override = env.LOA_SOFFICE?.trim();
  if (override) return override.includes('/') ? (isExecutable(override) ? override : null) : findOnPath(override, env.PATH ?? '');
  return findOnPath('soffice', env.PATH ?? '') ?? findOnPath('libreoffice', env.PATH ?? '');
}

function findOnPath(name: string, pathVar: string): string | null {
  for (const dir of pathVar.split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    if (isExecutable(file)) return file;
  }
  return null;
}

/** True when a LibreOffice binary is available for PDF export. */
export function isPdfAvailable(): boolean {
  return findSoffice() !== null;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Converts a DOCX to PDF with LibreOffice. Conversions are queued (one at a
 * time per process). Throws AppError `plan.pdf_unavailable` (503) when
 * LibreOffice is not installed, `plan.render_failed` when it fails or times out.
 */
export function convertDocxToPdf(docx: Buffer): Promise<Buffer> {
  const soffice = findSoffice();
  // 503: a missing optional tool, not a fault in the request.
  if (!soffice) return Promise.reject(new AppError('plan.pdf_unavailable', 503, 'plan.pdf_unavailable'));
  const job = queue.then(() => convertOnce(soffice, docx));
  queue = job.catch(() => undefined);
  return job;
}

function timeoutMs(): number {
  const v = Number(process.env.LOA_PDF_TIMEOUT_MS);
  return Number.isFinite(v) && v > 0 ? v : DEFAULT_TIMEOUT_MS;
}

const failed = (reason: string) => new AppError('plan.render_failed', 500, 'plan.render_failed', { reason });

async function convertOnce(soffice: string, docx: Buffer): Promise<Buffer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loa-pdf-'));
  try {
    const input = path.join(dir, 'plan.docx');
    fs.writeFileSync(input, docx);
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    const args = [
      `-env:UserInstallation=${profile}`,
      '--headless',
      '--invisible',
      '--norestore',
      '--nologo',
      '--nodefault',
      '--nolockcheck',
      '--convert-to',
      'pdf:writer_pdf_Export',
      '--outdir',
      dir,
      input,
    ];
    const stderr = await new Promise<string>((resolve, reject) => {
      // Own process group, so a timeout can stop soffice.bin and its helpers together.
      const child = spawn(soffice, args, { cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HOME: dir } });
      let errText = '';
      child.stdout.on('data', () => undefined);
      child.stderr.on('data', (d: Buffer) => {
        if (errText.length < 4000) errText += d.toString();
      });
      const timer = setTimeout(() => {
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
        reject(failed(`LibreOffice không chuyển xong trong ${Math.round(timeoutMs() / 1000)} giây`));
      }, timeoutMs());
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(failed(e.message));
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        if (code === 0) resolve(errText);
        else reject(failed(`LibreOffice dừng với mã ${code}: ${errText.trim().split('\n').slice(-2).join(' ')}`));
      });
    });
    const output = path.join(dir, 'plan.pdf');
    if (!fs.existsSync(output)) throw failed(`LibreOffice không tạo ra tệp PDF (${stderr.trim().split('\n').slice(-1)[0] ?? ''})`);
    return fs.readFileSync(output);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

