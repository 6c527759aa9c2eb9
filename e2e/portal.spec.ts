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

test.describe('tin tức trên cổng', () => {
  test('trang chủ có tin mới, mở một bài có ảnh', async ({ page }, testInfo) => {
    await page.goto('/');
    const news = page.getByRole('region', { name: 'Tin tức mới' });
    const heading = news.getByRole('heading', { level: 3 }).first();
    await expect(heading).toBeVisible();
    await expect(news.locator('img').first()).toBeVisible();
    const title = (await heading.innerText()).trim();
    await expectNoHorizontalScroll(page, testInfo);
    await heading.getByRole('link').click();
    await expect(page).toHaveURL(/\/tin-tuc\/[a-z0-9-]+$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.locator('article figure img').first()).toBeVisible();
    await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', /\/media\/[0-9a-f]{64}$/);
    await expectNoHorizontalScroll(page, testInfo);
  });

  test('tìm tin bài không dấu', async ({ page }, testInfo) => {
    await page.goto('/tim-kiem');
    await page.getByLabel('Từ khóa (gõ có dấu hoặc không dấu)').fill('hoc sinh');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await expect(page.getByRole('status')).toContainText('Tìm thấy');
    await expect(page.getByRole('link', { name: /Hai học sinh THCS Lê Lợi trả lại ví tiền/ })).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
  });
});
