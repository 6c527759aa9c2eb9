// The documents library's public door: documents (CRUD, search), uploaded files (sniffed), an issued plan's file.
export * from './documents.service';
export * from './files';
export { planFileOfDocument } from './plan-file';
