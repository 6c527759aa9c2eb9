import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import '../../src/jobs';
import { recordConsent } from '../../src/modules/newsroom';
import {
  CONTACT_PER_HOUR,
  addAlbumPhoto,
  admissionPhase,
  createAdmission,
  createAlbum,
  createScheduleItem,
  formToken,
  listMessages,
  notifyNewMessages,
  ratingReport,
  scheduleIcs,
  setPublished,
  sniff,
  submitContact,
  submitRating,
  updateAlbumPhoto,
  weekOf,
  youtubeIdOf,
} from '../../src/modules/sitecontent';
import { advanceClock, resetClock, setClock } from '../../src/platform/clock';
import { db } from '../../src/platform/db';
import { startJobs, stopJobs } from '../../src/platform/jobs';
import { useTestDatabase } from '../support/db';
import { makePerson, makeTree } from '../support/factories';
import { makeClient } from '../support/http';

const state = useTestDatabase();
beforeAll(async () => {
  await startJobs({ connectionString: state.url, isWorker: false });
});
afterAll(async () => {
  await stopJobs();
});
afterEach(() => resetClock());

const slugOf = async (unitId: number) => (await db().query('select slug from site_settings where unit_id = $1', [unitId])).rows[0].slug as string;
const actor = (userId: number) => ({ userId, ip: '127.0.0.1' });
const auditCount = async (action: string) => Number((await db().query('select count(*)::int as n from audit_log where action = $1', [action])).rows[0].n);
const contact = (token: string, extra: Record<string, string> = {}) => ({
  name: 'Nguyễn Thị Lan',
  email: 'lan.phuhuynh@thu.loa.vn',
  subject: 'Hỏi về lịch họp phụ huynh',
  message: 'Kính gửi nhà trường, cho tôi hỏi lịch họp phụ huynh học kỳ I của lớp 6A là ngày nào ạ?',
  token,
  ...extra,
});

describe('admissions notices', () => {
  it('sanitises the body, publishes, and shows open/closed by the Vietnam day of the clock', async () => {
    const t = await makeTree();
    const editor = await makePerson({ unitId: t.school.id, roles: ['editor'] });
    setClock(new Date('2026-05-31T16:30:00Z')); // 23:30 on 31/05 in Vietnam... no: 16:30Z = 23:30 VN on 31/05
    const a = await createAdmission(actor(editor.id), t.school.id, {
      title: 'Thông báo tuyển sinh vào lớp 6 năm học 2026–2027',
      schoolYear: '2026-2027',
      grade: 'Lớp 6',
      bodyHtml: '<p onclick="x()">Nhận hồ sơ tại văn phòng.</p><script>alert(1)</script><a href="javascript:alert(1)">x</a>',
      applyFrom: '2026-06-01',
      applyTo: '2026-06-15',
      examOn: '2026-06-20',
    });
    expect(a.bodyHtml).not.toContain('script');
    expect(a.bodyHtml).not.toContain('onclick');
    expect(a.bodyHtml).not.toContain('javascript');
    expect(a.phase).toBe('upcoming');
    expect(a.status).toBe('draft');
    setClock(new Date('2026-05-31T17:00:00Z')); // 00:00 on 01/06 in Vietnam
    expect(admissionPhase(a)).toBe('open');
    setClock(new Date('2026-06-15T16:59:00Z')); // 23:59 on 15/06 in Vietnam: still open
    expect(admissionPhase(a)).toBe('open');
    setClock(new Date('2026-06-15T17:00:00Z')); // 00:00 on 16/06: closed
    expect(admissionPhase(a)).toBe('closed');

    const slug = await slugOf(t.school.id);
    const c = makeClient();
    expect((await c.get(`/don-vi/${slug}/tuyen-sinh/${a.slug}`)).status).toBe(404);
    await setPublished(actor(editor.id), 'admission_notices', a.id, true);
    const list = await c.get(`/don-vi/${slug}/tuyen-sinh`);
    expect(list.status).toBe(200);
    expect(list.text).toContain('Đã hết hạn nhận hồ sơ');
    setClock(new Date('2026-06-05T03:00:00Z'));
    const list2 = await c.get(`/don-vi/${slug}/tuyen-sinh`);
    expect(list2.text).toContain('Đang nhận hồ sơ');
    const page = await c.get(`/don-vi/${slug}/tuyen-sinh/${a.slug}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('từ 01/06/2026 đến 15/06/2026');
    expect(page.text).not.toContain('<script>alert');
    expect(await auditCount('admission_notice.publish')).toBe(1);
  });

  it('refuses reversed dates and attachments that were not uploaded for the unit', async () => {
    const t = await makeTree();
    const c = makeClient();
    const editor = await makePerson({ unitId: t.school.id, roles: ['editor'] });
    await c.login(editor.email);
    const bad = await c.post('/api/site-content/admissions', { unitId: t.school.id, title: 'Tuyển sinh lớp 10', applyFrom: '2026-06-15', applyTo: '2026-06-01' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain('Ngày bắt đầu');
    const foreign = await c.post('/api/site-content/admissions', { unitId: t.school.id, title: 'Tuyển sinh lớp 10', attachments: [{ key: 'b'.repeat(64), name: 'x.pdf', size: 10, mime: 'application/pdf' }] });
    expect(foreign.status).toBe(400);
    const f = new FormData();
    f.append('file', new File(['<html><script>alert(1)</script>'], 'ke-hoach.pdf', { type: 'application/pdf' }));
    const fake = await c.request('POST', `/api/site-content/files?unitId=${t.school.id}`, f);
    expect(fake.status).toBe(400);
    const g = new FormData();
    g.append('file', new File(['%PDF-1.4\n%%EOF\n'], 'ke-hoach-tuyen-sinh.pdf', { type: 'application/pdf' }));
    const ok = await c.request('POST', `/api/site-content/files?unitId=${t.school.id}`, g);
    expect(ok.status).toBe(201);
    expect(ok.json.mime).toBe('application/pdf');
    const created = await c.post('/api/site-content/admissions', { unitId: t.school.id, title: 'Tuyển sinh lớp 10', attachments: [ok.json] });
    expect(created.status).toBe(201);
    // the file is public only once the notice is
    const slug = await slugOf(t.school.id);
    expect((await makeClient().get(`/don-vi/${slug}/tep/${ok.json.key}`)).status).toBe(404);
    await c.post(`/api/site-content/admissions/${created.json.id}/publish`, {});
    const file = await makeClient().get(`/don-vi/${slug}/tep/${ok.json.key}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
  });
});

describe('work schedule', () => {
  it('shows Monday to Sunday on the Vietnam calendar, with previous/next weeks and an .ics', async () => {
    // Sunday 22/11/2026 23:30 in Vietnam is still the week of Monday 16/11
    setClock(new Date('2026-11-22T16:30:00Z'));
    expect(weekOf()).toMatchObject({ from: '2026-11-16', to: '2026-11-22', prev: '2026-11-09', next: '2026-11-23' });
    // an hour later it is Monday 23/11 in Vietnam (while still Sunday in UTC)
    setClock(new Date('2026-11-22T17:30:00Z'));
    expect(weekOf().from).toBe('2026-11-23');
    expect(weekOf('2026-01-01')).toMatchObject({ from: '2025-12-29', to: '2026-01-04' });

    const t = await makeTree();
    const leader = await makePerson({ unitId: t.school.id, roles: ['leader'] });
    await createScheduleItem(actor(leader.id), t.school.id, { day: '2026-11-22', startTime: '14:00', content: 'Dự lễ kỷ niệm Ngày Nhà giáo Việt Nam', chair: 'Hiệu trưởng' });
    await createScheduleItem(actor(leader.id), t.school.id, { day: '2026-11-23', startTime: '07:30', endTime: '09:00', content: 'Chào cờ đầu tuần; họp giao ban', chair: 'Hiệu trưởng', place: 'Phòng họp tầng 2' });
    await createScheduleItem(actor(leader.id), t.school.id, { day: '2026-11-29', startTime: '08:00', content: 'Kiểm tra công tác bán trú' });
    const c = makeClient();
    await c.login(leader.email);
    const week = await c.get(`/api/site-content/schedule?unitId=${t.school.id}`);
    expect(week.json.from).toBe('2026-11-23');
    expect(week.json.items.map((i: { day: string }) => i.day)).toEqual(['2026-11-23', '2026-11-29']);
    const prev = await c.get(`/api/site-content/schedule?unitId=${t.school.id}&week=2026-11-22`);
    expect(prev.json.items).toHaveLength(1);
    const bad = await c.post('/api/site-content/schedule', { unitId: t.school.id, day: '2026-11-24', startTime: '10:00', endTime: '09:00', content: 'Họp' });
    expect(bad.status).toBe(400);

    const slug = await slugOf(t.school.id);
    const page = await makeClient().get(`/don-vi/${slug}/lich-cong-tac`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Tuần từ 23/11/2026 đến 29/11/2026');
    expect(page.text).toContain('Chào cờ đầu tuần; họp giao ban');
    expect(page.text).toContain('?tuan=2026-11-16');
    const ics = await makeClient().get(`/don-vi/${slug}/lich-cong-tac.ics?tuan=2026-11-25`);
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    expect(ics.text).toContain('DTSTART;TZID=Asia/Ho_Chi_Minh:20261123T073000');
    expect(ics.text).toContain('SUMMARY:Chào cờ đầu tuần\\; họp giao ban');
    expect(scheduleIcs('X', 'h', []).startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  });
});

describe('contact form', () => {
  it('refuses the honeypot, a bad or foreign token, too fast, too old, too many links; stores and notifies otherwise', async () => {
    const t = await makeTree();
    await makePerson({ unitId: t.school.id, roles: ['focal_point'], email: 'daumoi.thcs@thu.loa.vn' });
    setClock(new Date('2026-11-23T01:00:00Z'));
    const token = await formToken(db(), t.school.id);
    await expect(submitContact(t.school.id, '10.0.0.1', contact(token, { website: 'http://spam.example' }))).rejects.toMatchObject({ code: 'contact.honeypot' });
    await expect(submitContact(t.school.id, '10.0.0.1', contact(token))).rejects.toMatchObject({ code: 'contact.too_fast' });
    advanceClock(2_000);
    await expect(submitContact(t.school.id, '10.0.0.1', contact(token))).rejects.toMatchObject({ code: 'contact.too_fast' });
    await expect(submitContact(t.otherSchool.id, '10.0.0.1', contact(token))).rejects.toMatchObject({ code: 'contact.bad_token' });
    await expect(submitContact(t.school.id, '10.0.0.1', contact(`${token.slice(0, -2)}xx`))).rejects.toMatchObject({ code: 'contact.bad_token' });
    advanceClock(1_500);
    await expect(submitContact(t.school.id, '10.0.0.2', contact(token, { message: 'Xem tại https://a.example và https://b.example và www.c.example nhé' }))).rejects.toMatchObject({ code: 'contact.too_many_links' });
    await expect(submitContact(t.school.id, '10.0.0.2', contact(token, { email: '', phone: '' }))).rejects.toMatchObject({ code: 'contact.reach_required' });
    await expect(submitContact(t.school.id, '10.0.0.2', contact(token, { message: 'x'.repeat(5001) }))).rejects.toMatchObject({ code: 'contact.too_long' });
    const sent = await submitContact(t.school.id, '10.0.0.3', contact(token));
    expect(sent.id).toBeGreaterThan(0);
    advanceClock(2 * 3_600_000);
    await expect(submitContact(t.school.id, '10.0.0.3', contact(token))).rejects.toMatchObject({ code: 'contact.expired' });

    const inbox = await listMessages(db(), t.school.id);
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({ status: 'new', name: 'Nguyễn Thị Lan', subject: 'Hỏi về lịch họp phụ huynh' });
    // the IP is kept only as a salted hash
    const raw = await db().query('select ip_hash from contact_messages');
    expect(raw.rows[0].ip_hash).not.toContain('10.0.0.3');
    expect(await notifyNewMessages()).toBe(1);
    expect(await notifyNewMessages()).toBe(0);
    const jobs = await db().query(`select data from pgboss.job where name = 'mail.send' and data->>'to' = 'daumoi.thcs@thu.loa.vn'`);
    expect(jobs.rows).toHaveLength(1);
    expect(jobs.rows[0].data.subject).toContain('Hỏi về lịch họp phụ huynh');
  });

  it('limits attempts per IP per hour, counted in PostgreSQL', async () => {
    const t = await makeTree();
    setClock(new Date('2026-11-23T02:00:00Z'));
    const token = await formToken(db(), t.school.id);
    advanceClock(5_000);
    for (let i = 0; i < CONTACT_PER_HOUR; i++) await submitContact(t.school.id, '10.9.9.9', contact(token, { subject: `Câu hỏi số ${i + 1}` }));
    await expect(submitContact(t.school.id, '10.9.9.9', contact(token))).rejects.toMatchObject({ code: 'contact.rate_limited', status: 429 });
    // another address is not affected; an hour later this one may send again
    await submitContact(t.school.id, '10.9.9.8', contact(token));
    advanceClock(3_600_000 + 1000);
    const fresh = await formToken(db(), t.school.id);
    advanceClock(5_000);
    await submitContact(t.school.id, '10.9.9.9', contact(fresh));
  });

  it('works as a plain form on the site: same-origin only, clear Vietnamese errors, lands in the admin inbox', async () => {
    const t = await makeTree();
    const slug = await slugOf(t.school.id);
    const visitor = makeClient();
    const form = await visitor.get(`/don-vi/${slug}/gui-y-kien`);
    expect(form.status).toBe(200);
    expect(form.headers.get('cache-control')).toBe('no-store');
    const token = /name="token" value="([^"]+)"/.exec(form.text)?.[1] as string;
    expect(token).toBeTruthy();
    const body = (extra: Record<string, string> = {}) => {
      const f = new FormData();
      for (const [k, v] of Object.entries({ ...contact(token), website: '', ...extra })) f.append(k, v);
      return f;
    };
    const fast = await visitor.request('POST', `/don-vi/${slug}/gui-y-kien`, body());
    expect(fast.status).toBe(400);
    expect(fast.text).toContain('Bạn gửi quá nhanh');
    expect(fast.text).toContain('Nguyễn Thị Lan'); // what was typed is kept
    advanceClock(4_000);
    const cross = await visitor.request('POST', `/don-vi/${slug}/gui-y-kien`, body(), { origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    const huge = await visitor.request('POST', `/don-vi/${slug}/gui-y-kien`, body({ message: 'Rất dài. '.repeat(9000) }));
    expect(huge.status).toBe(400);
    expect(huge.text).toContain('Nội dung quá dài');
    const ok = await visitor.request('POST', `/don-vi/${slug}/gui-y-kien`, body());
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('Đã gửi ý kiến');

    const focal = await makePerson({ unitId: t.school.id, roles: ['focal_point'] });
    const admin = makeClient();
    await admin.login(focal.email);
    const inbox = await admin.get(`/api/site-content/messages?unitId=${t.school.id}`);
    expect(inbox.json.items).toHaveLength(1);
    const id = inbox.json.items[0].id;
    const who = await admin.get(`/api/site-content/messages/assignees?unitId=${t.school.id}`);
    expect(who.json.items.map((p: { id: number }) => p.id)).toContain(focal.id);
    const handled = await admin.patch(`/api/site-content/messages/${id}`, { status: 'handled', replyNote: 'Đã gọi điện trả lời phụ huynh.', assignedTo: focal.id });
    expect(handled.status).toBe(200);
    expect(handled.json).toMatchObject({ status: 'handled', handledBy: focal.id, assignedTo: focal.id, replyNote: 'Đã gọi điện trả lời phụ huynh.' });
    const outsider = await makePerson({ unitId: t.otherSchool.id, roles: ['focal_point'] });
    expect((await admin.patch(`/api/site-content/messages/${id}`, { assignedTo: outsider.id })).status).toBe(400);
    expect(await auditCount('contact_message.update')).toBeGreaterThanOrEqual(1);
  });
});

describe('page ratings', () => {
  it('counts one rating per IP per page per Vietnam day, and reports averages', async () => {
    const t = await makeTree();
    setClock(new Date('2026-11-23T03:00:00Z'));
    expect(await submitRating(t.school.id, '10.1.1.1', { pagePath: '/tuyen-sinh', score: 5 })).toEqual({ isCounted: true });
    expect(await submitRating(t.school.id, '10.1.1.1', { pagePath: '/tuyen-sinh', score: 1 })).toEqual({ isCounted: false });
    expect(await submitRating(t.school.id, '10.1.1.1', { pagePath: '/hoi-dap', score: 2, comment: 'Thiếu câu hỏi về học phí' })).toEqual({ isCounted: true });
    expect(await submitRating(t.school.id, '10.1.1.2', { pagePath: '/tuyen-sinh', score: 4 })).toEqual({ isCounted: true });
    await expect(submitRating(t.school.id, '10.1.1.2', { pagePath: '/tuyen-sinh', score: 7 })).rejects.toMatchObject({ code: 'rating.bad_score' });
    setClock(new Date('2026-11-23T17:05:00Z')); // the next day in Vietnam
    expect(await submitRating(t.school.id, '10.1.1.1', { pagePath: '/tuyen-sinh', score: 3 })).toEqual({ isCounted: true });
    const r = await ratingReport(db(), t.school.id, '2026-11-01', '2026-11-30');
    expect(r.count).toBe(4);
    expect(r.distribution).toEqual([0, 1, 1, 1, 1]);
    expect(r.pages.find((p) => p.pagePath === '/tuyen-sinh')).toMatchObject({ count: 3, average: 4, useful: 2 });
    expect(r.daily.map((d) => d.day)).toEqual(['2026-11-23', '2026-11-24']);
    expect(r.comments[0].comment).toBe('Thiếu câu hỏi về học phí');
  });

  it('takes a plain form post from a site page and redirects back to the thanks', async () => {
    const t = await makeTree();
    const slug = await slugOf(t.school.id);
    const c = makeClient();
    const page = await c.get(`/don-vi/${slug}/hoi-dap`);
    expect(page.text).toContain('Thông tin trên trang có hữu ích không?');
    const f = new FormData();
    f.append('trang', '/hoi-dap');
    f.append('diem', '4');
    f.append('gop-y', 'Rất rõ ràng');
    const res = await c.request('POST', `/don-vi/${slug}/danh-gia-trang`, f);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/don-vi/${slug}/hoi-dap#cam-on-danh-gia`);
    const css = await c.get('/site-assets/site-content.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(css.text).toContain('.sc-rating .thanks:target{display:block}');
    const g = new FormData();
    g.append('trang', '//evil.example/x');
    g.append('diem', '4');
    const odd = await c.request('POST', `/don-vi/${slug}/danh-gia-trang`, g);
    expect(odd.headers.get('location')).toBe(`/don-vi/${slug}#cam-on-danh-gia`);
    const admin = makeClient();
    const editor = await makePerson({ unitId: t.school.id, roles: ['editor'] });
    await admin.login(editor.email);
    const report = await admin.get(`/api/site-content/ratings?unitId=${t.school.id}`);
    expect(report.status).toBe(200);
    expect(report.json.pages.find((p: { pagePath: string }) => p.pagePath === '/hoi-dap')).toMatchObject({ count: 1, average: 4 });
  });
});

describe('albums, videos, FAQ and links', () => {
  it('keeps photos of pupils off the site until a valid consent is attached', async () => {
    const t = await makeTree();
    const editor = await makePerson({ unitId: t.school.id, roles: ['editor'] });
    const album = await createAlbum(actor(editor.id), t.school.id, { title: 'Hội khỏe Phù Đổng cấp trường', takenOn: '2026-11-15' });
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 80, b: 40 } } })
      .withExif({ IFD0: { Artist: 'May anh cua thay Binh' } })
      .jpeg()
      .toBuffer();
    const withPhoto = await addAlbumPhoto(actor(editor.id), album.id, { data: jpeg, fileName: 'chay-tiep-suc.jpg', mime: 'image/jpeg', caption: 'Học sinh lớp 7A chạy tiếp sức', isIdentifyingPupils: true });
    const photo = withPhoto.photos[0];
    expect(withPhoto.consentGaps).toHaveLength(1);
    await expect(setPublished(actor(editor.id), 'albums', album.id, true, (await import('../../src/modules/sitecontent')).checkAlbumConsents)).rejects.toMatchObject({ code: 'sitecontent.consent_missing' });
    const consent = await recordConsent(actor(editor.id), { unitId: t.school.id, subjectName: 'Lê Minh Khang', birthDate: '2013-03-02', guardianName: 'Lê Văn Hòa', guardianConsentedOn: '2026-09-05', childConsentedOn: '2026-09-05' });
    const fixed = await updateAlbumPhoto(actor(editor.id), album.id, photo.id, { consentIds: [consent.id] });
    expect(fixed.photos[0].consentIds, JSON.stringify(fixed)).toEqual([consent.id]);
    expect(fixed.consentGaps).toEqual([]);
    const c = makeClient();
    await c.login(editor.email);
    expect((await c.post(`/api/site-content/albums/${album.id}/publish`, {})).status).toBe(200);
    const slug = await slugOf(t.school.id);
    const page = await makeClient().get(`/don-vi/${slug}/thu-vien-anh/${fixed.slug}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Học sinh lớp 7A chạy tiếp sức');
    // the stored photo carries no metadata
    const stored = await makeClient().get(photo.urls.small);
    expect(stored.status).toBe(200);
    await db().query('update consents set revoked_at = now() where id = $1', [consent.id]);
    await db().query('update albums set updated_at = now() where id = $1', [album.id]);
    const after = await makeClient().get(`/don-vi/${slug}/thu-vien-anh/${fixed.slug}`);
    expect(after.text).not.toContain('Học sinh lớp 7A chạy tiếp sức');
  });

  it('sniffs video uploads, keeps YouTube as a plain link, and takes only https links', async () => {
    expect(sniff(Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x6d, 0x70, 0x34, 0x32]))).toBe('mp4');
    expect(sniff(Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0, 0, 0, 0]))).toBe('webm');
    expect(sniff(Buffer.from('<script>'))).toBeNull();
    expect(youtubeIdOf('https://youtu.be/dQw4w9WgXcQ')).toBe('dQw4w9WgXcQ');
    expect(youtubeIdOf('https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10')).toBe('dQw4w9WgXcQ');
    expect(youtubeIdOf('https://evil.example/watch?v=dQw4w9WgXcQ')).toBeNull();
    const t = await makeTree();
    const editor = await makePerson({ unitId: t.school.id, roles: ['editor'] });
    const c = makeClient();
    await c.login(editor.email);
    const fake = new FormData();
    fake.append('title', 'Video giả');
    fake.append('file', new File(['<html>not a video</html>'], 'clip.mp4', { type: 'video/mp4' }));
    const refused = await c.request('POST', `/api/site-content/videos?unitId=${t.school.id}`, fake);
    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toContain('MP4');
    const real = new FormData();
    real.append('title', 'Lễ khai giảng năm học mới');
    real.append('file', new File([Buffer.concat([Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]), Buffer.alloc(2000)])], 'khai-giang.mp4', { type: 'video/mp4' }));
    const v = await c.request('POST', `/api/site-content/videos?unitId=${t.school.id}`, real);
    expect(v.status).toBe(201);
    const yt = new FormData();
    yt.append('title', 'Phóng sự về thư viện xanh');
    yt.append('youtubeUrl', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ');
    const y = await c.request('POST', `/api/site-content/videos?unitId=${t.school.id}`, yt);
    expect(y.status).toBe(201);
    await c.post(`/api/site-content/videos/${v.json.id}/publish`, {});
    await c.post(`/api/site-content/videos/${y.json.id}/publish`, {});
    const slug = await slugOf(t.school.id);
    const page = await makeClient().get(`/don-vi/${slug}/video`);
    expect(page.text).toContain('<video');
    expect(page.text).toContain('https://www.youtube.com/watch?v=dQw4w9WgXcQ');
    expect(page.text).not.toContain('<iframe');
    const range = await makeClient().request('GET', `/don-vi/${slug}/tep/${v.json.fileKey}`, undefined, { range: 'bytes=0-99' });
    expect(range.status).toBe(206);
    expect(range.headers.get('content-range')).toBe('bytes 0-99/2012');

    for (const url of ['javascript:alert(1)', 'http://example.com', 'https://user:pw@example.com', 'data:text/html,x']) {
      expect((await c.post('/api/site-content/links', { unitId: t.school.id, title: 'Lạ', url })).status).toBe(400);
    }
    expect((await c.post('/api/site-content/links', { unitId: t.school.id, title: 'Bộ Giáo dục và Đào tạo', url: 'https://moet.gov.vn', groupName: 'Cơ quan quản lý' })).status).toBe(201);
    expect((await c.post('/api/site-content/faqs', { unitId: t.school.id, question: 'Học phí năm học này là bao nhiêu?', answer: 'Học sinh THCS công lập được miễn học phí.\n\nCác khoản thu khác theo nghị quyết của tỉnh.', groupName: 'Học phí' })).status).toBe(201);
    const faq = await makeClient().get(`/don-vi/${slug}/hoi-dap?q=hoc%20phi`);
    expect(faq.text).toContain('<details');
    expect(faq.text).toContain('Học phí năm học này là bao nhiêu?');
    const none = await makeClient().get(`/don-vi/${slug}/hoi-dap?q=xe%20buyt`);
    expect(none.text).toContain('Không có câu hỏi nào khớp');
    const links = await makeClient().get(`/don-vi/${slug}/lien-ket`);
    expect(links.text).toContain('rel="noopener nofollow external"');
  });

  it('keeps every route inside the unit scope of sites.write', async () => {
    const t = await makeTree();
    const deptEditor = await makePerson({ unitId: t.dept.id, roles: ['editor'] });
    const otherEditor = await makePerson({ unitId: t.otherDept.id, roles: ['editor'] });
    const contributor = await makePerson({ unitId: t.school.id, roles: ['contributor'] });
    const a = makeClient();
    await a.login(deptEditor.email);
    expect((await a.post('/api/site-content/faqs', { unitId: t.school.id, question: 'Trường có xe đưa đón không?', answer: 'Không.' })).status).toBe(201);
    const b = makeClient();
    await b.login(otherEditor.email);
    expect((await b.get(`/api/site-content/faqs?unitId=${t.school.id}`)).status).toBe(403);
    expect((await b.get(`/api/site-content/messages?unitId=${t.school.id}`)).status).toBe(403);
    const c = makeClient();
    await c.login(contributor.email);
    expect((await c.get(`/api/site-content/messages?unitId=${t.school.id}`)).status).toBe(403);
    expect((await makeClient().get(`/api/site-content/messages?unitId=${t.school.id}`)).status).toBe(401);
  });
});
