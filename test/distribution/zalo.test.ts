import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import '../../src/jobs';
import { systemActor } from '../../src/modules/audit';
import { retryDelivery, workDueDeliveries } from '../../src/modules/distribution/deliveries.service';
import { getTarget } from '../../src/modules/distribution/targets.service';
import { resetClock, setClock } from '../../src/platform/clock';
import { db } from '../../src/platform/db';
import { startJobs, stopJobs } from '../../src/platform/jobs';
import { vnDate } from '../../src/text';
import { useTestDatabase } from '../support/db';
import { type ZaloServer, startZaloServer } from '../support/zalo-server';
import { configure, deliveryOf, newsroom, photo, publishArticle, zaloTarget } from './helpers';

/**
 * Zalo OA delivery against an OA API fixture on loopback: create → verify →
 * broadcast, the monthly broadcast quota (configured and as Zalo reports it),
 * token errors, and crashes after Zalo acted.
 */
const state = useTestDatabase();
const TOKEN = 'zalo-oa-access-token-0123456789';
let zalo: ZaloServer;
beforeAll(async () => {
  zalo = await startZaloServer({ token: TOKEN, monthlyQuota: 100, processingRounds: 0 });
  configure(state.url, { LOA_ZALO_API_URL: zalo.url });
  await startJobs({ connectionString: state.url, isWorker: false });
});
afterAll(async () => {
  await stopJobs();
  await zalo.close();
});
afterEach(() => {
  resetClock();
  zalo.state.processingRounds = 0;
  zalo.resetQuota();
});

async function setup(extra: Record<string, unknown> = {}) {
  const n = await newsroom();
  const target = await zaloTarget(n.t.school.id, '1234567890123456789', TOKEN, extra);
  return { ...n, target };
}
const lastArticle = () => zalo.articles[zalo.articles.length - 1];

describe('zalo oa delivery', () => {
  it('creates the article (cover, marked link), waits while Zalo processes it, then broadcasts it and counts the quota', async () => {
    zalo.state.processingRounds = 1;
    const s = await setup({ settings: { monthlyQuota: 4 } });
    const cover = await photo(s.t.school.id, 'z'.repeat(60));
    setClock(vnDate(2026, 3, 10, 9));
    const a = await publishArticle(s.t.school.id, s, { coverMediaId: cover });
    await workDueDeliveries();
    const d1 = await deliveryOf(a.id, s.target.id);
    expect(d1).toMatchObject({ status: 'pending', lastErrorCode: 'zalo.processing', isUncertain: false });
    expect(d1.state.articleToken).toBeTruthy();
    const created = lastArticle();
    expect(created).toMatchObject({ title: a.title, status: 'show' });
    expect(created.cover).toEqual({ cover_type: 'photo', photo_url: `https://loa.thu.vn/media/${'z'.repeat(60)}1600`, status: 'show' });
    expect(created.description).toContain(`https://loa.thu.vn/tin-tuc/${a.slug}?loa=${d1.marker}`);
    expect(zalo.calls('create')[0].headers.access_token).toBe(TOKEN);

    setClock(vnDate(2026, 3, 10, 9, 1));
    await workDueDeliveries();
    const d = await deliveryOf(a.id, s.target.id);
    expect(d).toMatchObject({ status: 'sent', remoteId: created.id });
    expect(d.state.messageId).toBe(zalo.broadcasts[zalo.broadcasts.length - 1].messageId);
    expect(zalo.calls('create')).toHaveLength(1);
    const target = await getTarget(db(), s.target.id);
    expect(target.quota).toEqual({ monthlyQuota: 4, usedThisMonth: 1, exhaustedUntil: null });
  });

  it('stops at the configured monthly quota with a clear message, and resumes when the month turns', async () => {
    const s = await setup({ settings: { monthlyQuota: 1 } });
    setClock(vnDate(2026, 4, 28, 9));
    await publishArticle(s.t.school.id, s, { title: 'Tin thứ nhất của tháng' });
    await workDueDeliveries();
    const creates = zalo.calls('create').length;
    const b = await publishArticle(s.t.school.id, s, { title: 'Tin thứ hai của tháng' });
    await workDueDeliveries();
    const d = await deliveryOf(b.id, s.target.id);
    expect(d).toMatchObject({ status: 'failed', lastErrorCode: 'zalo.quota_exceeded' });
    expect(d.lastError).toContain('hết lượt gửi tin truyền thông');
    expect(d.lastError).toContain('01/05/2026');
    expect(new Date(d.nextAttemptAt).toISOString()).toBe(vnDate(2026, 5, 1).toISOString());
    expect(zalo.calls('create')).toHaveLength(creates); // nothing created that could not be broadcast

    setClock(vnDate(2026, 4, 30, 23, 59));
    expect(await workDueDeliveries()).toBe(0);
    setClock(vnDate(2026, 5, 1, 0, 1));
    await workDueDeliveries();
    expect((await deliveryOf(b.id, s.target.id)).status).toBe('sent');
    expect((await getTarget(db(), s.target.id)).quota?.usedThisMonth).toBe(1);
  });

  it('records "out of quota" from Zalo (-211) and sends nothing more until the quota resets', async () => {
    const s = await setup();
    setClock(vnDate(2026, 6, 15, 9));
    zalo.fail('broadcast', 'quota');
    const a = await publishArticle(s.t.school.id, s);
    await workDueDeliveries();
    const d = await deliveryOf(a.id, s.target.id);
    expect(d).toMatchObject({ status: 'failed', lastErrorCode: 'zalo.quota_exceeded' });
    expect(d.state.articleId).toBeTruthy(); // the article exists; only the broadcast waits
    expect(d.state.broadcastAttemptedAt).toBeUndefined();
    expect((await getTarget(db(), s.target.id)).quota?.exhaustedUntil).toBe(vnDate(2026, 7, 1).toISOString());

    const broadcastsBefore = zalo.calls('broadcast').length;
    const b = await publishArticle(s.t.school.id, s, { title: 'Tin sau khi hết hạn mức' });
    await workDueDeliveries();
    expect((await deliveryOf(b.id, s.target.id)).lastErrorCode).toBe('zalo.quota_exceeded');
    expect(zalo.calls('broadcast')).toHaveLength(broadcastsBefore);

    setClock(vnDate(2026, 7, 1, 0, 5));
    await workDueDeliveries();
    expect((await deliveryOf(a.id, s.target.id)).status).toBe('sent');
    expect((await deliveryOf(b.id, s.target.id)).status).toBe('sent');
    const markers = [(await deliveryOf(a.id, s.target.id)).marker, (await deliveryOf(b.id, s.target.id)).marker];
    expect(zalo.articles.filter((x) => markers.some((m) => x.description.includes(m)))).toHaveLength(2);
  });

  it('marks an invalid token (-216) as needing attention, without retrying', async () => {
    const s = await setup();
    zalo.fail('create', 'invalid-token');
    const a = await publishArticle(s.t.school.id, s);
    await workDueDeliveries();
    expect(await deliveryOf(a.id, s.target.id)).toMatchObject({ status: 'failed', lastErrorCode: 'zalo.token_invalid', nextAttemptAt: null });
    expect((await getTarget(db(), s.target.id)).attention).toBe('token_expired');
  });

  it('after a crash once Zalo created the article, finds it by its marker instead of creating another', async () => {
    const s = await setup();
    setClock(vnDate(2026, 8, 3, 9));
    zalo.fail('create', 'act-then-drop');
    const a = await publishArticle(s.t.school.id, s);
    await workDueDeliveries();
    const d1 = await deliveryOf(a.id, s.target.id);
    expect(d1).toMatchObject({ status: 'pending', isUncertain: true });
    const created = zalo.articles.filter((x) => x.description.includes(d1.marker));
    expect(created).toHaveLength(1);
    setClock(vnDate(2026, 8, 3, 9, 1));
    await workDueDeliveries();
    const d = await deliveryOf(a.id, s.target.id);
    expect(d).toMatchObject({ status: 'sent', remoteId: created[0].id });
    expect(d.state.isRecovered).toBe(true);
    expect(zalo.articles.filter((x) => x.description.includes(d1.marker))).toHaveLength(1);
    expect(zalo.broadcasts.filter((b) => b.articleId === created[0].id)).toHaveLength(1);
  });

  it('never broadcasts twice on its own: an interrupted broadcast waits for a person, and "Thử lại" sends it', async () => {
    const s = await setup();
    setClock(vnDate(2026, 9, 7, 9));
    zalo.fail('broadcast', 'act-then-drop');
    const a = await publishArticle(s.t.school.id, s);
    await workDueDeliveries();
    setClock(vnDate(2026, 9, 7, 9, 5));
    await workDueDeliveries();
    const d = await deliveryOf(a.id, s.target.id);
    expect(d).toMatchObject({ status: 'failed', lastErrorCode: 'zalo.broadcast_unknown', nextAttemptAt: null });
    expect(d.lastError).toContain('Thử lại');
    const articleId = d.state.articleId as string;
    expect(zalo.broadcasts.filter((b) => b.articleId === articleId)).toHaveLength(1);

    await retryDelivery(systemActor, d.id);
    await workDueDeliveries();
    expect((await deliveryOf(a.id, s.target.id)).status).toBe('sent');
    expect(zalo.broadcasts.filter((b) => b.articleId === articleId)).toHaveLength(2);
    expect(zalo.articles.filter((x) => x.id === articleId)).toHaveLength(1);
  });

  it('only creates the article when the OA is set not to broadcast', async () => {
    const s = await setup({ settings: { isBroadcasting: false } });
    const a = await publishArticle(s.t.school.id, s);
    const before = zalo.calls('broadcast').length;
    await workDueDeliveries();
    expect((await deliveryOf(a.id, s.target.id)).status).toBe('sent');
    expect(zalo.calls('broadcast')).toHaveLength(before);
  });
});
