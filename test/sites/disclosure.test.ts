import { afterEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/audit';
import {
  createEntry,
  deleteEntry,
  disclosureCompliance,
  gradeObligation,
  setEntryPublished,
  updateDueOn,
  yearlyDueOn,
} from '../../src/modules/disclosure';
import { addWorkingDays, seedDefaultHolidays, vietnamHolidays } from '../../src/modules/plans';
import { resetClock, setClock } from '../../src/platform/clock';
import { db } from '../../src/platform/db';
import { useTestDatabase } from '../support/db';
import { makePerson, makeTree, makeUnit } from '../support/factories';
import { makeClient } from '../support/http';

const state = useTestDatabase();
afterEach(() => resetClock());

/** Noon in Vietnam on a day. */
const at = (day: string) => new Date(`${day}T12:00:00+07:00`);
const YEAR = '2025-2026';

describe('disclosure deadlines', () => {
  it('are 30 June for the yearly disclosure and 10 working days for an update, skipping weekends and holidays', async () => {
    await seedDefaultHolidays(db());
    expect(yearlyDueOn('2025-2026')).toBe('2026-06-30');
    // Friday 24/04/2026: 30/4 and 1/5 are holidays, so the tenth working day is Tuesday 12/05
    expect(await updateDueOn(db(), '2026-04-24')).toBe('2026-05-12');
    const holidays = new Set(vietnamHolidays(2026).map((h) => h.date));
    expect(addWorkingDays('2026-04-24', 10, holidays)).toBe('2026-05-12');
    // across Tết Bính Ngọ (16–20/02/2026)
    expect(await updateDueOn(db(), '2026-02-13')).toBe('2026-03-06');
    expect(gradeObligation('2026-06-30', '2026-06-30', '2026-07-01')).toBe('on_time');
    expect(gradeObligation('2026-06-30', '2026-07-01', '2026-07-01')).toBe('late');
    expect(gradeObligation('2026-06-30', null, '2026-06-30')).toBe('missing');
    expect(gradeObligation('2026-06-30', null, '2026-07-01')).toBe('overdue');
  });

  it('grades the yearly disclosure and updates against the moving clock', async () => {
    await seedDefaultHolidays(db());
    const t = await makeTree();
    setClock(at('2026-06-20'));
    const general = await createEntry(systemActor, { unitId: t.school.id, heading: 'general', schoolYear: YEAR, title: 'Thông tin chung về nhà trường', bodyHtml: '<p>Địa chỉ, sứ mạng.</p>', isPublished: true });
    const finance = await createEntry(systemActor, { unitId: t.school.id, heading: 'finance', schoolYear: YEAR, title: 'Dự toán thu, chi năm 2026' });
    let c = await disclosureCompliance(db(), t.school.id, YEAR);
    const cell = (h: string) => c.schools[0].cells.find((x) => x.heading === h);
    expect(cell('general')?.status).toBe('on_time');
    expect(cell('finance')?.status).toBe('missing');
    expect(c.totals).toMatchObject({ schools: 1, cells: 8, on_time: 1, missing: 7, overdue: 0 });

    // after 30 June: what was never published is overdue; publishing now is late
    setClock(at('2026-07-02'));
    c = await disclosureCompliance(db(), t.school.id, YEAR);
    expect(cell('finance')?.status).toBe('overdue');
    expect(c.totals.overdue).toBe(7);
    await setEntryPublished(systemActor, finance.id, true);
    c = await disclosureCompliance(db(), t.school.id, YEAR);
    expect(cell('finance')?.status).toBe('late');
    expect(cell('finance')?.obligations[0]).toMatchObject({ kind: 'yearly', dueOn: '2026-06-30', publishedOn: '2026-07-02', status: 'late' });

    // the staff list changed on Friday 24/04: the update is due Tuesday 12/05
    setClock(at('2026-05-11'));
    const update = await createEntry(systemActor, { unitId: t.school.id, heading: 'general', schoolYear: YEAR, title: 'Thay đổi Hiệu trưởng', changedOn: '2026-04-24' });
    expect(update).toMatchObject({ kind: 'update', dueOn: '2026-05-12', status: 'missing' });
    setClock(at('2026-05-13'));
    c = await disclosureCompliance(db(), t.school.id, YEAR);
    expect(cell('general')?.status).toBe('overdue'); // the worst of its obligations
    expect(cell('general')?.obligations.map((o) => o.status)).toEqual(['on_time', 'overdue']);
    await setEntryPublished(systemActor, update.id, true);
    c = await disclosureCompliance(db(), t.school.id, YEAR);
    expect(cell('general')?.status).toBe('late');
    void general;
  });

  it('sanitises, refuses units that are not schools, and keeps annual reports five years', async () => {
    const t = await makeTree();
    setClock(at('2026-03-01'));
    const e = await createEntry(systemActor, {
      unitId: t.school.id, heading: 'annual_report', schoolYear: YEAR, title: 'Báo cáo thường niên năm học 2024-2025',
      bodyHtml: '<p onclick="x()">Tổng kết</p><script>alert(1)</script><a href="javascript:alert(1)">xem</a><div style="display:none"><a href="https://spam.example">casino</a></div>',
    });
    expect(e.bodyHtml).not.toMatch(/script|onclick|javascript|style=/);
    await expect(createEntry(systemActor, { unitId: t.dept.id, heading: 'general', schoolYear: YEAR, title: 'x' })).rejects.toMatchObject({ code: 'disclosure.not_school' });
    await expect(createEntry(systemActor, { unitId: t.school.id, heading: 'general', schoolYear: YEAR, title: 'x', changedOn: '2026-04-01' })).rejects.toMatchObject({ code: 'disclosure.changed_in_future' });
    await setEntryPublished(systemActor, e.id, true);
    await expect(setEntryPublished(systemActor, e.id, false)).rejects.toMatchObject({ code: 'disclosure.retention' });
    await expect(deleteEntry(systemActor, e.id)).rejects.toMatchObject({ code: 'disclosure.retention' });
    setClock(at('2031-03-02'));
    await setEntryPublished(systemActor, e.id, false);
    const draft = await createEntry(systemActor, { unitId: t.school.id, heading: 'results', schoolYear: YEAR, title: 'Kết quả tạm tính' });
    await deleteEntry(systemActor, draft.id);
    const audit = await db().query(`select action from audit_log where entity = 'disclosure_entry' and entity_id = $1 order by id`, [String(e.id)]);
    expect(audit.rows.map((r) => r.action)).toEqual(['disclosure.create', 'disclosure.publish', 'disclosure.unpublish']);
  });
});

describe('compliance for the parent unit', () => {
  it('rolls schools up under the unit’s direct children and stays inside the reader’s subtree', async () => {
    const t = await makeTree();
    const school2 = await makeUnit({ parentId: t.dept.id, type: 'school', name: 'Trường THPT Thử Hai' });
    const school3 = await makeUnit({ parentId: t.commune.id, type: 'school', name: 'Trường Tiểu học Thử Ba' });
    setClock(at('2026-06-10'));
    for (const h of ['general', 'finance', 'staff', 'facilities', 'quality', 'education_plan', 'results', 'annual_report'] as const) {
      await createEntry(systemActor, { unitId: t.school.id, heading: h, schoolYear: YEAR, title: `Công khai ${h}`, isPublished: true });
    }
    await createEntry(systemActor, { unitId: school2.id, heading: 'general', schoolYear: YEAR, title: 'Thông tin chung', isPublished: true });
    setClock(at('2026-07-10'));
    await createEntry(systemActor, { unitId: school3.id, heading: 'general', schoolYear: YEAR, title: 'Thông tin chung', isPublished: true });

    const c = await disclosureCompliance(db(), t.dept.id, YEAR);
    expect(c.totals).toMatchObject({ schools: 3, cells: 24, on_time: 9, late: 1, overdue: 14, missing: 0 });
    const byName = Object.fromEntries(c.schools.map((s) => [s.name, s]));
    expect(byName['Trường THCS Thử'].status).toBe('on_time');
    expect(byName['Trường Tiểu học Thử Ba'].counts).toMatchObject({ late: 1, overdue: 7 });
    const groups = Object.fromEntries(c.groups.map((g) => [g.name, g]));
    expect(groups['Xã Thử Nghiệm']).toMatchObject({ schools: 2, counts: { on_time: 8, late: 1, overdue: 7, missing: 0 } });
    expect(groups['Trường THPT Thử Hai']).toMatchObject({ schools: 1, counts: { on_time: 1, overdue: 7 } });

    // over HTTP: a reader of the Sở sees it; a school's leader or another Sở's does not
    const deptViewer = await makePerson({ unitId: t.dept.id, roles: ['viewer'] });
    const schoolLeader = await makePerson({ unitId: t.school.id, roles: ['leader'] });
    const outsider = await makePerson({ unitId: t.otherDept.id, roles: ['leader'] });
    const ask = async (email: string, unitId: number) => {
      const client = makeClient();
      await client.login(email);
      return client.get(`/api/disclosure/compliance?unitId=${unitId}&schoolYear=${YEAR}`);
    };
    const ok = await ask(deptViewer.email, t.dept.id);
    expect(ok.status).toBe(200);
    expect(ok.json.totals.schools).toBe(3);
    expect((await ask(schoolLeader.email, t.dept.id)).status).toBe(403);
    expect((await ask(schoolLeader.email, t.school.id)).json.totals.schools).toBe(1);
    expect((await ask(outsider.email, t.dept.id)).status).toBe(403);
  });
});

describe('the school’s public disclosure page', () => {
  it('shows published entries under their heading, never drafts, and only on a school’s site', async () => {
    const t = await makeTree();
    const focal = await makePerson({ unitId: t.school.id, roles: ['focal_point'] });
    const editor = await makePerson({ unitId: t.school.id, roles: ['editor'] });
    const client = makeClient();
    await client.login(focal.email);
    const created = await client.post('/api/disclosure/entries', { unitId: t.school.id, heading: 'finance', schoolYear: YEAR, title: 'Mức thu học phí năm học 2025-2026', bodyHtml: '<p>Miễn học phí cho học sinh THCS.</p>' });
    expect(created.status).toBe(201);
    await client.post('/api/disclosure/entries', { unitId: t.school.id, heading: 'finance', schoolYear: YEAR, title: 'Bản nháp dự toán', bodyHtml: '' });
    expect((await client.post(`/api/disclosure/entries/${created.json.id}/publish`)).status).toBe(200);
    // an editor may not write disclosure
    const e = makeClient();
    await e.login(editor.email);
    expect((await e.post('/api/disclosure/entries', { unitId: t.school.id, heading: 'general', schoolYear: YEAR, title: 'x' })).status).toBe(403);

    const slug = (await db().query('select slug from site_settings where unit_id = $1', [t.school.id])).rows[0].slug;
    const anon = makeClient();
    const index = await anon.get(`/don-vi/${slug}/cong-khai`);
    expect(index.status).toBe(200);
    expect(index.text).toContain('Thu, chi tài chính');
    const page = await anon.get(`/don-vi/${slug}/cong-khai/thu-chi-tai-chinh`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Mức thu học phí năm học 2025-2026');
    expect(page.text).toContain('Miễn học phí cho học sinh THCS.');
    expect(page.text).not.toContain('Bản nháp dự toán');
    const deptSlug = (await db().query('select slug from site_settings where unit_id = $1', [t.dept.id])).rows[0].slug;
    expect((await anon.get(`/don-vi/${deptSlug}/cong-khai`)).status).toBe(404);
  });
});

describe('reminders', () => {
  it('mail the school’s focal points before the deadlines, once', async () => {
    const { remindDisclosure } = await import('../../src/modules/disclosure');
    const { startJobs, stopJobs } = await import('../../src/platform/jobs');
    await startJobs({ connectionString: state.url, isWorker: false });
    try {
      await seedDefaultHolidays(db());
      const t = await makeTree();
      const focal = await makePerson({ unitId: t.school.id, roles: ['focal_point'] });
      await createEntry(systemActor, { unitId: t.school.id, heading: 'general', schoolYear: YEAR, title: 'Thông tin chung', isPublished: true });
      setClock(at('2026-05-08'));
      // changed Friday 24/04 → due Tuesday 12/05; reminded from Saturday 09/05 (3 days ahead)
      await createEntry(systemActor, { unitId: t.school.id, heading: 'staff', schoolYear: YEAR, title: 'Thay đổi tổ trưởng', changedOn: '2026-04-24' });
      expect(await remindDisclosure()).toBe(0);
      setClock(at('2026-05-10'));
      const first = await remindDisclosure();
      expect(first).toBe(1);
      expect(await remindDisclosure()).toBe(0);
      // from 16 June: one reminder per heading not yet published (general is done)
      setClock(at('2026-06-20'));
      const yearly = await remindDisclosure();
      expect(yearly).toBeGreaterThanOrEqual(7);
      expect(await remindDisclosure()).toBe(0);
      const mails = await db().query(`select data->>'subject' as subject from pgboss.job where name = 'mail.send' and data->>'to' = $1`, [focal.email]);
      expect(mails.rows.length).toBe(8);
      expect(mails.rows.map((r) => r.subject)).toContain('Nhắc hạn công khai thông tin: Đội ngũ nhà giáo, cán bộ quản lý và nhân viên');
      expect(mails.rows.map((r) => r.subject)).not.toContain('Nhắc hạn công khai thông tin: Thông tin chung');
    } finally {
      await stopJobs();
    }
  });
});
