import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import '../../src/jobs';
import { systemActor } from '../../src/modules/audit';
import { listArticleDeliveries, workDueDeliveries } from '../../src/modules/distribution/deliveries.service';
import { confirmRemovedByHand, retryRemoval, workDueRemovals, workNextRemoval } from '../../src/modules/distribution/removals.service';
import { createTarget, updateTarget } from '../../src/modules/distribution/targets.service';
import { moveArticle } from '../../src/modules/newsroom';
import { advanceClock, resetClock } from '../../src/platform/clock';
import { db } from '../../src/platform/db';
import { startJobs, stopJobs } from '../../src/platform/jobs';
import { useTestDatabase } from '../support/db';
import { type GraphServer, startGraphServer } from '../support/graph-server';
import { type ZaloServer, startZaloServer } from '../support/zalo-server';
import { configure, deliveryOf, facebookTarget, newsroom, publishArticle, zaloTarget } from './helpers';

/**
 * Withdrawing a published article takes down what Loa posted: the Facebook post
 * (DELETE /{post-id}) and the Zalo OA article (POST /v2.0/article/remove), through an
 * outbox row written with the withdrawal; newsletters cannot be unsent.
 */
const state = useTestDatabase();
const ZALO_TOKEN = 'zalo-oa-access-token-removal-0123';
let graph: GraphServer;
let zalo: ZaloServer;
beforeAll(async () => {
  graph = await startGraphServer();
  zalo = await startZaloServer({ token: ZALO_TOKEN, monthlyQuota: 100 });
  configure(state.url, { LOA_FACEBOOK_GRAPH_URL: graph.url, LOA_ZALO_API_URL: zalo.url });
  await startJobs({ connectionString: state.url, isWorker: false });
});
afterAll(async () => {
  await stopJobs();
  await graph.close();
  await zalo.close();
});
afterEach(() => resetClock());

let pageSeq = 500;
async function setup() {
  const n = await newsroom();
  const pageId = String(++pageSeq);
  const token = `EAAG-page-token-${pageId}-removal`;
  graph.addPage(pageId, token);
  const fb = await facebookTarget(n.t.school.id, pageId, token);
  const oa = await zaloTarget(n.t.school.id, `88${pageSeq}`, ZALO_TOKEN, { settings: { isBroadcasting: false } });
  const news = await createTarget(systemActor, { unitId: n.t.school.id, kind: 'newsletter', name: 'Bản tin của trường' });
  const a = await publishArticle(n.t.school.id, n);
  await workDueDeliveries();
  return { ...n, pageId, token, fb, oa, news, a };
}
const withdraw = (s: { editor: { id: number }; a: { id: number } }) =>
  moveArticle({ userId: s.editor.id }, s.a.id, { action: 'withdraw', reason: 'Thông tin trong bài chưa chính xác, cần gỡ để kiểm tra lại.' });
const removalOf = async (deliveryId: number) =>
  (await db().query('select status, attempts, last_error_code as code, removed_at as "removedAt", done_by as "doneBy" from delivery_removals where delivery_id = $1', [deliveryId])).rows[0];

describe('removal after withdrawal', () => {
  it('deletes the Facebook post and removes the Zalo article; the newsletter is shown as impossible to unsend', async () => {
    const s = await setup();
    const fbd = await deliveryOf(s.a.id, s.fb.id);
    const oad = await deliveryOf(s.a.id, s.oa.id);
    expect(fbd.status).toBe('sent');
    expect(oad.status).toBe('sent');
    expect(graph.posts(s.pageId)).toHaveLength(1);

    await withdraw(s);
    // queued in the withdrawing transaction, with a job
    expect(await removalOf(fbd.id)).toMatchObject({ status: 'pending' });
    expect(await removalOf(oad.id)).toMatchObject({ status: 'pending' });
    const news = await deliveryOf(s.a.id, s.news.id);
    expect(await removalOf(news.id)).toBeUndefined();

    await workDueDeliveries(); // the articles' own deliveries are done; nothing else happens
    await workDueRemovals();
    expect(graph.posts(s.pageId)).toHaveLength(0);
    expect(graph.deleted).toContain(fbd.remoteId);
    const del = graph.log.find((r) => r.method === 'DELETE' && r.path.endsWith(fbd.remoteId));
    expect(del?.headers.authorization).toBe(`Bearer ${s.token}`);
    expect(zalo.removed).toContain(oad.remoteId);
    expect(zalo.calls('remove').at(-1)?.body).toEqual({ id: oad.remoteId });

    const listed = await listArticleDeliveries(db(), s.a.id);
    expect(listed.find((d) => d.targetId === s.fb.id)?.removal).toMatchObject({ status: 'removed' });
    expect(listed.find((d) => d.targetId === s.oa.id)?.removal).toMatchObject({ status: 'removed' });
    expect(listed.find((d) => d.targetId === s.news.id)?.removal).toMatchObject({ status: 'not_possible' });
    // idempotent: nothing left to do
    expect(await workDueRemovals()).toBe(0);
  });

  it('treats a post that is already gone as removed', async () => {
    const s = await setup();
    graph.posts(s.pageId).splice(0);
    const oad = await deliveryOf(s.a.id, s.oa.id);
    zalo.articles.splice(zalo.articles.findIndex((x) => x.id === oad.remoteId), 1);
    await withdraw(s);
    await workDueRemovals();
    expect(await removalOf((await deliveryOf(s.a.id, s.fb.id)).id)).toMatchObject({ status: 'removed' });
    expect(await removalOf(oad.id)).toMatchObject({ status: 'removed' });
  });

  it('survives a worker dying between the delete and the commit: after the lease the delete is repeated harmlessly', async () => {
    const s = await setup();
    const fbd = await deliveryOf(s.a.id, s.fb.id);
    await db().query('delete from delivery_removals'); // only this article's rows below
    await withdraw(s);
    await db().query(`create or replace function loa_test_die_removal() returns trigger language plpgsql as $$
      begin if new.status = 'removed' then raise exception 'worker died before commit'; end if; return new; end $$`);
    await db().query('create trigger loa_test_die_removal before update on delivery_removals for each row execute function loa_test_die_removal()');
    try {
      await expect(workNextRemoval()).rejects.toThrow(/worker died/);
    } finally {
      await db().query('drop trigger loa_test_die_removal on delivery_removals');
    }
    const first = (await db().query('select d.target_id as "targetId", r.status from delivery_removals r join deliveries d on d.id = r.delivery_id where r.status = $1', ['sending'])).rows;
    expect(first).toHaveLength(1);
    expect(await workDueRemovals()).toBe(1); // the other one; the stuck one's lease still runs
    advanceClock(61_000);
    await workDueRemovals();
    expect(await removalOf(fbd.id)).toMatchObject({ status: 'removed' });
    expect(await removalOf((await deliveryOf(s.a.id, s.oa.id)).id)).toMatchObject({ status: 'removed' });
    expect(graph.posts(s.pageId)).toHaveLength(0);
  });

  it('retries with back-off after a 5xx, goes dead after the last attempt, and can be retried or confirmed as removed by hand', async () => {
    const s = await setup();
    const fbd = await deliveryOf(s.a.id, s.fb.id);
    graph.fail('delete', 'unavailable', 4);
    await withdraw(s);
    await workDueRemovals();
    expect(await removalOf(fbd.id)).toMatchObject({ status: 'pending', attempts: 1, code: 'facebook.unavailable' });
    for (let i = 0; i < 3; i++) {
      advanceClock(3_600_000);
      await workDueRemovals();
    }
    expect(await removalOf(fbd.id)).toMatchObject({ status: 'dead', attempts: 4 });
    await retryRemoval(systemActor, fbd.id);
    await workDueRemovals();
    expect(await removalOf(fbd.id)).toMatchObject({ status: 'removed' });
    await expect(confirmRemovedByHand({ userId: s.editor.id }, fbd.id)).rejects.toMatchObject({ code: 'removal.not_manual' });
  });

  it('an expired Facebook token leaves a task for the editor, who confirms the removal by hand (audited)', async () => {
    const s = await setup();
    const fbd = await deliveryOf(s.a.id, s.fb.id);
    graph.fail('delete', 'expired');
    await withdraw(s);
    await workDueRemovals();
    expect(await removalOf(fbd.id)).toMatchObject({ status: 'failed', code: 'facebook.token_expired' });
    const listed = (await listArticleDeliveries(db(), s.a.id)).find((d) => d.id === fbd.id);
    expect(listed?.removal?.error).toContain('Mã truy cập Trang Facebook');
    expect(listed?.remoteUrl).toContain('facebook.com');
    await confirmRemovedByHand({ userId: s.editor.id }, fbd.id);
    expect(await removalOf(fbd.id)).toMatchObject({ status: 'manual_done', doneBy: s.editor.id });
    const audit = await db().query(`select 1 from audit_log where action = 'delivery.removal_manual' and entity_id = $1`, [String(fbd.id)]);
    expect(audit.rowCount).toBe(1);
  });

  it('a new token sends a removal that failed for want of one again', async () => {
    const s = await setup();
    const fbd = await deliveryOf(s.a.id, s.fb.id);
    graph.fail('delete', 'expired');
    await withdraw(s);
    await workDueRemovals();
    expect(await removalOf(fbd.id)).toMatchObject({ status: 'failed' });
    const fresh = `${s.token}-new`;
    graph.setToken(s.pageId, fresh);
    await updateTarget(systemActor, s.fb.id, { token: fresh });
    await workDueRemovals();
    expect(await removalOf(fbd.id)).toMatchObject({ status: 'removed' });
  });

  it('a worker that died mid-post before the withdrawal: the post is found by its marker and taken down, never reposted', async () => {
    const n = await newsroom();
    const pageId = String(++pageSeq);
    const token = `EAAG-page-token-${pageId}-died`;
    graph.addPage(pageId, token);
    const fb = await facebookTarget(n.t.school.id, pageId, token);
    const a = await publishArticle(n.t.school.id, n);
    await db().query(`create or replace function loa_test_die_post() returns trigger language plpgsql as $$
      begin if new.status = 'sent' then raise exception 'worker died before commit'; end if; return new; end $$`);
    await db().query('create trigger loa_test_die_post before update on deliveries for each row execute function loa_test_die_post()');
    try {
      await expect(workDueDeliveries()).rejects.toThrow(/worker died/);
    } finally {
      await db().query('drop trigger loa_test_die_post on deliveries');
    }
    expect(graph.posts(pageId)).toHaveLength(1);
    await moveArticle({ userId: n.editor.id }, a.id, { action: 'withdraw', reason: 'Gỡ vì đăng nhầm đơn vị.' });
    const d0 = await deliveryOf(a.id, fb.id);
    expect(d0.status).toBe('sending');
    expect(await removalOf(d0.id)).toBeUndefined(); // nothing known to remove yet
    advanceClock(61_000);
    await workDueDeliveries();
    const d = await deliveryOf(a.id, fb.id);
    expect(d).toMatchObject({ status: 'sent', remoteId: expect.any(String) });
    expect(d.state.isRecovered).toBe(true);
    expect(graph.calls('feed', pageId)).toHaveLength(1); // never posted again
    await workDueRemovals();
    expect(await removalOf(d.id)).toMatchObject({ status: 'removed' });
    expect(graph.posts(pageId)).toHaveLength(0);
  });

  it('a withdrawn article whose interrupted post never happened simply fails as withdrawn', async () => {
    const n = await newsroom();
    const pageId = String(++pageSeq);
    const token = `EAAG-page-token-${pageId}-none`;
    graph.addPage(pageId, token);
    const fb = await facebookTarget(n.t.school.id, pageId, token);
    const a = await publishArticle(n.t.school.id, n);
    await db().query(`update deliveries set status = 'sending', attempts = 1, lease_until = $2, next_attempt_at = $2 where article_id = $1`, [a.id, new Date(Date.now() - 1000)]);
    await moveArticle({ userId: n.editor.id }, a.id, { action: 'withdraw', reason: 'Gỡ để bổ sung thông tin.' });
    await workDueDeliveries();
    expect(await deliveryOf(a.id, fb.id)).toMatchObject({ status: 'failed', lastErrorCode: 'delivery.article_withdrawn' });
    expect(graph.calls('feed', pageId)).toHaveLength(0);
  });

  it('a post made while the article was being withdrawn is taken down too', async () => {
    const n = await newsroom();
    const pageId = String(++pageSeq);
    const token = `EAAG-page-token-${pageId}-late`;
    graph.addPage(pageId, token);
    const fb = await facebookTarget(n.t.school.id, pageId, token);
    const a = await publishArticle(n.t.school.id, n);
    // the editor withdraws the article while the worker is talking to Facebook
    const realFetch = globalThis.fetch;
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      if (String(input).endsWith(`/${pageId}/feed`)) {
        spy.mockRestore();
        await moveArticle({ userId: n.editor.id }, a.id, { action: 'withdraw', reason: 'Gỡ để sửa ảnh minh họa.' });
      }
      return realFetch(input, init);
    });
    try {
      await workDueDeliveries();
    } finally {
      spy.mockRestore();
    }
    const d = await deliveryOf(a.id, fb.id);
    expect(d.status).toBe('sent');
    expect(await removalOf(d.id)).toMatchObject({ status: 'pending' });
    await workDueRemovals();
    expect(graph.posts(pageId)).toHaveLength(0);
  });
});
