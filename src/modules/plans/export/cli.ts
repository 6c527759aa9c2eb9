// `loa plan render PLAN.json --format docx|pdf --out FILE`: a plan given as the
// import's JSON (plus optional export fields) rendered without a database.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../../platform/errors';
import { t } from '../../../platform/i18n';
import { renderPlanDocx } from './docx';
import { convertDocxToPdf } from './pdf';
import { PlanInputError, toPlanDocument, type PlanDocument } from './types';

export const RENDER_USAGE = 'Cách dùng: loa plan render PLAN.json --format docx|pdf --out TỆP';

/** Reads and validates a plan JSON file; throws PlanInputError with a Vietnamese message. */
export function readPlanJson(file: string): PlanDocument {
  if (!fs.existsSync(file)) throw new PlanInputError(`Không tìm thấy tệp: ${file}`);
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new PlanInputError(`Tệp ${file} không phải JSON hợp lệ: ${e instanceof Error ? e.message : String(e)}`);
  }
  return toPlanDocument(data);
}

type Io = { out: (s: string) => void; err: (s: string) => void };

/**
 * Runs the command. Exit codes: 0 written (stdout: the output path), 1 input
 * refused or rendering failed (Vietnamese message on stderr), 2 usage error.
 */
export async function planRenderCommand(args: string[], io: Io): Promise<number> {
  let values: { format?: string; out?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string' }, out: { type: 'string' } } }));
  } catch (e) {
    io.err(`${e instanceof Error ? e.message : String(e)}\n${RENDER_USAGE}`);
    return 2;
  }
  const file = positionals[0];
  const outFile = values.out;
  const format = (values.format ?? (outFile && /\.pdf$/i.test(outFile) ? 'pdf' : 'docx')).toLowerCase();
  if (!file || !outFile || positionals.length > 1 || (format !== 'docx' && format !== 'pdf')) {
    io.err(RENDER_USAGE);
    return 2;
  }
  try {
    const doc = readPlanJson(file);
    const started = Date.now();
    const docx = await renderPlanDocx(doc);
    const bytes = format === 'pdf' ? await convertDocxToPdf(docx) : docx;
    fs.mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
    fs.writeFileSync(outFile, bytes);
    io.err(`Đã xuất kế hoạch ra ${format.toUpperCase()} (${bytes.length} byte, ${Date.now() - started} ms).`);
    io.out(outFile);
    return 0;
  } catch (e) {
    if (e instanceof PlanInputError) io.err(e.message);
    else if (e instanceof AppError) io.err(t(e.messageKey, e.params));
    else throw e;
    return 1;
  }
}
