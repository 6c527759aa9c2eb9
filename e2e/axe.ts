import { createRequire } from 'node:module';
import fs from 'node:fs';
import { type Page, expect } from '@playwright/test';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is and fails
 * on any serious or critical violation, listing rule, help text and elements.
 * The script is evaluated through the DevTools protocol, so a strict page CSP
 * does not block it. Toasts are left out: axe measures them mid fade-in (opacity
 * animation) and reports a contrast their settled colours do not have.
 */
export async function expectNoSeriousA11yViolations(page: Page, options: { exclude?: string[] } = {}) {
  await page.waitForLoadState('domcontentloaded');
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(async (exclude: string[]) => {
    // @ts-expect-error axe is injected above
    const result = await window.axe.run(exclude.length ? { exclude: exclude.map((s) => [s]) } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v: AxeViolation) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target) }));
  }, ['.mantine-Notifications-root', ...(options.exclude ?? [])])) as { id: string; impact: string | null; help: string; nodes: string[][] }[];
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `axe-core on ${page.url()}:\n${serious.map((v) => `${v.impact} ${v.id}: ${v.help} → ${JSON.stringify(v.nodes)}`).join('\n')}`).toEqual([]);
}
