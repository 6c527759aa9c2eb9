import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { expectNoHorizontalScroll, goToSection, signInOk } from './helpers';

// The whole page is checked, the shared admin frame included.
const a11y = (page: Parameters<typeof expectNoSeriousA11yViolations>[0]) => expectNoSeriousA11yViolations(page);

/**
 * The triage inbox (monitoring, M2): a hotline note about the Sở becomes a
 * story; an analyst opens it from the inbox, corrects its tone and category,
 * and moves it to "reviewed" — on desktop and on a phone.
 */
test.describe('theo dõi báo chí — hộp tin cần xử lý', () => {
  test('mở một tin, sửa nhãn, chuyển trạng thái', async ({ page }, testInfo) => {
    await signInOk(page, 'phantich.so@demo.loa.vn');
    const session = await (await page.request.get('/api/auth/session')).json();
    const unitId = session.user.assignments[0].unitId as number;
    // two different reports (copies of one report would be clustered into one story)
    const isPhone = testInfo.project.name === 'phone';
    const title = isPhone
      ? 'Mái tôn phòng học Trường Tiểu học Hồng Hà bị gió lốc cuốn bay trong đêm'
      : 'Phụ huynh phản ánh thu quỹ lớp quá cao ở một trường tiểu học đầu năm học';
    const text = isPhone
      ? `${title}. Sáng nay ban giám hiệu cho học sinh hai lớp học tạm ở thư viện; địa phương đang khắc phục, chưa có thiệt hại về người.`
      : `${title}. Phụ huynh gọi đường dây nóng của Sở cho biết mỗi em phải nộp 500.000 đồng quỹ lớp ngay tuần đầu năm học.`;
    const made = await page.request.post('/api/monitoring/entries', {
      headers: { 'x-csrf-token': session.csrfToken, origin: new URL(page.url()).origin },
      data: { unitId, kind: 'hotline', title, text },
    });
    expect(made.status(), await made.text()).toBe(201);

    await goToSection(page, testInfo, 'Hộp tin cần xử lý');
    await expectNoHorizontalScroll(page, testInfo);
    await expect(page.getByRole('list', { name: 'Danh sách tin cần xử lý' })).toBeVisible();
    await a11y(page);
    await page.getByRole('textbox', { name: 'Tìm trong tiêu đề' }).fill(title.slice(0, 40));
    const list = page.getByRole('list', { name: 'Danh sách tin cần xử lý' });
    await list.getByRole('link', { name: title }).click();
    await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await a11y(page);

    // correct the labels: add a risk category the rules did not give
    const form = page.getByRole('form', { name: 'Sửa nhãn' });
    await form.getByRole('combobox', { name: 'Nhóm rủi ro' }).click();
    await page.getByRole('option', { name: 'Sách giáo khoa' }).click();
    await page.keyboard.press('Escape');
    await form.getByRole('button', { name: 'Lưu sửa nhãn' }).click();
    await expect(page.getByText('Đã lưu nhãn. Loa sẽ học từ lần sửa này.')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Lịch sử sửa nhãn' })).toBeVisible();
    await expect(page.getByText(/thêm nhóm Sách giáo khoa/)).toBeVisible();

    // move it on
    await page.getByRole('button', { name: 'Đánh dấu đã xem' }).click();
    await expect(page.getByText('Đã chuyển trạng thái.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Đánh dấu đã xem' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Nhận xử lý' }).click();
    await expect(page.getByText('Giao cho Hoàng Đức Duy')).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);

    // back in the inbox, under "Đã xem"
    await page.getByRole('link', { name: 'Về hộp tin' }).click();
    await page.getByRole('tab', { name: 'Đã xem' }).click();
    await expect(page.getByRole('list', { name: 'Danh sách tin cần xử lý' }).getByRole('link', { name: title })).toBeVisible();
  });

  test('tổng quan, cảnh báo và điểm tin mở được trên mọi màn hình', async ({ page }, testInfo) => {
    await signInOk(page, 'daumoi.so@demo.loa.vn');
    await goToSection(page, testInfo, 'Tổng quan dư luận');
    await expect(page.getByText('Độ chính xác của mô hình học từ các lần sửa')).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await goToSection(page, testInfo, 'Cảnh báo');
    await expect(page.getByRole('heading', { name: 'Quy tắc cảnh báo' })).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await goToSection(page, testInfo, 'Điểm tin báo chí');
    await expect(page.getByRole('heading', { level: 3, name: /Điểm tin báo chí ngày \d{2}\/\d{2}\/\d{4}/ })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Tải bản Word' })).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await a11y(page);
  });
});
