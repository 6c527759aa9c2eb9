import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { expectNoHorizontalScroll, goToSection, signInOk } from './helpers';

// The whole page is checked, the shared admin frame included.
const a11y = (page: Parameters<typeof expectNoSeriousA11yViolations>[0]) => expectNoSeriousA11yViolations(page);

/** A real-sounding full name, different on every run and project (the demo data is shared by all tests). */
function uniqueName(seed: number): string {
  const middle = ['Thị', 'Văn', 'Ngọc', 'Minh', 'Hữu', 'Thanh', 'Quốc', 'Bảo', 'Đức', 'Kim'];
  const given = ['Ánh', 'Bảo', 'Cường', 'Diệp', 'Hạnh', 'Khoa', 'Loan', 'Mẫn', 'Nguyên', 'Phương'];
  const last = ['Tú', 'Thư', 'Trí', 'Vân', 'Xuân', 'Ý', 'Sang', 'Quyên', 'Lực', 'Hiền'];
  return `Tôn ${middle[seed % 10]} ${given[Math.floor(seed / 10) % 10]} ${last[Math.floor(seed / 100) % 10]}`;
}

/**
 * Alert rules that watch people (monitoring, issue 6): the Sở's focal point
 * watches a person, creates an alert rule choosing that person, sees the rule
 * listed with the person's name, then edits the rule to clear the person —
 * on desktop and on a phone.
 */
test.describe('theo dõi báo chí — quy tắc cảnh báo theo người được theo dõi', () => {
  test('tạo quy tắc chọn người được theo dõi, rồi sửa để bỏ chọn', async ({ page }, testInfo) => {
    const seed = Date.now() + (testInfo.project.name === 'phone' ? 500 : 0);
    const person = uniqueName(seed);
    const ruleName = `Tin về thầy hiệu trưởng ${seed % 1000000}`;

    await signInOk(page, 'daumoi.so@demo.loa.vn');
    const session = await (await page.request.get('/api/auth/session')).json();
    const unitId = session.user.assignments[0].unitId as number;
    const made = await page.request.post('/api/monitoring/watch/people', {
      headers: { 'x-csrf-token': session.csrfToken, origin: new URL(page.url()).origin },
      data: { unitId, name: person, title: 'Hiệu trưởng' },
    });
    expect(made.status(), await made.text()).toBe(201);

    await goToSection(page, testInfo, 'Cảnh báo');
    await expect(page.getByRole('heading', { name: 'Quy tắc cảnh báo' })).toBeVisible();

    // a new rule that only alerts on items about that person
    await page.getByRole('button', { name: 'Thêm quy tắc' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm quy tắc' });
    await dialog.getByRole('textbox', { name: 'Tên quy tắc' }).fill(ruleName);
    const people = dialog.getByRole('combobox', { name: 'Người được theo dõi' });
    await people.click();
    await people.fill(person.split(' ').slice(0, 3).join(' '));
    await page.getByRole('option', { name: person }).click();
    await dialog.getByRole('textbox', { name: 'Tên quy tắc' }).click(); // closes the list
    await expect(dialog.getByText(person)).toBeVisible();
    await expect(dialog.getByRole('combobox', { name: 'Chủ đề theo dõi' })).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await a11y(page);
    await dialog.getByRole('button', { name: 'Lưu quy tắc' }).click();
    await expect(page.getByText('Đã lưu quy tắc.')).toBeVisible();
    await expect(dialog).toHaveCount(0);

    const rules = page.getByRole('list', { name: 'Quy tắc cảnh báo' });
    const row = rules.getByRole('listitem').filter({ hasText: ruleName });
    await expect(row).toBeVisible();
    await expect(row).toContainText(`Người được theo dõi: ${person}`);
    await expectNoHorizontalScroll(page, testInfo);
    await a11y(page);

    // edit: clear the person; the rule then alerts on any item again
    await row.getByRole('button', { name: `Sửa quy tắc ${ruleName}` }).click();
    const edit = page.getByRole('dialog', { name: 'Sửa quy tắc cảnh báo' });
    await expect(edit.getByText(person)).toBeVisible();
    // from the keyboard, as a screen-reader user would: Backspace in the field removes the last chosen person
    const editPeople = edit.getByRole('combobox', { name: 'Người được theo dõi' });
    await editPeople.focus();
    await editPeople.press('Backspace');
    await edit.getByRole('textbox', { name: 'Tên quy tắc' }).click(); // closes the list
    await expect(edit.getByText(person)).toHaveCount(0);
    await edit.getByRole('button', { name: 'Lưu quy tắc' }).click();
    await expect(edit).toHaveCount(0);
    await expect(row).toBeVisible();
    await expect(row).not.toContainText('Người được theo dõi');

    await page.reload();
    await expect(row).toBeVisible();
    await expect(row).not.toContainText('Người được theo dõi');
    await expectNoHorizontalScroll(page, testInfo);

    // tidy up: the rule is deleted
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: `Xóa quy tắc ${ruleName}` }).click();
    await expect(page.getByText('Đã xóa quy tắc.')).toBeVisible();
    await expect(row).toHaveCount(0);
  });
});
