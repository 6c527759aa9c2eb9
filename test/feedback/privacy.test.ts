import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import '../../src/jobs';
import {
  addHotlineNote, createSubjectRequest, feedbackModelInfo, fulfilSubjectRequest, getItem, getSubjectRequest, openIncidentFromItem, retrainFeedbackModel,
  sendToMonitoring, subjectDataJson, submitComment, submitSubjectRequest,
} from '../../src/modules/feedback';
import { codeItem } from '../../src/modules/feedback/analysis/analysis.service';
import { buildExamples } from '../../src/modules/feedback/analysis/model.service';
import { resetClock, setClock } from '../../src/platform/clock';
import { db } from '../../src/platform/db';
import { startJobs, stopJobs } from '../../src/platform/jobs';
import { useTestDatabase } from '../support/db';
import { makePerson, makeTree } from '../support/factories';
import { makeClient } from '../support/http';
import { freshToken, openConsultation } from './helpers';

const state = useTestDatabase();
beforeAll(async () => {
  await startJobs({ connectionString: state.url, isWorker: false });
});
afterAll(async () => {
  await stopJobs();
});
afterEach(() => resetClock());

const audits = async (action: string) => Number((await db().query('select count(*)::int as n from audit_log where action = $1', [action])).rows[0].n);
/** Mail jobs queued to an address (newest first). */
const mailsTo = async (to: string) =>
  (await db().query<{ data: { to: string; subject: string; text: string } }>(`select data from pgboss.job where name = 'mail.send' and data->>'to' = $1 order by created_on desc`, [to])).rows.map((r) => r.data);
const tokenIn = (text: string) => /token=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';
const confirmForm = (token: string) => {
  const f = new FormData();
  f.append('token', token);
  return f;
};

describe('data-subject requests: identity and matching (D1)', () => {
  it('matches only when all identifiers agree, keeps portal requests unverified until the e-mail link or a recorded staff check, mails exports to the verified address', async () => {
    setClock(new Date('2026-11-24T02:00:00Z'));
    const t = await makeTree();
    const staff = await makePerson({ unitId: t.dept.id, roles: ['focal_point'] });
    const c = await openConsultation(t.school.id);
    const tok = await freshToken(t.school.id);
    const victim = await submitComment('10.7.0.1', {
      consultationId: c.id, paragraphId: c.paragraphs[1].id, stance: 'disagree', body: 'Tôi không đồng ý cấm điện thoại cả giờ ra chơi.',
      name: 'Đỗ Thị Hằng', email: 'hang.do@example.vn', phone: '0987 654 321', consent: true, token: tok,
    });
    const mine = await submitComment('10.7.0.2', {
      consultationId: c.id, paragraphId: c.paragraphs[2].id, stance: 'agree', body: 'Nên cho học sinh dùng điện thoại khi giáo viên cho phép.',
      name: 'Trần Văn Khoa', email: 'khoa.tran@example.vn', consent: true, token: tok,
    });

    // someone gives their own e-mail and the victim's phone: staff-registered, both identifiers must agree → not the victim's comment
    const mixed = await createSubjectRequest({ userId: staff.id }, { unitId: t.dept.id, kind: 'export', email: 'khoa.tran@example.vn', phone: '0987654321' });
    const ids = (await subjectDataJson(db(), mixed.id)).items.map((x: { id: number }) => x.id);
    expect(ids).toEqual([mine.id]);

    // the same from the portal: unverified, nothing can be exported or done without a check
    const ptok = await freshToken(t.dept.id);
    const portal = await submitSubjectRequest('10.7.0.3', { unitId: t.dept.id, kind: 'erase', email: 'khoa.tran@example.vn', phone: '0987 654 321', token: ptok });
    expect(await getSubjectRequest(db(), portal.id)).toMatchObject({ verifiedAt: null, verifiedHow: null });
    await expect(subjectDataJson(db(), portal.id)).rejects.toMatchObject({ code: 'feedback.identity_unverified' });
    await expect(fulfilSubjectRequest({ userId: staff.id }, portal.id, {})).rejects.toMatchObject({ code: 'feedback.identity_unverified' });
    await expect(fulfilSubjectRequest({ userId: staff.id }, portal.id, { identityVerified: '   ' })).rejects.toMatchObject({ code: 'feedback.identity_unverified' });

    // the confirmation link went to the given address; opening it verifies (by e-mail) once
    const [mail] = await mailsTo('khoa.tran@example.vn');
    expect(mail.subject).toContain('Xác nhận yêu cầu');
    const link = tokenIn(mail.text);
    expect(link.length).toBeGreaterThan(20);
    expect(Number((await db().query('select count(*)::int as n from feedback_subject_requests where verify_token_hash = $1', [link])).rows[0].n)).toBe(0); // only the hash is stored
    const web = makeClient();
    // opening the link only shows a button (a mail scanner's prefetch verifies nothing)
    const view = await web.get(`/gop-y/xac-nhan-yeu-cau?token=${link}`);
    expect(view.status).toBe(200);
    expect(view.text).toContain(`value="${link}"`);
    expect(await getSubjectRequest(db(), portal.id)).toMatchObject({ verifiedAt: null });
    expect((await web.request('POST', '/gop-y/xac-nhan-yeu-cau', confirmForm(link), { origin: 'https://evil.example' })).status).toBe(403);
    const ok = await web.request('POST', '/gop-y/xac-nhan-yeu-cau', confirmForm(link));
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('Đã xác nhận yêu cầu');
    expect((await web.request('POST', '/gop-y/xac-nhan-yeu-cau', confirmForm(link))).status).toBe(400);
    expect((await web.request('POST', '/gop-y/xac-nhan-yeu-cau', confirmForm('khong-hop-le'))).status).toBe(400);
    expect(await getSubjectRequest(db(), portal.id)).toMatchObject({ verifiedHow: 'email' });
    expect(await audits('feedback.subject_verified')).toBe(1);

    // verified by e-mail only: the unproven phone is not used; the victim's comment is untouched by the erasure
    const erased = await fulfilSubjectRequest({ userId: staff.id }, portal.id, { resultNote: 'Đã xóa.' });
    expect(erased.matchedItems).toBe(1);
    expect(await getItem(db(), victim.id)).toMatchObject({ email: 'hang.do@example.vn', anonymised: false });
    expect(await getItem(db(), mine.id)).toMatchObject({ email: null, anonymised: true });

    // a portal export confirmed by staff in person: the check is recorded and audited
    await addHotlineNote({ userId: staff.id }, { unitId: t.school.id, body: 'Phụ huynh hỏi về quy chế điện thoại.', name: 'Đỗ Thị Hằng', phone: '0987654321', consent: true });
    const p2 = await submitSubjectRequest('10.7.0.4', { unitId: t.dept.id, kind: 'export', phone: '0987654321', token: await freshToken(t.dept.id) });
    const byStaff = await fulfilSubjectRequest({ userId: staff.id }, p2.id, { identityVerified: 'Đối chiếu căn cước công dân tại bộ phận một cửa ngày 24/11.' });
    expect(byStaff).toMatchObject({ status: 'done', verifiedHow: 'staff', verifyNote: 'Đối chiếu căn cước công dân tại bộ phận một cửa ngày 24/11.', matchedItems: 2 });
    expect(await audits('feedback.subject_verified')).toBe(2);

    // an export verified by e-mail is mailed to that address only
    const p3 = await submitSubjectRequest('10.7.0.5', { unitId: t.dept.id, kind: 'export', email: 'hang.do@example.vn', token: await freshToken(t.dept.id) });
    const [m3] = await mailsTo('hang.do@example.vn');
    expect((await web.request('POST', '/gop-y/xac-nhan-yeu-cau', confirmForm(tokenIn(m3.text)))).status).toBe(200);
    await fulfilSubjectRequest({ userId: staff.id }, p3.id, {});
    const [sent] = await mailsTo('hang.do@example.vn');
    expect(sent.subject).toContain('Dữ liệu cá nhân của bạn');
    expect(sent.text).toContain('Tôi không đồng ý cấm điện thoại');
    expect(sent.text).not.toContain('Nên cho học sinh');
  });
});

describe('erasure reaches copies and the model (D2, D3)', () => {
  it('masks the monitoring entry and the incident made from the comment, forces a retrain and drops older models', async () => {
    setClock(new Date('2026-11-25T02:00:00Z'));
    const t = await makeTree();
    const staff = await makePerson({ unitId: t.school.id, roles: ['leader'] });
    const analyst = await makePerson({ unitId: t.school.id, roles: ['analyst'] });
    const c = await openConsultation(t.school.id);
    const tok = await freshToken(t.school.id);
    const { id } = await submitComment('10.8.0.1', {
      consultationId: c.id, paragraphId: c.paragraphs[1].id, stance: 'disagree', body: 'Con tôi bị tịch thu điện thoại cả tuần. Gọi tôi 0903 112 233 hoặc thu.ngo@example.vn.',
      name: 'Ngô Thị Thu', email: 'thu.ngo@example.vn', phone: '0903112233', consent: true, token: tok,
    });
    const { monitorItemId } = await sendToMonitoring({ userId: staff.id }, id);
    const { incidentId } = await openIncidentFromItem({ userId: staff.id }, id, { severity: 2 });
    // copies escalated before escalation masked the text (or edited since) still hold the contact details
    const raw = 'Con tôi bị tịch thu điện thoại cả tuần. Gọi tôi 0903 112 233 hoặc thu.ngo@example.vn.';
    await db().query('update monitor_items set body = $2 where id = $1', [monitorItemId, raw]);
    await db().query('update incidents set summary = $2, search_text = $2 where id = $1', [incidentId, raw]);
    await db().query('update incident_timeline set body = $2 where incident_id = $1', [incidentId, raw]);
    const topic = Number((await db().query('select id from feedback_topics where unit_id is null order by id limit 1')).rows[0].id);
    await codeItem({ userId: analyst.id }, id, { tone: 'negative', topicIds: [topic] });
    await retrainFeedbackModel({ userId: analyst.id }, { force: true });
    await retrainFeedbackModel({ userId: analyst.id }, { force: true });
    expect(Number((await db().query('select count(*)::int as n from feedback_models')).rows[0].n)).toBeGreaterThanOrEqual(2);
    const before = (await buildExamples(db())).fingerprint;

    const req = await createSubjectRequest({ userId: staff.id }, { unitId: t.school.id, kind: 'erase', email: 'thu.ngo@example.vn', phone: '0903 112 233' });
    await fulfilSubjectRequest({ userId: staff.id }, req.id, {});

    const m = (await db().query('select title, body from monitor_items where id = $1', [monitorItemId])).rows[0];
    expect(`${m.title} ${m.body}`).not.toMatch(/0903|thu\.ngo/);
    expect(m.body).toContain('[đã xóa]');
    const inc = (await db().query('select title, summary, search_text from incidents where id = $1', [incidentId])).rows[0];
    expect(`${inc.title} ${inc.summary} ${inc.search_text}`).not.toMatch(/0903|thu\.ngo/);
    const tl = await db().query(`select 1 from incident_timeline where incident_id = $1 and (body ~ '0903|thu\\.ngo' or title ~ '0903|thu\\.ngo')`, [incidentId]);
    expect(tl.rowCount).toBe(0);
    const audit = (await db().query(`select after from audit_log where action = 'feedback.subject_erase' order by id desc limit 1`)).rows[0].after;
    expect(audit.maskedCopies).toBe(2);

    // a forced retrain is queued with the erasure; the fingerprint changed, and the retrain keeps only the new model
    const job = await db().query(`select data from pgboss.job where name = 'feedback.analysis.retrain' and (data->>'force')::boolean order by created_on desc limit 1`);
    expect(job.rowCount).toBe(1);
    expect((await buildExamples(db())).fingerprint).not.toBe(before);
    const r = await retrainFeedbackModel(null);
    expect(r.skipped).toBe(false);
    expect(Number((await db().query('select count(*)::int as n from feedback_models')).rows[0].n)).toBe(1);
    expect((await feedbackModelInfo(db()))?.id).toBe(r.model.id);
    const stored = (await db().query('select model::text as m from feedback_models')).rows[0].m as string;
    expect(stored).not.toMatch(/thu\.ngo|0903112233/);
  });
});
