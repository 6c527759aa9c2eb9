import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../src/jobs';
import { createPlan, issuePlan, movePlan } from '../../src/modules/plans';
import { db } from '../../src/platform/db';
import { startJobs, stopJobs } from '../../src/platform/jobs';
import { useTestDatabase } from '../support/db';
import { makePerson, makeTree, makeUnit } from '../support/factories';
import { makeClient } from '../support/http';

/** The plans API as the admin UI drives it: import for review, reading as a recipient, cascading from the Sở's plan. */
const state = useTestDatabase();
beforeAll(async () => {
  await startJobs({ connectionString: state.url, isWorker: false });
});
afterAll(async () => {
  await stopJobs();
});

const planText = [
  'SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH THỬ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  '\tĐộc lập - Tự do - Hạnh phúc',
  'Số: 07/KH-SGDĐT\tThử, ngày 15 tháng 01 năm 2026',
  'KẾ HOẠCH',
  'Truyền thông về giáo dục và đào tạo năm 2026',
  'Căn cứ Kế hoạch số 141/KH-BGDĐT ngày 10/01/2026 của Bộ Giáo dục và Đào tạo về truyền thông giáo dục năm 2026;',
  'I. MỤC ĐÍCH, YÊU CẦU',
  'Cung cấp thông tin kịp thời, chính xác về các chủ trương của ngành.',
  'II. TỔ CHỨC THỰC HIỆN',
  '1. Trường THCS Hoa Sen',
  'Gửi báo cáo kết quả công tác truyền thông về Sở trước ngày 20 hằng tháng.',
  'Trên đây là Kế hoạch truyền thông năm 2026 của Sở Giáo dục và Đào tạo.',
  'Nơi nhận:\tKT. GIÁM ĐỐC',
  '- Trường THCS Hoa Sen;\tPHÓ GIÁM ĐỐC',
  '- Lưu: VT, VP.',
  '\tTrần Thị Mai',
].join('\n');

async function fixture() {
  const t = await makeTree();
  const hoaSen = await makeUnit({ parentId: t.commune.id, name: 'Trường THCS Hoa Sen' });
  const focal = await makePerson({ unitId: t.dept.id, roles: ['focal_point'] });
  const leader = await makePerson({ unitId: t.dept.id, roles: ['leader'] });
  const principal = await makePerson({ unitId: hoaSen.id, roles: ['leader'] });
  return { t, hoaSen, focal, leader, principal };
}

describe('plans over HTTP', () => {
  it('reads an uploaded plan into a draft for review, saving nothing, and refuses what it cannot read', async () => {
    const { t, hoaSen, focal } = await fixture();
    const c = makeClient();
    await c.login(focal.email);
    const before = (await db().query('select count(*)::int as n from plans')).rows[0].n;
    const form = new FormData();
    form.append('file', new File([planText], 'ke-hoach.txt', { type: 'text/plain' }));
    const r = await c.request('POST', `/api/plans/import?unitId=${t.dept.id}`, form);
    expect(r.status).toBe(200);
    expect(r.json.draft).toMatchObject({ number: '07/KH-SGDĐT', date: '2026-01-15', period: { year: 2026 } });
    expect(r.json.input).toMatchObject({ symbol: 'KH-SGDĐT', title: 'Truyền thông về giáo dục và đào tạo năm 2026' });
    expect(r.json.input.basis[0].ref).toBe('141/KH-BGDĐT');
    expect(r.json.units).toContainEqual({ text: 'Trường THCS Hoa Sen', unitId: hoaSen.id, unitName: 'Trường THCS Hoa Sen' });
    expect((await db().query('select count(*)::int as n from plans')).rows[0].n).toBe(before);

    // the reviewed input saves as a draft as it is
    const saved = await c.post('/api/plans', { ...r.json.input, unitId: t.dept.id });
    expect(saved.status).toBe(201);
    expect(saved.json).toMatchObject({ status: 'draft', can: { edit: true, submit: true, approve: false } });

    const bad = new FormData();
    bad.append('file', new File(['MZ…'], 'virus.exe', { type: 'application/octet-stream' }));
    const refused = await c.request('POST', `/api/plans/import?unitId=${t.dept.id}`, bad);
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({ code: 'plan.import_bad_type', message: expect.stringContaining('DOCX') });
  });

  it('lets a recipient school open, acknowledge and cascade the Sở’s issued plan, and the Sở see it', async () => {
    const { t, hoaSen, focal, leader, principal } = await fixture();
    const plan = await createPlan({ userId: focal.id }, { unitId: t.dept.id, title: 'Truyền thông năm 2026', period: { year: 2026 }, symbol: 'KH-SGDĐT', tasks: [{ topic: 'Tuyên truyền tuyển sinh' }] });
    const school = makeClient();
    await school.login(principal.email);
    // a draft of the Sở is not the school's to read
    expect((await school.get(`/api/plans/${plan.id}`)).status).toBe(403);

    await movePlan({ userId: focal.id }, plan.id, 'submit');
    await movePlan({ userId: leader.id }, plan.id, 'approve');
    await issuePlan({ userId: leader.id }, plan.id, { issuedOn: '2026-01-05', holidays: new Set(), recipientUnitIds: [hoaSen.id] });

    const opened = await school.get(`/api/plans/${plan.id}`);
    expect(opened.status).toBe(200);
    expect(opened.json).toMatchObject({ numberLabel: '01/KH-SGDĐT', can: { edit: false, cascade: true } });
    expect((await school.post(`/api/plans/${plan.id}/acknowledge`, { unitId: hoaSen.id })).status).toBe(200);
    const received = await school.get(`/api/plans/received?unitId=${hoaSen.id}`);
    expect(received.json.items[0]).toMatchObject({ planId: plan.id, acknowledgedAt: expect.any(String) });

    const own = await school.post(`/api/plans/${plan.id}/cascade`, { unitId: hoaSen.id });
    expect(own.status).toBe(201);
    expect(own.json).toMatchObject({ unitId: hoaSen.id, parentPlanId: plan.id, status: 'draft' });
    // but not for a unit outside the issuing unit's tree
    const outside = await school.post(`/api/plans/${plan.id}/cascade`, { unitId: t.otherSchool.id });
    expect(outside.status).toBe(403);

    const sở = makeClient();
    await sở.login(focal.email);
    const recipients = await sở.get(`/api/plans/${plan.id}/recipients`);
    expect(recipients.json.items).toEqual([expect.objectContaining({ unitId: hoaSen.id, readAt: expect.any(String), acknowledgedAt: expect.any(String) })]);
    const sub = await sở.get(`/api/plans/${plan.id}/subplans`);
    expect(sub.status).toBe(200);
  });

  it('edits a draft with its version, refuses bad input without changing anything, and keeps comments', async () => {
    const { t, focal } = await fixture();
    const c = makeClient();
    await c.login(focal.email);
    const created = await c.post('/api/plans', { unitId: t.dept.id, title: 'Dự thảo', period: { year: 2026 } });
    const id = created.json.id;
    const badPeriod = await c.request('PUT', `/api/plans/${id}`, { version: created.json.version, title: 'X', period: { schoolYear: '2025/2026' } });
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.json.error.code).toBe('validation');
    const ok = await c.request('PUT', `/api/plans/${id}`, { version: created.json.version, title: 'Dự thảo lần 2', period: { schoolYear: '2025-2026' } });
    expect(ok.status).toBe(200);
    const stale = await c.request('PUT', `/api/plans/${id}`, { version: created.json.version, title: 'Ghi đè', period: { year: 2026 } });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe('plan.stale');
    expect((await c.get(`/api/plans/${id}`)).json.title).toBe('Dự thảo lần 2');
    await c.post(`/api/plans/${id}/comments`, { body: 'Bổ sung kênh Zalo.' });
    expect((await c.get(`/api/plans/${id}/comments`)).json.items).toEqual([expect.objectContaining({ body: 'Bổ sung kênh Zalo.' })]);
    expect((await c.get(`/api/plans/${id}/versions`)).json.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('exports a stored plan as a DOCX in the state format', async () => {
    const { t, focal } = await fixture();
    const c = makeClient();
    await c.login(focal.email);
    const created = await c.post('/api/plans', {
      unitId: t.dept.id,
      title: 'Truyền thông năm 2026',
      period: { year: 2026 },
      place: 'Thử',
      sections: [{ number: 'I', title: 'MỤC ĐÍCH, YÊU CẦU', body: 'Thông tin kịp thời, chính xác.', children: [] }],
      signer: { authority: 'KT.', title: 'GIÁM ĐỐC', deputyTitle: 'PHÓ GIÁM ĐỐC', name: 'Trần Thị Mai' },
    });
    const r = await c.get(`/api/plans/${created.json.id}/export?format=docx`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toContain('.docx');
    expect(r.headers.get('content-type')).toContain('wordprocessingml');
  });

  it('keeps the holiday calendar: administrators add and remove days, everyone reads it', async () => {
    const { t, focal } = await fixture();
    const admin = await makePerson({ unitId: t.dept.id, roles: ['administrator'] });
    const a = makeClient();
    await a.login(admin.email);
    expect((await a.request('PUT', '/api/holidays/2027-04-30', { name: 'Ngày Giải phóng miền Nam' })).status).toBe(200);
    expect((await a.request('PUT', '/api/holidays/2027-02-30', { name: 'Ngày không có' })).status).toBe(400);
    const f = makeClient();
    await f.login(focal.email);
    expect((await f.get('/api/holidays?year=2027')).json.items).toContainEqual({ day: '2027-04-30', name: 'Ngày Giải phóng miền Nam' });
    expect((await f.request('DELETE', '/api/holidays/2027-04-30')).status).toBe(403);
    expect((await a.request('DELETE', '/api/holidays/2027-04-30')).status).toBe(200);
    expect((await a.request('DELETE', '/api/holidays/2027-04-30')).status).toBe(404);
  });
});
