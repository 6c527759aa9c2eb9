import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import '../../src/jobs';
import {
  briefingCompliance,
  listIssues,
  moveQuestion,
  moveRelease,
  moveRebuttal,
  listCorrections,
  listOutlets,
  outletCoverage,
  recordQuestion,
  remindLibraryAndCorrections,
  remindQuestionDeadlines,
  saveBriefing,
  saveCorrection,
  saveIssue,
  saveJournalist,
  saveOutlet,
  saveRebuttal,
  saveRelease,
} from '../../src/modules/press';
import { openIncident } from '../../src/modules/incidents';
import { advanceClock, resetClock, setClock } from '../../src/platform/clock';
import { db } from '../../src/platform/db';
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

async function office() {
  const t = await makeTree();
  const focal = await makePerson({ unitId: t.dept.id, roles: ['focal_point'] });
  const spokesperson = await makePerson({ unitId: t.dept.id, roles: ['spokesperson'] });
  const leader = await makePerson({ unitId: t.dept.id, roles: ['leader'] });
  const editor = await makePerson({ unitId: t.dept.id, roles: ['editor'] });
  const schoolSpokesperson = await makePerson({ unitId: t.school.id, roles: ['spokesperson'] });
  const otherSpokesperson = await makePerson({ unitId: t.otherDept.id, roles: ['spokesperson'] });
  return { t, focal, spokesperson, leader, editor, schoolSpokesperson, otherSpokesperson };
}
const mailsTo = async (email: string) =>
  Number((await db().query(`select count(*)::int as n from pgboss.job where name = 'mail.send' and data->>'to' = $1`, [email])).rows[0].n);
const auditCount = async (action: string) => Number((await db().query('select count(*)::int as n from audit_log where action = $1', [action])).rows[0].n);

describe('press questions', () => {
  it('the public form applies the spam rules, then the question goes assign → draft → approve (register, not one’s own) → answer', async () => {
    const o = await office();
    setClock(new Date('2026-11-23T02:00:00Z'));
    const visitor = makeClient();
    const page = await visitor.get('/bao-chi/gui-cau-hoi');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.text).toContain(o.t.dept.name);
    const tokens = /name="tokens" value="([^"]+)"/.exec(page.text)?.[1] as string;
    const form = (extra: Record<string, string> = {}) => {
      const f = new FormData();
      const v = { unitId: String(o.t.dept.id), tokens, website: '', name: 'Phạm Minh Khôi', outlet: 'Báo Giáo dục Lam Sơn', email: 'khoi.pham@giaoduclamson.vn', phone: '',
        subject: 'Tuyển sinh lớp 10 năm học 2027-2028', question: 'Xin Sở cho biết phương án tuyển sinh lớp 10 năm tới có thay đổi môn thi thứ ba hay không?', deadline: '2026-11-25', ...extra };
      for (const [k, x] of Object.entries(v)) f.append(k, x);
      return f;
    };
    const fast = await visitor.request('POST', '/bao-chi/gui-cau-hoi', form());
    expect(fast.status).toBe(400);
    expect(fast.text).toContain('Bạn gửi quá nhanh');
    expect(fast.text).toContain('Phạm Minh Khôi');
    advanceClock(5_000);
    expect((await visitor.request('POST', '/bao-chi/gui-cau-hoi', form(), { origin: 'https://evil.example' })).status).toBe(403);
    expect((await visitor.request('POST', '/bao-chi/gui-cau-hoi', form({ website: 'http://spam.example' }))).status).toBe(400);
    const noReach = await visitor.request('POST', '/bao-chi/gui-cau-hoi', form({ email: '' }));
    expect(noReach.status).toBe(400);
    expect(noReach.text).toContain('thư điện tử hoặc số điện thoại');
    // a browser posting under `Referrer-Policy: no-referrer` sends `Origin: null` with `Sec-Fetch-Site: same-origin`
    expect((await visitor.request('POST', '/bao-chi/gui-cau-hoi', form(), { origin: 'null', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    const ok = await visitor.request('POST', '/bao-chi/gui-cau-hoi', form(), { origin: 'null', 'sec-fetch-site': 'same-origin' });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('Đã nhận câu hỏi');
    // the hourly limit per IP (5) counts refused submissions too
    for (let i = 0; i < 3; i++) expect((await visitor.request('POST', '/bao-chi/gui-cau-hoi', form({ email: '' }))).status).toBe(400);
    const limited = await visitor.request('POST', '/bao-chi/gui-cau-hoi', form());
    expect(limited.status).toBe(429);
    expect(limited.text).toContain('quá nhiều');

    const fc = makeClient();
    await fc.login(o.focal.email);
    const list = await fc.get(`/api/press/questions?unitId=${o.t.dept.id}&open=1`);
    expect(list.status).toBe(200);
    expect(list.json.items).toHaveLength(1);
    const q = list.json.items[0];
    expect(q).toMatchObject({ channel: 'form', status: 'received', journalistName: 'Phạm Minh Khôi', outletName: 'Báo Giáo dục Lam Sơn' });
    expect(q.deadlineAt).toBe('2026-11-25T10:00:00.000Z');

    const people = await fc.get(`/api/press/people?unitId=${o.t.dept.id}`);
    expect(people.json.register.map((p: { id: number }) => p.id).sort()).toEqual([o.spokesperson.id, o.leader.id].sort());
    expect((await fc.post(`/api/press/questions/${q.id}/assign`, { assignedTo: o.otherSpokesperson.id })).status).toBe(400);
    expect((await fc.post(`/api/press/questions/${q.id}/assign`, { assignedTo: o.focal.id })).json.status).toBe('assigned');
    expect((await fc.post(`/api/press/questions/${q.id}/approve`, {})).status).toBe(403); // a focal point is not in the register
    const drafted = await fc.post(`/api/press/questions/${q.id}/draft`, { draftAnswer: 'Năm học 2027-2028, Sở giữ ổn định ba môn thi như năm trước.' });
    expect(drafted.json).toMatchObject({ status: 'drafted', draftedBy: o.focal.id });

    // a spokesperson of another unit and one of a school below are not this unit's register
    await expect(moveQuestion({ userId: o.schoolSpokesperson.id }, q.id, { action: 'approve' })).rejects.toMatchObject({ code: 'press.not_spokesperson' });
    const sp = makeClient();
    await sp.login(o.spokesperson.email);
    expect((await sp.post(`/api/press/questions/${q.id}/answer`, {})).status).toBe(409); // not approved yet
    const approved = await sp.post(`/api/press/questions/${q.id}/approve`, {});
    expect(approved.json).toMatchObject({ status: 'approved', approvedBy: o.spokesperson.id });
    const answered = await sp.post(`/api/press/questions/${q.id}/answer`, {});
    expect(answered.json).toMatchObject({ status: 'answered', answer: 'Năm học 2027-2028, Sở giữ ổn định ba môn thi như năm trước.', answeredBy: o.spokesperson.id });
    for (const a of ['receive', 'assign', 'draft', 'approve', 'answer']) expect(await auditCount(`press_question.${a}`)).toBeGreaterThanOrEqual(1);
  });

  it('refuses self-approval, needs a reason to decline, and a leader above approves', async () => {
    const o = await office();
    const q = await recordQuestion({ userId: o.focal.id }, { unitId: o.t.school.id, channel: 'phone', journalistName: 'Lê Thu Trang', subject: 'Bữa ăn bán trú', question: 'Nhà trường xử lý phản ánh về bữa ăn bán trú thế nào?' });
    expect(q).toMatchObject({ status: 'received', channel: 'phone', email: null });
    await moveQuestion({ userId: o.schoolSpokesperson.id }, q.id, { action: 'assign', assignedTo: o.schoolSpokesperson.id });
    await moveQuestion({ userId: o.schoolSpokesperson.id }, q.id, { action: 'draft', draftAnswer: 'Nhà trường đã thay nhà cung cấp thực phẩm.' });
    await expect(moveQuestion({ userId: o.schoolSpokesperson.id }, q.id, { action: 'approve' })).rejects.toMatchObject({ code: 'press.self_approval' });
    // the Sở's spokesperson is not the school's; the Sở's leader reaches it
    await expect(moveQuestion({ userId: o.spokesperson.id }, q.id, { action: 'approve' })).rejects.toMatchObject({ code: 'press.not_spokesperson' });
    expect((await moveQuestion({ userId: o.leader.id }, q.id, { action: 'approve' })).status).toBe('approved');
    const q2 = await recordQuestion({ userId: o.focal.id }, { unitId: o.t.dept.id, channel: 'email', journalistName: 'Võ Hải', email: 'hai@tin.vn', subject: 'Học phí', question: 'Mức học phí năm tới ra sao vậy?' });
    await expect(moveQuestion({ userId: o.spokesperson.id }, q2.id, { action: 'decline', reason: '  ' })).rejects.toMatchObject({ code: 'press.reason_required' });
    expect(await moveQuestion({ userId: o.spokesperson.id }, q2.id, { action: 'decline', reason: 'Thuộc thẩm quyền của Hội đồng nhân dân tỉnh.' })).toMatchObject({ status: 'declined' });
  });

  it('reminds once before the deadline and once after it, on the platform clock', async () => {
    const o = await office();
    setClock(new Date('2026-11-20T01:00:00Z'));
    const q = await recordQuestion({ userId: o.focal.id }, { unitId: o.t.dept.id, channel: 'email', journalistName: 'Đỗ Quang', email: 'quang@tin.vn', subject: 'Sáp nhập trường', question: 'Lộ trình sáp nhập các trường nhỏ ra sao?', deadlineAt: '2026-11-22T10:00:00Z' });
    await moveQuestion({ userId: o.focal.id }, q.id, { action: 'assign', assignedTo: o.editor.id });
    expect(await remindQuestionDeadlines()).toEqual({ soon: 0, late: 0 });
    advanceClock(36 * 3_600_000); // 2026-11-21T13:00Z: within 24 h
    expect(await remindQuestionDeadlines()).toEqual({ soon: 1, late: 0 });
    expect(await remindQuestionDeadlines()).toEqual({ soon: 0, late: 0 });
    expect(await mailsTo(o.editor.email)).toBe(1);
    advanceClock(24 * 3_600_000); // past the deadline
    expect(await remindQuestionDeadlines()).toEqual({ soon: 0, late: 1 });
    expect(await remindQuestionDeadlines()).toEqual({ soon: 0, late: 0 });
    expect(await mailsTo(o.editor.email)).toBe(2);
    const fc = makeClient();
    await fc.login(o.focal.email);
    expect((await fc.get(`/api/press/questions/${q.id}`)).json.isOverdue).toBe(true);
  });
});

describe('incidents', () => {
  it('puts an answer to the press and a published rebuttal on the linked incident’s timeline', async () => {
    const o = await office();
    const inc = await openIncident({ userId: o.focal.id }, { unitId: o.t.dept.id, title: 'Tin đồn nghỉ học toàn tỉnh', severity: 2 });
    const other = await openIncident({ userId: o.otherSpokesperson.id }, { unitId: o.t.otherDept.id, title: 'Sự cố tỉnh khác', severity: 1 });
    await expect(recordQuestion({ userId: o.focal.id }, { unitId: o.t.dept.id, channel: 'phone', journalistName: 'Mai Lan', subject: 'Nghỉ học', question: 'Có đúng học sinh nghỉ học không?', incidentId: other.id })).rejects.toMatchObject({ status: 404 });
    const q = await recordQuestion({ userId: o.focal.id }, { unitId: o.t.dept.id, channel: 'phone', journalistName: 'Mai Lan', subject: 'Nghỉ học', question: 'Có đúng học sinh nghỉ học không?', incidentId: inc.id });
    await moveQuestion({ userId: o.focal.id }, q.id, { action: 'assign', assignedTo: o.focal.id });
    await moveQuestion({ userId: o.focal.id }, q.id, { action: 'draft', draftAnswer: 'Không có văn bản nào cho học sinh nghỉ học.' });
    await moveQuestion({ userId: o.spokesperson.id }, q.id, { action: 'approve' });
    await moveQuestion({ userId: o.spokesperson.id }, q.id, { action: 'answer' });
    const b = await saveRebuttal({ userId: o.focal.id }, null, { unitId: o.t.dept.id, incidentId: inc.id, title: 'Bác bỏ tin nghỉ học', falseClaim: 'Học sinh nghỉ học cả tuần.', bodyHtml: '<p>Không đúng.</p>' });
    await moveRebuttal({ userId: o.spokesperson.id }, b.id, 'publish');
    const rows = await db().query('select kind, ref_table as "refTable", ref_id as "refId" from incident_timeline where incident_id = $1 and ref_table like $2 order by id', [inc.id, 'press_%']);
    expect(rows.rows.map((r) => [r.kind, r.refTable, Number(r.refId)])).toEqual([['press', 'press_questions', q.id], ['statement', 'press_rebuttals', b.id]]);
    expect((await db().query('select first_statement_at from incidents where id = $1', [inc.id])).rows[0].first_statement_at).not.toBeNull();
  });
});

describe('press releases and rebuttals on the portal', () => {
  it('publishes an approved release (never approved by its author) with an ASCII slug and OpenGraph, then withdraws it', async () => {
    const o = await office();
    const r = await saveRelease({ userId: o.spokesperson.id }, null, { unitId: o.t.dept.id, title: 'Thông cáo về kỳ thi học sinh giỏi cấp tỉnh', summary: 'Kỳ thi diễn ra an toàn, nghiêm túc.', bodyHtml: '<p onclick="x()">Sáng nay, <strong>hơn 1.200 thí sinh</strong> dự thi.</p><script>alert(1)</script>' });
    expect(r).toMatchObject({ slug: 'thong-cao-ve-ky-thi-hoc-sinh-gioi-cap-tinh', status: 'draft', bodyHtml: '<p>Sáng nay, <strong>hơn 1.200 thí sinh</strong> dự thi.</p>' });
    await expect(moveRelease({ userId: o.spokesperson.id }, r.id, { action: 'approve' })).rejects.toMatchObject({ code: 'press.self_approval' });
    await expect(moveRelease({ userId: o.focal.id }, r.id, { action: 'approve' })).rejects.toMatchObject({ code: 'press.not_spokesperson' });
    await expect(moveRelease({ userId: o.leader.id }, r.id, { action: 'publish' })).rejects.toMatchObject({ code: 'press.bad_state' });
    await moveRelease({ userId: o.leader.id }, r.id, { action: 'approve' });
    const pub = await moveRelease({ userId: o.spokesperson.id }, r.id, { action: 'publish' });
    expect(pub.publicUrl).toBe('/thong-cao-bao-chi/thong-cao-ve-ky-thi-hoc-sinh-gioi-cap-tinh');
    const visitor = makeClient();
    const list = await visitor.get('/thong-cao-bao-chi');
    expect(list.text).toContain('Thông cáo về kỳ thi học sinh giỏi cấp tỉnh');
    const page = await visitor.get(pub.publicUrl as string);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<meta property="og:type" content="article"/>');
    expect(page.text).toContain('hơn 1.200 thí sinh');
    expect(page.text).not.toContain('alert(1)');
    expect((await visitor.get('/sitemap.xml')).text).toContain('/thong-cao-bao-chi/thong-cao-ve-ky-thi-hoc-sinh-gioi-cap-tinh');
    await moveRelease({ userId: o.leader.id }, r.id, { action: 'withdraw', reason: 'Đính chính số liệu' });
    expect((await visitor.get(pub.publicUrl as string)).status).toBe(404);
  });

  it('a rebuttal names the thread it answers and lists its coverage links on the portal', async () => {
    const o = await office();
    const src = await db().query(`insert into monitor_sources (kind, name, url) values ('feed', 'Trang tin Phố Núi', 'https://phonui.example/rss') returning id`);
    const th = await db().query(`insert into monitor_threads (title, first_seen_at, last_seen_at) values ('Tin đồn nghỉ học', now(), now()) returning id`);
    await db().query(
      `insert into monitor_items (source_id, guid, link, canonical_url, title, content_hash, thread_id, tone, author) values
         ($1, 'a', 'https://phonui.example/tin-1', 'https://phonui.example/tin-1', 'Học sinh toàn tỉnh nghỉ học cả tuần?', 'h1', $2, 'negative', 'Trần Bình'),
         ($1, 'b', 'https://www.phonui.example/tin-2', 'https://phonui.example/tin-2', 'Lan truyền tin nghỉ học', 'h2', $2, 'neutral', null)`,
      [src.rows[0].id, th.rows[0].id],
    );
    const b = await saveRebuttal({ userId: o.focal.id }, null, { unitId: o.t.dept.id, threadId: Number(th.rows[0].id), title: 'Bác bỏ tin học sinh toàn tỉnh nghỉ học', falseClaim: 'Học sinh toàn tỉnh được nghỉ học cả tuần sau.', bodyHtml: '<p>Sở chưa ban hành văn bản nào cho học sinh nghỉ học.</p>' });
    await expect(moveRebuttal({ userId: o.focal.id }, b.id, 'publish')).rejects.toMatchObject({ code: 'press.not_spokesperson' });
    const pub = await moveRebuttal({ userId: o.spokesperson.id }, b.id, 'publish');
    expect(pub.coverage).toHaveLength(2);
    const page = await makeClient().get(pub.publicUrl as string);
    expect(page.status).toBe(200);
    expect(page.text).toContain('https://phonui.example/tin-1');
    expect(page.text).toContain('Học sinh toàn tỉnh được nghỉ học cả tuần sau.');
    expect((await makeClient().get('/cai-chinh-thong-tin')).text).toContain('Bác bỏ tin học sinh toàn tỉnh nghỉ học');

    // the outlet's coverage comes from the same monitoring items, by host and by author
    const outlet = await saveOutlet({ userId: o.focal.id }, null, { unitId: o.t.dept.id, name: 'Trang tin Phố Núi', kind: 'online', host: 'https://www.phonui.example/' });
    expect(outlet.host).toBe('phonui.example');
    await saveJournalist({ userId: o.focal.id }, null, { outletId: outlet.id, name: 'Trần Bình', beat: 'Giáo dục' });
    const cov = await outletCoverage(db(), outlet.id);
    expect(cov.total).toBe(2);
    expect(cov.byMonth.reduce((s, m) => s + m.negative + m.neutral, 0)).toBe(2);
    expect(cov.byJournalist[0]).toMatchObject({ name: 'Trần Bình', total: 1, negative: 1 });
    // a subdomain counts, a host that merely ends the same way does not (indexed reversed host)
    await db().query(
      `insert into monitor_items (source_id, guid, link, canonical_url, title, content_hash, tone) values
         ($1, 'c', 'https://m.phonui.example/tin-3', 'https://m.phonui.example/tin-3', 'Bản di động', 'h3', 'neutral'),
         ($1, 'd', 'https://notphonui.example/tin-4', 'https://notphonui.example/tin-4', 'Trang khác', 'h4', 'neutral')`,
      [src.rows[0].id],
    );
    expect((await outletCoverage(db(), outlet.id)).total).toBe(3);
    const listed = await listOutlets(db(), { unitPath: (await db().query('select path::text from units where id = $1', [o.t.dept.id])).rows[0].path });
    expect(listed.find((x) => x.id === outlet.id)?.itemCount).toBe(3);
    const c = await saveCorrection({ userId: o.focal.id }, null, { unitId: o.t.dept.id, outletId: outlet.id, whatWrong: 'Nêu sai là toàn tỉnh nghỉ học', requestedCorrection: 'Gỡ bài hoặc đính chính', sentOn: '2026-11-01' });
    expect(c.outcome).toBe('pending');
    setClock(new Date('2026-11-10T03:00:00Z'));
    expect((await remindLibraryAndCorrections()).corrections).toBe(1);
    expect((await remindLibraryAndCorrections()).corrections).toBe(0);
    const done = await saveCorrection({ userId: o.focal.id }, c.id, { outletId: outlet.id, whatWrong: c.whatWrong, requestedCorrection: c.requestedCorrection, sentOn: '2026-11-01', outcome: 'corrected', outcomeUrl: 'https://phonui.example/dinh-chinh' });
    expect(done).toMatchObject({ outcome: 'corrected', outcomeUrl: 'https://phonui.example/dinh-chinh' });
    expect(done.outcomeAt).not.toBeNull();

    // a correction points at an item about no unit, or about the unit's subtree — never another province's
    const items = await db().query(`select id, guid from monitor_items where source_id = $1 and guid in ('a', 'b')`, [src.rows[0].id]);
    const itemA = Number(items.rows.find((x) => x.guid === 'a').id);
    const itemB = Number(items.rows.find((x) => x.guid === 'b').id);
    await db().query(`insert into monitor_item_units (item_id, unit_id) values ($1, $2)`, [itemB, o.t.otherSchool.id]);
    const linked = await saveCorrection({ userId: o.focal.id }, c.id, { outletId: outlet.id, itemId: itemA, whatWrong: c.whatWrong, requestedCorrection: c.requestedCorrection });
    expect(linked).toMatchObject({ itemId: itemA, itemTitle: 'Học sinh toàn tỉnh nghỉ học cả tuần?', itemUrl: 'https://phonui.example/tin-1' });
    await expect(saveCorrection({ userId: o.focal.id }, c.id, { outletId: outlet.id, itemId: itemB, whatWrong: c.whatWrong, requestedCorrection: c.requestedCorrection }))
      .rejects.toMatchObject({ code: 'press.bad_item' });
    const after = (await listCorrections(db(), { unitPath: (await db().query('select path::text from units where id = $1', [o.t.dept.id])).rows[0].path })).find((x) => x.id === c.id);
    expect(after).toMatchObject({ itemId: itemA, itemTitle: 'Học sinh toàn tỉnh nghỉ học cả tuần?' });
  });
});

describe('briefings, issues library, scope', () => {
  it('shows Decree 09 compliance per month and quarter on the platform clock', async () => {
    const o = await office();
    setClock(new Date('2026-05-15T03:00:00Z'));
    await saveBriefing({ userId: o.focal.id }, null, { unitId: o.t.dept.id, kind: 'conference', title: 'Họp báo quý I', startsAt: '2026-02-10T02:00:00Z', status: 'held', spokespersonId: o.spokesperson.id });
    await saveBriefing({ userId: o.focal.id }, null, { unitId: o.t.dept.id, kind: 'briefing', title: 'Cung cấp thông tin tháng 4', startsAt: '2026-04-08T02:00:00Z', status: 'held' });
    await saveBriefing({ userId: o.focal.id }, null, { unitId: o.t.dept.id, kind: 'briefing', title: 'Cung cấp thông tin tháng 5', startsAt: '2026-05-20T02:00:00Z' });
    await expect(saveBriefing({ userId: o.focal.id }, null, { unitId: o.t.dept.id, kind: 'briefing', title: 'Sai người', startsAt: '2026-05-21T02:00:00Z', spokespersonId: o.editor.id })).rejects.toMatchObject({ code: 'press.not_spokesperson' });
    const c = await briefingCompliance(db(), o.t.dept.id, 2026);
    expect(c.needsConference).toBe(true);
    expect(c.months.map((m) => m.state).slice(0, 6)).toEqual(['overdue', 'done', 'overdue', 'done', 'due', 'upcoming']);
    expect(c.quarters.map((q) => q.state)).toEqual(['done', 'due', 'upcoming', 'upcoming']);
    expect((await briefingCompliance(db(), o.t.school.id, 2026)).quarters).toEqual([]);
  });

  it('finds issues without diacritics, reminds owners once per review date, and keeps scope', async () => {
    const o = await office();
    setClock(new Date('2026-11-23T03:00:00Z'));
    const i = await saveIssue({ userId: o.focal.id }, null, {
      unitId: o.t.dept.id, topic: 'Dạy thêm, học thêm', factsHtml: '<p>Thông tư 29/2024 quy định về dạy thêm.</p><img src=x onerror=alert(1)>', position: 'Không dạy thêm với học sinh đang dạy chính khóa có thu tiền.',
      qa: [{ q: 'Giáo viên có được dạy thêm không?', a: 'Được, nếu đăng ký và không dạy học sinh mình đang dạy.' }], ownerIds: [o.editor.id], tags: ['dạy thêm'], reviewOn: '2026-11-23',
    });
    expect(i.factsHtml).not.toContain('onerror');
    expect((await listIssues(db(), { unitPath: (await db().query('select path::text from units where id = $1', [o.t.dept.id])).rows[0].path, text: 'day them hoc them' })).map((x) => x.id)).toEqual([i.id]);
    expect(await remindLibraryAndCorrections()).toMatchObject({ issues: 1 });
    expect(await remindLibraryAndCorrections()).toMatchObject({ issues: 0 });
    expect(await mailsTo(o.editor.email)).toBe(1);

    const fc = makeClient();
    await fc.login(o.focal.email);
    expect((await fc.get(`/api/press/issues?unitId=${o.t.dept.id}&q=${encodeURIComponent('thong tu 29')}`)).json.items).toHaveLength(1);
    const outsider = makeClient();
    await outsider.login(o.otherSpokesperson.email);
    expect((await outsider.get(`/api/press/issues?unitId=${o.t.dept.id}`)).status).toBe(403);
    expect((await outsider.get(`/api/press/issues/${i.id}`)).status).toBe(403);
    // a school's spokesperson reads their own unit only
    const sc = makeClient();
    await sc.login(o.schoolSpokesperson.email);
    expect((await sc.get(`/api/press/questions?unitId=${o.t.school.id}`)).status).toBe(200);
    expect((await sc.get(`/api/press/questions?unitId=${o.t.dept.id}`)).status).toBe(403);
  });
});
