import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import '../../src/jobs';
import { createApp } from '../../src/http/app';
import { systemActor } from '../../src/modules/audit';
import { workDueDeliveries } from '../../src/modules/distribution/deliveries.service';
import { createTarget, getTarget } from '../../src/modules/distribution/targets.service';
import { advanceClock, resetClock } from '../../src/platform/clock';
import { db } from '../../src/platform/db';
import { startJobs, stopJobs } from '../../src/platform/jobs';
import { resetMailTransport } from '../../src/platform/mail';
import { useTestDatabase } from '../support/db';
import { configure, deliveryOf, newsroom, publishArticle } from './helpers';

/**
 * The newsletter over a real SMTP conversation on loopback: double opt-in from
 * the public form, one e-mail per confirmed subscriber for each published
 * article, and an unsubscribe link that works without signing in.
 */
const state = useTestDatabase();
type Mail = { to: string; subject: string; text: string };
const inbox: Mail[] = [];
let smtp: SMTPServer;

/** The readable text of a (single-part) message: headers unfolded, body decoded from base64 or quoted-printable. */
function decode(raw: string): { subject: string; text: string } {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = head.replace(/\r?\n[ \t]+/g, ' ');
  const body = rest.join('\n\n');
  const enc = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
  let text = body;
  if (enc === 'base64') text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') {
    const bytes: number[] = [];
    const s = body.replace(/=\r?\n/g, '');
    for (let i = 0; i < s.length; i++) {
      if (s[i] === '=' && /^[0-9A-F]{2}$/i.test(s.slice(i + 1, i + 3))) {
        bytes.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
        i += 2;
      } else bytes.push(...Buffer.from(s[i], 'utf8'));
    }
    text = Buffer.from(bytes).toString('utf8');
  }
  const subjectRaw = /^subject:\s*(.*)$/im.exec(headers)?.[1] ?? '';
  const subject = subjectRaw.replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, kind: string, data: string) =>
    kind.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))), 'latin1').toString('utf8'),
  );
  return { subject, text };
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, cb) {
      let raw = '';
      stream.on('data', (d) => (raw += d.toString()));
      stream.on('end', () => {
        for (const r of session.envelope.rcptTo) inbox.push({ to: r.address, ...decode(raw) });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  configure(state.url, { LOA_SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}` });
  resetMailTransport();
  await startJobs({ connectionString: state.url, isWorker: true, pollSeconds: 0.5 });
});
afterAll(async () => {
  await stopJobs();
  await new Promise<void>((r) => smtp.close(() => r()));
});
afterEach(() => resetClock());

async function waitFor<T>(find: () => T | undefined, ms = 15_000): Promise<T> {
  for (let i = 0; i < ms / 100; i++) {
    const hit = find();
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out waiting');
}
const app = () => createApp();
const form = (path: string, fields: Record<string, string>, origin = 'http://localhost') =>
  app().request(path, { method: 'POST', headers: { origin, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
const linkIn = (text: string, path: string) => new RegExp(`https://loa\\.thu\\.vn(${path}\\?token=[A-Za-z0-9._-]+)`).exec(text)?.[1] as string;
const statusOf = async (email: string) => (await db().query('select status from newsletter_subscribers where email = $1', [email])).rows[0]?.status;

describe('newsletter', () => {
  it('double opt-in, an issue per article to confirmed subscribers only, and unsubscribe without signing in', async () => {
    const n = await newsroom();
    const code = (await db().query('select code from units where id = $1', [n.t.school.id])).rows[0].code as string;
    expect((await app().request(`/ban-tin/${code}`)).status).toBe(404); // no newsletter yet
    const target = await createTarget(systemActor, { unitId: n.t.school.id, kind: 'newsletter', name: 'Bản tin nhà trường' });

    const page = await app().request(`/ban-tin/${code}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`action="/ban-tin/${code}"`);

    const ok = await form(`/ban-tin/${code}`, { email: 'phu.huynh.an@thu.vn' });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Kiểm tra hộp thư');
    await form(`/ban-tin/${code}`, { email: 'chua.xac.nhan@thu.vn' });
    expect(await statusOf('phu.huynh.an@thu.vn')).toBe('pending');

    const confirmMail = await waitFor(() => inbox.find((m) => m.to === 'phu.huynh.an@thu.vn'));
    expect(confirmMail.subject).toContain('Xác nhận đăng ký bản tin');
    const confirmPath = linkIn(confirmMail.text, '/ban-tin/xac-nhan');
    expect(confirmPath).toBeTruthy();
    // a second request within minutes sends no second confirmation
    await form(`/ban-tin/${code}`, { email: 'PHU.HUYNH.AN@thu.vn' });

    const confirmed = await app().request(confirmPath);
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('Đã xác nhận đăng ký');
    expect(await statusOf('phu.huynh.an@thu.vn')).toBe('confirmed');
    expect((await getTarget(db(), target.id)).subscribers).toEqual({ confirmed: 1, pending: 1 });

    const a = await publishArticle(n.t.school.id, n, { title: 'Lễ khai giảng năm học mới' });
    const issue = await waitFor(() => inbox.find((m) => m.to === 'phu.huynh.an@thu.vn' && m.subject.includes('Lễ khai giảng năm học mới')));
    expect(issue.text).toContain(`https://loa.thu.vn/tin-tuc/${a.slug}`);
    const unsubscribePath = linkIn(issue.text, '/ban-tin/huy-dang-ky');
    expect(unsubscribePath).toBeTruthy();
    const d = await deliveryOf(a.id, target.id);
    expect(d).toMatchObject({ status: 'sent' });
    expect(d.state.recipients).toBe(1);
    expect(inbox.filter((m) => m.to === 'chua.xac.nhan@thu.vn' && m.subject.includes('Lễ khai giảng'))).toHaveLength(0);
    expect(inbox.filter((m) => m.to === 'phu.huynh.an@thu.vn' && m.subject.includes('Xác nhận'))).toHaveLength(1);

    const ask = await app().request(unsubscribePath);
    expect(ask.status).toBe(200);
    const askHtml = await ask.text();
    expect(askHtml).toContain('ph••••••@thu.vn');
    expect(askHtml).toContain('method="post"');
    expect(await statusOf('phu.huynh.an@thu.vn')).toBe('confirmed'); // opening the link alone changes nothing
    const token = new URL(`https://x${unsubscribePath}`).searchParams.get('token') as string;
    const done = await form('/ban-tin/huy-dang-ky', { token });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Đã hủy đăng ký');
    expect(await statusOf('phu.huynh.an@thu.vn')).toBe('unsubscribed');

    const b = await publishArticle(n.t.school.id, n, { title: 'Hội thao học sinh cấp trường' });
    await workDueDeliveries();
    const db2 = await deliveryOf(b.id, target.id);
    expect(db2.status).toBe('sent');
    expect(db2.state.recipients).toBe(0);
    await new Promise((r) => setTimeout(r, 1500));
    expect(inbox.filter((m) => m.subject.includes('Hội thao học sinh'))).toHaveLength(0);
  });

  it('refuses bad, tampered and expired links, a bad address, and a form posted from elsewhere', async () => {
    const n = await newsroom();
    const code = (await db().query('select code from units where id = $1', [n.t.school.id])).rows[0].code as string;
    await createTarget(systemActor, { unitId: n.t.school.id, kind: 'newsletter', name: 'Bản tin' });
    const bad = await form(`/ban-tin/${code}`, { email: 'khong-phai-email' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Địa chỉ thư điện tử không hợp lệ');
    expect((await form(`/ban-tin/${code}`, { email: 'x@thu.vn' }, 'https://ke-xau.example')).status).toBe(403);

    await form(`/ban-tin/${code}`, { email: 'het.han@thu.vn' });
    const mail = await waitFor(() => inbox.find((m) => m.to === 'het.han@thu.vn'));
    const path = linkIn(mail.text, '/ban-tin/xac-nhan');
    const tampered = path.replace(/token=c-(\d+)/, (_, id: string) => `token=c-${Number(id) + 1}`);
    expect((await app().request(tampered)).status).toBe(400);
    expect((await app().request('/ban-tin/xac-nhan?token=rac')).status).toBe(400);
    expect((await app().request('/ban-tin/huy-dang-ky?token=u-1.sai')).status).toBe(400);
    advanceClock(8 * 86_400_000);
    expect((await app().request(path)).status).toBe(400);
    expect(await statusOf('het.han@thu.vn')).toBe('pending');
  });
});
