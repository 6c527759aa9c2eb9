// Learning from corrections: a pure classifier (hashed folded syllable n-grams, logistic regression with the rules as offset),
// k-fold cross-validation against the rules-only baseline, and (retrain.service.ts) the retrain job and the model store.
export * from './features';
export * from './logreg';
export * from './model';
export { applyLearned, buildTrainingSet, currentModel, forgetCachedModel, modelInfo, retrain, type ModelInfo } from './retrain.service';
