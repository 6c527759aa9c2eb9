import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { SMTPServer } from 'smtp-server';
import '../src/jobs';
import { createTemplate, createTestDatabase, startTestCluster } from '../test/support/pg';
import { systemActor } from '../src/modules/audit';
import { createRule } from '../src/modules/monitoring/alerts';
import { startAlertListener, stopAlertListener } from '../src/modules/monitoring/alerts/insights.jobs';
import { processPending } from '../src/modules/monitoring/pipeline';
import { pollAllOnce } from '../src/modules/monitoring/poll.service';
import { createUnit } from '../src/modules/org';
import { loadConfig, setConfig } from '../src/platform/config';
import { closeDb, db, openDb } from '../src/platform/db';
import { startJobs, stopJobs } from '../src/platform/jobs';
import { configureLog } from '../src/platform/log';
import { resetMailTransport } from '../src/platform/mail';
import type { BenchResult } from './index';

/**
 * `npm run bench -- monitor-alert`: end-to-end alert latency. A loopback RSS
 * feed is polled every `poll_interval_s` (the poll-and-process loop the
 * `monitoring.poll-due` job runs); at a random moment of the cycle a new item
 * about a watched school is appended to the feed, and the clock stops when the
 * alert e-mail for it arrives at a loopback SMTP server — through the pipeline
 * (analysis, clustering), the alert outbox (woken by the item's commit), the
 * `mail.send` job (pg-boss, polled every 2 s as in `loa serve`) and SMTP.
 *   publish_to_alert_s      worst of the samples (median in notes); target ≤ poll_interval_s + 5
 *   poll_interval_s         the feed's polling interval in this run
 * `--size N` sets the number of samples (default 6).
 */
const INTERVAL_S = Number(process.env.LOA_BENCH_POLL_INTERVAL_S ?? 10);

type Entry = { guid: string; title: string; body: string; at: Date };

function rss(items: Entry[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Báo Giáo dục Thử</title><link>http://127.0.0.1/</link><description>Tin giáo dục</description>${items
    .map(
      (i) =>
        `<item><guid>${i.guid}</guid><link>http://127.0.0.1/tin/${i.guid}.html</link><title>${esc(i.title)}</title><description>${esc(
          i.body,
        )}</description><pubDate>${i.at.toUTCString()}</pubDate></item>`,
    )
    .join('')}</channel></rss>`;
}

export async function run(opts: { size?: number }): Promise<BenchResult> {
  const samples = opts.size ?? 6;
  configureLog({ level: 'warn', format: 'json' });
  const feed: Entry[] = [
    { guid: 'cu-1', title: 'Trường THCS Hòa Bình khai giảng năm học mới', body: 'Sáng nay hơn một nghìn học sinh Trường THCS Hòa Bình dự lễ khai giảng.', at: new Date(Date.now() - 86400_000) },
  ];
  // distinct reports (copies of one report would be one story, alerted once)
  const incidents = [
    'Phụ huynh Trường THCS Hòa Bình phản ánh lạm thu đầu năm: mỗi học sinh nộp hơn ba triệu đồng các khoản ngoài quy định',
    'Học sinh Trường THCS Hòa Bình bị nhóm bạn đánh hội đồng sau giờ tan học, clip lan truyền trên mạng xã hội',
    'Hàng chục học sinh bán trú Trường THCS Hòa Bình đau bụng, nôn ói sau bữa trưa, nghi ngộ độc thực phẩm',
    'Trần phòng học Trường THCS Hòa Bình bong tróc rơi xuống bàn, học sinh phải chuyển sang phòng khác',
    'Giáo viên Trường THCS Hòa Bình bị tố ép học sinh học thêm tại nhà, phụ huynh gửi đơn lên phòng giáo dục',
    'Trường THCS Hòa Bình thiếu giáo viên tin học và tiếng Anh, nhiều lớp chưa có thời khóa biểu ổn định',
    'Đề kiểm tra giữa kỳ của Trường THCS Hòa Bình bị lộ trước giờ thi, nhà trường tổ chức thi lại',
    'Học sinh Trường THCS Hòa Bình đuối nước khi tắm suối cuối tuần, địa phương cảnh báo phụ huynh',
  ];
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(rss(feed));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const arrived = new Map<string, number>();
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, cb) {
      let raw = '';
      stream.on('data', (d) => (raw += d.toString()));
      stream.on('end', () => {
        const at = performance.now();
        for (const m of raw.matchAll(/MAU-(\d+)/g)) if (!arrived.has(m[1])) arrived.set(m[1], at);
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  const cluster = await startTestCluster();
  let loop: NodeJS.Timeout | null = null;
  try {
    await createTemplate(cluster.adminUrl);
    const database = await createTestDatabase(cluster.adminUrl);
    process.env.LOA_FETCH_ALLOW = '127.0.0.1';
    setConfig(
      loadConfig({
        ...process.env,
        DATABASE_URL: database.url,
        LOA_LOG_LEVEL: 'warn',
        LOA_SECRET_KEY: process.env.LOA_SECRET_KEY ?? 'b'.repeat(64),
        LOA_SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`,
      }),
    );
    resetMailTransport();
    openDb(database.url, 6);
    try {
      await startJobs({ connectionString: database.url, isWorker: true });
      startAlertListener(database.url);
      const dept = await createUnit(systemActor, { code: 'BENCH-SO', name: 'Sở Giáo dục và Đào tạo tỉnh Thử', type: 'department', parentId: null });
      await createUnit(systemActor, { code: 'BENCH-HB', name: 'Trường THCS Hòa Bình', type: 'school', parentId: dept.id });
      await createRule(systemActor, { unitId: dept.id, name: 'Mọi tin', tones: [], channels: ['email'], emails: ['truc.ban@so-thu.edu.vn'] });
      await db().query(`insert into monitor_sources (kind, name, url, interval_seconds) values ('feed', 'Báo Giáo dục Thử', $1, 60)`, [
        `http://127.0.0.1:${(server.address() as { port: number }).port}/rss`,
      ]);
      // the first poll takes the backlog
      await pollAllOnce();
      await processPending();
      let busy = false;
      loop = setInterval(() => {
        if (busy) return;
        busy = true;
        void pollAllOnce()
          .then(() => processPending())
          .catch((err) => process.stderr.write(`poll failed: ${(err as Error).message}\n`))
          .finally(() => {
            busy = false;
          });
      }, INTERVAL_S * 1000);
      const lat: number[] = [];
      for (let i = 0; i < samples; i++) {
        await new Promise((r) => setTimeout(r, Math.random() * INTERVAL_S * 1000));
        const key = String(1000 + i);
        const t0 = performance.now();
        const incident = incidents[i % incidents.length];
        feed.unshift({ guid: `moi-${key}`, title: `${incident.split(',')[0]} (MAU-${key})`, body: `${incident} (mẫu ${key}, lần ${i + 1}).`, at: new Date() });
        const deadline = t0 + (INTERVAL_S + 60) * 1000;
        while (!arrived.has(key) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        const t1 = arrived.get(key);
        if (t1 == null) {
          const state = await db().query(
            `select (select count(*) from monitor_items)::int as items, (select count(*) from monitor_items where analysed_at is not null)::int as analysed,
                    (select count(*) from monitor_item_units)::int as matched, (select count(*) from monitor_alerts)::int as alerts,
                    (select string_agg(status || ':' || coalesce(last_error, ''), ', ') from monitor_alerts) as statuses,
                    (select last_error from monitor_sources limit 1) as source_error`,
          );
          throw new Error(`no alert e-mail for sample ${key} within ${INTERVAL_S + 60} s: ${JSON.stringify(state.rows[0])}`);
        }
        lat.push((t1 - t0) / 1000);
        process.stderr.write(`bench monitor-alert: sample ${i + 1}/${samples}: ${((t1 - t0) / 1000).toFixed(2)} s\n`);
      }
      const sorted = [...lat].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)];
      return {
        bench: 'monitor-alert',
        measures: [
          { name: 'publish_to_alert_s', value: Number(sorted[sorted.length - 1].toFixed(2)), unit: 's' },
          { name: 'poll_interval_s', value: INTERVAL_S, unit: 's' },
          { name: 'publish_to_alert_median_s', value: Number(median.toFixed(2)), unit: 's' },
          { name: 'target_s', value: INTERVAL_S + 5, unit: 's' },
        ],
        notes: { samples: lat.map((x) => Number(x.toFixed(2))), path: 'feed → poll → pipeline → alert outbox (LISTEN) → mail.send job → SMTP' },
      };
    } finally {
      if (loop) clearInterval(loop);
      await stopAlertListener();
      await stopJobs();
      await closeDb();
      await database.drop();
    }
  } finally {
    await cluster.stop();
    await new Promise<void>((r) => smtp.close(() => r()));
    await new Promise<void>((r) => server.close(() => r()));
  }
}
