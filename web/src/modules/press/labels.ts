import type { ComplianceState, CorrectionOutcome, OutletKind, QuestionStatus } from '../../api/press';
import { type MessageKey, t } from '../../i18n';

export const questionStatusLabel = (s: QuestionStatus) => t(`press.status.${s}` as MessageKey);
export const questionStatusColor = (s: QuestionStatus) =>
  ({ received: 'gray', assigned: 'blue', drafted: 'cyan', approved: 'teal', answered: 'green', declined: 'orange' })[s];
export const outletKindLabel = (k: OutletKind) => t(`press.kind.${k}` as MessageKey);
export const outcomeLabel = (o: CorrectionOutcome) => t(`press.outcome.${o}` as MessageKey);
export const docStatusLabel = (s: string) => t(`press.doc.${s}` as MessageKey);
export const complianceLabel = (s: ComplianceState) => t(`press.compliance.${s}` as MessageKey);
export const complianceColor = (s: ComplianceState) => ({ done: 'green', due: 'yellow', overdue: 'red', upcoming: 'gray' })[s];
export const channelLabel = (c: string) => t(`press.channel.${c}` as MessageKey);
