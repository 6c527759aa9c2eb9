/** `loa bench NAME`: each bench prints a table, or with --json one document on stdout. */
export type Measure = { name: string; value: number; unit: string };
export type BenchResult = { bench: string; measures: Measure[]; notes?: Record<string, unknown> };

const benches: Record<string, () => Promise<{ run: (opts: { size?: number }) => Promise<BenchResult> }>> = {
  org: () => import('./org.bench'),
  portal: () => import('./portal.bench'),
  sites: () => import('./sites.bench'),
  plans: () => import('./plans.bench'),
  monitor: () => import('./monitor.bench'),
  'monitor-alert': () => import('./monitor-alert.bench'),
  incidents: () => import('./incidents.bench'),
  feedback: () => import('./feedback.bench'),
  reports: () => import('./reports.bench'),
};

export async function runBench(name: string | undefined, opts: { isJson: boolean; size?: number }): Promise<number> {
  if (!name || !benches[name]) {
    process.stderr.write(`Bench: ${Object.keys(benches).join(', ')}\n`);
    return 2;
  }
  const { run } = await benches[name]();
  const result = await run({ size: opts.size });
  if (opts.isJson) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    const w = Math.max(...result.measures.map((m) => m.name.length));
    process.stdout.write(`bench ${result.bench}\n`);
    for (const m of result.measures) process.stdout.write(`  ${m.name.padEnd(w)}  ${String(m.value).padStart(10)} ${m.unit}\n`);
    if (result.notes) process.stdout.write(`  ${JSON.stringify(result.notes)}\n`);
  }
  return 0;
}
