import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../src/jobs';
import { db } from '../../src/platform/db';
import { startJobs, stopJobs } from '../../src/platform/jobs';
import { useTestDatabase } from '../support/db';
import { makePerson, makeUnit } from '../support/factories';
import { makeClient } from '../support/http';

/** The notices API end to end in-process: compose, approve, send, receive, read, acknowledge, receipts, withdraw; the e-mailed link. */
const state = useTestDatabase();
beforeAll(async () => {
  await startJobs({ connectionString: state.url, isWorker: false });
});
afterAll(async () => {
  await stopJobs();
});

async function tree() {
  const root = await makeUnit({ type: 'ministry', name: 'Bộ thử thông báo HTTP' });
  const dept = await makeUnit({ parentId: root.id, type: 'department', name: 'Sở GDĐT tỉnh Lạng Sơn Thử' });
  const commune = await makeUnit({ parentId: dept.id, type: 'commune', name: 'UBND xã Hữu Lũng' });
  const a1 = await makeUnit({ parentId: commune.id, type: 'school', name: 'Trường Tiểu học Hữu Lũng' });
  const a2 = await makeUnit({ parentId: commune.id, type: 'school', name: 'Trường THCS Hữu Lũng' });
  const b1 = await makeUnit({ parentId: dept.id, type: 'school', name: 'Trường THPT Chi Lăng' });
  const otherDept = await makeUnit({ parentId: root.id, type: 'department', name: 'Sở GDĐT tỉnh Ngoài Thử' });
  const outside = await makeUnit({ parentId: otherDept.id, type: 'school', name: 'Trường Tiểu học Ngoài' });
  const p = {
    deptFocal: await makePerson({ unitId: dept.id, roles: ['focal_point'] }),
    deptLeader: await makePerson({ unitId: dept.id, roles: ['leader'] }),
    communeLeader: await makePerson({ unitId: commune.id, roles: ['leader'] }),
    a1Focal: await makePerson({ unitId: a1.id, roles: ['focal_point'] }),
    a2Focal: await makePerson({ unitId: a2.id, roles: ['focal_point'] }),
    b1Focal: await makePerson({ unitId: b1.id, roles: ['focal_point'] }),
    outsideFocal: await makePerson({ unitId: outside.id, roles: ['focal_point'] }),
  };
  return { dept, commune, a1, a2, b1, outside, p };
}

describe('notices: HTTP', () => {
  it('compose → approve → send → the recipient reads and acknowledges → the sender sees it', async () => {
    const t = await tree();
    const focal = makeClient();
    await focal.login(t.p.deptFocal.email);
    const created = await focal.post('/api/notices', { unitId: t.dept.id, kind: 'instruction', title: 'Chỉ đạo kiểm tra an toàn bếp ăn', bodyHtml: '<p>Các trường kiểm tra ngay.</p>', audience: { unitTypes: ['school'] } });
    expect(created.status).toBe(201);
    expect(created.json.audienceCount).toEqual({ units: 3, people: 3 });
    expect(created.json.can.approve).toBe(false);
    const id = created.json.id as number;

    const leader = makeClient();
    await leader.login(t.p.deptLeader.email);
    expect((await leader.get(`/api/notices/${id}`)).json.can.approve).toBe(true);
    expect((await leader.post(`/api/notices/${id}/approve`)).status).toBe(200);
    const sent = await focal.post(`/api/notices/${id}/send`);
    expect(sent.status).toBe(200);
    expect(sent.json).toMatchObject({ status: 'sent', recipientCount: 3, can: { withdraw: true } });

    const school = makeClient();
    await school.login(t.p.b1Focal.email);
    const box = await school.get('/api/notices/received');
    expect(box.json.unread).toBe(1);
    expect(box.json.items[0]).toMatchObject({ noticeId: id, readAt: null, isAckRequired: true });
    expect((await school.post(`/api/notices/received/${id}/read`)).json.isFirstRead).toBe(true);
    expect((await school.post(`/api/notices/received/${id}/read`)).json.isFirstRead).toBe(false);
    const ack = await school.post(`/api/notices/received/${id}/acknowledge`);
    expect(ack.json.acknowledgedAt).toBeTruthy();
    expect((await school.get('/api/notices/received')).json.unread).toBe(0);
    // the school cannot see the sender's report, nor the outside focal point the notice
    expect((await school.get(`/api/notices/${id}/receipts`)).status).toBe(403);
    const outsider = makeClient();
    await outsider.login(t.p.outsideFocal.email);
    expect((await outsider.get(`/api/notices/received/${id}`)).status).toBe(404);

    const rep = await focal.get(`/api/notices/${id}/receipts`);
    expect(rep.status).toBe(200);
    expect(rep.json.totals).toMatchObject({ recipients: 3, read: 1, acked: 1 });
    const list = await focal.get(`/api/notices?unitId=${t.dept.id}`);
    expect(list.json.items.find((x: { id: number }) => x.id === id)).toMatchObject({ readCount: 1, ackCount: 1, recipientCount: 3 });

    const withdrawn = await focal.post(`/api/notices/${id}/withdraw`, { note: 'Đã có văn bản thay thế' });
    expect(withdrawn.json.status).toBe('withdrawn');
    expect((await school.get(`/api/notices/received/${id}`)).json.withdrawNote).toBe('Đã có văn bản thay thế');
  });

  it('the e-mailed link records the read once and opens the notice', async () => {
    const t = await tree();
    const focal = makeClient();
    await focal.login(t.p.deptFocal.email);
    const leader = makeClient();
    await leader.login(t.p.deptLeader.email);
    const id = (await focal.post('/api/notices', { unitId: t.dept.id, kind: 'guidance', title: 'Hướng dẫn trả lời phụ huynh' })).json.id as number;
    await leader.post(`/api/notices/${id}/approve`);
    await focal.post(`/api/notices/${id}/send`);
    const token = (await db().query('select read_token as t from notice_deliveries where notice_id = $1 and user_id = $2', [id, t.p.a1Focal.id])).rows[0].t;
    const res = await makeClient().request('GET', `/api/notices/receipt/${token}`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/admin/thong-bao/nhan/${id}`);
    await makeClient().request('GET', `/api/notices/receipt/${token}`);
    expect((await db().query(`select count(*)::int as n from audit_log where action = 'notice.read' and entity_id = $1`, [String(id)])).rows[0].n).toBe(1);
    expect((await makeClient().request('GET', '/api/notices/receipt/khong-hop-le')).headers.get('location')).toBe('/admin/thong-bao');
  });

  it('lets each person set and clear their own Zalo id for OA messages, refusing bad ids with nothing changed', async () => {
    const t = await tree();
    const c = makeClient();
    await c.login(t.p.a1Focal.email);
    expect((await c.get('/api/notices/zalo-id')).json).toEqual({ zaloUserId: null });
    expect((await c.request('PUT', '/api/notices/zalo-id', { zaloUserId: '8432 1' })).status).toBe(400);
    expect((await c.get('/api/notices/zalo-id')).json).toEqual({ zaloUserId: null });
    expect((await c.request('PUT', '/api/notices/zalo-id', { zaloUserId: '8432156790' })).json).toEqual({ zaloUserId: '8432156790' });
    const row = await db().query('select zalo_user_id from notice_zalo_ids where user_id = $1', [t.p.a1Focal.id]);
    expect(row.rows[0].zalo_user_id).toBe('8432156790');
    expect((await c.request('PUT', '/api/notices/zalo-id', { zaloUserId: null })).json).toEqual({ zaloUserId: null });
    expect((await db().query(`select count(*)::int as n from audit_log where action = 'notice.zalo_id' and entity_id = $1`, [String(t.p.a1Focal.id)])).rows[0].n).toBe(2);
    expect((await makeClient().get('/api/notices/zalo-id')).status).toBe(401);
  });
});
