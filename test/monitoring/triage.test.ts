import { describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/audit';
import { applyLearned, retrain } from '../../src/modules/monitoring/learning/retrain.service';
import { checkSpikes } from '../../src/modules/monitoring/spikes/spikes.service';
import { buildDigest, digestDocx } from '../../src/modules/monitoring/digest';
import { createRule } from '../../src/modules/monitoring/alerts';
import { db } from '../../src/platform/db';
import { useTestDatabase } from '../support/db';
import { makePerson, makeTree, makeUnit } from '../support/factories';
import { makeClient } from '../support/http';

useTestDatabase();

let seq = 0;
async function source(name = 'Báo Thử') {
  const r = await db().query(`insert into monitor_sources (kind, name, url) values ('feed', $1, $2) returning id`, [name, `https://bao-thu.vn/rss/${++seq}.rss`]);
  return Number(r.rows[0].id);
}

/** A story of one or more copies, analysed, with the given units (and the alias that matched). */
async function story(opts: { sourceId: number; title: string; body?: string; units: { id: number; via: string }[]; tone?: string; categories?: string[]; risk?: number; at?: Date; copies?: number }) {
  const at = opts.at ?? new Date();
  const st = await db().query(
    `insert into monitor_stories (title, first_seen_at, last_seen_at, tone, categories, max_risk, item_count, source_count, unit_ids) values ($1, $2, $2, $3, $4, $5, $6, 1, $7) returning id`,
    [opts.title, at, opts.tone ?? 'neutral', opts.categories ?? [], opts.risk ?? 0, opts.copies ?? 1, opts.units.map((u) => u.id)],
  );
  const storyId = Number(st.rows[0].id);
  const items: number[] = [];
  for (let i = 0; i < (opts.copies ?? 1); i++) {
    const n = ++seq;
    const it = await db().query(
      `insert into monitor_items (source_id, guid, link, title, body, published_at, content_hash, story_id, tone, categories, risk_score, reasons, analysed_at)
       values ($1, $2, $3, $4, $5, $6, $2, $7, $8, $9, $10, $11, $6) returning id`,
      [opts.sourceId, `g-${n}`, `https://bao-thu.vn/tin-${n}.html`, opts.title, opts.body ?? opts.title, at, storyId, opts.tone ?? 'neutral', opts.categories ?? [], opts.risk ?? 0, ['Khớp tên đơn vị']],
    );
    const itemId = Number(it.rows[0].id);
    items.push(itemId);
    for (const u of opts.units) await db().query(`insert into monitor_item_units (item_id, unit_id, via) values ($1, $2, $3)`, [itemId, u.id, u.via]);
  }
  await db().query('update monitor_stories set first_item_id = $2 where id = $1', [storyId, items[0]]);
  return { storyId, items };
}

const streetTitles = [
  'Sửa chữa mặt đường Lê Lợi kéo dài nhiều tháng', 'Ùn tắc nghiêm trọng trên đường Lê Lợi giờ cao điểm', 'Cấm xe tải qua đường Lê Lợi từ tuần tới',
  'Cây xanh đổ chắn ngang đường Lê Lợi', 'Đèn tín hiệu hỏng ở ngã tư đường Lê Lợi', 'Phố đi bộ đường Lê Lợi mở cửa cuối tuần',
];
const schoolTitles = ['Trường THCS Lê Lợi tổ chức hội thi khoa học', 'Học sinh THCS Lê Lợi giành giải nhất cờ vua', 'THCS Lê Lợi khánh thành thư viện xanh'];

describe('triage inbox', () => {
  it('lists, corrects, moves and assigns stories, with corrections and audit; learning stops the false match recurring', async () => {
    const t = await makeTree();
    const leLoi = await makeUnit({ parentId: t.commune.id, type: 'school', name: 'Trường THCS Lê Lợi' });
    const analyst = await makePerson({ unitId: t.dept.id, roles: ['analyst'] });
    const viewer = await makePerson({ unitId: t.dept.id, roles: ['viewer'] });
    const outsider = await makePerson({ unitId: t.otherDept.id, roles: ['analyst'] });
    const src = await source();
    const streets = [];
    for (const title of streetTitles.slice(0, 5)) streets.push(await story({ sourceId: src, title, body: `${title}. Người dân sống hai bên đường Lê Lợi phản ánh bụi bẩn.`, units: [{ id: leLoi.id, via: 'Lê Lợi' }], copies: 2 }));
    const schools = [];
    for (const title of schoolTitles) schools.push(await story({ sourceId: src, title, body: `${title}. Ban giám hiệu Trường THCS Lê Lợi cho biết.`, units: [{ id: leLoi.id, via: 'THCS Lê Lợi' }] }));

    const c = makeClient();
    await c.login(analyst.email);
    const inbox = await c.get(`/api/monitoring/triage?unitId=${t.dept.id}&status=new`);
    expect(inbox.status).toBe(200);
    expect(inbox.json.total).toBe(8);
    expect(inbox.json.items[0].units).toContain('Trường THCS Lê Lợi');

    const other = makeClient();
    await other.login(outsider.email);
    expect((await other.get(`/api/monitoring/triage/${streets[0].storyId}`)).status).toBe(403);
    const read = makeClient();
    await read.login(viewer.email);
    expect((await read.get(`/api/monitoring/triage/${streets[0].storyId}`)).json.can).toEqual({ write: false });
    expect((await read.post(`/api/monitoring/triage/${streets[0].storyId}/status`, { status: 'reviewed' })).status).toBe(403);

    // five people remove the street match (each story has two copies: both are corrected)
    for (const s of streets) {
      const r = await c.post(`/api/monitoring/triage/${s.storyId}/correct`, { units: [] });
      expect(r.status).toBe(200);
      expect(r.json.units).toEqual([]);
      expect((await c.post(`/api/monitoring/triage/${s.storyId}/status`, { status: 'closed', note: 'Tên đường, không phải trường' })).json.status).toBe('closed');
    }
    const corr = await db().query(`select field, old_value, new_value, detail from monitor_corrections where item_id = any($1::bigint[])`, [streets[0].items]);
    expect(corr.rows).toHaveLength(2);
    expect(corr.rows[0]).toMatchObject({ field: 'unit', old_value: String(leLoi.id), new_value: null, detail: { via: 'Lê Lợi' } });
    // the real mentions are reviewed as they are; one gets a tone fix
    for (const s of schools) expect((await c.post(`/api/monitoring/triage/${s.storyId}/status`, { status: 'reviewed' })).status).toBe(200);
    const toned = await c.post(`/api/monitoring/triage/${schools[0].storyId}/correct`, { tone: 'positive', categories: [] });
    expect(toned.json.tone).toBe('positive');
    const moved = await c.post(`/api/monitoring/triage/${schools[1].storyId}/status`, { status: 'needs_action' });
    expect(moved.json.status).toBe('needs_action');
    expect((await c.post(`/api/monitoring/triage/${schools[2].storyId}/status`, { status: 'new' })).status).toBe(409);
    const assigned = await c.post(`/api/monitoring/triage/${schools[1].storyId}/assign`, { userId: analyst.id });
    expect(assigned.json).toMatchObject({ assignedTo: analyst.id });
    expect((await c.get(`/api/monitoring/triage?unitId=${t.dept.id}&assigned=me`)).json.items.map((x: { id: number }) => x.id)).toEqual([schools[1].storyId]);
    const audit = await db().query(`select action from audit_log where entity = 'monitor_story' and entity_id = $1 order by id`, [String(schools[1].storyId)]);
    expect(audit.rows.map((r) => r.action)).toEqual(['monitor.triage_status', 'monitor.triage_status', 'monitor.triage_assign']);

    // retrain from the corrections: accuracy beside the rules-only baseline
    const r = await c.post('/api/monitoring/model/retrain', {});
    expect(r.status).toBe(200);
    expect(r.json.model.metrics.units.n).toBe(8);
    expect(r.json.model.metrics.units.rules).toBeCloseTo(3 / 8);
    expect(r.json.model.metrics.units.model).toBeGreaterThan(r.json.model.metrics.units.rules);
    expect((await read.get('/api/monitoring/model')).json.model.id).toBe(r.json.model.id);

    // the same mistake does not recur on a new article; a real mention still matches
    const street = { title: 'Ngập sâu trên đường Lê Lợi sau cơn mưa lớn', body: 'Nhiều xe chết máy khi đi qua đường Lê Lợi chiều qua.' };
    const rules = { units: [{ id: leLoi.id, code: 'X', via: 'Lê Lợi' }], tone: 'negative' as const, categories: [], reasons: [] };
    expect((await applyLearned(db(), street, rules)).units).toEqual([]);
    const school = { title: 'THCS Lê Lợi tuyên dương học sinh tiêu biểu', body: 'Trường THCS Lê Lợi trao học bổng.' };
    expect((await applyLearned(db(), school, { ...rules, units: [{ id: leLoi.id, code: 'X', via: 'THCS Lê Lợi' }] })).units).toHaveLength(1);
  });

  it('builds the daily digest (page data and DOCX) and the dashboard figures', async () => {
    const t = await makeTree();
    const viewer = await makePerson({ unitId: t.dept.id, roles: ['viewer'] });
    const src = await source('Báo Giáo dục Thử');
    const at = new Date('2026-11-19T15:00:00+07:00');
    await story({ sourceId: src, title: 'Phụ huynh phản ánh lạm thu đầu năm ở Trường THCS Thử', units: [{ id: t.school.id, via: 'THCS Thử' }], tone: 'negative', categories: ['fees'], risk: 0.8, at, copies: 3 });
    await story({ sourceId: src, title: 'Trường THCS Thử đạt chuẩn quốc gia', units: [{ id: t.school.id, via: 'THCS Thử' }], tone: 'positive', at });
    await story({ sourceId: src, title: 'Tin của tỉnh khác', units: [{ id: t.otherSchool.id, via: 'Khác' }], tone: 'negative', at });
    const d = await buildDigest(db(), t.dept.id, '2026-11-20');
    expect(d.title).toBe('Điểm tin báo chí ngày 20/11/2026');
    expect(d.totals).toMatchObject({ stories: 2, items: 4, negative: 1, positive: 1 });
    expect(d.sections[0].stories[0]).toMatchObject({ title: 'Phụ huynh phản ánh lạm thu đầu năm ở Trường THCS Thử', itemCount: 3, categories: ['fees'] });
    expect((await buildDigest(db(), t.dept.id, '2026-11-21')).totals.stories).toBe(0);
    const docx = await digestDocx(d);
    expect(docx.subarray(0, 2).toString()).toBe('PK');

    const c = makeClient();
    await c.login(viewer.email);
    const page = await c.get(`/api/monitoring/digest?unitId=${t.dept.id}&day=2026-11-20`);
    expect(page.status).toBe(200);
    expect(page.json.sections[0].stories).toHaveLength(1);
    const file = await c.get(`/api/monitoring/digest/docx?unitId=${t.dept.id}&day=2026-11-20`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain('diem-tin-2026-11-20.docx');
    const dash = await c.get(`/api/monitoring/dashboard?unitId=${t.dept.id}&days=365`);
    expect(dash.status).toBe(200);
    expect(dash.json.totals).toMatchObject({ mentions: 4, negative: 3, positive: 1 });
    expect(dash.json.byOutlet[0]).toMatchObject({ outlet: 'Báo Giáo dục Thử', count: 4 });
    expect(dash.json.byUnit[0]).toMatchObject({ unitId: t.school.id, count: 4 });
    expect(dash.json.topStories[0].itemCount).toBe(3);
  });

  it('finds a spike in stored items once, with its stories, and queues the alert', async () => {
    const t = await makeTree();
    const leader = await makePerson({ unitId: t.dept.id, roles: ['leader'] });
    const src = await source();
    await createRule(systemActor, { unitId: t.dept.id, name: 'Tăng đột biến an toàn thực phẩm', categories: ['food_safety'], channels: ['inapp'] });
    const today = new Date('2026-11-19T18:00:00+07:00'); // a Thursday
    // five weeks of two items a day, then ten today
    for (let d = 35; d >= 1; d--) {
      const at = new Date(today.getTime() - d * 86400_000);
      for (let k = 0; k < 2; k++) await story({ sourceId: src, title: `Bữa ăn bán trú ngày ${d}-${k}`, units: [{ id: t.school.id, via: 'THCS Thử' }], categories: ['food_safety'], at });
    }
    for (let k = 0; k < 10; k++) await story({ sourceId: src, title: `Ngộ độc thực phẩm sau bữa trưa, tin ${k}`, units: [{ id: t.school.id, via: 'THCS Thử' }], categories: ['food_safety'], tone: 'negative', at: new Date(today.getTime() - k * 600_000) });
    const created = await checkSpikes(today);
    expect(created).toHaveLength(1);
    expect(await checkSpikes(today)).toHaveLength(0);
    expect(await checkSpikes(new Date(today.getTime() + 86400_000))).toHaveLength(0); // the next day: no new items, no spike
    const sp = (await db().query('select * from monitor_spikes where id = $1', [created[0]])).rows[0];
    expect(sp).toMatchObject({ count: 10, category: 'food_safety', baseline: [2, 2, 2, 2] });
    expect(sp.story_ids).toHaveLength(10);
    const alerts = await db().query(`select channel, recipient from monitor_alerts where spike_id = $1`, [created[0]]);
    expect(alerts.rows).toEqual([{ channel: 'inapp', recipient: String(leader.id) }]);
  });
});
