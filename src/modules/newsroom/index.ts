// The newsroom module's public door: articles, photos, consents, the weekly quota.
export * from './articles.service';
export * from './consents.service';
export * from './media.service';
export * from './quota.service';
export { articleSearchText, sanitizeArticleHtml, textOfHtml } from './html';
export * from './public.service';
export { insertImportedArticle, insertImportedMedia } from './imported.service';
