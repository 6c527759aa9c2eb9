import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import '../../src/jobs';
import { systemActor } from '../../src/modules/audit';
import {
  acknowledgePlan,
  cascadePlan,
  createPlan,
  fulfilDeadline,
  issuePlan,
  listDeadlines,
  listReceived,
  listRecipients,
  listSubplans,
  listVersions,
  markRead,
  movePlan,
  notifyRecipients,
  planProgress,
  remindDueDeadlines,
  setTaskProgress,
  updatePlan,
  vietnamHolidays,
} from '../../src/modules/plans';
import { resetClock, setClock } from '../../src/platform/clock';
import { db } from '../../src/platform/db';
import { startJobs, stopJobs } from '../../src/platform/jobs';
import { vnDate } from '../../src/text';
import { useTestDatabase } from '../support/db';
import { makePerson, makeTree, makeUnit } from '../support/factories';

const state = useTestDatabase();
beforeAll(async () => {
  await startJobs({ connectionString: state.url, isWorker: false });
});
afterAll(async () => {
  await stopJobs();
});
afterEach(() => resetClock());

const holidays = new Set(vietnamHolidays(2026).map((h) => h.date));
const queuedMails = async (to: string) =>
  (await db().query(`select data from pgboss.job where name = 'mail.send' and data->>'to' = $1`, [to])).rows.map((r) => r.data);

async function issuedDeptPlan(opts: { recipients?: number[]; subplanDueOn?: string } = {}) {
  const t = await makeTree();
  const author = await makePerson({ unitId: t.dept.id, roles: ['focal_point'] });
  const leader = await makePerson({ unitId: t.dept.id, roles: ['leader'] });
  const plan = await createPlan(
    { userId: author.id },
    {
      unitId: t.dept.id,
      title: 'Truyền thông về giáo dục năm 2026',
      period: { year: 2026 },
      symbol: 'KH-SGDĐT',
      subplanDueOn: opts.subplanDueOn ?? null,
      tasks: [
        { group: 'Chính sách mới', topic: 'Tuyên truyền Luật Nhà giáo', quarters: [1, 2] },
        { topic: 'Tuyển sinh lớp 10', quarters: [2] },
      ],
      obligations: [
        { who: 'Các trường', unitTypes: ['school'], what: 'Báo cáo kết quả truyền thông trước ngày 20 hằng tháng', recurrence: 'monthly', dayOfMonth: 20, isBeforeDay: true },
      ],
    },
  );
  await movePlan({ userId: author.id }, plan.id, 'submit');
  await movePlan({ userId: leader.id }, plan.id, 'approve');
  const issued = await issuePlan({ userId: leader.id }, plan.id, { issuedOn: '2026-01-05', holidays, recipientUnitIds: opts.recipients?.length ? opts.recipients : [t.commune.id, t.school.id] });
  return { t, author, leader, plan: issued };
}

describe('editing a draft', () => {
  it('refuses a stale version and a plan that is no longer a draft; keeps task ids and versions', async () => {
    const t = await makeTree();
    const author = await makePerson({ unitId: t.dept.id, roles: ['focal_point'] });
    const plan = await createPlan({ userId: author.id }, { unitId: t.dept.id, title: 'Bản đầu', period: { year: 2026 }, tasks: [{ topic: 'Nhiệm vụ A' }, { topic: 'Nhiệm vụ B' }] });
    const [a] = plan.tasks;
    const edited = await updatePlan({ userId: author.id }, plan.id, {
      version: plan.version,
      title: 'Bản sửa',
      period: { schoolYear: '2025-2026' },
      sections: [{ number: 'I', title: 'MỤC ĐÍCH, YÊU CẦU', body: 'Nâng cao chất lượng thông tin.', children: [] }],
      channels: [{ kind: 'fanpage', label: 'Fanpage của Sở', address: null }],
      budget: [{ item: 'In ấn tài liệu', amount: 15_000_000, source: 'Ngân sách sự nghiệp' }],
      tasks: [{ id: a.id, topic: 'Nhiệm vụ A (sửa)' }, { topic: 'Nhiệm vụ C' }],
    });
    expect(edited).toMatchObject({ title: 'Bản sửa', version: plan.version + 1, period: { schoolYear: '2025-2026' } });
    expect(edited.tasks.map((x: { id: number; topic: string }) => [x.id === a.id, x.topic])).toEqual([[true, 'Nhiệm vụ A (sửa)'], [false, 'Nhiệm vụ C']]);
    expect(edited.budget[0].amount).toBe(15_000_000);

    await expect(updatePlan({ userId: author.id }, plan.id, { version: plan.version, title: 'Ghi đè', period: { year: 2026 } })).rejects.toMatchObject({ code: 'plan.stale' });
    expect((await listVersions(db(), plan.id)).map((v) => v.version)).toEqual([2, 1]);

    await movePlan({ userId: author.id }, plan.id, 'submit');
    await expect(updatePlan({ userId: author.id }, plan.id, { version: edited.version + 1, title: 'Muộn', period: { year: 2026 } })).rejects.toMatchObject({ code: 'plan.not_draft' });
    expect((await db().query('select title from plans where id = $1', [plan.id])).rows[0].title).toBe('Bản sửa');
  });
});

describe('issuing and distribution', () => {
  it('sends the plan to its recipients once, by e-mail through the outbox, and tracks reading and acknowledgement', async () => {
    const { t, plan } = await issuedDeptPlan();
    const principal = await makePerson({ unitId: t.school.id, roles: ['leader'] });
    expect((await listRecipients(db(), plan.id)).map((r) => [r.unitId, r.readAt, r.acknowledgedAt])).toEqual(
      expect.arrayContaining([[t.commune.id, null, null], [t.school.id, null, null]]),
    );
    expect(await notifyRecipients()).toBe(2);
    expect(await notifyRecipients()).toBe(0);
    const mails = await queuedMails(principal.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain('01/KH-SGDĐT');

    await markRead(plan.id, [t.school.id]);
    await acknowledgePlan({ userId: principal.id }, plan.id, t.school.id);
    const school = (await listRecipients(db(), plan.id)).find((r) => r.unitId === t.school.id);
    expect(school?.readAt).toBeTruthy();
    expect(school?.acknowledgedAt).toBeTruthy();
    await expect(acknowledgePlan({ userId: principal.id }, plan.id, t.otherSchool.id)).rejects.toMatchObject({ code: 'plan.not_recipient' });

    const schoolPath = (await db().query('select path::text from units where id = $1', [t.school.id])).rows[0].path;
    expect((await listReceived(db(), schoolPath)).map((r) => r.planId)).toEqual([plan.id]);
  });

  it('supersedes the unit’s earlier issued plan for the same period', async () => {
    const { t, author, leader, plan } = await issuedDeptPlan();
    const next = await createPlan({ userId: author.id }, { unitId: t.dept.id, title: 'Kế hoạch điều chỉnh', period: { year: 2026 } });
    await movePlan({ userId: author.id }, next.id, 'submit');
    await movePlan({ userId: leader.id }, next.id, 'approve');
    await issuePlan({ userId: leader.id }, next.id, { issuedOn: '2026-03-02', holidays });
    expect((await db().query('select status from plans where id = $1', [plan.id])).rows[0].status).toBe('superseded');
  });
});

describe('obligations become deadlines', () => {
  it('reminds each bound unit once, three days ahead, and flags what is late', async () => {
    const { t, plan } = await issuedDeptPlan();
    const principal = await makePerson({ unitId: t.school.id, roles: ['focal_point'] });
    const deptPath = (await db().query('select path::text from units where id = $1', [t.dept.id])).rows[0].path;

    // 16 January: the first monthly report (before the 20th → due end of 19 January) is 3 days away.
    setClock(vnDate(2026, 1, 16, 9));
    // (other tests' plans in this database have the same deadlines, so count only this school's mail)
    expect(await remindDueDeadlines()).toBeGreaterThanOrEqual(1);
    expect(await remindDueDeadlines()).toBe(0);
    const mails = await queuedMails(principal.email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail.subject).toContain('19/01/2026');

    // 20 January: past due and unfulfilled → late; fulfilled → not late any more.
    setClock(vnDate(2026, 1, 20, 8));
    const late = await listDeadlines(db(), { unitPath: deptPath, state: 'late', planId: plan.id });
    expect(late.items.map((d) => [d.unitId, d.dueDate, d.isLate])).toEqual([[t.school.id, '2026-01-19', true]]);
    expect(late.summary).toMatchObject({ late: 1, upcoming: 11, done: 0 });
    await fulfilDeadline({ userId: principal.id }, late.items[0].id);
    expect((await listDeadlines(db(), { unitPath: deptPath, state: 'late' })).items).toEqual([]);
  });
});

describe('tracking', () => {
  it('shows which sub-units issued their plan, and on time', async () => {
    const { t, plan } = await issuedDeptPlan({ subplanDueOn: '2026-03-10' });
    const commune2 = await makeUnit({ parentId: t.dept.id, type: 'commune', name: 'Xã Thử Hai' });
    const leader = await makePerson({ unitId: t.commune.id, roles: ['leader'] });
    const child = await cascadePlan(systemActor, plan.id, t.commune.id);
    await movePlan(systemActor, child.id, 'submit');
    await movePlan({ userId: leader.id }, child.id, 'approve');
    await issuePlan({ userId: leader.id }, child.id, { issuedOn: '2026-03-09', holidays });

    setClock(vnDate(2026, 3, 12));
    const sub = await listSubplans(db(), plan.id);
    expect(sub.dueOn).toBe('2026-03-10');
    const by = Object.fromEntries(sub.items.map((x) => [x.unitId, [x.planStatus, x.isOnTime, x.isLate]]));
    expect(by[t.commune.id]).toEqual(['issued', true, false]);
    expect(by[commune2.id]).toEqual([null, null, true]);
  });

  it('reports progress per task and quarter with the roll-up and chart totals', async () => {
    const { t, plan } = await issuedDeptPlan();
    const child = await cascadePlan(systemActor, plan.id, t.commune.id);
    await setTaskProgress(systemActor, child.tasks[0].id, 1, 'done', 'Đã đăng 12 tin', [{ label: 'Tin trên cổng', url: 'https://so.example.vn/tin/1' }]);
    await setTaskProgress(systemActor, child.tasks[1].id, 2, 'at_risk');
    const p = await planProgress(db(), plan.id);
    const first = p.tasks[0];
    expect(first.byQuarter['1'].rollup).toEqual({ status: 'done', done: 1, total: 1 });
    expect(first.byQuarter['1'].status).toBeNull();
    const childProgress = await planProgress(db(), child.id);
    expect(childProgress.tasks[0].byQuarter['1']).toMatchObject({ status: 'done', note: 'Đã đăng 12 tin', evidence: [{ label: 'Tin trên cổng' }] });
    // quarter 2: task 1 (planned for I, II) not started, task 2 at risk in the commune; quarter 3 counts nothing planned
    expect(p.totals[1]).toEqual({ quarter: 2, not_started: 1, in_progress: 0, done: 0, at_risk: 1 });
    expect(p.totals[0]).toEqual({ quarter: 1, not_started: 0, in_progress: 0, done: 1, at_risk: 0 });
    expect(p.totals[2]).toEqual({ quarter: 3, not_started: 0, in_progress: 0, done: 0, at_risk: 0 });
  });
});
