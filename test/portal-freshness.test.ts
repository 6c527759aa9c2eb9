import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/http/app';
import { db } from '../src/platform/db';
import { portalVersion, startPortalFreshness, stopPortalFreshness } from '../src/portal/freshness';
import { useTestDatabase } from './support/db';
import { makeTree } from './support/factories';

/**
 * Cached public pages across web nodes: a change committed anywhere (here: plain SQL,
 * as another node would) bumps the portal stamp by trigger and is announced with
 * NOTIFY; a listening node drops its pages at once and serves the new text.
 */
const state = useTestDatabase();
afterAll(async () => {
  await stopPortalFreshness();
});

async function until(check: () => Promise<boolean>, ms = 5000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('timed out');
}

describe('portal freshness', () => {
  it('bumps the stamp on every change to articles and units, and a listening node serves the new page at once', async () => {
    const t = await makeTree();
    const v0 = await portalVersion();
    const r = await db().query(
      `insert into articles (unit_id, title, slug, body_html, status, published_at) values ($1, 'Khai giảng năm học mới', 'khai-giang-nam-hoc-moi', '<p>Tưng bừng.</p>', 'published', now()) returning id`,
      [t.school.id],
    );
    expect(Number(await portalVersion())).toBeGreaterThan(Number(v0));

    startPortalFreshness(state.url);
    const app = createApp();
    await until(async () => (await app.request('/tin-tuc/khai-giang-nam-hoc-moi')).status === 200);
    expect(await (await app.request('/tin-tuc/khai-giang-nam-hoc-moi')).text()).toContain('Khai giảng năm học mới');

    // another node corrects the title: this node hears it and re-renders
    await db().query(`update articles set title = 'Lễ khai giảng năm học 2026–2027' where id = $1`, [r.rows[0].id]);
    await until(async () => (await (await app.request('/tin-tuc/khai-giang-nam-hoc-moi')).text()).includes('Lễ khai giảng năm học 2026–2027'));

    // and withdraws it: gone from the public side
    await db().query(`update articles set status = 'withdrawn', withdrawn_at = now() where id = $1`, [r.rows[0].id]);
    await until(async () => (await app.request('/tin-tuc/khai-giang-nam-hoc-moi')).status === 410);

    const before = await portalVersion();
    await db().query(`update units set name = name || ' (mới)' where id = $1`, [t.school.id]);
    await until(async () => (await portalVersion()) !== before);
  });
});
