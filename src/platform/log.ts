/**
 * Structured logs on stderr: stdout belongs to command results (`--json`).
 * One JSON object per line in production; a short readable line on a terminal.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

let minLevel: Level | 'silent' = (process.env.LOA_LOG_LEVEL as Level) ?? 'info';
let pretty = process.env.LOA_LOG_FORMAT ? process.env.LOA_LOG_FORMAT === 'pretty' : Boolean(process.stderr.isTTY);

export function configureLog(opts: { level: Level | 'silent'; format: 'json' | 'pretty' }): void {
  minLevel = opts.level;
  pretty = opts.format === 'pretty';
}

function write(level: Level, msg: string, fields?: Record<string, unknown>): void {
  if (order[level] < order[minLevel]) return;
  if (pretty) {
    const extra = fields && Object.keys(fields).length ? ` ${JSON.stringify(fields)}` : '';
    process.stderr.write(`[${level}] ${msg}${extra}\n`);
  } else {
    process.stderr.write(`${JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields })}\n`);
  }
}

export const log = {
  debug: (msg: string, fields?: Record<string, unknown>) => write('debug', msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write('info', msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write('warn', msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write('error', msg, fields),
};
