// Feedback analysis: topics, staff coding with suggestions (the monitoring classifier engine), the retrain job,
// the per-consultation dashboard, and the offline evaluation on the labelled set.
export { feedbackAnalysisRoutes } from './analysis.routes';
export { feedbackRetrainJob } from './analysis.jobs';
export * from './analysis.service';
export { consultationDashboard, type Dashboard, type ParagraphFigures } from './dashboard.service';
export { feedbackModelInfo, forgetFeedbackModel, liveFeedbackModel, retrainFeedbackModel, seedItems, type ModelInfo } from './model.service';
export { suggest, textFeatures, trainFeedbackModel } from './classifier';
export { evaluateSplit, isTestId, score, split } from './evaluate';
export { defaultTopics, feedbackTones, toneLabel, type FeedbackTone } from './topics';
