import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { expectNoHorizontalScroll, goToSection, isPhone, signInOk } from './helpers';

/** 'Tháng M/YYYY' of the month `back` months before this one (each project uses its own month: one report per unit and period). */
function monthLabel(back: number): string {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - back);
  return `Tháng ${d.getMonth() + 1}/${d.getFullYear()}`;
}

test.describe('báo cáo', () => {
  test('hiệu trưởng lập báo cáo dư luận tháng từ số liệu, sửa, ký duyệt, tải về và gửi cấp trên; cấp trên thấy trong hộp báo cáo', async ({ page }, testInfo) => {
    const month = monthLabel(isPhone(testInfo) ? 3 : 2);
    await signInOk(page, 'hieutruong.leloi@demo.loa.vn');
    await goToSection(page, testInfo, 'Báo cáo');
    await expectNoHorizontalScroll(page, testInfo);

    await page.getByRole('combobox', { name: 'Tháng' }).click();
    await page.getByRole('option', { name: month, exact: true }).click();
    await page.getByRole('button', { name: 'Tạo báo cáo' }).click();

    // the numbers are drawn by a job: progress, then the draft
    await expect(page.getByRole('heading', { level: 2, name: /Báo cáo Tình hình thông tin, dư luận xã hội tháng/ })).toBeVisible();
    await expect(page.getByText('Dự thảo', { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('region', { name: 'I. TÌNH HÌNH THÔNG TIN, DƯ LUẬN' })).toContainText('hệ thống theo dõi ghi nhận');
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page);

    const assessment = page.getByRole('region', { name: /ĐÁNH GIÁ CHUNG, PHƯƠNG HƯỚNG VÀ ĐỀ XUẤT/ });
    await assessment.getByLabel('Nhận định, đánh giá').fill('Dư luận về nhà trường ổn định; đề nghị tiếp tục đăng tin về hoạt động trải nghiệm.');
    await page.getByRole('button', { name: 'Lưu phần nhận định' }).click();
    await expect(page.getByText('Đã lưu báo cáo.')).toBeVisible();

    await page.getByRole('button', { name: 'Ký duyệt' }).click();
    await expect(page.getByText('Đã ký duyệt', { exact: true })).toBeVisible();
    await expect(assessment).toContainText('Dư luận về nhà trường ổn định');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải DOCX' }).click();
    expect((await download).suggestedFilename()).toMatch(/^bao-cao-du-luan-.*\.docx$/);

    await page.getByRole('button', { name: 'Gửi cấp trên' }).click();
    await expect(page.getByText('Đã gửi cấp trên', { exact: true })).toBeVisible();
    await expect(page.getByText(/Ủy ban nhân dân phường Bình Minh ·/)).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page);
  });

  test('đầu mối phường thấy báo cáo của trường trong hộp báo cáo cấp dưới gửi lên', async ({ page }, testInfo) => {
    await signInOk(page, 'daumoi.binhminh@demo.loa.vn');
    await goToSection(page, testInfo, 'Báo cáo');
    await page.getByRole('tab', { name: 'Cấp dưới gửi lên' }).click();
    const inbox = page.getByRole('list', { name: 'Báo cáo cấp dưới gửi lên' });
    await expect(inbox).toContainText('Trường THCS Lê Lợi: Tình hình thông tin, dư luận xã hội');
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page);
  });

  test('hiệu trưởng thu hồi báo cáo đã gửi nhầm kèm lý do: báo cáo về dự thảo, ghi rõ lúc nào và vì sao', async ({ page }, testInfo) => {
    const month = monthLabel(isPhone(testInfo) ? 5 : 4);
    await signInOk(page, 'hieutruong.leloi@demo.loa.vn');
    await goToSection(page, testInfo, 'Báo cáo');
    await page.getByRole('combobox', { name: 'Tháng' }).click();
    await page.getByRole('option', { name: month, exact: true }).click();
    await page.getByRole('button', { name: 'Tạo báo cáo' }).click();
    await expect(page.getByText('Dự thảo', { exact: true })).toBeVisible({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Ký duyệt' }).click();
    await expect(page.getByText('Đã ký duyệt', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Thu hồi', exact: true })).toHaveCount(0); // only a submitted report is recalled
    await page.getByRole('button', { name: 'Gửi cấp trên' }).click();
    await expect(page.getByText('Đã gửi cấp trên', { exact: true })).toBeVisible();

    await page.getByRole('button', { name: 'Thu hồi', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Thu hồi báo cáo đã gửi' });
    await expect(dialog).toContainText('Ủy ban nhân dân phường Bình Minh');
    await expect(dialog.getByRole('button', { name: 'Thu hồi báo cáo' })).toBeDisabled(); // a reason is required
    await dialog.getByLabel('Lý do thu hồi').fill('Số liệu tin bài của tháng bị nhập nhầm, nhà trường rà soát và gửi lại.');
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page);
    await dialog.getByRole('button', { name: 'Thu hồi báo cáo' }).click();

    await expect(page.getByText('Đã thu hồi báo cáo về dự thảo.')).toBeVisible();
    await expect(page.getByText('Dự thảo', { exact: true })).toBeVisible();
    await expect(page.getByText(/Đã thu hồi lúc .+ vì: Số liệu tin bài của tháng bị nhập nhầm/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Thu hồi', exact: true })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Ký duyệt' })).toBeVisible(); // sign and send again as usual
    await expect(page.getByRole('button', { name: 'Lưu phần nhận định' })).toBeVisible(); // editable again
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page);
  });

  test('đầu mối phường không còn thấy báo cáo đã thu hồi trong hộp báo cáo và nhận thông báo kèm lý do', async ({ page }, testInfo) => {
    const sent = new Date();
    sent.setDate(1);
    sent.setMonth(sent.getMonth() - (isPhone(testInfo) ? 3 : 2));
    const recalled = new Date();
    recalled.setDate(1);
    recalled.setMonth(recalled.getMonth() - (isPhone(testInfo) ? 5 : 4));
    const title = (d: Date) => `Trường THCS Lê Lợi: Tình hình thông tin, dư luận xã hội tháng ${d.getMonth() + 1} năm ${d.getFullYear()}`;
    await signInOk(page, 'daumoi.binhminh@demo.loa.vn');
    await goToSection(page, testInfo, 'Báo cáo');
    await page.getByRole('tab', { name: 'Cấp dưới gửi lên' }).click();
    const inbox = page.getByRole('list', { name: 'Báo cáo cấp dưới gửi lên' });
    await expect(inbox).toContainText(title(sent));
    await expect(inbox).not.toContainText(title(recalled));
    const notices = await (await page.request.get('/api/monitoring/notices')).json();
    const notice = notices.items.find((n: { title: string; body: string }) => n.title === 'Trường THCS Lê Lợi thu hồi báo cáo đã gửi' && n.body.includes(`tháng ${recalled.getMonth() + 1} năm ${recalled.getFullYear()}`));
    expect(notice?.body).toContain('Lý do: Số liệu tin bài của tháng bị nhập nhầm');
    await expectNoHorizontalScroll(page, testInfo);
  });
});
