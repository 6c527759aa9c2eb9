// The distribution module's public door. Kept small on purpose: the newsroom
// imports queueDeliveries, so nothing here may import the newsroom back.
// Importing this file also registers the module's jobs (distribution.jobs.ts).
export { queueDeliveries } from './queue';
export { queueRemovals } from './removals.service';
export { workDeliveriesJob, tokenExpiryJob, refreshTokensJob } from './distribution.jobs';
export { sendZaloOaMessage, sendZaloOaMessageForUnit, type ZaloMessageResult } from './adapters/zalo';
export { decryptSecret, encryptSecret, tokenHint } from './secrets';
