import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../src/jobs';
import { loadConfig, setConfig } from '../../src/platform/config';
import { db } from '../../src/platform/db';
import { startJobs, stopJobs } from '../../src/platform/jobs';
import { resetMailTransport } from '../../src/platform/mail';
import { advanceClock, resetClock } from '../../src/platform/clock';
import { totpCode } from '../../src/platform/totp';
import { useTestDatabase } from '../support/db';
import { TEST_PASSWORD, makePerson, makeTree } from '../support/factories';
import { makeClient } from '../support/http';

/** Sign-in, sessions, CSRF, rate limit, password reset over a real SMTP conversation, TOTP. */
const state = useTestDatabase();
const inbox: { to: string; body: string }[] = [];
let smtp: SMTPServer;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, cb) {
      let body = '';
      stream.on('data', (d) => (body += d.toString()));
      stream.on('end', () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), body });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  const port = (smtp.server.address() as { port: number }).port;
  setConfig(
    loadConfig({
      DATABASE_URL: state.url,
      LOA_SMTP_URL: `smtp://127.0.0.1:${port}`,
      LOA_PUBLIC_URL: 'https://loa.thu.vn',
      LOA_LOG_LEVEL: 'warn',
    } as NodeJS.ProcessEnv),
  );
  resetMailTransport();
  await startJobs({ connectionString: state.url, isWorker: true, pollSeconds: 0.5 });
});
afterAll(async () => {
  await stopJobs();
  await new Promise<void>((r) => smtp.close(() => r()));
});

describe('sign-in', () => {
  it('signs in with argon2id, sets a secure httpOnly cookie, and refuses a wrong password in Vietnamese', async () => {
    const t = await makeTree();
    const p = await makePerson({ unitId: t.school.id, roles: ['editor'] });
    const hash = (await db().query('select password_hash from users where id = $1', [p.id])).rows[0].password_hash;
    expect(hash).toMatch(/^\$argon2id\$/);
    const c = makeClient();
    const bad = await c.login(p.email, 'sai-mat-khau-1');
    expect(bad.status).toBe(401);
    expect(bad.json.error).toEqual({ code: 'auth.invalid_credentials', message: 'Email hoặc mật khẩu không đúng.' });
    const ok = await c.login(p.email.toUpperCase());
    expect(ok.status).toBe(200);
    const cookie = ok.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const s = await c.get('/api/auth/session');
    expect(s.json.user.email).toBe(p.email);
  });

  it('requires the CSRF token on every state-changing request', async () => {
    const t = await makeTree();
    const p = await makePerson({ unitId: t.dept.id, roles: ['administrator'] });
    const c = makeClient();
    await c.login(p.email);
    const token = c.csrf;
    c.setCsrf('gia-mao');
    const r = await c.post('/api/units', { code: 'CSRF-1', name: 'Trường thử', type: 'school', parentId: t.dept.id });
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe('csrf');
    expect((await db().query(`select 1 from units where code = 'CSRF-1'`)).rowCount).toBe(0);
    c.setCsrf(token);
    const ok = await c.post('/api/units', { code: 'CSRF-1', name: 'Trường thử', type: 'school', parentId: t.dept.id });
    expect(ok.status).toBe(201);
  });

  it('rate-limits repeated failures for an account', async () => {
    const t = await makeTree();
    const p = await makePerson({ unitId: t.school.id, roles: ['viewer'] });
    const c = makeClient();
    for (let i = 0; i < 5; i++) expect((await c.login(p.email, `sai-${i}-abcdef`)).status).toBe(401);
    const blocked = await c.login(p.email);
    expect(blocked.status).toBe(429);
    expect(blocked.json.error.message).toContain('thử lại sau 15 phút');
  });

  it('resets a forgotten password through an e-mailed link', async () => {
    const t = await makeTree();
    const p = await makePerson({ unitId: t.school.id, roles: ['viewer'] });
    const c = makeClient();
    expect((await c.post('/api/auth/password-reset', { email: 'khong.co@thu.loa.vn' })).status).toBe(200);
    expect((await c.post('/api/auth/password-reset', { email: p.email })).status).toBe(200);
    let mail: { to: string; body: string } | undefined;
    for (let i = 0; i < 80 && !mail; i++) {
      await new Promise((r) => setTimeout(r, 100));
      mail = inbox.find((m) => m.to === p.email);
    }
    expect(mail).toBeDefined();
    const token = (mail as { body: string }).body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
      .match(/token=([A-Za-z0-9_-]+)/)?.[1] as string;
    expect(token).toBeTruthy();
    const weak = await c.post('/api/auth/password-reset/confirm', { token, password: 'ngan' });
    expect(weak.status).toBe(422);
    const ok = await c.post('/api/auth/password-reset/confirm', { token, password: 'Mật khẩu mới 2026' });
    expect(ok.status).toBe(200);
    expect((await c.post('/api/auth/password-reset/confirm', { token, password: 'Mật khẩu khác 2026' })).status).toBe(400);
    expect((await makeClient().login(p.email, TEST_PASSWORD)).status).toBe(401);
    expect((await makeClient().login(p.email, 'Mật khẩu mới 2026')).status).toBe(200);
  });

  it('enrols an administrator in TOTP and then asks for the code at sign-in', async () => {
    const t = await makeTree();
    const p = await makePerson({ unitId: t.root.id, roles: ['administrator'] });
    const c = makeClient();
    await c.login(p.email);
    const setup = await c.post('/api/auth/totp/setup');
    expect(setup.json.uri).toMatch(/^otpauth:\/\/totp\//);
    expect((await c.post('/api/auth/totp/enable', { code: '000000' })).status).toBe(422);
    expect((await c.post('/api/auth/totp/enable', { code: totpCode(setup.json.secret, new Date()) })).status).toBe(200);

    const c2 = makeClient();
    const first = await c2.login(p.email);
    expect(first.json.isMfaPending).toBe(true);
    expect((await c2.get('/api/units')).status).toBe(401);
    expect((await c2.post('/api/auth/totp/verify', { code: '123456' })).status).toBe(401);
    expect((await c2.post('/api/auth/totp/verify', { code: totpCode(setup.json.secret, new Date()) })).status).toBe(200);
    expect((await c2.get('/api/units')).status).toBe(200);
  });

  it('expires idle sessions and slides the expiry while in use (controllable clock)', async () => {
    const t = await makeTree();
    const p = await makePerson({ unitId: t.school.id, roles: ['viewer'] });
    const c = makeClient();
    await c.login(p.email);
    try {
      advanceClock(11 * 3600_000);
      expect((await c.get('/api/units')).status).toBe(200);
      advanceClock(11 * 3600_000);
      expect((await c.get('/api/units')).status).toBe(200);
      advanceClock(13 * 3600_000);
      expect((await c.get('/api/units')).status).toBe(401);
    } finally {
      resetClock();
    }
  });

  it('signs out and the session stops working', async () => {
    const t = await makeTree();
    const p = await makePerson({ unitId: t.school.id, roles: ['viewer'] });
    const c = makeClient();
    await c.login(p.email);
    expect((await c.get('/api/units')).status).toBe(200);
    await c.post('/api/auth/logout');
    expect((await c.get('/api/units')).status).toBe(401);
  });
});
