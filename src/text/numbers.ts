/**
 * Vietnamese number formatting: `.` groups thousands, `,` marks decimals
 * (`1.234.567,5`), the reverse of English.
 *
 * Implemented by hand rather than with `Intl.NumberFormat('vi-VN')` because
 * Node builds with small ICU fall back to English separators silently, and
 * because the output must be byte-for-byte stable for tests and exports.
 *
 * Formatters throw `RangeError` for `NaN` and `±Infinity`: there is no
 * sensible Vietnamese rendering, and printing "NaN" into a report hides bugs.
 */

function assertFinite(n: number): void {
  if (!Number.isFinite(n)) throw new RangeError(`Cannot format non-finite number: ${n}`);
}

/**
 * Plain decimal digits of a non-negative finite number, never in exponent
 * notation. Uses the shortest round-trip representation (`String(n)`) and
 * only moves the decimal point, so no binary noise is introduced.
 */
function toPlainDecimal(abs: number): string {
  const s = String(abs);
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const digits = m[1]! + (m[2] ?? '');
  const point = 1 + Number(m[3]); // position of the decimal point in `digits`
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

function groupThousands(intDigits: string): string {
  return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/**
 * Formats a number Vietnamese-style: `1234567.5` → `1.234.567,5`.
 *
 * - Without `fractionDigits`, prints as many decimals as the number has in its
 *   shortest representation (`0.1` → `0,1`, `2` → `2`).
 * - With `fractionDigits` (integer 0..100), rounds/pads to exactly that many,
 *   using `Number.prototype.toFixed` (so binary rounding applies:
 *   `1.005` → `1,00`).
 * - Negative numbers get `-`; a value that rounds to zero never shows `-0`.
 */
export function formatNumberVi(n: number, fractionDigits?: number): string {
  assertFinite(n);
  let plain: string;
  if (fractionDigits === undefined) {
    plain = toPlainDecimal(Math.abs(n));
  } else {
    if (!Number.isInteger(fractionDigits) || fractionDigits < 0 || fractionDigits > 100) {
      throw new RangeError(`fractionDigits must be an integer 0..100, got ${fractionDigits}`);
    }
    plain = Math.abs(n).toFixed(fractionDigits);
    if (plain.includes('e')) {
      // toFixed switches to exponent notation from 1e21 on; such values are
      // integers, so the decimals are zeros.
      plain = toPlainDecimal(Math.abs(n)) + (fractionDigits > 0 ? '.' + '0'.repeat(fractionDigits) : '');
    }
  }
  const [intPart, fracPart] = plain.split('.') as [string, string | undefined];
  const isZero = /^[0.]*$/.test(plain);
  const sign = n < 0 && !isZero ? '-' : '';
  return sign + groupThousands(intPart) + (fracPart ? `,${fracPart}` : '');
}

/** Thousands-grouped integer: 1-3 leading digits (not starting with 0), then groups of exactly 3. */
const DOT_GROUPED_RE = /^[1-9]\d{0,2}(?:\.\d{3})+$/;
const SPACE_GROUPED_RE = /^[1-9]\d{0,2}(?: \d{3})+$/;

/**
 * Parses a number as people type it in Vietnam. Returns `null` rather than
 * guessing when the text could mean two different numbers.
 *
 * The rule (after trimming; an optional leading `+`, `-` or `−`):
 * 1. `,` is always the decimal separator, and may appear at most once:
 *    `12,5` → 12.5, `1,234` → 1.234.
 * 2. `.` is a thousands separator when the dots form a valid grouping —
 *    a first group of 1-3 digits not starting with 0, then groups of exactly 3:
 *    `1.234` → 1234, `1.234.567,5` → 1234567.5.
 * 3. Otherwise, a single `.` with no `,` is read as a decimal point, for
 *    machine-style input: `1234567.5`, `3.14`, `0.5`, `1234.567`.
 *    (So the ambiguous `1.234` follows Vietnamese convention and means 1234.)
 * 4. Spaces (also NBSP, narrow NBSP, thin space) may group thousands instead
 *    of dots when grouped correctly: `1 500 000` → 1500000.
 * 5. Anything else is `null`: mixed or misplaced separators (`1,234.5`,
 *    `1.23.4`), several commas, exponents, currency or percent signs, empty
 *    text, `.5`, `5.`.
 */
export function parseNumberVi(s: string): number | null {
  let text = s.trim().replace(/[\u00A0\u202F\u2009]/g, ' ');
  let sign = 1;
  const signMatch = /^([+\-\u2212])\s*/.exec(text);
  if (signMatch) {
    if (signMatch[1] !== '+') sign = -1;
    text = text.slice(signMatch[0].length);
  }
  if (!/^[\d., ]+$/.test(text)) return null;

  const commaParts = text.split(',');
  if (commaParts.length > 2) return null;
  const intText = commaParts[0]!;
  const fracText = commaParts[1];
  if (fracText !== undefined && !/^\d+$/.test(fracText)) return null;

  let intDigits: string;
  if (/^\d+$/.test(intText)) {
    intDigits = intText;
  } else if (DOT_GROUPED_RE.test(intText)) {
    intDigits = intText.replace(/\./g, '');
  } else if (SPACE_GROUPED_RE.test(intText)) {
    intDigits = intText.replace(/ /g, '');
  } else if (fracText === undefined && /^\d+\.\d+$/.test(intText)) {
    // Rule 3: lone decimal point.
    return sign * Number(intText);
  } else {
    return null;
  }
  const value = Number(fracText === undefined ? intDigits : `${intDigits}.${fracText}`);
  return sign * value;
}

/**
 * Amount in Vietnamese đồng: `1500000` → `1.500.000 đ`. Rounded to whole
 * đồng (half away from zero), since the currency has no subunit in use.
 * Uses the letter `đ` after a space, the common form on Vietnamese
 * invoices and notices (rather than the `₫` symbol, which many fonts lack).
 */
export function formatCurrencyVnd(n: number): string {
  assertFinite(n);
  const rounded = Math.sign(n) * Math.round(Math.abs(n));
  return `${formatNumberVi(rounded, 0)} đ`;
}

/**
 * A ratio as a Vietnamese percentage: `0.125` → `12,5%`.
 *
 * `x` is a **ratio** (1 = 100%), like `Intl.NumberFormat` with
 * `style: 'percent'`, so `passed / total` can be passed directly. Always
 * prints exactly `digits` decimals (`0.12` → `12,0%`), keeping columns of
 * figures aligned. No space before `%`, as in common Vietnamese usage.
 */
export function formatPercentVi(x: number, digits = 1): string {
  assertFinite(x);
  // Scale via the decimal string, not x * 100, so 0.145 becomes 14.5
  // exactly rather than 14.499999999999998.
  const scaled = Number(`${toPlainDecimalSigned(x)}e2`);
  return `${formatNumberVi(scaled, digits)}%`;
}

function toPlainDecimalSigned(x: number): string {
  return (x < 0 ? '-' : '') + toPlainDecimal(Math.abs(x));
}
