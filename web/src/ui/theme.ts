import { type CSSVariablesResolver, ColorInput, InputClearButton, Loader, type MantineColorsTuple, Menu, Notification, Pagination, SegmentedControl, createTheme } from '@mantine/core';
import { t } from '../i18n';

/*
 * Accessible colours (WCAG 2.1 AA, 4.5:1 for normal text).
 *
 * Mantine's default palettes are too light for text: indigo.6 links/buttons are 4.3:1 on white,
 * the `dimmed` grey 3.3:1, and green/teal/orange/yellow/cyan badges and buttons with white text
 * 2–3.5:1. So:
 * - the palettes below keep Mantine's shades 0–5 and darken shades 6–9 (same hue) until shade 7
 *   reaches ≥ 4.7:1 on white, shade 8 ≥ 5.6:1 and shade 9 ≥ 7:1 (shade 9 on shade 1, used by
 *   the `light` variant, then stays ≥ 5.5:1);
 * - shade 9 of every palette is also ≥ 4.8:1 on shade 2: a hovered `light` element (e.g. the
 *   active navigation entry under the mouse) has shade 9 text on shade 2 — indigo, violet, grape
 *   and pink keep Mantine's shades 0–8 and only get a darker shade 9;
 * - `primaryShade` 7 makes filled buttons, links (`--mantine-color-anchor`), `c="red"` text and the
 *   active navigation entry use that shade;
 * - `cssVariablesResolver` darkens `dimmed` (≥ 4.5:1 on white, gray.0–2 and the light tints),
 *   the error colour and the placeholder.
 */
const indigo: MantineColorsTuple = ['#edf2ff', '#dbe4ff', '#bac8ff', '#91a7ff', '#748ffc', '#5c7cfa', '#4c6ef5', '#4263eb', '#3b5bdb', '#3046b1'];
const violet: MantineColorsTuple = ['#f3f0ff', '#e5dbff', '#d0bfff', '#b197fc', '#9775fa', '#845ef7', '#7950f2', '#7048e8', '#6741d9', '#5638b2'];
const grape: MantineColorsTuple = ['#f8f0fc', '#f3d9fa', '#eebefa', '#e599f7', '#da77f2', '#cc5de8', '#be4bdb', '#ae3ec9', '#9c36b5', '#822d97'];
const pink: MantineColorsTuple = ['#fff0f6', '#ffdeeb', '#fcc2d7', '#faa2c1', '#f783ac', '#f06595', '#e64980', '#d4326b', '#c2255c', '#a41e4c'];
const red: MantineColorsTuple = ['#fff5f5', '#ffe3e3', '#ffc9c9', '#ffa8a8', '#ff8787', '#ff6b6b', '#fa5252', '#d63737', '#c32b2b', '#a92323'];
const blue: MantineColorsTuple = ['#e7f5ff', '#d0ebff', '#a5d8ff', '#74c0fc', '#4dabf7', '#339af0', '#228be6', '#1a75c7', '#1769b4', '#165897'];
const cyan: MantineColorsTuple = ['#e3fafc', '#c5f6fa', '#99e9f2', '#66d9e8', '#3bc9db', '#22b8cf', '#139cb0', '#0d7e90', '#0a7182', '#096171'];
const teal: MantineColorsTuple = ['#e6fcf5', '#c3fae8', '#96f2d7', '#63e6be', '#38d9a9', '#20c997', '#10a276', '#09835f', '#077654', '#066448'];
const green: MantineColorsTuple = ['#ebfbee', '#d3f9d8', '#b2f2bb', '#8ce99a', '#69db7c', '#51cf66', '#36a34a', '#298439', '#237633', '#1f652d'];
const lime: MantineColorsTuple = ['#f4fce3', '#e9fac8', '#d8f5a2', '#c0eb75', '#a9e34b', '#94d82d', '#679f18', '#507f0f', '#45720a', '#3e6309'];
const yellow: MantineColorsTuple = ['#fff9db', '#fff3bf', '#ffec99', '#ffe066', '#ffd43b', '#fcc419', '#bb8404', '#9f6700', '#975800', '#8a4700'];
const orange: MantineColorsTuple = ['#fff4e6', '#ffe8cc', '#ffd8a8', '#ffc078', '#ffa94d', '#ff922b', '#e17012', '#c15005', '#b04409', '#9e350b'];

export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 7, dark: 8 },
  colors: { indigo, violet, grape, pink, red, blue, cyan, teal, green, lime, yellow, orange },
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  components: {
    // Mantine puts a focusable role="presentation" placeholder inside role="menu", which axe reports
    // (aria-required-children); without it the focus trap focuses the first item instead.
    Menu: Menu.extend({ defaultProps: { withInitialFocusPlaceholder: false } }),
    // the eye-dropper button has no text of its own (the language is fixed per page load)
    ColorInput: ColorInput.extend({ defaultProps: { eyeDropperButtonProps: { 'aria-label': t('ui.eyeDropper') } } }),
    // toasts' close button is an icon only
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': t('ui.closeNotification') } } }),
    // the × of clearable Select/MultiSelect/… inputs
    InputClearButton: InputClearButton.extend({ defaultProps: { 'aria-label': t('ui.clearInput') } }),
    // a plain <span> may not carry the aria-label the pages give their loaders (aria-prohibited-attr)
    Loader: Loader.extend({ defaultProps: { role: 'status' } }),
    // the arrow buttons of pagination
    // no sliding indicator: while it slides, the chosen label's white text sits on the pale track (fails contrast), and motion helps nobody here
    SegmentedControl: SegmentedControl.extend({ defaultProps: { transitionDuration: 0 } }),
    Pagination: Pagination.extend({ defaultProps: { getControlProps: (control) => ({ 'aria-label': t(`ui.pagination.${control}`) }) } }),
  },
});

/** Darker `dimmed`, error and placeholder colours than Mantine's defaults (see above). */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#5c636a',
    '--mantine-color-error': 'var(--mantine-color-red-8)',
    '--mantine-color-placeholder': '#5c636a',
  },
  dark: {},
});
