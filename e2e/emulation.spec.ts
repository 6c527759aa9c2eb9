import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { expectNoHorizontalScroll, goToSection, isPhone, signInOk } from './helpers';

test.describe('lịch nghĩa vụ và thi đua', () => {
  test('đơn vị xem việc phải nộp; Sở thấy đơn vị trễ hạn và nhắc bằng một lần bấm', async ({ page }, testInfo) => {
    // A commune office sees what it owes: its monthly reports, the past ones late.
    await signInOk(page, 'daumoi.binhminh@demo.loa.vn');
    await goToSection(page, testInfo, 'Lịch nghĩa vụ');
    await expect(page.getByRole('region', { name: 'Lịch tháng' }).or(page.getByLabel('Lịch tháng'))).toBeVisible();
    await page.getByRole('button', { name: 'Tháng trước' }).click();
    const own = page.getByRole('list', { name: 'Các hạn trong tháng' });
    await expect(own).toContainText('Báo cáo tình hình dư luận');
    await expect(own).toContainText('Trễ hạn, chưa nộp');
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page);

    // The Sở's focal point chases the late communes (desktop this month, phone the month before: one shared database).
    await page.context().clearCookies();
    await signInOk(page, 'daumoi.so@demo.loa.vn');
    await goToSection(page, testInfo, 'Lịch nghĩa vụ');
    if (isPhone(testInfo)) {
      await page.getByRole('button', { name: 'Tháng trước' }).click();
      await page.getByRole('button', { name: 'Tháng trước' }).click();
    }
    await page.getByRole('tab', { name: 'Đơn vị cấp dưới' }).click();
    const card = page.getByRole('region', { name: /Báo cáo tình hình dư luận/ }).first();
    await expect(card).toContainText('Ủy ban nhân dân xã Tân Lập');
    await expect(card).toContainText('Trễ hạn, chưa nộp');
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page);
    await card.getByLabel('Lời nhắn kèm theo (không bắt buộc)').fill('Đề nghị các đơn vị gửi báo cáo trong ngày.');
    await card.getByRole('button', { name: /Nhắc \d+ đơn vị trễ hạn/ }).click();
    await expect(page.getByText(/Đã nhắc \d+ đơn vị/)).toBeVisible();
    await expect(card.getByText(/Đã nhắc lúc/).first()).toBeVisible();
    await expect(card.getByRole('button', { name: /Nhắc \d+ đơn vị trễ hạn/ })).toHaveCount(0);

    // The deadline's page records the chase.
    await card.getByRole('link', { name: 'Ủy ban nhân dân xã Tân Lập' }).click();
    await expect(page.getByRole('heading', { name: 'Hạn nộp' })).toBeVisible();
    await expect(page.getByRole('table')).toContainText('Đề nghị các đơn vị gửi báo cáo trong ngày.');
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page);
  });

  test('Sở cấu hình tiêu chí thi đua, xem bảng xếp hạng và mở minh chứng', async ({ page }, testInfo) => {
    await signInOk(page, 'daumoi.so@demo.loa.vn');
    await goToSection(page, testInfo, 'Thi đua');
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('link', { name: 'Tạo bảng thi đua' }).click();
    await expect(page.getByRole('heading', { name: 'Tạo bảng thi đua' })).toBeVisible();
    const title = `Thi đua truyền thông khối trường (${testInfo.project.name === 'phone' ? 'điện thoại' : 'máy tính'})`;
    await page.getByLabel('Tên bảng thi đua').fill(title);
    await page.getByRole('combobox', { name: 'Chỉ số' }).click();
    await page.getByRole('option', { name: 'Số tin bài đã đăng' }).click();
    await expect(page.getByLabel('Tên tiêu chí')).toHaveValue('Số tin bài đã đăng');
    await page.getByLabel('Điểm tối đa (trọng số)').fill('100');
    await page.getByLabel(/Mức đạt đủ điểm/).fill('2');
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Lưu bảng thi đua' }).click();

    await expect(page.getByRole('heading', { name: title })).toBeVisible();
    const ranking = page.getByLabel('Bảng xếp hạng');
    await expect(ranking).toContainText('Trường THCS Lê Lợi');
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page);

    // Lê Lợi published at least two articles this school year (the demo's two, plus any other
    // specs published meanwhile on the shared server): full marks, and each article is a link.
    const cell = page.getByRole('button', { name: /Minh chứng của Trường THCS Lê Lợi cho tiêu chí Số tin bài đã đăng: \d+, 100 điểm/ });
    const count = Number((await cell.getAttribute('aria-label'))?.match(/: (\d+), 100 điểm/)?.[1]);
    expect(count).toBeGreaterThanOrEqual(2);
    await cell.click();
    const evidence = page.getByRole('list', { name: 'Danh sách minh chứng' });
    await expect(evidence.getByRole('link')).toHaveCount(count);
    await evidence.getByRole('link').first().click();
    await expect(page).toHaveURL(/\/admin\/tin-bai\/\d+$/);
    await expectNoHorizontalScroll(page, testInfo);
  });
});
