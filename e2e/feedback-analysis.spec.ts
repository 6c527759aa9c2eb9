import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations as a11y } from './axe';
import { expectNoHorizontalScroll, signInOk } from './helpers';

/**
 * Feedback analysis: a Sở editor records three comments on a draft (hotline intake),
 * opens the analysis page, retrains the suggestions, accepts one in one click and corrects
 * another; the progress follows.
 */
test.describe('phân tích ý kiến góp ý', () => {
  test('biên tập viên Sở mã hóa ý kiến với gợi ý và xem tiến độ', async ({ page }, testInfo) => {
    await signInOk(page, 'bientap.so@demo.loa.vn');
    const session = await (await page.request.get('/api/auth/session')).json();
    const unitId = session.user.assignments[0].unitId as number;
    const headers = { 'x-csrf-token': session.csrfToken, origin: new URL(page.url()).origin };
    const title = `Dự thảo quy định các khoản thu ${testInfo.project.name}`;
    const made = await page.request.post('/api/feedback/consultations', {
      headers,
      data: { unitId, title, text: 'Điều 1. Các khoản thu\nNhà trường chỉ thu các khoản đã công khai.\n\nĐiều 2. Dạy thêm\nKhông dạy thêm có thu tiền với học sinh tiểu học.', opensAt: '2026-11-01T00:00:00Z', closesAt: '2026-12-31T00:00:00Z' },
    });
    expect(made.status(), await made.text()).toBe(201);
    const id = (await made.json()).id as number;
    for (const [stance, body] of [
      ['disagree', 'Khoản thu tự nguyện mà giao chỉ tiêu từng lớp, phụ huynh không kham nổi, đề nghị bỏ.'],
      ['agree', 'Tôi rất đồng tình cấm dạy thêm có thu tiền với học sinh tiểu học.'],
      [null, 'Xin hỏi thời hạn góp ý cho dự thảo này đến ngày nào ạ?'],
    ] as const) {
      const r = await page.request.post('/api/feedback/hotline', { headers, data: { unitId, consultationId: id, stance, body } });
      expect(r.status(), await r.text()).toBeLessThan(300);
    }

    await page.goto(`/admin/gop-y/phan-tich/${id}`);
    await expect(page.getByRole('heading', { name: `Phân tích ý kiến: ${title}` })).toBeVisible();
    await expect(page.getByText('Đã mã hóa 0/3 ý kiến (0%)')).toBeVisible();
    await page.getByRole('button', { name: 'Huấn luyện lại' }).click();
    await expect(page.getByText(/Độ chính xác đo được \(macro-F1\)/)).toBeVisible();

    const first = page.getByRole('article').filter({ hasText: 'giao chỉ tiêu từng lớp' });
    await expect(first.getByText('Gợi ý:')).toBeVisible();
    await first.getByRole('button', { name: 'Chấp nhận' }).click();
    await expect(page.getByText('Đã mã hóa 1/3 ý kiến (33%)')).toBeVisible();

    const third = page.getByRole('article').filter({ hasText: 'thời hạn góp ý' });
    await third.getByRole('button', { name: 'Sửa' }).click();
    await third.getByText('Trung lập', { exact: true }).click();
    await third.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect(page.getByText('Đã mã hóa 2/3 ý kiến (67%)')).toBeVisible();
    await page.getByRole('radiogroup', { name: 'Lọc ý kiến' }).getByText('Đã mã hóa', { exact: true }).click();
    await expect(page.getByRole('article').filter({ hasText: 'thời hạn góp ý' }).getByText(/Đã sửa gợi ý|Chấp nhận gợi ý/)).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await a11y(page);
  });
});
