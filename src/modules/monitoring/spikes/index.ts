// Spike detection: pure method (detect.ts) and the hourly check over stored items (spikes.service.ts).
export * from './detect';
export { checkSpikes, listSpikes } from './spikes.service';
