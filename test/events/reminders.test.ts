import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../src/jobs';
import { createEvent, inviteToEvent, respondToEvent, sendDueReminders, timeLeft, updateEvent } from '../../src/modules/events';
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

const H = 3_600_000;
const notices = async (userId: number) =>
  (await db().query(`select title, body, link from monitor_notices where user_id = $1 and title like 'Nhắc lịch%' order by id`, [userId])).rows;
const mails = async (to: string) =>
  Number((await db().query(`select count(*)::int as n from pgboss.job where name = 'mail.send' and data->>'to' = $1 and data->>'subject' like 'Nhắc lịch%'`, [to])).rows[0].n);

async function setup() {
  const t = await makeTree();
  const officer = await makePerson({ unitId: t.dept.id, roles: ['focal_point'] });
  const schoolLead = await makePerson({ unitId: t.school.id, roles: ['leader'] });
  const teacher = await makePerson({ unitId: t.school.id, name: 'Nguyễn Thị Thu Hà' });
  const decliner = await makePerson({ unitId: t.commune.id, name: 'Phạm Văn Đức' });
  return { t, officer, schoolLead, teacher, decliner };
}

describe('event reminders', () => {
  it('words the real time left', () => {
    expect(timeLeft(40 * 60_000)).toBe('còn khoảng 40 phút');
    expect(timeLeft(5 * H)).toBe('còn khoảng 5 giờ');
    expect(timeLeft(71 * H)).toBe('còn khoảng 3 ngày');
    expect(timeLeft(10_000)).toBe('còn khoảng 1 phút');
  });

  it('reminds the organiser, invited people and invited units’ leaders once, at the chosen lead time, not before, not those who declined', async () => {
    const { t, officer, schoolLead, teacher, decliner } = await setup();
    const startsAt = new Date('2031-03-10T01:30:00Z');
    const e = await createEvent({ userId: officer.id }, { unitId: t.dept.id, kind: 'training', title: 'Tập huấn sử dụng mạng xã hội an toàn', startsAt: startsAt.toISOString(), place: 'Phòng họp tầng 3' });
    expect((await db().query('select reminder from events where id = $1', [e.id])).rows[0].reminder).toBe('1d');
    const inv = await inviteToEvent({ userId: officer.id }, e.id, { unitIds: [t.school.id], userIds: [teacher.id, decliner.id] }, { isNotifying: false });
    await respondToEvent({ userId: decliner.id }, inv.invitees.find((i) => i.userId === decliner.id)!.id, { response: 'declined' });

    // two days before: nothing yet
    expect(await sendDueReminders({ at: new Date(startsAt.getTime() - 48 * H) })).toBe(0);
    expect(await notices(officer.id)).toHaveLength(0);

    // 23 hours before: the organiser, the teacher and the school's leader; not the decliner
    const at = new Date(startsAt.getTime() - 23 * H);
    expect(await sendDueReminders({ at })).toBe(3);
    for (const p of [officer, teacher, schoolLead]) {
      const n = await notices(p.id);
      expect(n).toHaveLength(1);
      expect(n[0]).toMatchObject({ title: 'Nhắc lịch Tập huấn: Tập huấn sử dụng mạng xã hội an toàn', link: `/admin/su-kien/${e.id}` });
      expect(n[0].body).toContain('còn khoảng 23 giờ');
      expect(await mails(p.email)).toBe(1);
    }
    expect(await notices(decliner.id)).toHaveLength(0);

    // the job runs again, and twice at the same time: nothing more
    expect(await sendDueReminders({ at })).toBe(0);
    const both = await Promise.all([sendDueReminders({ at: new Date(at.getTime() + H) }), sendDueReminders({ at: new Date(at.getTime() + H) })]);
    expect(both).toEqual([0, 0]);
    for (const p of [officer, teacher, schoolLead]) {
      expect(await notices(p.id)).toHaveLength(1);
      expect(await mails(p.email)).toBe(1);
    }

    // moved to another day: one reminder for the new time
    const cur = (await db().query('select version from events where id = $1', [e.id])).rows[0].version;
    const moved = new Date('2031-03-20T01:30:00Z');
    await updateEvent({ userId: officer.id }, e.id, { kind: 'training', title: 'Tập huấn sử dụng mạng xã hội an toàn', startsAt: moved.toISOString(), version: cur });
    expect(await sendDueReminders({ at: new Date(moved.getTime() - 30 * H) })).toBe(0);
    expect(await sendDueReminders({ at: new Date(moved.getTime() - 2 * H) })).toBe(3);
    expect(await notices(officer.id)).toHaveLength(2);
    // after it has started: nothing
    expect(await sendDueReminders({ at: new Date(moved.getTime() + H) })).toBe(0);
  });

  it('two concurrent runs send each reminder exactly once', async () => {
    const { t, officer, teacher } = await setup();
    const startsAt = new Date('2032-05-01T02:00:00Z');
    const e = await createEvent({ userId: officer.id }, { unitId: t.dept.id, kind: 'conference', title: 'Hội nghị giao ban truyền thông quý II', startsAt: startsAt.toISOString(), reminder: '1h' });
    await inviteToEvent({ userId: officer.id }, e.id, { userIds: [teacher.id] }, { isNotifying: false });
    expect(await sendDueReminders({ at: new Date(startsAt.getTime() - 2 * H) })).toBe(0); // 1 hour lead: not yet
    const at = new Date(startsAt.getTime() - 30 * 60_000);
    const runs = await Promise.all([sendDueReminders({ at }), sendDueReminders({ at }), sendDueReminders({ at })]);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(2);
    expect(await notices(teacher.id)).toHaveLength(1);
    expect(await notices(officer.id)).toHaveLength(1);
    expect(Number((await db().query('select count(*)::int as n from event_reminders_sent where event_id = $1', [e.id])).rows[0].n)).toBe(2);
  });

  it('never reminds for a cancelled event or one set to no reminder; a run dying midway leaves nothing behind', async () => {
    const { t, officer, teacher } = await setup();
    const startsAt = new Date('2033-09-05T01:00:00Z');
    const cancelled = await createEvent({ userId: officer.id }, { unitId: t.dept.id, kind: 'contest', title: 'Hội thi tuyên truyền viên giỏi', startsAt: startsAt.toISOString(), reminder: '3d' });
    await inviteToEvent({ userId: officer.id }, cancelled.id, { userIds: [teacher.id] }, { isNotifying: false });
    await updateEvent({ userId: officer.id }, cancelled.id, { kind: 'contest', title: 'Hội thi tuyên truyền viên giỏi', startsAt: startsAt.toISOString(), status: 'cancelled', version: 1 });
    const silent = await createEvent({ userId: officer.id }, { unitId: t.dept.id, kind: 'other', title: 'Buổi trao đổi nội bộ', startsAt: startsAt.toISOString(), reminder: 'none' });
    expect(await sendDueReminders({ at: new Date(startsAt.getTime() - 2 * H) })).toBe(0);
    expect(Number((await db().query('select count(*)::int as n from event_reminders_sent where event_id = any($1::bigint[])', [[cancelled.id, silent.id]])).rows[0].n)).toBe(0);

    // a run dying midway (here: the second person's record fails after the first person's notice
    // was written): the event's transaction rolls back whole — no notice, no record — and the next run sends both
    const ok = await createEvent({ userId: officer.id }, { unitId: t.dept.id, kind: 'training', title: 'Tập huấn chụp ảnh bằng điện thoại', startsAt: startsAt.toISOString(), reminder: '1d' });
    await inviteToEvent({ userId: officer.id }, ok.id, { userIds: [teacher.id] }, { isNotifying: false });
    const [first, second] = [officer.id, teacher.id].sort((a, b) => a - b);
    await db().query(`create function test_fail_reminder() returns trigger language plpgsql as $$ begin if new.user_id = ${second} then raise exception 'mất kết nối giữa chừng'; end if; return new; end $$`);
    await db().query('create trigger test_fail_reminder before insert on event_reminders_sent for each row execute function test_fail_reminder()');
    const run = new Date(startsAt.getTime() - 2 * H);
    expect(await sendDueReminders({ at: run })).toBe(0);
    expect(await notices(first)).toHaveLength(0);
    expect(await notices(second)).toHaveLength(0);
    expect(Number((await db().query('select count(*)::int as n from event_reminders_sent where event_id = $1', [ok.id])).rows[0].n)).toBe(0);
    await db().query('drop trigger test_fail_reminder on event_reminders_sent');
    expect(await sendDueReminders({ at: run })).toBe(2);
    expect(await notices(first)).toHaveLength(1);
    expect(await notices(second)).toHaveLength(1);

    // a person whose address the mail system refuses still gets the in-app notice, and does not block the others
    const bad = await makePerson({ unitId: t.school.id, name: 'Lò Văn Sơn' });
    await db().query(`update users set email = 'khong-hop-le' where id = $1`, [bad.id]);
    const later = await createEvent({ userId: officer.id }, { unitId: t.dept.id, kind: 'other', title: 'Lễ phát động tháng an toàn thông tin', startsAt: new Date(startsAt.getTime() + 24 * H).toISOString(), reminder: '3d' });
    await inviteToEvent({ userId: officer.id }, later.id, { userIds: [bad.id] }, { isNotifying: false });
    expect(await sendDueReminders({ at: run })).toBe(2);
    expect(await notices(bad.id)).toHaveLength(1);
  });
});
