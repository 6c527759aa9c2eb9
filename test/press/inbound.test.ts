import nodemailer from 'nodemailer';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import '../../src/jobs';
import { systemActor } from '../../src/modules/audit';
import { getQuestion, saveJournalist, saveOutlet, startInboundSmtp } from '../../src/modules/press';
import { resetClock, setClock } from '../../src/platform/clock';
import { db } from '../../src/platform/db';
import { startJobs, stopJobs } from '../../src/platform/jobs';
import { useTestDatabase } from '../support/db';
import { makePerson, makeTree } from '../support/factories';
import { makeClient } from '../support/http';

/**
 * Press questions by e-mail (issue 7): real SMTP, sent with nodemailer to the
 * inbound listener on 127.0.0.1 — per-unit press address, unknown recipients
 * refused, size limit, the outlet guessed from the sender's domain, the deadline,
 * a resend of the same Message-ID ignored, and write-then-ack (a storage failure
 * answers 451 so the relay keeps the message and retries).
 */
const DOMAIN = 'hopthu.loa.thu.vn';
process.env.LOA_INBOUND_DOMAIN = DOMAIN;
const state = useTestDatabase();
let smtp: { port: number; close: () => Promise<void> };
beforeAll(async () => {
  await startJobs({ connectionString: state.url, isWorker: false });
  const started = await startInboundSmtp({ LOA_INBOUND_SMTP_PORT: '0', LOA_INBOUND_SMTP_HOST: '127.0.0.1', LOA_INBOUND_DOMAIN: DOMAIN, LOA_INBOUND_MAX_MB: '0.05' });
  if (!started) throw new Error('listener not started');
  smtp = started;
});
afterAll(async () => {
  await smtp?.close();
  await stopJobs();
});
afterEach(() => resetClock());

const transport = () => nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true, tls: { rejectUnauthorized: false } });
/** A question as the API gives it (loosely typed here). */
const getQ = async (id: number): Promise<Record<string, any>> => getQuestion(db(), id);
const codeOf = async (unitId: number) => String((await db().query('select code from units where id = $1', [unitId])).rows[0].code);
const questionsOf = async (unitId: number) =>
  (await db().query(`select id from press_questions where unit_id = $1 and channel = 'email' order by id`, [unitId])).rows.map((r) => Number(r.id));

describe('press questions received by e-mail', () => {
  it('turns a mail to a unit’s press address into a question: sender, outlet from the domain, subject, text, 24 h deadline', async () => {
    const t = await makeTree();
    const spokesperson = await makePerson({ unitId: t.dept.id, roles: ['spokesperson'] });
    const outlet = await saveOutlet(systemActor, null, { unitId: t.dept.id, name: 'Báo Giáo dục Thủ đô', kind: 'online', host: 'giaoducthudo-thu.vn' });
    const journalist = await saveJournalist(systemActor, null, { outletId: outlet.id, name: 'Trần Thị Minh Thư', email: 'minhthu@giaoducthudo-thu.vn' });
    setClock(new Date('2026-11-23T03:00:00Z'));
    const info = await transport().sendMail({
      from: '"Minh Thư" <MinhThu@giaoducthudo-thu.vn>',
      to: `press+${(await codeOf(t.school.id)).toLowerCase()}@${DOMAIN}`,
      subject: 'Đề nghị cung cấp thông tin về bữa ăn bán trú',
      text: 'Kính gửi nhà trường,\n\nĐề nghị nhà trường cho biết số học sinh phải nhập viện và biện pháp xử lý.\n\nTrân trọng.',
      messageId: '<bantru-001@giaoducthudo-thu.vn>',
    });
    expect(info.accepted).toHaveLength(1);
    const [qid] = await questionsOf(t.school.id);
    const q = await getQ(qid);
    // the Sở's outlet list serves its schools: named on the school's question (ids are for the unit's own outlets)
    expect(q).toMatchObject({
      channel: 'email', status: 'received', outletId: null, outletName: 'Báo Giáo dục Thủ đô', journalistId: null, journalistName: 'Trần Thị Minh Thư',
      email: 'minhthu@giaoducthudo-thu.vn', subject: 'Đề nghị cung cấp thông tin về bữa ăn bán trú', deadlineAt: '2026-11-24T03:00:00.000Z',
    });
    expect(q.question).toContain('số học sinh phải nhập viện');
    const raw = (await db().query('select recipient, mail_from, message_id, question_id, convert_from(raw, \'UTF8\') as raw from press_inbound_mails where unit_id = $1', [t.school.id])).rows[0];
    expect(raw).toMatchObject({ message_id: '<bantru-001@giaoducthudo-thu.vn>', mail_from: 'MinhThu@giaoducthudo-thu.vn', question_id: qid });
    expect(raw.raw).toContain('Subject:');
    const audit = await db().query(`select actor_id from audit_log where action = 'press_question.receive' and entity_id = $1`, [String(qid)]);
    expect(audit.rows).toEqual([{ actor_id: null }]);

    // the same message again (the relay did not see our 250): no second question
    await transport().sendMail({ from: 'minhthu@giaoducthudo-thu.vn', to: `press+${await codeOf(t.school.id)}@${DOMAIN}`, subject: 'x', text: 'lặp lại', messageId: '<bantru-001@giaoducthudo-thu.vn>' });
    expect(await questionsOf(t.school.id)).toEqual([qid]);

    // an HTML-only mail from a sub-domain of the outlet, from someone not on the list; an unknown domain gets no outlet
    await transport().sendMail({ from: 'Lê Văn Hải <hai@toasoan.giaoducthudo-thu.vn>', to: `PRESS+${await codeOf(t.dept.id)}@${DOMAIN.toUpperCase()}`, subject: 'Lịch tuyển sinh lớp 10', html: '<p>Xin hỏi <b>lịch thi</b> tuyển sinh lớp 10 năm nay?</p>' });
    await transport().sendMail({ from: 'ban.doc@mail-thu.example', to: `press+${await codeOf(t.dept.id)}@${DOMAIN}`, subject: '', text: 'Hỏi' });
    const deptQs = await Promise.all((await questionsOf(t.dept.id)).map((id) => getQ(id)));
    await transport().sendMail({ from: 'MINHTHU@giaoducthudo-thu.vn', to: `press+${await codeOf(t.dept.id)}@${DOMAIN}`, subject: 'Hỏi thêm về bán trú', text: 'Xin hỏi thêm về hợp đồng nấu ăn.' });
    expect(deptQs.map((x) => [x.outletId, x.journalistName, x.subject])).toEqual([
      [outlet.id, 'Lê Văn Hải', 'Lịch tuyển sinh lớp 10'],
      [null, 'ban.doc@mail-thu.example', '(Thư không có tiêu đề)'],
    ]);
    expect(deptQs[0].question).toContain('lịch thi');
    const own = await getQ((await questionsOf(t.dept.id)).at(-1) as number);
    expect(own).toMatchObject({ outletId: outlet.id, journalistId: journalist.id, journalistName: 'Trần Thị Minh Thư' });
    expect(deptQs[1].question.length).toBeGreaterThanOrEqual(10);

    // the admin API shows the address to publish
    const c = makeClient();
    await c.login(spokesperson.email);
    const addr = await c.get(`/api/press/inbound-address?unitId=${t.dept.id}`);
    expect(addr.json).toEqual({ address: `press+${(await codeOf(t.dept.id)).toLowerCase()}@${DOMAIN}`, deadlineHours: 24 });
  });

  it('starts only when a port and a domain are set', async () => {
    expect(await startInboundSmtp({})).toBeNull();
    expect(await startInboundSmtp({ LOA_INBOUND_SMTP_PORT: '0', LOA_INBOUND_DOMAIN: '' })).toBeNull();
  });

  it('refuses unknown recipients and oversized messages', async () => {
    const t = await makeTree();
    const unknown = await transport().sendMail({ from: 'pv@bao-thu.vn', to: `press+khong-co-don-vi@${DOMAIN}`, subject: 'Hỏi', text: 'Câu hỏi thử nghiệm' }).catch((e) => e);
    expect(unknown).toMatchObject({ code: 'EENVELOPE' });
    expect(String(unknown.response ?? unknown.message)).toContain('550');
    const wrongDomain = await transport().sendMail({ from: 'pv@bao-thu.vn', to: `press+${await codeOf(t.dept.id)}@khac.vn`, subject: 'Hỏi', text: 'Câu hỏi thử nghiệm' }).catch((e) => e);
    expect(wrongDomain).toMatchObject({ code: 'EENVELOPE' });
    // one good and one bad recipient: delivered to the good one, the bad one rejected
    const mixed = await transport().sendMail({ from: 'pv@bao-thu.vn', to: [`press+${await codeOf(t.dept.id)}@${DOMAIN}`, `press+khong-co@${DOMAIN}`], subject: 'Hai người nhận', text: 'Câu hỏi gửi hai địa chỉ' });
    expect(mixed.rejected).toEqual([`press+khong-co@${DOMAIN}`]);
    expect(await questionsOf(t.dept.id)).toHaveLength(1);
    // over the size limit (50 KB here)
    const big = await transport().sendMail({ from: 'pv@bao-thu.vn', to: `press+${await codeOf(t.school.id)}@${DOMAIN}`, subject: 'Tệp lớn', text: 'Nội dung dài. '.repeat(6000) }).catch((e) => e);
    expect(String(big.response ?? big.message)).toContain('552');
    expect(await questionsOf(t.school.id)).toEqual([]);
  });

  it('writes before acknowledging: when storage fails the sender gets 451 and its retry is stored once', async () => {
    const t = await makeTree();
    const to = `press+${await codeOf(t.commune.id)}@${DOMAIN}`;
    const mail = { from: 'pv@bao-thu.vn', to, subject: 'Sạt lở gần điểm trường', text: 'Xin hỏi phương án đảm bảo an toàn cho học sinh?', messageId: '<satlo-1@bao-thu.vn>' };
    await db().query('alter table press_inbound_mails rename to press_inbound_mails_off');
    const failed = await transport().sendMail(mail).catch((e) => e);
    await db().query('alter table press_inbound_mails_off rename to press_inbound_mails');
    expect(String(failed.response ?? failed.message)).toContain('451');
    expect(await questionsOf(t.commune.id)).toEqual([]);
    await transport().sendMail(mail);
    await transport().sendMail(mail);
    expect(await questionsOf(t.commune.id)).toHaveLength(1);
  });
  it('listens on 127.0.0.1 by default, refuses clients outside LOA_INBOUND_SMTP_ALLOW (554) and a sender over its hourly limit (451)', async () => {
    const t = await makeTree();
    const to = `press+${(await codeOf(t.dept.id)).toLowerCase()}@${DOMAIN}`;
    const send = (port: number, from: string, n: number) =>
      nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true }).sendMail({ from, to, subject: `Hỏi lần ${n}`, text: 'Câu hỏi thử nghiệm', messageId: `<gioi-han-${port}-${n}@bao-thu.vn>` });
    const closed = await startInboundSmtp({ LOA_INBOUND_SMTP_PORT: '0', LOA_INBOUND_DOMAIN: DOMAIN, LOA_INBOUND_SMTP_ALLOW: '10.0.0.0/8, 192.168.1.5' });
    const open = await startInboundSmtp({ LOA_INBOUND_SMTP_PORT: '0', LOA_INBOUND_DOMAIN: DOMAIN, LOA_INBOUND_SMTP_ALLOW: '127.0.0.0/8', LOA_INBOUND_SMTP_SENDER_HOURLY: '2' });
    try {
      const refused = await send(closed!.port, 'pv@bao-thu.vn', 1).catch((e) => e);
      expect(String(refused.response ?? refused.message)).toContain('554');
      expect((await send(open!.port, 'PV.Gioihan@bao-thu.vn', 1)).accepted).toHaveLength(1);
      expect((await send(open!.port, 'pv.gioihan@bao-thu.vn', 2)).accepted).toHaveLength(1);
      const limited = await send(open!.port, 'pv.gioihan@bao-thu.vn', 3).catch((e) => e);
      expect(String(limited.response ?? limited.message)).toContain('451');
      expect((await send(open!.port, 'bandoc.khac@bao-thu.vn', 4)).accepted).toHaveLength(1); // another sender is not held back
      expect(await questionsOf(t.dept.id)).toHaveLength(3);
    } finally {
      await closed?.close();
      await open?.close();
    }
    await expect(startInboundSmtp({ LOA_INBOUND_SMTP_PORT: '0', LOA_INBOUND_DOMAIN: DOMAIN, LOA_INBOUND_SMTP_ALLOW: 'may-chu-chuyen-tiep' })).rejects.toThrow(/LOA_INBOUND_SMTP_ALLOW/);
  });
});
