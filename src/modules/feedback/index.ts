// The feedback module's public door: consultations (drafts for comment), comments, general feedback and hotline
// intake, moderation, data-subject requests, exports, escalation to monitoring / incidents, the response reminders,
// and the facts emulation scoring reads. The analysis part (coding, suggestions, dashboard) lives in ./analysis.
export * from './common';
export * from './consultations.service';
export * from './items.service';
export * from './privacy.service';
export * from './exports.service';
export * from './escalate.service';
export * from './public.service';
export { sendResponseReminders, REMIND_DAYS_BEFORE } from './reminders.service';
export { consultationResponseFacts } from './emulation.facts';
export { feedbackRoutes } from './feedback.routes';
export { feedbackRemindersJob } from './feedback.jobs';
export { feedbackAnalysisRoutes, feedbackRetrainJob, consultationDashboard, retrainFeedbackModel, feedbackModelInfo } from './analysis';
