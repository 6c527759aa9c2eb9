import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { expectNoHorizontalScroll, goToSection, isPhone, signInOk } from './helpers';

// toasts fade in: axe may catch one half-transparent; their settled colours pass (theme.ts)
const frame = { exclude: ['.mantine-Notifications-root'] };

/**
 * Incidents (issue 7): the Sở's spokesperson opens an incident from a flagged
 * monitoring story about a school, takes it through every stage, publishes the
 * result of the handling, completes the review and closes it; the result is on
 * the portal — on desktop and on a phone.
 */
test.describe('sự cố truyền thông', () => {
  test('từ tin theo dõi đến sự cố đã đóng, kết quả xử lý công khai trên cổng', async ({ page }, testInfo) => {
    await signInOk(page, 'phatngon.so@demo.loa.vn');
    const session = await (await page.request.get('/api/auth/session')).json();
    const soId = session.user.assignments[0].unitId as number;
    const found = await (await page.request.get(`/api/monitoring/triage?unitId=${soId}&q=${encodeURIComponent('Trường THPT Nguyễn Trãi bị bạn đánh')}`)).json();
    const story = found.items[0] as { id: number; title: string };
    expect(story, JSON.stringify(found)).toBeTruthy();

    // the story page offers to open an incident
    await page.goto(`/admin/theo-doi/tin/${story.id}`);
    await expect(page.getByRole('heading', { level: 2, name: story.title })).toBeVisible();
    await expectNoSeriousA11yViolations(page, frame);
    await page.getByRole('link', { name: 'Mở sự cố từ tin này' }).click();
    await expect(page.getByText(/Mở sự cố từ tin theo dõi/)).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page, frame);
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Mở sự cố', exact: true }) });
    const unit = form.getByRole('combobox', { name: 'Đơn vị xử lý' });
    await unit.click();
    await unit.fill('Nguyễn Trãi');
    await page.getByRole('option', { name: /Trường THPT Nguyễn Trãi/ }).first().click();
    const title = `${story.title} (${testInfo.project.name})`;
    await form.getByRole('textbox', { name: 'Tên sự cố' }).fill(title);
    await form.getByRole('button', { name: 'Mở sự cố', exact: true }).click();

    // the incident: stages, clocks, the story's copies on the timeline, escalated to the Sở
    await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
    await expect(page.getByText('Tin báo chí, mạng xã hội').first()).toBeVisible();
    await expect(page.getByText(/Sở Giáo dục và Đào tạo tỉnh Lam Sơn — khi mở sự cố/)).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page, frame);

    for (const stage of ['Đang xử lý', 'Đã kiểm soát', 'Đã giải quyết']) {
      await page.getByRole('button', { name: `Chuyển sang: ${stage}` }).click();
      await expect(page.getByText(`Đã chuyển sang giai đoạn "${stage}".`)).toBeVisible();
    }

    // the published result
    const resultTitle = `Kết quả xử lý vụ việc học sinh Trường THPT Nguyễn Trãi bị bạn đánh (${isPhone(testInfo) ? 'điện thoại' : 'máy tính'})`;
    await page.getByRole('textbox', { name: 'Tiêu đề kết quả xử lý' }).fill(resultTitle);
    await page.getByRole('textbox', { name: 'Nội dung kết quả xử lý' }).fill('Hội đồng kỷ luật nhà trường đã khiển trách bốn học sinh.\n\nNhà trường phối hợp công an phường tuyên truyền phòng chống bạo lực học đường.');
    await page.getByRole('button', { name: 'Công khai trên cổng thông tin' }).click();
    await expect(page.getByText('Đã công khai kết quả xử lý.')).toBeVisible();
    const href = await page.getByRole('link', { name: /Xem trang công khai/ }).getAttribute('href');
    expect(href).toMatch(/^\/cong-khai-ket-qua-xu-ly\//);

    // review, then close
    await page.getByRole('button', { name: 'Chuyển sang: Rút kinh nghiệm' }).click();
    await expect(page.getByText('Đã chuyển sang giai đoạn "Rút kinh nghiệm".')).toBeVisible();
    await page.getByRole('textbox', { name: 'Những việc đã làm tốt' }).fill('Nhà trường thông tin kịp thời, thống nhất với Sở.');
    await page.getByRole('textbox', { name: 'Những việc cần cải thiện' }).fill('Cần có người trực cổng sau giờ tan học.');
    await page.getByRole('textbox', { name: 'Bài học kinh nghiệm' }).fill('Phát hiện sớm clip trên mạng xã hội qua theo dõi dư luận.');
    await page.getByRole('textbox', { name: 'Thông tin định hướng đã cập nhật' }).fill('Bổ sung thông tin định hướng về phòng chống bạo lực học đường.');
    await page.getByRole('button', { name: 'Lưu rút kinh nghiệm' }).click();
    await expect(page.getByText('Đã lưu rút kinh nghiệm.')).toBeVisible();
    await page.getByRole('button', { name: 'Chuyển sang: Đã đóng' }).click();
    await expect(page.getByText('Đã chuyển sang giai đoạn "Đã đóng".')).toBeVisible();
    await expect(page.getByRole('button', { name: /Chuyển sang/ })).toHaveCount(0);
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page, frame);

    // the list, and the board by stage with the demo's active incident at Trường Tiểu học Kim Đồng
    await goToSection(page, testInfo, 'Sự cố truyền thông');
    await expect(page.getByRole('list', { name: 'Danh sách sự cố' }).getByRole('link', { name: 'Học sinh đau bụng sau bữa ăn bán trú' })).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page, frame);
    await page.getByText('Bảng theo giai đoạn', { exact: true }).click();
    await expect(page.getByRole('list', { name: 'Đang xử lý' }).getByRole('link', { name: 'Học sinh đau bụng sau bữa ăn bán trú' })).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page, frame);

    // the portal
    await page.goto(href as string);
    await expect(page.getByRole('heading', { level: 1, name: resultTitle })).toBeVisible();
    await expect(page.getByText('Hội đồng kỷ luật nhà trường đã khiển trách bốn học sinh.')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Thông tin báo chí liên quan' })).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page);
    await page.goto('/cong-khai-ket-qua-xu-ly');
    await expect(page.getByRole('link', { name: resultTitle })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // and on the Sở's site (results of its subtree), with the demo's closed incident of THCS Lê Lợi
    await page.goto('/don-vi/DEMO-SGDDT-LS');
    const base = new URL(page.url()).pathname;
    await page.goto(`${base}/cong-khai-ket-qua-xu-ly`);
    await expect(page.getByRole('heading', { level: 1, name: 'Công khai kết quả xử lý' })).toBeVisible();
    await expect(page.getByRole('link', { name: /các khoản thu đầu năm học tại Trường THCS Lê Lợi/ })).toBeVisible();
    await page.getByRole('link', { name: resultTitle }).click();
    await expect(page.getByRole('heading', { level: 1, name: resultTitle })).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await expectNoSeriousA11yViolations(page);
  });
});
