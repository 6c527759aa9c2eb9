import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import '../../src/jobs';
import { systemActor } from '../../src/modules/audit';
import { workDueDeliveries, workNextDelivery, retryDelivery } from '../../src/modules/distribution/deliveries.service';
import { getTarget, updateTarget } from '../../src/modules/distribution/targets.service';
import { createArticle, moveArticle, publishDueArticles } from '../../src/modules/newsroom';
import { advanceClock, now, resetClock } from '../../src/platform/clock';
import { db } from '../../src/platform/db';
import { startJobs, stopJobs } from '../../src/platform/jobs';
import { useTestDatabase } from '../support/db';
import { type GraphServer, startGraphServer } from '../support/graph-server';
import { configure, deliveryOf, facebookTarget, newsroom, photo, publishArticle } from './helpers';

/**
 * Facebook Page delivery against a Graph API fixture on loopback: the outbox row
 * commits with the publication, the post carries its marker, Graph errors are
 * told apart, and a worker dying between the post and the commit neither loses
 * nor doubles the post.
 */
const state = useTestDatabase();
let graph: GraphServer;
beforeAll(async () => {
  graph = await startGraphServer();
  configure(state.url, { LOA_FACEBOOK_GRAPH_URL: graph.url });
  await startJobs({ connectionString: state.url, isWorker: false });
});
afterAll(async () => {
  await stopJobs();
  await graph.close();
});
afterEach(() => resetClock());

let pageSeq = 100;
async function setup(extra: Record<string, unknown> = {}) {
  const n = await newsroom();
  const pageId = String(++pageSeq);
  const token = `EAAG-page-token-${pageId}-abcdef`;
  graph.addPage(pageId, token);
  const target = await facebookTarget(n.t.school.id, pageId, token, extra);
  return { ...n, pageId, token, target };
}

describe('facebook page delivery', () => {
  it('queues the delivery in the publishing transaction and posts the article with its marked link', async () => {
    const s = await setup();
    const a = await publishArticle(s.t.school.id, s);
    const d = await deliveryOf(a.id, s.target.id);
    expect(d).toMatchObject({ status: 'pending', attempts: 0 });
    const job = await db().query(`select data from pgboss.job where name = 'distribution.work-deliveries' and data->>'articleId' = $1`, [String(a.id)]);
    expect(job.rowCount).toBe(1);

    await workDueDeliveries();
    const posts = graph.posts(s.pageId);
    expect(posts).toHaveLength(1);
    const link = `https://loa.thu.vn/tin-tuc/${a.slug}?loa=${d.marker}`;
    expect(posts[0].link).toBe(link);
    expect(posts[0].message).toContain('Trường tổ chức Ngày hội đọc sách 2026');
    expect(posts[0].message).toContain(link);
    const call = graph.calls('feed', s.pageId)[0];
    expect(call.headers.authorization).toBe(`Bearer ${s.token}`);
    expect(call.path).not.toContain(s.token);
    const after = await deliveryOf(a.id, s.target.id);
    expect(after).toMatchObject({ status: 'sent', attempts: 1, remoteId: posts[0].id, remoteUrl: `https://www.facebook.com/${posts[0].id}`, lastError: null });
    expect(await workDueDeliveries()).toBe(0);
    expect(graph.posts(s.pageId)).toHaveLength(1);
  });

  it('queues deliveries for force-published and scheduled articles too, and none for an unpublished one', async () => {
    const s = await setup();
    const draft = await createArticle({ userId: s.writer.id }, { unitId: s.t.school.id, title: 'Bản nháp chưa đăng' });
    await moveArticle({ userId: s.writer.id }, draft.id, { action: 'submit' });
    expect(await deliveryOf(draft.id, s.target.id)).toBeUndefined();
    const forced = await moveArticle({ userId: s.editor.id }, draft.id, { action: 'force-publish', reason: 'Thông báo nghỉ học do bão' });
    expect((await deliveryOf(forced.id, s.target.id)).status).toBe('pending');

    const later = await createArticle({ userId: s.writer.id }, { unitId: s.t.school.id, title: 'Tin hẹn giờ đăng' });
    await moveArticle({ userId: s.writer.id }, later.id, { action: 'submit' });
    await moveArticle({ userId: s.editor.id }, later.id, { action: 'approve' });
    await moveArticle({ userId: s.editor.id }, later.id, { action: 'schedule', at: new Date(now().getTime() + 3600_000).toISOString() });
    expect(await deliveryOf(later.id, s.target.id)).toBeUndefined();
    advanceClock(3601_000);
    await publishDueArticles();
    expect((await deliveryOf(later.id, s.target.id)).status).toBe('pending');
    await workDueDeliveries();
    expect(graph.posts(s.pageId)).toHaveLength(2);
  });

  it('posts a photo (cover, absolute URL) with the text as caption when the page is set to photo posts', async () => {
    const s = await setup({ settings: { postAs: 'photo' } });
    const cover = await photo(s.t.school.id, 'c'.repeat(60));
    const a = await publishArticle(s.t.school.id, s, { coverMediaId: cover });
    await workDueDeliveries();
    const call = graph.calls('photos', s.pageId)[0];
    expect(call.body).toMatchObject({ url: `https://loa.thu.vn/media/${'c'.repeat(60)}1600`, published: 'true' });
    const d = await deliveryOf(a.id, s.target.id);
    expect(call.body.caption).toContain(`?loa=${d.marker}`);
    expect(d.remoteId).toBe(graph.posts(s.pageId)[0].id); // the post id, not the photo id
  });

  it('marks an expired token as needing attention, stops calling, and resends after a new token', async () => {
    const s = await setup();
    graph.fail('feed', 'expired');
    const a = await publishArticle(s.t.school.id, s);
    await workDueDeliveries();
    const d = await deliveryOf(a.id, s.target.id);
    expect(d).toMatchObject({ status: 'failed', lastErrorCode: 'facebook.token_expired', nextAttemptAt: null });
    expect(d.lastError).toContain('Mã truy cập Trang Facebook đã hết hạn');
    const target = await getTarget(db(), s.target.id);
    expect(target.attention).toBe('token_expired');

    const b = await publishArticle(s.t.school.id, s, { title: 'Tin thứ hai trong tuần' });
    const callsFor = () => graph.log.filter((r) => r.path.includes(`/${s.pageId}/`)).length;
    const before = callsFor();
    await workDueDeliveries();
    expect(callsFor()).toBe(before); // no call with a token known to be bad
    expect((await deliveryOf(b.id, s.target.id)).lastErrorCode).toBe('delivery.needs_attention');

    advanceClock(3 * 86_400_000); // nothing retries on its own
    expect(await workDueDeliveries()).toBe(0);

    graph.setToken(s.pageId, 'EAAG-new-token-0987654321');
    const updated = await updateTarget(systemActor, s.target.id, { token: 'EAAG-new-token-0987654321' });
    expect(updated).toMatchObject({ attention: null, tokenHint: '…4321' });
    await workDueDeliveries();
    expect((await deliveryOf(a.id, s.target.id)).status).toBe('sent');
    expect((await deliveryOf(b.id, s.target.id)).status).toBe('sent');
    expect(graph.posts(s.pageId)).toHaveLength(2);
  });

  it('waits out a rate limit with back-off, without a look-up (nothing was posted)', async () => {
    const s = await setup();
    graph.fail('feed', 'rate');
    const a = await publishArticle(s.t.school.id, s);
    await workDueDeliveries();
    const d = await deliveryOf(a.id, s.target.id);
    expect(d).toMatchObject({ status: 'pending', lastErrorCode: 'facebook.rate_limited', isUncertain: false });
    expect(new Date(d.nextAttemptAt).getTime() - now().getTime()).toBeGreaterThanOrEqual(15 * 60_000 - 1000);
    advanceClock(10 * 60_000);
    expect(await workDueDeliveries()).toBe(0);
    advanceClock(6 * 60_000);
    await workDueDeliveries();
    expect((await deliveryOf(a.id, s.target.id)).status).toBe('sent');
    expect(graph.calls('posts', s.pageId)).toHaveLength(0);
    expect(graph.posts(s.pageId)).toHaveLength(1);
  });

  it('retries a 5xx, looking the post up first, and ends dead after the last attempt; "Thử lại" brings it back', async () => {
    const s = await setup();
    graph.fail('feed', 'unavailable');
    const a = await publishArticle(s.t.school.id, s);
    await workDueDeliveries();
    expect(await deliveryOf(a.id, s.target.id)).toMatchObject({ status: 'pending', isUncertain: true, lastErrorCode: 'facebook.unavailable' });
    advanceClock(31_000);
    await workDueDeliveries();
    expect(graph.calls('posts', s.pageId)).toHaveLength(1);
    expect((await deliveryOf(a.id, s.target.id)).status).toBe('sent');

    const b = await publishArticle(s.t.school.id, s, { title: 'Tin gặp sự cố máy chủ' });
    graph.fail('feed', 'unavailable', 4);
    for (let i = 0; i < 4; i++) {
      await workDueDeliveries();
      advanceClock(2 * 3600_000);
    }
    const dead = await deliveryOf(b.id, s.target.id);
    expect(dead).toMatchObject({ status: 'dead', attempts: 4, nextAttemptAt: null });
    expect(await workDueDeliveries()).toBe(0);
    const retried = await retryDelivery(systemActor, dead.id);
    expect(retried).toMatchObject({ status: 'pending', attempts: 0 });
    await workDueDeliveries();
    expect((await deliveryOf(b.id, s.target.id)).status).toBe('sent');
    expect(graph.posts(s.pageId)).toHaveLength(2);
  });

  it('survives a worker dying between the post and the commit: the next run finds the post by its marker', async () => {
    const s = await setup();
    const a = await publishArticle(s.t.school.id, s);
    // The worker "dies" after Facebook made the post: its closing transaction cannot commit.
    await db().query(`create or replace function loa_test_die() returns trigger language plpgsql as $$
      begin if new.status = 'sent' then raise exception 'worker died before commit'; end if; return new; end $$`);
    await db().query('create trigger loa_test_die before update on deliveries for each row execute function loa_test_die()');
    try {
      await expect(workNextDelivery()).rejects.toThrow(/worker died/);
    } finally {
      await db().query('drop trigger loa_test_die on deliveries');
    }
    expect(graph.posts(s.pageId)).toHaveLength(1);
    const stuck = await deliveryOf(a.id, s.target.id);
    expect(stuck).toMatchObject({ status: 'sending', remoteId: null });
    expect(await workDueDeliveries()).toBe(0); // its lease still runs

    advanceClock(61_000);
    await workDueDeliveries();
    const d = await deliveryOf(a.id, s.target.id);
    expect(d).toMatchObject({ status: 'sent', remoteId: graph.posts(s.pageId)[0].id, attempts: 2 });
    expect(d.state.isRecovered).toBe(true);
    expect(graph.calls('feed', s.pageId)).toHaveLength(1);
    expect(graph.posts(s.pageId)).toHaveLength(1);
  });

  it('after a timeout (the post was made but no answer came) looks it up instead of posting again', async () => {
    const s = await setup();
    graph.fail('feed', 'post-then-hang');
    const a = await publishArticle(s.t.school.id, s);
    await workDueDeliveries();
    expect(await deliveryOf(a.id, s.target.id)).toMatchObject({ status: 'pending', isUncertain: true, lastErrorCode: 'facebook.network' });
    advanceClock(31_000);
    await workDueDeliveries();
    expect((await deliveryOf(a.id, s.target.id)).status).toBe('sent');
    expect(graph.calls('feed', s.pageId)).toHaveLength(1);
    expect(graph.posts(s.pageId)).toHaveLength(1);
  });

  it('a dropped connection after the post is recovered the same way', async () => {
    const s = await setup();
    graph.fail('feed', 'post-then-drop');
    const a = await publishArticle(s.t.school.id, s);
    await workDueDeliveries();
    advanceClock(31_000);
    await workDueDeliveries();
    expect((await deliveryOf(a.id, s.target.id)).status).toBe('sent');
    expect(graph.posts(s.pageId)).toHaveLength(1);
  });
});
