// The reports module's public door: reports drafted from the data (monthly public opinion, semester, year-end),
// sign-off, export (DOCX/XLSX/PDF), submission to the parent unit. See docs/REPORTS.md.
export * from './periods';
export * from './reports.service';
export { exportReportFile, reportDocumentOf, reportXlsx } from './reports.export';
export { type ReportSection, type ReportTable, type SectionKey, sectionKeys, sectionsOfKind, subunitSubmissions } from './sections';
export { generateReportJob } from './reports.jobs';
