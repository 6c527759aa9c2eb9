import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { expectNoHorizontalScroll, goToSection, signInOk } from './helpers';

// the demo Sở and one of its schools (site slugs are made from their names)
const SO = '/don-vi/so-giao-duc-va-dao-tao-tinh-lam-son';
const LELOI = '/don-vi/truong-thcs-le-loi';
const a11y = (page: Parameters<typeof expectNoSeriousA11yViolations>[0]) => expectNoSeriousA11yViolations(page);
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n1 0 obj << >> endobj\n% ${text}\n%%EOF\n`);

test.describe('văn bản và công khai', () => {
  test('biên tập viên thêm văn bản, người dân tìm thấy trên trang của Sở bằng từ không dấu', async ({ page }, testInfo) => {
    const tag = testInfo.project.name === 'phone' ? 'điện thoại' : 'máy tính';
    const summary = `Quy định về trang phục học sinh khi đến trường (bản thử trên ${tag})`;
    await signInOk(page, 'bientap.so@demo.loa.vn');
    await goToSection(page, testInfo, 'Văn bản');
    await expect(page.getByRole('list', { name: 'Danh sách văn bản' })).toContainText('Phê duyệt kế hoạch tuyển sinh vào lớp 10');
    await expectNoHorizontalScroll(page, testInfo);

    await page.getByRole('link', { name: 'Thêm văn bản' }).click();
    await expect(page.getByRole('heading', { name: 'Thêm văn bản' })).toBeVisible();
    await page.getByLabel('Số', { exact: true }).fill(testInfo.project.name === 'phone' ? '1702' : '1701');
    await page.getByLabel('Ký hiệu').fill('QĐ-SGDĐT');
    await page.getByLabel('Trích yếu').fill(summary);
    await page.getByLabel(/Cơ quan ban hành/).fill('Sở Giáo dục và Đào tạo tỉnh Lam Sơn');
    await page.getByLabel('Lĩnh vực').fill('Công tác học sinh');
    await expectNoHorizontalScroll(page, testInfo);
    await page.getByRole('button', { name: 'Lưu và đính kèm tệp' }).click();
    await expect(page.getByText('Tệp văn bản', { exact: true })).toBeVisible();
    await page.locator('input[type=file]').setInputFiles({ name: 'quy-dinh-trang-phuc.pdf', mimeType: 'application/pdf', buffer: pdf('trang phuc') });
    await expect(page.getByRole('link', { name: 'quy-dinh-trang-phuc.pdf' })).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);

    // the public site of the Sở: a search without diacritics finds it
    await page.goto(`${SO}/van-ban?q=trang+phuc+hoc+sinh`);
    await expect(page.getByRole('heading', { level: 1, name: 'Văn bản' })).toBeVisible();
    await expect(page.locator('main')).toContainText(summary);
    await expectNoHorizontalScroll(page, testInfo);
    await a11y(page);
    await page.locator('main').getByRole('link', { name: summary }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(summary);
    await expect(page.getByRole('link', { name: 'quy-dinh-trang-phuc.pdf' })).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await a11y(page);
  });

  test('cổng ngành có thư viện văn bản chung, tìm theo số và cơ quan ban hành', async ({ page }, testInfo) => {
    await page.goto('/van-ban?so=1520%2FQD');
    await expect(page.locator('main')).toContainText('Phê duyệt kế hoạch tuyển sinh vào lớp 10');
    await expectNoHorizontalScroll(page, testInfo);
    await a11y(page);
    await page.goto('/van-ban?co-quan=bo+giao+duc');
    await expect(page.locator('main')).toContainText('Quy định về dạy thêm, học thêm');
    await page.locator('main').getByRole('link', { name: 'Quy định về dạy thêm, học thêm' }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Quy định về dạy thêm, học thêm');
    await expectNoHorizontalScroll(page, testInfo);
    await a11y(page);
  });

  test('trang công khai của trường theo Thông tư 09/2024', async ({ page }, testInfo) => {
    await page.goto(`${LELOI}/cong-khai`);
    await expect(page.getByRole('heading', { level: 1, name: 'Công khai thông tin' })).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await a11y(page);
    await page.getByRole('link', { name: 'Thu, chi tài chính' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Thu, chi tài chính' })).toBeVisible();
    await expect(page.locator('main')).toContainText('Dự toán thu, chi được giao');
    await expectNoHorizontalScroll(page, testInfo);
    await a11y(page);
  });

  test('hiệu trưởng thêm nội dung công khai, nội dung hiện trên trang của trường', async ({ page }, testInfo) => {
    const title = `Danh sách lãnh đạo nhà trường (cập nhật trên ${testInfo.project.name === 'phone' ? 'điện thoại' : 'máy tính'})`;
    await signInOk(page, 'hieutruong.leloi@demo.loa.vn');
    await goToSection(page, testInfo, 'Công khai');
    await expect(page.getByRole('button', { name: /^Thông tin chung \d/ })).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await page.getByRole('button', { name: 'Thêm nội dung' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Tiêu đề' }).fill(title);
    await dialog.getByRole('switch', { name: 'Công khai ngay trên trang của trường' }).check({ force: true });
    await dialog.getByRole('button', { name: 'Lưu nội dung' }).click();
    await expect(page.getByText(title)).toBeVisible();
    await page.goto(`${LELOI}/cong-khai/thong-tin-chung`);
    await expect(page.locator('main')).toContainText(title);
    await expectNoHorizontalScroll(page, testInfo);
    await a11y(page);
  });

  test('lãnh đạo Sở xem tình hình công khai của các trường', async ({ page }, testInfo) => {
    await signInOk(page, 'giamdoc.so@demo.loa.vn');
    await goToSection(page, testInfo, 'Công khai');
    await page.getByRole('link', { name: 'Theo dõi thực hiện' }).click();
    await expect(page.getByRole('heading', { name: 'Theo dõi thực hiện công khai' })).toBeVisible();
    await expect(page.getByText('Tỷ lệ đúng hạn')).toBeVisible();
    // last school year: its 30 June has passed, so the grades are final
    const current = await page.getByRole('combobox', { name: 'Năm học' }).inputValue();
    const start = Number(current.slice(0, 4));
    await page.getByRole('combobox', { name: 'Năm học' }).click();
    await page.getByRole('option', { name: `${start - 1}–${start}` }).click();
    await expect(page.getByText('Quá hạn').first()).toBeVisible();
    await expect(page.getByText('Đúng hạn').first()).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
  });
});
