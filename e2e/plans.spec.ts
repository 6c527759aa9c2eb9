import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type Download, type Page, type TestInfo, expect, test } from '@playwright/test';
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { expectNoHorizontalScroll, goToSection, isPhone, signInOk } from './helpers';

/** A short, realistic plan of the demo Sở as a Word document, written the way offices write them. */
async function planDocx(title: string): Promise<string> {
  const p = (text: string, opts: { bold?: boolean; center?: boolean; italic?: boolean } = {}) =>
    new Paragraph({
      alignment: opts.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
      children: [new TextRun({ text, bold: opts.bold, italics: opts.italic, font: 'Times New Roman', size: 26 })],
    });
  const year = new Date().getFullYear();
  const doc = new Document({
    sections: [
      {
        children: [
          p('UBND TỈNH LAM SƠN', { center: true }),
          p('SỞ GIÁO DỤC VÀ ĐÀO TẠO', { bold: true, center: true }),
          p('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, center: true }),
          p('Độc lập - Tự do - Hạnh phúc', { bold: true, center: true }),
          p(`Số: 27/KH-SGDĐT`, { center: true }),
          p(`Lam Sơn, ngày 05 tháng 01 năm ${year}`, { italic: true, center: true }),
          p('KẾ HOẠCH', { bold: true, center: true }),
          p(title, { bold: true, center: true }),
          p(
            `Căn cứ Kế hoạch số 15/KH-BGDĐT ngày 08/01/${year} của Bộ Giáo dục và Đào tạo về truyền thông giáo dục năm ${year}; ` +
              'Nghị định số 09/2017/NĐ-CP ngày 09/02/2017 của Chính phủ quy định chi tiết việc phát ngôn và cung cấp thông tin cho báo chí, ' +
              `Sở Giáo dục và Đào tạo xây dựng Kế hoạch truyền thông năm ${year} như sau:`,
          ),
          p('I. MỤC ĐÍCH, YÊU CẦU', { bold: true }),
          p('1. Mục đích', { bold: true }),
          p('- Thông tin kịp thời, chính xác về chủ trương, chính sách của ngành đến giáo viên, học sinh, cha mẹ học sinh.'),
          p('2. Yêu cầu', { bold: true }),
          p('- Công tác truyền thông được thực hiện chủ động, thường xuyên, đúng định hướng.'),
          p('II. TỔ CHỨC THỰC HIỆN', { bold: true }),
          p('1. Văn phòng Sở', { bold: true }),
          p('- Chủ trì tổ chức thực hiện kế hoạch; quản trị Cổng thông tin điện tử của Sở.'),
          p('2. Các cơ sở giáo dục', { bold: true }),
          p('- Gửi ít nhất 01 tin, bài mỗi tuần về Ban biên tập Cổng thông tin điện tử của Sở.'),
          p(`- Trường THCS Lê Lợi xây dựng chuyên mục về chuyển đổi số, báo cáo kết quả trước ngày 25 hằng tháng.`),
          p('Nơi nhận:', { bold: true, italic: true }),
          p('- Bộ GDĐT (để báo cáo);'),
          p('- UBND tỉnh (để báo cáo);'),
          p('- Ủy ban nhân dân phường Bình Minh;'),
          p('- Các cơ sở giáo dục;'),
          p('- Lưu: VT, VP.'),
          p('KT. GIÁM ĐỐC', { bold: true, center: true }),
          p('PHÓ GIÁM ĐỐC', { bold: true, center: true }),
          p('Phạm Thị Hoà', { bold: true, center: true }),
        ],
      },
    ],
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loa-e2e-plan-'));
  const file = path.join(dir, 'ke-hoach-truyen-thong.docx');
  fs.writeFileSync(file, await Packer.toBuffer(doc));
  return file;
}

async function firstBytes(download: Download, n: number): Promise<string> {
  const file = await download.path();
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(n);
  fs.readSync(fd, buf, 0, n, 0);
  fs.closeSync(fd);
  return buf.toString('latin1');
}

test.describe('kế hoạch truyền thông', () => {
  test('nhập kế hoạch từ DOCX, kiểm tra, lưu bản nháp rồi tải DOCX và PDF', async ({ page }, testInfo) => {
    const title = `Truyền thông về chuyển đổi số trong giáo dục ${testInfo.project.name} ${Date.now()}`;
    const docx = await planDocx(title);

    await signInOk(page, 'daumoi.so@demo.loa.vn');
    await goToSection(page, testInfo, 'Kế hoạch');
    await expect(page.getByRole('combobox', { name: 'Đơn vị' })).toHaveValue('Sở Giáo dục và Đào tạo tỉnh Lam Sơn');
    await expect(page.getByText('01/KH-SGDĐT').first()).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);

    // Upload: the document is read into a draft, nothing saved yet.
    await page.getByRole('link', { name: 'Nhập từ tệp' }).click();
    await expect(page.getByRole('heading', { name: 'Nhập kế hoạch từ tệp' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Đơn vị ban hành' })).toHaveValue('Sở Giáo dục và Đào tạo tỉnh Lam Sơn');
    await page.locator('input[type=file]').setInputFiles(docx);
    await page.getByRole('button', { name: 'Tải lên và đọc' }).click();

    // Review: the parsed draft in the editor, the unit names matched to Loa's units.
    await expect(page.getByText('2. Kiểm tra và chỉnh sửa trước khi lưu')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('textbox', { name: 'Trích yếu' })).toHaveValue(title);
    await expect(page.getByRole('textbox', { name: 'Ký hiệu', exact: true })).toHaveValue('KH-SGDĐT');
    const matches = page.getByRole(testInfo.project.name === 'phone' ? 'list' : 'table', { name: 'Đơn vị được nhắc đến trong văn bản' });
    await expect(matches).toContainText('Ủy ban nhân dân phường Bình Minh');
    await expectNoHorizontalScroll(page, testInfo);
    await page.getByRole('tab', { name: /^Căn cứ/ }).click();
    await expect(page.getByRole('textbox', { name: 'Số, ký hiệu' }).first()).toHaveValue('15/KH-BGDĐT');
    await page.getByRole('tab', { name: /^Nội dung/ }).click();
    await expect(page.getByRole('textbox', { name: 'Tiêu đề' }).first()).toHaveValue(/MỤC ĐÍCH, YÊU CẦU/);
    await page.getByRole('tab', { name: 'Ký & nơi nhận' }).click();
    await expect(page.getByRole('textbox', { name: 'Họ và tên người ký' })).toHaveValue('Phạm Thị Hoà');
    await expect(page.getByRole('textbox', { name: 'Nơi nhận' })).toHaveValue(/UBND tỉnh/);
    await expectNoHorizontalScroll(page, testInfo);

    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();

    // The saved draft's page.
    await expect(page).toHaveURL(/\/admin\/ke-hoach\/\d+$/);
    await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
    await expect(page.getByText('Dự thảo', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Gửi duyệt' })).toBeVisible();
    await expect(page.getByText('KẾ HOẠCH', { exact: true })).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);

    // Export: a Word document, and a PDF where LibreOffice is installed.
    const docxDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải DOCX' }).click();
    expect(await firstBytes(await docxDownload, 2)).toBe('PK');

    // The other parts of the page open and fit the screen.
    for (const tab of ['Nhiệm vụ & tiến độ', 'Nghĩa vụ & hạn', 'Lịch sử phiên bản']) {
      await page.getByRole('tab', { name: tab }).click();
      await expect(page.getByRole('alert')).toHaveCount(0);
      await expectNoHorizontalScroll(page, testInfo);
    }

    // PDF needs LibreOffice on the server.
    test.skip(!fs.existsSync('/usr/bin/soffice'), 'LibreOffice (soffice) chưa cài: bỏ qua PDF');
    const pdfDownload = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByRole('button', { name: 'Tải PDF' }).click();
    expect(await firstBytes(await pdfDownload, 4)).toBe('%PDF');
  });

  test('kế hoạch đã ban hành: tiến độ, hạn, trao đổi, kế hoạch cấp dưới, nơi nhận và lỗi PDF', async ({ page }, testInfo) => {
    await signInOk(page, 'giamdoc.so@demo.loa.vn');
    await goToSection(page, testInfo, 'Kế hoạch');
    await page.getByRole('link', { name: /Truyền thông về giáo dục và đào tạo năm/ }).first().click();
    await expect(page.getByText('Đã ban hành', { exact: true })).toBeVisible();
    await page.getByRole('tab', { name: 'Nhiệm vụ & tiến độ' }).click();
    await expect(page.getByRole('img', { name: 'Tiến độ nhiệm vụ theo quý' })).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    // A quarter's status, then its note and evidence.
    await page.getByRole('combobox', { name: 'Trạng thái Quý II của nhiệm vụ Tuyển sinh đầu cấp và lớp 10' }).click();
    // (Both projects share one server: each picks a status the other did not leave behind.)
    await page.getByRole('option', { name: isPhone(testInfo) ? 'Hoàn thành' : 'Có nguy cơ chậm' }).click();
    await expect(page.getByText('Đã cập nhật tiến độ.')).toBeVisible();
    await page.getByRole('button', { name: 'Ghi chú và minh chứng Quý II của nhiệm vụ Tuyển sinh đầu cấp và lớp 10' }).click();
    const progress = page.getByRole('dialog', { name: 'Cập nhật tiến độ — Quý II' });
    await progress.getByRole('textbox', { name: 'Ghi chú' }).fill('Đã livestream tư vấn tuyển sinh lớp 10.');
    await progress.getByRole('button', { name: 'Thêm minh chứng' }).click();
    await progress.getByRole('textbox', { name: 'Tên minh chứng' }).last().fill('Buổi livestream');
    await progress.getByRole('textbox', { name: 'Đường dẫn' }).last().fill('https://sgddt-lamson.demo.vn/livestream');
    await progress.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect(progress).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Buổi livestream' }).first()).toBeVisible();

    // A late deadline is marked as met.
    await page.getByRole('tab', { name: 'Nghĩa vụ & hạn' }).click();
    await page.getByText(/^Quá hạn/).click();
    await page.getByRole('button', { name: /^Đánh dấu đã hoàn thành/ }).first().click();
    await expect(page.getByText('Đã đánh dấu hoàn thành.')).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);

    // A comment.
    await page.getByRole('tab', { name: 'Trao đổi' }).click();
    await page.getByRole('textbox', { name: 'Ý kiến của bạn' }).fill('Đề nghị Văn phòng tổng hợp kết quả quý II.');
    await page.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await expect(page.getByText('Đề nghị Văn phòng tổng hợp kết quả quý II.').first()).toBeVisible();
    await page.getByRole('tab', { name: 'Kế hoạch cấp dưới' }).click();
    await expect(page.getByText('Ủy ban nhân dân phường Bình Minh').first()).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await page.getByRole('tab', { name: 'Nơi nhận' }).click();
    await expect(page.getByText('Đơn vị đã được gửi')).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);

    // Without LibreOffice the server refuses the PDF; the page shows its message and stays put.
    const message = 'Máy chủ chưa cài LibreOffice nên chưa xuất được PDF. Vẫn có thể tải bản DOCX.';
    await page.route('**/api/plans/*/export?format=pdf', (route) =>
      route.fulfill({ status: 503, json: { error: { code: 'plan.pdf_unavailable', message } } }),
    );
    const url = page.url();
    await page.getByRole('button', { name: 'Tải PDF' }).click();
    await expect(page.getByRole('alert', { name: 'Có lỗi xảy ra' })).toContainText(message);
    expect(page.url()).toBe(url);
  });

  test('soạn, sửa, gửi duyệt, phê duyệt, ban hành, nhận và tạo kế hoạch cấp dưới', async ({ browser, page }, testInfo) => {
    // A school year of its own per project, so issuing never supersedes the demo plans (or the other project's).
    const schoolYear = isPhone(testInfo) ? '2024–2025' : '2023–2024';
    const title = `Truyền thông tuyển sinh ${testInfo.project.name} ${Date.now()}`;

    // The Sở's focal point writes a draft.
    await signInOk(page, 'daumoi.so@demo.loa.vn');
    await page.goto('/admin/ke-hoach/moi');
    await expect(page.getByRole('combobox', { name: 'Đơn vị ban hành' })).toHaveValue('Sở Giáo dục và Đào tạo tỉnh Lam Sơn');
    await expect(page.getByRole('textbox', { name: 'Ký hiệu', exact: true })).toHaveValue('KH-SGDĐT');
    await page.getByRole('textbox', { name: 'Trích yếu' }).fill(title);
    await page.getByText('Năm học', { exact: true }).click();
    await page.getByRole('combobox', { name: 'Năm học' }).click();
    await page.getByRole('option', { name: schoolYear }).click();
    await page.getByRole('tab', { name: /^Nhiệm vụ/ }).click();
    await page.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
    await page.getByRole('textbox', { name: 'Nội dung nhiệm vụ' }).fill('Truyền thông tuyển sinh đầu cấp');
    await page.getByText('Quý III', { exact: true }).click();
    await expect(page.getByRole('checkbox', { name: 'Quý III' })).toBeChecked();
    await expectNoHorizontalScroll(page, testInfo);
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
    await expect(page.getByText(`Năm học ${schoolYear}`).first()).toBeVisible();
    const planId = Number(/\/ke-hoach\/(\d+)$/.exec(page.url())?.[1]);

    // Someone else saves in the meantime: the stale save is refused with the Vietnamese message.
    await page.getByRole('link', { name: 'Sửa' }).click();
    await expect(page.getByRole('heading', { name: 'Sửa dự thảo kế hoạch' })).toBeVisible();
    const csrf = (await (await page.request.get('/api/auth/session')).json()).csrfToken as string;
    const stored = await (await page.request.get(`/api/plans/${planId}`)).json();
    const bump = await page.request.put(`/api/plans/${planId}`, {
      headers: { 'X-CSRF-Token': csrf },
      data: { title: stored.title, period: stored.period, symbol: stored.symbol, tasks: stored.tasks, version: stored.version },
    });
    expect(bump.ok()).toBe(true);
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect(page.getByRole('alert', { name: 'Có lỗi xảy ra' })).toContainText('Kế hoạch đã được người khác sửa.');
    await page.reload();
    await page.getByRole('tab', { name: 'Ký & nơi nhận' }).click();
    await page.getByRole('textbox', { name: 'Nơi nhận' }).fill('Các cơ sở giáo dục;\nLưu: VT, VP.');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect(page).toHaveURL(new RegExp(`/ke-hoach/${planId}$`));
    await page.getByRole('button', { name: 'Gửi duyệt' }).click();
    await expect(page.getByText('Chờ duyệt', { exact: true })).toBeVisible();

    // The director approves and issues it to two communes.
    const leader = await signedInPage(browser, 'giamdoc.so@demo.loa.vn', testInfo);
    await leader.goto(`/admin/ke-hoach/${planId}`);
    await leader.getByRole('button', { name: 'Phê duyệt' }).click();
    await expect(leader.getByText('Đã duyệt', { exact: true })).toBeVisible();
    await leader.getByRole('button', { name: 'Ban hành' }).click();
    const dialog = leader.getByRole('dialog', { name: 'Ban hành kế hoạch' });
    for (const commune of ['Bình Minh', 'Tân Lập']) {
      await dialog.getByRole('combobox', { name: 'Đơn vị nhận kế hoạch' }).fill(commune);
      await leader.getByRole('option', { name: new RegExp(commune) }).first().click();
    }
    await expect(dialog.getByText('Đã chọn 2 đơn vị.')).toBeVisible();
    await expectNoHorizontalScroll(leader, testInfo);
    await dialog.getByRole('button', { name: 'Ban hành' }).click();
    await expect(leader.getByText('Đã ban hành', { exact: true })).toBeVisible();
    await expect(leader.getByText(/^\d{2}\/KH-SGDĐT$/)).toBeVisible();
    await leader.getByRole('tab', { name: 'Nơi nhận' }).click();
    await expect(leader.getByText('Ủy ban nhân dân xã Tân Lập')).toBeVisible();
    await expectNoHorizontalScroll(leader, testInfo);
    await leader.context().close();

    // The commune acknowledges it and starts its own plan from it.
    const commune = await signedInPage(browser, 'daumoi.binhminh@demo.loa.vn', testInfo);
    // Opening the Sở's plan asks nothing of the Sở's unit record, which the commune may not read.
    const refused: string[] = [];
    commune.on('response', (r) => {
      if (r.status() === 403) refused.push(r.url());
    });
    await commune.goto('/admin/ke-hoach');
    await commune.getByRole('tab', { name: 'Kế hoạch nhận được' }).click();
    await commune.getByRole('button', { name: `Xác nhận Ủy ban nhân dân phường Bình Minh đã nhận kế hoạch ${title}` }).click();
    await expect(commune.getByText(/^Đã xác nhận/).first()).toBeVisible();
    await expectNoHorizontalScroll(commune, testInfo);
    await commune.getByRole('link', { name: title }).first().click();
    await commune.getByRole('button', { name: 'Tạo kế hoạch cấp dưới từ kế hoạch này' }).click();
    const cascade = commune.getByRole('dialog', { name: 'Tạo kế hoạch cấp dưới' });
    await expect(cascade.getByRole('combobox', { name: 'Đơn vị cấp dưới' })).toHaveValue('Ủy ban nhân dân phường Bình Minh');
    await cascade.getByRole('button', { name: 'Tạo bản nháp' }).click();
    await expect(commune).not.toHaveURL(new RegExp(`/ke-hoach/${planId}$`));
    await expect(commune.getByRole('heading', { level: 2, name: title })).toBeVisible();
    await expect(commune.getByText('Dự thảo', { exact: true })).toBeVisible();
    await expect(commune.getByText('Ủy ban nhân dân phường Bình Minh').first()).toBeVisible();
    expect(refused).toEqual([]);
    await commune.context().close();

    // Back at the Sở: the sub-unit plans tab counts the commune's draft; the signed copy goes up and comes back.
    await page.goto(`/admin/ke-hoach/${planId}`);
    await page.getByRole('tab', { name: 'Kế hoạch cấp dưới' }).click();
    await expect(page.getByText('Dự thảo', { exact: true })).toBeVisible();
    await page.getByRole('tab', { name: 'Nội dung' }).click();
    await page.locator('input[type=file][accept*="pdf"]').setInputFiles({
      name: 'ke-hoach-da-ky.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1'),
    });
    await expect(page.getByRole('button', { name: 'Tải bản ký' })).toBeVisible();
    const signed = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải bản ký' }).click();
    expect(await firstBytes(await signed, 4)).toBe('%PDF');
  });

  test('lịch nghỉ lễ: quản trị viên thêm một ngày nghỉ rồi xóa', async ({ page }, testInfo) => {
    // A day of its own per project: both projects share one server.
    const [day, weekday] = isPhone(testInfo) ? ['14/08/2030', 'Thứ Tư'] : ['13/08/2030', 'Thứ Ba'];
    const name = `Nghỉ bù thử nghiệm ${testInfo.project.name}`;
    await signInOk(page, 'quantri.so@demo.loa.vn');
    await goToSection(page, testInfo, 'Kế hoạch');
    await page.getByRole('link', { name: 'Lịch nghỉ lễ' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Lịch nghỉ lễ' })).toBeVisible();
    await expect(page.getByText(/bỏ qua các ngày này/)).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);

    await page.getByRole('textbox', { name: 'Ngày', exact: true }).fill(day);
    await page.keyboard.press('Escape');
    await page.getByRole('textbox', { name: 'Tên ngày nghỉ' }).fill(name);
    await page.getByRole('button', { name: 'Thêm ngày nghỉ' }).click();
    await expect(page.getByText(`Đã lưu ngày nghỉ ${day}.`)).toBeVisible();
    // The list turns to the added day's year.
    await expect(page.getByRole('combobox', { name: 'Năm' })).toHaveValue('2030');
    const list = page.getByRole(isPhone(testInfo) ? 'list' : 'table', { name: 'Ngày nghỉ lễ năm 2030' });
    await expect(list).toContainText(day);
    await expect(list).toContainText(weekday);
    await expect(list).toContainText(name);
    await expectNoHorizontalScroll(page, testInfo);

    await page.getByRole('button', { name: `Xóa ngày nghỉ ${day}` }).click();
    const confirm = page.getByRole('dialog', { name: 'Xóa ngày nghỉ' });
    await expect(confirm).toContainText(name);
    await confirm.getByRole('button', { name: 'Xóa' }).click();
    await expect(page.getByText(`Đã xóa ngày nghỉ ${day}.`)).toBeVisible();
    await expect(list).not.toContainText(name);
  });
});

/** Another user, in a browser context of their own with the project's screen. */
async function signedInPage(browser: Browser, email: string, testInfo: TestInfo): Promise<Page> {
  const { baseURL, viewport, isMobile, hasTouch, locale, timezoneId } = testInfo.project.use;
  const ctx = await browser.newContext({ baseURL, viewport, isMobile, hasTouch, locale, timezoneId });
  const p = await ctx.newPage();
  await signInOk(p, email);
  return p;
}
