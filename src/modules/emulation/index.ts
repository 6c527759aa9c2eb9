// The emulation (thi đua) module's public door: schemes of weighted criteria over the modules' facts, the ranked table.
export * from './emulation.service';
export { metrics, providers, type Metric, type MetricKind, type Evidence, type Fact } from './providers';
