// The site import module's public door: moving news in from a unit's old website (feed or sitemap).
export * from './siteimport.service';
export * from './extract';
export { siteImportJob } from './siteimport.jobs';
