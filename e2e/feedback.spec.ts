import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { expectNoHorizontalScroll, goToSection, signInOk } from './helpers';

/** 'YYYY-MM-DDTHH:mm' in Vietnam time, for datetime-local inputs. */
const vnLocal = (msFromNow: number) => new Date(Date.now() + msFromNow + 7 * 3_600_000).toISOString().slice(0, 16);

test.describe('góp ý dự thảo', () => {
  test('người dân góp ý một điều trên điện thoại; cán bộ ẩn ý kiến vi phạm, công bố kết quả; kết quả hiện công khai', async ({ page, browser }, testInfo) => {
    test.setTimeout(120_000);
    const title = `Dự thảo Quy định đồng phục học sinh (${testInfo.project.name})`;

    // the Sở's focal point publishes a draft for comment
    await signInOk(page, 'daumoi.so@demo.loa.vn');
    await goToSection(page, testInfo, 'Góp ý, lấy ý kiến');
    await expect(page.getByText('Dự thảo Quy định về dạy thêm, học thêm trên địa bàn tỉnh Lam Sơn')).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('link', { name: 'Đăng dự thảo lấy ý kiến' }).click();
    await page.getByLabel('Tên dự thảo').fill(title);
    await page.getByLabel('Nội dung dự thảo').fill(
      'Điều 1. Học sinh mặc đồng phục vào các ngày thứ Hai, thứ Tư và thứ Sáu.\n\nĐiều 2. Nhà trường không bắt buộc mua đồng phục tại trường; cha mẹ học sinh được tự may theo mẫu.',
    );
    await page.getByLabel('Mở lấy ý kiến').fill(vnLocal(-3_600_000));
    await page.getByRole('button', { name: 'Đăng dự thảo', exact: true }).click();
    await expect(page.getByRole('heading', { name: title })).toBeVisible();
    const adminUrl = page.url();

    // a parent comments on article 2 from a phone
    const citizen = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await citizen.goto('/gop-y');
    await citizen.getByRole('link', { name: title }).click();
    await expect(citizen.getByRole('heading', { level: 1 })).toHaveText(title);
    await citizen.getByRole('link', { name: 'Góp ý điều này: Điều 2' }).click();
    await expect(citizen.getByLabel('Góp ý về *')).toHaveValue('2');
    await citizen.getByLabel('Đồng ý một phần').check();
    await citizen.getByLabel('Nội dung góp ý *').fill('Đề nghị nhà trường công bố mẫu và giá tham khảo để phụ huynh tự may cho tiện.');
    await citizen.getByLabel('Họ và tên').fill('Trần Thị Hương');
    await citizen.getByLabel('Tôi đồng ý để cơ quan tiếp nhận xử lý thông tin liên hệ').check();
    expect(await citizen.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectNoSeriousA11yViolations(citizen);
    await citizen.waitForTimeout(3_500); // the form refuses posts faster than 3 s
    await citizen.getByRole('button', { name: 'Gửi góp ý' }).click();
    await expect(citizen.getByRole('status')).toContainText('Ý kiến của anh/chị đã được ghi nhận');
    await citizen.getByRole('link', { name: 'Quay lại dự thảo' }).click();
    await expect(citizen.locator('#y-kien')).toContainText('Đề nghị nhà trường công bố mẫu');
    await expect(citizen.locator('#y-kien')).toContainText('Hương');
    await expect(citizen.locator('#y-kien')).not.toContainText('Trần Thị Hương');

    // someone posts an abusive comment on the whole draft
    await citizen.getByLabel('Đồng ý', { exact: true }).check();
    await citizen.getByLabel('Nội dung góp ý *').fill('Bình luận thô lỗ, xúc phạm thầy cô.');
    await citizen.waitForTimeout(3_500);
    await citizen.getByRole('button', { name: 'Gửi góp ý' }).click();
    await expect(citizen.getByRole('status')).toBeVisible();

    // staff hide it with a reason, close the consultation and publish the response
    await page.goto(adminUrl);
    const rude = page.locator('[data-testid^="comment-"]', { hasText: 'Bình luận thô lỗ' });
    await rude.getByRole('button', { name: 'Ẩn', exact: true }).click();
    await rude.getByLabel('Lý do ẩn').fill('Ngôn từ xúc phạm');
    await rude.getByRole('button', { name: 'Xác nhận ẩn' }).click();
    await expect(rude).toContainText('Lý do ẩn: Ngôn từ xúc phạm');
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('link', { name: 'Sửa', exact: true }).click();
    await page.getByLabel('Hết hạn góp ý').fill(vnLocal(-60_000));
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect(page.getByRole('heading', { name: title })).toBeVisible();
    await page.getByLabel('Kết quả tiếp thu, giải trình').fill('Anh/chị đề nghị công bố mẫu và giá tham khảo đồng phục: nhà trường đã đăng mẫu và giá lên trang thông tin của trường.');
    await page.getByRole('button', { name: 'Công bố kết quả' }).click();
    await expect(page.getByText(/Đã công bố lúc/)).toBeVisible();

    // the public page shows the response and no longer the hidden comment
    await citizen.reload();
    await expect(citizen.getByRole('heading', { name: 'Anh/chị đã góp ý — chúng tôi đã làm' })).toBeVisible();
    await expect(citizen.locator('#ket-qua')).toContainText('nhà trường đã đăng mẫu và giá');
    await expect(citizen.locator('main')).not.toContainText('Bình luận thô lỗ');
    await expect(citizen.getByRole('button', { name: 'Gửi góp ý' })).toHaveCount(0);
    await expectNoSeriousA11yViolations(citizen);
    await citizen.close();
  });

  test('trang góp ý chung và yêu cầu dữ liệu cá nhân dễ dùng trên điện thoại', async ({ page }, testInfo) => {
    await page.goto('/gop-y/y-kien');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gửi ý kiến, kiến nghị');
    await expect(page.getByText('Mục đích xử lý dữ liệu cá nhân')).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page);
    // the unit picker after a search (results group, status message)
    await page.goto('/gop-y/y-kien?tim=truong');
    await expect(page.getByRole('status')).toContainText('đơn vị khớp “truong”');
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page);
    await page.goto('/gop-y/yeu-cau-du-lieu');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Yêu cầu về dữ liệu cá nhân');
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page);
  });

  test('yêu cầu dữ liệu chưa xác minh: cán bộ phải ghi cách xác minh danh tính trước khi xử lý', async ({ page, browser }, testInfo) => {
    test.setTimeout(90_000);
    const phone = testInfo.project.name === 'phone' ? '0912 345 671' : '0912 345 672';
    const name = `Lê Văn Thành (${testInfo.project.name})`;

    // a citizen asks, on the portal and without an e-mail, for a copy of their data
    const citizen = await browser.newPage();
    await citizen.goto('/gop-y/yeu-cau-du-lieu');
    await citizen.getByLabel('Đơn vị nhận *').selectOption({ label: 'Sở Giáo dục và Đào tạo tỉnh Lam Sơn' });
    await citizen.getByLabel('Nhận bản sao dữ liệu của tôi').check();
    await citizen.getByLabel('Họ và tên').fill(name);
    await citizen.getByLabel('Số điện thoại').fill(phone);
    await citizen.waitForTimeout(3_500); // the form refuses posts faster than 3 s
    await citizen.getByRole('button', { name: 'Gửi yêu cầu' }).click();
    await expect(citizen.getByText(/Yêu cầu đã được ghi nhận/)).toBeVisible();
    await citizen.close();

    // the Sở's focal point sees it unverified: no download, and fulfilling needs the identity check
    await signInOk(page, 'daumoi.so@demo.loa.vn');
    await goToSection(page, testInfo, 'Góp ý, lấy ý kiến');
    await page.getByRole('tab', { name: 'Yêu cầu dữ liệu cá nhân' }).click();
    const card = page.locator('.mantine-Card-root', { hasText: name });
    await expect(card).toContainText('Chưa xác minh danh tính');
    await expect(card.getByRole('button', { name: 'Tải dữ liệu (XLSX)' })).toBeDisabled();
    await expect(card).toContainText('chủ của dữ liệu đó');
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page);
    await card.getByRole('button', { name: 'Đã gửi bản sao' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Đã gửi bản sao' }).click();
    await expect(dialog).toContainText('Hãy ghi cách đã xác minh danh tính người yêu cầu.');
    await dialog.getByLabel('Cách đã xác minh danh tính người yêu cầu').fill('Đã gọi lại số điện thoại người yêu cầu để lại và đối chiếu họ tên, nội dung góp ý đã gửi.');
    await expectNoSeriousA11yViolations(page);
    await dialog.getByRole('button', { name: 'Đã gửi bản sao' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(card).toHaveCount(0); // no longer open
    // the handled request, its identity check and the now open download (the status Select's dropdown
    // stays hidden under the phone layout's scroll container in headless Chromium, so desktop only)
    if (testInfo.project.name !== 'desktop') return;
    await page.getByLabel('Trạng thái').first().click();
    await page.getByRole('option', { name: 'Đã xử lý' }).click();
    const done = page.locator('.mantine-Card-root', { hasText: name });
    await expect(done).toContainText('Cán bộ đã xác minh');
    await expect(done).toContainText('Cách xác minh: Đã gọi lại số điện thoại');
    await expect(done.getByRole('link', { name: 'Tải dữ liệu (XLSX)' })).toBeVisible();
  });
});

/**
 * The unit picker of the portal's general feedback form works without JavaScript: the visitor
 * searches a school's name without diacritics (a province has ~1,100 units; the form only lists
 * the top levels until one searches), picks it and sends.
 */
test.describe('chọn đơn vị nhận ý kiến bằng ô tìm kiếm, không cần JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('người dân gõ tên trường không dấu, chọn trường và gửi ý kiến', async ({ page }, testInfo) => {
    await page.goto('/gop-y/y-kien');
    const unit = page.getByLabel('Đơn vị nhận *');
    await expect(unit.locator('option', { hasText: 'Trường Tiểu học Kim Đồng' })).toHaveCount(0);
    await expect(unit.locator('option', { hasText: 'Sở Giáo dục và Đào tạo tỉnh Lam Sơn' })).toHaveCount(1);

    // Enter in the search box searches (the box belongs to the separate GET form)
    await page.getByLabel('Tìm đơn vị nhận theo tên').fill('tieu hoc');
    await page.getByLabel('Tìm đơn vị nhận theo tên').press('Enter');
    await expect(page).toHaveURL(/tim=tieu\+hoc/);
    await expect(page.getByRole('status')).toContainText('đơn vị khớp “tieu hoc”');
    await expect(unit.locator('option', { hasText: 'Trường Tiểu học Nguyễn Du' })).toHaveCount(1);

    // narrower, with the button
    await page.getByLabel('Tìm đơn vị nhận theo tên').fill('kim dong');
    await page.getByRole('button', { name: 'Tìm đơn vị' }).click();
    await expect(page.getByRole('status')).toHaveText('Tìm thấy 1 đơn vị khớp “kim dong”, đã đưa lên đầu danh sách “Đơn vị nhận”.');
    await expect(unit.locator('option:checked')).toHaveText(/^Trường Tiểu học Kim Đồng — /);
    await expectNoHorizontalScroll(page, testInfo); // (axe needs JavaScript: the same page is checked in the test above)

    await page.getByLabel('Tiêu đề').fill(`Đèn cổng trường (${testInfo.project.name})`);
    await page.getByLabel('Nội dung góp ý *').fill('Đề nghị nhà trường lắp thêm đèn ở cổng phụ, buổi chiều tan học trời tối rất khó đón các cháu.');
    await page.waitForTimeout(3_500); // the form refuses posts faster than 3 s
    await page.getByRole('button', { name: 'Gửi góp ý' }).click();
    await expect(page.getByRole('status')).toContainText('Ý kiến của anh/chị đã được chuyển tới đơn vị');
  });
});

test.describe('ghi cuộc gọi đường dây nóng về một điều của dự thảo', () => {
  test('đầu mối Sở gắn cuộc gọi với dự thảo và Điều 4; ý kiến hiện trong dự thảo', async ({ page }, testInfo) => {
    test.setTimeout(90_000);
    const body = `Phụ huynh gọi điện (${testInfo.project.name}): đề nghị công khai cả danh sách giáo viên dạy thêm ngoài nhà trường.`;
    await signInOk(page, 'daumoi.so@demo.loa.vn');
    await goToSection(page, testInfo, 'Góp ý, lấy ý kiến');
    await page.getByRole('tab', { name: 'Ý kiến chung, đường dây nóng' }).click();
    await page.getByRole('button', { name: 'Ghi cuộc gọi đường dây nóng' }).click();
    const consultation = page.getByRole('combobox', { name: 'Về dự thảo (không bắt buộc)' });
    await expect(consultation).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page);
    // the Select dropdowns stay hidden under the phone layout's scroll container in headless Chromium: the choice is made on desktop
    if (testInfo.project.name !== 'desktop') return;

    await consultation.click();
    await consultation.fill('dạy thêm');
    await page.getByRole('option', { name: 'Dự thảo Quy định về dạy thêm, học thêm trên địa bàn tỉnh Lam Sơn' }).click();
    const paragraph = page.getByRole('combobox', { name: 'Điều, đoạn người gọi góp ý' });
    await expect(paragraph).toHaveValue('Toàn văn');
    await paragraph.click();
    await page.getByRole('option', { name: /^Điều 4: Dạy thêm ngoài nhà trường/ }).click();
    await page.getByRole('combobox', { name: 'Ý kiến của người gọi' }).click();
    await page.getByRole('option', { name: 'Đồng ý một phần' }).click();
    await page.getByLabel('Người gọi phản ánh').fill(body);
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Lưu cuộc gọi' }).click();
    await expect(page.getByText('Đã ghi nhận cuộc gọi vào ý kiến góp ý của dự thảo.')).toBeVisible();

    // it is one of the draft's comments, on Điều 4, by hotline (private: never on the portal)
    await page.getByRole('tab', { name: 'Dự thảo lấy ý kiến' }).click();
    await page.getByRole('link', { name: 'Dự thảo Quy định về dạy thêm, học thêm trên địa bàn tỉnh Lam Sơn' }).click();
    const note = page.locator('[data-testid^="comment-"]', { hasText: body });
    await expect(note).toContainText('Điều 4');
    await expect(note).toContainText('Đường dây nóng');
  });
});
