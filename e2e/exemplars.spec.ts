import { expect, test } from '@playwright/test';
import { expectNoHorizontalScroll, goToSection, signInOk } from './helpers';

test.describe('gương điển hình', () => {
  test('Ban biên tập Sở xem danh sách, hồ sơ đã đăng và mẫu đề cử', async ({ page }, testInfo) => {
    await signInOk(page, 'bientap.so@demo.loa.vn');
    await goToSection(page, testInfo, 'Gương điển hình');
    const list = page.getByRole('list', { name: 'Danh sách gương điển hình' });
    await expect(list).toContainText('Thầy Hoàng Văn Sơn');
    await expectNoHorizontalScroll(page, testInfo);
    await page.getByRole('tab', { name: 'Chờ duyệt' }).click();
    await expect(list).not.toContainText('Thư viện xanh');
    await page.getByRole('link', { name: 'Thầy Hoàng Văn Sơn' }).click();
    await expect(page.getByRole('button', { name: 'Duyệt', exact: true })).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await page.getByRole('link', { name: 'Về danh sách gương điển hình' }).click();
    await page.getByRole('link', { name: 'Đề cử gương mới' }).click();
    await expect(page.getByRole('heading', { name: 'Đề cử gương điển hình' })).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
  });

  test('cổng thông tin hiện gương đã đăng, không hiện gương chờ duyệt', async ({ page }, testInfo) => {
    await page.goto('/guong-dien-hinh');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gương người tốt, việc tốt');
    await expect(page.locator('main')).not.toContainText('Hoàng Văn Sơn');
    await expectNoHorizontalScroll(page, testInfo);
    await page.getByRole('link', { name: 'Mô hình hay', exact: true }).click();
    await page.getByRole('link', { name: /Thư viện xanh/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Thư viện xanh');
    await expect(page.getByRole('heading', { name: 'Thành tích tiêu biểu' })).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
  });
});
