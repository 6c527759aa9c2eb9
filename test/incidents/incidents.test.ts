import JSZip from 'jszip';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import '../../src/jobs';
import { createApp } from '../../src/http/app';
import {
  addTimelineEntry,
  fastReportDocx,
  getIncident,
  getIncidentForUnit,
  moveIncident,
  openIncident,
  publishResult,
  publishedResult,
  recordEntry,
  saveFastReport,
  saveResult,
  saveReview,
  sendFastReport,
  sweepIncidents,
  updateIncident,
} from '../../src/modules/incidents';
import { advanceClock, now, resetClock, setClock } from '../../src/platform/clock';
import { db, withTransaction } from '../../src/platform/db';
import { startJobs, stopJobs } from '../../src/platform/jobs';
import { useTestDatabase } from '../support/db';
import { makePerson, makeTree } from '../support/factories';
import { makeClient } from '../support/http';

const state = useTestDatabase();
beforeAll(async () => {
  await startJobs({ connectionString: state.url, isWorker: false });
});
afterAll(async () => {
  await stopJobs();
});
afterEach(() => resetClock());

const H = 3600_000;
const T0 = new Date('2026-03-02T01:00:00Z'); // 08:00 in Vietnam

async function setup() {
  const t = await makeTree();
  const principal = await makePerson({ unitId: t.school.id, roles: ['leader'], name: 'Hiệu trưởng Thử' });
  const communeFocal = await makePerson({ unitId: t.commune.id, roles: ['focal_point'], name: 'Cán bộ xã' });
  const deptLeader = await makePerson({ unitId: t.dept.id, roles: ['leader'], name: 'Lãnh đạo Sở' });
  const ministryLeader = await makePerson({ unitId: t.root.id, roles: ['leader'], name: 'Lãnh đạo Bộ' });
  const outsider = await makePerson({ unitId: t.otherDept.id, roles: ['leader'] });
  const contributor = await makePerson({ unitId: t.school.id, roles: ['contributor'] });
  return { t, principal, communeFocal, deptLeader, ministryLeader, outsider, contributor };
}

async function noticesOf(userId: number) {
  return (await db().query('select title from monitor_notices where user_id = $1 order by id', [userId])).rows.map((r) => r.title as string);
}
async function mailsTo(email: string) {
  return Number((await db().query(`select count(*)::int as n from pgboss.job where name = 'mail.send' and data->>'to' = $1`, [email])).rows[0].n);
}

/** A story with `n` analysed copies about a unit (as the monitoring pipeline leaves it). */
async function makeStory(unitId: number, n: number, title = 'Phụ huynh phản ánh lạm thu đầu năm học') {
  const src = await db().query(`insert into monitor_sources (kind, name, url) values ('feed', 'Báo Tin Nhanh', $1) returning id`, [`https://tin-nhanh-${Math.random()}.vn/rss`]);
  const st = await db().query(`insert into monitor_stories (title, first_seen_at, last_seen_at, tone) values ($1, $2, $2, 'negative') returning id`, [title, new Date(T0.getTime() - 2 * H)]);
  const storyId = Number(st.rows[0].id);
  await addCopies(Number(src.rows[0].id), storyId, unitId, n);
  return { storyId, sourceId: Number(src.rows[0].id) };
}
let copy = 0;
async function addCopies(sourceId: number, storyId: number, unitId: number, n: number, threadId: number | null = null) {
  for (let i = 0; i < n; i++) {
    copy++;
    const it = await db().query(
      `insert into monitor_items (source_id, guid, title, link, content_hash, story_id, thread_id, tone, analysed_at, published_at)
       values ($1, $2, $3, $4, $2, $5, $6, 'negative', now(), $7) returning id`,
      [sourceId, `g-${copy}`, `Bản tin số ${copy} về lạm thu`, `https://tin-nhanh.vn/bai-${copy}.html`, storyId, threadId, new Date(T0.getTime() - H)],
    );
    await db().query('insert into monitor_item_units (item_id, unit_id, via) values ($1, $2, $3)', [it.rows[0].id, unitId, 'Tên thử']);
  }
}

describe('incident lifecycle and clocks', () => {
  it('moves one stage at a time, stamps every stage, measures times and needs the review to close', async () => {
    setClock(T0);
    const { t, principal } = await setup();
    const actor = { userId: principal.id };
    const i = await openIncident(actor, { unitId: t.school.id, title: 'Phản ánh thu tiền quỹ lớp', severity: 3, detectedAt: new Date(T0.getTime() - 30 * 60_000) });
    expect(i).toMatchObject({ status: 'triage', severity: 3, openedAt: T0.toISOString() });
    // level 3: first statement within 6 hours of detection, fast report within 24 hours of opening
    expect(i.clocks.firstStatement).toMatchObject({ dueAt: new Date(T0.getTime() + 5.5 * H).toISOString(), state: 'running' });
    expect(i.clocks.fastReport?.dueAt).toBe(new Date(T0.getTime() + 24 * H).toISOString());
    expect(i.measures.timeToDetectHours).toBe(0.5);

    await expect(moveIncident(actor, i.id, 'contained')).rejects.toMatchObject({ code: 'incident.bad_transition', status: 409 });
    await expect(moveIncident(actor, i.id, 'closed')).rejects.toMatchObject({ code: 'incident.bad_transition' });
    advanceClock(H);
    expect((await moveIncident(actor, i.id, 'active')).activeAt).toBe(new Date(T0.getTime() + H).toISOString());
    advanceClock(H);
    await withTransaction((tx) => addTimelineEntry(tx, i.id, { kind: 'statement', title: 'Thông cáo báo chí của nhà trường', actorId: principal.id }));
    advanceClock(7 * H);
    await moveIncident(actor, i.id, 'contained');
    advanceClock(H);
    const resolved = await moveIncident(actor, i.id, 'resolved');
    expect(resolved.measures).toEqual({ timeToDetectHours: 0.5, timeToFirstStatementHours: 2.5, timeToResolveHours: 10.5 });
    expect(resolved.clocks.firstStatement).toMatchObject({ state: 'met' });
    await moveIncident(actor, i.id, 'review');
    await saveReview(actor, i.id, { wentWell: 'Phát ngôn sớm, thống nhất.', toImprove: 'Báo cáo nhanh chậm.' });
    const refused = await moveIncident(actor, i.id, 'closed').catch((e) => e);
    expect(refused).toMatchObject({ code: 'incident.review_incomplete', status: 409 });
    await saveReview(actor, i.id, { lessons: 'Cần công khai quỹ lớp ngay từ đầu năm.', updatedLines: 'Đã cập nhật thông tin định hướng về các khoản thu.' });
    const closed = await moveIncident(actor, i.id, 'closed');
    expect(closed).toMatchObject({ status: 'closed', reviewMissing: [] });
    await expect(moveIncident(actor, i.id, 'cancelled', 'nhầm')).rejects.toMatchObject({ code: 'incident.closed' });
    const audit = await db().query(`select action from audit_log where entity = 'incident' and entity_id = $1 order by id`, [String(i.id)]);
    expect(audit.rows.map((r) => r.action)).toEqual(['incident.open', 'incident.move', 'incident.move', 'incident.move', 'incident.move', 'incident.review', 'incident.review', 'incident.move']);
  });

  it('can be cancelled from every open stage, and answers refusals with stable codes and Vietnamese messages', async () => {
    setClock(T0);
    const { t, principal } = await setup();
    const actor = { userId: principal.id };
    const path = ['active', 'contained', 'resolved', 'review'] as const;
    for (let n = 0; n <= path.length; n++) {
      const i = await openIncident(actor, { unitId: t.school.id, title: `Sự cố hủy ở bước ${n}`, severity: 1 });
      for (const s of path.slice(0, n)) await moveIncident(actor, i.id, s);
      expect((await moveIncident(actor, i.id, 'cancelled', 'Trùng với sự cố khác.')).status).toBe('cancelled');
    }
    const c = makeClient();
    await c.login(principal.email);
    const i = await openIncident(actor, { unitId: t.school.id, title: 'Sự cố thử lỗi', severity: 2 });
    const skip = await c.post(`/api/incidents/${i.id}/transition`, { to: 'resolved' });
    expect(skip.status).toBe(409);
    expect(skip.json.error).toEqual({ code: 'incident.bad_transition', message: 'Không chuyển được từ giai đoạn "Tiếp nhận, phân loại" sang "Đã giải quyết": phải đi lần lượt từng giai đoạn, không bỏ qua.' });
    // a story about a school of another province cannot be opened as this school's incident
    const { storyId } = await makeStory(t.otherSchool.id, 1);
    const foreign = await c.post('/api/incidents', { unitId: t.school.id, title: 'Tin của tỉnh khác', severity: 2, storyId });
    expect(foreign.json.error.code).toBe('incident.story_unrelated');
    const bad = await c.post('/api/incidents', { unitId: t.school.id, title: '', severity: 7 });
    expect(bad.status).toBe(400);
  });

  it('cancels from an open stage only with a reason; a raise of severity shortens the clocks', async () => {
    setClock(T0);
    const { t, principal } = await setup();
    const actor = { userId: principal.id };
    const i = await openIncident(actor, { unitId: t.school.id, title: 'Tin đồn học sinh bị ngộ độc', severity: 1 });
    expect(i.clocks.firstStatement).toBeNull();
    const raised = await updateIncident(actor, i.id, { version: i.version, severity: 4 });
    expect(raised.clocks.firstStatement?.dueAt).toBe(new Date(T0.getTime() + 6 * H).toISOString());
    expect(raised.clocks.fastReport?.dueAt).toBe(new Date(T0.getTime() + 12 * H).toISOString());
    await expect(updateIncident(actor, i.id, { version: i.version, severity: 2 })).rejects.toMatchObject({ code: 'incident.stale' });
    await expect(moveIncident(actor, i.id, 'cancelled', '  ')).rejects.toMatchObject({ code: 'incident.reason_required' });
    const c = await moveIncident(actor, i.id, 'cancelled', 'Đã xác minh: tin đồn sai sự thật.');
    expect(c).toMatchObject({ status: 'cancelled', cancelReason: 'Đã xác minh: tin đồn sai sự thật.' });
  });
});

describe('escalation up the tree', () => {
  it('tells the commune office on opening (level 2), then the Sở and the ministry as the clocks run out — once each', async () => {
    setClock(T0);
    const { t, principal, communeFocal, deptLeader, ministryLeader } = await setup();
    const i = await openIncident({ userId: principal.id }, { unitId: t.school.id, title: 'Bức xúc về khoản thu ngoài quy định', severity: 2, detectedAt: T0 });
    expect(i.escalations.map((e) => [e.unitId, e.reason])).toEqual([[t.commune.id, 'opened']]);
    await sweepIncidents();
    expect(await noticesOf(communeFocal.id)).toEqual([`Sự cố tại Trường THCS Thử: Bức xúc về khoản thu ngoài quy định`]);
    expect(await mailsTo(communeFocal.email)).toBe(1);
    expect(await noticesOf(deptLeader.id)).toEqual([]);

    // 25 hours: the first statement (24 h at level 2) is overdue → the Sở is told
    advanceClock(25 * H);
    await sweepIncidents();
    await sweepIncidents();
    const after25 = await getIncident(db(), i.id);
    expect(after25.clocks.firstStatement?.state).toBe('overdue');
    expect(after25.escalations.map((e) => [e.unitId, e.reason])).toEqual([[t.commune.id, 'opened'], [t.dept.id, 'statement_overdue']]);
    expect(await noticesOf(deptLeader.id)).toEqual(['Quá hạn phát ngôn đầu tiên — Trường THCS Thử: Bức xúc về khoản thu ngoài quy định']);
    expect(await mailsTo(deptLeader.email)).toBe(1);

    // 49 hours: the fast report (48 h) is overdue too → the next unit up, the ministry
    advanceClock(24 * H);
    await sweepIncidents();
    await sweepIncidents();
    expect(await noticesOf(ministryLeader.id)).toEqual(['Quá hạn báo cáo nhanh — Trường THCS Thử: Bức xúc về khoản thu ngoài quy định']);
    expect(await noticesOf(deptLeader.id)).toHaveLength(1);
    expect(await noticesOf(communeFocal.id)).toHaveLength(1);
    const tl = (await getIncident(db(), i.id)).timeline.filter((e) => e.kind === 'escalation').map((e) => e.title);
    expect(tl).toHaveLength(3);
  });

  it('a level-3 incident goes up to the Sở at once; the fast report goes to both, as a DOCX, with read receipts', async () => {
    setClock(T0);
    const { t, principal, communeFocal, deptLeader, ministryLeader, outsider } = await setup();
    const actor = { userId: principal.id };
    const i = await openIncident(actor, { unitId: t.school.id, title: 'Học sinh bị bạo lực học đường lan truyền trên mạng', severity: 3 });
    expect(i.escalations.map((e) => e.unitId).sort()).toEqual([t.commune.id, t.dept.id].sort());
    await expect(sendFastReport(actor, i.id)).rejects.toMatchObject({ code: 'incident.no_report' });
    await saveFastReport(actor, i.id, { what: 'Clip học sinh lớp 8 xô xát lan truyền trên mạng xã hội.' });
    await expect(sendFastReport(actor, i.id)).rejects.toMatchObject({ code: 'incident.report_incomplete' });
    await saveFastReport(actor, i.id, {
      what: 'Clip học sinh lớp 8 xô xát lan truyền trên mạng xã hội.', when: 'Chiều 01/3/2026', where: 'Sân trường', affected: 'Hai học sinh lớp 8A',
      actions: 'Mời phụ huynh làm việc; tổ tư vấn tâm lý hỗ trợ học sinh.', nextSteps: 'Họp hội đồng kỷ luật.', proposals: 'Đề nghị Sở hỗ trợ chuyên gia tâm lý.',
    });
    const sent = await sendFastReport(actor, i.id);
    expect(sent.reports[0]).toMatchObject({ seq: 1, status: 'sent' });
    expect(sent.reports[0].recipients.map((r) => r.unitId).sort()).toEqual([t.commune.id, t.dept.id].sort());
    expect(sent.clocks.fastReport?.state).toBe('met');
    await sweepIncidents();
    expect((await noticesOf(deptLeader.id)).at(-1)).toBe('Báo cáo nhanh số 1 của Trường THCS Thử: Học sinh bị bạo lực học đường lan truyền trên mạng');
    expect(await noticesOf(ministryLeader.id)).toEqual([]);

    // the Sở reads it over HTTP; the DOCX is laid out as an administrative document
    const sở = makeClient();
    await sở.login(deptLeader.email);
    const inbox = await sở.get(`/api/incidents/inbox?unitId=${t.dept.id}`);
    expect(inbox.json.items).toHaveLength(1);
    expect(inbox.json.items[0]).toMatchObject({ incidentId: i.id, readAt: null });
    const reportId = inbox.json.items[0].id;
    const docx = await sở.get(`/api/incidents/reports/${reportId}/docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');
    const file = await fastReportDocx(db(), reportId, now());
    const xml = await (await JSZip.loadAsync(file.data)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'BÁO CÁO NHANH', 'Kính gửi: Sở GDĐT tỉnh Thử; Xã Thử Nghiệm.', 'Những việc đã làm', 'Đề nghị Sở hỗ trợ chuyên gia tâm lý.']) expect(text).toContain(s);
    expect((await sở.post(`/api/incidents/reports/${reportId}/read`, { unitId: t.dept.id })).json).toEqual({ changed: true });
    const seen = await getIncident(db(), i.id);
    expect(seen.reports[0].recipients.find((r) => r.unitId === t.dept.id)).toMatchObject({ readByName: 'Lãnh đạo Sở' });
    expect(seen.reports[0].recipients.find((r) => r.unitId === t.commune.id)?.readAt).toBeNull();
    void communeFocal;

    // scope: a Sở of another province sees nothing of it
    const other = makeClient();
    await other.login(outsider.email);
    expect((await other.get(`/api/incidents/${i.id}`)).status).toBe(403);
    expect((await other.post(`/api/incidents/reports/${reportId}/read`, { unitId: t.dept.id })).status).toBe(403);
    const list = await sở.get(`/api/incidents?unitId=${t.dept.id}&status=open`);
    expect(list.json.items.map((x: { id: number }) => x.id)).toContain(i.id);
    expect((await other.get(`/api/incidents?unitId=${t.otherDept.id}`)).json.items.map((x: { id: number }) => x.id)).not.toContain(i.id);
  });
});

describe('story attachment and the published result', () => {
  it('attaches the story’s copies, keeps attaching new ones (once each), and publishes a sanitised result linked to the thread', async () => {
    setClock(T0);
    const { t, principal, contributor } = await setup();
    const actor = { userId: principal.id };
    const { storyId, sourceId } = await makeStory(t.school.id, 2);
    const c = makeClient();
    await c.login(principal.email);
    const opened = await c.post('/api/incidents', { unitId: t.school.id, title: 'Lạm thu đầu năm học', severity: 2, storyId });
    expect(opened.status).toBe(201);
    const id = opened.json.id as number;
    expect(opened.json.detectedAt).toBe(new Date(T0.getTime() - 2 * H).toISOString());
    expect(opened.json.timeline.filter((e: { kind: string }) => e.kind === 'mention')).toHaveLength(2);
    // the story grows: a third copy, then a thread with another story's copy
    await addCopies(sourceId, storyId, t.school.id, 1);
    await sweepIncidents();
    await sweepIncidents();
    expect((await getIncident(db(), id)).timeline.filter((e) => e.kind === 'mention')).toHaveLength(3);
    const th = await db().query(`insert into monitor_threads (title, first_seen_at, last_seen_at) values ('Chuỗi tin lạm thu', now(), now()) returning id`);
    const threadId = Number(th.rows[0].id);
    await db().query('update monitor_stories set thread_id = $2 where id = $1', [storyId, threadId]);
    await db().query('update monitor_items set thread_id = $2 where story_id = $1', [storyId, threadId]);
    const other = await db().query(`insert into monitor_stories (title, thread_id, first_seen_at, last_seen_at) values ('Tin tiếp theo', $1, now(), now()) returning id`, [threadId]);
    await addCopies(sourceId, Number(other.rows[0].id), t.school.id, 1, threadId);
    await sweepIncidents();
    const grown = await getIncident(db(), id);
    expect(grown.threadId).toBe(threadId);
    expect(grown.timeline.filter((e) => e.kind === 'mention')).toHaveLength(4);
    expect(grown.timeline.find((e) => e.kind === 'mention')?.link).toMatch(/^https:\/\/tin-nhanh\.vn\//);

    // the result: only once resolved, sanitised, public
    await saveResult(actor, id, { title: 'Kết quả xử lý phản ánh lạm thu tại Trường THCS Thử', html: '<p onclick="x()">Nhà trường đã <strong>hoàn trả</strong> các khoản thu sai quy định.</p><script>alert(1)</script>' });
    await expect(publishResult(actor, id, true)).rejects.toMatchObject({ code: 'incident.result_too_early' });
    for (const s of ['active', 'contained', 'resolved'] as const) await moveIncident(actor, id, s);
    const pub = await publishResult(actor, id, true);
    expect(pub.resultUrl).toBe('/cong-khai-ket-qua-xu-ly/ket-qua-xu-ly-phan-anh-lam-thu-tai-truong-thcs-thu');
    const r = await publishedResult(db(), 'ket-qua-xu-ly-phan-anh-lam-thu-tai-truong-thcs-thu');
    expect(r?.html).toBe('<p>Nhà trường đã <strong>hoàn trả</strong> các khoản thu sai quy định.</p>');
    expect(r?.sources.length).toBe(4);
    const page = await createApp().request(pub.resultUrl as string);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Kết quả xử lý phản ánh lạm thu tại Trường THCS Thử');
    expect(html).toContain('https://tin-nhanh.vn/bai-');
    expect(html).not.toContain('<script>alert');
    expect((await createApp().request('/cong-khai-ket-qua-xu-ly')).status).toBe(200);
    expect(await (await createApp().request('/sitemap.xml')).text()).toContain(`${pub.resultUrl}</loc>`);
    // withdrawn → gone from the portal and the sitemap
    await publishResult(actor, id, false);
    expect((await createApp().request(pub.resultUrl as string)).status).toBe(404);
    expect(await (await createApp().request('/sitemap.xml')).text()).not.toContain(`${pub.resultUrl}</loc>`);

    // a contributor may not read incidents at all
    const cc = makeClient();
    await cc.login(contributor.email);
    expect((await cc.get(`/api/incidents/${id}`)).status).toBe(403);
  });

  it('getIncidentForUnit answers only for related units', async () => {
    const { t, principal } = await setup();
    const i = await openIncident({ userId: principal.id }, { unitId: t.school.id, title: 'Sự cố thử', severity: 1 });
    expect(await getIncidentForUnit(db(), i.id, t.dept.id)).toMatchObject({ id: i.id, unitId: t.school.id, status: 'triage' });
    await expect(getIncidentForUnit(db(), i.id, t.otherDept.id)).rejects.toMatchObject({ code: 'incident.not_found' });
    expect(now()).toBeInstanceOf(Date);
  });

  it('tells the unit and its parent once per missed update while the incident is active', async () => {
    const { t, principal, communeFocal } = await setup();
    setClock(T0);
    const i = await openIncident({ userId: principal.id }, { unitId: t.school.id, title: 'Sự cố nhịp cập nhật', severity: 2 });
    await moveIncident({ userId: principal.id }, i.id, 'active');
    const reminders = async () =>
      Number((await db().query(`select count(*)::int as n from incident_timeline where incident_id = $1 and title = $2`, [i.id, 'Quá hạn cập nhật thông tin, đã nhắc đơn vị và cấp trên'])).rows[0].n);
    // level 2: an update every 24 hours
    advanceClock(23 * H);
    await sweepIncidents();
    expect(await reminders()).toBe(0);
    advanceClock(2 * H);
    await sweepIncidents();
    await sweepIncidents();
    expect(await reminders()).toBe(1);
    expect((await noticesOf(communeFocal.id)).filter((x) => x.startsWith('Quá hạn cập nhật thông tin về sự cố'))).toHaveLength(1);
    // an update restarts the rhythm; the next miss is told once more
    await recordEntry({ userId: principal.id }, i.id, { kind: 'message', title: 'Cập nhật tình hình xử lý' });
    advanceClock(23 * H);
    await sweepIncidents();
    expect(await reminders()).toBe(1);
    advanceClock(2 * H);
    await sweepIncidents();
    expect(await reminders()).toBe(2);
    // resolved: no rhythm any more
    await moveIncident({ userId: principal.id }, i.id, 'contained');
    await moveIncident({ userId: principal.id }, i.id, 'resolved');
    advanceClock(72 * H);
    await sweepIncidents();
    expect(await reminders()).toBe(2);
  });
});
