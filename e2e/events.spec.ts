import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { expectNoHorizontalScroll, goToSection, signInOk } from './helpers';

test.describe('sự kiện, tập huấn và kiểm tra', () => {
  test('Đầu mối Sở lên lịch tập huấn, mời trường, điểm danh', async ({ page }, testInfo) => {
    const title = `Tập huấn viết tin bài (${testInfo.project.name})`;
    await signInOk(page, 'daumoi.so@demo.loa.vn');
    await goToSection(page, testInfo, 'Sự kiện, tập huấn');
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('button', { name: 'Lên lịch sự kiện' }).click();
    const dialog = page.getByRole('dialog', { name: 'Lên lịch sự kiện' });
    await dialog.getByLabel('Tên sự kiện').fill(title);
    await dialog.getByLabel('Bắt đầu').fill('2026-11-27T08:00');
    await dialog.getByLabel('Địa điểm').fill('Hội trường Sở GDĐT Lam Sơn');
    await dialog.getByRole('button', { name: 'Lưu thay đổi' }).click();

    await expect(page.getByRole('heading', { name: title })).toBeVisible();
    await page.getByLabel('Tìm đơn vị hoặc người').fill('Lê Lợi');
    await page.getByRole('combobox', { name: 'Đơn vị được mời' }).click();
    await page.getByRole('option', { name: 'Trường THCS Lê Lợi' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Gửi giấy mời' }).click();
    await expect(page.getByText('Danh sách mời (1)')).toBeVisible();

    await page.getByRole('checkbox', { name: 'Trường THCS Lê Lợi có mặt' }).check();
    await page.getByRole('button', { name: 'Lưu điểm danh' }).click();
    await expect(page.getByText(/Có mặt 1 \(tổng 1 người\)/)).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page);
  });

  test('Lịch: chọn nhắc lịch, tải tệp .ics, tạo và thu hồi liên kết lịch riêng', async ({ page, playwright }, testInfo) => {
    const title = `Hội nghị giao ban truyền thông, quý IV (${testInfo.project.name})`;
    page.on('dialog', (d) => void d.accept());
    await signInOk(page, 'daumoi.so@demo.loa.vn');
    await goToSection(page, testInfo, 'Sự kiện, tập huấn');

    await page.getByRole('button', { name: 'Lên lịch sự kiện' }).click();
    const dialog = page.getByRole('dialog', { name: 'Lên lịch sự kiện' });
    await dialog.getByLabel('Tên sự kiện').fill(title);
    await dialog.getByLabel('Bắt đầu').fill('2026-12-15T14:00');
    await dialog.getByRole('combobox', { name: 'Nhắc lịch trước' }).click();
    await page.getByRole('option', { name: '3 ngày trước' }).click();
    await dialog.getByRole('button', { name: 'Lưu thay đổi' }).click();

    await expect(page.getByRole('heading', { name: title })).toBeVisible();
    await expect(page.getByText('Nhắc lịch: 3 ngày trước')).toBeVisible();
    const ics = page.getByRole('link', { name: 'Thêm vào lịch (.ics)' });
    const href = (await ics.getAttribute('href')) as string;
    const file = await page.request.get(href);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toBe('text/calendar; charset=utf-8');
    const text = await file.text();
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n[ \t]/g, '')).toContain('SUMMARY:Tập huấn: Hội nghị giao ban truyền thông\\, quý IV');
    expect(text).toContain('DTSTART:20261215T070000Z');
    await expectNoHorizontalScroll(page, testInfo);

    await page.getByRole('link', { name: 'Về lịch sự kiện' }).click();
    const card = page.getByRole('region', { name: 'Đồng bộ với lịch Google, Outlook, điện thoại' });
    await expect(card.getByText('Liên kết chỉ để xem')).toBeVisible();
    await card.getByRole('button', { name: /Tạo liên kết/ }).click();
    const url = (await card.getByTestId('evcal-url').textContent()) as string;
    expect(url).toMatch(/\/api\/events\/calendar-feed\/[A-Za-z0-9_-]{43}\.ics$/);
    const path = new URL(url).pathname;
    // a calendar app: no cookie, no CSRF token
    const app = await playwright.request.newContext({ baseURL: new URL(page.url()).origin });
    const feed = await app.get(path);
    expect(feed.status()).toBe(200);
    expect(feed.headers()['content-type']).toBe('text/calendar; charset=utf-8');
    expect((await feed.text()).replace(/\r\n[ \t]/g, '')).toContain('quý IV');
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page);

    await card.getByRole('button', { name: 'Thu hồi liên kết' }).click();
    await expect(card.getByText('Anh/chị chưa có liên kết lịch.')).toBeVisible();
    expect((await app.get(path)).status()).toBe(404);
    await app.dispose();
  });

  test('Đầu mối Sở kiểm tra một trường: chấm điểm, phát hiện, việc khắc phục đóng xong', async ({ page }, testInfo) => {
    const title = `Kiểm tra Tiểu học Kim Đồng (${testInfo.project.name})`;
    await signInOk(page, 'daumoi.so@demo.loa.vn');
    await goToSection(page, testInfo, 'Kiểm tra truyền thông');
    await expect(page.getByRole('link', { name: 'Kiểm tra công tác truyền thông Trường THCS Lê Lợi' })).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('button', { name: 'Lập cuộc kiểm tra' }).click();
    const dialog = page.getByRole('dialog', { name: 'Lập cuộc kiểm tra' });
    await dialog.getByRole('combobox', { name: 'Đơn vị được kiểm tra' }).fill('Kim Đồng');
    await page.getByRole('option', { name: 'Trường Tiểu học Kim Đồng' }).click();
    await dialog.getByRole('combobox', { name: 'Bộ tiêu chí' }).click();
    await page.getByRole('option', { name: /Tiêu chí kiểm tra công tác truyền thông trường học/ }).click();
    await dialog.getByLabel('Tên cuộc kiểm tra').fill(title);
    await dialog.getByRole('button', { name: 'Lập cuộc kiểm tra' }).click();

    await expect(page.getByRole('heading', { name: title })).toBeVisible();
    for (const n of [1, 2, 3, 4]) await page.getByRole('button', { name: `Chấm ${n === 2 ? 50 : 100} cho tiêu chí ${n}` }).click();
    await page.getByRole('button', { name: 'Lưu kết quả' }).click();
    await expect(page.getByText('Điểm tạm tính: 85/100')).toBeVisible();

    await page.getByLabel('Phát hiện mới').fill('Chưa có chuyên mục tuyển sinh trên trang của trường.');
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    await expect(page.getByText('Chưa có chuyên mục tuyển sinh trên trang của trường.').first()).toBeVisible();
    await page.getByLabel('Nội dung việc').fill('Mở chuyên mục tuyển sinh');
    await page.getByLabel('Người thực hiện').fill('Phó Hiệu trưởng');
    await page.getByLabel('Hạn hoàn thành').fill('15/12/2026');
    await page.getByRole('button', { name: 'Giao việc' }).click();
    await expect(page.getByText('Mở chuyên mục tuyển sinh', { exact: true }).first()).toBeVisible();

    await page.getByRole('button', { name: 'Chốt kết quả' }).click();
    await expect(page.getByText('Điểm: 85/100')).toBeVisible();
    await expect(page.getByText('Đang khắc phục', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Đóng việc' }).click();
    await expect(page.getByText('Đã kết thúc', { exact: true }).first()).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page);
  });

  test('Việc khắc phục quá hạn được đánh dấu đỏ ở trang kiểm tra và được đếm ở danh sách', async ({ page }, testInfo) => {
    const title = `Kiểm tra việc khắc phục quá hạn Trường Tiểu học Kim Đồng (${testInfo.project.name})`;
    await signInOk(page, 'daumoi.so@demo.loa.vn');
    await goToSection(page, testInfo, 'Kiểm tra truyền thông');
    await page.getByRole('button', { name: 'Lập cuộc kiểm tra' }).click();
    const dialog = page.getByRole('dialog', { name: 'Lập cuộc kiểm tra' });
    await dialog.getByRole('combobox', { name: 'Đơn vị được kiểm tra' }).fill('Kim Đồng');
    await page.getByRole('option', { name: 'Trường Tiểu học Kim Đồng' }).click();
    await dialog.getByRole('combobox', { name: 'Bộ tiêu chí' }).click();
    await page.getByRole('option', { name: /Tiêu chí kiểm tra công tác truyền thông trường học/ }).click();
    await dialog.getByLabel('Tên cuộc kiểm tra').fill(title);
    await dialog.getByRole('button', { name: 'Lập cuộc kiểm tra' }).click();
    await expect(page.getByRole('heading', { name: title })).toBeVisible();

    // one action already past its due date, one not yet due
    await page.getByLabel('Nội dung việc').fill('Cập nhật danh mục công khai năm học');
    await page.getByLabel('Người thực hiện').fill('Văn thư nhà trường');
    await page.getByLabel('Hạn hoàn thành').fill('02/09/2025');
    await page.getByRole('button', { name: 'Giao việc' }).click();
    await expect(page.getByText('Cập nhật danh mục công khai năm học', { exact: true })).toBeVisible();
    await page.getByLabel('Nội dung việc').fill('Lập kế hoạch truyền thông năm sau');
    await page.getByLabel('Người thực hiện').fill('Hiệu trưởng');
    await page.getByLabel('Hạn hoàn thành').fill('31/12/2099');
    await page.getByRole('button', { name: 'Giao việc' }).click();
    await expect(page.getByText('Lập kế hoạch truyền thông năm sau', { exact: true })).toBeVisible();

    await expect(page.getByText('Quá hạn', { exact: true })).toHaveCount(1);
    await expect(page.getByText('1 việc quá hạn', { exact: true })).toBeVisible();
    await expect(page.getByText(/3 ngày trước hạn và vào ngày đầu tiên quá hạn/)).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('link', { name: 'Về danh sách kiểm tra' }).click();
    const row = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: title }) });
    await expect(row.getByText('2 việc chưa xong', { exact: true })).toBeVisible();
    await expect(row.getByText('1 việc quá hạn', { exact: true })).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page);
  });
});
