import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Page, type TestInfo, expect } from '@playwright/test';

export const demoPassword = 'Loa@2025demo';

export const isPhone = (testInfo: TestInfo) => testInfo.project.name === 'phone';

/** On a phone, every page a test visits must fit the screen: no horizontal scrolling. */
export async function expectNoHorizontalScroll(page: Page, testInfo: TestInfo) {
  if (!isPhone(testInfo)) return;
  await page.waitForLoadState('networkidle');
  const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  expect(fits, `page ${page.url()} scrolls horizontally`).toBe(true);
}

export async function signIn(page: Page, email: string, password = demoPassword) {
  await page.goto('/admin/dang-nhap');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

export async function signInOk(page: Page, email: string) {
  await signIn(page, email);
  await expect(page.getByRole('heading', { name: 'Tổng quan' })).toBeVisible();
}

/** Open the navigation (behind the burger on phones) and return it. */
export async function openNav(page: Page, testInfo: TestInfo) {
  if (isPhone(testInfo)) await page.getByRole('button', { name: 'Mở/đóng menu điều hướng' }).click();
  const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
  await expect(nav).toBeVisible();
  return nav;
}

export async function goToSection(page: Page, testInfo: TestInfo, label: string) {
  const nav = await openNav(page, testInfo);
  await nav.getByRole('link', { name: label, exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: label })).toBeVisible();
}

export function writeTempFile(name: string, content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loa-e2e-files-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content, 'utf8');
  return file;
}
