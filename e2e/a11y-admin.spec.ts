import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { goToSection, isPhone, openNav, signInOk } from './helpers';

// The whole admin frame (header with the user menu, navigation, toasts) is checked here,
// with no exclusions: WCAG 2.1 AA, no serious or critical axe-core violation.
test.describe('trợ năng khung quản trị', () => {
  test('trang tổng quan đạt WCAG 2.1 AA', async ({ page }) => {
    await signInOk(page, 'quantri.so@demo.loa.vn');
    await page.waitForLoadState('networkidle');
    await expectNoSeriousA11yViolations(page);
  });

  test('điều hướng đang mở và menu tài khoản đạt WCAG 2.1 AA', async ({ page }, testInfo) => {
    await signInOk(page, 'quantri.so@demo.loa.vn');
    const nav = await openNav(page, testInfo);
    // the active entry (Tổng quan) is part of the check
    await expect(nav.getByRole('link', { name: 'Tổng quan', exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    if (isPhone(testInfo)) await page.getByRole('button', { name: 'Mở/đóng menu điều hướng' }).click();
    await page.getByRole('button', { name: 'Menu tài khoản' }).click();
    await expect(page.getByRole('menuitem', { name: 'Đăng xuất' })).toBeVisible();
    await expect(page.getByRole('menu')).toHaveCSS('opacity', '1'); // not half-way through the fade-in
    await expectNoSeriousA11yViolations(page);
  });

  test('trang danh sách (Tin bài) đạt WCAG 2.1 AA', async ({ page }, testInfo) => {
    await signInOk(page, 'bientap.so@demo.loa.vn');
    await goToSection(page, testInfo, 'Tin bài');
    await page.waitForLoadState('networkidle');
    await expectNoSeriousA11yViolations(page);
  });

  test('trang có bộ chọn đơn vị (Theo dõi) đạt WCAG 2.1 AA', async ({ page }) => {
    await signInOk(page, 'daumoi.so@demo.loa.vn');
    await page.goto('/admin/theo-doi');
    await expect(page.locator('.loa-unit-picker').first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expectNoSeriousA11yViolations(page);
  });
});
