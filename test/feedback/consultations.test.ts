import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AUTO_HIDE_REPORTS, FEEDBACK_PER_HOUR, addHotlineNote, blockSender, bulkInsertComments, consultationResponseFacts, createSubjectRequest, exportConsultationDocx,
  exportConsultationXlsx, fulfilSubjectRequest, getConsultation, getItem, hideItem, listConsultationItems, listSubjectRequests, openIncidentFromItem, publicComments,
  publicConsultation, publishResponse, reportItem, sendResponseReminders, sendToMonitoring, splitParagraphs, subjectDataJson, submitComment, submitGeneralFeedback,
  unhideItem, updateConsultation,
} from '../../src/modules/feedback';
import { ipKey } from '../../src/modules/sitecontent';
import { advanceClock, resetClock, setClock } from '../../src/platform/clock';
import { db } from '../../src/platform/db';
import { startJobs, stopJobs } from '../../src/platform/jobs';
import { useTestDatabase } from '../support/db';
import { makePerson, makeTree } from '../support/factories';
import { DRAFT_TEXT, freshToken, openConsultation } from './helpers';

const state = useTestDatabase();
beforeAll(async () => {
  await startJobs({ connectionString: state.url, isWorker: false });
});
afterAll(async () => {
  await stopJobs();
});
afterEach(() => resetClock());

const DAY = 86_400_000;
let ipN = 0;
const newIp = () => `10.8.${Math.floor(++ipN / 250)}.${ipN % 250}`;
const audits = async (action: string) => Number((await db().query('select count(*)::int as n from audit_log where action = $1', [action])).rows[0].n);

describe('paragraph split', () => {
  it('splits on blank lines and before "Điều N", labelling articles', () => {
    const parts = splitParagraphs(DRAFT_TEXT);
    expect(parts.map((p) => p.label)).toEqual([null, 'Điều 1', 'Điều 2', 'Điều 3']);
    expect(parts[3].body).toMatch(/^Điều 3\. Trách nhiệm của cha mẹ học sinh\nCha mẹ/);
  });
});

describe('consultation flow', () => {
  it('draft → open → closed → answered; comments on the whole and a paragraph; audited; emulation facts', async () => {
    setClock(new Date('2026-11-23T02:00:00Z'));
    const t = await makeTree();
    const staff = await makePerson({ unitId: t.school.id, roles: ['focal_point'] });
    const c = await openConsultation(t.school.id, staff.id);
    expect(c.status).toBe('open');
    expect(c.slug).toBe('du-thao-quy-che-su-dung-dien-thoai-di-dong-cua-hoc-sinh');
    expect(c.paragraphs).toHaveLength(4);
    expect(await audits('consultation.create')).toBe(1);

    const tok = await freshToken(t.school.id);
    await submitComment('10.0.0.1', { consultationId: c.id, paragraphId: null, stance: 'agree', body: 'Tôi đồng ý với dự thảo, nên áp dụng sớm.', token: tok });
    const { id } = await submitComment('10.0.0.2', {
      consultationId: c.id, paragraphId: c.paragraphs[2].id, stance: 'partly', body: 'Nên cho phép dùng điện thoại để liên lạc với gia đình khi tan học muộn.',
      name: 'Trần Thị Mai', email: 'Mai.Tran@example.vn', consent: true, token: tok,
    });
    const item = await getItem(db(), id);
    expect(item).toMatchObject({ paragraphLabel: 'Điều 2', stance: 'partly', visibility: 'public', email: 'mai.tran@example.vn', consentVersion: expect.any(String) });
    expect(await audits('feedback.comment')).toBe(2);
    // contact details without consent are refused
    await expect(submitComment('10.0.0.3', { consultationId: c.id, stance: 'agree', body: 'Đồng ý với Điều 1.', email: 'a@example.vn', token: tok })).rejects.toMatchObject({ code: 'feedback.consent_required' });
    // a paragraph of another consultation is refused
    await expect(submitComment('10.0.0.3', { consultationId: c.id, paragraphId: 999999, stance: 'agree', body: 'Đồng ý với Điều 1.', token: tok })).rejects.toMatchObject({ code: 'feedback.bad_paragraph' });

    // the text cannot change once people have commented; other fields can
    await expect(updateConsultation({ userId: staff.id }, c.id, { version: c.version, text: 'Điều 1. Khác' })).rejects.toMatchObject({ code: 'feedback.text_locked' });
    const edited = await updateConsultation({ userId: staff.id }, c.id, { version: c.version, summary: 'Lấy ý kiến rộng rãi.' });
    expect(edited.version).toBe(c.version + 1);

    // the public page shows paragraphs with stance counts and only visible comments
    const pub = await publicConsultation(db(), c.slug);
    expect(pub?.paragraphs[2]).toMatchObject({ label: 'Điều 2', comments: 1, stances: { agree: 0, partly: 1, disagree: 0 } });
    expect(pub?.whole).toMatchObject({ comments: 1, stances: { agree: 1 } });
    const pc = await publicComments(db(), c.id, { limit: 10, offset: 0 });
    expect(pc.items.find((x) => x.id === id)?.name).toBe('Mai');
    expect(JSON.stringify(pc)).not.toContain('example.vn');

    // the response waits for the close
    await expect(publishResponse({ userId: staff.id }, c.id, 'Nhà trường tiếp thu ý kiến và sửa Điều 2 như sau.')).rejects.toMatchObject({ code: 'feedback.not_closed' });
    await expect(submitComment('10.0.0.4', { consultationId: c.id, stance: 'agree', body: 'Góp ý sau khi đóng.', token: await freshToken(t.school.id) }).then(() => null)).resolves.toBeNull();
    advanceClock(11 * DAY);
    expect((await getConsultation(db(), c.id)).status).toBe('closed');
    await expect(submitComment('10.0.0.5', { consultationId: c.id, stance: 'agree', body: 'Góp ý quá hạn.', token: 'x' })).rejects.toMatchObject({ code: 'feedback.not_open' });
    const answered = await publishResponse({ userId: staff.id }, c.id, 'Anh/chị đề nghị cho phép liên lạc với gia đình khi tan học muộn: nhà trường đã bổ sung vào Điều 2.');
    expect(answered.status).toBe('answered');
    expect((await publicConsultation(db(), c.slug))?.responseText).toMatch(/bổ sung vào Điều 2/);
    expect(await audits('consultation.response_publish')).toBe(1);

    const facts = await consultationResponseFacts(db(), { unitPath: (await getConsultation(db(), c.id)).unitPath.split('.').slice(0, 1).join('.'), from: new Date('2026-01-01'), to: new Date('2027-12-31') });
    expect(facts).toEqual([{ unitId: t.school.id, due: 1, answeredOnTime: 1, evidence: [{ label: expect.stringContaining('đúng hạn'), url: `/admin/gop-y/${c.id}` }] }]);
  });

  it('reminds the owning unit before the response is due, once (idempotent), then when overdue', async () => {
    setClock(new Date('2026-11-23T02:00:00Z'));
    const t = await makeTree();
    await makePerson({ unitId: t.school.id, roles: ['focal_point'], email: 'daumoi@thu.loa.vn' });
    const c = await openConsultation(t.school.id);
    const due = new Date(c.responseDueAt).getTime();
    setClock(new Date(due - 5 * DAY));
    expect(await sendResponseReminders()).toBe(0);
    setClock(new Date(due - 2 * DAY));
    expect(await sendResponseReminders()).toBe(1);
    expect(await sendResponseReminders()).toBe(0);
    setClock(new Date(due + DAY));
    expect(await sendResponseReminders()).toBe(1);
    expect(await sendResponseReminders()).toBe(0);
    const kinds = await db().query('select kind from consultation_reminders where consultation_id = $1 order by kind', [c.id]);
    expect(kinds.rows.map((x) => x.kind)).toEqual(['due_soon', 'overdue']);
  });
});

describe('moderation', () => {
  it(`auto-hides after ${AUTO_HIDE_REPORTS} distinct reporters, staff hide with a reason, unhide sticks, block refuses the sender`, async () => {
    setClock(new Date('2026-11-23T02:00:00Z'));
    const t = await makeTree();
    const staff = await makePerson({ unitId: t.dept.id, roles: ['editor'] });
    const c = await openConsultation(t.school.id);
    const tok = await freshToken(t.school.id);
    const { id } = await submitComment('10.1.0.1', { consultationId: c.id, stance: 'disagree', body: 'Nội dung lăng mạ giáo viên, không liên quan dự thảo.', email: 'spam@example.vn', consent: true, token: tok });
    const rep = { consultationId: c.id, itemId: id, token: tok };
    // the same reporter twice counts once
    await reportItem('10.1.1.1', { ...rep, reason: 'Xúc phạm' });
    await reportItem('10.1.1.1', { ...rep, reason: 'Xúc phạm' });
    expect((await getItem(db(), id)).reportCount).toBe(1);
    await reportItem('10.1.1.2', rep);
    expect((await getItem(db(), id)).visibility).toBe('public');
    const r = await reportItem('10.1.1.3', rep);
    expect(r.hidden).toBe(true);
    const hidden = await getItem(db(), id);
    expect(hidden).toMatchObject({ visibility: 'hidden', hiddenAuto: true, hiddenReason: 'Tự động ẩn sau 3 báo cáo vi phạm' });
    expect((await publicComments(db(), c.id, { limit: 10, offset: 0 })).items).toHaveLength(0);
    expect(await audits('feedback.auto_hide')).toBe(1);

    // staff keep it: further reports no longer hide it
    await unhideItem({ userId: staff.id }, id);
    await reportItem('10.1.1.4', rep);
    expect((await getItem(db(), id)).visibility).toBe('public');
    // staff hide with a reason
    await expect(hideItem({ userId: staff.id }, id, '  ')).rejects.toMatchObject({ code: 'feedback.reason_required' });
    expect(await hideItem({ userId: staff.id }, id, 'Xúc phạm cá nhân')).toMatchObject({ visibility: 'hidden', hiddenReason: 'Xúc phạm cá nhân', hiddenAuto: false });

    // block: the sender (same IP, or same e-mail from another IP) is refused
    await blockSender({ userId: staff.id }, id, 'Gửi nội dung xúc phạm nhiều lần');
    expect((await getItem(db(), id)).blocked).toBe(true);
    const tok2 = await freshToken(t.school.id);
    await expect(submitComment('10.1.0.1', { consultationId: c.id, stance: 'agree', body: 'Lại là tôi đây.', token: tok2 })).rejects.toMatchObject({ code: 'feedback.blocked' });
    await expect(submitComment('10.1.0.99', { consultationId: c.id, stance: 'agree', body: 'Lại là tôi đây.', email: 'SPAM@example.vn', consent: true, token: tok2 })).rejects.toMatchObject({ code: 'feedback.blocked' });
    await submitComment('10.1.0.98', { consultationId: c.id, stance: 'agree', body: 'Tôi là người khác, đồng ý.', token: tok2 });
    expect(await audits('feedback.block')).toBe(1);
  });
});

describe('report form anti-abuse (P1)', () => {
  it('reports need the trap field empty and a valid token, the comment must be on that consultation, IPv6 reporters count by /64', async () => {
    setClock(new Date('2026-11-23T02:00:00Z'));
    const t = await makeTree();
    const c = await openConsultation(t.school.id);
    const other = await openConsultation(t.school.id, null, 'Dự thảo Nội quy thư viện nhà trường');
    const tok = await freshToken(t.school.id);
    const { id } = await submitComment('10.9.0.1', { consultationId: c.id, stance: 'disagree', body: 'Ý kiến có thể bị báo cáo.', token: tok });
    const rep = { consultationId: c.id, itemId: id, token: tok };
    await expect(reportItem('10.9.1.1', { ...rep, website: 'http://spam.example' })).rejects.toMatchObject({ code: 'feedback.honeypot', status: 400 });
    await expect(reportItem('10.9.1.1', { ...rep, token: '' })).rejects.toMatchObject({ code: 'contact.bad_token' });
    const { formToken } = await import('../../src/modules/sitecontent');
    await expect(reportItem('10.9.1.1', { ...rep, token: await formToken(db(), t.school.id) })).rejects.toMatchObject({ code: 'contact.too_fast' });
    // a token of another unit does not fit
    await expect(reportItem('10.9.1.1', { ...rep, token: await freshToken(t.dept.id) })).rejects.toMatchObject({ code: 'contact.bad_token' });
    // the comment reported through another consultation's page: not found
    await expect(reportItem('10.9.1.1', { ...rep, consultationId: other.id })).rejects.toMatchObject({ code: 'feedback.item_not_found', status: 404 });
    expect((await getItem(db(), id)).reportCount).toBe(0);

    // three addresses of one IPv6 /64 are one reporter; another /64 is another reporter
    await reportItem('2001:db8:7:1::1', rep);
    await reportItem('2001:db8:7:1:aaaa::2', rep);
    await reportItem('2001:0db8:0007:0001:ffff:ffff:ffff:ffff', rep);
    expect((await getItem(db(), id)).reportCount).toBe(1);
    await reportItem('2001:db8:7:2::1', rep);
    expect((await getItem(db(), id)).reportCount).toBe(2);
    expect((await getItem(db(), id)).visibility).toBe('public');
  });

  it('ipKey keeps IPv4 as is and reduces IPv6 to its /64', () => {
    expect(ipKey('203.0.113.7')).toBe('203.0.113.7');
    expect(ipKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(ipKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(ipKey('2001:0DB8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(ipKey('[2001:db8:1:2::5]')).toBe('2001:db8:1:2::/64');
    expect(ipKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(ipKey('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(ipKey(null)).toBe('unknown');
    expect(ipKey('')).toBe('unknown');
  });
});

describe('consultation locking (T4)', () => {
  it('two edits with the same version: the second one conflicts', async () => {
    setClock(new Date('2026-11-23T02:00:00Z'));
    const t = await makeTree();
    const staff = await makePerson({ unitId: t.school.id, roles: ['focal_point'] });
    const c = await openConsultation(t.school.id, staff.id);
    const results = await Promise.allSettled([
      updateConsultation({ userId: staff.id }, c.id, { version: c.version, summary: 'Bản sửa thứ nhất.' }),
      updateConsultation({ userId: staff.id }, c.id, { version: c.version, summary: 'Bản sửa thứ hai.' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'conflict' } });
    expect((await getConsultation(db(), c.id)).version).toBe(c.version + 1);
  });
});

describe('anti-spam', () => {
  it('refuses a filled trap field, a missing or too-fast token, and more than the hourly limit per IP', async () => {
    setClock(new Date('2026-11-23T02:00:00Z'));
    const t = await makeTree();
    const c = await openConsultation(t.school.id);
    const base = { consultationId: c.id, stance: 'agree' as const, body: 'Đồng ý với toàn bộ dự thảo.' };
    const tok = await freshToken(t.school.id);
    await expect(submitComment('10.2.0.1', { ...base, website: 'http://spam.example', token: tok })).rejects.toMatchObject({ code: 'feedback.honeypot', status: 400 });
    await expect(submitComment('10.2.0.2', { ...base, token: 'khong-hop-le' })).rejects.toMatchObject({ code: 'contact.bad_token' });
    const { formToken } = await import('../../src/modules/sitecontent');
    await expect(submitComment('10.2.0.3', { ...base, token: await formToken(db(), t.school.id) })).rejects.toMatchObject({ code: 'contact.too_fast' });
    const before = Number((await db().query('select count(*)::int as n from feedback_items where consultation_id = $1', [c.id])).rows[0].n);
    expect(before).toBe(0);

    const ip = '10.2.9.9';
    for (let i = 0; i < FEEDBACK_PER_HOUR; i++) await submitComment(ip, { ...base, body: `Ý kiến số ${i + 1}: đồng ý.`, token: tok });
    await expect(submitComment(ip, { ...base, token: tok })).rejects.toMatchObject({ code: 'feedback.rate_limited', status: 429 });
    // refusals count too; another address is not affected; an hour later the address may send again
    await submitComment('10.2.9.10', { ...base, token: tok });
    advanceClock(61 * 60_000);
    const tok2 = await freshToken(t.school.id);
    await submitComment(ip, { ...base, token: tok2 });
    // the general feedback form follows the same rules and is never public
    await expect(submitGeneralFeedback('10.2.0.50', { unitId: t.school.id, body: 'Đề nghị lắp thêm đèn ở cổng trường.', website: 'x', token: tok2 })).rejects.toMatchObject({ code: 'feedback.honeypot' });
    const g = await submitGeneralFeedback('10.2.0.50', { unitId: t.school.id, subject: 'Đèn cổng trường', body: 'Đề nghị lắp thêm đèn ở cổng trường.', token: tok2 });
    expect((await getItem(db(), g.id)).visibility).toBe('private');
  });
});

describe('data-subject requests', () => {
  it('are due 2 working days later counted against the holiday calendar; export and erase', async () => {
    const t = await makeTree();
    const staff = await makePerson({ unitId: t.dept.id, roles: ['focal_point'] });
    // a comment with contact details, made earlier
    setClock(new Date('2026-11-30T02:00:00Z'));
    const c = await openConsultation(t.school.id);
    const tok = await freshToken(t.school.id);
    const { id } = await submitComment('10.3.0.1', {
      consultationId: c.id, paragraphId: c.paragraphs[1].id, stance: 'disagree', body: 'Liên hệ tôi qua 0912 345 678 hoặc lan.pham@example.vn để trao đổi thêm.',
      name: 'Phạm Thị Lan', email: 'lan.pham@example.vn', phone: '0912 345 678', consent: true, token: tok,
    });
    await addHotlineNote({ userId: staff.id }, { unitId: t.school.id, body: 'Phụ huynh gọi hỏi về giờ ra chơi.', name: 'Phạm Thị Lan', phone: '0912345678', consent: true });

    // received Friday 4 December 2026 (Vietnam time); Monday 7 December is a holiday: due Wednesday 9, not Tuesday 8
    await db().query(`insert into holidays (day, name) values ('2026-12-07', 'Nghỉ bù (thử)') on conflict do nothing`);
    setClock(new Date('2026-12-04T03:00:00Z'));
    const erase = await createSubjectRequest({ userId: staff.id }, { unitId: t.dept.id, kind: 'erase', name: 'Phạm Thị Lan', email: 'lan.pham@example.vn', phone: '0912345678' });
    expect(erase.dueDate).toBe('2026-12-09');
    await db().query(`delete from holidays where day = '2026-12-07'`);
    const exp = await createSubjectRequest({ userId: staff.id }, { unitId: t.dept.id, kind: 'export', email: 'lan.pham@example.vn' });
    expect(exp.dueDate).toBe('2026-12-08');
    // a request on a Saturday counts from Monday
    setClock(new Date('2026-12-05T03:00:00Z'));
    expect((await createSubjectRequest({ userId: staff.id }, { unitId: t.dept.id, kind: 'export', phone: '0900000000' })).dueDate).toBe('2026-12-09');

    // the export holds the person's submissions (both channels, matched by e-mail or phone)
    const data = await subjectDataJson(db(), erase.id);
    expect(data.items.map((x: { id: number }) => x.id)).toContain(id);
    expect(data.items).toHaveLength(2);

    // overdue is visible
    setClock(new Date('2026-12-10T03:00:00Z'));
    const list = await listSubjectRequests(db(), { unitPath: (await db().query('select path::text as p from units where id = $1', [t.dept.id])).rows[0].p });
    expect(list.overdue).toBe(3);
    expect(list.items.find((x) => x.id === erase.id)?.overdue).toBe(true);

    const done = await fulfilSubjectRequest({ userId: staff.id }, erase.id, { resultNote: 'Đã xóa theo yêu cầu.' });
    expect(done).toMatchObject({ status: 'done', matchedItems: 2, overdue: false });
    const after = await getItem(db(), id);
    expect(after).toMatchObject({ name: null, email: null, phone: null, anonymised: true });
    expect(after.body).not.toMatch(/0912|lan\.pham/);
    expect(after.body).toContain('[đã xóa]');
    expect(Number((await db().query(`select count(*)::int as n from feedback_contacts where email = 'lan.pham@example.vn' or phone like '0912%'`)).rows[0].n)).toBe(0);
    expect(await audits('feedback.subject_erase')).toBe(1);
    await expect(fulfilSubjectRequest({ userId: staff.id }, erase.id, {})).rejects.toMatchObject({ code: 'feedback.request_closed' });
  });
});

describe('exports and escalation', () => {
  it('XLSX and DOCX list every comment with paragraph, stance and hidden + reason; items go to monitoring and incidents, audited', async () => {
    setClock(new Date('2026-11-23T02:00:00Z'));
    const t = await makeTree();
    const staff = await makePerson({ unitId: t.school.id, roles: ['leader'] });
    const c = await openConsultation(t.school.id);
    const tok = await freshToken(t.school.id);
    const { id } = await submitComment('10.4.0.1', { consultationId: c.id, paragraphId: c.paragraphs[3].id, stance: 'disagree', body: 'Cha mẹ đi làm xa, khó phối hợp thường xuyên.', token: tok });
    const bad = await submitComment('10.4.0.2', { consultationId: c.id, stance: 'disagree', body: 'Lời lẽ thô tục không phù hợp.', token: tok });
    await hideItem({ userId: staff.id }, bad.id, 'Ngôn từ thiếu văn hóa');
    await bulkInsertComments(db(), c.id, [
      { paragraphId: c.paragraphs[1].id, body: 'Đồng ý phạm vi điều chỉnh.', stance: 'agree' },
      { paragraphId: null, body: 'Nội dung quảng cáo.', stance: null, visibility: 'hidden', hiddenReason: 'Quảng cáo' },
    ]);
    expect(await listConsultationItems(db(), c.id)).toHaveLength(4);
    expect(await listConsultationItems(db(), c.id, { includeHidden: false })).toHaveLength(2);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportConsultationXlsx(db(), c.id)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Góp ý')!;
    const rows: string[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(rows[0]).toEqual(['Mã', 'Điều/đoạn', 'Lập trường', 'Nội dung', 'Kênh', 'Thời gian', 'Trạng thái', 'Lý do ẩn', 'Số báo cáo vi phạm']);
    expect(rows).toHaveLength(5);
    expect(rows.find((r) => r[0] === String(id))).toEqual(expect.arrayContaining(['Điều 3', 'Không đồng ý', 'Hiển thị']));
    expect(rows.find((r) => r[0] === String(bad.id))).toEqual(expect.arrayContaining(['Toàn văn', 'Đã ẩn', 'Ngôn từ thiếu văn hóa']));
    expect(rows.some((r) => r.includes('Quảng cáo'))).toBe(true);

    const zip = await JSZip.loadAsync(await exportConsultationDocx(db(), c.id));
    const xml = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(xml).toContain('TỔNG HỢP Ý KIẾN GÓP Ý');
    expect(xml).toContain('Cha mẹ đi làm xa, khó phối hợp thường xuyên.');
    expect(xml).toContain('[Đã ẩn — lý do: Ngôn từ thiếu văn hóa]');

    const m = await sendToMonitoring({ userId: staff.id }, id);
    expect((await getItem(db(), id)).monitorItemId).toBe(m.monitorItemId);
    await expect(sendToMonitoring({ userId: staff.id }, id)).rejects.toMatchObject({ code: 'feedback.already_escalated' });
    const inc = await openIncidentFromItem({ userId: staff.id }, id, { severity: 2 });
    expect((await db().query('select unit_id as "unitId", title from incidents where id = $1', [inc.incidentId])).rows[0]).toMatchObject({ unitId: t.school.id, title: expect.stringContaining(`Góp ý #${id}`) });
    expect(await audits('feedback.to_monitoring')).toBe(1);
    expect(await audits('feedback.to_incident')).toBe(1);
  });

  it('escalation is atomic (a double click opens one incident) and copies the text with personal data masked', async () => {
    setClock(new Date('2026-11-23T02:00:00Z'));
    const t = await makeTree();
    const staff = await makePerson({ unitId: t.school.id, roles: ['leader'] });
    const c = await openConsultation(t.school.id);
    const tok = await freshToken(t.school.id);
    const { id } = await submitComment('10.4.1.1', {
      consultationId: c.id, stance: 'disagree', body: 'Con tôi bị bắt nạt ở trường, gọi tôi 0912 345 678 hoặc hoa.le@example.vn.', token: tok,
    });
    const before = Number((await db().query('select count(*)::int as n from incidents where unit_id = $1', [t.school.id])).rows[0].n);
    const both = await Promise.allSettled([openIncidentFromItem({ userId: staff.id }, id, { severity: 2 }), openIncidentFromItem({ userId: staff.id }, id, { severity: 2 })]);
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(both.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'feedback.already_escalated' } });
    expect(Number((await db().query('select count(*)::int as n from incidents where unit_id = $1', [t.school.id])).rows[0].n)).toBe(before + 1);
    const incId = (await getItem(db(), id)).incidentId;
    const inc = (await db().query('select title, summary from incidents where id = $1', [incId])).rows[0];
    expect(`${inc.title} ${inc.summary}`).not.toMatch(/0912|hoa\.le/);
    expect(inc.summary).toContain('[đã xóa]');

    const mons = await Promise.allSettled([sendToMonitoring({ userId: staff.id }, id), sendToMonitoring({ userId: staff.id }, id)]);
    expect(mons.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const mon = (await db().query('select title, body from monitor_items where id = $1', [(await getItem(db(), id)).monitorItemId])).rows[0];
    expect(`${mon.title} ${mon.body}`).not.toMatch(/0912|hoa\.le/);
  });
});
