// The notices module's public door: lines to take and internal notices, pushed down the tree with read receipts.
export * from './notices.service';
export * from './receipts.service';
export { sweepNotices, sweepNoticeMail, sweepNoticeReminders, sweepNoticeZalo, readLink } from './sweep.service';
export { sweepNoticesJob } from './notices.jobs';
export { queueZaloMessage, sweepZaloOutbox } from './zalo-outbox';
