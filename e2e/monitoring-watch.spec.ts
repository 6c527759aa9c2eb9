import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { expectNoHorizontalScroll, goToSection, signInOk } from './helpers';

// The whole page is checked, the shared admin frame included.
const a11y = (page: Parameters<typeof expectNoSeriousA11yViolations>[0]) => expectNoSeriousA11yViolations(page);

/** A real-sounding full name, different on every run and project (the demo data is shared by all tests). */
function uniqueName(seed: number): string {
  const middle = ['Thị', 'Văn', 'Ngọc', 'Minh', 'Hữu', 'Thanh', 'Quốc', 'Bảo', 'Đức', 'Kim'];
  const given = ['An', 'Bình', 'Châu', 'Dũng', 'Giang', 'Hải', 'Khánh', 'Linh', 'Nhung', 'Phúc'];
  const last = ['Tâm', 'Trang', 'Tuấn', 'Uyên', 'Vy', 'Yến', 'Sơn', 'Quân', 'Lộc', 'Hòa'];
  return `Lương ${middle[seed % 10]} ${given[Math.floor(seed / 10) % 10]} ${last[Math.floor(seed / 100) % 10]}`;
}

/**
 * The monitoring watchlist beyond units (issue 6): the Sở's focal point adds a
 * watched person (with a title) and a keyword topic on the sources page, sees
 * both listed (also after reloading), and stops watching the person — on
 * desktop and on a phone.
 */
test.describe('theo dõi báo chí — người và chủ đề theo dõi', () => {
  test('thêm người và chủ đề theo dõi, rồi thôi theo dõi một người', async ({ page }, testInfo) => {
    const seed = Date.now() + (testInfo.project.name === 'phone' ? 500 : 0);
    const person = uniqueName(seed);
    const topic = `Bữa ăn bán trú đợt ${seed % 100000}`;

    await signInOk(page, 'daumoi.so@demo.loa.vn');
    await goToSection(page, testInfo, 'Nguồn tin theo dõi');
    const watch = page.getByRole('region', { name: 'Người được theo dõi' });
    await watch.scrollIntoViewIfNeeded();
    await expect(watch.getByRole('heading', { name: 'Chủ đề theo dõi' })).toBeVisible();

    // a person, with the title the press uses
    await watch.getByRole('textbox', { name: 'Họ và tên' }).fill(person);
    await watch.getByRole('textbox', { name: 'Chức danh' }).fill('Hiệu trưởng');
    await watch.getByRole('button', { name: 'Thêm người' }).click();
    await expect(watch.getByText(person)).toBeVisible();
    await expect(watch.getByRole('listitem').filter({ hasText: person })).toContainText('Hiệu trưởng');
    await expect(watch.getByRole('textbox', { name: 'Họ và tên' })).toHaveValue('');

    // a topic: keywords separated by commas
    await watch.getByRole('textbox', { name: 'Tên chủ đề' }).fill(topic);
    await watch.getByRole('textbox', { name: 'Từ khóa' }).fill('suất ăn bán trú, bếp ăn tập thể, ngộ độc thực phẩm');
    await watch.getByRole('button', { name: 'Thêm chủ đề' }).click();
    const topics = watch.getByRole('list', { name: 'Chủ đề theo dõi' });
    const topicRow = topics.getByRole('listitem').filter({ hasText: topic });
    await expect(topicRow).toBeVisible();
    await expect(topicRow).toContainText('suất ăn bán trú, bếp ăn tập thể, ngộ độc thực phẩm');
    await expectNoHorizontalScroll(page, testInfo);
    await a11y(page);

    // both are kept
    await page.reload();
    await expect(watch.getByText(person)).toBeVisible();
    await expect(topicRow).toBeVisible();

    // stop watching the person; the topic stays
    await watch.getByRole('button', { name: `Thôi theo dõi ${person}` }).click();
    await expect(watch.getByText(person)).toHaveCount(0);
    await expect(topicRow).toBeVisible();
    await page.reload();
    await expect(topicRow).toBeVisible();
    await expect(watch.getByText(person)).toHaveCount(0);
    await expectNoHorizontalScroll(page, testInfo);
  });
});
