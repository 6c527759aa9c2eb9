import { api } from './client';

/** Shapes of the documents library API (mirrors src/modules/documents/documents.routes.ts). */
export const documentTypes = ['quyet_dinh', 'ke_hoach', 'cong_van', 'thong_bao', 'huong_dan', 'bao_cao', 'chi_thi', 'nghi_quyet', 'thong_tu', 'nghi_dinh', 'luat', 'to_trinh', 'bien_ban', 'khac'] as const;
export type DocumentType = (typeof documentTypes)[number];
export type Validity = 'in_force' | 'not_yet' | 'expired';

export type DocumentFile = { id: number; fileName: string; mime: string; size: number; url: string };
export type LibraryDocument = {
  id: number;
  unitId: number;
  unitName: string;
  unitCode: string;
  source: 'upload' | 'plan';
  planId: number | null;
  number: string | null;
  symbol: string | null;
  numberLabel: string | null;
  docType: DocumentType;
  docTypeLabel: string;
  issuer: string;
  signer: string | null;
  signerTitle: string | null;
  issuedOn: string | null;
  effectiveOn: string | null;
  expiresOn: string | null;
  supersededOn: string | null;
  validity: Validity;
  field: string | null;
  summary: string;
  isPublic: boolean;
  ref: string;
  files: DocumentFile[];
  planFileUrl: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  canEdit: boolean;
};

export type DocumentInput = {
  number?: string | null;
  symbol?: string | null;
  docType: DocumentType;
  issuer: string;
  signer?: string | null;
  signerTitle?: string | null;
  issuedOn?: string | null;
  effectiveOn?: string | null;
  expiresOn?: string | null;
  field?: string | null;
  summary: string;
  isPublic?: boolean;
};

export type DocumentQuery = {
  unitId: number;
  subtree?: boolean;
  q?: string;
  docType?: DocumentType | null;
  field?: string;
  issuer?: string;
  number?: string;
  year?: number | null;
  validity?: Validity | null;
  limit?: number;
  offset?: number;
};

export const documentsApi = {
  list: ({ subtree, ...q }: DocumentQuery) =>
    api<{ items: LibraryDocument[]; total: number; facets: { fields: string[]; issuers: string[] } }>('/documents', { query: { ...q, subtree: subtree ? 'true' : undefined } }),
  get: (id: number) => api<LibraryDocument>(`/documents/${id}`),
  create: (body: DocumentInput & { unitId: number }) => api<LibraryDocument>('/documents', { method: 'POST', body }),
  update: (id: number, body: DocumentInput & { version: number }) => api<LibraryDocument>(`/documents/${id}`, { method: 'PUT', body }),
  remove: (id: number) => api<{ ok: true }>(`/documents/${id}`, { method: 'DELETE' }),
  upload: (id: number, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api<LibraryDocument>(`/documents/${id}/files`, { method: 'POST', form });
  },
  removeFile: (id: number, fileId: number) => api<LibraryDocument>(`/documents/${id}/files/${fileId}`, { method: 'DELETE' }),
  /** the admin download address (also for documents not shown publicly) */
  fileUrl: (id: number, fileId: number) => `/api/documents/${id}/files/${fileId}`,
  planFileUrl: (id: number) => `/api/documents/${id}/plan-file`,
};
