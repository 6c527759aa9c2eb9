import { describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/audit';
import {
  cascadePlan,
  createPlan,
  issuePlan,
  movePlan,
  setTaskProgress,
  taskRollup,
  vietnamHolidays,
} from '../../src/modules/plans';
import { db } from '../../src/platform/db';
import { useTestDatabase } from '../support/db';
import { makePerson, makeTree, makeUnit } from '../support/factories';

useTestDatabase();
const holidays = new Set(vietnamHolidays(2026).map((h) => h.date));

async function makeDeptPlan() {
  const t = await makeTree();
  const author = await makePerson({ unitId: t.dept.id, roles: ['focal_point'] });
  const leader = await makePerson({ unitId: t.dept.id, roles: ['leader'] });
  const plan = await createPlan(
    { userId: author.id },
    {
      unitId: t.dept.id,
      title: 'Truyền thông về giáo dục và đào tạo năm 2026',
      period: { year: 2026 },
      symbol: 'KH-SGDĐT',
      tasks: [
        { group: 'Truyền thông chính sách', topic: 'Đổi mới chương trình giáo dục phổ thông', quarters: [1, 2, 3, 4] },
        { topic: 'Tuyển sinh đầu cấp', quarters: [2, 3], unitTypes: ['school'] },
        { topic: 'Hội nghị báo chí của Sở', quarters: [4], unitTypes: ['department'] },
      ],
      obligations: [
        { who: 'Các trường', unitTypes: ['school'], what: 'Gửi ít nhất 01 tin bài mỗi tuần', recurrence: 'weekly', quantity: 1 },
        { who: 'Phòng, xã', unitTypes: ['commune', 'office'], what: 'Báo cáo dư luận hằng tháng', recurrence: 'monthly', dayOfMonth: 20, isBeforeDay: true },
        { what: 'Báo cáo ngay khi có sự cố truyền thông', recurrence: 'on_event' },
      ],
    },
  );
  return { t, author, leader, plan };
}

describe('plans', () => {
  it('refuses self-approval, then numbers issued plans per unit and year and creates the deadlines', async () => {
    const { t, author, leader, plan } = await makeDeptPlan();
    await movePlan({ userId: author.id }, plan.id, 'submit');
    await expect(movePlan({ userId: author.id }, plan.id, 'approve')).rejects.toMatchObject({ code: 'plan.self_approval' });
    await movePlan({ userId: leader.id }, plan.id, 'approve');
    const issued = await issuePlan({ userId: leader.id }, plan.id, { issuedOn: '2026-01-05', holidays });
    expect(issued).toMatchObject({ status: 'issued', number: 1, numberYear: 2026 });

    const deadlines = await db().query(
      `select u.type, o.recurrence, count(*)::int as n, min(d.due_date)::text as first
         from obligation_deadlines d join plan_obligations o on o.id = d.obligation_id join units u on u.id = d.unit_id
        where o.plan_id = $1 group by u.type, o.recurrence order by 1`,
      [plan.id],
    );
    // the commune: 12 monthly reports, first due 19/01; the school: 52 weekly articles; on_event makes none
    expect(deadlines.rows).toEqual([
      { type: 'commune', recurrence: 'monthly', n: 12, first: '2026-01-19' },
      { type: 'school', recurrence: 'weekly', n: 52, first: '2026-01-04' },
    ]);

    // a second plan the same year is number 2; numbering restarts on 1 January
    for (const [issuedOn, expected] of [['2026-06-01', 2], ['2027-01-03', 1]] as const) {
      const p = await createPlan({ userId: author.id }, { unitId: t.dept.id, title: 'Kế hoạch khác', period: { year: 2026 } });
      await movePlan({ userId: author.id }, p.id, 'submit');
      await movePlan({ userId: leader.id }, p.id, 'approve');
      expect((await issuePlan({ userId: leader.id }, p.id, { issuedOn, holidays })).number).toBe(expected);
    }
  });

  it('cascades across three levels with linked tasks, and progress rolls up', async () => {
    const { t, plan } = await makeDeptPlan();
    const communePlan = await cascadePlan(systemActor, plan.id, t.commune.id);
    expect(communePlan.basis[0]).toMatchObject({ kind: 'plan', planId: plan.id });
    // the commune gets the tasks for every type, not the school-only or department-only ones
    expect(communePlan.tasks.map((x: { topic: string }) => x.topic)).toEqual(['Đổi mới chương trình giáo dục phổ thông']);
    expect(communePlan.obligations.map((o: { what: string }) => o.what)).toEqual([
      'Báo cáo dư luận hằng tháng',
      'Báo cáo ngay khi có sự cố truyền thông',
    ]);
    const school2 = await makeUnit({ parentId: t.commune.id, name: 'Trường Tiểu học Hai' });
    const s1 = await cascadePlan(systemActor, communePlan.id, t.school.id);
    const s2 = await cascadePlan(systemActor, communePlan.id, school2.id);
    const top = plan.tasks[0].id;
    expect(s1.tasks[0].parentTaskId).toBe(communePlan.tasks[0].id);

    expect(await taskRollup(db(), top, 1)).toEqual({ status: 'not_started', done: 0, total: 2 });
    await setTaskProgress(systemActor, s1.tasks[0].id, 1, 'done');
    expect(await taskRollup(db(), top, 1)).toEqual({ status: 'in_progress', done: 1, total: 2 });
    await setTaskProgress(systemActor, s2.tasks[0].id, 1, 'at_risk');
    expect((await taskRollup(db(), top, 1)).status).toBe('at_risk');
    await setTaskProgress(systemActor, s2.tasks[0].id, 1, 'done');
    expect(await taskRollup(db(), top, 1)).toEqual({ status: 'done', done: 2, total: 2 });
    expect(await taskRollup(db(), communePlan.tasks[0].id, 1)).toEqual({ status: 'done', done: 2, total: 2 });
  });
});
