import { api } from './client';

/** Shapes of the public disclosure API (mirrors src/modules/disclosure/disclosure.routes.ts). */
export const disclosureHeadings = ['general', 'finance', 'staff', 'facilities', 'quality', 'education_plan', 'results', 'annual_report'] as const;
export type DisclosureHeading = (typeof disclosureHeadings)[number];
export const complianceStatuses = ['on_time', 'late', 'missing', 'overdue'] as const;
export type ComplianceStatus = (typeof complianceStatuses)[number];

export type EntryFile = { id: number; fileName: string; mime: string; size: number; url: string };
export type DisclosureEntry = {
  id: number;
  unitId: number;
  unitName: string;
  heading: DisclosureHeading;
  headingLabel: string;
  schoolYear: string;
  title: string;
  bodyHtml: string;
  kind: 'yearly' | 'update';
  changedOn: string | null;
  dueOn: string;
  publishedAt: string | null;
  status: ComplianceStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  files: EntryFile[];
};
export type EntryInput = { heading: DisclosureHeading; schoolYear: string; title: string; bodyHtml?: string; changedOn?: string | null };

export type Counts = Record<ComplianceStatus, number>;
export type Compliance = {
  schoolYear: string;
  yearlyDueOn: string;
  today: string;
  headings: { key: DisclosureHeading; label: string }[];
  schools: {
    unitId: number;
    name: string;
    groupId: number;
    groupName: string;
    status: ComplianceStatus;
    counts: Counts;
    cells: { heading: DisclosureHeading; status: ComplianceStatus; obligations: { kind: 'yearly' | 'update'; dueOn: string; publishedOn: string | null; status: ComplianceStatus; entryId: number | null; title: string | null }[] }[];
  }[];
  groups: { unitId: number; name: string; schools: number; counts: Counts }[];
  totals: Counts & { schools: number; cells: number; onTimeRate: number };
};

export const disclosureApi = {
  list: (unitId: number, schoolYear?: string | null) => api<{ items: DisclosureEntry[]; currentSchoolYear: string }>('/disclosure/entries', { query: { unitId, schoolYear } }),
  create: (body: EntryInput & { unitId: number; isPublished?: boolean }) => api<DisclosureEntry>('/disclosure/entries', { method: 'POST', body }),
  update: (id: number, body: EntryInput & { version: number }) => api<DisclosureEntry>(`/disclosure/entries/${id}`, { method: 'PUT', body }),
  publish: (id: number, isPublished: boolean) => api<DisclosureEntry>(`/disclosure/entries/${id}/${isPublished ? 'publish' : 'unpublish'}`, { method: 'POST', body: {} }),
  remove: (id: number) => api<{ ok: true }>(`/disclosure/entries/${id}`, { method: 'DELETE' }),
  upload: (id: number, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api<DisclosureEntry>(`/disclosure/entries/${id}/files`, { method: 'POST', form });
  },
  removeFile: (id: number, fileId: number) => api<DisclosureEntry>(`/disclosure/entries/${id}/files/${fileId}`, { method: 'DELETE' }),
  compliance: (unitId: number, schoolYear?: string | null) => api<Compliance>('/disclosure/compliance', { query: { unitId, schoolYear } }),
};
