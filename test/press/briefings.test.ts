import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import '../../src/jobs';
import { systemActor } from '../../src/modules/audit';
import { saveBriefing, saveJournalist, saveOutlet } from '../../src/modules/press';
import { resetClock, setClock } from '../../src/platform/clock';
import { db } from '../../src/platform/db';
import { startJobs, stopJobs } from '../../src/platform/jobs';
import { useTestDatabase } from '../support/db';
import { makePerson, makeTree } from '../support/factories';
import { makeClient } from '../support/http';

/** Briefing invitations and attendance, and the rebuttal's thread picker (issue 7), over HTTP. */
const state = useTestDatabase();
beforeAll(async () => {
  await startJobs({ connectionString: state.url, isWorker: false });
});
afterAll(async () => {
  await stopJobs();
});
afterEach(() => resetClock());

const mailsTo = async (email: string) =>
  Number((await db().query(`select count(*)::int as n from pgboss.job where name = 'mail.send' and data->>'to' = $1`, [email])).rows[0].n);

describe('briefings: invitations and attendance', () => {
  it('invites outlets and journalists (mailing those with an e-mail, once), then records who came after it started', async () => {
    const t = await makeTree();
    const focal = await makePerson({ unitId: t.dept.id, roles: ['focal_point'] });
    const viewer = await makePerson({ unitId: t.dept.id, roles: ['viewer'] });
    const deptOutlet = await saveOutlet(systemActor, null, { unitId: t.dept.id, name: 'Báo Tin tức Giáo dục', kind: 'online', host: 'tintucgd-thu.vn' });
    const tv = await saveOutlet(systemActor, null, { unitId: t.dept.id, name: 'Đài Phát thanh - Truyền hình tỉnh', kind: 'tv' });
    const pv = await saveJournalist(systemActor, null, { outletId: deptOutlet.id, name: 'Phạm Thu Hà', email: 'thuha@tintucgd-thu.vn' });
    const otherOutlet = await saveOutlet(systemActor, null, { unitId: t.otherDept.id, name: 'Báo tỉnh bạn', kind: 'print' });
    setClock(new Date('2026-11-20T02:00:00Z'));
    const b = await saveBriefing({ userId: focal.id }, null, { unitId: t.dept.id, kind: 'conference', title: 'Họp báo quý IV về công tác tuyển sinh', startsAt: '2026-11-25T02:00:00Z', place: 'Hội trường Sở' });

    const c = makeClient();
    await c.login(focal.email);
    const inv = await c.post(`/api/press/briefings/${b.id}/invitees`, { invites: [{ outletId: deptOutlet.id, journalistId: pv.id }, { outletId: tv.id }] });
    expect(inv.status).toBe(200);
    expect(inv.json).toMatchObject({ added: 2, mailed: 1, invitees: { invited: 2, attended: 0 } });
    expect(await mailsTo('thuha@tintucgd-thu.vn')).toBe(1);
    const again = await c.post(`/api/press/briefings/${b.id}/invitees`, { invites: [{ outletId: deptOutlet.id, journalistId: pv.id }] });
    expect(again.json).toMatchObject({ added: 0, mailed: 0 });
    expect(await mailsTo('thuha@tintucgd-thu.vn')).toBe(1);
    expect((await db().query('select outlet_ids from press_briefings where id = $1', [b.id])).rows[0].outlet_ids.map(Number).sort()).toEqual([deptOutlet.id, tv.id].sort());

    // an outlet of another province, or a journalist of another outlet, is refused
    expect((await c.post(`/api/press/briefings/${b.id}/invitees`, { invites: [{ outletId: otherOutlet.id }] })).json).toMatchObject({ error: { code: 'press.bad_invitee' } });
    expect((await c.post(`/api/press/briefings/${b.id}/invitees`, { invites: [{ outletId: tv.id, journalistId: pv.id }] })).status).toBe(400);

    const list = await c.get(`/api/press/briefings/${b.id}/invitees`);
    const [tvRow, pvRow] = [list.json.items.find((x: any) => x.outletId === tv.id), list.json.items.find((x: any) => x.journalistId === pv.id)];
    expect(pvRow).toMatchObject({ outletName: 'Báo Tin tức Giáo dục', journalistName: 'Phạm Thu Hà', attended: null });

    // before it starts: attendance refused (Vietnamese message)
    const early = await c.request('PUT', `/api/press/briefings/${b.id}/attendance`, { entries: [{ inviteeId: pvRow.id, attended: true }] });
    expect(early.status).toBe(409);
    expect(early.json.error.message).toContain('đã bắt đầu');
    setClock(new Date('2026-11-25T04:00:00Z'));
    await c.login(focal.email); // five days later: a new session
    const att = await c.request('PUT', `/api/press/briefings/${b.id}/attendance`, { entries: [{ inviteeId: pvRow.id, attended: true, note: 'Đặt 2 câu hỏi' }, { inviteeId: tvRow.id, attended: false }] });
    expect(att.json).toMatchObject({ invited: 2, attended: 1, absent: 1 });

    // a viewer reads but does not change
    const v = makeClient();
    await v.login(viewer.email);
    expect((await v.get(`/api/press/briefings/${b.id}/invitees`)).status).toBe(200);
    expect((await v.post(`/api/press/briefings/${b.id}/uninvite`, { inviteeId: tvRow.id })).status).toBe(403);
    expect((await c.post(`/api/press/briefings/${b.id}/uninvite`, { inviteeId: tvRow.id })).json).toMatchObject({ invited: 1 });

    const audit = await db().query(`select action from audit_log where entity = 'press_briefing' and entity_id = $1 order by id`, [String(b.id)]);
    expect(audit.rows.map((r) => r.action)).toEqual(['press_briefing.save', 'press_briefing.invite', 'press_briefing.invite', 'press_briefing.attendance', 'press_briefing.uninvite']);
  });
});

describe('rebuttal thread picker', () => {
  it('lists the monitoring threads about the unit first, finds them without diacritics, and a rebuttal links to the one picked', async () => {
    const t = await makeTree();
    const focal = await makePerson({ unitId: t.dept.id, roles: ['focal_point'] });
    const at = new Date('2026-11-20T02:00:00Z');
    const ins = (title: string, unitIds: number[], last: Date) =>
      db().query(`insert into monitor_threads (title, unit_ids, item_count, story_count, first_seen_at, last_seen_at) values ($1, $2, 3, 1, $3, $3) returning id`, [title, unitIds, last]).then((r) => Number(r.rows[0].id));
    const own = await ins('Tin đồn học sinh toàn tỉnh nghỉ học', [t.school.id], at);
    const other = await ins('Tin đồn nghỉ học ở tỉnh khác', [t.otherSchool.id], new Date(at.getTime() + 3600_000));
    const c = makeClient();
    await c.login(focal.email);
    const all = await c.get(`/api/press/threads?unitId=${t.dept.id}&q=nghi%20hoc`);
    expect(all.status).toBe(200);
    // another province's thread is not listed (nor its title)
    expect(all.json.items.map((x: any) => [x.id, x.isOwn])).toEqual([[own, true]]);
    expect(all.text).not.toContain('tỉnh khác');
    expect(other).toBeGreaterThan(0);
    // a spokesperson at the school sees only threads about the school itself
    const spokes = await makePerson({ unitId: t.school.id, roles: ['spokesperson'] });
    const sc = makeClient();
    await sc.login(spokes.email);
    expect((await sc.get(`/api/press/threads?unitId=${t.school.id}&q=nghi%20hoc`)).json.items.map((x: any) => x.id)).toEqual([own]);
    await ins('Tin đồn nghỉ học ở xã', [t.commune.id], at);
    expect((await c.get(`/api/press/threads?unitId=${t.dept.id}&q=nghi%20hoc`)).json.items).toHaveLength(2);
    expect((await sc.get(`/api/press/threads?unitId=${t.school.id}&q=nghi%20hoc`)).json.items.map((x: any) => x.id)).toEqual([own]);
    const one = await c.get(`/api/press/threads?unitId=${t.dept.id}&q=${encodeURIComponent('TOÀN TỈNH')}`);
    expect(one.json.items.map((x: any) => x.id)).toEqual([own]);
    const r = await c.post('/api/press/rebuttals', { unitId: t.dept.id, title: 'Không có chuyện học sinh nghỉ học', falseClaim: 'Học sinh toàn tỉnh nghỉ học.', threadId: own });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ threadId: own, threadTitle: 'Tin đồn học sinh toàn tỉnh nghỉ học' });
    // another province's thread cannot be answered (nor its coverage pulled in), on create or on edit
    const before = Number((await db().query('select count(*)::int as n from press_rebuttals')).rows[0].n);
    const bad = await c.post('/api/press/rebuttals', { unitId: t.dept.id, title: 'Bác bỏ tin ở tỉnh khác', falseClaim: 'Tin đồn ở tỉnh khác.', threadId: other });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('press.bad_thread');
    expect(Number((await db().query('select count(*)::int as n from press_rebuttals')).rows[0].n)).toBe(before);
    const edit = await c.put(`/api/press/rebuttals/${r.json.id}`, { title: 'Không có chuyện học sinh nghỉ học', falseClaim: 'Học sinh toàn tỉnh nghỉ học.', threadId: other });
    expect(edit.status).toBe(400);
    expect((await c.get(`/api/press/rebuttals/${r.json.id}`)).json.threadId).toBe(own);
  });
});
