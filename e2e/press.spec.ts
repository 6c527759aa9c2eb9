import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { expectNoHorizontalScroll, goToSection, signInOk } from './helpers';

test.describe('báo chí', () => {
  test('phóng viên gửi câu hỏi trên cổng; đầu mối giao và soạn, người phát ngôn duyệt và trả lời', async ({ browser, page }, testInfo) => {
    const subject = `Lịch thi học kỳ I (${testInfo.project.name})`;
    // a journalist, on the public form (the phone project runs it on a 390×844 screen)
    await page.goto('/bao-chi/gui-cau-hoi');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gửi câu hỏi của báo chí');
    await expectNoSeriousA11yViolations(page);
    await expectNoHorizontalScroll(page, testInfo);
    await page.getByLabel('Cơ quan nhận câu hỏi *').selectOption({ label: 'Sở Giáo dục và Đào tạo tỉnh Lam Sơn' });
    await page.getByLabel('Họ và tên phóng viên *').fill('Lưu Minh Châu');
    await page.getByLabel('Cơ quan báo chí').fill('Báo Giáo dục Lam Sơn');
    await page.getByLabel('Số điện thoại').fill('0978 330 215');
    await page.getByLabel('Chủ đề *').fill(subject);
    await page.getByLabel('Nội dung câu hỏi *').fill('Xin Sở cho biết lịch kiểm tra học kỳ I của các trường THPT trong tỉnh có thay đổi so với năm trước không?');
    await page.waitForTimeout(3_200); // the form refuses posts faster than 3 s
    await page.getByRole('button', { name: 'Gửi câu hỏi' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đã nhận câu hỏi');

    // the focal point assigns it to themselves and drafts the answer
    const focal = await browser.newPage({ viewport: page.viewportSize() ?? undefined });
    await signInOk(focal, 'daumoi.so@demo.loa.vn');
    await goToSection(focal, testInfo, 'Báo chí');
    await focal.getByRole('link', { name: subject }).click();
    await expect(focal.getByRole('heading', { name: subject })).toBeVisible();
    await focal.getByLabel('Giao cho').first().click();
    await focal.getByRole('option', { name: 'Đỗ Minh Tuấn' }).click();
    await focal.getByRole('button', { name: 'Giao xử lý' }).click();
    await expect(focal.getByText('Người xử lý: Đỗ Minh Tuấn')).toBeVisible();
    await focal.getByLabel('Dự thảo trả lời').fill('Lịch kiểm tra học kỳ I giữ ổn định như năm trước, từ ngày 20 tháng 12.');
    await focal.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await expect(focal.getByText('Đã có dự thảo')).toBeVisible();
    await expect(focal.getByRole('button', { name: 'Duyệt trả lời' })).toHaveCount(0);
    await expectNoHorizontalScroll(focal, testInfo);
    await focal.close();

    // the spokesperson approves and answers
    const sp = await browser.newPage({ viewport: page.viewportSize() ?? undefined });
    await signInOk(sp, 'phatngon.so@demo.loa.vn');
    await goToSection(sp, testInfo, 'Báo chí');
    await sp.getByRole('link', { name: subject }).click();
    await sp.getByRole('button', { name: 'Duyệt trả lời' }).click();
    await expect(sp.getByText('Đã duyệt', { exact: true })).toBeVisible();
    await sp.getByRole('button', { name: 'Xác nhận đã trả lời' }).click();
    await expect(sp.getByText('Đã trả lời', { exact: true })).toBeVisible();
    await expect(sp.getByText(/Đã trả lời lúc/)).toBeVisible();
    await expectNoSeriousA11yViolations(sp, { exclude: ['.mantine-Notifications-root'] }); // toasts fade in; settled colours pass
    await expectNoHorizontalScroll(sp, testInfo);
    await sp.close();
  });

  test('thông cáo báo chí và nội dung bác bỏ hiện trên cổng thông tin', async ({ page }, testInfo) => {
    await page.goto('/thong-cao-bao-chi');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thông cáo báo chí');
    await page.getByRole('link', { name: /kết quả kiểm tra các khoản thu đầu năm học/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Thông cáo báo chí về kết quả kiểm tra');
    await expect(page.locator('meta[property="og:type"]')).toHaveAttribute('content', 'article');
    await expectNoSeriousA11yViolations(page);
    await expectNoHorizontalScroll(page, testInfo);
    await page.goto('/cai-chinh-thong-tin');
    await page.getByRole('link', { name: /mười hai khoản/ }).first().click();
    await expect(page.getByRole('heading', { name: 'Các bài viết, bài đăng có thông tin này' })).toBeVisible();
    await expect(page.locator('main a[href*="tintucmientrung.demo.vn"]').first()).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
  });

  test('mời báo chí dự họp báo, điểm danh; bài bác bỏ chọn chuỗi tin nó trả lời', async ({ page }, testInfo) => {
    const outlet = testInfo.project.name.includes('phone') ? 'Báo Lam Sơn' : 'Báo Giáo dục Lam Sơn';
    await signInOk(page, 'daumoi.so@demo.loa.vn');
    await goToSection(page, testInfo, 'Báo chí');
    await page.getByRole('tab', { name: 'Họp báo, cung cấp thông tin' }).click();
    const conf = page.locator('.mantine-Card-root').filter({ hasText: 'Họp báo định kỳ quý' }).first();
    await conf.getByRole('button', { name: 'Khách mời và điểm danh' }).click();
    await conf.getByLabel('Mời thêm cơ quan báo chí, phóng viên').click();
    await page.getByRole('option', { name: `${outlet} (cả cơ quan)` }).click();
    await page.keyboard.press('Escape');
    await conf.getByRole('button', { name: 'Gửi lời mời' }).click();
    await expect(conf.getByText(/Mời [1-9]/)).toBeVisible();
    // the conference was held 20 days ago: who came is recorded
    await conf.getByRole('radiogroup', { name: `Điểm danh ${outlet}` }).getByText('Có mặt').click();
    await conf.getByRole('button', { name: 'Lưu điểm danh' }).click();
    await expect(conf.getByText(/Có mặt [1-9]/)).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page, { exclude: ['.mantine-Notifications-root'] });

    // a rebuttal linked to the monitoring thread it answers, picked by searching without diacritics
    const title = `Không có chuyện thu mười hai khoản (${testInfo.project.name})`;
    await page.getByRole('tab', { name: 'Cải chính' }).click();
    await page.getByLabel('Tiêu đề').fill(title);
    await page.getByLabel('Thông tin sai sự thật').fill('Trường thu mười hai khoản bắt buộc.');
    const picker = page.getByLabel('Chuỗi tin được trả lời').and(page.locator('input'));
    await picker.evaluate((el) => el.scrollIntoView({ block: 'center' })); // not under the phone's sticky header
    await picker.fill('le loi thu nhieu khoan');
    await page.getByRole('option', { name: /Lê Lợi phản ánh bị thu nhiều khoản/ }).first().click();
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    const card = page.locator('.mantine-Card-root').filter({ hasText: title }).first();
    await expect(card.getByText('Trả lời chuỗi tin: Phụ huynh Trường THCS Lê Lợi phản ánh bị thu nhiều khoản đầu năm')).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
  });
});
