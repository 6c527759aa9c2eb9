import http from 'node:http';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../src/jobs';
import { systemActor } from '../../src/modules/audit';
import { afterQuietHours, createRule, queueDigests, signWebhook, sweepAlerts, verifyWebhookSignature } from '../../src/modules/monitoring/alerts';
import { startAlertListener, stopAlertListener } from '../../src/modules/monitoring/alerts/insights.jobs';
import { loadConfig, setConfig } from '../../src/platform/config';
import { db } from '../../src/platform/db';
import { startJobs, stopJobs } from '../../src/platform/jobs';
import { resetMailTransport } from '../../src/platform/mail';
import { useTestDatabase } from '../support/db';
import { makePerson, makeTree } from '../support/factories';
import { makeClient } from '../support/http';

/**
 * Alert delivery over real conversations on loopback: an SMTP server receiving
 * the e-mails (through the mail job) and a webhook receiver checking the HMAC
 * signature; in-app notices; quiet hours; once per story; the daily digest.
 */
const state = useTestDatabase();
type Mail = { to: string; subject: string; raw: string };
const inbox: Mail[] = [];
const hooks: { headers: http.IncomingHttpHeaders; body: string }[] = [];
let hookStatus = 200;
let smtp: SMTPServer;
let hookServer: http.Server;
let hookUrl = '';

function subjectOf(raw: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const s = /^subject:\s*(.*)$/im.exec(head)?.[1] ?? '';
  return s.replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, kind: string, data: string) =>
    kind.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))), 'latin1').toString('utf8'),
  );
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, cb) {
      let raw = '';
      stream.on('data', (d) => (raw += d.toString()));
      stream.on('end', () => {
        for (const r of session.envelope.rcptTo) inbox.push({ to: r.address, subject: subjectOf(raw), raw });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  hookServer = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      hooks.push({ headers: req.headers, body });
      res.writeHead(hookStatus).end();
    });
  });
  await new Promise<void>((r) => hookServer.listen(0, '127.0.0.1', () => r()));
  hookUrl = `http://127.0.0.1:${(hookServer.address() as { port: number }).port}/loa`;
  process.env.LOA_FETCH_ALLOW = '127.0.0.1';
  setConfig(
    loadConfig({
      DATABASE_URL: state.url, LOA_LOG_LEVEL: 'warn', LOA_DATA_DIR: `/tmp/loa-test-data-${process.pid}`, LOA_PUBLIC_URL: 'https://loa.thu.vn',
      LOA_SECRET_KEY: 'k'.repeat(64), LOA_SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`,
    } as NodeJS.ProcessEnv),
  );
  resetMailTransport();
  await startJobs({ connectionString: state.url, isWorker: true, pollSeconds: 0.5 });
});
afterAll(async () => {
  await stopAlertListener();
  await stopJobs();
  await new Promise<void>((r) => smtp.close(() => r()));
  await new Promise<void>((r) => hookServer.close(() => r()));
});

async function waitFor<T>(find: () => T | undefined | false, ms = 15_000): Promise<T> {
  for (let i = 0; i < ms / 100; i++) {
    const hit = find();
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out');
}

let seq = 0;
async function analysedStory(unitId: number, o: { title: string; tone?: string; categories?: string[]; risk?: number; copies?: number }) {
  const src = (await db().query(`insert into monitor_sources (kind, name, url) values ('feed', 'Báo Thử', $1) returning id`, [`https://bao-thu.vn/${++seq}.rss`])).rows[0].id;
  const st = (await db().query(`insert into monitor_stories (title, first_seen_at, last_seen_at, tone, categories, max_risk) values ($1, now(), now(), $2, $3, $4) returning id`, [o.title, o.tone ?? 'negative', o.categories ?? [], o.risk ?? 0])).rows[0].id;
  const items: number[] = [];
  for (let i = 0; i < (o.copies ?? 1); i++) {
    const n = ++seq;
    const it = await db().query(
      `insert into monitor_items (source_id, guid, link, title, body, content_hash, story_id, tone, categories, risk_score, reasons)
       values ($1, $2, $3, $4, $4, $2, $5, $6, $7, $8, $9) returning id`,
      [src, `g${n}`, `https://bao-thu.vn/tin-${n}.html`, o.title, st, o.tone ?? 'negative', o.categories ?? [], o.risk ?? 0, ['"lạm thu" (quy tắc fees)']],
    );
    await db().query(`insert into monitor_item_units (item_id, unit_id, via) values ($1, $2, 'THCS Thử')`, [it.rows[0].id, unitId]);
    // the pipeline marks an item analysed last, in its own transaction
    await db().query('update monitor_items set analysed_at = now() where id = $1', [it.rows[0].id]);
    items.push(Number(it.rows[0].id));
  }
  return { storyId: Number(st), items };
}

describe('quiet hours and signatures', () => {
  it('holds an alert raised in quiet hours (Vietnam time) until they end', () => {
    const at = new Date('2026-11-19T23:30:00+07:00');
    expect(afterQuietHours(at, '22:00', '06:30').toISOString()).toBe(new Date('2026-11-20T06:30:00+07:00').toISOString());
    expect(afterQuietHours(new Date('2026-11-20T05:00:00+07:00'), '22:00', '06:30').toISOString()).toBe(new Date('2026-11-20T06:30:00+07:00').toISOString());
    expect(afterQuietHours(new Date('2026-11-20T12:00:00+07:00'), '22:00', '06:30').toISOString()).toBe(new Date('2026-11-20T12:00:00+07:00').toISOString());
    expect(afterQuietHours(new Date('2026-11-20T12:00:00+07:00'), '11:00', '13:00').toISOString()).toBe(new Date('2026-11-20T13:00:00+07:00').toISOString());
    expect(afterQuietHours(at, null, null)).toBe(at);
  });
  it('signs webhook bodies with HMAC-SHA256 over timestamp and body', () => {
    const at = new Date('2026-11-20T00:00:00Z');
    const sig = signWebhook('bí-mật', '{"a":1}', at);
    expect(sig).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature('bí-mật', '{"a":1}', sig, 300, at)).toBe(true);
    expect(verifyWebhookSignature('bí-mật', '{"a":2}', sig, 300, at)).toBe(false);
    expect(verifyWebhookSignature('bí-mật', '{"a":1}', sig, 300, new Date(at.getTime() + 3600_000))).toBe(false);
  });
});

describe('alert delivery', () => {
  it('delivers a matching story once by in-app notice, e-mail (SMTP) and signed webhook; respects risk and quiet hours', async () => {
    const t = await makeTree();
    const leader = await makePerson({ unitId: t.dept.id, roles: ['leader'], email: `lanh.dao.${Date.now()}@so-thu.edu.vn` });
    const rule = await createRule(systemActor, {
      unitId: t.dept.id, name: 'Lạm thu ở trường', categories: ['fees'], minRisk: 0.5, channels: ['inapp', 'email', 'webhook'],
      emails: ['truc.ban@so-thu.edu.vn'], webhookUrl: hookUrl, webhookSecret: 'khoa-bi-mat',
    });
    const quiet = await createRule(systemActor, { unitId: t.dept.id, userId: leader.id, name: 'Ban đêm', channels: ['email'], quietStart: '00:00', quietEnd: '23:59' });
    const s = await analysedStory(t.school.id, { title: 'Phụ huynh bức xúc vì lạm thu đầu năm học ở Trường THCS Thử', categories: ['fees'], risk: 0.8, copies: 2 });
    await analysedStory(t.school.id, { title: 'Trường THCS Thử họp phụ huynh đầu năm', tone: 'neutral', categories: ['fees'], risk: 0.1 });

    await sweepAlerts();
    const mails = await waitFor(() => inbox.filter((m) => m.subject.includes('lạm thu đầu năm')).length >= 2 && inbox.filter((m) => m.subject.includes('lạm thu đầu năm')));
    expect(mails.map((m) => m.to).sort()).toEqual([leader.email, 'truc.ban@so-thu.edu.vn'].sort());
    expect(mails[0].subject).toBe('[Loa] Tin cần chú ý: Phụ huynh bức xúc vì lạm thu đầu năm học ở Trường THCS Thử');
    expect(hooks).toHaveLength(1);
    const h = hooks[0];
    expect(verifyWebhookSignature('khoa-bi-mat', h.body, String(h.headers['x-loa-signature']))).toBe(true);
    expect(JSON.parse(h.body)).toMatchObject({ type: 'monitor.story', storyId: s.storyId, categories: ['fees'], riskScore: 0.8, url: `https://loa.thu.vn/admin/theo-doi/tin/${s.storyId}` });

    // in-app: the leader's notice, over the API
    const c = makeClient();
    await c.login(leader.email);
    const notices = await c.get('/api/monitoring/notices');
    expect(notices.json.unread).toBe(1);
    expect(notices.json.items[0]).toMatchObject({ title: 'Tin cần chú ý: Phụ huynh bức xúc vì lạm thu đầu năm học ở Trường THCS Thử', link: `/theo-doi/tin/${s.storyId}` });
    expect((await c.post('/api/monitoring/notices/read', {})).json.changed).toBe(1);

    // the quiet rule's e-mail waits
    const held = await db().query(`select status, due_at from monitor_alerts where rule_id = $1`, [quiet.id]);
    expect(held.rows).toHaveLength(1);
    expect(held.rows[0].status).toBe('pending');
    expect(new Date(held.rows[0].due_at).getTime()).toBeGreaterThan(Date.now());

    // once: running again sends nothing more; another copy of the same story does not alert again
    await analysedStoryCopy(s.storyId, t.school.id);
    await sweepAlerts();
    await new Promise((r) => setTimeout(r, 1500));
    expect(inbox.filter((m) => m.subject.includes('lạm thu đầu năm'))).toHaveLength(2);
    expect(hooks).toHaveLength(1);
    const rows = await db().query(`select channel, status from monitor_alerts where rule_id = $1 order by channel, recipient`, [rule.id]);
    expect(rows.rows.map((r) => `${r.channel}:${r.status}`)).toEqual(['email:sent', 'email:sent', 'inapp:sent', 'webhook:sent']);
  });

  it('retries a failing webhook, and sends as soon as an item is analysed (no waiting for the cron)', async () => {
    const t = await makeTree();
    await makePerson({ unitId: t.dept.id, roles: ['focal_point'], email: `dau.moi.${Date.now()}@so-thu.edu.vn` });
    await createRule(systemActor, { unitId: t.dept.id, name: 'Mọi tin tiêu cực', channels: ['email', 'webhook'], webhookUrl: hookUrl });
    hookStatus = 500;
    const before = hooks.length;
    await analysedStory(t.school.id, { title: 'Học sinh bị đánh hội đồng trước cổng trường', categories: ['violence'], risk: 0.9 });
    await sweepAlerts();
    // the worker's cron sweep may be the one that tried: wait for the attempt to be recorded
    await waitFor(() => hooks.length >= before + 1);
    const failedRow = () => db().query(`select id, status, attempts, last_error from monitor_alerts where channel = 'webhook' and status <> 'sent' order by id desc limit 1`);
    let failed = await failedRow();
    for (let i = 0; i < 50 && !(failed.rows[0]?.attempts >= 1); i++) {
      await new Promise((r) => setTimeout(r, 100));
      failed = await failedRow();
    }
    expect(hooks.length).toBe(before + 1);
    expect(failed.rows[0]).toMatchObject({ status: 'pending', attempts: 1, last_error: 'HTTP 500' });
    hookStatus = 200;
    await db().query('update monitor_alerts set due_at = now() where id = $1', [failed.rows[0].id]);
    // the worker's own sweep may hold the row (SKIP LOCKED) at this moment: wait for whichever sweep sends it
    let status = '';
    for (let i = 0; i < 100 && status !== 'sent'; i++) {
      await sweepAlerts();
      status = (await db().query('select status from monitor_alerts where id = $1', [failed.rows[0].id])).rows[0].status;
      if (status !== 'sent') await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe('sent');

    // with the listener running, the pipeline's commit wakes the sweep
    startAlertListener(state.url);
    await new Promise((r) => setTimeout(r, 500));
    const started = Date.now();
    await analysedStory(t.school.id, { title: 'Nhà vệ sinh trường xuống cấp nghiêm trọng', categories: ['facilities'], risk: 0.6 });
    await waitFor(() => inbox.find((m) => m.subject.includes('Nhà vệ sinh trường xuống cấp')), 10_000);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('e-mails the daily digest to digest-mode rules once', async () => {
    const t = await makeTree();
    await createRule(systemActor, { unitId: t.dept.id, name: 'Điểm tin hằng ngày', mode: 'digest', tones: [], channels: ['email'], emails: ['van.phong@so-thu.edu.vn'] });
    await analysedStory(t.school.id, { title: 'Trường THCS Thử đạt giải nhất hội thi giáo viên giỏi', tone: 'positive' });
    const day = new Date(Date.now() + 7 * 3600_000 + 86400_000).toISOString().slice(0, 10); // tomorrow in Vietnam: the window holds today
    await queueDigests(day);
    await queueDigests(day);
    await sweepAlerts();
    const m = await waitFor(() => inbox.find((x) => x.to === 'van.phong@so-thu.edu.vn'));
    expect(m.subject).toContain('Điểm tin báo chí ngày');
    await new Promise((r) => setTimeout(r, 1000));
    expect(inbox.filter((x) => x.to === 'van.phong@so-thu.edu.vn')).toHaveLength(1);
  });
});

async function analysedStoryCopy(storyId: number, unitId: number) {
  const src = (await db().query(`select source_id from monitor_items where story_id = $1 limit 1`, [storyId])).rows[0].source_id;
  const n = ++seq;
  const it = await db().query(
    `insert into monitor_items (source_id, guid, title, body, content_hash, story_id, tone, categories, risk_score, analysed_at)
     values ($1, $2, 'Bản đăng lại', 'Bản đăng lại', $2, $3, 'negative', '{fees}', 0.8, now()) returning id`,
    [src, `copy${n}`, storyId],
  );
  await db().query(`insert into monitor_item_units (item_id, unit_id, via) values ($1, $2, 'THCS Thử')`, [it.rows[0].id, unitId]);
}
