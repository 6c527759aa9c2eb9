import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { expectNoHorizontalScroll, goToSection, signInOk } from './helpers';

// The whole page is checked, the shared admin frame included.
const a11y = (page: Parameters<typeof expectNoSeriousA11yViolations>[0]) => expectNoSeriousA11yViolations(page);

/**
 * Monitoring sources (M1): the Sở's focal point sees the demo sources and their
 * health, adds a webhook source and is shown its secret once, notes a hotline
 * call, and adds an alias of a school — on desktop and on a phone.
 */
test.describe('theo dõi báo chí — nguồn tin', () => {
  test('xem tình trạng nguồn, thêm webhook, nhập tin, thêm tên gọi khác', async ({ page }, testInfo) => {
    await signInOk(page, 'daumoi.so@demo.loa.vn');
    await goToSection(page, testInfo, 'Nguồn tin theo dõi');
    const list = page.getByRole(testInfo.project.name === 'phone' ? 'list' : 'table', { name: 'Danh sách nguồn tin và tình trạng' });
    await expect(list.getByText('Báo Lam Sơn – Giáo dục')).toBeVisible();
    await expect(list.getByText('Tạm dừng').first()).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await a11y(page);

    // a webhook source: its secret is shown once
    const name = `Dịch vụ lắng nghe thử (${testInfo.project.name})`;
    await page.getByRole('button', { name: 'Thêm nguồn tin' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Loại nguồn').click();
    await page.getByRole('option', { name: 'Webhook (dịch vụ theo dõi mạng xã hội)' }).click();
    await dialog.getByLabel('Tên nguồn').fill(name);
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    const secret = page.getByRole('dialog', { name: 'Khóa bí mật của webhook' });
    await expect(secret.getByText(/^whsec_/)).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await secret.getByRole('button', { name: 'Close' }).or(secret.locator('.mantine-Modal-close')).first().click();
    await expect(list.getByText(name)).toBeVisible();

    // a hotline note
    const entry = page.getByRole('region', { name: 'Nhập tin thủ công' });
    await entry.getByText('Đường dây nóng', { exact: true }).click();
    await entry.getByRole('textbox', { name: 'Nội dung' }).fill('Người dân gọi đường dây nóng báo cổng Trường THCS Lê Lợi ngập nước, học sinh phải lội qua.');
    await entry.getByRole('button', { name: 'Lưu tin' }).click();
    await expect(page.getByText(/Đã lưu tin/)).toBeVisible();

    // an alias
    const aliases = page.getByRole('region', { name: 'Tên gọi khác của đơn vị' });
    const alias = `Trường Lê Lợi cũ ${testInfo.project.name}`;
    await aliases.getByRole('textbox', { name: 'Tên gọi khác' }).fill(alias);
    await aliases.getByRole('button', { name: 'Thêm tên gọi' }).click();
    await expect(aliases.getByText(alias)).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await a11y(page);
  });
});
