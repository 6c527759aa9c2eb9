import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import '../../src/jobs';
import {
  createArticle,
  getArticle,
  lockArticle,
  moveArticle,
  publishDueArticles,
  quotaHeatmap,
  recordConsent,
  updateArticle,
  uploadImage,
  updateMedia,
} from '../../src/modules/newsroom';
import { readFile } from '../../src/platform/files';
import { advanceClock, resetClock, setClock } from '../../src/platform/clock';
import { db } from '../../src/platform/db';
import { startJobs, stopJobs } from '../../src/platform/jobs';
import { vnDate } from '../../src/text';
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
afterEach(() => resetClock());

async function newsroom() {
  const t = await makeTree();
  const teacher = await makePerson({ unitId: t.school.id, roles: ['contributor'] });
  const schoolEditor = await makePerson({ unitId: t.school.id, roles: ['editor'] });
  const deptEditor = await makePerson({ unitId: t.dept.id, roles: ['editor'] });
  const otherEditor = await makePerson({ unitId: t.otherSchool.id, roles: ['editor'] });
  return { t, teacher, schoolEditor, deptEditor, otherEditor };
}
const draft = (unitId: number, extra: Record<string, unknown> = {}) => ({
  unitId,
  title: 'Học sinh Trường THCS đạt giải Nhất cuộc thi Khoa học kỹ thuật',
  summary: 'Niềm vui của thầy và trò nhà trường.',
  bodyHtml: '<p onclick="alert(1)">Sáng nay, em <strong>Nguyễn Văn An</strong> nhận giải.</p><script>alert(1)</script><img src="https://spam.example/x.png">',
  themes: ['Gương người tốt việc tốt'],
  ...extra,
});

describe('article workflow', () => {
  it('goes draft → submitted → approved → published, sanitised, with a slug without diacritics, and nobody approves their own', async () => {
    const { t, teacher, schoolEditor } = await newsroom();
    const a = await createArticle({ userId: teacher.id }, draft(t.school.id));
    expect(a.bodyHtml).toBe('<p>Sáng nay, em <strong>Nguyễn Văn An</strong> nhận giải.</p>');
    expect(a.slug).toBe('hoc-sinh-truong-thcs-dat-giai-nhat-cuoc-thi-khoa-hoc-ky-thuat');
    await moveArticle({ userId: teacher.id }, a.id, { action: 'submit' });
    await expect(moveArticle({ userId: teacher.id }, a.id, { action: 'approve' })).rejects.toMatchObject({ code: 'article.self_approval' });
    await moveArticle({ userId: schoolEditor.id }, a.id, { action: 'approve' });
    const published = await moveArticle({ userId: schoolEditor.id }, a.id, { action: 'publish' });
    expect(published).toMatchObject({ status: 'published', publicUrl: `/tin-tuc/${a.slug}` });
    await expect(moveArticle({ userId: schoolEditor.id }, a.id, { action: 'publish' })).rejects.toMatchObject({ code: 'article.bad_state' });
    const withdrawn = await moveArticle({ userId: schoolEditor.id }, a.id, { action: 'withdraw', reason: 'Sai tên giải thưởng' });
    expect(withdrawn.status).toBe('withdrawn');
    const audit = await db().query(`select action from audit_log where entity = 'article' and entity_id = $1 order by id`, [String(a.id)]);
    expect(audit.rows.map((r) => r.action)).toEqual(['article.create', 'article.submit', 'article.approve', 'article.publish', 'article.withdraw']);
  });

  it('rejects back to the author with a comment, who edits and resubmits', async () => {
    const { t, teacher, schoolEditor } = await newsroom();
    const a = await createArticle({ userId: teacher.id }, draft(t.school.id));
    await moveArticle({ userId: teacher.id }, a.id, { action: 'submit' });
    await expect(moveArticle({ userId: schoolEditor.id }, a.id, { action: 'reject', comment: '  ' })).rejects.toMatchObject({ code: 'article.reason_required' });
    const rejected = await moveArticle({ userId: schoolEditor.id }, a.id, { action: 'reject', comment: 'Bổ sung ảnh lễ trao giải.' });
    expect(rejected.status).toBe('rejected');
    const edited = await updateArticle({ userId: teacher.id }, a.id, { version: rejected.version, title: 'Học sinh đạt giải Nhất cấp tỉnh' });
    expect(edited.slug).toBe('hoc-sinh-dat-giai-nhat-cap-tinh');
    expect((await moveArticle({ userId: teacher.id }, a.id, { action: 'submit' })).status).toBe('submitted');
  });

  it('flags a force-published article for review by someone else', async () => {
    const { t, teacher, schoolEditor, deptEditor } = await newsroom();
    const a = await createArticle({ userId: teacher.id }, draft(t.school.id));
    await expect(moveArticle({ userId: schoolEditor.id }, a.id, { action: 'force-publish', reason: '' })).rejects.toMatchObject({ code: 'article.reason_required' });
    const forced = await moveArticle({ userId: schoolEditor.id }, a.id, { action: 'force-publish', reason: 'Thông báo khẩn về nghỉ học do bão' });
    expect(forced).toMatchObject({ status: 'published', isForcePublished: true, isReviewPending: true });
    await expect(moveArticle({ userId: schoolEditor.id }, a.id, { action: 'review' })).rejects.toMatchObject({ code: 'article.self_review' });
    expect((await moveArticle({ userId: deptEditor.id }, a.id, { action: 'review' })).isReviewPending).toBe(false);
  });

  it('publishes a scheduled article when its time comes, once', async () => {
    const { t, teacher, schoolEditor } = await newsroom();
    setClock(vnDate(2026, 9, 4, 8));
    const a = await createArticle({ userId: teacher.id }, draft(t.school.id));
    await moveArticle({ userId: teacher.id }, a.id, { action: 'submit' });
    await moveArticle({ userId: schoolEditor.id }, a.id, { action: 'approve' });
    await expect(moveArticle({ userId: schoolEditor.id }, a.id, { action: 'schedule', at: vnDate(2026, 9, 4, 7).toISOString() })).rejects.toMatchObject({ code: 'article.schedule_past' });
    await moveArticle({ userId: schoolEditor.id }, a.id, { action: 'schedule', at: vnDate(2026, 9, 5, 7).toISOString() });
    await publishDueArticles();
    expect((await getArticle(db(), a.id)).status).toBe('scheduled');
    setClock(vnDate(2026, 9, 5, 7, 1));
    expect(await publishDueArticles()).toBeGreaterThanOrEqual(1);
    const after = await getArticle(db(), a.id);
    expect(after.status).toBe('published');
    expect(after.publishedAt).toBe(vnDate(2026, 9, 5, 7).toISOString());
    expect(await publishDueArticles()).toBe(0);
  });
});

describe('editing', () => {
  it('refuses a save while someone else holds the lock, and a stale version', async () => {
    const { t, teacher, schoolEditor, deptEditor } = await newsroom();
    const a = await createArticle({ userId: teacher.id }, draft(t.school.id));
    await lockArticle({ userId: schoolEditor.id }, a.id);
    await expect(updateArticle({ userId: deptEditor.id }, a.id, { version: a.version, title: 'Sửa chen ngang' })).rejects.toMatchObject({ code: 'article.locked' });
    await expect(lockArticle({ userId: deptEditor.id }, a.id)).rejects.toMatchObject({ code: 'article.locked' });
    const saved = await updateArticle({ userId: schoolEditor.id }, a.id, { version: a.version, title: 'Bản biên tập' });
    await expect(updateArticle({ userId: schoolEditor.id }, a.id, { version: a.version, title: 'Bản cũ' })).rejects.toMatchObject({ code: 'article.stale' });
    advanceClock(6 * 60_000); // the lock lapses after 5 minutes
    expect((await updateArticle({ userId: deptEditor.id }, a.id, { version: saved.version, title: 'Sở biên tập lại' })).title).toBe('Sở biên tập lại');
  });
});

describe('consent to publish pupils', () => {
  it('blocks publishing until the article and each photo showing pupils have valid consents, the child’s own from age 7', async () => {
    const { t, teacher, schoolEditor } = await newsroom();
    const png = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#3a7' } }).png().toBuffer();
    const photo = await uploadImage({ userId: teacher.id }, { unitId: t.school.id, data: png, fileName: 'le-trao-giai.png', mime: 'image/png', caption: 'Lễ trao giải', isIdentifyingPupils: true });
    const a = await createArticle({ userId: teacher.id }, draft(t.school.id, { isIdentifyingPupils: true, mediaIds: [photo.id] }));
    expect(a.consentGaps.map((g: { kind: string }) => g.kind)).toEqual(['article', 'media']);
    await moveArticle({ userId: teacher.id }, a.id, { action: 'submit' });
    await moveArticle({ userId: schoolEditor.id }, a.id, { action: 'approve' });
    await expect(moveArticle({ userId: schoolEditor.id }, a.id, { action: 'publish' })).rejects.toMatchObject({ code: 'article.consent_missing' });
    await expect(moveArticle({ userId: schoolEditor.id }, a.id, { action: 'force-publish', reason: 'Gấp' })).rejects.toMatchObject({ code: 'article.consent_missing' });

    // 8 years old on the day the parent agreed: the child's own consent is required
    const base = { unitId: t.school.id, subjectName: 'Nguyễn Văn An', birthDate: '2017-05-01', guardianName: 'Nguyễn Văn Bình', guardianConsentedOn: '2025-09-10' };
    await expect(recordConsent({ userId: teacher.id }, base)).rejects.toMatchObject({ code: 'consent.child_required' });
    const consent = await recordConsent({ userId: teacher.id }, { ...base, childConsentedOn: '2025-09-10', scope: 'Ảnh và họ tên trên cổng thông tin' });
    const small = await recordConsent({ userId: teacher.id }, { ...base, subjectName: 'Lê Thị Cúc', birthDate: '2020-02-01' });
    expect(small).toMatchObject({ needsChildConsent: false, isValid: true });

    await updateMedia({ userId: teacher.id }, photo.id, { consentIds: [consent.id] });
    const current = await getArticle(db(), a.id);
    await updateArticle({ userId: schoolEditor.id }, a.id, { version: current.version, title: current.title, bodyHtml: current.bodyHtml, isIdentifyingPupils: true, mediaIds: [photo.id], consentIds: [consent.id, small.id] });
    expect((await getArticle(db(), a.id)).consentGaps).toEqual([]);
    expect((await moveArticle({ userId: schoolEditor.id }, a.id, { action: 'publish' })).status).toBe('published');
  });

  it('stores photos at web sizes with no metadata: the GPS position is gone', async () => {
    const { t, teacher } = await newsroom();
    const jpeg = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#c84' } })
      .withExif({ IFD0: { Make: 'Máy ảnh trường', Model: 'X' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 1/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '105/1 50/1 0/1' } })
      .jpeg()
      .toBuffer();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const m = await uploadImage({ userId: teacher.id }, { unitId: t.school.id, data: jpeg, fileName: 'ảnh gốc.jpg', mime: 'image/jpeg' });
    const row = (await db().query('select variants from media where id = $1', [m.id])).rows[0].variants;
    for (const [size, width] of [['large', 1600], ['medium', 800], ['small', 400]] as const) {
      const meta = await sharp(await readFile(row[size].key)).metadata();
      expect(meta.width).toBe(width);
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
    }
    await expect(uploadImage({ userId: teacher.id }, { unitId: t.school.id, data: Buffer.from('không phải ảnh'), fileName: 'x.jpg', mime: 'image/jpeg' })).rejects.toMatchObject({ code: 'media.not_image' });
  });
});

describe('weekly quota', () => {
  it('counts an article sent at 23:30 on Sunday (Vietnam time) for that week, and rolls schools up', async () => {
    const { t, teacher } = await newsroom();
    const school2 = await makeUnit({ parentId: t.commune.id, name: 'Trường Tiểu học Hai' });
    const send = async (at: Date) => {
      setClock(at);
      const a = await createArticle({ userId: teacher.id }, draft(t.school.id));
      await moveArticle({ userId: teacher.id }, a.id, { action: 'submit' });
    };
    await send(vnDate(2026, 11, 15, 23, 30)); // Sunday 15/11, week of 09/11
    await send(vnDate(2026, 11, 16, 0, 10)); // Monday 16/11, next week
    setClock(vnDate(2026, 11, 18, 9));
    const school = await quotaHeatmap(db(), t.commune.id, 3);
    expect(school.weeks.map((w) => w.start)).toEqual(['2026-11-02', '2026-11-09', '2026-11-16']);
    const row = school.rows.find((r) => r.unitId === t.school.id);
    expect(row?.cells).toEqual([0, 1, 1]);
    expect(school.rows.find((r) => r.unitId === school2.id)?.cells).toEqual([0, 0, 0]);
    expect(school.summary).toEqual({ schools: 2, metThisWeek: 1 });
    const dept = await quotaHeatmap(db(), t.dept.id, 3);
    expect(dept.rows.find((r) => r.unitId === t.commune.id)).toMatchObject({ isSchool: false, schools: 2, cells: [0, 1, 1] });
  });
});

describe('over HTTP', () => {
  it('keeps each board to its subtree and contributors to their own unit', async () => {
    const { t, teacher, schoolEditor, deptEditor, otherEditor } = await newsroom();
    const c = makeClient();
    await c.login(teacher.email);
    const created = await c.post('/api/articles', draft(t.school.id));
    expect(created.status).toBe(201);
    expect(created.json.can).toMatchObject({ edit: true, submit: true, approve: false, publish: false });
    await c.post(`/api/articles/${created.json.id}/submit`, {});

    const other = makeClient();
    await other.login(otherEditor.email);
    expect((await other.post(`/api/articles/${created.json.id}/approve`, {})).status).toBe(403);
    const dept = makeClient();
    await dept.login(deptEditor.email);
    const approved = await dept.post(`/api/articles/${created.json.id}/approve`, {});
    expect(approved.status).toBe(200);
    const pub = await dept.post(`/api/articles/${created.json.id}/publish`, { isOnSectorPortal: true });
    expect(pub.json).toMatchObject({ status: 'published', isOnSectorPortal: true });

    // a contributor cannot edit a colleague's article
    const colleague = await makePerson({ unitId: t.school.id, roles: ['contributor'] });
    const cc = makeClient();
    await cc.login(colleague.email);
    const mine = await cc.post('/api/articles', draft(t.school.id, { title: 'Bài của đồng nghiệp' }));
    expect((await c.request('PUT', `/api/articles/${mine.json.id}`, { version: mine.json.version, title: 'Sửa trộm' })).status).toBe(403);
    const s = makeClient();
    await s.login(schoolEditor.email);
    expect((await s.request('PUT', `/api/articles/${mine.json.id}`, { version: mine.json.version, title: 'Biên tập' })).status).toBe(200);

    const bad = await c.post('/api/articles', { unitId: t.school.id, title: '' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('validation');
  });
});
