import { describe, expect, it } from 'vitest';
import { systemActor } from '../src/modules/audit';
import { assignRole } from '../src/modules/org';
import { createApp } from '../src/http/app';
import { useTestDatabase } from './support/db';
import { makePerson, makeTree, makeUnit } from './support/factories';

useTestDatabase();

describe('public portal', () => {
  it('serves the home page, the unit directory with accent-free search, and robots.txt', async () => {
    const t = await makeTree();
    await makeUnit({ parentId: t.commune.id, name: 'Trường Tiểu học Nguyễn Du', code: 'P-NGUYENDU' });
    const app = createApp();
    const home = await app.request('/');
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('lang="vi"');
    expect(home.headers.get('cache-control')).toContain('public');
    const search = await (await app.request('/don-vi?q=nguyen%20du')).text();
    expect(search).toContain('Trường Tiểu học Nguyễn Du');
    expect(search).toMatch(/href="\/don-vi\/truong-tieu-hoc-nguyen-du[^"]*"/);
    const unitPage = await app.request('/don-vi/P-NGUYENDU');
    expect(unitPage.status).toBe(301);
    expect(search).toContain(`href="${unitPage.headers.get('location')}"`);
    expect(await (await app.request(unitPage.headers.get('location') as string)).text()).toContain('Xã Thử Nghiệm');
    const robots = await (await app.request('/robots.txt')).text();
    expect(robots).toContain('Disallow: /admin/');
    expect((await app.request('/khong-co-trang-nay')).status).toBe(404);
  });

  it('publishes the spokesperson register with name, title, phone and e-mail, escaping what people typed', async () => {
    const t = await makeTree();
    const p = await makePerson({ unitId: t.dept.id, name: 'Lê Thị <b>Hồng</b>' });
    await assignRole(systemActor, p.id, t.dept.id, 'spokesperson');
    const html = await (await createApp().request('/nguoi-phat-ngon')).text();
    expect(html).toContain('Lê Thị &lt;b&gt;Hồng&lt;/b&gt;');
    expect(html).toContain(p.email);
    expect(html).toContain('Sở GDĐT tỉnh Thử');
  });

  it('answers health and readiness probes', async () => {
    const app = createApp();
    expect(await (await app.request('/healthz')).json()).toEqual({ status: 'ok' });
    expect(await (await app.request('/readyz')).json()).toMatchObject({ status: 'ready', portalCache: 'polling' });
    const spec = await (await app.request('/api/openapi.json')).json();
    expect(spec.openapi).toBe('3.1.0');
    expect((await app.request('/api/docs')).status).toBe(200);
  });
});
