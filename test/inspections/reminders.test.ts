import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import '../../src/jobs';
import {
  addAction,
  createChecklist,
  createInspection,
  decideAction,
  finishInspection,
  getInspection,
  listInspections,
  recordResults,
  reminderKindFor,
  reportAction,
  sendDueActionReminders,
  vnDay,
} from '../../src/modules/inspections';
import { unitPathOf } from '../../src/modules/org';
import { resetClock, setClock } from '../../src/platform/clock';
import { db } from '../../src/platform/db';
import { startJobs, stopJobs } from '../../src/platform/jobs';
import { useTestDatabase } from '../support/db';
import { makePerson, makeTree } from '../support/factories';

const state = useTestDatabase();
beforeAll(async () => {
  await startJobs({ connectionString: state.url, isWorker: false });
});
afterAll(async () => {
  await stopJobs();
});
afterEach(() => resetClock());

/** 09:00 in Vietnam on a calendar day (YYYY-MM-DD). */
const vn9 = (day: string) => new Date(`${day}T02:00:00Z`);

const reminders = async (userId: number) =>
  (await db().query(
    `select title, body, link from monitor_notices where user_id = $1 and (title like 'Sắp đến hạn khắc phục%' or title like 'Quá hạn khắc phục%') order by id`,
    [userId],
  )).rows;
const mails = async (to: string) =>
  Number((await db().query(`select count(*)::int as n from pgboss.job where name = 'mail.send' and data->>'to' = $1 and data->>'subject' like '%khắc phục%'`, [to])).rows[0].n);
const records = async (actionId: number) =>
  (await db().query('select kind, due_on::text as "dueOn", recipients from inspection_action_reminders where action_id = $1 order by kind', [actionId])).rows;

async function setup() {
  const t = await makeTree();
  const inspector = await makePerson({ unitId: t.dept.id, roles: ['focal_point'] });
  const schoolLead = await makePerson({ unitId: t.school.id, roles: ['leader'], name: 'Trần Minh Quang' });
  const schoolFocal = await makePerson({ unitId: t.school.id, roles: ['focal_point'], name: 'Đỗ Thị Lan' });
  const teacher = await makePerson({ unitId: t.school.id, name: 'Hoàng Văn Nam' });
  const cl = await createChecklist({ userId: inspector.id }, {
    unitId: t.dept.id, title: 'Tiêu chí kiểm tra trang thông tin trường học',
    items: [{ text: 'Cập nhật tin hoạt động ít nhất 2 tin mỗi tuần', weight: 1 }, { text: 'Công khai đầy đủ theo quy định', weight: 2 }],
  });
  /** A finished inspection of the school (follow_up) with the given actions. */
  const inspection = async (title: string, actions: { title: string; dueOn: string }[]) => {
    const ins = await createInspection({ userId: inspector.id }, { unitId: t.dept.id, inspectedUnitId: t.school.id, checklistId: cl.id, title, mode: 'visit', inspectedOn: '2031-03-20' });
    await recordResults({ userId: inspector.id }, ins.id, ins.items.map((i) => ({ itemId: i.id, result: 60 })));
    for (const a of actions) await addAction({ userId: inspector.id }, ins.id, { title: a.title, ownerName: 'Phó Hiệu trưởng', dueOn: a.dueOn });
    return finishInspection({ userId: inspector.id }, ins.id);
  };
  return { t, inspector, schoolLead, schoolFocal, teacher, inspection };
}

describe('follow-up action reminders', () => {
  it('picks the kind by Vietnam calendar day', () => {
    expect(vnDay(new Date('2031-04-11T16:59:59Z'))).toBe('2031-04-11');
    expect(vnDay(new Date('2031-04-11T17:00:00Z'))).toBe('2031-04-12');
    expect(reminderKindFor('2031-04-15', '2031-04-11')).toBeNull();
    expect(reminderKindFor('2031-04-15', '2031-04-12')).toBe('due_soon');
    expect(reminderKindFor('2031-04-15', '2031-04-15')).toBe('due_soon');
    expect(reminderKindFor('2031-04-15', '2031-04-16')).toBe('overdue');
    expect(reminderKindFor('2031-04-15', '2031-04-18')).toBe('overdue');
    expect(reminderKindFor('2031-04-15', '2031-04-19')).toBeNull();
  });

  it('reminds the inspected unit’s leaders and focal points 3 days ahead once, then once on the first overdue day', async () => {
    const { t, inspector, schoolLead, schoolFocal, teacher, inspection } = await setup();
    const ins = await inspection('Kiểm tra công tác truyền thông Trường THCS Thử năm 2031', [{ title: 'Bổ sung chuyên mục công khai tài chính', dueOn: '2031-04-15' }]);
    expect(ins.status).toBe('follow_up');
    const actionId = ins.actions[0].id;

    // four days ahead (and the last minute of that day in Vietnam): nothing
    setClock(vn9('2031-04-11'));
    expect(await sendDueActionReminders()).toBe(0);
    setClock(new Date('2031-04-11T16:59:00Z'));
    expect(await sendDueActionReminders()).toBe(0);
    expect(await reminders(schoolLead.id)).toHaveLength(0);

    // from midnight in Vietnam three days ahead: one reminder to the leader and the focal point
    setClock(new Date('2031-04-11T17:00:00Z'));
    expect(await sendDueActionReminders()).toBe(1);
    for (const p of [schoolLead, schoolFocal]) {
      const n = await reminders(p.id);
      expect(n).toEqual([{
        title: 'Sắp đến hạn khắc phục: Bổ sung chuyên mục công khai tài chính',
        body: 'Việc "Bổ sung chuyên mục công khai tài chính" (người thực hiện: Phó Hiệu trưởng) sau cuộc kiểm tra "Kiểm tra công tác truyền thông Trường THCS Thử năm 2031" của Sở GDĐT tỉnh Thử đến hạn ngày 15/04/2031 (còn 3 ngày). Khi làm xong, Trường THCS Thử báo cáo kết quả khắc phục trên Loa.',
        link: `/admin/kiem-tra/${ins.id}`,
      }]);
      expect(await mails(p.email)).toBe(1);
    }
    expect(await reminders(teacher.id)).toHaveLength(0);
    expect(await reminders(inspector.id)).toHaveLength(0);
    expect(await records(actionId)).toEqual([{ kind: 'due_soon', dueOn: '2031-04-15', recipients: 2 }]);

    // the following days up to the due day: nothing more, even run twice at once
    for (const d of ['2031-04-13', '2031-04-15']) {
      setClock(vn9(d));
      expect(await Promise.all([sendDueActionReminders(), sendDueActionReminders()])).toEqual([0, 0]);
    }
    setClock(new Date('2031-04-15T16:59:00Z'));
    expect(await sendDueActionReminders()).toBe(0);
    expect((await getInspection(db(), ins.id)).actions[0].isOverdue).toBe(false);

    // the first overdue day: one overdue reminder
    setClock(vn9('2031-04-16'));
    expect(await sendDueActionReminders()).toBe(1);
    for (const p of [schoolLead, schoolFocal]) {
      const n = await reminders(p.id);
      expect(n).toHaveLength(2);
      expect(n[1].title).toBe('Quá hạn khắc phục: Bổ sung chuyên mục công khai tài chính');
      expect(n[1].body).toContain('đã quá hạn ngày 15/04/2031');
      expect(await mails(p.email)).toBe(2);
    }
    // repeated and concurrent runs, and the next days: nothing more
    expect(await Promise.all([sendDueActionReminders(), sendDueActionReminders(), sendDueActionReminders()])).toEqual([0, 0, 0]);
    setClock(vn9('2031-04-17'));
    expect(await sendDueActionReminders()).toBe(0);
    expect(await reminders(schoolLead.id)).toHaveLength(2);
    expect(await mails(schoolLead.email)).toBe(2);
    expect((await records(actionId)).map((r) => r.kind)).toEqual(['due_soon', 'overdue']);

    // the admin pages mark it overdue
    const seen = await getInspection(db(), ins.id);
    expect(seen.actions[0].isOverdue).toBe(true);
    expect(seen.overdueActions).toBe(1);
    const list = await listInspections(db(), { unitPath: (await unitPathOf(db(), t.dept.id)) as string });
    expect(list.find((i) => i.id === ins.id)).toMatchObject({ openActions: 1, overdueActions: 1 });
  });

  it('never reminds for closed or reported actions, nor long-overdue ones; concurrent runs send each once', async () => {
    const { schoolLead, inspector, inspection } = await setup();
    const ins = await inspection('Kiểm tra trực tuyến Trường THCS Thử', [
      { title: 'Đăng kế hoạch truyền thông năm học', dueOn: '2032-05-10' },
      { title: 'Rà soát ảnh học sinh trên trang', dueOn: '2032-05-10' },
      { title: 'Cập nhật danh bạ đường dây nóng', dueOn: '2032-05-10' },
      { title: 'Sửa lỗi hiển thị trên điện thoại', dueOn: '2032-05-11' },
      { title: 'Việc quá hạn đã lâu', dueOn: '2032-04-01' },
    ]);
    const byTitle = (s: string) => ins.actions.find((a) => a.title === s)!.id;
    await decideAction({ userId: inspector.id }, byTitle('Đăng kế hoạch truyền thông năm học'), 'close');
    await reportAction({ userId: schoolLead.id }, byTitle('Rà soát ảnh học sinh trên trang'), { note: 'Đã gỡ các ảnh chưa có đồng ý của phụ huynh' });

    setClock(vn9('2032-05-08'));
    const runs = await Promise.all([sendDueActionReminders(), sendDueActionReminders(), sendDueActionReminders()]);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(2); // the two open actions, each once
    expect((await reminders(schoolLead.id)).map((n) => n.title).sort()).toEqual([
      'Sắp đến hạn khắc phục: Cập nhật danh bạ đường dây nóng',
      'Sắp đến hạn khắc phục: Sửa lỗi hiển thị trên điện thoại',
    ]);
    for (const s of ['Đăng kế hoạch truyền thông năm học', 'Rà soát ảnh học sinh trên trang', 'Việc quá hạn đã lâu']) expect(await records(byTitle(s))).toEqual([]);

    // once the inspection is closed (its last actions closed), nothing more
    for (const s of ['Rà soát ảnh học sinh trên trang', 'Cập nhật danh bạ đường dây nóng', 'Sửa lỗi hiển thị trên điện thoại', 'Việc quá hạn đã lâu']) {
      await decideAction({ userId: inspector.id }, byTitle(s), 'close');
    }
    expect((await getInspection(db(), ins.id)).status).toBe('closed');
    setClock(vn9('2032-05-12'));
    expect(await sendDueActionReminders()).toBe(0);
    expect(await reminders(schoolLead.id)).toHaveLength(2);
  });

  it('a run dying midway leaves no notice and no record; the other actions go on and the next run sends', async () => {
    const { schoolLead, schoolFocal, inspection } = await setup();
    const ins = await inspection('Kiểm tra đột xuất Trường THCS Thử', [
      { title: 'Gỡ bài viết sai thông tin tuyển sinh', dueOn: '2033-09-05' },
      { title: 'Đính chính trên trang của trường', dueOn: '2033-09-05' },
    ]);
    const [gone, ok] = ['Gỡ bài viết sai thông tin tuyển sinh', 'Đính chính trên trang của trường'].map((s) => ins.actions.find((a) => a.title === s)!.id);
    // the second person's notice about the first action fails after the first person's was written
    const [, second] = [schoolLead.id, schoolFocal.id].sort((a, b) => a - b);
    await db().query(
      `create function test_fail_action_notice() returns trigger language plpgsql as $$ begin
         if new.user_id = ${second} and new.title like '%Gỡ bài viết sai%' then raise exception 'mất kết nối giữa chừng'; end if; return new; end $$`,
    );
    await db().query('create trigger test_fail_action_notice before insert on monitor_notices for each row execute function test_fail_action_notice()');
    try {
      setClock(vn9('2033-09-02'));
      expect(await sendDueActionReminders()).toBe(1);
      for (const p of [schoolLead, schoolFocal]) {
        expect((await reminders(p.id)).map((n) => n.title)).toEqual(['Sắp đến hạn khắc phục: Đính chính trên trang của trường']);
        expect(await mails(p.email)).toBe(1);
      }
      expect(await records(gone)).toEqual([]);
      expect(await records(ok)).toHaveLength(1);
    } finally {
      await db().query('drop trigger test_fail_action_notice on monitor_notices');
      await db().query('drop function test_fail_action_notice()');
    }
    // the next run sends the failed one, once
    expect(await sendDueActionReminders()).toBe(1);
    expect(await sendDueActionReminders()).toBe(0);
    for (const p of [schoolLead, schoolFocal]) {
      expect(await reminders(p.id)).toHaveLength(2);
      expect(await mails(p.email)).toBe(2);
    }
    expect(await records(gone)).toEqual([{ kind: 'due_soon', dueOn: '2033-09-05', recipients: 2 }]);
  });
});
