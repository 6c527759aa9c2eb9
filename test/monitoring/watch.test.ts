import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/audit';
import { type WatchEntry, analyse, buildMatcher } from '../../src/modules/monitoring/analysis';
import { insertItems } from '../../src/modules/monitoring/items.service';
import { processPending, watchlist } from '../../src/modules/monitoring/pipeline';
import { createSource } from '../../src/modules/monitoring/sources.service';
import {
  addWatchPerson, createTopic, importUnitPeople, listTopics, listWatchPeople, matchesOfItems, removeTopic, removeWatchPerson,
} from '../../src/modules/monitoring/watch.service';
import { checkNewItems } from '../../src/modules/monitoring/alerts/sweep.service';
import { createRule } from '../../src/modules/monitoring/alerts';
import { assignRole } from '../../src/modules/org';
import { db } from '../../src/platform/db';
import { useTestDatabase } from '../support/db';
import { makePerson, makeUnit } from '../support/factories';

/**
 * Watching people and topics (issue 6): a person is matched on folded text with
 * word boundaries only with context — a title or form of address next to the
 * name, or the person's unit named in the item; streets and historical figures
 * named like them are not; topics are keyword lists. Written for these tests.
 */
useTestDatabase();
const WATCH: WatchEntry[] = [
  { kind: 'unit', id: 1, code: 'SGD-BD', name: 'Sở Giáo dục và Đào tạo tỉnh Bình Dương', unitType: 'department', provinceName: 'Bình Dương' },
  { kind: 'unit', id: 2, code: 'THCS-CHUVANAN', name: 'Trường THCS Chu Văn An', unitType: 'school', provinceName: 'Bình Dương', parentName: 'Phường Phú Cường' },
  { kind: 'person', id: 10, code: 'person:10', name: 'Phạm Thị Thu Hà', aliases: ['Phạm Thu Hà'], unitId: 1 },
  { kind: 'person', id: 11, code: 'person:11', name: 'Đỗ Minh Quang', unitId: 2 },
  { kind: 'person', id: 12, code: 'person:12', name: 'Nguyễn Văn Cừ', unitId: 2 },
  { kind: 'topic', id: 20, code: 'ban_tru', name: 'bán trú', aliases: ['học sinh bán trú', 'suất ăn bán trú'], label: 'Bán trú và bữa ăn học đường' },
  { kind: 'topic', id: 21, code: 'sgk', name: 'sách giáo khoa', label: 'Sách giáo khoa' },
];
const m = buildMatcher(WATCH);
const run = (title: string, body = '') => analyse(m, { title, body });
const people = (title: string, body = '') => run(title, body).people.map((p) => p.id);

describe('matching people', () => {
  it('takes a name with a title or form of address before or after it', () => {
    expect(people('Giám đốc Sở GDĐT Phạm Thị Thu Hà làm việc với các trường')).toEqual([10]);
    expect(people('Bà Phạm Thu Hà cho biết sẽ kiểm tra')).toEqual([10]);
    expect(people('Ý kiến của Đỗ Minh Quang, hiệu trưởng nhà trường, về vụ việc')).toEqual([11]);
    expect(people('thay do minh quang phat bieu tai buoi le')).toEqual([11]); // folded, without diacritics
  });

  it("takes a bare name when the person's unit is named in the item, and explains it", () => {
    const a = run('Trường THCS Chu Văn An tổ chức hội thảo', 'Đỗ Minh Quang chia sẻ kinh nghiệm đổi mới phương pháp dạy học.');
    expect(a.people.map((p) => p.id)).toEqual([11]);
    expect(a.reasons.join('\n')).toContain('người "Đỗ Minh Quang"');
    expect(a.reasons.join('\n')).toContain('Trường THCS Chu Văn An');
  });

  it('refuses a bare name without context, a street and a name inside a longer one', () => {
    const bare = run('Đỗ Minh Quang giành huy chương vàng môn điền kinh');
    expect(bare.people).toEqual([]);
    expect(bare.reasons.join('\n')).toContain('bỏ qua "Đỗ Minh Quang"');
    expect(people('Ông Lý nói tai nạn trên đường Nguyễn Văn Cừ, gần Trường THCS Chu Văn An')).toEqual([]);
    expect(people('Cô Phạm Thị Thu Hằng nhận giải thưởng')).toEqual([]); // word boundaries: Hà ≠ Hằng
  });
});

describe('matching topics', () => {
  it('matches any keyword of a topic on folded text with word boundaries, and names the keyword', () => {
    const a = run('Phụ huynh phản ánh suất ăn ban trú quá ít', 'Nhà trường cho biết sẽ điều chỉnh thực đơn.');
    expect(a.topics.map((t) => t.code)).toEqual(['ban_tru']);
    expect(a.reasons.join('\n')).toContain('chủ đề "Bán trú và bữa ăn học đường" ← từ khóa "suất ăn bán trú"');
    expect(run('Giá sách giáo khoa năm học mới').topics.map((t) => t.code)).toEqual(['sgk']);
    expect(run('Sách giáo khoahọc mới').topics).toEqual([]);
    expect(run('Rừng tre bán trúc ven sông').topics).toEqual([]);
  });
});

describe('watched people and topics in the pipeline', () => {
  let dept: { id: number; code: string };
  let school: { id: number; code: string };
  let source = 0;
  const at = new Date(Date.UTC(2026, 10, 20, 3));
  const put = async (link: string, title: string, body: string) =>
    (await insertItems(db(), source, [{ guid: link, link, title, body, author: null, publishedAt: at }]))[0];

  beforeAll(async () => {
    dept = await makeUnit({ type: 'department', name: 'Sở Giáo dục và Đào tạo tỉnh Tây Ninh', code: `SGD-TN-${Date.now()}` });
    school = await makeUnit({ parentId: dept.id, type: 'school', name: 'Trường THPT Hoàng Văn Thụ' });
    source = (await createSource(systemActor, { unitId: dept.id, kind: 'feed', url: 'https://watch.example.vn/rss', name: 'Báo Tây Ninh' })).source.id;
  });

  it("adds people (typed in, or the unit's leaders and spokespeople) and topics, with audit; the watchlist picks them up", async () => {
    const before = await watchlist();
    const p = await addWatchPerson(systemActor, { unitId: dept.id, name: 'Trịnh Quốc Bảo', title: 'Giám đốc Sở', aliases: ['Trịnh Bảo'] });
    expect(p.aliases).toEqual(['Trịnh Bảo']);
    await expect(addWatchPerson(systemActor, { unitId: dept.id, name: 'Bảo' })).rejects.toMatchObject({ status: 400 });
    const leader = await makePerson({ unitId: school.id, roles: ['leader'], name: 'Lưu Thị Ngọc Anh' });
    expect(leader).toBeTruthy();
    const imported = await importUnitPeople(systemActor, school.id);
    expect(imported.map((x) => x.name)).toEqual(['Lưu Thị Ngọc Anh']);
    expect(imported[0].userId).not.toBeNull();
    const topic = await createTopic(systemActor, { unitId: dept.id, name: 'Dạy thêm, học thêm', keywords: ['dạy thêm', 'học thêm', ' '] });
    expect(topic.code).toBe('day_them_hoc_them');
    expect(topic.keywords).toEqual(['dạy thêm', 'học thêm']);
    await expect(createTopic(systemActor, { unitId: dept.id, name: 'Trống', keywords: ['  '] })).rejects.toMatchObject({ status: 400 });
    const deptPath = (await db().query('select path::text from units where id = $1', [dept.id])).rows[0].path;
    expect((await listWatchPeople(db(), deptPath)).map((x) => x.name).sort()).toEqual(['Lưu Thị Ngọc Anh', 'Trịnh Quốc Bảo']);
    expect((await listTopics(db(), deptPath)).map((x) => x.code)).toContain('day_them_hoc_them');
    const audit = await db().query(`select action from audit_log where action like 'monitor.%' and entity in ('monitor_watch_person', 'monitor_topic')`);
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['monitor.watch_person_add', 'monitor.topic_add']));
    expect((await watchlist()).matcher).not.toBe(before.matcher); // rebuilt
  });

  it('stores what items matched and shows it', async () => {
    const a = await put('https://watch.example.vn/1', 'Giám đốc Sở Trịnh Quốc Bảo chỉ đạo chấn chỉnh dạy thêm', 'Sở yêu cầu các trường rà soát việc dạy thêm, học thêm trái quy định.');
    const b = await put('https://watch.example.vn/2', 'Trường THPT Hoàng Văn Thụ đón đoàn kiểm tra', 'Lưu Thị Ngọc Anh báo cáo kết quả năm học.');
    const c = await put('https://watch.example.vn/3', 'Lưu Thị Ngọc Anh đoạt giải cầu lông', 'Một vận động viên trẻ của câu lạc bộ thành phố.');
    await processPending();
    const got = await matchesOfItems(db(), [a, b, c]);
    expect(got.get(a)?.map((x) => `${x.kind}:${x.name}`)).toEqual(['person:Trịnh Quốc Bảo', 'topic:Dạy thêm, học thêm']);
    expect(got.get(b)?.map((x) => `${x.kind}:${x.name}`)).toEqual(['person:Lưu Thị Ngọc Anh']);
    expect(got.get(c)).toBeUndefined();
    expect(got.get(a)?.[1].via).toBe('keyword:dạy thêm');
  });

  it('removing deactivates: later items no longer match, earlier ones keep their explanation', async () => {
    const deptPath = (await db().query('select path::text from units where id = $1', [dept.id])).rows[0].path;
    const person = (await listWatchPeople(db(), deptPath)).find((x) => x.name === 'Trịnh Quốc Bảo')!;
    const topic = (await listTopics(db(), deptPath)).find((x) => x.code === 'day_them_hoc_them')!;
    await removeWatchPerson(systemActor, person.id);
    await removeTopic(systemActor, topic.id);
    await expect(removeTopic(systemActor, topic.id)).rejects.toMatchObject({ status: 404 });
    const d = await put('https://watch.example.vn/4', 'Giám đốc Sở Trịnh Quốc Bảo nói về dạy thêm', 'Tin mới.');
    await processPending();
    expect((await matchesOfItems(db(), [d])).get(d)).toBeUndefined();
    const old = await db().query(`select count(*)::int as n from monitor_item_matches where kind = 'person' and ref_id = $1`, [person.id]);
    expect(old.rows[0].n).toBe(1);
  });

  it('an alert rule can ask for a topic or a person: only matching items alert', async () => {
    await checkNewItems(); // earlier items are checked before the rule exists
    const topic = await createTopic(systemActor, { unitId: dept.id, name: 'Lạm thu', keywords: ['lạm thu', 'thu sai quy định'] });
    const watcher = await makePerson({ unitId: dept.id, roles: ['analyst'], name: 'Vương Thị Hạnh' });
    const rule = await createRule(systemActor, { unitId: dept.id, userId: watcher.id, name: 'Lạm thu ở các trường', channels: ['inapp'], topicIds: [topic.id] });
    expect(rule.topicIds).toEqual([topic.id]);
    expect(rule.personIds).toEqual([]);
    const hit = await put('https://watch.example.vn/5', 'Phụ huynh tố cáo Trường THPT Hoàng Văn Thụ lạm thu', 'Nhiều phụ huynh bức xúc, phản ánh nhà trường lạm thu, ép đóng nhiều khoản sai quy định, gây bức xúc.');
    const other = await put('https://watch.example.vn/6', 'Học sinh Trường THPT Hoàng Văn Thụ bị bạo lực học đường', 'Một nam sinh bị đánh hội đồng, phụ huynh bức xúc tố cáo nhà trường bao che.');
    await processPending();
    const tones = await db().query('select id, tone from monitor_items where id = any($1::bigint[]) order by id', [[hit, other]]);
    expect(tones.rows.map((r) => r.tone)).toEqual(['negative', 'negative']);
    await checkNewItems();
    const alerted = await db().query('select distinct item_id from monitor_alerts where rule_id = $1', [rule.id]);
    expect(alerted.rows.map((r) => Number(r.item_id))).toEqual([hit]);
  });

  it('a role given later is importable again without duplicates', async () => {
    const sp = await makePerson({ unitId: school.id, roles: ['spokesperson'], name: 'Hồ Đăng Khoa' });
    await assignRole(systemActor, sp.id, school.id, 'leader');
    const again = await importUnitPeople(systemActor, school.id);
    expect(again.map((x) => x.name).sort()).toEqual(['Hồ Đăng Khoa', 'Lưu Thị Ngọc Anh']);
    const schoolPath = (await db().query('select path::text from units where id = $1', [school.id])).rows[0].path;
    expect((await listWatchPeople(db(), schoolPath)).length).toBe(2);
  });
});
