import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../src/jobs';
import { systemActor } from '../../src/modules/audit';
import { createPlan } from '../../src/modules/plans';
import { paragraphs, unzipDocx } from '../../src/modules/plans/export/docx-xml';
import {
  approveReport,
  createReport,
  exportReportFile,
  generateReport,
  getReport,
  reportInbox,
  reportPeriod,
  submitReport,
  updateReport,
} from '../../src/modules/reports';
import { fullWeeks } from '../../src/modules/reports/periods';
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

let seq = 0;
const next = () => ++seq;
const q = (sql: string, params: unknown[] = []) => db().query(sql, params);

/** The three levels: Sở (dept) → xã (commune) → two schools; plus a school outside. */
async function world() {
  const t = await makeTree();
  const school2 = await makeUnit({ parentId: t.commune.id, type: 'school', name: 'Trường Tiểu học Hoa Sen' });
  await q(`update units set doc_abbr = 'THCS' where id = $1`, [t.school.id]);
  const source = (await q(`insert into monitor_sources (kind, name, url) values ('feed', 'Báo Giáo dục thử', $1) returning id`, [`https://bao-thu.vn/${next()}.rss`])).rows[0].id;
  return { t, school2, source: Number(source) };
}

async function story(title: string, tone: string) {
  return Number((await q(`insert into monitor_stories (title, first_seen_at, last_seen_at, tone) values ($1, '2026-10-01', '2026-10-31', $2) returning id`, [title, tone])).rows[0].id);
}
async function item(source: number, storyId: number | null, tone: string, publishedAt: string, unitIds: number[]) {
  const n = next();
  const id = (await q(
    `insert into monitor_items (source_id, guid, title, content_hash, story_id, tone, published_at, analysed_at) values ($1, $2, $3, $2, $4, $5, $6, now()) returning id`,
    [source, `g-${n}`, `Tin số ${n}`, storyId, tone, publishedAt],
  )).rows[0].id;
  for (const u of unitIds) await q('insert into monitor_item_units (item_id, unit_id) values ($1, $2)', [id, u]);
}

describe('monthly public-opinion report', () => {
  it('counts mentions, tone, top stories and incidents of the unit and its subtree for the month', async () => {
    const { t, school2, source } = await world();
    const s1 = await story('Phụ huynh phản ánh thu tiền học thêm', 'negative');
    const s2 = await story('Học sinh đoạt giải Toán quốc gia', 'positive');
    // October 2026 (Vietnam time): 3 items of s1 about the school, 2 of s2 about the commune,
    // one item about both the school and school2 (counted once higher up), one about the other tree.
    await item(source, s1, 'negative', '2026-10-03T02:00:00Z', [t.school.id]);
    await item(source, s1, 'negative', '2026-10-04T02:00:00Z', [t.school.id]);
    await item(source, s1, 'neutral', '2026-10-31T16:30:00Z', [t.school.id]); // 23:30 on 31/10 in Vietnam: October
    await item(source, s2, 'positive', '2026-10-10T02:00:00Z', [t.commune.id]);
    await item(source, s2, 'positive', '2026-10-11T02:00:00Z', [t.commune.id]);
    await item(source, null, 'neutral', '2026-10-20T02:00:00Z', [t.school.id, school2.id]);
    await item(source, null, 'negative', '2026-10-20T02:00:00Z', [t.otherSchool.id]);
    await item(source, null, 'neutral', '2026-09-30T16:59:00Z', [t.school.id]); // 23:59 on 30/09: September (previous month)
    await item(source, null, 'neutral', '2026-10-31T17:00:00Z', [t.school.id]); // 00:00 on 01/11: November
    // incidents opened in October: one handled with its first statement on time, one active and late; one cancelled; one in September
    await q(
      `insert into incidents (unit_id, title, severity, status, detected_at, opened_at, first_statement_at, first_statement_due_at, resolved_at)
       values ($1, 'Tin đồn ngộ độc thực phẩm', 2, 'closed', '2026-10-05', '2026-10-05T01:00:00Z', '2026-10-05T03:00:00Z', '2026-10-05T05:00:00Z', '2026-10-06'),
              ($2, 'Clip xô xát trước cổng trường', 3, 'active', '2026-10-12', '2026-10-12T01:00:00Z', '2026-10-12T09:00:00Z', '2026-10-12T03:00:00Z', null),
              ($1, 'Báo nhầm', 1, 'cancelled', '2026-10-13', '2026-10-13T01:00:00Z', null, null, null),
              ($1, 'Sự cố tháng trước', 1, 'closed', '2026-09-13', '2026-09-13T01:00:00Z', null, null, null)`,
      [t.school.id, t.commune.id],
    );
    const writer = await makePerson({ unitId: t.dept.id, roles: ['focal_point'] });
    const r = await createReport({ userId: writer.id }, { unitId: t.dept.id, kind: 'monthly_opinion', period: { month: '2026-10' } });
    expect(r).toMatchObject({ status: 'generating', progressDone: 0, progressTotal: 5, periodStart: '2026-10-01', periodEnd: '2026-10-31', periodLabel: 'tháng 10 năm 2026' });
    expect(await generateReport(r.id, 1)).toBe(true);
    expect(await generateReport(r.id, 1)).toBe(false); // idempotent: a repeated job does nothing
    const g = await getReport(db(), r.id);
    expect(g).toMatchObject({ status: 'draft', progressDone: 5 });
    const sec = (k: string) => g.sections.find((s) => s.key === k)!;
    expect(sec('mentions').facts).toEqual({ total: 6, positive: 2, neutral: 2, negative: 2, stories: 2, sources: 1, previousTotal: 1 });
    expect(sec('mentions').lines[0]).toContain('ghi nhận 6 tin, bài');
    expect(sec('mentions').lines[1]).toBe('Về sắc thái: tích cực 2 (33,3%), trung tính 2 (33,3%), tiêu cực 2 (33,3%).');
    // by direct sub-unit: the commune's subtree has all 6 (the shared item once)
    expect(sec('mentions').tables[0]!.rows).toEqual([['Xã Thử Nghiệm', 6, 2, 2, 2]]);
    expect(sec('top_stories').tables[0]!.rows.map((row) => [row[1], row[2], row[4]])).toEqual([
      ['Phụ huynh phản ánh thu tiền học thêm', 3, 'tiêu cực'],
      ['Học sinh đoạt giải Toán quốc gia', 2, 'tích cực'],
    ]);
    expect(sec('incidents').facts).toMatchObject({ total: 2, handled: 1, open: 1, cancelled: 1, bySeverity: { 1: 0, 2: 1, 3: 1, 4: 0 }, statementOnTime: 1, statementLate: 1, noStatement: 0 });
    expect(sec('incidents').lines[0]).toBe('Trong kỳ phát sinh 2 sự cố truyền thông (mức 1: 0, mức 2: 1, mức 3: 1, mức 4: 0); đã xử lý xong 1, đang xử lý 1.');

    // the school's own report sees only its items (4 in October, the shared one included)
    const sr = await createReport({ userId: writer.id }, { unitId: t.school.id, kind: 'monthly_opinion', period: { month: '2026-10' } });
    await generateReport(sr.id, 1);
    const sg = await getReport(db(), sr.id);
    expect(sg.sections.find((s) => s.key === 'mentions')!.facts).toMatchObject({ total: 4, negative: 2, neutral: 2, positive: 0 });
    expect(sg.sections.find((s) => s.key === 'subunits')!.lines).toEqual(['Đơn vị không có đơn vị trực thuộc.']);

    // audited
    const audit = await q(`select action from audit_log where entity = 'report' and entity_id = $1 order by id`, [String(r.id)]);
    expect(audit.rows.map((x) => x.action)).toEqual(['report.create', 'report.generate']);
    await expect(createReport({ userId: writer.id }, { unitId: t.dept.id, kind: 'monthly_opinion', period: { month: '2026-10' } })).rejects.toMatchObject({ code: 'report.exists' });
    await expect(createReport({ userId: writer.id }, { unitId: t.dept.id, kind: 'monthly_opinion', period: { month: '2026-13' } })).rejects.toMatchObject({ code: 'report.bad_period' });
  });
});

describe('semester report on the plan', () => {
  it('reports task progress with evidence, articles and weekly quota, events and press work from known data', async () => {
    const { t, school2 } = await world();
    const writer = await makePerson({ unitId: t.commune.id, roles: ['focal_point'] });
    // the commune's issued plan for the school year, with three tasks and progress in Q3 2025, Q4 2025 and Q1 2026
    const plan = await createPlan(systemActor, {
      unitId: t.commune.id, title: 'Truyền thông giáo dục năm học 2025-2026', period: { schoolYear: '2025-2026' },
      tasks: [{ topic: 'Tuyên truyền chuyển đổi số' }, { topic: 'Tập huấn viết tin cho giáo viên' }, { topic: 'Chuyên mục gương sáng' }],
    });
    await q(`update plans set status = 'issued', number = 7, number_year = 2025, symbol = 'KH-UBND', issued_on = '2025-09-05' where id = $1`, [plan.id]);
    const [t1, t2, t3] = plan.tasks.map((x: { id: number }) => x.id);
    await q(
      `insert into plan_task_progress (task_id, quarter, status, note, evidence) values
         ($1, 3, 'in_progress', null, '[{"label":"Bài trên cổng","url":"https://xa.example/a"}]'),
         ($1, 4, 'done', 'Đã đăng 12 bài', '[{"label":"Chuyên mục","url":"https://xa.example/b"}]'),
         ($2, 1, 'at_risk', 'Thiếu kinh phí', '[]'),
         ($2, 4, 'done', null, '[]'),
         ($3, 2, 'done', null, '[]')`,
      [t1, t2, t3],
    );
    // t3 was cascaded to both schools' plans: their tasks' progress rolls up to it
    for (const [unitId, status] of [[t.school.id, 'done'], [school2.id, 'in_progress']] as const) {
      const sub = await createPlan(systemActor, { unitId, title: 'Kế hoạch của trường', period: { schoolYear: '2025-2026' }, tasks: [{ topic: 'Chuyên mục gương sáng của trường' }] });
      await q('update plan_tasks set parent_task_id = $2 where id = $1', [sub.tasks[0].id, t3]);
      await q(`insert into plan_task_progress (task_id, quarter, status) values ($1, 4, $2)`, [sub.tasks[0].id, status]);
    }
    // articles: school A sends in three weeks (two in one week), school B in one; two are published in the window; one outside the window
    const art = async (unitId: number, submittedAt: string, publishedAt: string | null = null) =>
      q(`insert into articles (unit_id, title, slug, status, submitted_at, published_at) values ($1, 'Tin', $2, $3, $4, $5)`, [unitId, `tin-${next()}`, publishedAt ? 'published' : 'submitted', submittedAt, publishedAt]);
    await art(t.school.id, '2025-09-02T02:00:00Z', '2025-09-03T02:00:00Z');
    await art(t.school.id, '2025-09-03T02:00:00Z');
    await art(t.school.id, '2025-10-06T02:00:00Z', '2025-10-07T02:00:00Z');
    await art(t.school.id, '2025-11-16T16:30:00Z'); // Sunday 23:30 in Vietnam: the week of 10/11
    await art(school2.id, '2025-12-01T02:00:00Z');
    await art(school2.id, '2026-02-01T02:00:00Z'); // after the semester
    // an event and press work in the window
    const ev = (await q(`insert into events (unit_id, kind, title, starts_at, status) values ($1, 'training', 'Tập huấn viết tin', '2025-10-15T01:00:00Z', 'held') returning id`, [t.commune.id])).rows[0].id;
    await q(`insert into event_invitees (event_id, unit_id, attended) values ($1, $2, true), ($1, $3, false)`, [ev, t.school.id, school2.id]);
    await q(
      `insert into press_questions (unit_id, channel, journalist_name, subject, question, status, created_at, deadline_at, answered_at) values
         ($1, 'phone', 'Phóng viên A', 'Học phí', 'Hỏi', 'answered', '2025-10-01T01:00:00Z', '2025-10-03T01:00:00Z', '2025-10-02T01:00:00Z'),
         ($1, 'email', 'Phóng viên B', 'Sách giáo khoa', 'Hỏi', 'answered', '2025-10-05T01:00:00Z', '2025-10-06T01:00:00Z', '2025-10-08T01:00:00Z')`,
      [t.school.id],
    );
    await q(`insert into press_releases (unit_id, title, slug, status, published_at) values ($1, 'Thông cáo khai giảng', $2, 'published', '2025-09-05T01:00:00Z')`, [t.commune.id, `tc-${next()}`]);
    await q(`insert into press_briefings (unit_id, kind, title, starts_at, status) values ($1, 'briefing', 'Cung cấp thông tin đầu năm', '2025-09-20T01:00:00Z', 'held')`, [t.commune.id]);

    const r = await createReport({ userId: writer.id }, { unitId: t.commune.id, kind: 'semester', period: { schoolYear: '2025-2026', semester: 1 } });
    expect(r).toMatchObject({ periodStart: '2025-09-01', periodEnd: '2026-01-31', periodLabel: 'học kỳ I năm học 2025-2026' });
    await generateReport(r.id, 1);
    const g = await getReport(db(), r.id);
    const sec = (k: string) => g.sections.find((s) => s.key === k)!;
    // quarters III, IV (2025) and I (2026): t1 done (Q4), t2 at risk (Q1 is later than Q4),
    // t3 has no covered row of its own (only Q2): rolled up from the schools' Q4, one done of two → in progress
    expect(sec('plan_progress').facts).toEqual({ tasks: 3, done: 1, in_progress: 1, at_risk: 1, not_started: 0, planId: plan.id });
    expect(sec('plan_progress').tables[0]!.rows).toEqual([
      [1, 'Tuyên truyền chuyển đổi số', 'Hoàn thành', 'Đã đăng 12 bài', 'Bài trên cổng (https://xa.example/a); Chuyên mục (https://xa.example/b)'],
      [2, 'Tập huấn viết tin cho giáo viên', 'Có nguy cơ chậm', 'Thiếu kinh phí', ''],
      [3, 'Chuyên mục gương sáng', 'Đang thực hiện', 'Cấp dưới hoàn thành 1/2', ''],
    ]);
    expect(sec('plan_progress').lines[0]).toContain('Kế hoạch số 7/KH-UBND');
    // 21 full weeks (01/09/2025 – 25/01/2026) × 2 schools; met: school A 3 weeks, school B 1
    expect(fullWeeks('2025-09-01', '2026-01-31', '2026-11-23')).toEqual({ firstMonday: '2025-09-01', lastMonday: '2026-01-19' });
    expect(fullWeeks('2025-09-01', '2026-01-31', '2025-09-10')).toEqual({ firstMonday: '2025-09-01', lastMonday: '2025-09-01' });
    expect(sec('articles').facts).toEqual({ weeks: 21, submitted: 5, published: 2, schools: 2, schoolWeeks: 42, metSchoolWeeks: 4 });
    expect(sec('articles').tables[0]!.rows).toEqual([
      ['Trường THCS Thử', 4, 2, 1, 21, 3, '14,3%'],
      ['Trường Tiểu học Hoa Sen', 1, 0, 1, 21, 1, '4,8%'],
    ]);
    expect(sec('events').facts).toEqual({ total: 1, byKind: { training: 1 }, invited: 2, attended: 1 });
    expect(sec('press').facts).toEqual({ questionsReceived: 2, questionsAnswered: 2, questionsAnsweredOnTime: 1, questionsDeclined: 0, releasesPublished: 1, rebuttalsPublished: 0, briefingsHeld: 1, conferencesHeld: 0 });
    expect(sec('press').lines[0]).toBe('Tiếp nhận 2 câu hỏi của báo chí; đã trả lời 2 (đúng hạn 1), từ chối 0.');
  });
});

describe('sign-off, export and submission across three levels', () => {
  it('school → commune → Sở: only a leader signs, submitting fulfils the deadline, lateness is measured, parents include sub-units', async () => {
    const { t } = await world();
    const schoolFocal = await makePerson({ unitId: t.school.id, roles: ['focal_point'] });
    const schoolLeader = await makePerson({ unitId: t.school.id, roles: ['leader'], name: 'Đặng Thị Thuỷ' });
    const communeFocal = await makePerson({ unitId: t.commune.id, roles: ['focal_point'] });
    const communeLeader = await makePerson({ unitId: t.commune.id, roles: ['leader'] });
    const deptLeader = await makePerson({ unitId: t.dept.id, roles: ['leader'] });
    const outsider = await makePerson({ unitId: t.otherDept.id, roles: ['leader'] });
    await q(`update users set title = 'Hiệu trưởng' where id = $1`, [schoolLeader.id]);

    // a monthly obligation with deadlines: the school's due in two days, the commune's two days ago, the Sở's tomorrow
    const plan = await createPlan(systemActor, { unitId: t.dept.id, title: 'Chế độ báo cáo', period: { year: 2026 }, obligations: [{ what: 'Báo cáo tình hình dư luận hằng tháng', recurrence: 'monthly', dayOfMonth: 20 }] });
    const ob = plan.obligations[0]!.id;
    const deadline = async (unitId: number, hours: number) =>
      Number((await q(`insert into obligation_deadlines (obligation_id, unit_id, label, due_date, due_at) values ($1, $2, 'Tháng 10/2026', (now() + make_interval(hours => $3))::date, now() + make_interval(hours => $3)) returning id`, [ob, unitId, hours])).rows[0].id);
    const dSchool = await deadline(t.school.id, 48);
    const dCommune = await deadline(t.commune.id, -48);
    const dDept = await deadline(t.dept.id, 24);

    // school: draft from data, edited, refused sign-off by its focal point and by an outsider, signed by its leader, exported, submitted
    const sc = makeClient();
    await sc.login(schoolFocal.email);
    const created = await sc.request('POST', '/api/reports', { unitId: t.school.id, kind: 'monthly_opinion', period: { month: '2026-10' } });
    expect(created.status).toBe(201);
    const rid = created.json.id as number;
    expect(created.json).toMatchObject({ status: 'generating', deadlineId: dSchool, can: { edit: false, approve: false } });
    await generateReport(rid, 1);
    let view = await sc.request('GET', `/api/reports/${rid}`);
    expect(view.json).toMatchObject({ status: 'draft', can: { edit: true, approve: false, submit: false } });
    const edited = await sc.request('PUT', `/api/reports/${rid}`, { version: view.json.version, sections: [{ key: 'assessment', text: 'Dư luận ổn định.\nĐề nghị tăng cường tin bài tích cực.' }] });
    expect(edited.status).toBe(200);
    expect((await sc.request('POST', `/api/reports/${rid}/approve`, {})).status).toBe(403);
    expect((await sc.request('POST', `/api/reports/${rid}/submit`, {})).status).toBe(409); // not approved yet
    const out = makeClient();
    await out.login(outsider.email);
    expect((await out.request('POST', `/api/reports/${rid}/approve`, {})).status).toBe(403);
    expect((await out.request('GET', `/api/reports/${rid}`)).status).toBe(403);
    const lc = makeClient();
    await lc.login(schoolLeader.email);
    const approved = await lc.request('POST', `/api/reports/${rid}/approve`, {});
    expect(approved.json).toMatchObject({ status: 'approved', approvedBy: schoolLeader.id, signer: { title: 'HIỆU TRƯỞNG', name: 'Đặng Thị Thuỷ' }, can: { edit: false, reopen: true } });
    await expect(updateReport({ userId: schoolFocal.id }, rid, { version: approved.json.version, title: 'Sửa' })).rejects.toMatchObject({ code: 'report.not_editable' });

    // exports: DOCX in the report layout, XLSX with the tables
    const docxRes = await sc.request('GET', `/api/reports/${rid}/export?format=docx`);
    expect(docxRes.status).toBe(200);
    expect(docxRes.headers.get('content-disposition')).toContain('.docx');
    const x = await unzipDocx((await exportReportFile(db(), rid, 'docx')).data);
    const text = paragraphs(x.document).map((p) => p.text);
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain('Tình hình thông tin, dư luận xã hội tháng 10 năm 2026');
    expect(text).toContain('I. TÌNH HÌNH THÔNG TIN, DƯ LUẬN');
    expect(text).toContain('Dư luận ổn định.');
    expect(text).toContain('Đặng Thị Thuỷ');
    expect(text.some((l) => l.startsWith('Trường THCS Thử báo cáo tình hình thông tin'))).toBe(true);
    expect(text.some((l) => l.startsWith('Trên đây là Báo cáo tình hình thông tin'))).toBe(true);
    expect(text.some((l) => /Số:\s+\/BC-THCS/.test(l))).toBe(true);
    expect(text).toContain('- Xã Thử Nghiệm (để báo cáo);');
    expect((await sc.request('GET', `/api/reports/${rid}/export?format=xlsx`)).status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportReportFile(db(), rid, 'xlsx')).data as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Tin, bài theo đơn vị', 'Các vấn đề được quan tâm nhiều', 'Sự cố truyền thông']);
    expect(wb.getWorksheet('Tổng hợp')!.getCell('B3').value).toBe('tháng 10 năm 2026');
    expect(wb.getWorksheet('Tin, bài theo đơn vị')!.getRow(1).values).toEqual([undefined, 'Đơn vị', 'Tổng số', 'Tích cực', 'Trung tính', 'Tiêu cực']);
    const pdf = await sc.request('GET', `/api/reports/${rid}/export?format=pdf`);
    expect([200, 503]).toContain(pdf.status);
    if (pdf.status === 503) expect(pdf.json.error.code).toBe('plan.pdf_unavailable');

    const submitted = await sc.request('POST', `/api/reports/${rid}/submit`, {});
    expect(submitted.json).toMatchObject({ status: 'submitted', submittedToUnitId: t.commune.id, isLate: false, lateDays: 0 });
    expect((await q('select fulfilled_at from obligation_deadlines where id = $1', [dSchool])).rows[0].fulfilled_at).not.toBeNull();

    // commune: its inbox shows the school on time; its report includes the school's; it submits late
    const cInbox = await reportInbox(db(), { unitId: t.commune.id, kind: 'monthly_opinion', periodKey: '2026-10' });
    expect(cInbox.items.map((i) => [i.unitId, i.isLate])).toEqual([[t.school.id, false]]);
    expect(cInbox.missing.map((m) => m.unitName)).toEqual(['Trường Tiểu học Hoa Sen']);
    const cr = await createReport({ userId: communeFocal.id }, { unitId: t.commune.id, kind: 'monthly_opinion', period: { month: '2026-10' } });
    expect(cr.deadlineId).toBe(dCommune);
    await generateReport(cr.id, 1);
    const cg = await getReport(db(), cr.id);
    const subs = cg.sections.find((s) => s.key === 'subunits')!;
    expect(subs.facts).toEqual({ expected: 2, submitted: 1, onTime: 1, late: 0 });
    expect(subs.lines[0]).toBe('Có 1/2 đơn vị trực thuộc đã gửi báo cáo (đúng hạn 1, trễ hạn 0). Chưa gửi: Trường Tiểu học Hoa Sen.');
    await approveReport({ userId: communeLeader.id }, cr.id);
    const cs = await submitReport({ userId: communeFocal.id }, cr.id);
    expect(cs).toMatchObject({ status: 'submitted', submittedToUnitId: t.dept.id, isLate: true, lateDays: 2 });

    // Sở: its inbox shows the commune late, its report counts it; it submits on time to the ministry
    const dc = makeClient();
    await dc.login(deptLeader.email);
    const inbox = await dc.request('GET', `/api/reports/inbox?unitId=${t.dept.id}`);
    expect(inbox.json.items.map((i: { unitId: number; isLate: boolean }) => [i.unitId, i.isLate])).toEqual([[t.commune.id, true]]);
    expect((await dc.request('GET', `/api/reports/${rid}`)).status).toBe(200); // a parent reads its sub-units' reports
    const dr = await createReport({ userId: deptLeader.id }, { unitId: t.dept.id, kind: 'monthly_opinion', period: { month: '2026-10' } });
    await generateReport(dr.id, 1);
    const dg = await getReport(db(), dr.id);
    expect(dg.sections.find((s) => s.key === 'subunits')!.facts).toEqual({ expected: 1, submitted: 1, onTime: 0, late: 1 });
    await approveReport({ userId: deptLeader.id }, dr.id);
    // the submission and the deadline's fulfilment commit together: a failing fulfilment leaves the report approved
    await q(`create function loa_test_refuse() returns trigger language plpgsql as $$ begin raise exception 'refused'; end $$`);
    await q(`create trigger loa_test_refuse before update on obligation_deadlines for each row when (old.id = ${Number(dDept)}) execute function loa_test_refuse()`);
    try {
      await expect(submitReport({ userId: deptLeader.id }, dr.id)).rejects.toThrow();
    } finally {
      await q('drop trigger loa_test_refuse on obligation_deadlines');
      await q('drop function loa_test_refuse()');
    }
    expect((await getReport(db(), dr.id)).status).toBe('approved');
    const ds = await submitReport({ userId: deptLeader.id }, dr.id);
    expect(ds).toMatchObject({ submittedToUnitId: t.root.id, isLate: false, deadlineId: dDept });
    expect((await q('select fulfilled_at from obligation_deadlines where id = $1', [dDept])).rows[0].fulfilled_at).not.toBeNull();

    const audit = await q(`select action from audit_log where entity = 'report' and entity_id = $1 order by id`, [String(rid)]);
    expect(audit.rows.map((a) => a.action)).toEqual(['report.create', 'report.generate', 'report.update', 'report.approve', 'report.submit']);
    // the ministry has no parent to submit to
    const mr = await createReport(systemActor, { unitId: t.root.id, kind: 'monthly_opinion', period: { month: '2026-10' } });
    await generateReport(mr.id, 1);
    await approveReport(systemActor, mr.id);
    await expect(submitReport(systemActor, mr.id)).rejects.toMatchObject({ code: 'report.no_parent' });
  });

  it('knows its periods', () => {
    expect(reportPeriod('semester', { schoolYear: '2025-2026', semester: 2 })).toMatchObject({ key: '2025-2026/2', start: '2026-02-01', end: '2026-08-31' });
    expect(reportPeriod('year_end', { year: 2026 })).toMatchObject({ key: '2026', start: '2026-01-01', end: '2026-12-31', title: 'Tổng kết công tác truyền thông năm 2026' });
    expect(reportPeriod('monthly_opinion', { month: '2028-02' }).end).toBe('2028-02-29');
  });
});
