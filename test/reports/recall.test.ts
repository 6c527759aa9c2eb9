import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../src/jobs';
import { systemActor } from '../../src/modules/audit';
import { createPlan, fulfilDeadline } from '../../src/modules/plans';
import { approveReport, createReport, generateReport, getReport, recallReport, reportInbox, submitReport } from '../../src/modules/reports';
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

const q = (sql: string, params: unknown[] = []) => db().query(sql, params);
const fulfilledAt = async (id: number) => (await q('select fulfilled_at from obligation_deadlines where id = $1', [id])).rows[0].fulfilled_at as Date | null;
const noticesOf = async (userId: number) => (await q(`select title, body, link from monitor_notices where user_id = $1 order by id`, [userId])).rows;
const auditOf = async (entity: string, id: number) => (await q(`select action, before, after from audit_log where entity = $1 and entity_id = $2 order by id`, [entity, String(id)])).rows;

/** School → commune (the parent), with people, a monthly reporting duty and a submitted report of the school. */
async function world() {
  const t = await makeTree();
  const school2 = await makeUnit({ parentId: t.commune.id, type: 'school', name: 'Trường Tiểu học Cẩm Tú' });
  const schoolFocal = await makePerson({ unitId: t.school.id, roles: ['focal_point'] });
  const schoolLeader = await makePerson({ unitId: t.school.id, roles: ['leader'], name: 'Phạm Minh Châu' });
  const communeLeader = await makePerson({ unitId: t.commune.id, roles: ['leader'] });
  const communeFocal = await makePerson({ unitId: t.commune.id, roles: ['focal_point'] });
  const communeEditor = await makePerson({ unitId: t.commune.id, roles: ['contributor'] });
  const outsider = await makePerson({ unitId: t.otherDept.id, roles: ['leader'] });
  const plan = await createPlan(systemActor, { unitId: t.dept.id, title: 'Chế độ báo cáo định kỳ', period: { year: 2026 }, obligations: [{ what: 'Báo cáo tình hình dư luận hằng tháng', recurrence: 'monthly', dayOfMonth: 20 }] });
  const ob = plan.obligations[0]!.id;
  const deadline = async (unitId: number, hours: number, obligationId = ob) =>
    Number((await q(`insert into obligation_deadlines (obligation_id, unit_id, label, due_date, due_at) values ($1, $2, 'Tháng 10/2026', (now() + make_interval(hours => $3))::date, now() + make_interval(hours => $3)) returning id`, [obligationId, unitId, hours])).rows[0].id);
  return { t, school2, schoolFocal, schoolLeader, communeLeader, communeFocal, communeEditor, outsider, ob, deadline };
}

async function submitted(unitId: number, deadlineId: number, writer: number, leader: number) {
  const r = await createReport({ userId: writer }, { unitId, kind: 'monthly_opinion', period: { month: '2026-10' }, deadlineId });
  await generateReport(r.id, 1);
  await approveReport({ userId: leader }, r.id);
  return submitReport({ userId: writer }, r.id);
}

describe('recalling a submitted report (thu hồi)', () => {
  it('takes it back to draft with a reason: out of the inbox, deadline open again, parent notified once, audited; resubmitting fulfils anew with lateness', async () => {
    const w = await world();
    const { t } = w;
    // the same duty reaches the school twice (the Sở's obligation and the commune's cascaded copy): submitting meets both
    const child = Number((await q(`insert into plan_obligations (plan_id, parent_obligation_id, what, recurrence, day_of_month) select plan_id, id, what, recurrence, day_of_month from plan_obligations where id = $1 returning id`, [w.ob])).rows[0].id);
    const d = await w.deadline(t.school.id, 48);
    const dCopy = await w.deadline(t.school.id, 48, child);
    const s = await submitted(t.school.id, d, w.schoolFocal.id, w.schoolLeader.id);
    expect(s).toMatchObject({ status: 'submitted', isLate: false, recalledAt: null, recallCount: 0 });
    expect(await fulfilledAt(d)).not.toBeNull();
    expect(await fulfilledAt(dCopy)).not.toBeNull();
    expect((await reportInbox(db(), { unitId: t.commune.id, kind: 'monthly_opinion', periodKey: '2026-10' })).missing.map((m) => m.unitId)).toEqual([w.school2.id]);

    // the leader sees the button, recalls it through the API
    const lc = makeClient();
    await lc.login(w.schoolLeader.email);
    const view = await lc.request('GET', `/api/reports/${s.id}`);
    expect(view.json.can).toMatchObject({ recall: true, edit: false });
    const reason = 'Số liệu tin bài tiêu cực bị nhập nhầm, cần rà soát lại trước khi gửi.';
    const res = await lc.request('POST', `/api/reports/${s.id}/recall`, { reason: `  ${reason}  ` });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      status: 'draft', version: s.version + 1, recallReason: reason, recallCount: 1, recalledByName: 'Phạm Minh Châu',
      submittedAt: null, submittedToUnitId: null, approvedAt: null, signer: null, isLate: null,
      can: { recall: false, edit: true, approve: true },
    });
    expect(res.json.recalledAt).not.toBeNull();

    // gone from the parent's inbox; the school is missing again
    const inbox = await reportInbox(db(), { unitId: t.commune.id, kind: 'monthly_opinion', periodKey: '2026-10' });
    expect(inbox.items).toEqual([]);
    expect(inbox.missing.map((m) => m.unitId).sort()).toEqual([t.school.id, w.school2.id].sort());
    // both deadlines the submission met are open again
    expect(await fulfilledAt(d)).toBeNull();
    expect(await fulfilledAt(dCopy)).toBeNull();
    // one notice to each of the commune's leader and focal point, none to its other people or the school
    for (const p of [w.communeLeader, w.communeFocal]) {
      const n = await noticesOf(p.id);
      expect(n).toHaveLength(1);
      expect(n[0]).toMatchObject({ title: 'Trường THCS Thử thu hồi báo cáo đã gửi', link: `/admin/bao-cao/${s.id}` });
      expect(n[0].body).toContain(reason);
      expect(n[0].body).toContain('tháng 10 năm 2026');
    }
    expect(await noticesOf(w.communeEditor.id)).toHaveLength(0);
    expect(await noticesOf(w.schoolLeader.id)).toHaveLength(0);
    // audited with the reason
    const audit = await auditOf('report', s.id);
    expect(audit.map((a) => a.action)).toEqual(['report.create', 'report.generate', 'report.approve', 'report.submit', 'report.recall']);
    expect(audit[4].after).toMatchObject({ status: 'draft', reason, deadlinesReopened: [d, dCopy].sort((a, b) => a - b) });
    expect(audit[4].before).toMatchObject({ status: 'submitted', submittedTo: t.commune.id });
    expect((await auditOf('deadline', d)).map((a) => a.action)).toEqual(['deadline.fulfil', 'deadline.unfulfil']);

    // recalling again is refused (it is a draft now): nothing changes, no second notice
    await expect(recallReport({ userId: w.schoolLeader.id }, s.id, 'Lần nữa')).rejects.toMatchObject({ code: 'report.recall_not_submitted', status: 409 });
    expect(await noticesOf(w.communeLeader.id)).toHaveLength(1);
    expect((await getReport(db(), s.id)).version).toBe(s.version + 1);

    // the due time passes; signed and submitted again: the deadline is met anew, late by 3 days
    await q(`update obligation_deadlines set due_at = now() - interval '3 days 2 hours' where id = any($1::bigint[])`, [[d, dCopy]]);
    await q(`update reports set due_at = now() - interval '3 days 2 hours' where id = $1`, [s.id]);
    await approveReport({ userId: w.schoolLeader.id }, s.id);
    const again = await submitReport({ userId: w.schoolFocal.id }, s.id);
    expect(again).toMatchObject({ status: 'submitted', isLate: true, lateDays: 3, recallReason: reason, recallCount: 1 });
    const dl = await q(`select fulfilled_at > due_at as late from obligation_deadlines where id = any($1::bigint[])`, [[d, dCopy]]);
    expect(dl.rows.map((x) => x.late)).toEqual([true, true]);
    const inbox2 = await reportInbox(db(), { unitId: t.commune.id, kind: 'monthly_opinion', periodKey: '2026-10' });
    expect(inbox2.items.map((i) => [i.unitId, i.isLate, i.lateDays])).toEqual([[t.school.id, true, 3]]);
  });

  it('refuses without the permission, without a reason, or when not submitted — nothing changes; a deadline met before the submission stays met', async () => {
    const w = await world();
    const { t } = w;
    const d = await w.deadline(t.school.id, 24);
    await fulfilDeadline({ userId: w.schoolFocal.id }, d); // met by hand before the report was sent
    const before = await fulfilledAt(d);
    const s = await submitted(t.school.id, d, w.schoolFocal.id, w.schoolLeader.id);
    const snapshot = async () => ({
      report: await getReport(db(), s.id),
      audit: (await q(`select count(*)::int as n from audit_log where entity in ('report', 'deadline')`)).rows[0].n,
      notices: (await q(`select count(*)::int as n from monitor_notices`)).rows[0].n,
      fulfilled: await fulfilledAt(d),
    });
    const start = await snapshot();

    // the school's focal point (writes, does not sign) and a leader elsewhere: 403; no or too long reason: 400
    const fc = makeClient();
    await fc.login(w.schoolFocal.email);
    expect((await fc.request('GET', `/api/reports/${s.id}`)).json.can.recall).toBe(false);
    expect((await fc.request('POST', `/api/reports/${s.id}/recall`, { reason: 'Gửi nhầm' })).status).toBe(403);
    const oc = makeClient();
    await oc.login(w.outsider.email);
    expect((await oc.request('POST', `/api/reports/${s.id}/recall`, { reason: 'Gửi nhầm' })).status).toBe(403);
    const lc = makeClient();
    await lc.login(w.schoolLeader.email);
    expect((await lc.request('POST', `/api/reports/${s.id}/recall`, { reason: '   ' })).status).toBe(400);
    expect((await lc.request('POST', `/api/reports/${s.id}/recall`, { reason: 'ả'.repeat(1001) })).status).toBe(400);
    expect((await lc.request('POST', `/api/reports/${s.id}/recall`, {})).status).toBe(400);
    await expect(recallReport({ userId: w.schoolLeader.id }, s.id, ' ')).rejects.toMatchObject({ code: 'report.recall_reason' });
    // a failure half-way (the notice cannot be written) rolls everything back
    await q(`create function loa_test_refuse_notice() returns trigger language plpgsql as $$ begin raise exception 'refused'; end $$`);
    await q(`create trigger loa_test_refuse_notice before insert on monitor_notices for each row execute function loa_test_refuse_notice()`);
    try {
      await expect(recallReport({ userId: w.schoolLeader.id }, s.id, 'Gửi nhầm kỳ báo cáo')).rejects.toThrow();
    } finally {
      await q('drop trigger loa_test_refuse_notice on monitor_notices');
      await q('drop function loa_test_refuse_notice()');
    }
    expect(await snapshot()).toEqual(start);

    // a draft or an approved report cannot be recalled (409, Vietnamese message)
    const d2 = await w.deadline(w.school2.id, 24);
    const other = await createReport({ userId: w.schoolFocal.id }, { unitId: w.school2.id, kind: 'monthly_opinion', period: { month: '2026-10' }, deadlineId: d2 });
    await generateReport(other.id, 1);
    const s2Leader = await makePerson({ unitId: w.school2.id, roles: ['leader'] });
    const l2 = makeClient();
    await l2.login(s2Leader.email);
    const refused = await l2.request('POST', `/api/reports/${other.id}/recall`, { reason: 'Gửi nhầm' });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('report.recall_not_submitted');
    expect(refused.json.error.message).toContain('Chỉ thu hồi được báo cáo đã gửi cấp trên');

    // recalled by its leader: the deadline met by hand before the submission stays met
    const r = await recallReport({ userId: w.schoolLeader.id }, s.id, 'Bổ sung phần đánh giá chung');
    expect(r.status).toBe('draft');
    expect(await fulfilledAt(d)).toEqual(before);
    expect((await auditOf('deadline', d)).map((a) => a.action)).not.toContain('deadline.unfulfil'); // by hand, then the submission's (a no-op)
    expect((await auditOf('report', s.id)).at(-1)!.after).toMatchObject({ deadlinesReopened: [] });
  });
});
