import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import '../../src/jobs';
import { systemActor } from '../../src/modules/audit';
import { workDueDeliveries } from '../../src/modules/distribution/deliveries.service';
import { workDueRemovals } from '../../src/modules/distribution/removals.service';
import { moveArticle } from '../../src/modules/newsroom';
import { refreshDueTokens, refreshZaloToken } from '../../src/modules/distribution/refresh.service';
import { decryptSecret } from '../../src/modules/distribution/secrets';
import { getTarget, updateTarget, warnExpiringTokens } from '../../src/modules/distribution/targets.service';
import { sendZaloOaMessageForUnit } from '../../src/modules/distribution';
import { now, resetClock } from '../../src/platform/clock';
import { db } from '../../src/platform/db';
import { startJobs, stopJobs } from '../../src/platform/jobs';
import { useTestDatabase } from '../support/db';
import { type ZaloServer, startZaloServer } from '../support/zalo-server';
import { configure, deliveryOf, newsroom, publishArticle, zaloTarget } from './helpers';

/**
 * Zalo OA access tokens (about 25 hours) refreshed with the OAuth v4 refresh-token
 * grant against a loopback OAuth server: ahead of expiry by the job, and on an auth
 * error followed by one retry; the single-use refresh token is exchanged under a row
 * lock; a refused refresh token becomes the usual "token expired" warning.
 */
const state = useTestDatabase();
const APP_ID = '4291763606161179100';
const SECRET = 'zalo-app-secret-key-abcdef';
let zalo: ZaloServer;
beforeAll(async () => {
  zalo = await startZaloServer({ token: 'zalo-access-0', monthlyQuota: 100, appId: APP_ID, secretKey: SECRET, refreshToken: 'zalo-refresh-0' });
  configure(state.url, { LOA_ZALO_API_URL: zalo.url, LOA_ZALO_OAUTH_URL: zalo.url });
  await startJobs({ connectionString: state.url, isWorker: false });
});
afterAll(async () => {
  await stopJobs();
  await zalo.close();
});
afterEach(() => resetClock());

const HOUR = 3_600_000;
let oaSeq = 1000;
/** A fresh OA whose current tokens are the fixture's. */
async function setup(opts: { expiresInMs?: number; isBroadcasting?: boolean } = {}) {
  const n = await newsroom();
  const target = await zaloTarget(n.t.school.id, String(++oaSeq), zalo.state.token, {
    tokenExpiresAt: new Date(now().getTime() + (opts.expiresInMs ?? 20 * HOUR)).toISOString(),
    refreshToken: zalo.oauth.refreshToken,
    appSecret: SECRET,
    settings: { appId: APP_ID, isBroadcasting: opts.isBroadcasting ?? false },
  });
  return { ...n, target };
}
const stored = async (id: number) =>
  (await db().query('select token_encrypted as token, refresh_token_encrypted as refresh, app_secret_encrypted as secret, token_expires_at as "expiresAt" from channel_targets where id = $1', [id])).rows[0];

describe('zalo oa token refresh', () => {
  it('on an auth error refreshes the token (stored encrypted, both tokens), then retries once and delivers', async () => {
    const s = await setup();
    zalo.expireToken();
    const calls = zalo.calls('refresh').length;
    const a = await publishArticle(s.t.school.id, s);
    await workDueDeliveries();
    expect(await deliveryOf(a.id, s.target.id)).toMatchObject({ status: 'sent' });
    expect(zalo.calls('refresh')).toHaveLength(calls + 1);
    const call = zalo.calls('refresh').at(-1);
    expect(call?.headers.secret_key).toBe(SECRET);
    expect(call?.body).toMatchObject({ app_id: APP_ID, grant_type: 'refresh_token' });
    const row = await stored(s.target.id);
    expect(row.token.startsWith('v1:')).toBe(true);
    expect(row.refresh.startsWith('v1:')).toBe(true);
    expect(row.secret.startsWith('v1:')).toBe(true);
    expect(decryptSecret(row.token)).toBe(zalo.state.token);
    expect(decryptSecret(row.refresh)).toBe(zalo.oauth.refreshToken);
    expect(new Date(row.expiresAt).getTime() - now().getTime()).toBeGreaterThan(24 * HOUR);
    const t = await getTarget(db(), s.target.id);
    expect(t.refresh).toMatchObject({ hasRefreshToken: true, hasAppSecret: true, isAutomatic: true, failedAt: null });
    expect(t.tokenHint).toBe(`…${zalo.state.token.slice(-4)}`);
    expect(JSON.stringify(t)).not.toContain(zalo.oauth.refreshToken);
    const audit = await db().query(`select after from audit_log where action = 'channel.token_refresh' and entity_id = $1`, [String(s.target.id)]);
    expect(audit.rowCount).toBe(1);
    expect(JSON.stringify(audit.rows[0].after)).not.toContain(zalo.state.token);
  });

  it('the job refreshes tokens expiring within 3 hours and leaves the others', async () => {
    const soon = await setup({ expiresInMs: 2 * HOUR });
    const before = zalo.calls('refresh').length;
    expect(await refreshDueTokens()).toBe(1);
    expect(zalo.calls('refresh')).toHaveLength(before + 1);
    expect(decryptSecret((await stored(soon.target.id)).token)).toBe(zalo.state.token);
    // the fresh token lives 25 hours: nothing more to do
    expect(await refreshDueTokens()).toBe(0);
    expect(zalo.calls('refresh')).toHaveLength(before + 1);
  });

  it('never uses a refresh token twice: two workers seeing the same auth error refresh once', async () => {
    const s = await setup();
    const used = zalo.state.token;
    zalo.expireToken();
    const before = zalo.calls('refresh').length;
    const [x, y] = await Promise.all([refreshZaloToken(s.target.id, { usedToken: used }), refreshZaloToken(s.target.id, { usedToken: used })]);
    expect(zalo.calls('refresh')).toHaveLength(before + 1);
    expect([x.kind, y.kind].sort()).toEqual(['current', 'refreshed']);
    expect((x as { token: string }).token).toBe(zalo.state.token);
    expect((y as { token: string }).token).toBe(zalo.state.token);
  });

  it('a used or invalid refresh token becomes the usual "token expired" warning, without a retry loop', async () => {
    const s = await setup();
    zalo.oauth.refreshToken = 'zalo-refresh-given-to-someone-else';
    zalo.expireToken();
    const a = await publishArticle(s.t.school.id, s);
    await workDueDeliveries();
    expect(await deliveryOf(a.id, s.target.id)).toMatchObject({ status: 'failed', lastErrorCode: 'zalo.token_invalid', nextAttemptAt: null });
    const t = await getTarget(db(), s.target.id);
    expect(t.attention).toBe('token_expired');
    expect(t.refresh).toMatchObject({ isAutomatic: false });
    expect(t.refresh?.error).toContain('Invalid refresh token');
    // the e-mail warning went out at once (like any token about to lapse), once
    const warned = await db().query('select expiry_warned_for from channel_targets where id = $1', [s.target.id]);
    expect(warned.rows[0].expiry_warned_for).not.toBeNull();
    expect(await warnExpiringTokens(200, s.target.id)).toBe(0);
    // no loop: neither the job nor another delivery asks Zalo again
    const calls = zalo.calls('refresh').length;
    await refreshDueTokens();
    await workDueDeliveries();
    expect(zalo.calls('refresh')).toHaveLength(calls);
    const audit = await db().query(`select 1 from audit_log where action = 'channel.token_refresh_failed' and entity_id = $1`, [String(s.target.id)]);
    expect(audit.rowCount).toBe(1);

    // a person saves new tokens: automatic refresh is back, the delivery goes out
    zalo.oauth.refreshToken = 'zalo-refresh-regranted';
    zalo.state.token = 'zalo-access-regranted-0001';
    await updateTarget(systemActor, s.target.id, { token: zalo.state.token, refreshToken: zalo.oauth.refreshToken });
    expect((await getTarget(db(), s.target.id)).refresh).toMatchObject({ isAutomatic: true, failedAt: null });
    await workDueDeliveries();
    expect((await deliveryOf(a.id, s.target.id)).status).toBe('sent');
  });

  it('an unreachable OAuth server changes nothing and the job tries again later', async () => {
    const s = await setup({ expiresInMs: HOUR });
    const before = await stored(s.target.id);
    zalo.fail('refresh', 'unavailable');
    expect(await refreshDueTokens()).toBe(0);
    expect((await stored(s.target.id)).token).toBe(before.token);
    expect((await getTarget(db(), s.target.id)).attention).toBeNull();
    expect(await refreshDueTokens()).toBe(1);
  });

  it('tokens Loa refreshes itself are not reported as expiring', async () => {
    const s = await setup({ expiresInMs: 5 * HOUR });
    expect(await warnExpiringTokens(200, s.target.id)).toBe(0);
  });

  it('removing a withdrawn article from the OA refreshes an expired token first', async () => {
    const s = await setup();
    const a = await publishArticle(s.t.school.id, s);
    await workDueDeliveries();
    const d = await deliveryOf(a.id, s.target.id);
    expect(d.status).toBe('sent');
    zalo.expireToken();
    await moveArticle({ userId: s.editor.id }, a.id, { action: 'withdraw', reason: 'Gỡ theo đề nghị của phụ huynh.' });
    await workDueRemovals();
    expect(zalo.removed).toContain(d.remoteId);
    const r = await db().query('select status from delivery_removals where delivery_id = $1', [d.id]);
    expect(r.rows[0].status).toBe('removed');
  });

  it('internal notices through the OA also refresh an expired token and retry once', async () => {
    const s = await setup();
    zalo.expireToken();
    const r = await sendZaloOaMessageForUnit(db(), s.t.school.id, 'zalo-user-1', 'Nhắc lịch họp hội đồng sư phạm lúc 14 giờ.');
    expect(r.kind).toBe('sent');
    expect(decryptSecret((await stored(s.target.id)).token)).toBe(zalo.state.token);
  });
});
