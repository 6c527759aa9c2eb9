// The plans module's public door. Import (parsing documents) lives in ./import, export (DOCX/PDF) in ./export.
export * from './deadlines';
export * from './plans.service';
export * from './distribution.service';
export * from './obligations.service';
export * from './obligations.recall'; // taking a fulfilment back (a report's recall, báo cáo thu hồi)
export * from './tracking.service';
// for the documents library (an issued plan's rendered document) and disclosure deadlines (working days)
export { exportPlanFile } from './plans.export';
export { listHolidays } from './holidays.service';
export * from './emulation.facts'; // read-only facts for emulation scoring (thi đua)
export * from './evidence-links'; // events linked to a task are their evidence (events module)
export * from './report.facts'; // read-only figures for reports (báo cáo)
export * from './dashboard.facts'; // read-only facts for the dashboards (bảng điều khiển)
// the Decree 30 document writer, reused by reports (a report is laid out like a plan)
export { convertDocxToPdf, renderPlanDocx, type PlanDocument, type PlanDocumentSection } from './export';
