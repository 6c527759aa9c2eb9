import { describe, expect, it } from 'vitest';
import { parseTypedDate } from './format';

describe('parseTypedDate', () => {
  it.each([
    ['05/09/2026', '2026-09-05'],
    ['5/9/2026', '2026-09-05'],
    ['05-09-2026', '2026-09-05'],
    ['05.09.2026', '2026-09-05'],
    ['2026-09-05', '2026-09-05'],
    ['31/02/2026', null],
    ['hôm nay', null],
  ])('%s → %s', (typed, iso) => expect(parseTypedDate(typed)).toBe(iso));
});
