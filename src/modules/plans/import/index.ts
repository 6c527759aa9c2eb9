// Plan import: DOCX/PDF/text → a structured draft (no database needed).
// The parser is built in this folder; see parse.ts.
export { importPlanFile, parsePlanText, type PlanDraft } from './parse';
