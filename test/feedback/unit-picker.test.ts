import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/audit';
import { UNIT_SEARCH_LIMIT, unitChoices } from '../../src/modules/feedback';
import { closeUnit, searchActiveUnits } from '../../src/modules/org';
import { formToken } from '../../src/modules/sitecontent';
import { advanceClock, resetClock } from '../../src/platform/clock';
import { db } from '../../src/platform/db';
import { startJobs, stopJobs } from '../../src/platform/jobs';
import { useTestDatabase } from '../support/db';
import { makeTree, makeUnit } from '../support/factories';
import { makeClient } from '../support/http';

/**
 * The unit picker of the portal's general feedback and data request forms: a short list plus an
 * accent-insensitive, server-side name search (GET `tim`), active units only, at most
 * UNIT_SEARCH_LIMIT results; `don-vi` (the unit site the visitor came from) puts that unit and its
 * ancestors first. Works without JavaScript: the search box belongs to a separate GET form.
 */
const state = useTestDatabase();
beforeAll(async () => {
  await startJobs({ connectionString: state.url, isWorker: false });
});
afterAll(async () => {
  await stopJobs();
});
afterEach(() => resetClock());

const form = (o: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) f.append(k, v);
  return f;
};
const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
/** The options of the unit select (value → text), in order, without the placeholder. */
const unitOptions = (html: string, id = 'yk-unit') => {
  const select = new RegExp(`<select id="${id}"[^>]*>([^]*?)</select>`).exec(html)?.[1] ?? '';
  return [...select.matchAll(/<option value="(\d+)"( selected="")?>([^<]*)<\/option>/g)].map((m) => ({ id: Number(m[1]), selected: !!m[2], text: m[3] }));
};

async function setup() {
  const t = await makeTree();
  const hoaBinh = await makeUnit({ parentId: t.commune.id, type: 'school', name: 'Trường Tiểu học Hòa Bình Đông', level: 'primary' });
  const closed = await makeUnit({ parentId: t.commune.id, type: 'school', name: 'Trường Tiểu học Hòa Bình Tây', level: 'primary' });
  await closeUnit(systemActor, closed.id, { on: '2025-07-01', note: 'Sáp nhập vào Trường Tiểu học Hòa Bình Đông' });
  const many: number[] = [];
  for (let i = 1; i <= UNIT_SEARCH_LIMIT + 5; i++) many.push((await makeUnit({ parentId: t.commune.id, type: 'school', name: `Trường Mầm non Ánh Dương số ${i}`, code: `MN-ANHDUONG-${i}` })).id);
  return { t, hoaBinh, closed, many };
}

describe('unit picker of the public feedback forms', () => {
  it('searches active units by name without diacritics, limited, and offers the site unit with its ancestors', async () => {
    const { t, hoaBinh, closed, many } = await setup();

    // folded both ways: no diacritics, old/new tone placement, upper case, đ typed as d
    for (const q of ['hoa binh dong', 'HÒA BÌNH ĐÔNG', 'Hoà Bình Đông', 'truong tieu hoc hoa binh, dong!']) {
      const r = await searchActiveUnits(db(), q, UNIT_SEARCH_LIMIT);
      expect(r.items.map((u) => u.id), q).toEqual([hoaBinh.id]);
      expect(r.items[0]).toMatchObject({ name: 'Trường Tiểu học Hòa Bình Đông', parentName: 'Xã Thử Nghiệm' });
    }
    // word order does not matter; closed units are never offered
    expect((await searchActiveUnits(db(), 'binh hoa', 50)).items.map((u) => u.id)).toEqual([hoaBinh.id]);
    expect((await searchActiveUnits(db(), 'hoa binh tay', 50)).items).toEqual([]);
    // an empty query (after folding) finds nothing rather than everything
    expect(await searchActiveUnits(db(), ' !? ', 50)).toEqual({ items: [], more: false });
    // words match from their start: "binh" finds "Bình", "inh" does not
    expect((await searchActiveUnits(db(), 'hoa inh', 50)).items).toEqual([]);

    // at most UNIT_SEARCH_LIMIT results, and it says there were more
    const wide = await unitChoices(db(), { query: 'anh duong' });
    expect(wide.found).toHaveLength(UNIT_SEARCH_LIMIT);
    expect(wide.more).toBe(true);
    expect(wide.found.every((u) => many.includes(u.id))).toBe(true);
    expect(wide.selected).toBeNull(); // several matches: the visitor chooses
    const narrow = await unitChoices(db(), { query: 'anh duong so 25' });
    expect(narrow.found.map((u) => u.name)).toEqual(['Trường Mầm non Ánh Dương số 25']);
    expect(narrow.selected).toBe(narrow.found[0].id);

    // without a query: the top levels only, never the ~1,100 schools
    const top = await unitChoices(db(), {});
    expect(top.shortList.map((u) => u.id)).toEqual(expect.arrayContaining([t.root.id, t.dept.id, t.otherDept.id]));
    expect(top.shortList.some((u) => u.id === hoaBinh.id || u.id === t.school.id)).toBe(false);
    expect(top.selected).toBeNull();

    // from a school's site: the school and its ancestors, the school preselected
    const site = await unitChoices(db(), { contextUnitId: hoaBinh.id });
    expect(site.shortList.map((u) => u.id)).toEqual([t.root.id, t.dept.id, t.commune.id, hoaBinh.id]);
    expect(site.selected).toBe(hoaBinh.id);
    // a closed unit's site offers only its active ancestors
    expect((await unitChoices(db(), { contextUnitId: closed.id })).shortList.map((u) => u.id)).toEqual([t.root.id, t.dept.id, t.commune.id]);
    // a unit chosen before an error stays in the list and selected; a closed one does not
    const back = await unitChoices(db(), { chosenUnitId: many[3] });
    expect(back.shortList.map((u) => u.id)).toContain(many[3]);
    expect(back.selected).toBe(many[3]);
    expect((await unitChoices(db(), { chosenUnitId: closed.id })).selected).toBeNull();
  });

  it('picks a school by searching on the portal form without JavaScript, keeps the anti-spam token, refuses inactive units', async () => {
    const t = await makeTree();
    const school = await makeUnit({ parentId: t.commune.id, type: 'school', name: 'Trường THCS Nguyễn Đình Chiểu', level: 'lower_secondary' });
    const closed = await makeUnit({ parentId: t.commune.id, type: 'school', name: 'Trường THCS Nguyễn Đình Chiểu cơ sở 2', level: 'lower_secondary' });
    await closeUnit(systemActor, closed.id, { on: '2025-07-01' });
    const web = makeClient();

    const plain = await web.get('/gop-y/y-kien');
    expect(plain.status).toBe(200);
    expect(unitOptions(plain.text).some((o) => o.id === school.id)).toBe(false);
    // the search box and its button belong to the separate GET form (forms cannot nest)
    expect(plain.text).toMatch(/<form id="yk-find" method="get" action="\/gop-y\/y-kien#yk-pick">/);
    expect(plain.text).toMatch(/<input id="yk-find-q" type="search" name="tim" form="yk-find"/);
    expect(plain.text).toMatch(/<button type="submit" form="yk-find">Tìm đơn vị<\/button>/);
    expect(plain.text).toContain('<option value="" selected="">— Chọn đơn vị —</option>');

    const found = await web.get(`/gop-y/y-kien?tim=${encodeURIComponent('nguyen dinh chieu')}`);
    expect(found.status).toBe(200);
    expect(found.text).toContain('Tìm thấy 1 đơn vị khớp “nguyen dinh chieu”');
    expect(found.text).toContain('value="nguyen dinh chieu"');
    const opts = unitOptions(found.text);
    expect(opts[0]).toEqual({ id: school.id, selected: true, text: 'Trường THCS Nguyễn Đình Chiểu — Xã Thử Nghiệm' });
    expect(opts.some((o) => o.id === closed.id)).toBe(false);
    const tokens = hidden(found.text, 'tokens');
    expect(tokens).toContain(`${school.id}:`);
    advanceClock(5_000);

    // the trap field still refuses; then the real post goes to the school found
    const trap = await web.request('POST', '/gop-y/y-kien', form({ tokens, unitId: String(school.id), body: 'Đề nghị sửa lại mái che nhà xe của trường.', website: 'x' }));
    expect(trap.status).toBe(400);
    // the form comes back with the chosen school still in the list and selected
    expect(unitOptions(trap.text).find((o) => o.id === school.id)?.selected).toBe(true);
    const sent = await web.request('POST', '/gop-y/y-kien', form({ tokens, unitId: String(school.id), subject: 'Nhà xe', body: 'Đề nghị sửa lại mái che nhà xe của trường.', website: '' }));
    expect(sent.status).toBe(200);
    expect(sent.text).toContain('Ý kiến của anh/chị đã được chuyển tới đơn vị');
    const item = await db().query(`select unit_id as "unitId", subject from feedback_items where body = 'Đề nghị sửa lại mái che nhà xe của trường.'`);
    expect(item.rows.map((x) => ({ unitId: Number(x.unitId), subject: x.subject }))).toEqual([{ unitId: school.id, subject: 'Nhà xe' }]);

    // a closed unit is refused server-side even with a valid token bound to it; nothing is written
    const closedToken = await formToken(db(), closed.id);
    advanceClock(5_000);
    const before = Number((await db().query('select count(*) from feedback_items')).rows[0].count);
    const refused = await web.request('POST', '/gop-y/y-kien', form({ tokens: `${closed.id}:${closedToken}`, unitId: String(closed.id), body: 'Ý kiến gửi tới đơn vị đã giải thể.', website: '' }));
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Vui lòng chọn đơn vị nhận góp ý.');
    expect(Number((await db().query('select count(*) from feedback_items')).rows[0].count)).toBe(before);

    // nothing found: said so, and the short list stays
    const none = await web.get(`/gop-y/y-kien?tim=${encodeURIComponent('trường không có thật')}`);
    expect(none.text).toContain('Không tìm thấy đơn vị nào khớp “trường không có thật”');
    expect(unitOptions(none.text).some((o) => o.id === t.dept.id)).toBe(true);

    // from the school's site: the link carries the unit, the form offers the school and its ancestors
    const siteSlug = (await db().query('select slug from site_settings where unit_id = $1', [school.id])).rows[0]?.slug;
    expect(siteSlug).toBeTruthy();
    const site = await web.get(`/don-vi/${siteSlug}/gop-y`);
    expect(site.text).toContain(`href="/gop-y/y-kien?don-vi=${school.id}"`);
    const fromSite = await web.get(`/gop-y/y-kien?don-vi=${school.id}`);
    expect(unitOptions(fromSite.text).map((o) => o.id)).toEqual([t.root.id, t.dept.id, t.commune.id, school.id]);
    expect(unitOptions(fromSite.text).find((o) => o.id === school.id)?.selected).toBe(true);
    expect(fromSite.text).toContain('Đơn vị của trang này và cấp trên');
    // the search keeps the site's unit (hidden field of the search form)
    expect(fromSite.text).toMatch(new RegExp(`<form id="yk-find"[^>]*><input type="hidden" name="don-vi" value="${school.id}"/></form>`));

    // the data request form has the same picker
    const req = await web.get(`/gop-y/yeu-cau-du-lieu?tim=${encodeURIComponent('NGUYỄN ĐÌNH CHIỂU')}`);
    expect(req.status).toBe(200);
    expect(unitOptions(req.text, 'yc-unit')[0]).toMatchObject({ id: school.id, selected: true });
    advanceClock(5_000);
    const asked = await web.request('POST', '/gop-y/yeu-cau-du-lieu', form({ tokens: hidden(req.text, 'tokens'), unitId: String(school.id), kind: 'export', phone: '0912 345 679', website: '' }));
    expect(asked.status).toBe(200);
    expect(asked.text).toContain('Yêu cầu đã được ghi nhận');
  });
});
