import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/audit';
import { exportItems, insertItems } from '../../src/modules/monitoring/items.service';
import { processPending, reanalyseItems } from '../../src/modules/monitoring/pipeline';
import { addAlias, createSource } from '../../src/modules/monitoring/sources.service';
import { db } from '../../src/platform/db';
import { useTestDatabase } from '../support/db';
import { makeUnit } from '../support/factories';
import { accentFree, followUp, otherAtSameSchool, report, rewrite, syndicated, unrelated } from './clustering.test';

/**
 * The pipeline end to end on the database: analysis stored per item, copies
 * clustered into one story (size = reach), follow-ups threaded, everything
 * idempotent; user aliases reach the matcher; corrections are respected.
 */
useTestDatabase();
let school: { id: number; code: string };
let otherSchool: { id: number; code: string };
let sources: number[] = [];

const row = async (link: string) =>
  (await db().query('select id, story_id, thread_id, tone, categories, risk_score, reasons, analysed_at from monitor_items where link = $1', [link])).rows[0];
const unitsOf = async (itemId: number) =>
  (await db().query('select unit_id from monitor_item_units where item_id = $1 order by unit_id', [itemId])).rows.map((r) => r.unit_id);

beforeAll(async () => {
  const dept = await makeUnit({ type: 'department', name: 'Sở Giáo dục và Đào tạo tỉnh Đồng Nai', code: `SGD-DN-${Date.now()}` });
  const commune = await makeUnit({ parentId: dept.id, type: 'commune', name: 'Xã Hòa Bình' });
  school = await makeUnit({ parentId: commune.id, type: 'school', name: 'Trường Tiểu học Hòa Bình', aliases: ['TH Hòa Bình'] });
  otherSchool = await makeUnit({ parentId: dept.id, type: 'school', name: 'Trường THPT Long Khánh' });
  for (const name of ['Báo Đồng Nai', 'Báo Miền Đông', 'Tin nhanh 24h']) {
    sources.push((await createSource(systemActor, { unitId: dept.id, kind: 'feed', url: `https://${sources.length}.example.vn/rss`, name })).source.id);
  }
  const at = (h: number) => new Date(Date.UTC(2026, 9, 10, h));
  const put = (src: number, link: string, x: { title: string; body: string }, h: number) =>
    insertItems(db(), src, [{ guid: link, link, title: x.title, body: x.body, author: null, publishedAt: at(h) }]);
  await put(sources[0], 'https://0.example.vn/bao-cao', report, 1);
  await put(sources[1], 'https://1.example.vn/dang-lai', syndicated, 2);
  await put(sources[2], 'https://2.example.vn/viet-lai', rewrite, 3);
  await put(sources[2], 'https://2.example.vn/khong-dau', accentFree, 4);
  await put(sources[0], 'https://0.example.vn/khac', otherAtSameSchool, 5);
  await put(sources[1], 'https://1.example.vn/tiep', followUp, 30);
  await put(sources[1], 'https://1.example.vn/giai-thuong', unrelated, 6);
  expect(await processPending()).toBe(7);
});

describe('pipeline', () => {
  it('stores the analysis of every item', async () => {
    const r = await row('https://0.example.vn/bao-cao');
    expect(r.analysed_at).not.toBeNull();
    expect(await unitsOf(r.id)).toContain(school.id);
    expect(r.tone).toBe('negative');
    expect(r.reasons.length).toBeGreaterThan(0);
    expect(await unitsOf((await row('https://1.example.vn/giai-thuong')).id)).toEqual([otherSchool.id]);
  });

  it('clusters the copy, the rewrite and the accent-free copy into one story whose size is its reach', async () => {
    const ids = await Promise.all(['https://0.example.vn/bao-cao', 'https://1.example.vn/dang-lai', 'https://2.example.vn/viet-lai', 'https://2.example.vn/khong-dau'].map(row));
    expect(new Set(ids.map((x) => x.story_id)).size).toBe(1);
    const story = (await db().query('select * from monitor_stories where id = $1', [ids[0].story_id])).rows[0];
    expect(story).toMatchObject({ item_count: 4, source_count: 3, tone: 'negative' });
    expect(story.unit_ids.map(Number)).toContain(school.id);
    expect((await row('https://0.example.vn/khac')).story_id).not.toBe(ids[0].story_id);
    expect((await row('https://1.example.vn/giai-thuong')).story_id).not.toBe(ids[0].story_id);
  });

  it('threads the follow-up with the first report, not the other news about the school', async () => {
    const first = await row('https://0.example.vn/bao-cao');
    const next = await row('https://1.example.vn/tiep');
    expect(next.story_id).not.toBe(first.story_id);
    expect(next.thread_id).toBe(first.thread_id);
    expect((await row('https://0.example.vn/khac')).thread_id).not.toBe(first.thread_id);
    expect((await row('https://1.example.vn/giai-thuong')).thread_id).not.toBe(first.thread_id);
    const t = (await db().query('select story_count, item_count from monitor_threads where id = $1', [first.thread_id])).rows[0];
    expect(t).toEqual({ story_count: 2, item_count: 5 });
  });

  it('is idempotent: nothing is processed twice, duplicates are not inserted, re-analysis keeps the story', async () => {
    const before = await exportItems();
    expect(await processPending()).toBe(0);
    const again = await insertItems(db(), sources[0], [{ guid: 'https://0.example.vn/bao-cao', link: 'https://0.example.vn/bao-cao', title: report.title, body: report.body, author: null, publishedAt: null }]);
    expect(again).toEqual([]);
    const ids = (await db().query('select id from monitor_items order by id')).rows.map((r) => r.id);
    await reanalyseItems(ids);
    expect(await exportItems()).toEqual(before);
  });

  it('matches aliases users add, and keeps a unit a person removed from coming back', async () => {
    await addAlias(systemActor, otherSchool.id, 'Trường Chuyên Long Khánh');
    await insertItems(db(), sources[0], [
      { guid: 'alias-1', link: 'https://0.example.vn/alias', title: 'Trường Chuyên Long Khánh đạt giải nhất cuộc thi robot', body: 'Đội tuyển gồm năm học sinh lớp 11.', author: null, publishedAt: new Date(Date.UTC(2026, 9, 11)) },
    ]);
    await processPending();
    const item = await row('https://0.example.vn/alias');
    expect(await unitsOf(item.id)).toEqual([otherSchool.id]);
    await db().query(`insert into monitor_corrections (item_id, field, old_value, new_value) values ($1, 'unit', $2, null)`, [item.id, String(otherSchool.id)]);
    await db().query('delete from monitor_item_units where item_id = $1', [item.id]);
    await reanalyseItems([item.id]);
    expect(await unitsOf(item.id)).toEqual([]);
  });

  it("keeps people's tone and category corrections through a re-analysis", async () => {
    const item = await row('https://0.example.vn/bao-cao');
    const ruled = { tone: item.tone as string, categories: item.categories as string[] };
    const tone = ruled.tone === 'neutral' ? 'positive' : 'neutral';
    await db().query(`insert into monitor_corrections (item_id, field, old_value, new_value) values ($1, 'tone', $2, $3)`, [item.id, ruled.tone, tone]);
    for (const c of ruled.categories) await db().query(`insert into monitor_corrections (item_id, field, old_value, new_value) values ($1, 'category', $2, null)`, [item.id, c]);
    await db().query(`insert into monitor_corrections (item_id, field, old_value, new_value) values ($1, 'category', null, 'staffing')`, [item.id]);
    await reanalyseItems([item.id]);
    const after = await row('https://0.example.vn/bao-cao');
    expect(after.tone).toBe(tone);
    expect(after.categories).toEqual(['staffing']);
  });
});
