import { performance } from 'node:perf_hooks';
import { createTemplate, createTestDatabase, startTestCluster } from '../test/support/pg';
import { systemActor } from '../src/modules/audit';
import { importFile, listSubtree, searchUnits, unitColumns } from '../src/modules/org';
import { loadConfig, setConfig } from '../src/platform/config';
import { closeDb, db, openDb } from '../src/platform/db';
import { configureLog } from '../src/platform/log';
import { foldVietnamese } from '../src/text';
import type { BenchResult } from './index';

/**
 * `npm run bench -- org`: a national-size unit tree (1 ministry, 34 departments,
 * 3,321 communes, schools to 60,000 units) imported from CSV through the same
 * path as `loa units import`, then subtree and accent-insensitive name queries.
 * Baselines run in the same process on the same data: a recursive CTE on
 * parent_id for subtrees, an unindexed unaccent(name) ILIKE for names.
 */
const people = ['Lê Lợi', 'Nguyễn Du', 'Trần Phú', 'Kim Đồng', 'Lý Tự Trọng', 'Chu Văn An', 'Nguyễn Trãi', 'Quang Trung', 'Võ Thị Sáu', 'Hai Bà Trưng', 'Phan Bội Châu', 'Lê Quý Đôn', 'Nguyễn Huệ', 'Trần Hưng Đạo', 'Ngô Quyền', 'Đinh Tiên Hoàng', 'Lương Thế Vinh', 'Hoàng Hoa Thám', 'Nguyễn Bỉnh Khiêm', 'Tô Hiệu'];
const places = ['Hòa Bình', 'Tân Phú', 'An Khánh', 'Thạch Bàn', 'Đông Hòa', 'Phú Thủy', 'Sơn Trà', 'Ea Kao', 'Bình Minh', 'Tân Lập', 'Hòa Thuận', 'Long Phước', 'Mỹ Xuân', 'Quảng Thọ', 'Cẩm Lệ', 'Hương Sơn'];
const levels = [
  ['Trường Mầm non', 'preschool'],
  ['Trường Tiểu học', 'primary'],
  ['Trường THCS', 'lower_secondary'],
  ['Trường THPT', 'upper_secondary'],
  ['Trường Tiểu học và THCS', 'multi_level'],
] as const;

export function makeNationalCsv(total: number): { csv: string; departments: string[]; communes: string[] } {
  const lines = ['code,name,type,parent,aliases,level'];
  lines.push('N-BO,Bộ Giáo dục và Đào tạo,bộ,,Bộ GDĐT,');
  const departments: string[] = [];
  const communes: string[] = [];
  for (let d = 1; d <= 34; d++) {
    departments.push(`N-S${d}`);
    lines.push(`N-S${d},Sở Giáo dục và Đào tạo tỉnh Số ${d},sở,N-BO,Sở GDĐT tỉnh Số ${d},`);
  }
  for (let c = 1; c <= 3321; c++) {
    const dept = departments[(c - 1) % 34];
    communes.push(`N-X${c}`);
    lines.push(`N-X${c},Ủy ban nhân dân xã ${places[c % places.length]} ${c},xã,${dept},xã ${places[c % places.length]} ${c},`);
  }
  const schools = total - 1 - 34 - 3321;
  for (let s = 1; s <= schools; s++) {
    const [prefix, level] = levels[s % levels.length];
    const name = `${prefix} ${people[Math.floor(s / 5) % people.length]} ${places[Math.floor(s / 100) % places.length]} số ${s}`;
    lines.push(`N-T${s},${name},trường,${communes[s % communes.length]},,${level}`);
  }
  return { csv: `${lines.join('\n')}\n`, departments, communes };
}

function p95(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return Number(s[Math.min(s.length - 1, Math.floor(s.length * 0.95))].toFixed(2));
}

async function timeEach(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    out.push(performance.now() - t0);
  }
  return out;
}

export async function run(opts: { size?: number }): Promise<BenchResult> {
  const total = opts.size ?? 60_000;
  configureLog({ level: 'warn', format: 'json' });
  const cluster = await startTestCluster();
  try {
    await createTemplate(cluster.adminUrl);
    const database = await createTestDatabase(cluster.adminUrl);
    setConfig(loadConfig({ ...process.env, DATABASE_URL: database.url, LOA_LOG_LEVEL: 'warn' }));
    openDb(database.url, 4);
    try {
      const { csv, departments, communes } = makeNationalCsv(total);
      process.stderr.write(`bench org: importing ${total} units…\n`);
      const t0 = performance.now();
      const r = await importFile(systemActor, 'units', Buffer.from(csv), 'national.csv', { isSkippingInvalid: false });
      const importSeconds = (performance.now() - t0) / 1000;
      if (!r.summary) throw new Error(`import refused: ${JSON.stringify(r.preview.errors.slice(0, 3))}`);
      await db().query('analyze units');

      const paths = new Map<string, string>(
        (await db().query(`select code, path::text from units where code = any($1)`, [[...departments, ...communes.slice(0, 200)]])).rows.map(
          (x) => [x.code, x.path],
        ),
      );
      const ids = new Map<string, number>(
        (await db().query(`select code, id from units where code = any($1)`, [[...departments, ...communes.slice(0, 200)]])).rows.map(
          (x) => [x.code, x.id],
        ),
      );
      const subtreeTargets = Array.from({ length: 200 }, (_, i) => (i % 2 ? departments[i % 34] : communes[i]));
      let subtreeRows = 0;
      const subtree = await timeEach(200, async (i) => {
        subtreeRows += (await listSubtree(db(), paths.get(subtreeTargets[i]) as string)).length;
      });
      const subtreeCte = await timeEach(200, (i) =>
        db().query(
          `with recursive t as (select * from units where id = $1 union all select u.* from units u join t on u.parent_id = t.id)
           select ${unitColumns}, 0 as "childCount" from t u order by u.path`,
          [ids.get(subtreeTargets[i])],
        ),
      );
      const queries = Array.from({ length: 200 }, (_, i) =>
        foldVietnamese(`${i % 2 ? 'tieu hoc' : 'thcs'} ${people[i % people.length]} ${i % 3 ? places[i % places.length] : ''}`),
      );
      const scope = { subtreePaths: [paths.get(departments[0]) as string], unitIds: [] };
      const nameSearch = await timeEach(200, (i) => searchUnits(db(), queries[i], null, 20));
      const nameSearchScoped = await timeEach(200, (i) => searchUnits(db(), queries[i], scope, 20));
      const nameBaseline = await timeEach(50, (i) =>
        db().query(`select id from units where unaccent(lower(name)) ilike all($1) limit 20`, [
          queries[i].split(' ').map((w) => `%${w}%`),
        ]),
      );
      return {
        bench: 'org',
        measures: [
          { name: 'units', value: total, unit: 'count' },
          { name: 'import_60k_s', value: Number(importSeconds.toFixed(2)), unit: 's' },
          { name: 'subtree_p95_ms', value: p95(subtree), unit: 'ms' },
          { name: 'subtree_recursive_cte_p95_ms', value: p95(subtreeCte), unit: 'ms' },
          { name: 'subtree_speedup_vs_cte', value: Number((p95(subtreeCte) / p95(subtree)).toFixed(2)), unit: 'x' },
          { name: 'name_search_p95_ms', value: p95(nameSearch), unit: 'ms' },
          { name: 'name_search_scoped_p95_ms', value: p95(nameSearchScoped), unit: 'ms' },
          { name: 'name_search_unindexed_p95_ms', value: p95(nameBaseline), unit: 'ms' },
          { name: 'name_search_speedup', value: Number((p95(nameBaseline) / p95(nameSearch)).toFixed(2)), unit: 'x' },
        ],
        notes: { subtreeAvgRows: Math.round(subtreeRows / 200), created: r.summary.created },
      };
    } finally {
      await closeDb();
      await database.drop();
    }
  } finally {
    await cluster.stop();
  }
}
