import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/audit';
import { createRule } from '../../src/modules/monitoring/alerts';
import { addWatchPerson, createTopic, removeWatchPerson } from '../../src/modules/monitoring/watch.service';
import { db } from '../../src/platform/db';
import { useTestDatabase } from '../support/db';
import { makePerson, makeTree } from '../support/factories';
import { type TestClient, makeClient } from '../support/http';

/**
 * People and topics on alert rules over the API: the ids must be watched and
 * visible to the caller (people of the units they reach, topics of those units
 * or above); bad input writes nothing; the rule carries their names; editing
 * keeps ids the rule already had and may clear them. Data written for these tests.
 */
useTestDatabase();

describe('alert rules with watched people and topics', () => {
  let t: Awaited<ReturnType<typeof makeTree>>;
  let c: TestClient;
  const w = {} as Record<'schoolPerson' | 'otherPerson' | 'deptPerson' | 'gonePerson' | 'deptTopic' | 'otherTopic', { id: number; name: string }>;

  const rulesNamed = async (name: string) => Number((await db().query('select count(*)::int as n from monitor_alert_rules where name = $1', [name])).rows[0].n);
  const auditCount = async () => Number((await db().query(`select count(*)::int as n from audit_log where entity = 'monitor_alert_rule'`)).rows[0].n);

  beforeAll(async () => {
    t = await makeTree();
    const focal = await makePerson({ unitId: t.school.id, roles: ['focal_point'], name: 'Huỳnh Thị Mỹ Duyên' });
    c = makeClient();
    expect((await c.login(focal.email)).status).toBe(200);
    w.schoolPerson = await addWatchPerson(systemActor, { unitId: t.school.id, name: 'Trịnh Công Hậu', title: 'Hiệu trưởng' });
    w.otherPerson = await addWatchPerson(systemActor, { unitId: t.otherSchool.id, name: 'Lưu Thị Kim Thoa', title: 'Hiệu trưởng' });
    w.deptPerson = await addWatchPerson(systemActor, { unitId: t.dept.id, name: 'Văn Đức Thịnh', title: 'Giám đốc Sở' });
    w.gonePerson = await addWatchPerson(systemActor, { unitId: t.school.id, name: 'Quách Minh Nhựt', title: 'Phó hiệu trưởng' });
    await removeWatchPerson(systemActor, w.gonePerson.id);
    w.deptTopic = await createTopic(systemActor, { unitId: t.dept.id, name: 'Bữa ăn bán trú', code: `ban_tru_${Date.now()}`, keywords: ['bán trú', 'suất ăn'] });
    w.otherTopic = await createTopic(systemActor, { unitId: t.otherDept.id, name: 'Sách giáo khoa', code: `sgk_${Date.now()}`, keywords: ['sách giáo khoa'] });
  });

  it('creates a rule with people of its subtree and topics kept above it, and lists their names', async () => {
    const r = await c.post('/api/monitoring/alert-rules', {
      unitId: t.school.id, name: 'Tin về thầy hiệu trưởng', channels: ['inapp'], personIds: [w.schoolPerson.id], topicIds: [w.deptTopic.id],
    });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({
      personIds: [w.schoolPerson.id], topicIds: [w.deptTopic.id],
      people: [{ id: w.schoolPerson.id, name: 'Trịnh Công Hậu', isActive: true }],
      topics: [{ id: w.deptTopic.id, name: 'Bữa ăn bán trú', isActive: true }],
    });
    const list = await c.get(`/api/monitoring/alert-rules?unitId=${t.school.id}`);
    const mine = list.json.items.find((x: { id: number }) => x.id === r.json.id);
    expect(mine.people.map((x: { name: string }) => x.name)).toEqual(['Trịnh Công Hậu']);
    expect(mine.topics.map((x: { name: string }) => x.name)).toEqual(['Bữa ăn bán trú']);
  });

  it('refuses people and topics that are unknown, no longer watched or outside the caller, and writes nothing', async () => {
    const audits = await auditCount();
    const cases: [Record<string, number[]>, string][] = [
      [{ personIds: [w.otherPerson.id] }, 'insights.rule_people_outside'], // another tree
      [{ personIds: [w.schoolPerson.id, w.deptPerson.id] }, 'insights.rule_people_outside'], // the Sở above: not the caller's
      [{ personIds: [w.gonePerson.id] }, 'insights.rule_people_outside'], // no longer watched
      [{ personIds: [987654321] }, 'insights.rule_people_outside'], // unknown
      [{ topicIds: [w.otherTopic.id] }, 'insights.rule_topics_outside'],
      [{ topicIds: [987654321] }, 'insights.rule_topics_outside'],
    ];
    for (const [ids, code] of cases) {
      const r = await c.post('/api/monitoring/alert-rules', { unitId: t.school.id, name: 'Quy tắc không hợp lệ', channels: ['inapp'], ...ids });
      expect(r.status, JSON.stringify(ids)).toBe(400);
      expect(r.json.error).toMatchObject({ code, message: expect.stringMatching(/phạm vi đơn vị của bạn/) });
    }
    expect(await rulesNamed('Quy tắc không hợp lệ')).toBe(0);
    expect(await auditCount()).toBe(audits);
  });

  it('editing keeps the ids the rule had (even no longer watched), refuses new foreign ones unchanged, and clears them', async () => {
    const kept = await addWatchPerson(systemActor, { unitId: t.school.id, name: 'Đoàn Thanh Tâm', title: 'Tổng phụ trách Đội' });
    const created = await c.post('/api/monitoring/alert-rules', { unitId: t.school.id, name: 'Tin về cô tổng phụ trách', channels: ['inapp'], personIds: [kept.id] });
    expect(created.status).toBe(201);
    await removeWatchPerson(systemActor, kept.id);

    const same = await c.put(`/api/monitoring/alert-rules/${created.json.id}`, { name: 'Tin về cô tổng phụ trách', channels: ['inapp'], personIds: [kept.id], version: created.json.version });
    expect(same.status).toBe(200);
    expect(same.json.people).toEqual([{ id: kept.id, name: 'Đoàn Thanh Tâm', isActive: false }]);

    const foreign = await c.put(`/api/monitoring/alert-rules/${created.json.id}`, {
      name: 'Đổi tên không được lưu', channels: ['inapp'], personIds: [kept.id, w.otherPerson.id], version: same.json.version,
    });
    expect(foreign.status).toBe(400);
    expect(foreign.json.error.code).toBe('insights.rule_people_outside');
    const after = await c.get(`/api/monitoring/alert-rules?unitId=${t.school.id}`);
    expect(after.json.items.find((x: { id: number }) => x.id === created.json.id)).toMatchObject({ name: 'Tin về cô tổng phụ trách', personIds: [kept.id], version: same.json.version });

    const cleared = await c.put(`/api/monitoring/alert-rules/${created.json.id}`, { name: 'Tin về cô tổng phụ trách', channels: ['inapp'], personIds: [], topicIds: [], version: same.json.version });
    expect(cleared.status).toBe(200);
    expect(cleared.json).toMatchObject({ personIds: [], topicIds: [], people: [], topics: [] });
    const stored = await db().query('select person_ids, topic_ids from monitor_alert_rules where id = $1', [created.json.id]);
    expect(stored.rows[0]).toEqual({ person_ids: [], topic_ids: [] });
  });

  it('a Sở focal point may choose the people of its schools; the service without a caller scope only needs them watched', async () => {
    const sFocal = await makePerson({ unitId: t.dept.id, roles: ['focal_point'], name: 'Ninh Văn Khải' });
    const s = makeClient();
    await s.login(sFocal.email);
    const r = await s.post('/api/monitoring/alert-rules', { unitId: t.dept.id, name: 'Tin về các hiệu trưởng', channels: ['inapp'], personIds: [w.schoolPerson.id, w.deptPerson.id] });
    expect(r.status).toBe(201);
    expect(r.json.people.map((x: { name: string }) => x.name)).toEqual(['Trịnh Công Hậu', 'Văn Đức Thịnh']);

    const sys = await createRule(systemActor, { unitId: t.school.id, name: 'Quy tắc hệ thống', channels: ['inapp'], personIds: [w.otherPerson.id] });
    expect(sys.people).toEqual([{ id: w.otherPerson.id, name: 'Lưu Thị Kim Thoa', isActive: true }]);
    await expect(createRule(systemActor, { unitId: t.school.id, name: 'Quy tắc hệ thống sai', channels: ['inapp'], personIds: [w.gonePerson.id] })).rejects.toMatchObject({
      code: 'insights.rule_people_outside',
    });
  });
});
