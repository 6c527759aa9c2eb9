import { describe, expect, it } from 'vitest';
import { addDays, detectSpikes, judgeDay } from '../../src/modules/monitoring/spikes/detect';

/** Ten weeks of a unit × category's daily volume with an ordinary weekly rhythm and noise (deterministic). */
function series(start = '2026-08-03', weeks = 10) {
  const out: { day: string; count: number }[] = [];
  let seed = 12345;
  const noise = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let i = 0; i < weeks * 7; i++) {
    const day = addDays(start, i);
    const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
    const usual = dow === 0 || dow === 6 ? 3 : dow === 1 ? 14 : 10; // quiet weekends, busy Mondays
    out.push({ day, count: Math.max(0, Math.round(usual * (0.7 + 0.6 * noise()))) });
  }
  return out;
}

describe('spike detection', () => {
  it('raises no alert on normal weekly variation', () => {
    expect(detectSpikes(series())).toEqual([]);
    // nor when the whole level drifts up by half over the weeks
    expect(detectSpikes(series().map((x, i) => ({ ...x, count: Math.round(x.count * (1 + i / 140)) })))).toEqual([]);
  });

  it('raises exactly one alert for a 5× jump, even when it lasts two days', () => {
    const s = series();
    const i = 60; // a Thursday in week 9
    const usual = s[i].count;
    s[i] = { ...s[i], count: usual * 5 };
    const alerts = detectSpikes(s);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].day).toBe(s[i].day);
    expect(alerts[0].count).toBe(usual * 5);
    s[i + 1] = { ...s[i + 1], count: s[i + 1].count * 5 };
    expect(detectSpikes(s)).toHaveLength(1);
  });

  it('needs a minimum count and compares with the same weekday', () => {
    const counts = new Map<string, number>();
    for (let w = 1; w <= 4; w++) counts.set(addDays('2026-10-04', -7 * w), 1); // Sundays: one item
    counts.set('2026-10-04', 4);
    expect(judgeDay(counts, '2026-10-04').isSpike).toBe(false); // 4× but below 5 items
    counts.set('2026-10-04', 6);
    const v = judgeDay(counts, '2026-10-04');
    expect(v).toMatchObject({ isSpike: true, median: 1, baseline: [1, 1, 1, 1] });
  });
});
