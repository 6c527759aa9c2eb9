// The plans module's public door. Import (parsing documents) lives in ./import, export (DOCX/PDF) in ./export.
export * from './deadlines';
export * from './plans.service';
export * from './distribution.service';
export * from './obligations.service';
export * from './tracking.service';
