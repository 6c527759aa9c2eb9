import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cascadePlan, createPlan, deadlineOnTimeFacts, fulfilDeadline, issuePlan, movePlan, obligationBoard, remindOverdueDeadlines, unitCalendar, vietnamHolidays } from '../../src/modules/plans';
import { resetClock, setClock } from '../../src/platform/clock';
import { db } from '../../src/platform/db';
import { startJobs, stopJobs } from '../../src/platform/jobs';
import { vnDate } from '../../src/text';
import { useTestDatabase } from '../support/db';
import { makePerson, makeTree, makeUnit } from '../support/factories';
import { makeClient } from '../support/http';

/**
 * The obligations calendar across three levels (school → commune office → Sở): what a
 * unit owes, what a parent sees of its sub-units (submitted on time or late, late,
 * pending), chasing the late ones (notice + e-mail, recorded, audited, not twice within
 * the window) and the overdue reminder job.
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
const queuedMails = async (to: string) => (await db().query(`select data from pgboss.job where name = 'mail.send' and data->>'to' = $1`, [to])).rows.map((r) => r.data);
const notices = async (userId: number) => (await db().query('select title, body, link from monitor_notices where user_id = $1 order by id', [userId])).rows;
const pathOf = async (id: number) => (await db().query('select path::text from units where id = $1', [id])).rows[0].path as string;

async function threeLevels() {
  const t = await makeTree();
  const school2 = await makeUnit({ parentId: t.commune.id, type: 'school', name: 'Trường Tiểu học Hoa Sen' });
  const deptFocal = await makePerson({ unitId: t.dept.id, roles: ['focal_point'] });
  const deptLeader = await makePerson({ unitId: t.dept.id, roles: ['leader'] });
  const communeFocal = await makePerson({ unitId: t.commune.id, roles: ['focal_point'] });
  const schoolFocal = await makePerson({ unitId: t.school.id, roles: ['focal_point'] });
  const school2Focal = await makePerson({ unitId: school2.id, roles: ['focal_point'] });
  const school2Leader = await makePerson({ unitId: school2.id, roles: ['leader'] });
  setClock(vnDate(2026, 1, 5, 8));
  const plan = await createPlan(
    { userId: deptFocal.id },
    {
      unitId: t.dept.id,
      title: 'Công tác truyền thông giáo dục năm 2026',
      period: { year: 2026 },
      obligations: [
        { who: 'Phòng Văn hóa - Xã hội và các trường', unitTypes: ['commune', 'school'], what: 'Báo cáo dư luận xã hội trước ngày 20 hằng tháng', recurrence: 'monthly', dayOfMonth: 20, isBeforeDay: true },
      ],
    },
  );
  await movePlan({ userId: deptFocal.id }, plan.id, 'submit');
  await movePlan({ userId: deptLeader.id }, plan.id, 'approve');
  await issuePlan({ userId: deptLeader.id }, plan.id, { issuedOn: '2026-01-05', holidays });
  const deadline = async (unitId: number, due: string) =>
    Number((await db().query('select d.id from obligation_deadlines d join plan_obligations o on o.id = d.obligation_id where o.plan_id = $1 and d.unit_id = $2 and d.due_date = $3', [plan.id, unitId, due])).rows[0].id);
  return { t, school2, plan, deptFocal, communeFocal, schoolFocal, school2Focal, school2Leader, deadline };
}

describe('obligations calendar across three levels', () => {
  it('shows each unit what it owes, and each parent who submitted, who is late, who is pending', async () => {
    const x = await threeLevels();
    const { t, school2 } = x;
    // The school submits on 15 January (on time); the commune office on 20 January (late); school 2 not at all.
    setClock(vnDate(2026, 1, 15, 10));
    await fulfilDeadline({ userId: x.schoolFocal.id }, await x.deadline(t.school.id, '2026-01-19'));
    setClock(vnDate(2026, 1, 20, 9));
    await fulfilDeadline({ userId: x.communeFocal.id }, await x.deadline(t.commune.id, '2026-01-19'));
    setClock(vnDate(2026, 1, 21, 9));

    const own = await unitCalendar(db(), { unitId: school2.id, from: '2026-01-01', to: '2026-02-28' });
    expect(own.map((d) => [d.dueDate, d.status])).toEqual([['2026-01-19', 'late'], ['2026-02-19', 'pending']]);

    const sở = await obligationBoard(db(), { unitId: t.dept.id, unitPath: await pathOf(t.dept.id), from: '2026-01-01', to: '2026-01-31' });
    expect(sở).toHaveLength(1);
    expect(sở[0].dueDate).toBe('2026-01-19');
    expect(sở[0].counts).toEqual({ done: 1, done_late: 1, late: 1, pending: 0 });
    const byUnit = Object.fromEntries(sở[0].units.map((u) => [u.unitId, [u.status, u.canChase]]));
    expect(byUnit).toEqual({ [t.commune.id]: ['done_late', false], [t.school.id]: ['done', false], [school2.id]: ['late', true] });
    expect(sở[0].units[0].unitId).toBe(school2.id); // the late first

    // The commune office sees its schools, not itself; the Sở's other province is not there.
    const commune = await obligationBoard(db(), { unitId: t.commune.id, unitPath: await pathOf(t.commune.id), from: '2026-01-01', to: '2026-01-31' });
    expect(commune[0].units.map((u) => u.unitId).sort()).toEqual([t.school.id, school2.id].sort());
    // "late only" keeps rows that have a late unit
    const lateOnly = await obligationBoard(db(), { unitId: t.dept.id, unitPath: await pathOf(t.dept.id), from: '2026-01-01', to: '2026-02-28', state: 'late' });
    expect(lateOnly.map((r) => r.dueDate)).toEqual(['2026-01-19']);
  });

  it('chases a late sub-unit with one click: notice and e-mail, recorded and audited, not again within the window', async () => {
    const x = await threeLevels();
    const { t, school2 } = x;
    setClock(vnDate(2026, 1, 21, 9));
    const late = await x.deadline(school2.id, '2026-01-19');
    const done = await x.deadline(t.school.id, '2026-01-19');
    await fulfilDeadline({ userId: x.schoolFocal.id }, done);

    const sở = makeClient();
    await sở.login((await db().query('select email from users where id = $1', [x.deptFocal.id])).rows[0].email);
    const r = await sở.post('/api/obligations/chase', { deadlineIds: [late, done], note: 'Đề nghị nộp trước 17 giờ hôm nay.' });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ chased: [late], skipped: [{ deadlineId: done, reason: 'not_late' }], recipients: 2 });
    for (const p of [x.school2Focal, x.school2Leader]) {
      const n = await notices(p.id);
      expect(n).toHaveLength(1);
      expect(n[0]).toMatchObject({ title: 'Nhắc nộp: Báo cáo dư luận xã hội trước ngày 20 hằng tháng', link: `/admin/nghia-vu/han/${late}` });
      const mails = await queuedMails(p.email);
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toContain('19/01/2026');
      expect(mails[0].text).toContain('Đề nghị nộp trước 17 giờ hôm nay.');
    }
    const audit = await db().query(`select actor_id, unit_id from audit_log where action = 'deadline.chase' and entity_id = $1`, [String(late)]);
    expect(audit.rows.map((a) => [Number(a.actor_id), Number(a.unit_id)])).toEqual([[x.deptFocal.id, school2.id]]);

    // Not twice within the window, neither by the Sở nor by the commune office.
    const again = await sở.post('/api/obligations/chase', { deadlineIds: [late] });
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: 'obligation.chased_recently', message: 'Các đơn vị này vừa được nhắc trong vòng 24 giờ qua; chưa thể nhắc lại.' });
    const board = await sở.get(`/api/obligations/board?unitId=${t.dept.id}&from=2026-01-01&to=2026-01-31`);
    expect(board.json.items[0].units.find((u: { unitId: number }) => u.unitId === school2.id)).toMatchObject({ status: 'late', canChase: false });
    // Only met or not-yet-due deadlines: nothing to chase.
    const notLate = await sở.post('/api/obligations/chase', { deadlineIds: [done] });
    expect(notLate.status).toBe(409);
    expect(notLate.json.error.code).toBe('obligation.not_late');

    // a bad range is refused in Vietnamese
    const bad = await sở.get(`/api/obligations/calendar?unitId=${t.dept.id}&from=2026-03-01&to=2026-01-31`);
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain('Khoảng ngày không hợp lệ');

    // A day later the commune office may chase again; the deadline's page shows both chases.
    setClock(vnDate(2026, 1, 22, 10));
    const commune = makeClient();
    await commune.login((await db().query('select email from users where id = $1', [x.communeFocal.id])).rows[0].email);
    expect((await commune.post('/api/obligations/chase', { deadlineIds: [late] })).status).toBe(200);
    const page = await commune.get(`/api/obligations/deadlines/${late}`);
    expect(page.status).toBe(200);
    expect(page.json).toMatchObject({ status: 'late', unitId: school2.id });
    expect(page.json.chases).toHaveLength(2);
    expect(await notices(x.school2Focal.id)).toHaveLength(2);

    // The late school itself may not chase (a contributor has no plans.write); another unit's people may not either.
    const school = makeClient();
    const contributor = await makePerson({ unitId: school2.id, roles: ['contributor'] });
    await school.login(contributor.email);
    expect((await school.post('/api/obligations/chase', { deadlineIds: [late] })).status).toBe(403);
    const other = makeClient();
    const outsider = await makePerson({ unitId: t.otherDept.id, roles: ['focal_point'] });
    await other.login(outsider.email);
    expect((await other.post('/api/obligations/chase', { deadlineIds: [late] })).status).toBe(403);
    expect((await other.get(`/api/obligations/board?unitId=${t.dept.id}&from=2026-01-01&to=2026-01-31`)).status).toBe(403);
  });

  it('shows and counts once a duty that reaches a unit twice (the Sở’s obligation and the commune’s cascaded copy); meeting one meets both', async () => {
    const x = await threeLevels();
    const { t } = x;
    const communeLeader = await makePerson({ unitId: t.commune.id, roles: ['leader'] });
    setClock(vnDate(2026, 1, 8, 8));
    const child = await cascadePlan({ userId: x.communeFocal.id }, x.plan.id, t.commune.id);
    await movePlan({ userId: x.communeFocal.id }, child.id, 'submit');
    await movePlan({ userId: communeLeader.id }, child.id, 'approve');
    await issuePlan({ userId: communeLeader.id }, child.id, { issuedOn: '2026-01-08', holidays });
    const twins = await db().query(`select id from obligation_deadlines where unit_id = $1 and due_date = '2026-02-19'`, [t.commune.id]);
    expect(twins.rowCount).toBe(2);

    setClock(vnDate(2026, 2, 21, 9));
    const board = await obligationBoard(db(), { unitId: t.dept.id, unitPath: await pathOf(t.dept.id), from: '2026-02-01', to: '2026-02-28' });
    expect(board).toHaveLength(1);
    expect(board[0].units.filter((u) => u.unitId === t.commune.id)).toHaveLength(1);
    expect((await unitCalendar(db(), { unitId: t.commune.id, from: '2026-02-01', to: '2026-02-28' })).map((d) => d.status)).toEqual(['late']);
    const facts = async () => (await deadlineOnTimeFacts(db(), { unitPath: await pathOf(t.commune.id), from: vnDate(2026, 2, 1), to: vnDate(2026, 3, 1), at: vnDate(2026, 2, 21, 9) })).find((f) => f.unitId === t.commune.id);
    expect(await facts()).toMatchObject({ count: 0, total: 1 });

    // the commune meets its own copy: the Sở's deadline for the same month is met too
    await fulfilDeadline({ userId: x.communeFocal.id }, Number(twins.rows[1].id));
    const after = await db().query(`select fulfilled_at is not null as met from obligation_deadlines where unit_id = $1 and due_date = '2026-02-19'`, [t.commune.id]);
    expect(after.rows.map((r) => r.met)).toEqual([true, true]);
    expect((await obligationBoard(db(), { unitId: t.dept.id, unitPath: await pathOf(t.dept.id), from: '2026-02-01', to: '2026-02-28' }))[0].units.find((u) => u.unitId === t.commune.id)?.status).toBe('done_late');
    expect(await facts()).toMatchObject({ count: 0, total: 1 });
  });

  it('reminds each late deadline once, by job', async () => {
    const x = await threeLevels();
    setClock(vnDate(2026, 1, 20, 8));
    expect(await remindOverdueDeadlines()).toBeGreaterThanOrEqual(3); // commune, school, school 2 (and other tests' late deadlines)
    expect(await remindOverdueDeadlines()).toBe(0);
    const mails = await queuedMails(x.school2Focal.email);
    expect(mails.filter((m) => m.subject.startsWith('Đã quá hạn 19/01/2026'))).toHaveLength(1);
    expect((await notices(x.school2Focal.id)).map((n) => n.title)).toEqual(['Đã quá hạn: Báo cáo dư luận xã hội trước ngày 20 hằng tháng']);
    // A deadline met before the job runs is not reminded.
    setClock(vnDate(2026, 2, 18, 8));
    await fulfilDeadline({ userId: x.school2Focal.id }, await x.deadline(x.school2.id, '2026-02-19'));
    setClock(vnDate(2026, 2, 20, 8));
    await remindOverdueDeadlines();
    expect((await queuedMails(x.school2Focal.email)).filter((m) => m.subject.includes('19/02/2026'))).toHaveLength(0);
    expect((await queuedMails(x.schoolFocal.email)).filter((m) => m.subject.includes('19/02/2026'))).toHaveLength(1);
  });
});
