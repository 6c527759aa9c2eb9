// Plan export: a plan as a DOCX laid out to Decree 30/2020/NĐ-CP (form 1.4), and that DOCX as PDF.
// See docs/PLAN-EXPORT.md. No database needed.
export { renderPlanDocx } from './docx';
export { convertDocxToPdf, isPdfAvailable } from './pdf';
export { composePlan } from './compose';
export { toPlanDocument, planDocumentSchema, PlanInputError, type PlanDocument, type PlanDocumentSection, type PlanObjective } from './types';
