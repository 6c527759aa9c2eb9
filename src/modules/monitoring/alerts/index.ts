// Alerts: rules (rules.service.ts), the outbox sweep and delivery (sweep.service.ts), in-app notices, quiet hours, signed webhooks.
export * from './rules.service';
export * from './notices.service';
export { checkNewItems, deliverDueAlerts, queueDigests, sweepAlerts } from './sweep.service';
export { afterQuietHours } from './quiet';
export { signWebhook, verifyWebhookSignature } from './webhook';
