// The newsroom module's public door: articles, photos, consents, the weekly quota.
export * from './articles.service';
export * from './consents.service';
export * from './media.service';
export * from './quota.service';
export { articleSearchText, sanitizeArticleHtml, textOfHtml } from './html';
export * from './public.service';
export { insertImportedArticle, insertImportedMedia } from './imported.service';
export * from './emulation.facts'; // read-only facts for emulation scoring (thi đua)
export * from './report.facts'; // read-only figures for reports (báo cáo)
export * from './dashboard.facts'; // read-only facts for the dashboards (bảng điều khiển)
