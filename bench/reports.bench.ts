import { performance } from 'node:perf_hooks';
import '../src/jobs';
import { systemActor } from '../src/modules/audit';
import { createReport, exportReportFile, generateReport, getReport, regenerateReport } from '../src/modules/reports';
import { now } from '../src/platform/clock';
import { loadConfig, setConfig } from '../src/platform/config';
import { closeDb, db, openDb } from '../src/platform/db';
import { startJobs, stopJobs } from '../src/platform/jobs';
import { configureLog } from '../src/platform/log';
import { createTemplate, createTestDatabase, startTestCluster } from '../test/support/pg';
import { measureDashboard } from './dashboard.measure';
import type { BenchResult, Measure } from './index';
import { seedProvinceYear } from './province-year';

/**
 * `npm run bench -- reports [--size SCHOOLS]`: a province of 1,000 schools (~100
 * commune offices, a Sở) with a year of data from bench/province-year.ts, then
 *  - `monthly_report_s`: the Sở's monthly public-opinion report for the last full month —
 *    every section drawn from the data (mentions, tone, top stories, incidents, sub-units'
 *    submissions), as the job does it (generateReport) — median of 3 (target < 2 s);
 *  - `semester_report_s`: the Sở's semester report (plan progress, articles and weekly quota of
 *    1,000 schools, events, press), median of 3;
 *  - `monthly_docx_s`: that monthly report exported as DOCX (the plan exporter);
 *  - the province dashboard figures from bench/dashboard.measure.ts (`dashboard_p95_ms` < 200).
 * The data sizes used are printed in the notes.
 */
export async function run(opts: { size?: number }): Promise<BenchResult> {
  const schools = opts.size ?? 1000;
  configureLog({ level: 'warn', format: 'json' });
  const cluster = await startTestCluster();
  try {
    await createTemplate(cluster.adminUrl);
    const database = await createTestDatabase(cluster.adminUrl);
    setConfig(loadConfig({ ...process.env, DATABASE_URL: database.url, LOA_LOG_LEVEL: 'warn' }));
    openDb(database.url, 4);
    await startJobs({ connectionString: database.url, isWorker: false });
    try {
      process.stderr.write(`bench reports: seeding a province of ${schools} schools with a year of data…\n`);
      const t0 = performance.now();
      const py = await seedProvinceYear(db(), { schools });
      const seedS = (performance.now() - t0) / 1000;
      process.stderr.write(`bench reports: seeded in ${seedS.toFixed(1)} s\n`);

      // the last full month, and the semester that holds most of the seeded year
      const vn = new Date(now().getTime() + 7 * 3600_000);
      const y = vn.getUTCMonth() === 0 ? vn.getUTCFullYear() - 1 : vn.getUTCFullYear();
      const m = vn.getUTCMonth() === 0 ? 12 : vn.getUTCMonth();
      const month = `${y}-${String(m).padStart(2, '0')}`;
      const sixMonthsAgo = new Date(vn.getTime() - 182 * 86400_000);
      const sy = sixMonthsAgo.getUTCMonth() + 1 >= 9 ? sixMonthsAgo.getUTCFullYear() : sixMonthsAgo.getUTCFullYear() - 1;
      const semester = sixMonthsAgo.getUTCMonth() + 1 >= 9 || sixMonthsAgo.getUTCMonth() === 0 ? 1 : 2;

      const timeReport = async (input: Parameters<typeof createReport>[1]) => {
        const r = await createReport(systemActor, input);
        const times: number[] = [];
        let generation = 1;
        for (let i = 0; i < 3; i++) {
          if (i > 0) generation = (await regenerateReport(systemActor, r.id)).generation;
          const t = performance.now();
          await generateReport(r.id, generation);
          times.push((performance.now() - t) / 1000);
        }
        return { id: r.id, cold: times[0]!, median: [...times].sort((a, b) => a - b)[1]! };
      };
      const monthly = await timeReport({ unitId: py.rootUnitId, kind: 'monthly_opinion', period: { month } });
      const sem = await timeReport({ unitId: py.rootUnitId, kind: 'semester', period: { schoolYear: `${sy}-${sy + 1}`, semester } });
      const td = performance.now();
      const docx = await exportReportFile(db(), monthly.id, 'docx');
      const docxS = (performance.now() - td) / 1000;

      // what the timed reports found (so a fast figure is not an empty report)
      const facts = async (id: number) =>
        Object.fromEntries((await getReport(db(), id)).sections.map((s) => [s.key, s.facts]));
      const found = { monthly: await facts(monthly.id), semester: await facts(sem.id) };
      let dashboard: Measure[] = [];
      try {
        dashboard = await measureDashboard(db(), py.rootUnitId);
      } catch (err) {
        process.stderr.write(`bench reports: the dashboard measure failed: ${(err as Error).message}\n`);
      }
      const r3 = (x: number) => Math.round(x * 1000) / 1000;
      return {
        bench: 'reports',
        measures: [
          { name: 'monthly_report_s', value: r3(monthly.median), unit: 's' },
          { name: 'monthly_report_cold_s', value: r3(monthly.cold), unit: 's' },
          { name: 'semester_report_s', value: r3(sem.median), unit: 's' },
          { name: 'monthly_docx_s', value: r3(docxS), unit: 's' },
          ...dashboard,
        ],
        notes: { month, semester: `${sy}-${sy + 1}/${semester}`, found, docxBytes: docx.data.length, seedSeconds: Math.round(seedS), range: { from: py.from, to: py.to }, sizes: py.sizes },
      };
    } finally {
      await stopJobs();
      await closeDb();
    }
  } finally {
    await cluster.stop();
  }
}
