import { api } from '../../api/client';

export type InspectionMode = 'visit' | 'remote';
export type InspectionStatus = 'planned' | 'follow_up' | 'closed';
export type FindingSeverity = 'note' | 'minor' | 'major';
export type ActionStatus = 'open' | 'reported' | 'closed';

export type ChecklistItem = { id?: number; text: string; guidance?: string | null; weight: number };
export type Checklist = { id: number; unitId: number; unitName: string; title: string; description: string | null; isActive: boolean; version: number; items: ChecklistItem[] };
export type ChecklistListItem = { id: number; unitId: number; unitName: string; title: string; isActive: boolean; itemCount: number; totalWeight: number };
export type InspectionListItem = {
  id: number; unitId: number; unitName: string; inspectedUnitId: number; inspectedUnitName: string; title: string; mode: InspectionMode; inspectedOn: string;
  status: InspectionStatus; score: number | null; findings: number; openActions: number; overdueActions: number;
};
export type Inspection = {
  id: number; unitId: number; unitName: string; inspectedUnitId: number; inspectedUnitName: string; checklistTitle: string | null; title: string; mode: InspectionMode;
  inspectedOn: string; inspectors: string[]; summary: string | null; status: InspectionStatus; score: number | null; liveScore: number | null; version: number;
  items: { id: number; position: number; text: string; guidance: string | null; weight: number; result: number | null; note: string | null }[];
  findings: { id: number; itemId: number | null; text: string; severity: FindingSeverity; createdAt: string }[];
  actions: { id: number; findingId: number | null; title: string; ownerName: string; dueOn: string; status: ActionStatus; reportNote: string | null; reportedAt: string | null; reportedByName: string | null; closedAt: string | null; isOverdue: boolean }[];
  openActions: number;
  overdueActions: number;
  can: { edit: boolean; score: boolean; finish: boolean; decide: boolean; report: boolean };
};
export type InspectionInput = { title: string; mode: InspectionMode; inspectedOn: string; inspectors?: string[]; summary?: string | null };

export const inspectionsKey = ['inspections'] as const;

export const inspectionsApi = {
  checklists: (unitId: number) => api<{ items: ChecklistListItem[] }>('/inspection-checklists', { query: { unitId } }),
  checklist: (id: number) => api<Checklist>(`/inspection-checklists/${id}`),
  createChecklist: (body: { unitId: number; title: string; description?: string | null; items: ChecklistItem[] }) =>
    api<Checklist>('/inspection-checklists', { method: 'POST', body }),
  updateChecklist: (id: number, body: { title: string; description?: string | null; isActive?: boolean; items: ChecklistItem[]; version: number }) =>
    api<Checklist>(`/inspection-checklists/${id}`, { method: 'PUT', body }),
  list: (unitId: number, status?: InspectionStatus | null) => api<{ items: InspectionListItem[] }>('/inspections', { query: { unitId, status } }),
  get: (id: number) => api<Inspection>(`/inspections/${id}`),
  create: (body: InspectionInput & { unitId: number; inspectedUnitId: number; checklistId: number }) => api<Inspection>('/inspections', { method: 'POST', body }),
  results: (id: number, items: { itemId: number; result: number | null; note?: string | null }[]) => api<Inspection>(`/inspections/${id}/results`, { method: 'PUT', body: { items } }),
  addFinding: (id: number, body: { text: string; severity?: FindingSeverity; itemId?: number | null }) => api<Inspection>(`/inspections/${id}/findings`, { method: 'POST', body }),
  addAction: (id: number, body: { title: string; ownerName: string; dueOn: string; findingId?: number | null }) => api<Inspection>(`/inspections/${id}/actions`, { method: 'POST', body }),
  finish: (id: number) => api<Inspection>(`/inspections/${id}/finish`, { method: 'POST', body: {} }),
  report: (actionId: number, note: string) => api<Inspection>(`/inspection-actions/${actionId}/report`, { method: 'POST', body: { note } }),
  decide: (actionId: number, decision: 'close' | 'reopen') => api<Inspection>(`/inspection-actions/${actionId}/${decision}`, { method: 'POST', body: {} }),
};
