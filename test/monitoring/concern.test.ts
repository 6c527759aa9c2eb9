import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/audit';
import { createRule } from '../../src/modules/monitoring/alerts';
import { checkNewItems, deliverDueAlerts } from '../../src/modules/monitoring/alerts/sweep.service';
import { buildDigest, todayVn } from '../../src/modules/monitoring/digest';
import { storyRelatesToUnit } from '../../src/modules/monitoring';
import { dashboardFigures } from '../../src/modules/monitoring/triage.service';
import { addWatchPerson, createTopic, removeWatchPerson } from '../../src/modules/monitoring/watch.service';
import { db } from '../../src/platform/db';
import { useTestDatabase } from '../support/db';
import { makePerson, makeTree } from '../support/factories';
import { makeClient } from '../support/http';

/**
 * An item concerns the units it names AND the owner units of the watched people
 * and keyword topics it matched (src/modules/monitoring/concern.ts): such an
 * item alerts the owner's rules (and those above it) and shows in their inbox,
 * story and item pages — never outside the owner's subtree. Written for these
 * tests: the items name no unit and come from a source of no unit, so only the
 * person / topic can bring them in.
 */
useTestDatabase();

let seq = 0;
let sourceId = 0;
/** An analysed, unchecked item (its own story) matching the given people / topics, naming no unit. */
async function item(title: string, matches: { kind: 'person' | 'topic'; id: number }[], opts: { units?: number[] } = {}) {
  const n = ++seq;
  const at = new Date();
  const st = await db().query(
    `insert into monitor_stories (title, first_seen_at, last_seen_at, tone, categories, max_risk, item_count, source_count, unit_ids) values ($1, $2, $2, 'negative', '{}', 0.7, 1, 1, $3) returning id`,
    [title, at, opts.units ?? []],
  );
  const storyId = Number(st.rows[0].id);
  const it = await db().query(
    `insert into monitor_items (source_id, guid, link, title, body, published_at, content_hash, story_id, tone, categories, risk_score, reasons, analysed_at)
     values ($1, $2, $3, $4, $4, $5, $2, $6, 'negative', '{}', 0.7, '{}', $5) returning id`,
    [sourceId, `quan-tam-${n}`, `https://bao-quan-tam.vn/tin-${n}.html`, title, at, storyId],
  );
  const itemId = Number(it.rows[0].id);
  await db().query('update monitor_stories set first_item_id = $2 where id = $1', [storyId, itemId]);
  for (const u of opts.units ?? []) await db().query(`insert into monitor_item_units (item_id, unit_id, via) values ($1, $2, 'tên')`, [itemId, u]);
  for (const m of matches) await db().query(`insert into monitor_item_matches (item_id, kind, ref_id, via) values ($1, $2, $3, 'tên')`, [itemId, m.kind, m.id]);
  return { storyId, itemId };
}

const alertedItems = async (ruleId: number) =>
  (await db().query('select distinct item_id from monitor_alerts where rule_id = $1 order by item_id', [ruleId])).rows.map((r) => Number(r.item_id));

describe('people and topics make an item concern their owner unit', () => {
  let t: Awaited<ReturnType<typeof makeTree>>;
  const users: Record<'school' | 'dept' | 'otherDept' | 'otherSchool', { id: number; email: string }> = {} as never;

  beforeAll(async () => {
    t = await makeTree();
    const r = await db().query(`insert into monitor_sources (kind, name, url) values ('feed', 'Báo Quan Tâm', 'https://bao-quan-tam.vn/rss') returning id`);
    sourceId = Number(r.rows[0].id);
    users.school = await makePerson({ unitId: t.school.id, roles: ['analyst'], name: 'Lâm Thị Bích Ngọc' });
    users.dept = await makePerson({ unitId: t.dept.id, roles: ['analyst'], name: 'Tạ Quang Huy' });
    users.otherDept = await makePerson({ unitId: t.otherDept.id, roles: ['analyst'], name: 'Kiều Văn Lộc' });
    users.otherSchool = await makePerson({ unitId: t.otherSchool.id, roles: ['analyst'], name: 'Mạc Thị Duyên' });
    await checkNewItems();
  });

  it("a person-only match alerts the owner unit's rules (and those above it), not outside; the item shows in the owner's inbox and pages", async () => {
    const principal = await addWatchPerson(systemActor, { unitId: t.school.id, name: 'Ông Đình Trọng', title: 'Hiệu trưởng' });
    const elsewhere = await addWatchPerson(systemActor, { unitId: t.otherSchool.id, name: 'Châu Ngọc Lan', title: 'Hiệu trưởng' });
    const rSchool = await createRule(systemActor, { unitId: t.school.id, userId: users.school.id, name: 'Mọi tin về trường', channels: ['inapp'] });
    const rSchoolPerson = await createRule(systemActor, { unitId: t.school.id, userId: users.school.id, name: 'Tin về thầy hiệu trưởng', channels: ['inapp'], personIds: [principal.id] });
    const rSchoolOther = await createRule(systemActor, { unitId: t.school.id, userId: users.school.id, name: 'Tin về người khác', channels: ['inapp'], personIds: [elsewhere.id] });
    const rSchoolUnits = await createRule(systemActor, { unitId: t.dept.id, userId: users.dept.id, name: 'Chỉ trường THCS Thử', channels: ['inapp'], unitIds: [t.school.id] });
    const rDept = await createRule(systemActor, { unitId: t.dept.id, userId: users.dept.id, name: 'Mọi tin của Sở', channels: ['inapp'] });
    const rOther = await createRule(systemActor, { unitId: t.otherDept.id, userId: users.otherDept.id, name: 'Sở khác', channels: ['inapp'] });
    // a rule outside may name the person: still nothing, the person's unit is not in its subtree
    const rOtherNaming = await createRule(systemActor, { unitId: t.otherDept.id, userId: users.otherDept.id, name: 'Sở khác hỏi người của trường', channels: ['inapp'], personIds: [principal.id] });

    const a = await item('Hiệu trưởng Ông Đình Trọng bị phụ huynh tố cáo thu sai quy định', [{ kind: 'person', id: principal.id }]);
    const b = await item('Bà Châu Ngọc Lan trả lời chất vấn về bữa ăn bán trú', [{ kind: 'person', id: elsewhere.id }]);
    await checkNewItems();

    expect(await alertedItems(rSchool.id)).toEqual([a.itemId]);
    expect(await alertedItems(rSchoolPerson.id)).toEqual([a.itemId]);
    expect(await alertedItems(rSchoolOther.id)).toEqual([]); // that person's item concerns the other school
    expect(await alertedItems(rSchoolUnits.id)).toEqual([a.itemId]); // the unit filter sees the owner unit
    expect(await alertedItems(rDept.id)).toEqual([a.itemId]);
    expect(await alertedItems(rOther.id)).toEqual([b.itemId]);
    expect(await alertedItems(rOtherNaming.id)).toEqual([]);

    // the alert links to a story the recipient can open; it names the person's unit
    const school = makeClient();
    await school.login(users.school.email);
    const inbox = await school.get(`/api/monitoring/triage?unitId=${t.school.id}`);
    expect(inbox.status).toBe(200);
    const ids = inbox.json.items.map((x: { id: number }) => x.id);
    expect(ids).toContain(a.storyId);
    expect(ids).not.toContain(b.storyId);
    expect(inbox.json.items.find((x: { id: number }) => x.id === a.storyId).people).toEqual(['Ông Đình Trọng']);
    const page = await school.get(`/api/monitoring/triage/${a.storyId}`);
    expect(page.status).toBe(200);
    expect(page.json.can).toEqual({ write: true });
    expect((await school.get(`/api/monitoring/triage/${b.storyId}`)).status).toBe(403);
    expect((await school.get(`/api/monitoring/items/${a.itemId}`)).status).toBe(200);
    expect((await school.get(`/api/monitoring/stories/${a.storyId}`)).status).toBe(200);
    const list = await school.get(`/api/monitoring/items?unitId=${t.school.id}`);
    expect(list.json.items.map((x: { id: number }) => x.id)).toContain(a.itemId);
    expect(list.json.items.map((x: { id: number }) => x.id)).not.toContain(b.itemId);

    const dept = makeClient();
    await dept.login(users.dept.email);
    expect((await dept.get(`/api/monitoring/triage?unitId=${t.dept.id}`)).json.items.map((x: { id: number }) => x.id)).toContain(a.storyId);

    // outside the subtree: nothing
    const other = makeClient();
    await other.login(users.otherDept.email);
    const theirs = (await other.get(`/api/monitoring/triage?unitId=${t.otherDept.id}`)).json.items.map((x: { id: number }) => x.id);
    expect(theirs).not.toContain(a.storyId);
    expect(theirs).toContain(b.storyId);
    expect((await other.get(`/api/monitoring/triage/${a.storyId}`)).status).toBe(403);
    expect((await other.get(`/api/monitoring/items/${a.itemId}`)).status).toBe(403);
    expect((await other.get(`/api/monitoring/stories/${a.storyId}`)).status).toBe(403);
    expect((await other.get(`/api/monitoring/items?unitId=${t.otherDept.id}`)).json.items.map((x: { id: number }) => x.id)).not.toContain(a.itemId);

    // the in-app notice names the person's unit and links to the story
    await deliverDueAlerts();
    const notices = await db().query(`select n.body, n.link from monitor_notices n join monitor_alerts al on al.id = n.alert_id where al.rule_id = $1`, [rSchool.id]);
    expect(notices.rows).toEqual([{ body: expect.stringContaining('Trường THCS Thử'), link: `/theo-doi/tin/${a.storyId}` }]);

    // an incident of the school (or the Sở above it) may be opened from the story; not one of the other tree
    expect(await storyRelatesToUnit(db(), a.storyId, t.school.id)).toBe(true);
    expect(await storyRelatesToUnit(db(), a.storyId, t.dept.id)).toBe(true);
    expect(await storyRelatesToUnit(db(), a.storyId, t.otherSchool.id)).toBe(false);

    // a person no longer watched: what was matched stays visible to the owner
    await removeWatchPerson(systemActor, principal.id);
    expect((await school.get(`/api/monitoring/triage/${a.storyId}`)).status).toBe(200);
  });

  it("a topic-only match concerns the topic's owner and the units above it, not the units below or outside", async () => {
    const topic = await createTopic(systemActor, { unitId: t.dept.id, name: 'Lạm thu đầu năm học', keywords: ['lạm thu', 'thu sai quy định'] });
    const rDept = await createRule(systemActor, { unitId: t.dept.id, userId: users.dept.id, name: 'Lạm thu', channels: ['inapp'], topicIds: [topic.id] });
    const minister = await makePerson({ unitId: t.root.id, roles: ['leader'], name: 'Hà Minh Triết' });
    const rRoot = await createRule(systemActor, { unitId: t.root.id, name: 'Bộ: mọi tin', channels: ['inapp'] }); // to the Bộ's leaders
    expect(minister.id).toBeGreaterThan(0);
    const rSchool = await createRule(systemActor, { unitId: t.school.id, userId: users.school.id, name: 'Trường: lạm thu', channels: ['inapp'], topicIds: [topic.id] });
    const rOther = await createRule(systemActor, { unitId: t.otherDept.id, userId: users.otherDept.id, name: 'Sở khác: lạm thu', channels: ['inapp'], topicIds: [topic.id] });
    const c = await item('Phụ huynh phản ánh tình trạng lạm thu đầu năm học', [{ kind: 'topic', id: topic.id }]);
    // the same topic on an item naming a school of the other tree concerns that tree too (by the unit named)
    const d = await item('Trường Tiểu học Khác bị phản ánh thu sai quy định', [{ kind: 'topic', id: topic.id }], { units: [t.otherSchool.id] });
    await checkNewItems();

    // a topic is matched in every item: the Sở that keeps it hears of both
    expect(await alertedItems(rDept.id)).toEqual([c.itemId, d.itemId]);
    expect(await alertedItems(rRoot.id)).toEqual([c.itemId, d.itemId]);
    expect(await alertedItems(rSchool.id)).toEqual([]); // the topic belongs to the Sở, above the school
    expect(await alertedItems(rOther.id)).toEqual([d.itemId]); // by the unit named, not by the topic

    const dept = makeClient();
    await dept.login(users.dept.email);
    const mine = (await dept.get(`/api/monitoring/triage?unitId=${t.dept.id}&topicId=${topic.id}`)).json.items.map((x: { id: number }) => x.id);
    expect(mine).toEqual(expect.arrayContaining([c.storyId, d.storyId]));
    expect((await dept.get(`/api/monitoring/triage/${c.storyId}`)).status).toBe(200);

    const school = makeClient();
    await school.login(users.school.email);
    expect((await school.get(`/api/monitoring/triage?unitId=${t.school.id}`)).json.items.map((x: { id: number }) => x.id)).not.toContain(c.storyId);
    expect((await school.get(`/api/monitoring/triage/${c.storyId}`)).status).toBe(403);

    const other = makeClient();
    await other.login(users.otherSchool.email);
    const theirs = (await other.get(`/api/monitoring/triage?unitId=${t.otherSchool.id}`)).json.items.map((x: { id: number }) => x.id);
    expect(theirs).not.toContain(c.storyId);
    expect(theirs).toContain(d.storyId);

    // the digest and the dashboard figures of the Sở count it too
    const digest = await buildDigest(db(), t.dept.id, todayVn(new Date(Date.now() + 17 * 3600_000)) /* the digest day whose window (07:00 to 07:00) holds now */);
    expect(digest.sections.flatMap((s) => s.stories.map((x) => x.id))).toContain(c.storyId);
    const figures = await dashboardFigures(db(), (await db().query('select path::text from units where id = $1', [t.dept.id])).rows[0].path, 7);
    expect(figures.topStories.map((x) => x.id)).toContain(c.storyId);
    expect(figures.byUnit.map((x) => x.unitId)).toContain(t.dept.id);
  });
});
