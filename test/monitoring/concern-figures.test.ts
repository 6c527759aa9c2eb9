import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/audit';
import { unitDashboard } from '../../src/modules/dashboards';
import { mentionFacts, mentionFactsForReport } from '../../src/modules/monitoring';
import { checkSpikes } from '../../src/modules/monitoring/spikes/spikes.service';
import { addWatchPerson } from '../../src/modules/monitoring/watch.service';
import { db } from '../../src/platform/db';
import { useTestDatabase } from '../support/db';
import { makeTree } from '../support/factories';

/**
 * Spikes, the dashboards' and the reports' monitoring figures count an item for
 * the units it CONCERNS (src/modules/monitoring/concern.ts), like alerts and the
 * inbox: the units it names and the owner units of the watched people it matched —
 * each item once per unit, however many ways it concerns it, and never for a unit
 * outside the person's subtree. Written for these tests: today (a Thursday) the
 * school's principal is in five food-safety items — three name no unit, two also
 * name the school — and the other province's principal in five that name no unit.
 */
useTestDatabase();

const today = new Date('2026-11-19T18:00:00+07:00');
const hours = (h: number) => new Date(today.getTime() + h * 3600_000);
let seq = 0;
let sourceId = 0;

/** An analysed food-safety item (its own story) published at `at`, naming `units`, matching `people`. */
async function item(title: string, at: Date, units: number[], people: number[]) {
  const n = ++seq;
  const st = await db().query(
    `insert into monitor_stories (title, first_seen_at, last_seen_at, tone, categories, max_risk, item_count, source_count, unit_ids)
     values ($1, $2, $2, 'negative', '{food_safety}', 0.6, 1, 1, $3) returning id`,
    [title, at, units],
  );
  const storyId = Number(st.rows[0].id);
  const it = await db().query(
    `insert into monitor_items (source_id, guid, link, title, body, published_at, content_hash, story_id, tone, categories, risk_score, reasons, analysed_at)
     values ($1, $2, $3, $4, $4, $5, $2, $6, 'negative', '{food_safety}', 0.6, '{}', $5) returning id`,
    [sourceId, `so-lieu-${n}`, `https://bao-so-lieu.vn/tin-${n}.html`, title, at, storyId],
  );
  const itemId = Number(it.rows[0].id);
  await db().query('update monitor_stories set first_item_id = $2 where id = $1', [storyId, itemId]);
  for (const u of units) await db().query(`insert into monitor_item_units (item_id, unit_id, via) values ($1, $2, 'tên trường')`, [itemId, u]);
  for (const p of people) await db().query(`insert into monitor_item_matches (item_id, kind, ref_id, via) values ($1, 'person', $2, 'tên người')`, [itemId, p]);
  return { storyId, itemId };
}

const pathOf = async (id: number) => (await db().query('select path::text as path, nlevel(path) as depth from units where id = $1', [id])).rows[0] as { path: string; depth: number };

describe('spikes, dashboard and report figures count the units an item concerns', () => {
  let t: Awaited<ReturnType<typeof makeTree>>;
  const todays: { storyId: number; itemId: number }[] = [];

  beforeAll(async () => {
    t = await makeTree();
    sourceId = Number((await db().query(`insert into monitor_sources (kind, name, url) values ('feed', 'Báo Số Liệu', 'https://bao-so-lieu.vn/rss') returning id`)).rows[0].id);
    const principal = await addWatchPerson(systemActor, { unitId: t.school.id, name: 'Bà Quách Thị Hạnh', title: 'Hiệu trưởng' });
    const otherPrincipal = await addWatchPerson(systemActor, { unitId: t.otherSchool.id, name: 'Ông Doãn Văn Khải', title: 'Hiệu trưởng' });
    // the same weekday of the four weeks before: one item a week about the school, named, through its principal, or both
    const week = (w: number) => hours(-7 * 24 * w - 4);
    await item('Trường THCS Thử kiểm tra bếp ăn bán trú', week(1), [t.school.id], []);
    await item('Bà Quách Thị Hạnh họp phụ huynh về bữa trưa', week(2), [], [principal.id]);
    await item('Bà Quách Thị Hạnh, Trường THCS Thử, ký hợp đồng suất ăn mới', week(3), [t.school.id], [principal.id]);
    await item('Trường THCS Thử công khai thực đơn tuần', week(4), [t.school.id], []);
    for (let k = 0; k < 3; k++) todays.push(await item(`Phụ huynh chất vấn bà Quách Thị Hạnh về suất ăn, tin ${k}`, hours(-k - 1), [], [principal.id]));
    for (let k = 0; k < 2; k++) todays.push(await item(`Trường THCS Thử: bà Quách Thị Hạnh nhận trách nhiệm, tin ${k}`, hours(-k - 4), [t.school.id], [principal.id]));
    for (let k = 0; k < 5; k++) await item(`Ông Doãn Văn Khải trả lời về bếp ăn, tin ${k}`, hours(-k - 1), [], [otherPrincipal.id]);
  });

  it('spikes: person-only items count for the school, an item named and matched counts once, the other province’s person does not', async () => {
    const created = await checkSpikes(today);
    const spikes = (await db().query('select unit_id, category, count, baseline, story_ids from monitor_spikes where id = any($1::bigint[]) order by unit_id', [created])).rows;
    expect(spikes.map((s) => Number(s.unit_id))).toEqual([t.school.id, t.otherSchool.id].sort((a, b) => a - b)); // no spike above: spikes do not roll up
    const school = spikes.find((s) => Number(s.unit_id) === t.school.id);
    // 5, not 7: the two items naming the school and matching its principal count once
    expect(school).toMatchObject({ category: 'food_safety', count: 5, baseline: [1, 1, 1, 1] });
    expect(school.story_ids.map(Number).sort((a: number, b: number) => a - b)).toEqual(todays.map((x) => x.storyId).sort((a, b) => a - b));
    // the other province's five items concern its school only
    expect(spikes.find((s) => Number(s.unit_id) === t.otherSchool.id)).toMatchObject({ count: 5, baseline: [0, 0, 0, 0] });
  });

  it('dashboard facts: each item once for the school, its commune and the Sở; nothing from the other province', async () => {
    const from = hours(-12);
    const to = hours(6);
    const facts = async (unitId: number) => {
      const u = await pathOf(unitId);
      return mentionFacts(db(), u.path, u.depth, from, to, 'day');
    };
    const dept = await facts(t.dept.id);
    expect(dept.byBucket).toEqual([{ bucket: '2026-11-19', negative: 5, neutral: 0, positive: 0 }]);
    expect(dept.byChild).toEqual([{ child: t.commune.id, mentions: 5, negative: 5 }]);
    const school = await facts(t.school.id);
    expect(school.byChild).toEqual([{ child: t.school.id, mentions: 5, negative: 5 }]);
    const root = await facts(t.root.id);
    expect(root.byBucket[0].negative).toBe(10);
    expect(root.byChild.sort((a, b) => a.child - b.child)).toEqual(
      [{ child: t.dept.id, mentions: 5, negative: 5 }, { child: t.otherDept.id, mentions: 5, negative: 5 }].sort((a, b) => a.child - b.child),
    );
    // through the dashboards module: November holds today's five and two of the weekly items
    const d = await unitDashboard(db(), t.dept.id, 'month', '2026-11-19');
    expect(d.summary.mentions).toBe(7);
    expect(d.units.find((u: { unitId: number }) => u.unitId === t.commune.id)).toMatchObject({ mentions: 7 });
  });

  it('report facts: each item once in the totals, the sub-units and the top stories; nothing from the other province', async () => {
    const w = { from: hours(-12), to: hours(6), previousFrom: hours(-12 - 7 * 24) };
    const dept = await mentionFactsForReport(db(), { unitPath: (await pathOf(t.dept.id)).path, unitId: t.dept.id, ...w });
    expect(dept).toMatchObject({ total: 5, negative: 5, stories: 5, sources: 1, previousTotal: 1 });
    expect(dept.byUnit).toEqual([{ unitId: t.commune.id, unitName: 'Xã Thử Nghiệm', total: 5, positive: 0, neutral: 0, negative: 5 }]);
    expect(dept.topStories.map((s) => s.storyId).sort((a, b) => a - b)).toEqual(todays.map((x) => x.storyId).sort((a, b) => a - b));
    expect(dept.topStories.every((s) => s.items === 1)).toBe(true);
    const school = await mentionFactsForReport(db(), { unitPath: (await pathOf(t.school.id)).path, unitId: t.school.id, ...w });
    expect(school).toMatchObject({ total: 5, byUnit: [expect.objectContaining({ unitId: t.school.id, total: 5 })] });
    const other = await mentionFactsForReport(db(), { unitPath: (await pathOf(t.otherDept.id)).path, unitId: t.otherDept.id, ...w });
    expect(other).toMatchObject({ total: 5, previousTotal: 0, byUnit: [expect.objectContaining({ unitId: t.otherSchool.id, total: 5 })] });
    const root = await mentionFactsForReport(db(), { unitPath: (await pathOf(t.root.id)).path, unitId: t.root.id, ...w });
    expect(root.total).toBe(10);
  });
});
