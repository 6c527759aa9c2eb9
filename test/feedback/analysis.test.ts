import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../src/jobs';
import { createConsultation } from '../../src/modules/feedback/consultations.service';
import { bulkInsertComments, hideItem } from '../../src/modules/feedback/items.service';
import {
  acceptMany,
  acceptSuggestion,
  clearCode,
  codeItem,
  consultationDashboard,
  createTopic,
  feedbackRetrainJob,
  forgetFeedbackModel,
  listForCoding,
  listTopics,
  retrainFeedbackModel,
  updateTopic,
} from '../../src/modules/feedback/analysis';
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

const draft = `Điều 1. Phạm vi điều chỉnh
Quy định này hướng dẫn việc thu, quản lý các khoản thu trong trường học.

Điều 2. Các khoản thu theo thỏa thuận
Nhà trường chỉ thu các khoản đã được cha mẹ học sinh thống nhất.

Điều 3. Dạy thêm học thêm
Không tổ chức dạy thêm có thu tiền đối với học sinh tiểu học.`;

async function setup() {
  const t = await makeTree();
  const analyst = await makePerson({ unitId: t.dept.id, roles: ['analyst'] });
  const otherAnalyst = await makePerson({ unitId: t.otherDept.id, roles: ['analyst'] });
  const c = await createConsultation({ userId: analyst.id }, { unitId: t.school.id, title: `Dự thảo quy định các khoản thu ${Math.random()}`, text: draft, opensAt: '2026-11-01T00:00:00Z', closesAt: '2026-12-01T00:00:00Z' });
  const paras = (await db().query<{ id: number; position: number }>('select id::int as id, position from consultation_paragraphs where consultation_id = $1 order by position', [c.id])).rows;
  return { t, analyst, otherAnalyst, c, paras };
}
const ids = async (consultationId: number) => (await db().query<{ id: number; body: string }>('select id::int as id, body from feedback_items where consultation_id = $1 order by id', [consultationId])).rows;
const topicId = async (key: string) => Number((await db().query('select id from feedback_topics where unit_id is null and key = $1', [key])).rows[0].id);

describe('coding and suggestions', () => {
  it('codes by hand before any model, then suggests after retraining; accept and correct are recorded and audited', async () => {
    forgetFeedbackModel();
    await db().query('delete from feedback_models');
    const { analyst, c, paras } = await setup();
    await bulkInsertComments(db(), c.id, [
      { paragraphId: paras[1].id, body: 'Khoản thu "tự nguyện" mà giao chỉ tiêu cho từng lớp thì không thể chấp nhận, học phí đã tăng rồi còn thu thêm.', stance: 'disagree' },
      { paragraphId: paras[2].id, body: 'Tôi rất đồng tình cấm dạy thêm với học sinh tiểu học, các cháu cần được nghỉ ngơi.', stance: 'agree' },
      { paragraphId: null, body: 'Xin hỏi thời hạn góp ý cho dự thảo này đến ngày nào ạ?', stance: null },
    ]);
    const [fees, tutoring, question] = await ids(c.id);
    const page0 = await listForCoding(c.id);
    expect(page0.items).toHaveLength(3);
    expect(page0.items[0].suggestion).toBeNull();
    expect(page0.items[0].paragraphPosition).toBe(2);

    const hocPhi = await topicId('hoc-phi');
    const manual = await codeItem({ userId: analyst.id }, question.id, { tone: 'neutral', topicIds: [await topicId('khac')] });
    expect(manual).toMatchObject({ tone: 'neutral', source: 'manual', codedBy: analyst.id, version: 1 });

    const trained = await retrainFeedbackModel({ userId: analyst.id });
    expect(trained.skipped).toBe(false);
    expect(trained.model.codes).toBe(1);
    expect(trained.model.seedExamples).toBeGreaterThanOrEqual(220);
    expect(trained.model.metrics.tone.macroF1).toBeGreaterThan(0.5);
    expect(trained.model.metrics.topics.macroF1).toBeGreaterThan(0.4);

    const page = await listForCoding(c.id, { filter: 'uncoded' });
    expect(page.items.map((i) => i.id)).toEqual([fees.id, tutoring.id]);
    const sFees = page.items[0].suggestion;
    expect(sFees?.modelId).toBe(trained.model.id);
    expect(sFees?.tone).toBe('negative');
    expect(sFees?.topicIds).toContain(hocPhi);
    expect(page.items[1].suggestion?.topicIds).toContain(await topicId('day-them-hoc-them'));
    // stored: a second read computes nothing new
    const stored = await db().query('select count(*)::int as n from feedback_suggestions where model_id = $1', [trained.model.id]);
    expect(stored.rows[0].n).toBe(2);

    const accepted = await acceptSuggestion({ userId: analyst.id }, fees.id);
    expect(accepted).toMatchObject({ tone: 'negative', source: 'accepted' });
    expect(accepted.topicIds).toContain(hocPhi);
    const corrected = await codeItem({ userId: analyst.id }, tutoring.id, { tone: 'neutral', topicIds: [await topicId('day-them-hoc-them')] });
    expect(corrected.source).toBe(page.items[1].suggestion?.tone === 'neutral' ? 'accepted' : 'corrected');
    await expect(codeItem({ userId: analyst.id }, tutoring.id, { tone: 'positive', topicIds: [], version: 99 })).rejects.toMatchObject({ code: 'feedback_analysis.stale' });
    const again = await codeItem({ userId: analyst.id }, tutoring.id, { tone: 'positive', topicIds: [await topicId('day-them-hoc-them')], version: corrected.version });
    expect(again).toMatchObject({ tone: 'positive', version: corrected.version + 1 });

    const audit = await db().query(`select action, before, after from audit_log where entity = 'feedback_item' and entity_id = $1 order by id`, [String(tutoring.id)]);
    expect(audit.rows.map((r) => r.action)).toEqual(['feedback.code', 'feedback.code']);
    expect(audit.rows[1].before).toMatchObject({ tone: 'neutral' });
    await clearCode({ userId: analyst.id }, question.id);
    expect((await listForCoding(c.id, { filter: 'coded' })).items.map((i) => i.id)).toEqual([fees.id, tutoring.id]);
    expect((await db().query(`select count(*)::int as n from audit_log where action = 'feedback.code_clear' and entity_id = $1`, [String(question.id)])).rows[0].n).toBe(1);
  });

  it('retrains idempotently (the job skips when the codes did not change) and learns from the codes', async () => {
    const { analyst, c } = await setup();
    await retrainFeedbackModel(null, { force: true });
    const before = Number((await db().query('select count(*)::int as n from feedback_models')).rows[0].n);
    await feedbackRetrainJob.handler({});
    await feedbackRetrainJob.handler({});
    expect(Number((await db().query('select count(*)::int as n from feedback_models')).rows[0].n)).toBe(before);
    const skipped = await retrainFeedbackModel(null);
    expect(skipped.skipped).toBe(true);

    // a unit's own topic gets a model once staff have used it a few times
    const own = await createTopic({ userId: analyst.id }, { unitId: c.unitId, label: 'Đồng phục học sinh' });
    const uniforms = ['Đồng phục năm nay đổi mẫu, phụ huynh lại phải mua bộ mới dù bộ cũ còn tốt.', 'Giá đồng phục của trường cao hơn ngoài thị trường.', 'Đề nghị cho học sinh mặc đồng phục cũ của anh chị.', 'Áo đồng phục mỏng, mặc vài tuần đã bạc màu.'];
    await bulkInsertComments(db(), c.id, uniforms.map((body) => ({ paragraphId: null, body, stance: null })));
    for (const it of await ids(c.id)) await codeItem({ userId: analyst.id }, it.id, { tone: 'negative', topicIds: [own.id] });
    await feedbackRetrainJob.handler({ userId: analyst.id });
    const after = await db().query('select codes, model from feedback_models order by id desc limit 1');
    expect(after.rows[0].codes).toBeGreaterThanOrEqual(4);
    expect(Object.keys(after.rows[0].model.topics)).toContain(String(own.id));
    const audit = await db().query(`select count(*)::int as n from audit_log where action = 'feedback.model_retrain'`);
    expect(audit.rows[0].n).toBeGreaterThanOrEqual(2);
  });
});

describe('retraining from staff decisions', () => {
  it('queues the retrain job once enough new codes have come in', async () => {
    const { analyst, c } = await setup();
    await retrainFeedbackModel(null, { force: true });
    await bulkInsertComments(db(), c.id, Array.from({ length: 26 }, (_, i) => ({ paragraphId: null, body: `Đề nghị công khai các khoản thu, ý kiến ${i}`, stance: 'partly' as const })));
    const jobs = async () => Number((await db().query(`select count(*)::int as n from pgboss.job where name = 'feedback.analysis.retrain'`)).rows[0].n);
    const before = await jobs();
    const fees = await topicId('hoc-phi');
    const list = await ids(c.id);
    for (const it of list.slice(0, 24)) await codeItem({ userId: analyst.id }, it.id, { tone: 'neutral', topicIds: [fees] });
    expect(await jobs()).toBe(before);
    for (const it of list.slice(24)) await codeItem({ userId: analyst.id }, it.id, { tone: 'neutral', topicIds: [fees] });
    expect(await jobs()).toBeGreaterThan(before);
  });
});

describe('accepting many suggestions', () => {
  it('accepts the suggestions of uncoded comments and leaves coded ones alone', async () => {
    const { analyst, c } = await setup();
    await retrainFeedbackModel(null);
    await bulkInsertComments(db(), c.id, [
      { paragraphId: null, body: 'Bếp ăn bán trú bẩn, các cháu bị đau bụng sau bữa trưa.', stance: 'disagree' },
      { paragraphId: null, body: 'Cảm ơn nhà trường đã công khai các khoản thu rất rõ ràng.', stance: 'agree' },
      { paragraphId: null, body: 'Đề nghị bổ sung quy định về camera trong lớp học.', stance: null },
    ]);
    const [a, b, d] = await ids(c.id);
    await codeItem({ userId: analyst.id }, d.id, { tone: 'neutral', topicIds: [await topicId('an-toan-truong-hoc')] });
    expect(await acceptMany({ userId: analyst.id }, [a.id, b.id, d.id])).toBe(2);
    const coded = (await listForCoding(c.id, { filter: 'coded' })).items;
    expect(coded.map((x) => x.code?.source)).toEqual(['accepted', 'accepted', expect.stringMatching(/manual|accepted|corrected/)]);
    expect(coded[2].code?.tone).toBe('neutral');
  });
});

describe('topics', () => {
  it('lists shared topics plus the unit’s and its ancestors’ own; shared ones cannot change; foreign topics are refused', async () => {
    const { t, analyst, c } = await setup();
    const shared = await listTopics(db(), t.school.id);
    expect(shared.map((x) => x.label)).toContain('Học phí và các khoản thu');
    expect(shared.filter((x) => x.isShared)).toHaveLength(10);
    const deptTopic = await createTopic({ userId: analyst.id }, { unitId: t.dept.id, label: 'Sáp nhập điểm trường' });
    expect(deptTopic).toMatchObject({ key: 'sap-nhap-diem-truong', unitId: t.dept.id, isShared: false });
    await expect(createTopic({ userId: analyst.id }, { unitId: t.school.id, label: 'Sáp nhập điểm trường' })).rejects.toMatchObject({ code: 'feedback_analysis.topic_exists' });
    expect((await listTopics(db(), t.school.id)).map((x) => x.id)).toContain(deptTopic.id);
    expect((await listTopics(db(), t.otherSchool.id)).map((x) => x.id)).not.toContain(deptTopic.id);
    const foreign = await createTopic({ userId: analyst.id }, { unitId: t.otherDept.id, label: 'Chủ đề tỉnh khác' });
    await bulkInsertComments(db(), c.id, [{ paragraphId: null, body: 'Góp ý về điểm trường lẻ.', stance: null }]);
    const [item] = await ids(c.id);
    await expect(codeItem({ userId: analyst.id }, item.id, { tone: 'neutral', topicIds: [foreign.id] })).rejects.toMatchObject({ code: 'feedback_analysis.bad_topic' });
    await expect(updateTopic({ userId: analyst.id }, shared[0].id, { label: 'Đổi tên' })).rejects.toMatchObject({ code: 'feedback_analysis.topic_shared' });
    const archived = await updateTopic({ userId: analyst.id }, deptTopic.id, { isArchived: true, label: 'Sáp nhập, dồn điểm trường' });
    expect(archived).toMatchObject({ isArchived: true, label: 'Sáp nhập, dồn điểm trường' });
    expect((await listTopics(db(), t.school.id)).map((x) => x.id)).not.toContain(deptTopic.id);
    await expect(codeItem({ userId: analyst.id }, item.id, { tone: 'neutral', topicIds: [deptTopic.id] })).rejects.toMatchObject({ code: 'feedback_analysis.bad_topic' });
  });
});

describe('dashboard', () => {
  it('counts match the inserted comments and codes; hidden comments are left out', async () => {
    const { analyst, c, paras } = await setup();
    const [p1, p2, p3] = paras;
    const rows = [
      ...Array.from({ length: 5 }, (_, i) => ({ paragraphId: p1.id, body: `Đồng ý điều 1, ý kiến số ${i}`, stance: 'agree' as const })),
      ...Array.from({ length: 3 }, (_, i) => ({ paragraphId: p2.id, body: `Không đồng ý điều 2, ý kiến số ${i}`, stance: 'disagree' as const })),
      { paragraphId: p2.id, body: 'Đồng ý một phần điều 2', stance: 'partly' as const },
      { paragraphId: p3.id, body: 'Quảng cáo rác', stance: null, visibility: 'hidden' as const, hiddenReason: 'Spam' },
      { paragraphId: null, body: 'Góp ý chung cho cả dự thảo', stance: null },
    ];
    await bulkInsertComments(db(), c.id, rows);
    const items = await ids(c.id);
    const fees = await topicId('hoc-phi');
    const tut = await topicId('day-them-hoc-them');
    // code: 2 of p1 positive (fees), 3 of p2 negative (fees + tutoring), the hidden one (must not count)
    for (const it of items.slice(0, 2)) await codeItem({ userId: analyst.id }, it.id, { tone: 'positive', topicIds: [fees] });
    for (const it of items.slice(5, 8)) await codeItem({ userId: analyst.id }, it.id, { tone: 'negative', topicIds: [fees, tut] });
    await codeItem({ userId: analyst.id }, items[9].id, { tone: 'negative', topicIds: [tut] });

    const d = await consultationDashboard(db(), c.id);
    expect(d.totals).toMatchObject({ comments: 10, hidden: 1, coded: 5 });
    expect(d.totals.progress).toBe(0.5);
    expect(d.tone).toEqual({ negative: 3, neutral: 0, positive: 2 });
    expect(d.stance).toEqual({ agree: 5, disagree: 3, partly: 1, none: 1 });
    expect(d.topics).toEqual([
      { topicId: fees, label: 'Học phí và các khoản thu', count: 5 },
      { topicId: tut, label: 'Dạy thêm học thêm', count: 3 },
    ]);
    const byPos = new Map(d.paragraphs.map((p) => [p.position, p]));
    expect(byPos.get(null)).toMatchObject({ comments: 1, coded: 0 });
    expect(byPos.get(1)).toMatchObject({ comments: 5, coded: 2, stance: { agree: 5, disagree: 0, partly: 0, none: 0 }, tone: { negative: 0, neutral: 0, positive: 2 } });
    expect(byPos.get(2)).toMatchObject({ comments: 4, coded: 3, stance: { agree: 0, disagree: 3, partly: 1, none: 0 }, tone: { negative: 3, neutral: 0, positive: 0 } });
    expect(byPos.get(3)).toMatchObject({ comments: 0, coded: 0, label: 'Điều 3' });

    // moderation hides a coded comment: it leaves every figure (the code follows its comment)
    await hideItem({ userId: analyst.id }, items[5].id, 'Nội dung xúc phạm');
    const h = await consultationDashboard(db(), c.id);
    expect(h.totals).toMatchObject({ comments: 9, hidden: 2, coded: 4 });
    expect(h.tone).toEqual({ negative: 2, neutral: 0, positive: 2 });
    expect(h.topics.find((x) => x.topicId === tut)?.count).toBe(2);
  });

  it('is served to readers of the unit and refused outside it', async () => {
    const { c, otherAnalyst, analyst } = await setup();
    const mine = makeClient();
    await mine.login(analyst.email);
    const r = await mine.get(`/api/feedback/analysis/consultations/${c.id}/dashboard`);
    expect(r.status).toBe(200);
    expect(r.json.totals.comments).toBe(0);
    const other = makeClient();
    await other.login(otherAnalyst.email);
    expect((await other.get(`/api/feedback/analysis/consultations/${c.id}/dashboard`)).status).toBe(403);
  });
});
