import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { expectNoHorizontalScroll, goToSection, signInOk } from './helpers';

// toasts fade in: axe may catch one half-transparent; their settled colours pass (theme.ts)
const a11yExclude = { exclude: ['.mantine-Notifications-root'] };

test.describe('thông báo nội bộ / định hướng thông tin', () => {
  test('Sở soạn định hướng thông tin, người phát ngôn duyệt, trường đọc và xác nhận, Sở thấy tình hình đọc', async ({ page }, testInfo) => {
    const title = `Định hướng thông tin về phản ánh thu tiền đầu năm (${testInfo.project.name})`;

    // 1. the Sở's focal point writes the line to take
    await signInOk(page, 'daumoi.so@demo.loa.vn');
    await goToSection(page, testInfo, 'Thông báo nội bộ');
    await page.getByRole('tab', { name: 'Đơn vị đã soạn/gửi' }).click();
    await expect(page.getByText('Định hướng thông tin về việc học sinh Trường Tiểu học Kim Đồng')).toBeVisible();
    await page.getByRole('link', { name: 'Soạn thông báo' }).click();
    await expect(page.getByRole('heading', { name: 'Soạn thông báo / định hướng thông tin' })).toBeVisible();
    await expect(page.getByLabel('Đơn vị ban hành').first()).toHaveValue('Sở Giáo dục và Đào tạo tỉnh Lam Sơn');
    await page.getByRole('textbox', { name: 'Tiêu đề' }).fill(title);
    await page.getByRole('textbox', { name: 'Nội dung' }).fill(
      'Các khoản thu đầu năm thực hiện theo Nghị quyết của HĐND tỉnh; nhà trường không thu các khoản ngoài quy định.\n\nPhụ huynh có phản ánh, đề nghị liên hệ trực tiếp Ban giám hiệu.',
    );
    await page.getByRole('checkbox', { name: 'Yêu cầu người nhận bấm "Xác nhận đã nhận"' }).check();
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page, a11yExclude);
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
    await expect(page.getByText('Chờ người phát ngôn hoặc lãnh đạo đơn vị duyệt')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Duyệt', exact: true })).toHaveCount(0);
    const detailUrl = page.url();

    // 2. the spokesperson approves
    await page.context().clearCookies();
    await signInOk(page, 'phatngon.so@demo.loa.vn');
    await page.goto(detailUrl);
    await page.getByRole('button', { name: 'Duyệt', exact: true }).click();
    await expect(page.getByText('Đã duyệt, chờ gửi')).toBeVisible();

    // 3. the focal point sends it down the tree
    await page.context().clearCookies();
    await signInOk(page, 'daumoi.so@demo.loa.vn');
    await page.goto(detailUrl);
    await page.getByRole('button', { name: 'Gửi xuống các đơn vị' }).click();
    await expect(page.getByText(/Đã gửi đến \d+ người\./)).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Tình hình đọc' })).toBeVisible();

    // 4. a school's focal point reads and acknowledges it
    await page.context().clearCookies();
    await signInOk(page, 'daumoi.kimdong@demo.loa.vn');
    await goToSection(page, testInfo, 'Thông báo nội bộ');
    const card = page.getByRole('link', { name: new RegExp(title.replace(/[()]/g, '.')) });
    await expect(card).toContainText('Chưa đọc');
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page, a11yExclude);
    // she also wants notices on Zalo
    await page.getByLabel('Mã người dùng Zalo').fill('5123456789');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expect(page.getByText(/Đã lưu mã Zalo/)).toBeVisible();
    await card.click();
    await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
    await expect(page.getByText(/Anh\/chị đã đọc lúc/)).toBeVisible();
    await page.getByRole('button', { name: 'Xác nhận đã nhận' }).click();
    await expect(page.getByText(/Anh\/chị đã xác nhận nhận lúc/)).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page, a11yExclude);

    // 5. the sender sees the receipt
    await page.context().clearCookies();
    await signInOk(page, 'daumoi.so@demo.loa.vn');
    await page.goto(detailUrl);
    await expect(page.getByText(/^1\/\d+ người đã đọc$/)).toBeVisible();
    await page.getByText(/^Tất cả \(\d+\)$/).click();
    const row = page.getByText('Cao Thị Minh Nguyệt').locator('xpath=ancestor::div[contains(@class,"mantine-Group-root")][1]');
    await expect(row).toContainText('Đã xác nhận');
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page, a11yExclude);
  });
});
