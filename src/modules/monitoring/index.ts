// The monitoring module's public door: sources, polling, items, the pipeline, stories and threads.
export { monitoringRoutes } from './monitoring.routes';
export * from './monitoring.schemas';
export {
  type Source,
  type SourceKind,
  sourceKinds,
  createSource,
  updateSource,
  getSource,
  listSources,
  rotateWebhookSecret,
  addAlias,
  removeAlias,
  listAliases,
} from './sources.service';
export { pollSource, pollDue, pollAllOnce, adaptiveInterval, backoffSeconds } from './poll.service';
export {
  type ItemView,
  type ExportRow,
  canonicalUrl,
  insertItems,
  addManualEntry,
  listItems,
  getItem,
  getStory,
  getThread,
  exportItems,
  itemUnitPaths,
  clusterUnitPaths,
  webhookSignature,
} from './items.service';
export { processPending, reanalyseItems, refreshStory, watchlist } from './pipeline';
export { parseFeed, FeedError, type FeedItem, type ParsedFeed } from './feeds';
export { pollDueJob } from './monitoring.jobs';
export { addNotice } from './alerts/notices.service';
export { hostCoverage, itemCountsByHost, itemLinks, itemOpenToUnit, searchThreadsForPress, threadCoverage, threadOpenToUnit } from './press.facts';
export { type SparseVec, type StoredWeights, type Weights, deserialize, fnv1a, ngrams, predict, serialize, syllables, train, vectorize } from './learning'; // feedback analysis uses the same classifier engine
export * from './report.facts'; // read-only figures for reports (báo cáo)
export * from './dashboard.facts'; // read-only facts for the dashboards (bảng điều khiển)
export { maskTextOfMonitorItem } from './privacy.facts'; // erasure of personal data in copies (feedback data-subject requests)
export { storyRelatesToUnit } from './concern'; // a story concerns a unit's line (incidents opened from a story)
