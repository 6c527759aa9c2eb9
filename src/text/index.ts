/** Pure Vietnamese text toolkit: folding, tokens/slugs, dates (UTC+7) and numbers. */
export * from './fold';
export * from './tokenize';
export * from './dates';
export * from './numbers';
