import { expect, test } from '@playwright/test';
import { expectNoHorizontalScroll, goToSection, isPhone, openNav, signIn, signInOk, writeTempFile } from './helpers';

test.describe('quản trị', () => {
  test('sai mật khẩu hiện thông báo lỗi tiếng Việt', async ({ page }, testInfo) => {
    await signIn(page, 'quantri.so@demo.loa.vn', 'sai-mat-khau-123');
    await expect(page.getByRole('alert')).toContainText('Email hoặc mật khẩu không đúng.');
    await expect(page).toHaveURL(/\/admin\/dang-nhap/);
    await expectNoHorizontalScroll(page, testInfo);
  });

  test('cộng tác viên không thấy mục Nhập dữ liệu', async ({ page }, testInfo) => {
    await signInOk(page, 'giaovien.leloi@demo.loa.vn');
    await expectNoHorizontalScroll(page, testInfo);
    const nav = await openNav(page, testInfo);
    await expect(nav.getByRole('link', { name: 'Đơn vị' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Nhập dữ liệu' })).toHaveCount(0);
    await expect(nav.getByRole('link', { name: 'Nhật ký hệ thống' })).toHaveCount(0);
  });

  test('tìm đơn vị không dấu rồi mở chi tiết', async ({ page }, testInfo) => {
    await signInOk(page, 'quantri.so@demo.loa.vn');
    await expectNoHorizontalScroll(page, testInfo);
    await goToSection(page, testInfo, 'Đơn vị');
    await expectNoHorizontalScroll(page, testInfo);
    await page.getByRole('searchbox', { name: 'Tìm đơn vị' }).fill('le loi');
    const results = page.getByRole('list', { name: 'Kết quả tìm kiếm' });
    await results.getByRole('listitem').filter({ hasText: 'Trường THCS Lê Lợi' }).first().click();
    await expect(page).toHaveURL(/\/admin\/don-vi\/\d+$/);
    await expect(page.getByRole('heading', { name: 'Trường THCS Lê Lợi' })).toBeVisible();
    await expect(page.getByLabel('Mã đơn vị')).toHaveValue('DEMO-THCS-LELOI');
    await expect(page.getByRole('navigation', { name: 'Đơn vị cấp trên' })).toContainText('Sở Giáo dục và Đào tạo tỉnh Lam Sơn');
    await expectNoHorizontalScroll(page, testInfo);
    await page.getByRole('tab', { name: /Lịch sử/ }).click();
    await expect(page.getByText('Thành lập').first()).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
  });

  test('nhập đơn vị từ CSV: báo lỗi từng dòng, sửa tệp, nhập thành công', async ({ page }, testInfo) => {
    const run = `${testInfo.project.name}-${Date.now()}`;
    const tag = String(Date.now());
    const goodCode = `E2E-${run}-HB`;
    const fixedCode = `E2E-${run}-HS`;
    const header = 'code,name,type,parent,aliases';
    const good = `${goodCode},Trường Tiểu học Hòa Bình,Trường,DEMO-XA-BM,TH Hòa Bình ${tag};E2E ${tag}`;
    const bad = `${fixedCode},Trường Mầm non Hoa Sen,Trường,KHONG-TON-TAI-${tag},E2E ${tag}`;
    const fixed = `${fixedCode},Trường Mầm non Hoa Sen,Trường,DEMO-XA-BM,E2E ${tag}`;

    await signInOk(page, 'quantri.so@demo.loa.vn');
    await goToSection(page, testInfo, 'Nhập dữ liệu');
    // The target defaults to the user's own administrator unit, the Sở.
    await expect(page.getByRole('combobox', { name: 'Nhập vào đơn vị' })).toHaveValue('Sở Giáo dục và Đào tạo tỉnh Lam Sơn');
    await expectNoHorizontalScroll(page, testInfo);

    // 1. A file with one bad row: the review lists the row's Vietnamese error and writes nothing.
    await page.locator('input[type=file]').setInputFiles(writeTempFile('don-vi.csv', [header, good, bad].join('\n') + '\n'));
    await page.getByRole('button', { name: 'Tải lên và kiểm tra' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'chưa có dữ liệu nào được ghi' })).toBeVisible();
    const errors = page.getByRole('table', { name: 'Các dòng bị lỗi' });
    await expect(errors).toContainText(`Không tìm thấy đơn vị cấp trên có mã "KHONG-TON-TAI-${tag}".`);
    await expect(errors.getByRole('row').nth(1).getByRole('cell').first()).toHaveText('3');
    await expectNoHorizontalScroll(page, testInfo);
    const before = await page.request.get(`/api/units/search?q=${encodeURIComponent(`e2e ${tag}`)}`);
    expect((await before.json()).items).toHaveLength(0);

    // 2. Fix the file, upload again, apply: the progress bar fills and the summary shows.
    await page.getByRole('button', { name: 'Sửa tệp và tải lại' }).click();
    await page.locator('input[type=file]').setInputFiles(writeTempFile('don-vi.csv', [header, good, fixed].join('\n') + '\n'));
    await page.getByRole('button', { name: 'Tải lên và kiểm tra' }).click();
    await expect(page.getByText('Tệp có 2 dòng: 2 dòng hợp lệ — 2 tạo mới, 0 cập nhật.')).toBeVisible();
    await page.getByRole('button', { name: 'Nhập dữ liệu', exact: true }).click();
    const progress = page.getByRole('progressbar', { name: 'Tiến trình nhập dữ liệu' });
    await expect(progress).toBeVisible();
    await expect(progress).toHaveAttribute('aria-valuenow', '100', { timeout: 30_000 });
    await expect(page.getByRole('status').filter({ hasText: 'Nhập dữ liệu thành công' })).toContainText(
      'Đã nhập 2 mới, cập nhật 0, bỏ qua 0 dòng lỗi.',
    );
    await expectNoHorizontalScroll(page, testInfo);

    // 3. The new school is findable without diacritics.
    await goToSection(page, testInfo, 'Đơn vị');
    await page.getByRole('searchbox', { name: 'Tìm đơn vị' }).fill(`hoa binh ${tag}`);
    const hit = page.getByRole('list', { name: 'Kết quả tìm kiếm' }).getByRole('listitem');
    await expect(hit).toHaveCount(1);
    await expect(hit).toContainText('Trường Tiểu học Hòa Bình');
    await expect(hit).toContainText(goodCode);
    await hit.click();
    await expect(page.getByRole('heading', { name: 'Trường Tiểu học Hòa Bình' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Đơn vị cấp trên' })).toContainText('phường Bình Minh');
    await expectNoHorizontalScroll(page, testInfo);
  });

  test('các trang quản trị khác mở được và vừa màn hình', async ({ page }, testInfo) => {
    await signInOk(page, 'quantri.so@demo.loa.vn');
    for (const section of ['Người dùng', 'Nhật ký hệ thống']) {
      await goToSection(page, testInfo, section);
      await expect(page.getByRole('alert')).toHaveCount(0);
      await expectNoHorizontalScroll(page, testInfo);
    }
    await page.getByRole('button', { name: 'Menu tài khoản' }).click();
    await page.getByRole('menuitem', { name: 'Tài khoản & bảo mật' }).click();
    await expect(page.getByRole('heading', { name: 'Tài khoản & bảo mật' })).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    if (isPhone(testInfo)) return;
    await page.getByRole('button', { name: 'Menu tài khoản' }).click();
    await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
    await expect(page).toHaveURL(/\/admin\/dang-nhap/);
  });
});
