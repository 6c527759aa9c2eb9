import { expect, test } from '@playwright/test';
import { type OldSite, startOldSite } from '../test/fixtures/old-site/site';
import { expectNoSeriousA11yViolations } from './axe';
import { expectNoHorizontalScroll, goToSection, signInOk } from './helpers';

/**
 * Moving in from an old website through the admin UI. The "old site" runs in
 * the test on 127.0.0.1 (a fresh port per test, so each run's pages are new to
 * Loa); the server is started with LOA_FETCH_ALLOW=127.0.0.1 (playwright.config.ts).
 */
let site: OldSite;
test.beforeEach(async () => {
  site = await startOldSite();
});
test.afterEach(async () => {
  await site.close();
});

test.describe('chuyển dữ liệu từ trang cũ', () => {
  test('biên tập viên trường chuyển tin từ nguồn RSS, theo dõi tiến độ tới 100% và đọc báo cáo', async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    await signInOk(page, 'bientap.leloi@demo.loa.vn');
    await goToSection(page, testInfo, 'Chuyển dữ liệu từ trang cũ');
    await expect(page.getByLabel('Đơn vị nhận dữ liệu').first()).toHaveValue(/Lê Lợi/);
    await page.getByRole('textbox', { name: 'Địa chỉ trang cũ' }).fill(`${site.url}/rss.xml`);
    await page.getByRole('button', { name: 'Kiểm tra nguồn' }).click();
    await expect(page.getByText('Nguồn có 8 trang')).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);

    await page.getByRole('button', { name: 'Bắt đầu chuyển' }).click();
    await expect(page.getByTestId('site-import-progress')).toHaveText('Đã xử lý 8/8 trang (100%)', { timeout: 60_000 });
    await expect(page.getByRole('progressbar', { name: 'Tiến độ chuyển dữ liệu' })).toHaveAttribute('aria-valuenow', '100');
    await expect(page.getByText('Đã chuyển 5 bài, bỏ qua 1, lỗi 2.')).toBeVisible();

    const report = page.getByRole('table', { name: 'Báo cáo chuyển dữ liệu' });
    await expect(report).toContainText('Trường THCS Nguyễn Du khai giảng năm học 2026 - 2027');
    await page.getByRole('tab', { name: 'Lỗi (2)' }).click();
    await expect(report).toContainText('Trang cũ trả về lỗi 404.');
    await expect(report).toContainText('Trang lớn hơn giới hạn 3 MB.');
    await expect(report).not.toContainText('khai giảng');
    await page.getByRole('tab', { name: 'Bỏ qua (1)' }).click();
    await expect(report).toContainText('Địa chỉ thuộc trang web khác');
    await expect(page.getByRole('link', { name: 'Tải báo cáo (CSV)' })).toHaveAttribute('href', /\/api\/site-imports\/\d+\/report\.csv$/);
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page);

    // the imported article is in the newsroom, published with its photo and the old address
    await page.getByRole('tab', { name: 'Đã chuyển (5)' }).click();
    await report.getByRole('link', { name: 'Trường THCS Nguyễn Du khai giảng năm học 2026 - 2027' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Trường THCS Nguyễn Du khai giảng năm học 2026 - 2027' })).toBeVisible();
    await expect(page.getByText('Nguồn:').first()).toBeVisible();
  });
});
