import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../src/jobs';
import {
  addMaterialLink,
  createEvent,
  eventEmulationFacts,
  getEvent,
  inviteToEvent,
  listEventsForReport,
  recordAttendance,
  respondToEvent,
  sniffMaterialType,
  updateEvent,
} from '../../src/modules/events';
import { createPlan, planProgress } from '../../src/modules/plans';
import { saveBriefing } from '../../src/modules/press';
import { unitPathOf } from '../../src/modules/org';
import { db } from '../../src/platform/db';
import { startJobs, stopJobs } from '../../src/platform/jobs';
import { useTestDatabase } from '../support/db';
import { makePerson, makeTree, makeUnit } from '../support/factories';
import { makeClient } from '../support/http';

const state = useTestDatabase();
beforeAll(async () => {
  await startJobs({ connectionString: state.url, isWorker: false });
});
afterAll(async () => {
  await stopJobs();
});

const training = (unitId: number, extra: Record<string, unknown> = {}) => ({
  unitId,
  kind: 'training' as const,
  title: 'Tập huấn kỹ năng viết tin bài cho trường học',
  startsAt: '2026-03-10T01:30:00Z',
  endsAt: '2026-03-10T09:00:00Z',
  place: 'Hội trường Sở GDĐT',
  ...extra,
});

async function setup() {
  const t = await makeTree();
  const school2 = await makeUnit({ parentId: t.commune.id, type: 'school', name: 'Trường Tiểu học Thử Hai' });
  const officer = await makePerson({ unitId: t.dept.id, roles: ['focal_point'] });
  const schoolLead = await makePerson({ unitId: t.school.id, roles: ['leader'] });
  const teacher = await makePerson({ unitId: t.school.id, name: 'Trần Thị Mai' });
  const outsider = await makePerson({ unitId: t.otherSchool.id, roles: ['leader'] });
  return { t, school2, officer, schoolLead, teacher, outsider };
}

describe('events', () => {
  it('invites only units and people inside the organiser subtree, notifies them, and records answers and attendance', async () => {
    const { t, school2, officer, schoolLead, teacher, outsider } = await setup();
    const e = await createEvent({ userId: officer.id }, training(t.dept.id));
    expect(e).toMatchObject({ status: 'planned', kind: 'training', invitees: [] });

    await expect(inviteToEvent({ userId: officer.id }, e.id, { unitIds: [t.otherSchool.id] })).rejects.toMatchObject({ code: 'event.invitee_outside' });
    await expect(inviteToEvent({ userId: officer.id }, e.id, { userIds: [outsider.id] })).rejects.toMatchObject({ code: 'event.invitee_outside' });
    await expect(inviteToEvent({ userId: officer.id }, e.id, { unitIds: [t.dept.id] })).rejects.toMatchObject({ code: 'event.invitee_outside' });
    expect((await getEvent(db(), e.id)).invitees).toHaveLength(0);

    const invited = await inviteToEvent({ userId: officer.id }, e.id, { unitIds: [t.school.id, school2.id], userIds: [teacher.id] });
    expect(invited.invitees).toHaveLength(3);
    // inviting again adds nothing
    expect((await inviteToEvent({ userId: officer.id }, e.id, { unitIds: [t.school.id] })).invitees).toHaveLength(3);

    const notices = await db().query('select user_id, title, link from monitor_notices where link = $1 order by user_id', [`/admin/su-kien/${e.id}`]);
    expect(notices.rows.map((r) => Number(r.user_id)).sort()).toEqual([schoolLead.id, teacher.id].sort());
    expect(notices.rows[0].title).toBe('Giấy mời Tập huấn: Tập huấn kỹ năng viết tin bài cho trường học');

    const schoolInv = invited.invitees.find((i) => i.unitId === t.school.id && i.userId == null)!;
    const teacherInv = invited.invitees.find((i) => i.userId === teacher.id)!;
    const s2Inv = invited.invitees.find((i) => i.unitId === school2.id)!;

    // the school's leader answers for the school over HTTP; the outsider cannot
    const lead = makeClient();
    await lead.login(schoolLead.email);
    const ok = await lead.post(`/api/events/invitees/${schoolInv.id}/respond`, { response: 'accepted', note: 'Cử 3 giáo viên' });
    expect(ok.status).toBe(200);
    expect(ok.json.can.respondInviteeIds).toContain(schoolInv.id);
    const out = makeClient();
    await out.login(outsider.email);
    expect((await out.post(`/api/events/invitees/${s2Inv.id}/respond`, { response: 'declined' })).status).toBe(403);
    expect((await out.get(`/api/events/${e.id}`)).status).toBe(403);
    // the invited teacher sees the event and answers for herself
    const tc = makeClient();
    await tc.login(teacher.email);
    expect((await tc.get(`/api/events/${e.id}`)).status).toBe(200);
    expect((await tc.post(`/api/events/invitees/${teacherInv.id}/respond`, { response: 'declined', note: 'Trùng lịch dạy' })).status).toBe(200);
    await respondToEvent({ userId: officer.id }, s2Inv.id, { response: 'accepted' });

    const att = await recordAttendance({ userId: officer.id }, e.id, [
      { inviteeId: schoolInv.id, attended: true, attendees: 3 },
      { inviteeId: s2Inv.id, attended: true, attendees: 2 },
      { inviteeId: teacherInv.id, attended: false },
    ]);
    expect(att.totals).toEqual({ invited: 3, accepted: 2, declined: 1, attended: 2, people: 5 });

    const audit = await db().query(`select action from audit_log where entity = 'event' and entity_id = $1 order by id`, [String(e.id)]);
    expect(audit.rows.map((r) => r.action)).toEqual(['event.create', 'event.invite', 'event.invite', 'event.respond', 'event.respond', 'event.respond', 'event.attendance']);
  });

  it('counts a linked event as its plan task evidence, and moves or drops it with the event', async () => {
    const { t, officer } = await setup();
    const plan = await createPlan({ userId: officer.id }, { unitId: t.dept.id, title: 'Kế hoạch truyền thông năm 2026', period: { year: 2026 }, tasks: [{ topic: 'Bồi dưỡng kỹ năng truyền thông' }] });
    const taskId = plan.tasks[0].id;
    const e = await createEvent({ userId: officer.id }, training(t.dept.id, { planTaskId: taskId }));
    let prog = await planProgress(db(), plan.id);
    expect(prog.tasks[0].byQuarter['1'].evidence).toEqual([{ label: 'Tập huấn: Tập huấn kỹ năng viết tin bài cho trường học (10/03/2026)', url: `/admin/su-kien/${e.id}` }]);
    expect(prog.tasks[0].byQuarter['1'].status).toBe('in_progress');

    // moved to the second quarter: the evidence follows
    const moved = await updateEvent({ userId: officer.id }, e.id, { ...training(t.dept.id, { planTaskId: taskId }), startsAt: '2026-04-20T01:30:00Z', endsAt: null, version: e.version });
    prog = await planProgress(db(), plan.id);
    expect(prog.tasks[0].byQuarter['1'].evidence).toEqual([]);
    expect(prog.tasks[0].byQuarter['2'].evidence.map((x) => x.url)).toEqual([`/admin/su-kien/${e.id}`]);
    // cancelled: no longer evidence
    await updateEvent({ userId: officer.id }, e.id, { ...training(t.dept.id, { planTaskId: taskId }), startsAt: '2026-04-20T01:30:00Z', endsAt: null, status: 'cancelled', version: moved.version });
    prog = await planProgress(db(), plan.id);
    expect(prog.tasks[0].byQuarter['2'].evidence).toEqual([]);

    // a task of a plan of another tree is refused
    const other = await createPlan({ userId: null }, { unitId: t.otherDept.id, title: 'Kế hoạch khác', period: { year: 2026 }, tasks: [{ topic: 'Nhiệm vụ khác' }] });
    await expect(createEvent({ userId: officer.id }, training(t.dept.id, { planTaskId: other.tasks[0].id }))).rejects.toMatchObject({ code: 'event.bad_task' });
  });

  it('gives reports and emulation the known numbers', async () => {
    const { t, school2, officer, teacher } = await setup();
    const a = await createEvent({ userId: officer.id }, training(t.dept.id));
    const b = await createEvent({ userId: officer.id }, training(t.dept.id, { kind: 'conference', title: 'Hội nghị sơ kết học kỳ I', startsAt: '2026-01-15T01:00:00Z', endsAt: null }));
    await createEvent({ userId: officer.id }, training(t.dept.id, { kind: 'contest', title: 'Hội thi bị hủy', startsAt: '2026-02-01T01:00:00Z', endsAt: null, status: 'cancelled' }));
    await createEvent({ userId: officer.id }, training(t.dept.id, { title: 'Ngoài kỳ', startsAt: '2026-08-01T01:00:00Z', endsAt: null }));
    const ai = await inviteToEvent({ userId: officer.id }, a.id, { unitIds: [t.school.id, school2.id], userIds: [teacher.id] });
    await inviteToEvent({ userId: officer.id }, b.id, { unitIds: [t.school.id] });
    await recordAttendance({ userId: officer.id }, a.id, ai.invitees.filter((i) => i.unitId === t.school.id).map((i) => ({ inviteeId: i.id, attended: true, attendees: 2 })));

    const path = (await unitPathOf(db(), t.dept.id)) as string;
    const from = new Date('2025-12-31T17:00:00Z');
    const to = new Date('2026-06-30T17:00:00Z');
    const rows = await listEventsForReport(db(), { unitPath: path, from, to });
    expect(rows.map((r) => [r.title, r.invited, r.attended, r.unitId])).toEqual([
      ['Hội nghị sơ kết học kỳ I', 1, 0, t.dept.id],
      ['Tập huấn kỹ năng viết tin bài cho trường học', 3, 2, t.dept.id],
    ]);
    expect(rows[0]).toMatchObject({ kind: 'conference', startsAt: '2026-01-15T01:00:00.000Z', unitName: 'Sở GDĐT tỉnh Thử', planTaskId: null });

    const facts = await eventEmulationFacts(db(), { unitPath: path, from, to });
    const by = new Map(facts.map((f) => [f.unitId, f]));
    expect(by.get(t.dept.id)?.value).toBe(2); // organised two (the cancelled one does not count)
    expect(by.get(t.school.id)?.value).toBe(1); // attended one (the unit and its teacher count once)
    expect(by.get(t.school.id)?.evidence).toEqual([{ label: 'Tham dự: Tập huấn kỹ năng viết tin bài cho trường học (10/03/2026)', url: `/admin/su-kien/${a.id}` }]);
    expect(by.has(school2.id)).toBe(false);
    // a subtree only sees its own
    const schoolFacts = await eventEmulationFacts(db(), { unitPath: (await unitPathOf(db(), t.school.id)) as string, from, to });
    expect(schoolFacts.map((f) => f.unitId)).toEqual([t.school.id]);
  });

  it('stores materials: sniffed files within the limit, and links', async () => {
    const { t, officer } = await setup();
    const e = await createEvent({ userId: officer.id }, training(t.dept.id));
    expect(sniffMaterialType(Buffer.from('%PDF-1.4\n%%EOF\n'))).toEqual({ ext: 'pdf', mime: 'application/pdf' });
    expect(sniffMaterialType(Buffer.from('<html>không phải PDF</html>'))).toBeNull();
    const c = makeClient();
    await c.login(officer.email);
    const form = new FormData();
    form.append('file', new File([Buffer.from('%PDF-1.4\n%%EOF\n')], 'Bài giảng.pdf', { type: 'application/pdf' }));
    form.append('title', 'Bài giảng kỹ năng viết tin');
    const up = await c.request('POST', `/api/events/${e.id}/materials`, form);
    expect(up.status).toBe(201);
    expect(up.json.materials[0]).toMatchObject({ kind: 'file', title: 'Bài giảng kỹ năng viết tin', fileName: 'Bài giảng.pdf', mime: 'application/pdf' });
    const bad = new FormData();
    bad.append('file', new File(['<script>alert(1)</script>'], 'x.pdf', { type: 'application/pdf' }));
    expect((await c.request('POST', `/api/events/${e.id}/materials`, bad)).json.error.code).toBe('event.bad_file_type');
    const dl = await c.get(up.json.materials[0].url);
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-type')).toBe('application/pdf');
    await expect(addMaterialLink({ userId: officer.id }, e.id, { title: 'Video', url: 'javascript:alert(1)' })).rejects.toMatchObject({ code: 'event.bad_link' });
    const withLink = await addMaterialLink({ userId: officer.id }, e.id, { title: 'Video bài giảng', url: 'https://www.youtube.com/watch?v=abc' });
    expect(withLink.materials.map((m) => m.kind)).toEqual(['file', 'link']);
  });

  it('lists the calendar of a school with events it is invited to', async () => {
    const { t, officer } = await setup();
    const e = await createEvent({ userId: officer.id }, training(t.dept.id));
    await inviteToEvent({ userId: officer.id }, e.id, { unitIds: [t.school.id] });
    await createEvent({ userId: officer.id }, training(t.dept.id, { title: 'Không mời trường' }));
    const viewer = await makePerson({ unitId: t.school.id, roles: ['viewer'] });
    const c = makeClient();
    await c.login(viewer.email);
    const r = await c.get(`/api/events?unitId=${t.school.id}&from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z`);
    expect(r.status).toBe(200);
    expect(r.json.items.map((x: { title: string }) => x.title)).toEqual(['Tập huấn kỹ năng viết tin bài cho trường học']);
    expect(r.json.items[0].isOrganisedHere).toBe(false);
    expect(r.json.briefings).toEqual([]);
    // the unit's press briefings show read-only beside its events
    await saveBriefing({ userId: officer.id }, null, { unitId: t.school.id, kind: 'briefing', title: 'Cung cấp thông tin về tuyển sinh lớp 6', startsAt: '2026-03-20T02:00:00Z' });
    const again = await c.get(`/api/events?unitId=${t.school.id}&from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z`);
    expect(again.json.briefings).toMatchObject([{ kind: 'briefing', title: 'Cung cấp thông tin về tuyển sinh lớp 6', startsAt: '2026-03-20T02:00:00.000Z' }]);
  });
});
