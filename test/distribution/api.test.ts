import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import '../../src/jobs';
import { warnExpiringTokens } from '../../src/modules/distribution/targets.service';
import { decryptSecret, encryptSecret, signToken, verifyToken } from '../../src/modules/distribution/secrets';
import { createArticle } from '../../src/modules/newsroom';
import { advanceClock, now, resetClock } from '../../src/platform/clock';
import { loadConfig, setConfig } from '../../src/platform/config';
import { db } from '../../src/platform/db';
import { startJobs, stopJobs } from '../../src/platform/jobs';
import { useTestDatabase } from '../support/db';
import { makePerson } from '../support/factories';
import { makeClient } from '../support/http';
import { configure, newsroom, publishArticle } from './helpers';

/** The distribution API: targets (tokens encrypted, expiry warnings), deliveries, retry, the share kit. */
const state = useTestDatabase();
beforeAll(async () => {
  configure(state.url);
  await startJobs({ connectionString: state.url, isWorker: false });
});
afterAll(async () => {
  await stopJobs();
});
afterEach(() => resetClock());

async function people() {
  const n = await newsroom();
  const focal = await makePerson({ unitId: n.t.school.id, roles: ['focal_point'] });
  const admin = await makePerson({ unitId: n.t.school.id, roles: ['administrator'], name: 'Quản trị trường' });
  const focalClient = makeClient();
  await focalClient.login(focal.email);
  const editorClient = makeClient();
  const editorLogin = await db().query('select email from users where id = $1', [n.editor.id]);
  await editorClient.login(editorLogin.rows[0].email);
  return { ...n, focal, admin, focalClient, editorClient };
}
const mailJobsTo = async (email: string) =>
  (await db().query(`select data from pgboss.job where name = 'mail.send' and data->>'to' = $1`, [email])).rows.map((r) => r.data);

describe('channel targets', () => {
  it('stores tokens encrypted, never returns them, and shows the days left', async () => {
    const p = await people();
    const missing = await p.focalClient.post('/api/channel-targets', { unitId: p.t.school.id, kind: 'facebook_page', name: 'Trang trường', externalId: '555' });
    expect(missing.status).toBe(400);
    expect(missing.json.error).toEqual({ code: 'channel.token_required', message: 'Cần nhập mã truy cập (access token) của kênh.' });
    const token = 'EAAGsecret-page-token-wxyz';
    const r = await p.focalClient.post('/api/channel-targets', {
      unitId: p.t.school.id,
      kind: 'facebook_page',
      name: 'Trang trường',
      externalId: '555',
      token,
      tokenExpiresAt: new Date(now().getTime() + 5 * 86_400_000 - 60_000).toISOString(),
    });
    expect(r.status).toBe(201);
    expect(r.text).not.toContain(token);
    expect(r.json).toMatchObject({ hasToken: true, tokenHint: '…wxyz', tokenDaysLeft: 5, isTokenExpiring: true, settings: { postAs: 'link' } });
    const row = (await db().query('select token_encrypted from channel_targets where id = $1', [r.json.id])).rows[0];
    expect(row.token_encrypted).toMatch(/^v1:/);
    expect(row.token_encrypted).not.toContain(token);
    expect(decryptSecret(row.token_encrypted)).toBe(token);
    const audit = await db().query(`select after::text from audit_log where entity = 'channel_target' and entity_id = $1`, [String(r.json.id)]);
    expect(audit.rows[0].after).not.toContain(token);

    const list = await p.focalClient.get(`/api/channel-targets?unitId=${p.t.school.id}`);
    expect(list.json.items).toHaveLength(1);
    expect(list.text).not.toContain(token);
    expect((await p.editorClient.get(`/api/channel-targets?unitId=${p.t.school.id}`)).status).toBe(403);

    const nl = await p.focalClient.post('/api/channel-targets', { unitId: p.t.school.id, kind: 'newsletter', name: 'Bản tin' });
    expect(nl.json).toMatchObject({ subscribers: { confirmed: 0, pending: 0 } });
    expect((await p.focalClient.post('/api/channel-targets', { unitId: p.t.school.id, kind: 'newsletter', name: 'Bản tin 2' })).json.error.code).toBe('channel.newsletter_exists');
    const off = await p.focalClient.post(`/api/channel-targets/${nl.json.id}/disable`, {});
    expect(off.json.isActive).toBe(false);
    expect((await p.focalClient.get(`/api/channel-targets?unitId=${p.t.school.id}`)).json.items).toHaveLength(1);
    expect((await p.focalClient.get(`/api/channel-targets?unitId=${p.t.school.id}&inactive=1`)).json.items).toHaveLength(2);

    const zalo = await p.focalClient.post('/api/channel-targets', {
      unitId: p.t.school.id, kind: 'zalo_oa', name: 'Zalo OA', externalId: '4318', token: 'zalo-token-12345678', settings: { monthlyQuota: 4 },
    });
    expect(zalo.json).toMatchObject({ quota: { monthlyQuota: 4, usedThisMonth: 0, exhaustedUntil: null }, settings: { isBroadcasting: true, monthlyQuota: 4 } });
  });

  it('warns focal points and administrators once per expiry, 7 days ahead, and again for a new expiry', async () => {
    const p = await people();
    const r = await p.focalClient.post('/api/channel-targets', {
      unitId: p.t.school.id, kind: 'facebook_page', name: 'Trang sắp hết hạn', externalId: '777', token: 'EAAG-token-expiring-1234',
      tokenExpiresAt: new Date(now().getTime() + 10 * 86_400_000).toISOString(),
    });
    await warnExpiringTokens();
    expect(await mailJobsTo(p.focal.email)).toHaveLength(0); // 10 days: not yet
    advanceClock(3 * 86_400_000 + 60_000);
    await warnExpiringTokens();
    const mails = await mailJobsTo(p.focal.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Mã truy cập Trang Facebook "Trang sắp hết hạn" sắp hết hạn (còn 7 ngày)');
    expect(mails[0].text).toContain('https://loa.thu.vn/admin/kenh-phat-hanh');
    expect(await mailJobsTo(p.admin.email)).toHaveLength(1);
    const editorEmail = (await db().query('select email from users where id = $1', [p.editor.id])).rows[0].email;
    expect(await mailJobsTo(editorEmail)).toHaveLength(0);
    advanceClock(86_400_000);
    await warnExpiringTokens();
    expect(await mailJobsTo(p.focal.email)).toHaveLength(1); // once per expiry

    await p.focalClient.login(p.focal.email); // the clock moved past the idle session
    const renewed = await p.focalClient.patch(`/api/channel-targets/${r.json.id}`, { token: 'EAAG-renewed-token-5678', tokenExpiresAt: new Date(now().getTime() + 2 * 86_400_000).toISOString() });
    expect(renewed.json).toMatchObject({ tokenDaysLeft: 2, tokenHint: '…5678' });
    await warnExpiringTokens();
    expect(await mailJobsTo(p.focal.email)).toHaveLength(2);
  });
});

describe('deliveries and the share kit', () => {
  it('lists deliveries of an article with the share kit, records proof links, and retries a dead delivery', async () => {
    const p = await people();
    const fb = await p.focalClient.post('/api/channel-targets', { unitId: p.t.school.id, kind: 'facebook_page', name: 'Trang', externalId: '888', token: 'EAAG-token-88888888' });
    const group = await p.focalClient.post('/api/channel-targets', { unitId: p.t.school.id, kind: 'facebook_group', name: 'Nhóm phụ huynh khối 6', url: 'https://www.facebook.com/groups/phuhuynhkhoi6' });
    expect(group.status).toBe(201);
    const zg = await p.focalClient.post('/api/channel-targets', { unitId: p.t.school.id, kind: 'zalo_group', name: 'Nhóm Zalo lớp 6A' });
    expect(zg.json.error.code).toBe('channel.url_required');

    const draft = await createArticle({ userId: p.writer.id }, { unitId: p.t.school.id, title: 'Bản nháp' });
    const early = await p.editorClient.post(`/api/articles/${draft.id}/share-proofs`, { targetId: group.json.id, url: 'https://www.facebook.com/groups/phuhuynhkhoi6/posts/1' });
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe('share.not_published');

    const a = await publishArticle(p.t.school.id, p, { title: 'Học sinh đạt giải Olympic Tin học' });
    const view = await p.editorClient.get(`/api/articles/${a.id}/deliveries`);
    expect(view.status).toBe(200);
    expect(view.json.items).toHaveLength(1);
    expect(view.json.items[0]).toMatchObject({ targetKind: 'facebook_page', status: 'pending' });
    expect(view.json.can).toEqual({ retry: false, recordProof: true, confirmRemoval: true });
    expect(view.json.isWithdrawn).toBe(false);
    expect(view.json.shareKit).toMatchObject({ isPublished: true, link: `https://loa.thu.vn/tin-tuc/${a.slug}` });
    expect(view.json.shareKit.text).toContain('Học sinh đạt giải Olympic Tin học');
    expect(view.json.shareKit.targets[0]).toMatchObject({ id: group.json.id, name: 'Nhóm phụ huynh khối 6', proofs: [] });
    expect(view.json.shareKit.targets[0].shareUrl).toContain(encodeURIComponent(`https://loa.thu.vn/tin-tuc/${a.slug}`));

    expect((await p.editorClient.post(`/api/articles/${a.id}/share-proofs`, { targetId: group.json.id, url: 'javascript:alert(1)' })).status).toBe(400);
    expect((await p.editorClient.post(`/api/articles/${a.id}/share-proofs`, { targetId: fb.json.id, url: 'https://www.facebook.com/x' })).json.error.code).toBe('share.bad_target');
    const proof = await p.editorClient.post(`/api/articles/${a.id}/share-proofs`, { targetId: group.json.id, url: 'https://www.facebook.com/groups/phuhuynhkhoi6/posts/123', note: 'Đăng lúc họp phụ huynh' });
    expect(proof.status).toBe(201);
    const kit = (await p.editorClient.get(`/api/articles/${a.id}/deliveries`)).json.shareKit;
    expect(kit.targets[0].proofs).toEqual([
      expect.objectContaining({ url: 'https://www.facebook.com/groups/phuhuynhkhoi6/posts/123', note: 'Đăng lúc họp phụ huynh', recordedByName: 'Nguyễn Văn Thử' }),
    ]);

    const id = view.json.items[0].id;
    expect((await p.focalClient.post(`/api/deliveries/${id}/retry`, {})).json.error.code).toBe('delivery.not_retryable');
    await db().query(`update deliveries set status = 'dead', attempts = 6, next_attempt_at = null, last_error = 'Facebook chưa trả lời được' where id = $1`, [id]);
    const deadList = await p.editorClient.get(`/api/deliveries?unitId=${p.t.school.id}&status=dead`);
    expect(deadList.json.items).toEqual([expect.objectContaining({ id, articleTitle: 'Học sinh đạt giải Olympic Tin học', status: 'dead' })]);
    expect((await p.editorClient.post(`/api/deliveries/${id}/retry`, {})).status).toBe(403);
    const retried = await p.focalClient.post(`/api/deliveries/${id}/retry`, {});
    expect(retried.json).toMatchObject({ status: 'pending', attempts: 0 });
    const job = await db().query(`select 1 from pgboss.job where name = 'distribution.work-deliveries'`);
    expect(job.rowCount).toBeGreaterThan(0);
  });
});

describe('secret key', () => {
  it('is generated into the data folder with mode 0600 when LOA_SECRET_KEY is unset, and reused', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loa-secret-'));
    try {
      setConfig(loadConfig({ DATABASE_URL: state.url, LOA_DATA_DIR: dir, LOA_LOG_LEVEL: 'warn' } as NodeJS.ProcessEnv));
      const sealed = encryptSecret('token-sau-khoa-tu-sinh');
      const file = path.join(dir, 'secret.key');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.readFileSync(file, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
      expect(decryptSecret(sealed)).toBe('token-sau-khoa-tu-sinh');
      const signed = signToken('u-42');
      expect(verifyToken(signed)).toBe('u-42');
      expect(verifyToken(signed.replace('u-42', 'u-43'))).toBeNull();
      // another key cannot read it
      configure(state.url, { LOA_SECRET_KEY: 'b2'.repeat(32) });
      expect(() => decryptSecret(sealed)).toThrow();
      expect(verifyToken(signed)).toBeNull();
    } finally {
      configure(state.url);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('zalo refresh settings and removal routes', () => {
  it('takes the refresh token and app secret write-only, and never returns or audits them', async () => {
    const p = await people();
    const r = await p.focalClient.post('/api/channel-targets', {
      unitId: p.t.school.id,
      kind: 'zalo_oa',
      name: 'Zalo OA của trường',
      externalId: '4455667788',
      token: 'zalo-access-token-api-0001',
      refreshToken: 'zalo-refresh-token-api-secret-0001',
      appSecret: 'zalo-app-secret-api-0001',
      settings: { appId: '4291763606161179100' },
    });
    expect(r.status).toBe(201);
    expect(r.text).not.toContain('zalo-refresh-token-api-secret-0001');
    expect(r.text).not.toContain('zalo-app-secret-api-0001');
    expect(r.json.refresh).toMatchObject({ hasRefreshToken: true, hasAppSecret: true, isAutomatic: true });
    expect(r.json.settings.appId).toBe('4291763606161179100');
    const audit = await db().query(`select after from audit_log where action = 'channel.create' and entity_id = $1`, [String(r.json.id)]);
    expect(JSON.stringify(audit.rows)).not.toContain('zalo-refresh-token-api-secret-0001');
  });

  it('shows the removal state after a withdrawal; the editor confirms a removal done by hand', async () => {
    const p = await people();
    const target = await p.focalClient.post('/api/channel-targets', { unitId: p.t.school.id, kind: 'facebook_page', name: 'Trang trường', externalId: '777', token: 'EAAG-page-token-api-777' });
    const a = await publishArticle(p.t.school.id, p, { title: 'Khai giảng năm học mới' });
    // as if Facebook had taken the post (the Graph API is not running in this file)
    await db().query(`update deliveries set status = 'sent', remote_id = '777_1', remote_url = 'https://www.facebook.com/777_1', next_attempt_at = null where article_id = $1`, [a.id]);
    const w = await p.editorClient.post(`/api/articles/${a.id}/withdraw`, { reason: 'Sai ngày khai giảng, cần gỡ để sửa.' });
    expect(w.status).toBe(200);
    const view = await p.editorClient.get(`/api/articles/${a.id}/deliveries`);
    expect(view.json.isWithdrawn).toBe(true);
    expect(view.json.items[0].removal).toMatchObject({ status: 'pending' });
    const d = view.json.items[0].id;
    const early = await p.editorClient.post(`/api/deliveries/${d}/removal/done`, {});
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe('removal.not_manual');
    await db().query(`update delivery_removals set status = 'failed', last_error = 'Mã truy cập Trang Facebook đã hết hạn', last_error_code = 'facebook.token_expired' where delivery_id = $1`, [d]);
    const stuck = await p.editorClient.get(`/api/deliveries?unitId=${p.t.school.id}&removal=stuck`);
    expect(stuck.json.items.map((x: { id: number }) => x.id)).toEqual([d]);
    expect(stuck.json.items[0].removal).toMatchObject({ status: 'failed', error: 'Mã truy cập Trang Facebook đã hết hạn' });
    const retry = await p.editorClient.post(`/api/deliveries/${d}/removal/retry`, {});
    expect(retry.status).toBe(403); // channels.write: not an editor's
    const done = await p.editorClient.post(`/api/deliveries/${d}/removal/done`, {});
    expect(done.status).toBe(200);
    expect(done.json.removal).toMatchObject({ status: 'manual_done' });
    expect(target.status).toBe(201);
    const again = await p.focalClient.post(`/api/deliveries/${d}/removal/retry`, {});
    expect(again.status).toBe(409);
  });
});
