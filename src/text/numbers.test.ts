import { describe, it, expect } from 'vitest';
import { formatCurrencyVnd, formatNumberVi, formatPercentVi, parseNumberVi } from './numbers';

describe('formatNumberVi', () => {
  it.each([
    [0, '0'],
    [7, '7'],
    [999, '999'],
    [1000, '1.000'],
    [12345, '12.345'],
    [1234567.5, '1.234.567,5'],
    [-1234567.5, '-1.234.567,5'],
    [0.1, '0,1'],
    [0.5, '0,5'],
    [3.14159, '3,14159'],
    [1000000000, '1.000.000.000'],
    [-0, '0'],
    [1e21, '1.000.000.000.000.000.000.000'],
    [1.5e22, '15.000.000.000.000.000.000.000'],
    [1e-7, '0,0000001'],
    [-2.5e-8, '-0,000000025'],
    [Number.MAX_SAFE_INTEGER, '9.007.199.254.740.991'],
  ])('%d → %s', (n, expected) => {
    expect(formatNumberVi(n)).toBe(expected);
  });

  it('rounds / pads to fractionDigits', () => {
    expect(formatNumberVi(1234567.5, 2)).toBe('1.234.567,50');
    expect(formatNumberVi(1234567.5, 0)).toBe('1.234.568');
    expect(formatNumberVi(2.345, 1)).toBe('2,3');
    expect(formatNumberVi(9.96, 1)).toBe('10,0');
    expect(formatNumberVi(999.96, 1)).toBe('1.000,0');
    expect(formatNumberVi(12, 3)).toBe('12,000');
    expect(formatNumberVi(-1500.25, 1)).toBe('-1.500,3');
    expect(formatNumberVi(1e21, 2)).toBe('1.000.000.000.000.000.000.000,00');
  });

  it('never prints negative zero', () => {
    expect(formatNumberVi(-0.004, 2)).toBe('0,00');
    expect(formatNumberVi(-0.4, 0)).toBe('0');
    expect(formatNumberVi(-0, 1)).toBe('0,0');
  });

  it('throws on non-finite numbers and bad fractionDigits', () => {
    expect(() => formatNumberVi(Number.NaN)).toThrow(RangeError);
    expect(() => formatNumberVi(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => formatNumberVi(Number.NEGATIVE_INFINITY, 2)).toThrow(RangeError);
    expect(() => formatNumberVi(1, -1)).toThrow(RangeError);
    expect(() => formatNumberVi(1, 1.5)).toThrow(RangeError);
    expect(() => formatNumberVi(1, 101)).toThrow(RangeError);
  });
});

describe('parseNumberVi', () => {
  it.each([
    ['0', 0],
    ['42', 42],
    ['1.234.567,5', 1234567.5],
    ['1.234', 1234], // Vietnamese convention wins for the ambiguous case
    ['12.345', 12345],
    ['1.000.000', 1000000],
    ['12,5', 12.5],
    ['1,234', 1.234],
    ['0,75', 0.75],
    ['1234567,89', 1234567.89],
    ['1234567.5', 1234567.5], // not a valid thousands grouping → decimal point
    ['3.14', 3.14],
    ['0.5', 0.5],
    ['0.500', 0.5], // leading zero cannot start a thousands group
    ['1234.567', 1234.567],
    ['12.3456', 12.3456],
    ['1 500 000', 1500000],
    ['1\u00A0500\u00A0000', 1500000],
    ['1\u202F234,5', 1234.5],
    ['-1.234,5', -1234.5],
    ['+7', 7],
    ['\u22125', -5],
    ['- 12,5', -12.5],
    ['  2.500.000  ', 2500000],
    ['007', 7],
  ])('%j → %d', (text, expected) => {
    expect(parseNumberVi(text)).toBe(expected);
  });

  it.each([
    '',
    '   ',
    'abc',
    '12a',
    '1,234.5', // English grouping
    '1,234,567',
    '1.23.4',
    '1.2345.678',
    '1.234.5',
    '12.34.567,8',
    '1,2,3',
    '.5',
    ',5',
    '5.',
    '5,',
    '1e5',
    '1.500.000 đ',
    '12,5%',
    '--5',
    '-',
    '1 50 000',
    '1 500.000',
    '1.234,5.6',
    '🎉',
    'Infinity',
    'NaN',
  ])('rejects %j', (text) => {
    expect(parseNumberVi(text)).toBeNull();
  });

  it('round-trips with formatNumberVi for grouped values', () => {
    for (const n of [0, 5, 1000, 1234567.5, -98765.4321, 0.001, 2500000]) {
      expect(parseNumberVi(formatNumberVi(n))).toBe(n);
    }
  });
});

describe('formatCurrencyVnd', () => {
  it.each([
    [1500000, '1.500.000 đ'],
    [0, '0 đ'],
    [500, '500 đ'],
    [1000, '1.000 đ'],
    [-250000, '-250.000 đ'],
    [1999.5, '2.000 đ'],
    [1999.4, '1.999 đ'],
    [-2.5, '-3 đ'],
    [-0.4, '0 đ'],
    [12345678901, '12.345.678.901 đ'],
  ])('%d → %s', (n, expected) => {
    expect(formatCurrencyVnd(n)).toBe(expected);
  });

  it('throws on non-finite amounts', () => {
    expect(() => formatCurrencyVnd(Number.NaN)).toThrow(RangeError);
  });
});

describe('formatPercentVi', () => {
  it('formats a ratio as a percentage with a decimal comma', () => {
    expect(formatPercentVi(0.125)).toBe('12,5%');
    expect(formatPercentVi(0.12)).toBe('12,0%');
    expect(formatPercentVi(1)).toBe('100,0%');
    expect(formatPercentVi(0)).toBe('0,0%');
    expect(formatPercentVi(0.98765, 2)).toBe('98,77%');
    expect(formatPercentVi(0.5, 0)).toBe('50%');
    expect(formatPercentVi(12.345, 1)).toBe('1.234,5%');
    expect(formatPercentVi(-0.05)).toBe('-5,0%');
    expect(formatPercentVi(2 / 3)).toBe('66,7%');
  });

  it('does not suffer from x * 100 binary error', () => {
    // 0.145 * 100 === 14.499999999999998
    expect(formatPercentVi(0.145, 1)).toBe('14,5%');
    expect(formatPercentVi(0.0145, 2)).toBe('1,45%');
    expect(formatPercentVi(1e-9, 7)).toBe('0,0000001%');
  });

  it('throws on non-finite input', () => {
    expect(() => formatPercentVi(Number.NaN)).toThrow(RangeError);
    expect(() => formatPercentVi(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
