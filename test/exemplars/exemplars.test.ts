import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  currentSchoolYear,
  getExemplar,
  listPublishedExemplarsForScoring,
  moveExemplar,
  nominateExemplar,
  updateExemplar,
} from '../../src/modules/exemplars';
import { recordConsent, uploadImage } from '../../src/modules/newsroom';
import { db } from '../../src/platform/db';
import { useTestDatabase } from '../support/db';
import { makePerson, makeTree } from '../support/factories';
import { makeClient } from '../support/http';

useTestDatabase();

async function people() {
  const t = await makeTree();
  const teacher = await makePerson({ unitId: t.school.id, roles: ['contributor'] });
  const schoolEditor = await makePerson({ unitId: t.school.id, roles: ['editor'] });
  const deptEditor = await makePerson({ unitId: t.dept.id, roles: ['editor'] });
  const otherEditor = await makePerson({ unitId: t.otherDept.id, roles: ['editor'] });
  return { t, teacher, schoolEditor, deptEditor, otherEditor };
}

const teacherExemplar = (unitId: number, extra: Record<string, unknown> = {}) => ({
  unitId,
  kind: 'person' as const,
  name: 'Cô Nguyễn Thị Hạnh',
  title: 'Giáo viên Ngữ văn',
  summary: 'Hai mươi năm gắn bó với học trò vùng khó.',
  storyHtml: '<p onclick="x()">Cô Hạnh mở <strong>tủ sách</strong> cho học trò.</p><script>alert(1)</script>',
  achievements: ['Chiến sĩ thi đua cấp tỉnh', '  ', 'Giáo viên dạy giỏi cấp tỉnh'],
  field: 'Đổi mới phương pháp dạy học',
  schoolYear: '2025-2026',
  ...extra,
});

const countRows = async () => Number((await db().query('select count(*)::int as n from exemplars')).rows[0].n);

describe('exemplar workflow', () => {
  it('goes nominated → approved (not by the nominator) → published, sanitised and audited', async () => {
    const { t, teacher, schoolEditor, deptEditor } = await people();
    const e = await nominateExemplar({ userId: teacher.id }, teacherExemplar(t.school.id));
    expect(e).toMatchObject({ status: 'nominated', slug: 'co-nguyen-thi-hanh', schoolYear: '2025-2026', nominatedBy: teacher.id });
    expect(e.storyHtml).toBe('<p>Cô Hạnh mở <strong>tủ sách</strong> cho học trò.</p>');
    expect(e.achievements).toEqual(['Chiến sĩ thi đua cấp tỉnh', 'Giáo viên dạy giỏi cấp tỉnh']);

    const edited = await updateExemplar({ userId: schoolEditor.id }, e.id, { ...teacherExemplar(t.school.id), version: e.version, title: 'Tổ trưởng tổ Ngữ văn' });
    expect(edited).toMatchObject({ title: 'Tổ trưởng tổ Ngữ văn', version: e.version + 1 });
    await expect(updateExemplar({ userId: teacher.id }, e.id, { ...teacherExemplar(t.school.id), version: e.version })).rejects.toMatchObject({ code: 'exemplar.stale' });

    await expect(moveExemplar({ userId: teacher.id }, e.id, { action: 'approve' })).rejects.toMatchObject({ code: 'exemplar.self_approval' });
    await expect(moveExemplar({ userId: deptEditor.id }, e.id, { action: 'publish' })).rejects.toMatchObject({ code: 'exemplar.bad_state' });
    const approved = await moveExemplar({ userId: deptEditor.id }, e.id, { action: 'approve', note: 'Hồ sơ đầy đủ' });
    expect(approved).toMatchObject({ status: 'approved', decidedBy: deptEditor.id, decisionNote: 'Hồ sơ đầy đủ' });
    await expect(updateExemplar({ userId: teacher.id }, e.id, { ...teacherExemplar(t.school.id), version: approved.version })).rejects.toMatchObject({ code: 'exemplar.not_editable' });
    const published = await moveExemplar({ userId: schoolEditor.id }, e.id, { action: 'publish' });
    expect(published).toMatchObject({ status: 'published', publicUrl: '/guong-dien-hinh/co-nguyen-thi-hanh' });

    const audit = await db().query(`select action from audit_log where entity = 'exemplar' and entity_id = $1 order by id`, [String(e.id)]);
    expect(audit.rows.map((r) => r.action)).toEqual(['exemplar.nominate', 'exemplar.update', 'exemplar.approve', 'exemplar.publish']);

    const archived = await moveExemplar({ userId: schoolEditor.id }, e.id, { action: 'archive' });
    expect(archived.status).toBe('archived');
  });

  it('lets the board of the unit or above approve over HTTP, never a unit outside the subtree', async () => {
    const { t, teacher, deptEditor, otherEditor } = await people();
    const e = await nominateExemplar({ userId: teacher.id }, teacherExemplar(t.school.id, { name: 'Tổ Khoa học tự nhiên' }));
    const outsider = makeClient();
    await outsider.login(otherEditor.email);
    const refused = await outsider.request('POST', `/api/exemplars/${e.id}/approve`, {});
    expect(refused.status).toBe(403);
    expect((await getExemplar(db(), e.id)).status).toBe('nominated');

    const nominator = makeClient();
    await nominator.login(teacher.email);
    expect((await nominator.request('POST', `/api/exemplars/${e.id}/approve`, {})).status).toBe(403);
    const own = await nominator.request('GET', `/api/exemplars/${e.id}`);
    expect(own.json.can).toEqual({ edit: true, approve: false, reject: false, publish: false, archive: false });

    const board = makeClient();
    await board.login(deptEditor.email);
    const seen = await board.request('GET', `/api/exemplars/${e.id}`);
    expect(seen.json.can).toMatchObject({ edit: true, approve: true, reject: true, publish: false });
    const ok = await board.request('POST', `/api/exemplars/${e.id}/approve`, { note: 'Đồng ý' });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ status: 'approved', can: { publish: true } });
    const list = await board.request('GET', `/api/exemplars?unitId=${t.dept.id}&status=approved&kind=person&schoolYear=2025-2026&q=khoa hoc`);
    expect(list.json.items.map((x: { id: number }) => x.id)).toEqual([e.id]);
  });

  it('refuses bad input with nothing changed, and a rejection without a note', async () => {
    const { t, teacher, schoolEditor } = await people();
    const c = makeClient();
    await c.login(teacher.email);
    const before = await countRows();
    const bad = await c.request('POST', '/api/exemplars', { ...teacherExemplar(t.school.id), kind: 'hero', schoolYear: '2025-2027' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('validation');
    const team = await c.request('POST', '/api/exemplars', { ...teacherExemplar(t.school.id), achievements: [], kind: 'team', isPupil: true });
    expect(team.status).toBe(400);
    expect(team.json.error.code).toBe('exemplar.pupil_needs_person');
    // a photo of a school in another province
    const other = await uploadImage({ userId: null }, { unitId: t.otherSchool.id, data: await png(), fileName: 'a.png', mime: 'image/png' });
    const foreign = await c.request('POST', '/api/exemplars', { ...teacherExemplar(t.school.id), achievements: [], photoMediaId: other.id });
    expect(foreign.json.error.code).toBe('exemplar.bad_photo');
    expect(await countRows()).toBe(before);

    const e = await nominateExemplar({ userId: teacher.id }, teacherExemplar(t.school.id, { name: 'Thầy Lê Văn Bình' }));
    await expect(moveExemplar({ userId: schoolEditor.id }, e.id, { action: 'reject', note: '  ' })).rejects.toMatchObject({ code: 'exemplar.note_required' });
    expect((await getExemplar(db(), e.id)).status).toBe('nominated');
    const rejected = await moveExemplar({ userId: schoolEditor.id }, e.id, { action: 'reject', note: 'Chưa có minh chứng thành tích.' });
    expect(rejected).toMatchObject({ status: 'rejected', decisionNote: 'Chưa có minh chứng thành tích.' });
  });

  it('does not publish a pupil exemplar without a valid consent', async () => {
    const { t, teacher, schoolEditor } = await people();
    const e = await nominateExemplar({ userId: teacher.id }, teacherExemplar(t.school.id, { name: 'Em Trần Minh Khôi', title: 'Học sinh lớp 8A', isPupil: true }));
    await moveExemplar({ userId: schoolEditor.id }, e.id, { action: 'approve' });
    await expect(moveExemplar({ userId: schoolEditor.id }, e.id, { action: 'publish' })).rejects.toMatchObject({ code: 'exemplar.consent_missing' });
    expect((await getExemplar(db(), e.id)).status).toBe('approved');

    // a consent with the guardian's agreement but (aged 13) without the child's own is not enough
    await db().query(`update exemplars set status = 'nominated' where id = $1`, [e.id]);
    const lacking = (await db().query(
      `insert into consents (unit_id, subject_name, birth_date, guardian_name, guardian_consented_on) values ($1, 'Trần Minh Khôi', '2012-03-01', 'Trần Văn Long', '2025-09-05') returning id`,
      [t.school.id],
    )).rows[0].id;
    const fresh = await getExemplar(db(), e.id);
    await updateExemplar({ userId: teacher.id }, e.id, { ...teacherExemplar(t.school.id), name: fresh.name, isPupil: true, consentIds: [lacking], version: fresh.version });
    await moveExemplar({ userId: schoolEditor.id }, e.id, { action: 'approve' });
    await expect(moveExemplar({ userId: schoolEditor.id }, e.id, { action: 'publish' })).rejects.toMatchObject({ code: 'exemplar.consent_missing' });

    const valid = await recordConsent({ userId: teacher.id }, {
      unitId: t.school.id, subjectName: 'Trần Minh Khôi', birthDate: '2012-03-01', guardianName: 'Trần Văn Long', guardianConsentedOn: '2025-09-05', childConsentedOn: '2025-09-05',
    });
    // an attached consent that is not valid stays a gap; replaced by the valid one, publishing goes through
    await db().query('update exemplar_consents set consent_id = $2 where exemplar_id = $1', [e.id, valid.id]);
    expect((await moveExemplar({ userId: schoolEditor.id }, e.id, { action: 'publish' })).status).toBe('published');
  });
});

describe('portal and scoring', () => {
  it('shows a published exemplar and never a nominated one; the list refreshes with the stamp', async () => {
    const { t, teacher, schoolEditor } = await people();
    const photo = await uploadImage({ userId: teacher.id }, { unitId: t.school.id, data: await png(), fileName: 'thu-vien.png', mime: 'image/png', caption: 'Góc đọc sách dưới tán cây' });
    const model = await nominateExemplar({ userId: teacher.id }, {
      unitId: t.school.id, kind: 'model', name: 'Mô hình Thư viện xanh', summary: 'Góc đọc ngoài trời cho cả trường.',
      storyHtml: '<p>Sân trường thành thư viện.</p>', achievements: ['Bằng khen của UBND tỉnh'], photoMediaId: photo.id,
    });
    const waiting = await nominateExemplar({ userId: teacher.id }, teacherExemplar(t.school.id, { name: 'Cô Phạm Thu Chờ Duyệt' }));
    const c = makeClient();
    const before = await c.request('GET', '/guong-dien-hinh');
    expect(before.status).toBe(200);
    expect(before.text).not.toContain('Mô hình Thư viện xanh');

    await moveExemplar({ userId: schoolEditor.id }, model.id, { action: 'approve' });
    await moveExemplar({ userId: schoolEditor.id }, model.id, { action: 'publish' });
    const list = await c.request('GET', '/guong-dien-hinh');
    expect(list.text).toContain('Mô hình Thư viện xanh');
    expect(list.text).not.toContain('Chờ Duyệt');
    expect((await c.request('GET', '/guong-dien-hinh?loai=ca-nhan')).text).not.toContain('Mô hình Thư viện xanh');
    expect((await c.request('GET', '/guong-dien-hinh?loai=mo-hinh')).text).toContain('Mô hình Thư viện xanh');

    const page = await c.request('GET', '/guong-dien-hinh/mo-hinh-thu-vien-xanh');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<meta property="og:type" content="article"/>');
    expect(page.text).toContain('og:image');
    expect(page.text).toContain('Bằng khen của UBND tỉnh');
    expect(page.text).toContain('<p>Sân trường thành thư viện.</p>');
    expect(page.headers.get('etag')).toBeTruthy();
    expect((await c.request('GET', `/guong-dien-hinh/${waiting.slug}`)).status).toBe(404);
    const map = (await c.request('GET', '/sitemap.xml')).text;
    expect(map).toContain('/guong-dien-hinh/mo-hinh-thu-vien-xanh</loc>');
    expect(map).not.toContain(`/guong-dien-hinh/${waiting.slug}</loc>`);

    await moveExemplar({ userId: schoolEditor.id }, model.id, { action: 'archive' });
    expect((await c.request('GET', '/guong-dien-hinh/mo-hinh-thu-vien-xanh')).status).toBe(410);
    expect((await c.request('GET', '/guong-dien-hinh')).text).not.toContain('Mô hình Thư viện xanh');
    expect((await c.request('GET', '/sitemap.xml')).text).not.toContain('/guong-dien-hinh/mo-hinh-thu-vien-xanh</loc>');
  });

  it('counts published exemplars per unit of a subtree and school year, with links', async () => {
    const { t, teacher, schoolEditor, deptEditor } = await people();
    const publish = async (unitId: number, name: string, schoolYear = '2025-2026', by = schoolEditor.id) => {
      const e = await nominateExemplar({ userId: teacher.id }, teacherExemplar(unitId, { name, schoolYear }));
      await moveExemplar({ userId: by }, e.id, { action: 'approve' });
      return moveExemplar({ userId: by }, e.id, { action: 'publish' });
    };
    const a = await publish(t.school.id, 'Thầy Đỗ Văn Một');
    await publish(t.school.id, 'Cô Đỗ Thị Hai');
    await publish(t.school.id, 'Cô Năm Học Trước', '2024-2025');
    await publish(t.commune.id, 'Tổ công tác xã', '2025-2026', deptEditor.id);
    await nominateExemplar({ userId: teacher.id }, teacherExemplar(t.school.id, { name: 'Chưa duyệt' }));
    const rows = await listPublishedExemplarsForScoring(db(), t.dept.id, '2025-2026');
    const school = rows.find((r) => r.unitId === t.school.id);
    expect(school?.count).toBe(2);
    expect(school?.items[0]).toEqual({ id: a.id, name: 'Thầy Đỗ Văn Một', kind: 'person', url: `/guong-dien-hinh/${a.slug}` });
    expect(rows.find((r) => r.unitId === t.commune.id)?.count).toBe(1);
    expect(await listPublishedExemplarsForScoring(db(), t.otherDept.id, '2025-2026')).toEqual([]);
    expect(currentSchoolYear(new Date('2025-09-10T00:00:00+07:00'))).toBe('2025-2026');
  });
});

function png() {
  return sharp({ create: { width: 900, height: 600, channels: 3, background: '#3a8d5c' } }).png().toBuffer();
}
