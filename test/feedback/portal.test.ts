import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getConsultation, hideItem } from '../../src/modules/feedback';
import { advanceClock, resetClock, setClock } from '../../src/platform/clock';
import { db } from '../../src/platform/db';
import { startJobs, stopJobs } from '../../src/platform/jobs';
import { useTestDatabase } from '../support/db';
import { makePerson, makeTree } from '../support/factories';
import { createApp } from '../../src/http/app';
import { makeClient } from '../support/http';
import { openConsultation } from './helpers';

const state = useTestDatabase();
beforeAll(async () => {
  await startJobs({ connectionString: state.url, isWorker: false });
});
afterAll(async () => {
  await stopJobs();
});
afterEach(() => resetClock());

const form = (o: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) f.append(k, v);
  return f;
};
const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';

describe('portal pages', () => {
  it('lists open consultations, takes a paragraph comment through the form, hides moderated ones, shows the response', async () => {
    const t = await makeTree();
    const staff = await makePerson({ unitId: t.school.id, roles: ['focal_point'] });
    const c = await openConsultation(t.school.id, staff.id);
    const web = makeClient();

    const list = await web.get('/gop-y');
    expect(list.status).toBe(200);
    expect(list.text).toContain(c.title);
    expect(list.text).toContain('Đang lấy ý kiến');

    // the unit's own site lists it too (site kit page /gop-y)
    const siteSlug = (await db().query('select slug from site_settings where unit_id = $1', [t.school.id])).rows[0]?.slug;
    expect(siteSlug).toBeTruthy();
    const site = await web.get(`/don-vi/${siteSlug}/gop-y`);
    expect(site.status).toBe(200);
    expect(site.text).toContain(c.title);
    expect(site.text).toContain(`href="/gop-y/${c.slug}"`);

    const page = await web.get(`/gop-y/${c.slug}?doan=3`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Điều 2. Thời gian được sử dụng');
    expect(page.text).toMatch(/<option value="3" selected="">/);
    expect(page.text).toContain('Mục đích xử lý dữ liệu cá nhân');
    const token = hidden(page.text, 'token');
    expect(token).not.toBe('');
    advanceClock(5_000);

    // the trap field refuses, with the form kept
    const trap = await web.request('POST', `/gop-y/${c.slug}`, form({ token, paragraph: '3', stance: 'partly', body: 'Nội dung thử nghiệm bẫy.', website: 'x' }));
    expect(trap.status).toBe(400);
    expect(trap.text).toContain('Không gửi được góp ý');

    const sent = await web.request('POST', `/gop-y/${c.slug}`, form({ token, paragraph: '3', stance: 'partly', body: 'Đề nghị cho phép học sinh gọi điện cho cha mẹ khi tan học muộn.', name: 'Nguyễn Văn Hùng', website: '', consent: '1' }));
    expect(sent.status).toBe(200);
    expect(sent.text).toContain('Cảm ơn anh/chị đã góp ý');
    const rude = await web.request('POST', `/gop-y/${c.slug}`, form({ token, paragraph: '0', stance: 'disagree', body: 'Bình luận thô tục cần ẩn đi.', website: '' }));
    expect(rude.status).toBe(200);

    const after = await web.get(`/gop-y/${c.slug}?y-kien=3`);
    expect(after.text).toContain('Đề nghị cho phép học sinh gọi điện cho cha mẹ khi tan học muộn.');
    expect(after.text).toContain('Hùng');
    expect(after.text).not.toContain('Nguyễn Văn Hùng');
    const rudeId = Number((await db().query(`select id from feedback_items where body like 'Bình luận thô tục%'`)).rows[0].id);
    await hideItem({ userId: staff.id }, rudeId, 'Ngôn từ thiếu văn hóa');
    expect((await web.get(`/gop-y/${c.slug}`)).text).not.toContain('Bình luận thô tục');

    // reporting through the page: the report form carries the token and the trap field
    const shown = await web.get(`/gop-y/${c.slug}`);
    expect(shown.text).toMatch(/class="fb-report"[^]*?name="token" value="[^"]+"[^]*?name="website"/);
    const repToken = hidden(shown.text, 'token');
    advanceClock(5_000);
    const noToken = await web.request('POST', `/gop-y/${c.slug}/bao-cao`, form({ itemId: String(rudeId - 1), website: '' }));
    expect(noToken.status).toBe(400);
    const trapped = await web.request('POST', `/gop-y/${c.slug}/bao-cao`, form({ itemId: String(rudeId - 1), token: repToken, website: 'x' }));
    expect(trapped.status).toBe(400);
    const rep = await web.request('POST', `/gop-y/${c.slug}/bao-cao`, form({ itemId: String(rudeId - 1), token: repToken, website: '' }));
    expect(rep.status).toBe(200);
    expect(rep.text).toContain('Đã nhận báo cáo');
    // a comment of another consultation reported through this page: 404
    const other = await openConsultation(t.school.id, staff.id, 'Dự thảo Nội quy sử dụng thư viện');
    const wrong = await web.request('POST', `/gop-y/${other.slug}/bao-cao`, form({ itemId: String(rudeId - 1), token: repToken, website: '' }));
    expect(wrong.status).toBe(404);

    // the staff API: list with reasons, then the response after closing, shown publicly
    const api = makeClient();
    await api.login(staff.email);
    const items = await api.get(`/api/feedback/consultations/${c.id}/items`);
    expect(items.status).toBe(200);
    expect(items.json.items.find((x: { id: number }) => x.id === rudeId)).toMatchObject({ visibility: 'hidden', hiddenReason: 'Ngôn từ thiếu văn hóa' });
    expect((await api.post(`/api/feedback/consultations/${c.id}/response`, { text: 'Chưa đóng mà đã trả lời thử.' })).status).toBe(409);
    advanceClock(11 * 86_400_000);
    const api2 = makeClient();
    await api2.login(staff.email);
    const resp = await api2.post(`/api/feedback/consultations/${c.id}/response`, { text: 'Anh/chị đề nghị cho học sinh gọi điện khi tan học muộn: nhà trường đã bổ sung vào Điều 2.' });
    expect(resp.status).toBe(200);
    expect(resp.json.status).toBe('answered');
    const pub = await web.get(`/gop-y/${c.slug}`);
    expect(pub.text).toContain('Anh/chị đã góp ý — chúng tôi đã làm');
    expect(pub.text).toContain('nhà trường đã bổ sung vào Điều 2.');
    expect(pub.text).not.toContain('id="h-form"');
    expect((await getConsultation(db(), c.id)).status).toBe('answered');

    const xlsx = await api2.get(`/api/feedback/consultations/${c.id}/export.xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
  });

  it('refuses oversized form posts with 413, by Content-Length and while reading a chunked body', async () => {
    const t = await makeTree();
    const c = await openConsultation(t.school.id);
    const app = createApp();
    const big = `body=${'a'.repeat(70 * 1024)}`;
    const byLength = await app.request(`/gop-y/${c.slug}`, { method: 'POST', headers: { origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' }, body: big });
    expect(byLength.status).toBe(413);
    expect(await byLength.text()).toContain('Nội dung gửi quá lớn');
    for (const path of [`/gop-y/${c.slug}`, `/gop-y/${c.slug}/bao-cao`, '/gop-y/y-kien', '/gop-y/yeu-cau-du-lieu', '/bao-chi/gui-cau-hoi']) {
      const chunk = new TextEncoder().encode('a'.repeat(16 * 1024));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(ctl) {
          if (sent++ < 8) ctl.enqueue(chunk);
          else ctl.close();
        },
      });
      const res = await app.request(path, {
        method: 'POST', headers: { origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' }, body: stream, duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(413);
      expect(sent).toBeLessThan(8);
    }
  });

  it('takes general feedback and data-subject requests from the portal forms', async () => {
    setClock(new Date('2026-12-04T03:00:00Z'));
    const t = await makeTree();
    const web = makeClient();
    // the form lists the top levels; a school comes from its site (?don-vi=) or the name search (test/feedback/unit-picker.test.ts)
    const g = await web.get(`/gop-y/y-kien?don-vi=${t.school.id}`);
    expect(g.status).toBe(200);
    const tokens = hidden(g.text, 'tokens');
    advanceClock(5_000);
    const sent = await web.request('POST', '/gop-y/y-kien', form({ tokens, unitId: String(t.school.id), subject: 'Đèn cổng trường', body: 'Đề nghị lắp thêm đèn chiếu sáng ở cổng trường.', website: '' }));
    expect(sent.status).toBe(200);
    expect(sent.text).toContain('Ý kiến của anh/chị đã được chuyển tới đơn vị');
    const noConsent = await web.request('POST', '/gop-y/y-kien', form({ tokens, unitId: String(t.school.id), body: 'Đề nghị lắp thêm đèn chiếu sáng ở cổng trường.', email: 'a@example.vn', website: '' }));
    expect(noConsent.status).toBe(400);
    expect(noConsent.text).toContain('đánh dấu đồng ý');

    const r = await web.get(`/gop-y/yeu-cau-du-lieu?don-vi=${t.school.id}`);
    advanceClock(5_000);
    const req = await web.request('POST', '/gop-y/yeu-cau-du-lieu', form({ tokens: hidden(r.text, 'tokens'), unitId: String(t.school.id), kind: 'erase', email: 'me@example.vn', website: '' }));
    expect(req.status).toBe(200);
    // Friday 4 December 2026 + 2 working days = Tuesday 8 December
    expect(req.text).toContain('08/12/2026');
  });
});
