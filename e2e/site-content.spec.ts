import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { expectNoHorizontalScroll, goToSection, isPhone, signInOk } from './helpers';

/**
 * Site content of a unit's website (issue 5): every page type passes axe-core
 * (no serious or critical violation) and fits a 390×844 phone; a visitor's
 * message lands in the unit's inbox in Loa; the page rating works without script.
 */
const SITE = '/don-vi/DEMO-THCS-LELOI';
const a11y = (page: Parameters<typeof expectNoSeriousA11yViolations>[0]) => expectNoSeriousA11yViolations(page);

test.describe('nội dung trang đơn vị', () => {
  test('mọi loại trang đạt kiểm tra tiếp cận và vừa màn hình điện thoại', async ({ page }, testInfo) => {
    await page.goto(`${SITE}/tuyen-sinh`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tuyển sinh');
    await expect(page.locator('main')).toContainText('Đang nhận hồ sơ');
    await expect(page.locator('main')).toContainText('Đã hết hạn nhận hồ sơ');
    await a11y(page);
    await expectNoHorizontalScroll(page, testInfo);

    await page.getByRole('link', { name: /Thông báo tuyển sinh vào lớp 6/ }).click();
    await expect(page.getByRole('heading', { name: 'Các mốc thời gian' })).toBeVisible();
    await a11y(page);
    await expectNoHorizontalScroll(page, testInfo);

    await page.goto(`${SITE}/lich-cong-tac`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lịch công tác');
    await expect(page.locator('main')).toContainText('Chào cờ đầu tuần');
    await a11y(page);
    await expectNoHorizontalScroll(page, testInfo);
    await page.getByRole('link', { name: /Tuần sau/ }).click();
    await expect(page.locator('main')).not.toContainText('Chào cờ đầu tuần');
    await page.getByRole('link', { name: /Tuần trước/ }).click();
    await expect(page.locator('main')).toContainText('Chào cờ đầu tuần');

    await page.goto(`${SITE}/thu-vien-anh`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thư viện ảnh');
    await a11y(page);
    await expectNoHorizontalScroll(page, testInfo);
    await page.getByRole('link', { name: 'Ngày hội đọc sách và thư viện xanh' }).click();
    await expect(page.getByRole('img', { name: 'Góc đọc sách ngoài trời của thư viện xanh' })).toBeVisible();
    await a11y(page);
    await expectNoHorizontalScroll(page, testInfo);

    await page.goto(`${SITE}/video`);
    await expect(page.getByRole('link', { name: /Xem video trên YouTube/ })).toHaveAttribute('href', /^https:\/\/www\.youtube\.com\/watch\?v=/);
    expect(await page.locator('iframe').count()).toBe(0);
    await a11y(page);
    await expectNoHorizontalScroll(page, testInfo);

    await page.goto(`${SITE}/hoi-dap`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hỏi – đáp');
    await page.getByText('Trường có tổ chức bán trú cho học sinh không?').click();
    await expect(page.getByText('Nhà trường tổ chức bán trú cho học sinh có nhu cầu', { exact: false })).toBeVisible();
    await page.getByLabel('Tìm câu hỏi').fill('hoc phi');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await expect(page.getByRole('status')).toContainText('1 câu hỏi khớp');
    await a11y(page);
    await expectNoHorizontalScroll(page, testInfo);

    await page.goto(`${SITE}/lien-ket`);
    await expect(page.getByRole('link', { name: 'Cổng dịch vụ công quốc gia' })).toHaveAttribute('rel', /nofollow/);
    await a11y(page);
    await expectNoHorizontalScroll(page, testInfo);

    // the page rating: a plain form, redirected back to the thanks
    await page.getByRole('radio', { name: '4 – Hữu ích' }).check();
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await expect(page).toHaveURL(/\/lien-ket#cam-on-danh-gia$/);
    await expect(page.getByText('Cảm ơn bạn đã đánh giá trang này.')).toBeVisible();
  });

  test('người xem gửi ý kiến và ý kiến vào hộp thư của đơn vị', async ({ page }, testInfo) => {
    const subject = `Hỏi lịch họp phụ huynh (${isPhone(testInfo) ? 'điện thoại' : 'máy tính'})`;
    await page.goto(`${SITE}/gui-y-kien`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gửi ý kiến');
    await a11y(page);
    await expectNoHorizontalScroll(page, testInfo);
    await page.getByLabel('Họ và tên *').fill('Phạm Thị Hương');
    await page.getByLabel('Số điện thoại').fill('0912 222 333');
    await page.getByLabel('Tiêu đề *').fill(subject);
    await page.getByLabel('Nội dung *').fill('Kính gửi nhà trường, xin cho biết lịch họp phụ huynh học kỳ I của khối 7. Tôi cảm ơn.');
    await page.waitForTimeout(3_200); // the form refuses posts made faster than 3 s after the page was shown
    await page.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đã gửi ý kiến');
    await a11y(page);

    await signInOk(page, 'bientap.leloi@demo.loa.vn');
    await goToSection(page, testInfo, 'Hộp thư góp ý');
    await page.getByRole('button', { name: subject }).click();
    await expect(page.getByRole('dialog', { name: subject })).toContainText('Phạm Thị Hương');
    await page.getByLabel('Ghi chú trả lời').fill('Đã gọi điện báo lịch họp ngày thứ Bảy.');
    await page.getByRole('button', { name: 'Đánh dấu đã xử lý' }).click();
    await expect(page.getByText('Đã đánh dấu đã xử lý.')).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
  });

  test('biên tập viên trường quản lý nội dung trang trên quản trị', async ({ page }, testInfo) => {
    await signInOk(page, 'bientap.leloi@demo.loa.vn');
    await goToSection(page, testInfo, 'Nội dung trang đơn vị');
    await expect(page.getByText(/Thông báo tuyển sinh vào lớp 6/)).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await page.getByRole('tab', { name: 'Lịch công tác' }).click();
    await expect(page.getByText(/Chào cờ đầu tuần/)).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await page.getByRole('tab', { name: 'Hỏi – đáp' }).click();
    await page.getByRole('button', { name: 'Thêm câu hỏi' }).click();
    const question = `Trường có câu lạc bộ bóng đá cho học sinh ${isPhone(testInfo) ? 'khối 6' : 'khối 7'} không?`;
    await page.getByRole('textbox', { name: 'Câu hỏi', exact: true }).fill(question);
    await page.getByRole('textbox', { name: 'Trả lời' }).fill('Có. Câu lạc bộ sinh hoạt chiều thứ Năm hằng tuần.');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expect(page.getByText(question)).toBeVisible();
    await goToSection(page, testInfo, 'Đánh giá trang');
    await expect(page.getByText('Số lượt đánh giá').first()).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
  });
});
