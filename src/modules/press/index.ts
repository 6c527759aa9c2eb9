// The press module's public door: outlets and journalists, press questions, releases, rebuttals,
// briefings and Decree 09 compliance, the issues library and correction requests.
export * from './common';
export * from './outlets.service';
export * from './questions.service';
export * from './releases.service';
export * from './library.service';
export { pressRemindJob } from './press.jobs';
export * from './briefings.service';
export { EMAILED_QUESTION_DEADLINE_HOURS, inboundSettings, pressAddressOf, storeInboundMail, unitForPressAddress } from './inbound.service';
export { startInboundSmtp } from './inbound.smtp';
export * from './report.facts'; // read-only figures for reports (báo cáo)
