export { type Actor, type AuditEntry, type AuditRow, listAudit, recordAudit, systemActor } from './audit.service';
