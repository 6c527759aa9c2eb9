// The daily press digest: built on demand (page, DOCX) and e-mailed at 07:00 to digest-mode alert rules.
export * from './digest.service';
export { digestDocx } from './docx';
