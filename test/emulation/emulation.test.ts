import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scoreScheme } from '../../src/modules/emulation';
import { rankingXlsx } from '../../src/modules/emulation/emulation.export';
import { createPlan, fulfilDeadline, issuePlan, movePlan, vietnamHolidays } from '../../src/modules/plans';
import { resetClock, setClock } from '../../src/platform/clock';
import { db } from '../../src/platform/db';
import { startJobs, stopJobs } from '../../src/platform/jobs';
import { vnDate } from '../../src/text';
import { useTestDatabase } from '../support/db';
import { makePerson, makeTree, makeUnit } from '../support/factories';
import { type TestClient, makeClient } from '../support/http';

/**
 * Emulation scoring from known data: a Sở ranks its schools (and its commune offices,
 * over their subtrees) by weighted criteria; every point links to its evidence.
 */
const state = useTestDatabase();
beforeAll(async () => {
  await startJobs({ connectionString: state.url, isWorker: false });
});
afterAll(async () => {
  await stopJobs();
});
afterEach(() => resetClock());

const holidays = new Set(vietnamHolidays(2026).map((h) => h.date));
let seq = 0;

async function article(unitId: number, title: string, at: Date, status = 'published') {
  const r = await db().query(
    `insert into articles (unit_id, title, slug, status, submitted_at, published_at) values ($1, $2, $3, $4, $5, $6) returning id`,
    [unitId, title, `thi-dua-${Date.now()}-${++seq}`, status, at, status === 'published' ? at : null],
  );
  return Number(r.rows[0].id);
}

async function world() {
  setClock(vnDate(2026, 1, 2, 8));
  const t = await makeTree();
  const s1 = t.school; // Trường THCS Thử, under Xã Thử Nghiệm
  const s2 = await makeUnit({ parentId: t.commune.id, type: 'school', name: 'Trường Tiểu học Bình Minh' });
  const communeB = await makeUnit({ parentId: t.dept.id, type: 'commune', name: 'Xã Hòa Bình' });
  const s3 = await makeUnit({ parentId: communeB.id, type: 'school', name: 'Trường Mầm non Hướng Dương' });
  const focal = await makePerson({ unitId: t.dept.id, roles: ['focal_point'] });
  const leader = await makePerson({ unitId: t.dept.id, roles: ['leader'] });
  const plan = await createPlan(
    { userId: focal.id },
    {
      unitId: t.dept.id,
      title: 'Truyền thông ngành giáo dục năm 2026',
      period: { year: 2026 },
      obligations: [
        { who: 'Các trường', unitTypes: ['school'], what: 'Báo cáo công tác truyền thông trước ngày 20 hằng tháng', recurrence: 'monthly', dayOfMonth: 20, isBeforeDay: true },
        { who: 'Các trường', unitTypes: ['school'], what: 'Mỗi tuần ít nhất 1 tin bài', recurrence: 'weekly', quantity: 1 },
      ],
    },
  );
  await movePlan({ userId: focal.id }, plan.id, 'submit');
  await movePlan({ userId: leader.id }, plan.id, 'approve');
  await issuePlan({ userId: leader.id }, plan.id, { issuedOn: '2026-01-02', holidays });
  const deadline = async (unitId: number, due: string) =>
    Number((await db().query('select d.id from obligation_deadlines d join plan_obligations o on o.id = d.obligation_id where o.plan_id = $1 and d.unit_id = $2 and d.due_date = $3', [plan.id, unitId, due])).rows[0].id);

  // Articles: S1 three published in Q1 (one more only submitted, not counted as published), S2 one, S3 none.
  const a1 = [await article(s1.id, 'Lễ ra quân Tháng Thanh niên', vnDate(2026, 1, 6, 9)), await article(s1.id, 'Hội thi giáo viên dạy giỏi', vnDate(2026, 1, 13, 9)), await article(s1.id, 'Ngày hội đọc sách', vnDate(2026, 3, 2, 9))];
  await article(s1.id, 'Bản nháp chưa đăng', vnDate(2026, 2, 2, 9), 'submitted');
  const a2 = await article(s2.id, 'Vui Tết cổ truyền', vnDate(2026, 1, 7, 9));
  await article(s2.id, 'Tin cũ năm trước', vnDate(2025, 12, 20, 9)); // before the period

  // Monthly reports (due 19 Jan, 19 Feb, 19 Mar): S1 all on time; S2 January late, the rest on time; S3 none.
  for (const [unit, due, at] of [
    [s1.id, '2026-01-19', vnDate(2026, 1, 15, 9)], [s1.id, '2026-02-19', vnDate(2026, 2, 10, 9)], [s1.id, '2026-03-19', vnDate(2026, 3, 18, 9)],
    [s2.id, '2026-01-19', vnDate(2026, 1, 22, 9)], [s2.id, '2026-02-19', vnDate(2026, 2, 19, 15)], [s2.id, '2026-03-19', vnDate(2026, 3, 19, 8)],
  ] as [number, string, Date][]) {
    setClock(at);
    await fulfilDeadline({ userId: focal.id }, await deadline(unit, due));
  }

  // Exemplars: S2 one published in February (one nominated only does not count).
  const ex = await db().query(
    `insert into exemplars (unit_id, kind, name, slug, school_year, status, published_at) values
       ($1, 'person', 'Cô Lê Thị Mai', 'co-le-thi-mai-' || $2, '2025-2026', 'published', $3),
       ($1, 'team', 'Tổ Toán', 'to-toan-' || $2, '2025-2026', 'nominated', null) returning id`,
    [s2.id, ++seq, vnDate(2026, 2, 14, 10)],
  );
  const exemplarId = Number(ex.rows[0].id);

  // Incidents: S3 one whose first statement never came (clock missed); S1 one handled within its clock.
  const inc = await db().query(
    `insert into incidents (unit_id, title, severity, status, detected_at, opened_at, first_statement_due_at, first_statement_at) values
       ($1, 'Phản ánh thu chi đầu năm', 2, 'active', $3, $3, $4, null),
       ($2, 'Clip học sinh đánh nhau', 2, 'resolved', $5, $5, $6, $7) returning id`,
    [s3.id, s1.id, vnDate(2026, 2, 1, 8), vnDate(2026, 2, 1, 12), vnDate(2026, 3, 3, 8), vnDate(2026, 3, 3, 12), vnDate(2026, 3, 3, 10)],
  );
  setClock(vnDate(2026, 4, 10, 9));
  return { t, s1, s2, s3, communeB, focal, leader, a1, a2, exemplarId, incidents: inc.rows.map((r) => Number(r.id)), deadline };
}

const schoolScheme = {
  title: 'Thi đua truyền thông quý I/2026 — khối trường',
  unitType: 'school',
  periodKind: 'custom',
  startsOn: '2026-01-01',
  endsOn: '2026-03-31',
  criteria: [
    { label: 'Tin bài đã đăng', metric: 'articles_published', weight: 40, target: 2 },
    { label: 'Báo cáo đúng hạn', metric: 'deadlines_on_time_pct', weight: 30, target: 100 },
    { label: 'Gương điển hình', metric: 'exemplars_published', weight: 20, target: 1 },
    { label: 'Xử lý sự cố đúng thời hạn', metric: 'incidents_on_clock_pct', weight: 10, target: 100, noData: 'full' },
  ],
};

async function signIn(email: string): Promise<TestClient> {
  const c = makeClient();
  expect((await c.login(email)).status).toBe(200);
  return c;
}
const emailOf = async (id: number) => (await db().query('select email from users where id = $1', [id])).rows[0].email as string;

describe('emulation scoring', () => {
  it('ranks the Sở’s schools from known data, every point linked to its evidence', async () => {
    const w = await world();
    const c = await signIn(await emailOf(w.focal.id));
    const created = await c.post('/api/emulation/schemes', { unitId: w.t.dept.id, ...schoolScheme });
    expect(created.status).toBe(201);
    expect(created.json.maxPoints).toBe(100);
    const r = await c.get(`/api/emulation/schemes/${created.json.id}/ranking`);
    expect(r.status).toBe(200);
    const rows = r.json.rows as { rank: number; unitId: number; total: number; cells: { value: number | null; points: number; evidence: { url: string; isMet?: boolean }[] }[] }[];
    // S1: 3 articles (≥2 → 40) + 3/3 on time (30) + no exemplar (0) + 1/1 incident on clock (10) = 80
    // S2: 1 article (20) + 2/3 on time (66.67% → 20) + 1 exemplar (20) + no incident (full 10) = 70
    // S3: nothing (0) + 0/3 (0) + 0 + 0/1 incident (0) = 0
    expect(rows.map((x) => [x.unitId, x.rank, x.total])).toEqual([[w.s1.id, 1, 80], [w.s2.id, 2, 70], [w.s3.id, 3, 0]]);
    const [s1, s2, s3] = rows;
    expect(s1.cells.map((x) => [x.value, x.points])).toEqual([[3, 40], [100, 30], [0, 0], [100, 10]]);
    expect(s2.cells.map((x) => [x.value, x.points])).toEqual([[1, 20], [66.67, 20], [1, 20], [null, 10]]);
    expect(s3.cells.map((x) => [x.value, x.points])).toEqual([[0, 0], [0, 0], [0, 0], [0, 0]]);
    // evidence: the articles, the deadlines, the exemplar, the incidents, as admin URLs
    expect(s1.cells[0].evidence.map((e) => e.url)).toEqual(w.a1.map((id) => `/admin/tin-bai/${id}`));
    expect(s2.cells[1].evidence.map((e) => [e.url, e.isMet])).toEqual([
      [`/admin/nghia-vu/han/${await w.deadline(w.s2.id, '2026-01-19')}`, false],
      [`/admin/nghia-vu/han/${await w.deadline(w.s2.id, '2026-02-19')}`, true],
      [`/admin/nghia-vu/han/${await w.deadline(w.s2.id, '2026-03-19')}`, true],
    ]);
    expect(s2.cells[2].evidence.map((e) => e.url)).toEqual([`/admin/guong-dien-hinh/${w.exemplarId}`]);
    expect(s3.cells[3].evidence).toEqual([{ label: 'Phản ánh thu chi đầu năm', url: `/admin/su-co/${w.incidents[0]}`, isMet: false }]);
    expect(s3.cells[1].evidence).toHaveLength(3);
    // the evidence link to a deadline opens its page
    const page = await c.get(s2.cells[1].evidence[0].url.replace('/admin/nghia-vu/han/', '/api/obligations/deadlines/'));
    expect(page.json).toMatchObject({ unitId: w.s2.id, status: 'done_late', dueDate: '2026-01-19' });

    // XLSX export: the ranking and the evidence sheet
    const x = await c.request('GET', `/api/emulation/schemes/${created.json.id}/export`);
    expect(x.status).toBe(200);
    expect(x.headers.get('content-type')).toContain('spreadsheetml');
    const res = new ExcelJS.Workbook();
    await res.xlsx.load((await rankingXlsx(await scoreScheme(db(), created.json.id))) as unknown as ArrayBuffer);
    const ranking = res.getWorksheet('Xếp hạng');
    expect(ranking?.getRow(5).values).toEqual([undefined, 1, 'Trường THCS Thử', 3, 40, 100, 30, 0, 0, 100, 10, 80]);
    expect(res.getWorksheet('Minh chứng')?.rowCount).toBeGreaterThan(10);

    // a contributor at the Sở reads the ranking but not incidents: a neutral label instead of the title
    const contributor = await makePerson({ unitId: w.t.dept.id, roles: ['contributor'] });
    const cc = await signIn(contributor.email);
    const rc = await cc.get(`/api/emulation/schemes/${created.json.id}/ranking`);
    expect(rc.status).toBe(200);
    const s3c = rc.json.rows.find((x: { unitId: number }) => x.unitId === w.s3.id);
    expect(s3c.cells[3].evidence).toEqual([{ label: `Sự cố #${w.incidents[0]}`, url: `/admin/su-co/${w.incidents[0]}`, isMet: false }]);
    expect(s3c.cells[0].evidence).toEqual([]);
    const deptPath = (await db().query('select path::text as p from units where id = $1', [w.t.dept.id])).rows[0].p as string;
    const redacted = new ExcelJS.Workbook();
    await redacted.xlsx.load((await rankingXlsx(await scoreScheme(db(), created.json.id, [{ role: 'contributor', unitId: w.t.dept.id, unitPath: deptPath }]))) as unknown as ArrayBuffer);
    const labels: unknown[] = [];
    redacted.getWorksheet('Minh chứng')?.eachRow((row) => labels.push(row.getCell(3).value));
    expect(labels).toContain(`Sự cố #${w.incidents[0]}`);
    expect(labels).not.toContain('Phản ánh thu chi đầu năm');
    const xc = await cc.request('GET', `/api/emulation/schemes/${created.json.id}/export`);
    expect(xc.status).toBe(200);
  });

  it('ranks commune offices over their subtrees, ties sharing a rank, with the weekly quota', async () => {
    const w = await world();
    // Weekly quota, weeks 5–11 and 12–18 January: S1 sent both weeks, S2 the first only, S3 none.
    const c = await signIn(await emailOf(w.leader.id));
    const created = await c.post('/api/emulation/schemes', {
      unitId: w.t.dept.id,
      title: 'Thi đua hai tuần đầu năm — khối xã',
      unitType: 'commune',
      periodKind: 'custom',
      startsOn: '2026-01-05',
      endsOn: '2026-01-18',
      criteria: [
        { label: 'Giữ chỉ tiêu tin bài tuần', metric: 'weekly_quota_pct', weight: 50, target: 100, scope: 'subtree' },
        { label: 'Tin bài đã đăng', metric: 'articles_published', weight: 50, target: 4, scope: 'subtree' },
      ],
    });
    expect(created.status).toBe(201);
    const ranking = await scoreScheme(db(), created.json.id);
    // Xã Thử Nghiệm: 3 of 4 school-weeks kept (75% → 37.5) + 3 articles of 4 (37.5) = 75; Xã Hòa Bình: 0/2 (0) + 0 = 0
    expect(ranking.rows.map((x) => [x.unitName, x.rank, x.total, x.cells.map((y) => y.value)])).toEqual([
      ['Xã Thử Nghiệm', 1, 75, [75, 3]],
      ['Xã Hòa Bình', 2, 0, [0, 0]],
    ]);
    expect(ranking.rows[0].cells[0].evidence.filter((e) => e.isMet)).toHaveLength(3);

    // ties share a rank: a scheme on exemplars only — S2 has one, S1 and S3 none → 1, 2, 2
    const ties = await c.post('/api/emulation/schemes', {
      unitId: w.t.dept.id, title: 'Gương điển hình năm học', unitType: 'school', periodKind: 'school_year', schoolYear: '2025-2026',
      criteria: [{ label: 'Gương điển hình', metric: 'exemplars_published', weight: 10, target: 1 }],
    });
    expect(ties.json).toMatchObject({ startsOn: '2025-09-01', endsOn: '2026-08-31' });
    const tr = await scoreScheme(db(), ties.json.id);
    expect(tr.rows.map((x) => x.rank)).toEqual([1, 2, 2]);
    expect(tr.rows[0].unitId).toBe(w.s2.id);
  });

  it('refuses bad criteria and periods in Vietnamese, keeps versions, audits every change, and scopes access', async () => {
    const w = await world();
    const c = await signIn(await emailOf(w.focal.id));
    const base = { unitId: w.t.dept.id, ...schoolScheme };
    const bad = async (body: object, code: string, message: string) => {
      const r = await c.post('/api/emulation/schemes', body);
      expect(r.status, JSON.stringify(r.json)).toBe(400);
      expect(r.json.error.code).toBe(code);
      expect(r.json.error.message).toContain(message);
    };
    await bad({ ...base, criteria: [] }, 'emulation.no_criteria', 'cần ít nhất một tiêu chí');
    await bad({ ...base, criteria: [{ label: 'Lượt thích', metric: 'likes', weight: 10, target: 5 }] }, 'emulation.unknown_metric', 'Tiêu chí "Lượt thích": chỉ số "likes" không có.');
    await bad({ ...base, criteria: [{ label: 'Báo cáo', metric: 'deadlines_on_time_pct', weight: 10, target: 120 }] }, 'emulation.bad_target', 'tối đa của tỷ lệ là 100%');
    await bad({ ...base, criteria: [schoolScheme.criteria[0], { ...schoolScheme.criteria[0], label: 'Lặp lại' }] }, 'emulation.duplicate_metric', 'được chọn cho nhiều tiêu chí');
    await bad({ ...base, periodKind: 'custom', startsOn: '2026-03-31', endsOn: '2026-01-01' }, 'emulation.bad_period', 'ngày kết thúc phải sau ngày bắt đầu');
    await bad({ ...base, periodKind: 'semester', schoolYear: '2025-2026', semester: null }, 'emulation.bad_period', 'cần chọn năm học và học kỳ');
    await bad({ ...base, periodKind: 'school_year', schoolYear: '2025-2027' }, 'emulation.bad_period', 'cần chọn năm học');
    await bad({ ...base, unitType: 'department' }, 'emulation.bad_level', 'cấp dưới của đơn vị xếp hạng');
    const zod = await c.post('/api/emulation/schemes', { ...base, criteria: [{ label: '', metric: 'articles_published', weight: -1, target: 0 }] });
    expect(zod.status).toBe(400);
    expect(zod.json.error.code).toBe('validation');

    const ok = await c.post('/api/emulation/schemes', { ...base, periodKind: 'semester', schoolYear: '2025-2026', semester: 2 });
    expect(ok.json).toMatchObject({ startsOn: '2026-01-16', endsOn: '2026-05-31', version: 1 });
    const put = (body: object) => c.request('PUT', `/api/emulation/schemes/${ok.json.id}`, body);
    const changed = await put({ ...schoolScheme, version: 1, criteria: [{ label: 'Tin bài đã đăng', metric: 'articles_published', weight: 100, target: 5 }] });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({ version: 2, maxPoints: 100, periodKind: 'custom' });
    const stale = await put({ ...schoolScheme, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json.error.message).toContain('đã được người khác sửa');
    expect((await c.get(`/api/emulation/schemes?unitId=${w.t.dept.id}`)).json.items.map((x: { id: number }) => x.id)).toContain(ok.json.id);

    // the commune office may read its own rankings, not the Sở's; a school viewer neither; another Sở's focal point cannot change it
    const commune = await signIn((await makePerson({ unitId: w.t.commune.id, roles: ['focal_point'] })).email);
    expect((await commune.get(`/api/emulation/schemes/${ok.json.id}/ranking`)).status).toBe(403);
    const other = await signIn((await makePerson({ unitId: w.t.otherDept.id, roles: ['focal_point'] })).email);
    expect((await other.request('PUT', `/api/emulation/schemes/${ok.json.id}`, { ...schoolScheme, version: 2 })).status).toBe(403);
    const viewer = await signIn((await makePerson({ unitId: w.t.dept.id, roles: ['viewer'] })).email);
    expect((await viewer.get(`/api/emulation/schemes/${ok.json.id}/ranking`)).status).toBe(200);
    expect((await viewer.post('/api/emulation/schemes', base)).status).toBe(403);

    // every metric of the fixed set can be chosen and scored (feedback, events and inspections through their modules' facts)
    const metrics = (await c.get('/api/emulation/metrics')).json.items as { metric: string; isAvailable: boolean }[];
    expect(metrics.map((m) => m.metric)).toHaveLength(8);
    expect(metrics.every((m) => m.isAvailable)).toBe(true);
    const all = await c.post('/api/emulation/schemes', {
      ...base,
      title: 'Đủ tám chỉ số',
      criteria: metrics.map((m) => ({ label: `Tiêu chí ${m.metric}`, metric: m.metric, weight: 5, target: m.metric.endsWith('_pct') || m.metric === 'inspection_score' ? 100 : 3, noData: 'full' })),
    });
    expect(all.status, JSON.stringify(all.json)).toBe(201);
    const allRanking = await c.get(`/api/emulation/schemes/${all.json.id}/ranking`);
    expect(allRanking.status, allRanking.text.slice(0, 200)).toBe(200);
    expect(allRanking.json.rows.find((r: { unitId: number }) => r.unitId === w.s1.id).cells).toHaveLength(8);

    expect((await c.del(`/api/emulation/schemes/${ok.json.id}`)).status).toBe(200);
    expect((await c.get(`/api/emulation/schemes/${ok.json.id}`)).status).toBe(404);
    const audit = await db().query(`select action from audit_log where entity = 'emulation_scheme' and entity_id = $1 order by id`, [String(ok.json.id)]);
    expect(audit.rows.map((a) => a.action)).toEqual(['emulation.create', 'emulation.update', 'emulation.delete']);
  });
});

