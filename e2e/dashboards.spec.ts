import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { expectNoHorizontalScroll, goToSection, signInOk } from './helpers';

test.describe('bảng điều khiển', () => {
  test('Lãnh đạo Sở xem bảng điều khiển, đi xuống xã rồi đến trường', async ({ page }, testInfo) => {
    await signInOk(page, 'giamdoc.so@demo.loa.vn');
    await goToSection(page, testInfo, 'Bảng điều khiển');
    await expect(page.getByRole('heading', { level: 2, name: 'Bảng điều khiển: Sở Giáo dục và Đào tạo tỉnh Lam Sơn' })).toBeVisible();
    await expect(page.getByTestId('dsh-period')).toContainText('Tháng');
    await page.getByRole('radiogroup', { name: 'Kỳ xem số liệu' }).getByText('Năm học', { exact: true }).click();
    await expect(page.getByTestId('dsh-period')).toContainText('Năm học');
    await expect(page.getByRole('heading', { name: 'Chỉ tiêu tin bài theo tuần' })).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page);

    await page.getByTestId('dsh-units').getByRole('link', { name: 'Ủy ban nhân dân phường Bình Minh' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Bảng điều khiển: Ủy ban nhân dân phường Bình Minh' })).toBeVisible();
    await expect(page.getByTestId('dsh-period')).toContainText('Năm học'); // the period stays while drilling down
    await expect(page.getByRole('navigation', { name: 'Đơn vị cấp trên' })).toContainText('Sở Giáo dục và Đào tạo tỉnh Lam Sơn');
    await expectNoHorizontalScroll(page, testInfo);

    await page.getByTestId('dsh-units').getByRole('link', { name: 'Trường THCS Lê Lợi' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Bảng điều khiển: Trường THCS Lê Lợi' })).toBeVisible();
    await expect(page.getByTestId('dsh-schools')).toHaveText('1');
    await page.getByText('Xem dạng bảng').first().click();
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('navigation', { name: 'Đơn vị cấp trên' }).getByRole('link', { name: 'Sở Giáo dục và Đào tạo tỉnh Lam Sơn' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Bảng điều khiển: Sở Giáo dục và Đào tạo tỉnh Lam Sơn' })).toBeVisible();
  });

  test('Hiệu trưởng chỉ xem được trường mình', async ({ page }, testInfo) => {
    await signInOk(page, 'hieutruong.leloi@demo.loa.vn');
    await goToSection(page, testInfo, 'Bảng điều khiển');
    await expect(page.getByRole('heading', { level: 2, name: 'Bảng điều khiển: Trường THCS Lê Lợi' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Đơn vị cấp trên' })).toHaveCount(0);
    await expectNoHorizontalScroll(page, testInfo);
  });
});
