/** WCAG 2.1 contrast: the unit's colour carries white text (header, buttons), so it must reach AA (4.5:1) against white. */
export function relativeLuminance(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  const ch = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
}

export function contrastWithWhite(hex: string): number {
  return 1.05 / (relativeLuminance(hex) + 0.05);
}

export const AA_NORMAL_TEXT = 4.5;
export const isHexColour = (s: string) => /^#[0-9a-fA-F]{6}$/.test(s);
