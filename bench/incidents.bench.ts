import { performance } from 'node:perf_hooks';
import '../src/jobs';
import { systemActor } from '../src/modules/audit';
import { createNotice, pushDeliveries, sendNotice, sweepNoticeMail } from '../src/modules/notices';
import { importFile } from '../src/modules/org';
import { now } from '../src/platform/clock';
import { loadConfig, setConfig } from '../src/platform/config';
import { closeDb, db, openDb, withTransaction } from '../src/platform/db';
import { enqueue, startJobs, stopJobs } from '../src/platform/jobs';
import { configureLog } from '../src/platform/log';
import { sendMailJob } from '../src/modules/identity';
import { createTemplate, createTestDatabase, startTestCluster } from '../test/support/pg';
import type { BenchResult } from './index';

/**
 * `npm run bench -- incidents`: a line to take pushed down to 1,000 sub-units, each
 * with a focal point (a Sở, 40 communes, 960 schools). `push_1000_units_s` is the wall
 * time from "send" to every delivery row committed (one set-based INSERT … SELECT over
 * the ltree subtree × role_assignments, in the sending transaction) AND every e-mail
 * queued in the outbox (the sweep, which writes pg-boss job rows in its own
 * transaction). Target < 5 s. The baseline, in the same run on the same tree, does the
 * same row by row: a query per unit for its people, an INSERT per unit and per person,
 * then the same mail queueing.
 */
export async function run(opts: { size?: number }): Promise<BenchResult> {
  const units = opts.size ?? 1000;
  configureLog({ level: 'warn', format: 'json' });
  const cluster = await startTestCluster();
  try {
    await createTemplate(cluster.adminUrl);
    const database = await createTestDatabase(cluster.adminUrl);
    setConfig(loadConfig({ ...process.env, DATABASE_URL: database.url, LOA_LOG_LEVEL: 'warn', LOA_PUBLIC_URL: 'https://loa.thu.vn' }));
    openDb(database.url, 4);
    await startJobs({ connectionString: database.url, isWorker: false });
    try {
      const communes = Math.max(1, Math.round(units / 25));
      const lines = ['code,name,type,parent,aliases,level', 'B-BO,Bộ Giáo dục và Đào tạo,bộ,,,', 'B-SO,Sở Giáo dục và Đào tạo tỉnh Thử,sở,B-BO,,'];
      for (let c = 1; c <= communes; c++) lines.push(`B-X${c},Ủy ban nhân dân xã Số ${c},xã,B-SO,,`);
      for (let s = 1; s <= units - communes; s++) lines.push(`B-T${s},Trường Tiểu học Số ${s},trường,B-X${((s - 1) % communes) + 1},,primary`);
      process.stderr.write(`bench incidents: building ${units} sub-units with a focal point each…\n`);
      const r = await importFile(systemActor, 'units', Buffer.from(`${lines.join('\n')}\n`), 'bench.csv', { isSkippingInvalid: false });
      if (!r.summary) throw new Error(`import refused: ${JSON.stringify(r.preview.errors.slice(0, 3))}`);
      const dept = Number((await db().query(`select id from units where code = 'B-SO'`)).rows[0].id);
      await db().query(
        `with u as (select id, code from units where code like 'B-X%' or code like 'B-T%'),
              p as (insert into users (email, name, unit_id) select lower(code) || '@dau-moi.thu.vn', 'Đầu mối ' || code, id from u returning id, unit_id)
         insert into role_assignments (user_id, unit_id, role) select id, unit_id, 'focal_point' from p`,
      );
      const author = Number((await db().query(`insert into users (email, name, unit_id) values ('tac.gia@so.thu.vn', 'Người soạn', $1) returning id`, [dept])).rows[0].id);
      await db().query('analyze');

      const newNotice = async (title: string) => {
        const n = await createNotice({ userId: author }, { unitId: dept, kind: 'line_to_take', title, bodyHtml: '<p>Nội dung định hướng thông tin thống nhất cho các đơn vị.</p>', isPublic: true });
        await db().query(`update notices set status = 'approved' where id = $1`, [n.id]);
        return n.id;
      };
      const drainMail = async () => {
        let n = 0;
        for (;;) {
          const k = await sweepNoticeMail(500);
          n += k;
          if (!k) return n;
        }
      };

      // set-based, through the service (the real path)
      const id1 = await newNotice('Định hướng thông tin về kỳ thi tốt nghiệp THPT');
      const t0 = performance.now();
      const sent = await sendNotice(systemActor, id1);
      const t1 = performance.now();
      const mailed = await drainMail();
      const t2 = performance.now();

      // baseline: row by row, in one transaction, then the same mail queueing
      const id2 = await newNotice('Định hướng thông tin (đo đối chứng từng dòng)');
      const b0 = performance.now();
      let baselineRows = 0;
      await withTransaction(async (tx) => {
        const at = now();
        const targets = await tx.query<{ id: number; path: string }>(
          `select t.id, t.path::text as path from units t join units iu on t.path <@ iu.path and t.id <> iu.id where iu.id = $1 and t.status = 'active'`,
          [dept],
        );
        for (const u of targets.rows) {
          await tx.query('insert into notice_units (notice_id, unit_id, unit_path) values ($1, $2, $3::ltree)', [id2, u.id, u.path]);
          const people = await tx.query<{ userId: number; role: string }>(
            `select ra.user_id as "userId", ra.role from role_assignments ra join users us on us.id = ra.user_id
              where ra.unit_id = $1 and us.is_active and ra.role in ('focal_point', 'leader')`,
            [u.id],
          );
          for (const p of people.rows) {
            await tx.query(
              `insert into notice_deliveries (notice_id, user_id, unit_id, roles, read_token, created_at)
               values ($1, $2, $3, $4, replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''), $5)
               on conflict (notice_id, user_id) do nothing`,
              [id2, p.userId, u.id, [p.role], at],
            );
            baselineRows++;
          }
        }
        await tx.query(`update notices set status = 'sent', sent_at = $2 where id = $1`, [id2, at]);
      });
      const b1 = performance.now();
      // the baseline's mail: one job per person, queued one by one in a single transaction
      await withTransaction(async (tx) => {
        const rows = await tx.query<{ id: number; email: string }>(
          `select d.id, us.email from notice_deliveries d join users us on us.id = d.user_id where d.notice_id = $1 and d.emailed_at is null for update of d`,
          [id2],
        );
        for (const row of rows.rows) {
          await enqueue(sendMailJob, { to: row.email, subject: 'Định hướng thông tin', text: 'Nội dung' }, { tx });
          await tx.query('update notice_deliveries set emailed_at = $2 where id = $1', [row.id, now()]);
        }
      });
      const b2 = performance.now();

      // the push statement alone, on a third notice, for the rows-only comparison
      const id3 = await newNotice('Định hướng thông tin (chỉ câu lệnh đẩy)');
      const s0 = performance.now();
      const only = await withTransaction((tx) => pushDeliveries(tx, id3, now()));
      const s1 = performance.now();

      const check = (await db().query<{ n: number }>('select count(*)::int as n from notice_deliveries where notice_id = $1 and emailed_at is not null', [id1])).rows[0].n;
      const sec = (ms: number) => Number((ms / 1000).toFixed(3));
      const pushS = sec(t2 - t0);
      const baselineS = sec(b2 - b0);
      return {
        bench: 'incidents',
        measures: [
          { name: 'sub_units', value: sent.unitCount, unit: 'count' },
          { name: 'deliveries', value: sent.recipientCount, unit: 'count' },
          { name: 'push_1000_units_s', value: pushS, unit: 's' },
          { name: 'push_send_tx_s', value: sec(t1 - t0), unit: 's' },
          { name: 'push_mail_queue_s', value: sec(t2 - t1), unit: 's' },
          { name: 'push_statement_only_s', value: sec(s1 - s0), unit: 's' },
          { name: 'baseline_row_by_row_s', value: baselineS, unit: 's' },
          { name: 'baseline_rows_only_s', value: sec(b1 - b0), unit: 's' },
          { name: 'speedup_vs_row_by_row', value: Number((baselineS / pushS).toFixed(2)), unit: 'x' },
          { name: 'rows_speedup_vs_row_by_row', value: Number(((b1 - b0) / (t1 - t0)).toFixed(2)), unit: 'x' },
        ],
        notes: { target: 'push_1000_units_s < 5', mailsQueued: mailed, deliveriesMailed: check, baselineRows, statementOnly: only },
      };
    } finally {
      await stopJobs();
      await closeDb();
      await database.drop();
    }
  } finally {
    await cluster.stop();
  }
}
