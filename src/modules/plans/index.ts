// The plans module's public door. Import (parsing documents) lives in ./import, export (DOCX/PDF) in ./export.
export * from './deadlines';
export * from './plans.service';
export * from './distribution.service';
export * from './obligations.service';
export * from './tracking.service';
// for the documents library (an issued plan's rendered document) and disclosure deadlines (working days)
export { exportPlanFile } from './plans.export';
export { listHolidays } from './holidays.service';
