import { afterEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/audit';
import { createArticle } from '../../src/modules/newsroom';
import { db } from '../../src/platform/db';
import { useTestDatabase } from '../support/db';
import { makePerson, makeTree, makeUnit } from '../support/factories';
import { type TestClient, makeClient } from '../support/http';

/**
 * The core of unit sites (issue 5): slugs and their redirects, host routing,
 * settings validation and audit, permission scope, the two-factor rule for
 * administrators, the strict CSP and the sanitising of every editable field.
 */
useTestDatabase();

const slugOf = async (unitId: number) => (await db().query('select slug from site_settings where unit_id = $1', [unitId])).rows[0].slug as string;
const versionOf = async (unitId: number) => (await db().query('select version from site_settings where unit_id = $1', [unitId])).rows[0].version as number;
const onHost = (c: TestClient, host: string, path: string) => c.request('GET', path, undefined, { host });

async function signedIn(unitId: number, roles: Parameters<typeof makePerson>[0]['roles'], roleUnitId?: number) {
  const p = await makePerson({ unitId, roles, roleUnitId });
  const c = makeClient();
  expect((await c.login(p.email)).status).toBe(200);
  return Object.assign(c, { personId: p.id });
}

describe('slugs', () => {
  it('gives every new unit an ASCII slug from its Vietnamese name, unique', async () => {
    const t = await makeTree();
    const a = await makeUnit({ parentId: t.commune.id, type: 'school', name: 'Trường THPT Chuyên Nguyễn Quang Diêu' });
    const b = await makeUnit({ parentId: t.commune.id, type: 'school', name: 'Trường THPT Chuyên Nguyễn Quang Diêu' });
    const c = await makeUnit({ parentId: t.commune.id, type: 'school', name: 'Trường Mầm non Đồng Tháp Mười' });
    expect(await slugOf(a.id)).toBe('truong-thpt-chuyen-nguyen-quang-dieu');
    expect(await slugOf(b.id)).toBe(`truong-thpt-chuyen-nguyen-quang-dieu-${b.id}`);
    expect(await slugOf(c.id)).toBe('truong-mam-non-dong-thap-muoi');
  });

  it('answers /don-vi/<code> with a 301 to the slug, keeps the code news pages, and 404s unknown slugs', async () => {
    const t = await makeTree();
    const slug = await slugOf(t.school.id);
    const c = makeClient();
    const home = await c.get(`/don-vi/${t.school.code}`);
    expect(home.status).toBe(301);
    expect(home.headers.get('location')).toBe(`/don-vi/${slug}`);
    const followed = await c.get(home.headers.get('location') as string);
    expect(followed.text).toContain('Xã Thử Nghiệm'); // the parent, in the breadcrumbs
    expect(followed.text).toContain(`href="/don-vi/${slug}/tin-tuc"`);
    const sub = await c.get(`/don-vi/${t.school.code}/gioi-thieu?x=1`);
    expect(sub.status).toBe(301);
    expect(sub.headers.get('location')).toBe(`/don-vi/${slug}/gioi-thieu?x=1`);
    expect((await c.get(`/don-vi/${t.school.code}/tin-tuc`)).status).toBe(200);
    expect((await c.get(`/don-vi/${t.school.code}/rss.xml`)).status).toBe(200);
    expect((await c.get(`/don-vi/${slug}/tin-tuc`)).status).toBe(200);
    const missing = await c.get('/don-vi/khong-co-don-vi-nay');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('Không tìm thấy');
    expect((await c.get('/don-vi')).status).toBe(200); // the portal's unit list still answers
  });

  it('keeps an old slug answering with a 301 after a change, refuses a slug in use or malformed', async () => {
    const t = await makeTree();
    const admin = await signedIn(t.root.id, ['administrator']);
    const old = await slugOf(t.school.id);
    const ok = await admin.request('PUT', `/api/sites/${t.school.id}`, { version: await versionOf(t.school.id), slug: 'thcs-thu-nghiem' });
    expect(ok.status).toBe(200);
    expect(ok.json.slug).toBe('thcs-thu-nghiem');
    const r = await makeClient().get(`/don-vi/${old}/lanh-dao`);
    expect(r.status).toBe(301);
    expect(r.headers.get('location')).toBe('/don-vi/thcs-thu-nghiem/lanh-dao');
    const taken = await admin.request('PUT', `/api/sites/${t.otherSchool.id}`, { version: await versionOf(t.otherSchool.id), slug: 'thcs-thu-nghiem' });
    expect(taken.status).toBe(409);
    expect(taken.json.error.code).toBe('site.slug_taken');
    const takenOld = await admin.request('PUT', `/api/sites/${t.otherSchool.id}`, { version: await versionOf(t.otherSchool.id), slug: old });
    expect(takenOld.json.error.code).toBe('site.slug_taken');
    const bad = await admin.request('PUT', `/api/sites/${t.otherSchool.id}`, { version: await versionOf(t.otherSchool.id), slug: 'Trường Thử' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('site.slug_invalid');
  });
});

describe('host routing', () => {
  it('serves a mapped domain at /…, falls through to the portal for unknown hosts, and follows changes at once', async () => {
    const t = await makeTree();
    const admin = await signedIn(t.root.id, ['administrator']);
    const map = await admin.request('PUT', `/api/sites/${t.school.id}/domains`, { domains: ['THCS-Thu.loa.test', 'www.thcs-thu.loa.test'] });
    expect(map.status).toBe(200);
    expect(map.json.domains).toEqual(['thcs-thu.loa.test', 'www.thcs-thu.loa.test']);
    const c = makeClient();
    const home = await onHost(c, 'thcs-thu.loa.test:443', '/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('Trường THCS Thử');
    expect(home.text).toContain('href="/gioi-thieu"');
    expect((await onHost(c, 'www.thcs-thu.loa.test', '/lien-he')).text).toContain('Người phát ngôn');
    expect((await onHost(c, 'thcs-thu.loa.test', '/tin-tuc')).status).toBe(200);
    // assets and photos of the portal are served on the unit's domain too
    expect((await onHost(c, 'thcs-thu.loa.test', '/portal.css')).status).toBe(200);

    const portal = await onHost(c, 'khong-biet.example', '/');
    expect(portal.status).toBe(200);
    expect(portal.text).not.toContain('Trường THCS Thử</span>');
    expect((await onHost(c, 'khong-biet.example', '/gioi-thieu')).status).toBe(404);
    expect((await c.get('/gioi-thieu')).status).toBe(404);

    // another unit cannot take the domain; removing it ends the mapping at once (cache follows the stamp)
    const clash = await admin.request('PUT', `/api/sites/${t.otherSchool.id}/domains`, { domains: ['thcs-thu.loa.test'] });
    expect(clash.status).toBe(409);
    expect(clash.json.error).toMatchObject({ code: 'site.domain_taken' });
    expect(clash.json.error.message).toContain('đã được gắn cho đơn vị khác');
    expect((await admin.request('PUT', `/api/sites/${t.school.id}/domains`, { domains: ['www.thcs-thu.loa.test'] })).status).toBe(200);
    expect((await onHost(c, 'thcs-thu.loa.test', '/gioi-thieu')).status).toBe(404);
    expect((await admin.request('PUT', `/api/sites/${t.otherSchool.id}/domains`, { domains: ['thcs-thu.loa.test'] })).status).toBe(200);
    expect((await onHost(c, 'thcs-thu.loa.test', '/')).text).toContain('Trường Tiểu học Khác');

    for (const bad of ['http://truong.edu.vn', 'truong.edu.vn/trang', 'localhost', '127.0.0.1', '-abc.vn', 'khong co.vn']) {
      const r = await admin.request('PUT', `/api/sites/${t.school.id}/domains`, { domains: [bad] });
      expect(r.status, bad).toBe(400);
    }
    const audit = await db().query(`select count(*)::int as n from audit_log where action = 'site.domains' and unit_id = $1`, [t.school.id]);
    expect(audit.rows[0].n).toBe(2);
  });

  it('sets a strict Content-Security-Policy on every site page', async () => {
    const t = await makeTree();
    await db().query(`insert into site_domains (domain, unit_id) values ('csp-thu.loa.test', $1)`, [t.dept.id]);
    const slug = await slugOf(t.dept.id);
    const c = makeClient();
    for (const sub of ['', '/gioi-thieu', '/co-cau-to-chuc', '/lanh-dao', '/chuc-nang-nhiem-vu', '/don-vi-truc-thuoc', '/tin-tuc', '/lien-he']) {
      for (const r of [await c.get(`/don-vi/${slug}${sub}`), await onHost(c, 'csp-thu.loa.test', sub || '/')]) {
        expect(r.status, sub).toBe(200);
        const csp = r.headers.get('content-security-policy') ?? '';
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("script-src 'self'");
        expect(csp).toContain("style-src 'self'");
        expect(csp).toContain("object-src 'none'");
        expect(csp).toContain("base-uri 'none'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("form-action 'self'");
        expect(csp).not.toContain('unsafe-inline');
        expect(r.text).toContain('<html lang="vi">');
        expect(r.text).not.toMatch(/<script(?![^>]*\bsrc="\/site-assets\/site\.js)/);
        expect(r.text).not.toMatch(/\sstyle="/);
        expect(r.headers.get('etag')).toBeTruthy();
      }
    }
    // a revalidation is a 304
    const first = await c.get(`/don-vi/${slug}`);
    const again = await c.request('GET', `/don-vi/${slug}`, undefined, { 'if-none-match': first.headers.get('etag') as string });
    expect(again.status).toBe(304);
    // the organisation chart is drawn from the unit tree
    const chart = await c.get(`/don-vi/${slug}/co-cau-to-chuc`);
    expect(chart.text).toContain('Xã Thử Nghiệm');
    expect(chart.text).toContain('Trường THCS Thử');
    expect((await c.get(`/don-vi/${slug}/don-vi-truc-thuoc`)).text).toContain('Xã Thử Nghiệm');
    expect((await c.get('/site-assets/site.js')).headers.get('content-type')).toContain('javascript');
    expect((await c.get(`/site-theme/${slug}.css`)).text).toContain('--site-primary:#0b4f8a');
  });
});

describe('home news', () => {
  it("shows a Sở its subtree's news selected for the portal, a school its own", async () => {
    const t = await makeTree();
    const publish = async (unitId: number, title: string, isOnPortal: boolean) => {
      const a = await createArticle(systemActor, { unitId, title, bodyHtml: '<p>Nội dung.</p>', themes: [] });
      await db().query(`update articles set status = 'published', published_at = now(), is_on_sector_portal = $2 where id = $1`, [a.id, isOnPortal]);
    };
    await publish(t.school.id, 'Hội khỏe Phù Đổng cấp trường', true);
    await publish(t.school.id, 'Họp phụ huynh đầu năm', false);
    await publish(t.otherSchool.id, 'Tin của tỉnh khác', true);
    const c = makeClient();
    const dept = (await c.get(`/don-vi/${await slugOf(t.dept.id)}`)).text;
    expect(dept).toContain('Hội khỏe Phù Đổng cấp trường');
    expect(dept).not.toContain('Họp phụ huynh đầu năm');
    expect(dept).not.toContain('Tin của tỉnh khác');
    const school = (await c.get(`/don-vi/${await slugOf(t.school.id)}`)).text;
    expect(school).toContain('Hội khỏe Phù Đổng cấp trường');
    expect(school).toContain('Họp phụ huynh đầu năm');
    expect(school).not.toContain('Tin của tỉnh khác');
  });
});

describe('settings', () => {
  it('validates colour contrast, menus and images, audits every change and shows it on the pages', async () => {
    const t = await makeTree();
    const editor = await signedIn(t.school.id, ['editor']);
    const slug = await slugOf(t.school.id);
    const pale = await editor.request('PUT', `/api/sites/${t.school.id}`, { version: await versionOf(t.school.id), primaryColor: '#FFD700' });
    expect(pale.status).toBe(422);
    expect(pale.json.error.code).toBe('site.color_contrast');
    expect(pale.json.error.message).toContain('4,5:1');
    expect((await editor.request('PUT', `/api/sites/${t.school.id}`, { version: await versionOf(t.school.id), primaryColor: 'red' })).status).toBe(400);
    const badMenu = await editor.request('PUT', `/api/sites/${t.school.id}`, {
      version: await versionOf(t.school.id),
      menu: [{ label: 'Trang lạ', href: 'javascript:alert(1)' }],
    });
    expect(badMenu.status).toBe(400);
    expect(badMenu.json.error.code).toBe('site.menu_invalid');
    for (const href of ['http://khong-an-toan.vn', '//spam.example', 'data:text/html,x', '/../admin']) {
      const r = await editor.request('PUT', `/api/sites/${t.school.id}`, { version: await versionOf(t.school.id), menu: [{ label: 'X', href }] });
      expect(r.status, href).toBe(400);
    }
    const v = await versionOf(t.school.id);
    const ok = await editor.request('PUT', `/api/sites/${t.school.id}`, {
      version: v,
      primaryColor: '#7A1F1F',
      tagline: 'Kỷ cương – Tình thương – Trách nhiệm',
      menu: [
        { label: 'Bộ Giáo dục và Đào tạo', href: 'https://moet.gov.vn' },
        { label: 'Thời khóa biểu', href: '/tin-tuc' },
      ],
      introHtml: '<p>Trường được thành lập năm 1998.</p>',
      historyHtml: '<h2>Chặng đường</h2><p>Năm 2010 trường đạt chuẩn quốc gia.</p>',
      functionsHtml: '<ul><li>Tổ chức giảng dạy</li></ul>',
    });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ primaryColor: '#7a1f1f', version: v + 1, canEdit: true, canMapDomains: false });
    const stale = await editor.request('PUT', `/api/sites/${t.school.id}`, { version: v, tagline: 'Cũ' });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe('site.stale');
    const audit = await db().query(`select before, after from audit_log where action = 'site.update' and unit_id = $1 order by id`, [t.school.id]);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].after.tagline).toBe('Kỷ cương – Tình thương – Trách nhiệm');

    const c = makeClient();
    const home = await c.get(`/don-vi/${slug}`);
    expect(home.text).toContain('Kỷ cương – Tình thương – Trách nhiệm');
    expect(home.text).toContain('<a href="https://moet.gov.vn/" rel="noopener nofollow">Bộ Giáo dục và Đào tạo</a>');
    expect(home.text).toContain('Trường được thành lập năm 1998.');
    expect((await c.get(`/site-theme/${slug}.css`)).text).toContain('#7a1f1f');
    const about = await c.get(`/don-vi/${slug}/gioi-thieu`);
    expect(about.text).toContain('Năm 2010 trường đạt chuẩn quốc gia.');
    expect(about.text).toMatch(/Cập nhật ngày \d{2}\/\d{2}\/\d{4}/);

    // images are sniffed from their bytes: a text file called .png is refused
    const fake = new FormData();
    fake.append('file', new File([Buffer.from('<script>alert(1)</script>')], 'logo.png', { type: 'image/png' }));
    const up = await editor.request('POST', `/api/sites/${t.school.id}/images`, fake);
    expect(up.status).toBe(400);
    expect(up.json.error.code).toBe('media.not_image');
    const png = new FormData();
    png.append('file', new File([Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')], 'logo.txt', { type: 'text/plain' }));
    const logo = await editor.request('POST', `/api/sites/${t.school.id}/images`, png);
    expect(logo.status).toBe(201);
    const withLogo = await editor.request('PUT', `/api/sites/${t.school.id}`, { version: await versionOf(t.school.id), logoMediaId: logo.json.mediaId });
    expect(withLogo.status).toBe(200);
    expect((await c.get(`/don-vi/${slug}`)).text).toContain(`src="${logo.json.small}"`);
    // a photo of another unit cannot be borrowed
    const other = await signedIn(t.otherSchool.id, ['editor']);
    const foreign = await other.request('POST', `/api/sites/${t.otherSchool.id}/images`, png);
    const borrow = await editor.request('PUT', `/api/sites/${t.school.id}`, { version: await versionOf(t.school.id), bannerMediaId: foreign.json.mediaId });
    expect(borrow.status).toBe(422);
  });

  it('keeps leaders with their update date, audited', async () => {
    const t = await makeTree();
    const leader = await signedIn(t.school.id, ['leader']);
    const slug = await slugOf(t.school.id);
    const a = await leader.request('POST', `/api/sites/${t.school.id}/leaders`, {
      name: 'Nguyễn Thị Minh Hoa',
      position: 'Hiệu trưởng',
      bioHtml: '<p>Sinh năm 1975, thạc sĩ Quản lý giáo dục.</p>',
      dutiesHtml: '<p>Phụ trách chung.</p>',
      sortOrder: 1,
    });
    expect(a.status).toBe(201);
    await db().query(`update site_leaders set updated_at = '2026-01-05T03:00:00Z' where id = $1`, [a.json.id]);
    const page = await makeClient().get(`/don-vi/${slug}/lanh-dao`);
    expect(page.text).toContain('Nguyễn Thị Minh Hoa');
    expect(page.text).toContain('Cập nhật ngày 05/01/2026');
    const b = await leader.request('PUT', `/api/sites/leaders/${a.json.id}`, { name: 'Nguyễn Thị Minh Hoa', position: 'Hiệu trưởng', dutiesHtml: '<p>Phụ trách chung, tài chính.</p>' });
    expect(b.status).toBe(200);
    expect(new Date(b.json.updatedAt).getFullYear()).toBeGreaterThanOrEqual(2026);
    expect((await makeClient().get(`/don-vi/${slug}/lanh-dao`)).text).not.toContain('Cập nhật ngày 05/01/2026');
    expect((await leader.request('DELETE', `/api/sites/leaders/${a.json.id}`)).status).toBe(200);
    const audit = await db().query(`select action from audit_log where entity = 'site_leader' and entity_id = $1 order by id`, [String(a.json.id)]);
    expect(audit.rows.map((r) => r.action)).toEqual(['site.leader_create', 'site.leader_update', 'site.leader_delete']);
  });
});

describe('permissions', () => {
  it('lets site writers edit their unit and its subtree only; domains are for administrators', async () => {
    const t = await makeTree();
    const deptEditor = await signedIn(t.dept.id, ['editor']);
    const contributor = await signedIn(t.school.id, ['contributor']);
    const otherLeader = await signedIn(t.otherDept.id, ['leader']);
    const viewer = await signedIn(t.school.id, ['viewer']);
    const body = async () => ({ version: await versionOf(t.school.id), tagline: 'Trường học hạnh phúc' });
    expect((await deptEditor.request('PUT', `/api/sites/${t.school.id}`, await body())).status).toBe(200);
    expect((await contributor.request('PUT', `/api/sites/${t.school.id}`, await body())).status).toBe(403);
    expect((await viewer.request('PUT', `/api/sites/${t.school.id}`, await body())).status).toBe(403);
    expect((await otherLeader.request('PUT', `/api/sites/${t.school.id}`, await body())).status).toBe(403);
    expect((await otherLeader.request('POST', `/api/sites/${t.school.id}/leaders`, { name: 'Người lạ' })).status).toBe(403);
    expect((await deptEditor.request('PUT', `/api/sites/${t.school.id}/domains`, { domains: ['thu.loa.test'] })).status).toBe(403);
    expect((await viewer.get(`/api/sites/${t.school.id}`)).json.canEdit).toBe(false);
    const list = await deptEditor.get('/api/sites?q=thcs');
    expect(list.status).toBe(200);
    expect(list.json.items.map((x: { unitId: number }) => x.unitId)).toContain(t.school.id);
    expect(list.json.items.map((x: { unitId: number }) => x.unitId)).not.toContain(t.otherSchool.id);
  });
});

describe('two-factor sign-in for administrators', () => {
  afterEach(() => {
    delete process.env.LOA_REQUIRE_2FA_ROLES;
  });

  it('refuses an administrator without TOTP with a stable code, until enrolled; others are not affected', async () => {
    const t = await makeTree();
    const admin = await signedIn(t.root.id, ['administrator']);
    const editor = await signedIn(t.school.id, ['editor']);
    expect((await admin.get(`/api/sites/${t.school.id}`)).status).toBe(200);
    process.env.LOA_REQUIRE_2FA_ROLES = 'administrator';
    const refused = await admin.get(`/api/sites/${t.school.id}`);
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('auth.two_factor_required');
    expect(refused.json.error.message).toContain('xác thực hai bước');
    expect((await admin.request('PUT', `/api/sites/${t.school.id}`, { version: 1, tagline: 'x' })).json.error.code).toBe('auth.two_factor_required');
    // what enrolment needs stays open
    expect((await admin.get('/api/auth/session')).status).toBe(200);
    const setup = await admin.post('/api/auth/totp/setup');
    expect(setup.status).toBe(200);
    expect((await editor.get(`/api/sites/${t.school.id}`)).status).toBe(200);
    await db().query('update users set is_totp_enabled = true where id = $1', [admin.personId]);
    expect((await admin.get(`/api/sites/${t.school.id}`)).status).toBe(200);
  });
});

describe('sanitising every editable field', () => {
  it('lets no script run and no link the editor did not mean reach the public pages', async () => {
    const t = await makeTree();
    const admin = await signedIn(t.root.id, ['administrator']);
    const slug = await slugOf(t.school.id);
    const evil =
      '<p>Nội dung<script>alert(1)</script><img src="x" onerror="alert(2)"><a href="javascript:alert(3)">bấm</a>' +
      '<a style="display:none" href="http://spam.example/1">spam</a><span style="position:absolute;left:-9999px"><a href="http://spam.example/2">s</a></span>' +
      '<iframe src="http://spam.example/3"></iframe><svg onload="alert(4)"></svg><a hidden href="http://spam.example/4">h</a></p>';
    const plain = '<script>alert(5)</script><a href="http://spam.example/5" onmouseover="alert(6)">x</a>';
    const upd = await admin.request('PUT', `/api/sites/${t.school.id}`, {
      version: await versionOf(t.school.id),
      tagline: plain,
      menu: [{ label: '<b onclick="alert(7)">Hỏi</b><script>x</script>', href: '/gioi-thieu' }],
      introHtml: evil,
      historyHtml: evil,
      functionsHtml: evil,
    });
    expect(upd.status).toBe(200);
    expect(upd.json.introHtml).toBe('<p>Nội dung<a>bấm</a></p>');
    const leader = await admin.request('POST', `/api/sites/${t.school.id}/leaders`, { name: plain, position: plain, bioHtml: evil, dutiesHtml: evil });
    expect(leader.status).toBe(201);
    const c = makeClient();
    for (const sub of ['', '/gioi-thieu', '/co-cau-to-chuc', '/lanh-dao', '/chuc-nang-nhiem-vu', '/tin-tuc', '/lien-he']) {
      const page = await c.get(`/don-vi/${slug}${sub}`);
      expect(page.status, sub).toBe(200);
      expect(page.text, sub).not.toContain('spam.example');
      expect(page.text, sub).not.toMatch(/<script(?![^>]*src="\/site-assets\/)/);
      expect(page.text, sub).not.toMatch(/\son[a-z]+=/i);
      expect(page.text, sub).not.toContain('javascript:');
      expect(page.text, sub).not.toContain('<iframe');
      expect(page.text, sub).not.toContain('<svg');
    }
    const leaders = await c.get(`/don-vi/${slug}/lanh-dao`);
    expect(leaders.text).toContain('alert(5) x');
    expect(leaders.text).not.toContain('&lt;script');
  });
});
