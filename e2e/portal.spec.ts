import { expect, test } from '@playwright/test';
import { expectNoHorizontalScroll } from './helpers';

test.describe('cổng thông tin công khai', () => {
  test('trang chủ hiển thị', async ({ page }, testInfo) => {
    const res = await page.goto('/');
    expect(res?.status()).toBe(200);
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
    await expect(page.locator('body')).toContainText('Lam Sơn');
    await expectNoHorizontalScroll(page, testInfo);
  });

  test('tìm đơn vị không dấu', async ({ page }, testInfo) => {
    await page.goto(`/don-vi?q=${encodeURIComponent('nguyen du')}`);
    await expect(page.getByText('Trường Tiểu học Nguyễn Du').first()).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
  });

  test('danh sách người phát ngôn', async ({ page }, testInfo) => {
    await page.goto('/nguoi-phat-ngon');
    await expect(page.getByText('Phạm Thị Hoà').first()).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
  });
});
