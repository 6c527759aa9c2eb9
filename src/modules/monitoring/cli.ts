import { parseArgs } from 'node:util';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { systemActor } from '../audit';
import { exportItems } from './items.service';
import { processPending } from './pipeline';
import { pollAllOnce } from './poll.service';
import { createSource, defaultSourceUnit, listSources } from './sources.service';

/**
 * `loa monitor …` for operators and evaluation. stdout carries results only;
 * progress and errors go to stderr. Exit 0 ok, 1 refused, 2 usage.
 *
 *   monitor source add URL [--name N] [--interval SECONDS] [--unit CODE] [--sitemap]
 *   monitor source list [--json]
 *   monitor poll --once
 *   monitor export --json [--since DATE]
 */
export const monitorUsage = `  monitor source add URL [--name N] [--interval GIÂY] [--unit MÃ] [--sitemap]
                                              thêm nguồn tin (RSS/Atom/JSON Feed, sitemap tin tức)
  monitor source list [--json]                liệt kê nguồn tin và tình trạng
  monitor poll --once                         lấy tin từ mọi nguồn một lần, xử lý xong rồi thoát
  monitor export --json [--since NGÀY]        xuất mọi tin đã thu (JSON)
`;

type Io = { out: (s: string) => void; err: (s: string) => void };

async function withRuntime<T>(fn: () => Promise<T>): Promise<T> {
  const { openRuntime } = await import('../../platform/runtime');
  const rt = await openRuntime();
  try {
    return await fn();
  } finally {
    await rt.close();
  }
}

export async function monitorCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'source' && rest[0] === 'add') {
    const { values, positionals } = parseArgs({
      args: rest.slice(1),
      allowPositionals: true,
      options: { name: { type: 'string' }, interval: { type: 'string' }, unit: { type: 'string' }, sitemap: { type: 'boolean' } },
    });
    const url = positionals[0];
    const interval = values.interval === undefined ? null : Number(values.interval);
    if (!url || (interval !== null && (!Number.isInteger(interval) || interval < 60 || interval > 86400))) {
      io.err(`Cách dùng:\n${monitorUsage}`);
      if (interval !== null) io.err('--interval phải là số giây từ 60 đến 86400.');
      return 2;
    }
    return withRuntime(async () => {
      const { db } = await import('../../platform/db');
      let unitId: number | null;
      if (values.unit) {
        const r = await db().query('select id from units where code = $1', [values.unit]);
        if (!r.rows[0]) {
          io.err(`Không tìm thấy đơn vị mã "${values.unit}".`);
          return 1;
        }
        unitId = r.rows[0].id;
      } else unitId = await defaultSourceUnit();
      const isSitemap = values.sitemap ?? /sitemap/i.test(url);
      const { source } = await createSource(systemActor, { unitId, kind: isSitemap ? 'sitemap' : 'feed', url, name: values.name, intervalSeconds: interval });
      io.out(JSON.stringify({ id: source.id, name: source.name, url: source.url, kind: source.kind, intervalSeconds: source.intervalSeconds }));
      return 0;
    });
  }
  if (sub === 'source' && rest[0] === 'list') {
    const { values } = parseArgs({ args: rest.slice(1), options: { json: { type: 'boolean' } } });
    return withRuntime(async () => {
      const { db } = await import('../../platform/db');
      const rows = await listSources(db(), null);
      if (values.json) io.out(JSON.stringify(rows, null, 2));
      else
        for (const s of rows)
          io.out(`${s.id}\t${s.kind}\t${s.health}\t${s.itemsTotal}\t${s.name}\t${s.url ?? ''}${s.lastError ? `\t${s.lastError}` : ''}`);
      return 0;
    });
  }
  if (sub === 'poll') {
    const { values } = parseArgs({ args: rest, options: { once: { type: 'boolean' } } });
    if (!values.once) {
      io.err('Chỉ hỗ trợ "monitor poll --once"; việc lấy tin định kỳ do "loa serve" (tác vụ nền) đảm nhận.');
      return 2;
    }
    return withRuntime(async () => {
      const results = await pollAllOnce((r) =>
        io.err(
          r.status === 'error'
            ? `Nguồn #${r.sourceId}: lỗi — ${r.error}`
            : `Nguồn #${r.sourceId}: ${r.seen} tin, ${r.newItems} tin mới${r.status === 'not_modified' ? ' (không đổi)' : ''}`,
        ),
      );
      const processed = await processPending();
      const failed = results.filter((r) => r.status === 'error').length;
      io.err(`Đã xử lý ${processed} tin.`);
      io.out(JSON.stringify({ sources: results.length, failed, newItems: results.reduce((n, r) => n + r.newItems, 0), processed }));
      return 0;
    });
  }
  if (sub === 'export') {
    const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' }, since: { type: 'string' } } });
    let since: Date | null = null;
    if (values.since) {
      since = new Date(/^\d{4}-\d{2}-\d{2}$/.test(values.since) ? `${values.since}T00:00:00+07:00` : values.since);
      if (Number.isNaN(since.getTime())) {
        io.err(`Ngày không hợp lệ: ${values.since} (dùng yyyy-mm-dd hoặc ISO 8601).`);
        return 2;
      }
    }
    return withRuntime(async () => {
      await processPending();
      const rows = await exportItems(since);
      if (values.json) io.out(JSON.stringify(rows, null, 2));
      else for (const r of rows) io.out(`${r.publishedAt ?? ''}\t${r.tone}\t${r.units.join(',')}\t${r.categories.join(',')}\t${r.title}\t${r.link ?? ''}`);
      return 0;
    });
  }
  io.err(`Cách dùng:\n${monitorUsage}`);
  return 2;
}

export function describeCliError(e: unknown): string {
  return e instanceof AppError ? t(e.messageKey, e.params) : String(e);
}
