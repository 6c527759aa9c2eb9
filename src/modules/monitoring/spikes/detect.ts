/**
 * Spike detection on daily volumes (one series per unit × risk category;
 * days are Vietnam calendar days, 'YYYY-MM-DD').
 *
 * Method (documented in docs/MONITORING.md, "## Spikes"): a day's count is
 * compared with the SAME WEEKDAY of the previous `weeks` weeks (4 by default;
 * a missing day counts 0), so the ordinary weekly rhythm — busy weekdays,
 * quiet weekends — is never a spike. From those values: the median m and the
 * median absolute deviation (MAD, scaled ×1.4826 to estimate σ). The day is a
 * spike when its count reaches
 *
 *     threshold = max(minCount, minRatio × m, m + z × max(1.4826 × MAD, √max(m, 1)))
 *
 * — at least `minCount` items (5: two articles are never a spike), at least
 * `minRatio` (3×) the usual level, and `z` (4) robust deviations above it; the
 * √m floor is the Poisson noise of counts, for when the history is flat (MAD 0).
 * A series needs `minHistoryDays` (14) of history before it can alert. A spike
 * that lasts several days is one alert: a day only raises an alert when the
 * day before was not itself a spike.
 */
export type SpikeOptions = { weeks: number; minCount: number; minRatio: number; z: number; minHistoryDays: number };
export const defaultSpikeOptions: SpikeOptions = { weeks: 4, minCount: 5, minRatio: 3, z: 4, minHistoryDays: 14 };

export type DayVerdict = { day: string; count: number; baseline: number[]; median: number; mad: number; threshold: number; isSpike: boolean };

export function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function threshold(baseline: number[], o: SpikeOptions = defaultSpikeOptions): { median: number; mad: number; threshold: number } {
  const m = median(baseline);
  const mad = median(baseline.map((x) => Math.abs(x - m)));
  const spread = Math.max(1.4826 * mad, Math.sqrt(Math.max(m, 1)));
  return { median: m, mad, threshold: Math.max(o.minCount, o.minRatio * m, m + o.z * spread) };
}

/** Judges one day against its series (`counts`: day → count; absent days are 0). */
export function judgeDay(counts: Map<string, number>, day: string, o: SpikeOptions = defaultSpikeOptions): DayVerdict {
  const baseline = Array.from({ length: o.weeks }, (_, i) => counts.get(addDays(day, -7 * (i + 1))) ?? 0);
  const t = threshold(baseline, o);
  const count = counts.get(day) ?? 0;
  return { day, count, baseline, ...t, isSpike: count >= t.threshold };
}

/**
 * Every alert a series would raise, day by day from its first day (what the
 * daily/hourly job does over time): spike days whose previous day was not a
 * spike, once the series has `minHistoryDays` of history.
 */
export function detectSpikes(series: { day: string; count: number }[], o: SpikeOptions = defaultSpikeOptions): DayVerdict[] {
  if (!series.length) return [];
  const counts = new Map(series.map((x) => [x.day, x.count]));
  const days = [...counts.keys()].sort();
  const first = days[0];
  const last = days[days.length - 1];
  const out: DayVerdict[] = [];
  let wasSpike = false;
  for (let d = addDays(first, o.minHistoryDays); d <= last; d = addDays(d, 1)) {
    const v = judgeDay(counts, d, o);
    if (v.isSpike && !wasSpike) out.push(v);
    wasSpike = v.isSpike;
  }
  return out;
}
