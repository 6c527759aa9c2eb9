import { describe, expect, it } from 'vitest';
import {
  addAction,
  addFinding,
  computeScore,
  createChecklist,
  createInspection,
  decideAction,
  finishInspection,
  getInspection,
  inspectionEmulationFacts,
  recordResults,
  reportAction,
  updateChecklist,
} from '../../src/modules/inspections';
import { unitPathOf } from '../../src/modules/org';
import { db } from '../../src/platform/db';
import { useTestDatabase } from '../support/db';
import { makePerson, makeTree } from '../support/factories';
import { makeClient } from '../support/http';

useTestDatabase();

const checklist = (unitId: number) => ({
  unitId,
  title: 'Tiêu chí kiểm tra công tác truyền thông năm học 2025-2026',
  items: [
    { text: 'Có kế hoạch truyền thông năm học được phê duyệt', weight: 2 },
    { text: 'Trang thông tin điện tử cập nhật ít nhất 2 tin mỗi tuần', weight: 3 },
    { text: 'Công khai đầy đủ theo Thông tư 09/2024', weight: 5, guidance: 'Đối chiếu danh mục công khai' },
  ],
});

async function setup() {
  const t = await makeTree();
  const inspector = await makePerson({ unitId: t.dept.id, roles: ['focal_point'] });
  const schoolLead = await makePerson({ unitId: t.school.id, roles: ['leader'] });
  const cl = await createChecklist({ userId: inspector.id }, checklist(t.dept.id));
  return { t, inspector, schoolLead, cl };
}

describe('inspections', () => {
  it('computes the weighted score 0–100', () => {
    expect(computeScore([{ weight: 2, result: 100 }, { weight: 3, result: 50 }, { weight: 5, result: 80 }])).toBe(75);
    expect(computeScore([{ weight: 1, result: 100 }, { weight: 2, result: null }])).toBe(100);
    expect(computeScore([{ weight: 1, result: null }])).toBeNull();
    expect(computeScore([{ weight: 1, result: 0 }, { weight: 2, result: 100 }])).toBe(66.67);
  });

  it('scores from the snapshot, closes only when every action is closed, and feeds emulation', async () => {
    const { t, inspector, schoolLead, cl } = await setup();
    await expect(createInspection({ userId: inspector.id }, { unitId: t.dept.id, inspectedUnitId: t.otherSchool.id, checklistId: cl.id, title: 'Kiểm tra', mode: 'visit', inspectedOn: '2026-03-12' }))
      .rejects.toMatchObject({ code: 'inspection.unit_outside' });
    await expect(createInspection({ userId: inspector.id }, { unitId: t.dept.id, inspectedUnitId: t.dept.id, checklistId: cl.id, title: 'Kiểm tra', mode: 'visit', inspectedOn: '2026-03-12' }))
      .rejects.toMatchObject({ code: 'inspection.unit_outside' });

    const ins = await createInspection({ userId: inspector.id }, {
      unitId: t.dept.id, inspectedUnitId: t.school.id, checklistId: cl.id, title: 'Kiểm tra công tác truyền thông Trường THCS Thử', mode: 'visit', inspectedOn: '2026-03-12',
      inspectors: ['Nguyễn Văn An', 'Lê Thị Bình'],
    });
    expect(ins.items.map((i) => i.weight)).toEqual([2, 3, 5]);
    // editing the template afterwards does not change the inspection's items
    await updateChecklist({ userId: inspector.id }, cl.id, { ...checklist(t.dept.id), items: [{ text: 'Một tiêu chí mới', weight: 1 }], version: cl.version });
    expect((await getInspection(db(), ins.id)).items).toHaveLength(3);

    await recordResults({ userId: inspector.id }, ins.id, [{ itemId: ins.items[0].id, result: 100 }]);
    await expect(finishInspection({ userId: inspector.id }, ins.id)).rejects.toMatchObject({ code: 'inspection.unassessed' });
    const scored = await recordResults({ userId: inspector.id }, ins.id, [
      { itemId: ins.items[1].id, result: 50, note: 'Tháng 2 chỉ đăng 3 tin' },
      { itemId: ins.items[2].id, result: 80 },
    ]);
    expect(scored.liveScore).toBe(75);

    const withFinding = await addFinding({ userId: inspector.id }, ins.id, { text: 'Trang thông tin chưa cập nhật đều đặn', severity: 'minor', itemId: ins.items[1].id });
    const findingId = withFinding.findings[0].id;
    const withActions = await addAction({ userId: inspector.id }, ins.id, { title: 'Phân công người phụ trách đăng tin hằng tuần', ownerName: 'Phó Hiệu trưởng', dueOn: '2026-04-15', findingId });
    const a2 = await addAction({ userId: inspector.id }, ins.id, { title: 'Bổ sung danh mục công khai còn thiếu', ownerName: 'Văn thư', dueOn: '2026-04-30' });
    const [act1, act2] = a2.actions;
    expect(withActions.openActions).toBe(1);

    const finished = await finishInspection({ userId: inspector.id }, ins.id);
    expect(finished).toMatchObject({ status: 'follow_up', score: 75, openActions: 2 });
    await expect(recordResults({ userId: inspector.id }, ins.id, [{ itemId: ins.items[0].id, result: 0 }])).rejects.toMatchObject({ code: 'inspection.finished' });
    const notices = async (userId: number) => (await db().query('select title, body, link from monitor_notices where user_id = $1 order by id', [userId])).rows;
    expect(await notices(schoolLead.id)).toEqual([
      { title: 'Kết quả kiểm tra: Kiểm tra công tác truyền thông Trường THCS Thử', body: 'Sở GDĐT tỉnh Thử đã chốt kết quả: 75 điểm, 1 phát hiện, 2 việc cần khắc phục.', link: `/admin/kiem-tra/${ins.id}` },
    ]);

    // the inspected school reports over HTTP; it cannot close its own actions
    const school = makeClient();
    await school.login(schoolLead.email);
    const seen = await school.get(`/api/inspections/${ins.id}`);
    expect(seen.status).toBe(200);
    expect(seen.json.can).toMatchObject({ report: true, decide: false });
    expect((await school.post(`/api/inspection-actions/${act1.id}/report`, { note: 'Đã phân công cô Hoa đăng tin thứ Hai hằng tuần' })).status).toBe(200);
    expect((await school.post(`/api/inspection-actions/${act1.id}/close`, {})).status).toBe(403);
    expect((await notices(inspector.id)).map((n) => n.title)).toEqual(['Báo cáo khắc phục của Trường THCS Thử']);

    let after = await decideAction({ userId: inspector.id }, act1.id, 'close');
    expect(after.status).toBe('follow_up');
    await reportAction({ userId: schoolLead.id }, act2.id, { note: 'Đã đăng bổ sung' });
    after = await decideAction({ userId: inspector.id }, act2.id, 'reopen');
    expect(after.actions.find((a) => a.id === act2.id)?.status).toBe('open');
    after = await decideAction({ userId: inspector.id }, act2.id, 'close');
    expect(after).toMatchObject({ status: 'closed', openActions: 0 });
    expect(after.closedAt).not.toBeNull();
    await expect(addAction({ userId: inspector.id }, ins.id, { title: 'Muộn', ownerName: 'Ai đó', dueOn: '2026-05-01' })).rejects.toMatchObject({ code: 'inspection.closed' });

    const audit = await db().query(`select action from audit_log where entity = 'inspection' and entity_id = $1 order by id`, [String(ins.id)]);
    expect(audit.rows.map((r) => r.action)).toEqual([
      'inspection.create', 'inspection.results', 'inspection.results', 'inspection.finding_add', 'inspection.action_add', 'inspection.action_add', 'inspection.finish',
      'inspection.action_report', 'inspection.action_close', 'inspection.action_report', 'inspection.action_reopen', 'inspection.action_close',
    ]);

    // a second inspection without actions closes at once; emulation averages the two
    const ins2 = await createInspection({ userId: inspector.id }, { unitId: t.dept.id, inspectedUnitId: t.school.id, checklistId: cl.id, title: 'Kiểm tra trực tuyến', mode: 'remote', inspectedOn: '2026-05-20' });
    await recordResults({ userId: inspector.id }, ins2.id, ins2.items.map((i) => ({ itemId: i.id, result: 90 })));
    expect((await finishInspection({ userId: inspector.id }, ins2.id)).status).toBe('closed');
    // an unfinished one does not count
    await createInspection({ userId: inspector.id }, { unitId: t.dept.id, inspectedUnitId: t.commune.id, checklistId: cl.id, title: 'Chưa chấm', mode: 'visit', inspectedOn: '2026-05-21' });

    const path = (await unitPathOf(db(), t.dept.id)) as string;
    const facts = await inspectionEmulationFacts(db(), { unitPath: path, from: new Date('2025-12-31T17:00:00Z'), to: new Date('2026-06-30T17:00:00Z') });
    expect(facts).toEqual([
      {
        unitId: t.school.id,
        value: 82.5,
        evidence: [
          { label: 'Kiểm tra công tác truyền thông Trường THCS Thử (12/03/2026): 75 điểm', url: `/admin/kiem-tra/${ins.id}` },
          { label: 'Kiểm tra trực tuyến (20/05/2026): 90 điểm', url: `/admin/kiem-tra/${ins2.id}` },
        ],
      },
    ]);
    expect(await inspectionEmulationFacts(db(), { unitPath: path, from: new Date('2026-03-12T17:00:00Z'), to: new Date('2026-06-30T17:00:00Z') })).toMatchObject([{ unitId: t.school.id, value: 90 }]);
  });

  it('keeps writers outside the inspecting unit away', async () => {
    const { t, cl } = await setup();
    const other = await makePerson({ unitId: t.otherDept.id, roles: ['focal_point'] });
    const c = makeClient();
    await c.login(other.email);
    const r = await c.post('/api/inspections', { unitId: t.dept.id, inspectedUnitId: t.school.id, checklistId: cl.id, title: 'Không được', mode: 'visit', inspectedOn: '2026-03-12' });
    expect(r.status).toBe(403);
    expect(r.json.error.message).toBe('Bạn không có quyền thực hiện thao tác này.');
  });
});
