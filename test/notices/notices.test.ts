import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import '../../src/jobs';
import { type Actor, systemActor } from '../../src/modules/audit';
import { createTarget } from '../../src/modules/distribution/targets.service';
import { openIncident } from '../../src/modules/incidents';
import {
  acknowledge,
  approveNotice,
  createNotice,
  getReceipts,
  listReceived,
  markRead,
  readByToken,
  reviseNotice,
  sendNotice,
  withdrawNotice,
  sweepNoticeMail,
  sweepNoticeReminders,
  sweepNoticeZalo,
} from '../../src/modules/notices';
import { advanceClock, resetClock, setClock } from '../../src/platform/clock';
import { loadConfig, setConfig } from '../../src/platform/config';
import { db } from '../../src/platform/db';
import { startJobs, stopJobs } from '../../src/platform/jobs';
import { resetMailTransport } from '../../src/platform/mail';
import { useTestDatabase } from '../support/db';
import { makePerson, makeUnit } from '../support/factories';
import { type ZaloServer, startZaloServer } from '../support/zalo-server';

/**
 * Lines to take and internal notices: the set-based push to a filtered subtree
 * (never outside it), the approval rules, read receipts (once), reminders (only
 * to non-readers, once per step, on a controllable clock), e-mail through a
 * loopback SMTP server and Zalo OA messages through the loopback Zalo server.
 */
const state = useTestDatabase();
const ZALO_TOKEN = 'zalo-oa-access-token-thong-bao-0001';
type Mail = { to: string; subject: string; text: string };
const inbox: Mail[] = [];
let smtp: SMTPServer;
let zalo: ZaloServer;

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

async function waitFor<T>(find: () => T | undefined, ms = 45_000): Promise<T> {
  for (let i = 0; i < ms / 100; i++) {
    const hit = find();
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out waiting');
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
  zalo = await startZaloServer({ token: ZALO_TOKEN });
  setConfig(
    loadConfig({
      DATABASE_URL: state.url,
      LOA_LOG_LEVEL: 'warn',
      LOA_DATA_DIR: `/tmp/loa-test-data-${process.pid}`,
      LOA_PUBLIC_URL: 'https://loa.thu.vn',
      LOA_SECRET_KEY: 'a'.repeat(64),
      LOA_DELIVERY_TIMEOUT_SECONDS: '2',
      LOA_ZALO_API_URL: zalo.url,
      LOA_SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`,
    } as NodeJS.ProcessEnv),
  );
  resetMailTransport();
  await startJobs({ connectionString: state.url, isWorker: true, pollSeconds: 0.5 });
});
afterAll(async () => {
  await stopJobs();
  await new Promise<void>((r) => smtp.close(() => r()));
  await zalo.close();
});
afterEach(() => resetClock());

const actor = (userId: number): Actor => ({ userId, ip: null });

/** Sở → commune A (schools A1, A2) and commune B (school B1); another Sở with a school outside. */
async function tree() {
  const root = await makeUnit({ type: 'ministry', name: 'Bộ thử thông báo' });
  const dept = await makeUnit({ parentId: root.id, type: 'department', name: 'Sở GDĐT tỉnh Hà Giang Thử' });
  const communeA = await makeUnit({ parentId: dept.id, type: 'commune', name: 'UBND xã Tân Lập' });
  const communeB = await makeUnit({ parentId: dept.id, type: 'commune', name: 'UBND xã Bình Minh' });
  const a1 = await makeUnit({ parentId: communeA.id, type: 'school', name: 'Trường Tiểu học Tân Lập' });
  const a2 = await makeUnit({ parentId: communeA.id, type: 'school', name: 'Trường THCS Tân Lập' });
  const b1 = await makeUnit({ parentId: communeB.id, type: 'school', name: 'Trường Mầm non Bình Minh' });
  const otherDept = await makeUnit({ parentId: root.id, type: 'department', name: 'Sở GDĐT tỉnh Khác Thử' });
  const outside = await makeUnit({ parentId: otherDept.id, type: 'school', name: 'Trường Tiểu học Ngoài Cây' });
  const p = {
    deptFocal: await makePerson({ unitId: dept.id, roles: ['focal_point'], name: 'Trần Thị Đầu Mối' }),
    deptLeader: await makePerson({ unitId: dept.id, roles: ['leader'], name: 'Nguyễn Văn Giám Đốc' }),
    deptSpokesperson: await makePerson({ unitId: dept.id, roles: ['spokesperson'], name: 'Lê Thị Phát Ngôn' }),
    deptEditor: await makePerson({ unitId: dept.id, roles: ['editor'], name: 'Phạm Biên Tập' }),
    communeALeader: await makePerson({ unitId: communeA.id, roles: ['leader'], name: 'Hoàng Văn Chủ Tịch' }),
    a1Focal: await makePerson({ unitId: a1.id, roles: ['focal_point', 'leader'], name: 'Vũ Thị Hiệu Trưởng' }),
    a1Editor: await makePerson({ unitId: a1.id, roles: ['editor'], name: 'Đỗ Văn Biên Tập' }),
    a2Focal: await makePerson({ unitId: a2.id, roles: ['focal_point'], name: 'Bùi Thị Đầu Mối' }),
    b1Focal: await makePerson({ unitId: b1.id, roles: ['focal_point'], name: 'Đặng Văn Đầu Mối' }),
    b1Spokesperson: await makePerson({ unitId: b1.id, roles: ['spokesperson'], name: 'Ngô Thị Phát Ngôn' }),
    outsideFocal: await makePerson({ unitId: outside.id, roles: ['focal_point'], name: 'Người Ngoài Cây' }),
  };
  return { root, dept, communeA, communeB, a1, a2, b1, otherDept, outside, p };
}

const lineInput = (extra: Record<string, unknown> = {}) => ({
  kind: 'line_to_take' as const,
  title: 'Định hướng thông tin về vụ việc học sinh bị ngộ độc thực phẩm',
  bodyHtml: '<p>Thống nhất nội dung trả lời báo chí: nhà trường đã đưa các em đi khám, sức khỏe ổn định.</p><script>alert(1)</script>',
  isPublic: true,
  ...extra,
});

async function sentLine(t: Awaited<ReturnType<typeof tree>>, extra: Record<string, unknown> = {}) {
  const n = await createNotice(actor(t.p.deptFocal.id), { unitId: t.dept.id, ...lineInput(extra) });
  await approveNotice(actor(n.kind === 'line_to_take' ? t.p.deptSpokesperson.id : t.p.deptLeader.id), n.id);
  return sendNotice(actor(t.p.deptFocal.id), n.id);
}

describe('notices: push', () => {
  it('pushes to the whole subtree (focal points and leaders by default), one row per person, never outside it', async () => {
    const t = await tree();
    const n = await sentLine(t);
    expect(n.status).toBe('sent');
    expect(n.bodyHtml).not.toContain('<script');
    const rows = (await db().query('select user_id as "userId", unit_id as "unitId", roles from notice_deliveries where notice_id = $1 order by user_id', [n.id])).rows;
    const users = rows.map((r) => Number(r.userId));
    expect(users.sort()).toEqual([t.p.communeALeader.id, t.p.a1Focal.id, t.p.a2Focal.id, t.p.b1Focal.id].sort());
    // a focal point who is also the leader gets one row, with both roles
    expect(rows.find((r) => Number(r.userId) === t.p.a1Focal.id)?.roles).toEqual(['focal_point', 'leader']);
    expect(users).not.toContain(t.p.outsideFocal.id);
    expect(users).not.toContain(t.p.deptFocal.id); // the issuing unit itself is not an addressee
    const units = (await db().query('select unit_id as id from notice_units where notice_id = $1', [n.id])).rows.map((r) => Number(r.id));
    expect(units.sort()).toEqual([t.communeA.id, t.communeB.id, t.a1.id, t.a2.id, t.b1.id].sort());
    expect(n.recipientCount).toBe(4);
    expect(n.unitCount).toBe(5);
    const audit = (await db().query(`select after from audit_log where action = 'notice.send' and entity_id = $1`, [String(n.id)])).rows;
    expect(audit[0].after).toMatchObject({ units: 5, people: 4 });
  });

  it('filters by unit type, chosen units and roles', async () => {
    const t = await tree();
    const bySchool = await sentLine(t, { audience: { unitTypes: ['school'], roles: ['focal_point'] } });
    const users = (await db().query('select user_id as id from notice_deliveries where notice_id = $1', [bySchool.id])).rows.map((r) => Number(r.id));
    expect(users.sort()).toEqual([t.p.a1Focal.id, t.p.a2Focal.id, t.p.b1Focal.id].sort());

    const chosen = await sentLine(t, { audience: { unitIds: [t.b1.id], roles: ['spokesperson', 'focal_point'] } });
    const users2 = (await db().query('select user_id as id from notice_deliveries where notice_id = $1', [chosen.id])).rows.map((r) => Number(r.id));
    expect(users2.sort()).toEqual([t.p.b1Focal.id, t.p.b1Spokesperson.id].sort());

    // a unit outside the subtree cannot be chosen
    await expect(createNotice(actor(t.p.deptFocal.id), { unitId: t.dept.id, ...lineInput({ audience: { unitIds: [t.outside.id] } }) })).rejects.toMatchObject({ code: 'notice.audience_outside' });
  });
});

describe('notices: approval', () => {
  it('refuses self-approval, lets a spokesperson approve lines to take only and a leader anything', async () => {
    const t = await tree();
    // the spokesperson writes a line to take and cannot approve it; the leader can
    const own = await createNotice(actor(t.p.deptSpokesperson.id), { unitId: t.dept.id, ...lineInput() });
    await expect(approveNotice(actor(t.p.deptSpokesperson.id), own.id)).rejects.toMatchObject({ code: 'notice.self_approval' });
    expect((await approveNotice(actor(t.p.deptLeader.id), own.id)).status).toBe('approved');

    const guidance = await createNotice(actor(t.p.deptFocal.id), { unitId: t.dept.id, kind: 'guidance', title: 'Hướng dẫn trả lời phụ huynh về học phí' });
    await expect(approveNotice(actor(t.p.deptSpokesperson.id), guidance.id)).rejects.toMatchObject({ code: 'notice.spokesperson_lines_only' });
    await expect(approveNotice(actor(t.p.deptEditor.id), guidance.id)).rejects.toMatchObject({ code: 'notice.approver_role' });
    // a school's spokesperson does not speak for the Sở
    const line = await createNotice(actor(t.p.deptFocal.id), { unitId: t.dept.id, ...lineInput() });
    await expect(approveNotice(actor(t.p.b1Spokesperson.id), line.id)).rejects.toMatchObject({ code: 'notice.approver_role' });
    // sending needs approval first
    await expect(sendNotice(actor(t.p.deptFocal.id), guidance.id)).rejects.toMatchObject({ code: 'notice.bad_state' });
    const approved = await approveNotice(actor(t.p.deptLeader.id), guidance.id);
    expect(approved.approvedByName).toBe('Nguyễn Văn Giám Đốc');
    // an instruction asks for an acknowledgement by default
    const instr = await createNotice(actor(t.p.deptFocal.id), { unitId: t.dept.id, kind: 'instruction', title: 'Chỉ đạo rà soát bếp ăn bán trú' });
    expect(instr.isAckRequired).toBe(true);
  });

  it('a new version supersedes the sent one when it is sent', async () => {
    const t = await tree();
    const v1 = await sentLine(t);
    const v2 = await reviseNotice(actor(t.p.deptFocal.id), v1.id);
    expect(v2).toMatchObject({ status: 'draft', revision: 2, supersedesId: v1.id, seriesId: v1.id });
    await approveNotice(actor(t.p.deptSpokesperson.id), v2.id);
    await sendNotice(actor(t.p.deptFocal.id), v2.id);
    expect((await db().query('select status from notices where id = $1', [v1.id])).rows[0].status).toBe('superseded');
  });
});

describe('notices: incidents', () => {
  it('a public line to take linked to an incident goes on its timeline as a statement', async () => {
    const t = await tree();
    const inc = await openIncident(actor(t.p.deptFocal.id), { unitId: t.a1.id, title: 'Học sinh đau bụng sau bữa ăn bán trú', severity: 2 });
    const n = await sentLine(t, { incidentId: inc.id });
    const rows = (await db().query(`select kind, title, body, ref_id as "refId" from incident_timeline where incident_id = $1 and ref_table = 'notices'`, [inc.id])).rows;
    expect(rows).toEqual([{ kind: 'statement', title: `Định hướng thông tin: ${n.title}`, body: 'Đã gửi xuống 5 đơn vị, 4 người nhận.', refId: n.id }]);
    // an incident of an unrelated unit cannot be linked
    const other = await openIncident(actor(t.p.outsideFocal.id), { unitId: t.outside.id, title: 'Sự cố ở tỉnh khác', severity: 1 });
    await expect(createNotice(actor(t.p.deptFocal.id), { unitId: t.dept.id, ...lineInput({ incidentId: other.id }) })).rejects.toMatchObject({ code: 'notice.bad_incident' });
  });
});

describe('notices: receipts and reminders', () => {
  it('records a read once, an acknowledgement once, and rolls the figures up the tree', async () => {
    const t = await tree();
    const n = await sentLine(t, { kind: 'instruction', isPublic: false, title: 'Chỉ đạo rà soát bếp ăn bán trú', isAckRequired: true });
    expect(await markRead(actor(t.p.a1Focal.id) as Actor & { userId: number }, n.id)).toBe(true);
    expect(await markRead(actor(t.p.a1Focal.id) as Actor & { userId: number }, n.id)).toBe(false);
    await expect(markRead(actor(t.p.outsideFocal.id) as Actor & { userId: number }, n.id)).rejects.toMatchObject({ code: 'notice.not_found' });
    expect(await acknowledge(actor(t.p.a2Focal.id) as Actor & { userId: number }, n.id)).toBe(true);
    expect(await acknowledge(actor(t.p.a2Focal.id) as Actor & { userId: number }, n.id)).toBe(false);
    const reads = (await db().query(`select count(*)::int as n from audit_log where action = 'notice.read' and entity_id = $1`, [String(n.id)])).rows[0].n;
    expect(reads).toBe(1);

    const r = await getReceipts(db(), n.id);
    expect(r.totals).toMatchObject({ recipients: 4, read: 2, acked: 1, units: 5 });
    const communeA = r.units.find((u) => u.unitId === t.communeA.id);
    expect(communeA).toMatchObject({ depth: 1, isRecipient: true, own: { recipients: 1, read: 0 }, total: { recipients: 3, read: 2, acked: 1, units: 3, unitsAllRead: 2 } });
    expect(r.units.find((u) => u.unitId === t.communeB.id)?.total).toMatchObject({ recipients: 1, read: 0 });
    expect(r.people.find((p) => p.userId === t.p.a1Focal.id)?.readVia).toBe('app');

    const inboxA1 = await listReceived(db(), t.p.a1Focal.id);
    // read but not acknowledged: still counts as waiting
    expect(inboxA1.unread).toBe(1);
    expect((await listReceived(db(), t.p.a2Focal.id)).unread).toBe(0);
  });

  it('reminds only those who have not read, once per step', async () => {
    const t = await tree();
    setClock(new Date('2026-03-02T01:00:00Z'));
    const n = await sentLine(t, { reminderHours: [24, 48] });
    await sweepNoticeMail();
    await markRead(actor(t.p.a1Focal.id) as Actor & { userId: number }, n.id);
    const step = async () =>
      Object.fromEntries((await db().query('select user_id as u, reminded_step as s from notice_deliveries where notice_id = $1', [n.id])).rows.map((r) => [Number(r.u), r.s]));

    advanceClock(23 * 3600_000);
    expect(await sweepNoticeReminders()).toBe(0);
    advanceClock(2 * 3600_000); // 25 h
    expect(await sweepNoticeReminders()).toBe(3);
    expect(await sweepNoticeReminders()).toBe(0); // once per step
    expect((await step())[t.p.a1Focal.id]).toBe(0);
    expect((await step())[t.p.a2Focal.id]).toBe(1);
    await markRead(actor(t.p.a2Focal.id) as Actor & { userId: number }, n.id);
    advanceClock(24 * 3600_000); // 49 h
    expect(await sweepNoticeReminders()).toBe(2);
    const s = await step();
    expect([s[t.p.a1Focal.id], s[t.p.a2Focal.id], s[t.p.b1Focal.id], s[t.p.communeALeader.id]]).toEqual([0, 1, 2, 2]);
    advanceClock(100 * 3600_000);
    expect(await sweepNoticeReminders()).toBe(0);
    const audits = (await db().query(`select count(*)::int as n from audit_log where action = 'notice.read' and entity_id = $1`, [String(n.id)])).rows[0].n;
    expect(audits).toBe(2);
  });

  it('e-mails every recipient through SMTP; the link in the mail records the read', async () => {
    const t = await tree();
    const n = await sentLine(t, { title: 'Định hướng trả lời báo chí về tuyển sinh lớp 10' });
    expect(await sweepNoticeMail()).toBe(4);
    expect(await sweepNoticeMail()).toBe(0); // never twice
    const b1 = await db().query('select email from users where id = $1', [t.p.b1Focal.id]);
    const mail = await waitFor(() => inbox.find((m) => m.to === b1.rows[0].email && m.subject.includes('tuyển sinh lớp 10')));
    expect(mail.subject).toBe('[Định hướng thông tin] Định hướng trả lời báo chí về tuyển sinh lớp 10');
    expect(mail.text).toContain('nhà trường đã đưa các em đi khám');
    const link = /https:\/\/loa\.thu\.vn(\/api\/notices\/receipt\/[0-9a-f]{64})/.exec(mail.text)?.[1] as string;
    expect(link).toBeTruthy();
    const token = link.split('/').at(-1) as string;
    expect(await readByToken(token)).toEqual({ noticeId: n.id });
    expect(await readByToken(token)).toEqual({ noticeId: n.id }); // twice: still one read
    const d = (await db().query('select read_via as via from notice_deliveries where notice_id = $1 and user_id = $2', [n.id, t.p.b1Focal.id])).rows[0];
    expect(d.via).toBe('email');
    expect((await db().query(`select count(*)::int as n from audit_log where action = 'notice.read' and entity_id = $1`, [String(n.id)])).rows[0].n).toBe(1);
    expect(await readByToken('khong-hop-le')).toBeNull();
  }, 60_000);

  it('mails nothing for a notice withdrawn before the sweep, and reminds nobody', async () => {
    const t = await tree();
    setClock(new Date('2026-04-01T01:00:00Z'));
    const n = await sentLine(t, { title: 'Định hướng thông tin gửi nhầm, thu hồi ngay' });
    await withdrawNotice(actor(t.p.deptFocal.id), n.id, 'Gửi nhầm đơn vị');
    await sweepNoticeMail();
    const open = (await db().query('select count(*)::int as n from notice_deliveries where notice_id = $1 and emailed_at is null', [n.id])).rows[0].n;
    expect(open).toBe(0);
    const jobs = (await db().query(`select count(*)::int as n from pgboss.job where name = 'mail.send' and data->>'subject' like '%gửi nhầm%'`)).rows[0].n;
    expect(jobs).toBe(0);
    advanceClock(72 * 3600_000);
    expect(await sweepNoticeReminders()).toBe(0);
  });

  it('sends Zalo OA messages to recipients with a Zalo id, through the nearest OA above', async () => {
    const t = await tree();
    await createTarget(systemActor, { unitId: t.dept.id, kind: 'zalo_oa', name: 'Zalo OA Sở GDĐT', externalId: '4455667788', token: ZALO_TOKEN });
    await db().query(`insert into notice_zalo_ids (user_id, zalo_user_id) values ($1, 'zl-a2'), ($2, 'zl-b1')`, [t.p.a2Focal.id, t.p.b1Focal.id]);
    zalo.followers.clear();
    zalo.followers.add('zl-a2');
    const n = await sentLine(t, { title: 'Định hướng thông tin về lịch nghỉ Tết' });
    const r = await sweepNoticeZalo();
    expect(r).toMatchObject({ sent: 1, failed: 1 });
    expect(zalo.messages.filter((m) => m.text.includes('lịch nghỉ Tết')).map((m) => m.userId)).toEqual(['zl-a2']);
    expect(zalo.messages.at(-1)?.text).toContain('[Định hướng thông tin] Sở GDĐT tỉnh Hà Giang Thử');
    const st = Object.fromEntries((await db().query('select user_id as u, zalo_status as s from notice_deliveries where notice_id = $1', [n.id])).rows.map((x) => [Number(x.u), x.s]));
    expect(st[t.p.a2Focal.id]).toBe('sent');
    expect(st[t.p.b1Focal.id]).toBe('failed:zalo.rejected');
    expect(st[t.p.a1Focal.id]).toBe('skipped');
    expect((await sweepNoticeZalo()).sent).toBe(0);
    zalo.followers.clear();
  });
});
