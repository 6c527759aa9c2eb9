import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedUnitDashboard, clearDashboardCache, unitDashboard } from '../../src/modules/dashboards';
import { resetClock, setClock } from '../../src/platform/clock';
import { db } from '../../src/platform/db';
import { useTestDatabase } from '../support/db';
import { makePerson, makeTree, makeUnit } from '../support/factories';
import { makeClient } from '../support/http';

/**
 * The dashboard's numbers against known data at three levels (Sở, commune office,
 * school), and its scope. Clock: Wednesday 25/03/2026 10:00 (UTC+7); the month period
 * is March 2026, whose weeks start Mon 23/02, 02/03, 09/03, 16/03, 23/03.
 */
useTestDatabase();
const AT = new Date('2026-03-25T03:00:00Z');
const vn = (s: string) => new Date(`${s}+07:00`);
let tree: Awaited<ReturnType<typeof makeTree>>;
let schoolB: { id: number };

beforeAll(async () => {
  setClock(AT);
  tree = await makeTree();
  schoolB = await makeUnit({ parentId: tree.commune.id, type: 'school', name: 'Trường Tiểu học Thử Hai', level: 'primary' });
  const q = db();
  let n = 0;
  const article = (unitId: number, at: string) =>
    q.query(
      `insert into articles (unit_id, status, title, slug, submitted_at, published_at) values ($1, 'published', 'Tin hoạt động', $2, $3, $3)`,
      [unitId, `dsh-${++n}`, vn(at)],
    );
  // school A: one article in each of the five weeks; school B: two in the week of 02/03; the Sở one (not a school)
  for (const d of ['2026-02-24T09:00', '2026-03-03T09:00', '2026-03-10T09:00', '2026-03-22T23:30', '2026-03-24T08:00']) await article(tree.school.id, d);
  await article(schoolB.id, '2026-03-02T08:00');
  await article(schoolB.id, '2026-03-06T08:00');
  await article(tree.dept.id, '2026-03-05T08:00');
  await article(tree.otherSchool.id, '2026-03-05T08:00');

  // monitoring: school A 2 negative + 1 positive in March (+1 in February), the commune 1 neutral, another province 1
  const src = (await q.query(`insert into monitor_sources (kind, name) values ('manual', 'Nhập tay') returning id`)).rows[0].id;
  const story = (
    await q.query(
      `insert into monitor_stories (title, tone, unit_ids, first_seen_at, last_seen_at, item_count) values ('Phản ánh về bếp ăn', 'negative', $1, $2, $2, 2) returning id`,
      [[tree.school.id], vn('2026-03-10T08:00')],
    )
  ).rows[0].id;
  const item = async (unitId: number, tone: string, at: string, storyId: number | null = null) => {
    const id = (
      await q.query(
        `insert into monitor_items (source_id, guid, title, content_hash, tone, published_at, analysed_at, story_id) values ($1, $2, 'Tin báo', $2, $3, $4, $4, $5) returning id`,
        [src, `g-${++n}`, tone, vn(at), storyId],
      )
    ).rows[0].id;
    await q.query(`insert into monitor_item_units (item_id, unit_id) values ($1, $2)`, [id, unitId]);
  };
  await item(tree.school.id, 'negative', '2026-03-10T08:00', story);
  await item(tree.school.id, 'negative', '2026-03-10T12:00', story);
  await item(tree.school.id, 'positive', '2026-03-20T08:00');
  await item(tree.school.id, 'negative', '2026-02-20T08:00');
  await item(tree.commune.id, 'neutral', '2026-03-12T08:00');
  await item(tree.otherSchool.id, 'negative', '2026-03-12T08:00');

  // an incident at school A: detected 2 h after the first mention, opened 1 h later, first statement 3 h after opening, resolved 48 h after
  await q.query(
    `insert into incidents (unit_id, title, severity, status, story_id, detected_at, opened_at, first_statement_at, first_statement_due_at, resolved_at)
     values ($1, 'Phản ánh về bếp ăn bán trú', 2, 'resolved', $2, $3, $4, $5, $6, $7)`,
    [tree.school.id, story, vn('2026-03-10T10:00'), vn('2026-03-10T11:00'), vn('2026-03-10T14:00'), vn('2026-03-10T23:00'), vn('2026-03-12T11:00')],
  );

  // plans: the Sở's (2 tasks) → the commune's → school A's; progress on school A's tasks
  const plan = async (unitId: number, parent: number | null) =>
    (
      await q.query(`insert into plans (unit_id, parent_plan_id, status, title, period) values ($1, $2, 'issued', 'Truyền thông năm học', '{"schoolYear":"2025-2026"}') returning id`, [
        unitId,
        parent,
      ])
    ).rows[0].id as number;
  const task = async (planId: number, parent: number | null, position: number, quarters: number[]) =>
    (await q.query(`insert into plan_tasks (plan_id, parent_task_id, position, topic, quarters) values ($1, $2, $3, 'Nhiệm vụ', $4) returning id`, [planId, parent, position, quarters]))
      .rows[0].id as number;
  const p1 = await plan(tree.dept.id, null);
  const t1 = await task(p1, null, 1, [1]);
  const t2 = await task(p1, null, 2, []);
  const p2 = await plan(tree.commune.id, p1);
  const c1 = await task(p2, t1, 1, [1]);
  const c2 = await task(p2, t2, 2, []);
  const p3 = await plan(tree.school.id, p2);
  const s1 = await task(p3, c1, 1, [1]);
  const s2 = await task(p3, c2, 2, []);
  await q.query(`insert into plan_task_progress (task_id, quarter, status) values ($1, 1, 'done'), ($2, 1, 'in_progress'), ($2, 2, 'done')`, [s1, s2]);

  // report deadlines (monthly obligation of the Sở's plan): A on time, B late, the commune overdue, A's next one pending
  const ob = (await q.query(`insert into plan_obligations (plan_id, what, recurrence, day_of_month, is_before_day) values ($1, 'Báo cáo tháng', 'monthly', 20, true) returning id`, [p1])).rows[0].id;
  const deadline = (unitId: number, due: string, fulfilled: string | null) =>
    q.query(`insert into obligation_deadlines (obligation_id, unit_id, label, due_date, due_at, fulfilled_at) values ($1, $2, 'Báo cáo tháng', $3::date, $4, $5)`, [
      ob,
      unitId,
      due,
      vn(`${due}T23:59:59`),
      fulfilled ? vn(fulfilled) : null,
    ]);
  await deadline(tree.school.id, '2026-03-19', '2026-03-18T09:00');
  await deadline(schoolB.id, '2026-03-19', '2026-03-21T09:00');
  await deadline(tree.commune.id, '2026-03-19', null);
  await deadline(tree.school.id, '2026-03-31', null);
});
afterAll(() => resetClock());

describe('dashboards', () => {
  it('matches the known data at the Sở, the commune office and a school', async () => {
    const dept = await unitDashboard(db(), tree.dept.id, 'month');
    expect(dept.period).toMatchObject({ from: '2026-03-01', to: '2026-03-31', label: 'Tháng 3/2026' });
    expect(dept.quota.weeks.map((w) => w.start)).toEqual(['2026-02-23', '2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23']);
    expect(dept.summary).toEqual({ schools: 2, quotaPct: 60, articles: 7, progressPct: 40, mentions: 4, negative: 2, incidents: 1, reportsOnTimePct: 33.3 });
    expect(dept.quota.rows).toEqual([{ unitId: tree.commune.id, unitName: 'Xã Thử Nghiệm', unitType: 'commune', schools: 2, cells: [50, 100, 50, 50, 50] }]);
    expect(dept.progress.byQuarter[0]).toEqual({ quarter: 1, done: 1, in_progress: 1, at_risk: 0, not_started: 0 });
    expect(dept.progress.byQuarter[1]).toEqual({ quarter: 2, done: 1, in_progress: 0, at_risk: 0, not_started: 0 });
    expect(dept.progress).toMatchObject({ plans: 3, total: 5, done: 2 });
    expect(dept.mentions.totals).toEqual({ negative: 2, neutral: 1, positive: 1 });
    expect(dept.punctuality.totals).toEqual({ onTime: 1, late: 1, overdue: 1, pending: 1 });
    expect(dept.incidents.summary).toMatchObject({ count: 1, detectMedianHours: 2, statementMedianHours: 3, resolveMedianHours: 48, statementOnTime: 1, statementLate: 0, open: 0 });
    expect(dept.units).toEqual([
      expect.objectContaining({ unitId: tree.commune.id, schools: 2, quotaPct: 60, progressPct: 40, mentions: 4, negative: 2, incidents: 1, reportsOnTime: 1, reportsLate: 1, reportsOverdue: 1 }),
    ]);

    const commune = await unitDashboard(db(), tree.commune.id, 'month');
    expect(commune.summary).toMatchObject({ schools: 2, quotaPct: 60, articles: 7, mentions: 4, incidents: 1, reportsOnTimePct: 33.3 });
    const rows = Object.fromEntries(commune.quota.rows.map((r) => [r.unitId, r.cells]));
    expect(rows).toEqual({ [tree.school.id]: [1, 1, 1, 1, 1], [schoolB.id]: [0, 2, 0, 0, 0] });
    expect(commune.units.find((u) => u.unitId === schoolB.id)).toMatchObject({ quotaPct: 20, progressPct: null, mentions: 0, reportsLate: 1 });

    const school = await unitDashboard(db(), tree.school.id, 'month');
    expect(school.summary).toEqual({ schools: 1, quotaPct: 100, articles: 5, progressPct: 40, mentions: 3, negative: 2, incidents: 1, reportsOnTimePct: 100 });
    expect(school.quota.rows).toEqual([expect.objectContaining({ unitId: tree.school.id, cells: [1, 1, 1, 1, 1] })]);
    expect(school.punctuality.totals).toEqual({ onTime: 1, late: 0, overdue: 0, pending: 1 });
    expect(school.units).toHaveLength(1);
  });

  it('takes the semester and the school year', async () => {
    const sem = await unitDashboard(db(), tree.dept.id, 'semester');
    expect(sem.period).toMatchObject({ from: '2026-02-01', to: '2026-08-31', label: 'Học kỳ II năm học 2025–2026' });
    expect(sem.summary.mentions).toBe(5); // February's item too
    const year = await unitDashboard(db(), tree.dept.id, 'year', '2025-10-01');
    expect(year.period).toMatchObject({ from: '2025-09-01', to: '2026-08-31', label: 'Năm học 2025–2026' });
    expect(year.summary.articles).toBe(7);
  });

  it('is scoped: a school sees its own dashboard, not another school’s; breadcrumbs stop at what one may read', async () => {
    const teacher = await makePerson({ unitId: tree.school.id, roles: ['leader'] });
    const c = makeClient();
    await c.login(teacher.email);
    const own = await c.get(`/api/dashboards/${tree.school.id}?period=month`);
    expect(own.status).toBe(200);
    expect(own.json.summary.articles).toBe(5);
    expect(own.json.ancestors).toEqual([]);
    expect((await c.get(`/api/dashboards/${schoolB.id}?period=month`)).status).toBe(403);
    expect((await c.get(`/api/dashboards/${tree.commune.id}?period=month`)).status).toBe(403);

    const leader = await makePerson({ unitId: tree.dept.id, roles: ['leader'] });
    const d = makeClient();
    await d.login(leader.email);
    const drilled = await d.get(`/api/dashboards/${schoolB.id}?period=year&at=2026-03-01`);
    expect(drilled.status).toBe(200);
    expect(drilled.json.ancestors.map((a: { id: number }) => a.id)).toEqual([tree.dept.id, tree.commune.id]);
    expect((await d.get(`/api/dashboards/${tree.otherSchool.id}?period=month`)).status).toBe(403);
    expect((await makeClient().get(`/api/dashboards/${tree.school.id}`)).status).toBe(401);
  });

  it('reuses a computed dashboard until one of its tables changes', async () => {
    clearDashboardCache();
    const first = await cachedUnitDashboard(db(), tree.school.id, 'month');
    expect(await cachedUnitDashboard(db(), tree.school.id, 'month')).toBe(first); // same object: cached
    const c = await db().connect();
    try {
      await c.query(`insert into articles (unit_id, status, title, slug, submitted_at) values ($1, 'submitted', 'Tin mới', 'dsh-cache', $2)`, [tree.school.id, vn('2026-03-24T15:00')]);
      await c.query('select pg_stat_force_next_flush()');
    } finally {
      c.release();
    }
    let next = first;
    for (let i = 0; i < 40 && next === first; i++) {
      await new Promise((r) => setTimeout(r, 100));
      next = await cachedUnitDashboard(db(), tree.school.id, 'month');
    }
    expect(next.summary.articles).toBe(first.summary.articles + 1);
    await db().query(`delete from articles where slug = 'dsh-cache'`);
  });
  it('gives own-unit roles their unit only, and incident titles only to who may read incidents', async () => {
    const login = async (unitId: number, role: 'contributor' | 'spokesperson' | 'leader') => {
      const p = await makePerson({ unitId, roles: [role] });
      const c = makeClient();
      await c.login(p.email);
      return c;
    };
    // a contributor at the commune office: no sub-unit rows, no incident of a school
    const commune = await (await login(tree.commune.id, 'contributor')).get(`/api/dashboards/${tree.commune.id}?period=month`);
    expect(commune.status).toBe(200);
    expect(commune.json.units).toEqual([]);
    expect(commune.json.quota.rows).toEqual([]);
    expect(commune.json.incidents.recent).toEqual([]);
    // a contributor at the school: the school's incident, without its title or severity
    const contributor = await (await login(tree.school.id, 'contributor')).get(`/api/dashboards/${tree.school.id}?period=month`);
    const [inc] = contributor.json.incidents.recent;
    expect(inc).toMatchObject({ title: `Sự cố #${inc.id}`, severity: null });
    expect(inc.unitPath).toBeUndefined();
    expect(contributor.json.unit.path).toBeUndefined();
    // the school's spokesperson and the Sở leader read incidents: the title is there
    const spokes = await (await login(tree.school.id, 'spokesperson')).get(`/api/dashboards/${tree.school.id}?period=month`);
    expect(spokes.json.incidents.recent[0].title).not.toMatch(/^Sự cố #/);
    expect(spokes.json.incidents.recent[0].severity).toEqual(expect.any(Number));
    const leader = await (await login(tree.dept.id, 'leader')).get(`/api/dashboards/${tree.commune.id}?period=month`);
    expect(leader.json.units.length).toBe(2);
    expect(leader.json.incidents.recent[0].title).not.toMatch(/^Sự cố #/);
  });
});
