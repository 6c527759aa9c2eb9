import { api } from './client';
import type {
  AuditEntry,
  Dashboard,
  ImportKind,
  ImportRun,
  Person,
  Role,
  Session,
  Unit,
  UnitDetail,
  UnitInput,
  UnitSearchHit,
} from './types';

type Ok = { ok: true };

export const authApi = {
  session: () => api<Session>('/auth/session'),
  login: (email: string, password: string) =>
    api<{ csrfToken: string; isMfaPending: boolean }>('/auth/login', { method: 'POST', body: { email, password } }),
  verifyTotp: (code: string) => api<Ok>('/auth/totp/verify', { method: 'POST', body: { code } }),
  logout: () => api<Ok>('/auth/logout', { method: 'POST' }),
  requestReset: (email: string) => api<Ok>('/auth/password-reset', { method: 'POST', body: { email } }),
  confirmReset: (token: string, password: string) =>
    api<Ok>('/auth/password-reset/confirm', { method: 'POST', body: { token, password } }),
  changePassword: (currentPassword: string, newPassword: string) =>
    api<Ok>('/auth/password', { method: 'POST', body: { currentPassword, newPassword } }),
  totpSetup: () => api<{ secret: string; uri: string }>('/auth/totp/setup', { method: 'POST' }),
  totpEnable: (code: string) => api<Ok>('/auth/totp/enable', { method: 'POST', body: { code } }),
  totpDisable: (password: string) => api<Ok>('/auth/totp/disable', { method: 'POST', body: { password } }),
};

export const unitsApi = {
  roots: () => api<{ items: Unit[] }>('/units'),
  children: (parentId: number) => api<{ items: Unit[] }>('/units', { query: { parentId } }),
  search: (q: string, signal?: AbortSignal) =>
    api<{ items: UnitSearchHit[] }>('/units/search', { query: { q }, signal }),
  get: (id: number) => api<UnitDetail>(`/units/${id}`),
  create: (input: UnitInput & { parentId: number | null }) => api<Unit>('/units', { method: 'POST', body: input }),
  update: (id: number, input: Partial<UnitInput> & { version: number }) =>
    api<Unit>(`/units/${id}`, { method: 'PATCH', body: input }),
  move: (id: number, body: { parentId: number; on: string; note?: string }) =>
    api<Unit>(`/units/${id}/move`, { method: 'POST', body }),
  merge: (id: number, body: { intoId: number; on: string; isMovingChildren: boolean; note?: string }) =>
    api<Unit>(`/units/${id}/merge`, { method: 'POST', body }),
  close: (id: number, body: { on: string; note?: string }) => api<Unit>(`/units/${id}/close`, { method: 'POST', body }),
  reopen: (id: number, body: { on: string }) => api<Unit>(`/units/${id}/reopen`, { method: 'POST', body }),
};

export type PersonInput = { email: string; name: string; title: string | null; phone: string | null };
export const peopleApi = {
  list: (q: { q?: string; unitId?: number | null; limit: number; offset: number }) =>
    api<{ items: Person[]; total: number }>('/people', { query: q }),
  get: (id: number) => api<Person>(`/people/${id}`),
  create: (body: PersonInput & { unitId: number; password?: string }) =>
    api<Person>('/people', { method: 'POST', body }),
  update: (id: number, body: Partial<PersonInput & { isActive: boolean }> & { version: number }) =>
    api<Person>(`/people/${id}`, { method: 'PATCH', body }),
  assignRole: (id: number, unitId: number, role: Role) =>
    api<Person>(`/people/${id}/roles`, { method: 'POST', body: { unitId, role } }),
  revokeRole: (id: number, assignmentId: number) =>
    api<Person>(`/people/${id}/roles/${assignmentId}`, { method: 'DELETE' }),
};

export const importsApi = {
  upload: (unitId: number, kind: ImportKind, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api<ImportRun>('/imports', { method: 'POST', query: { unitId, kind }, form });
  },
  get: (id: string) => api<ImportRun>(`/imports/${id}`),
  apply: (id: string, isSkippingInvalid: boolean) =>
    api<ImportRun>(`/imports/${id}/apply`, { method: 'POST', body: { isSkippingInvalid } }),
};

export const auditApi = {
  list: (q: { entity?: string | null; unitId?: number | null; beforeId?: number; limit: number }) =>
    api<{ items: AuditEntry[] }>('/audit', { query: q }),
};

export const dashboardApi = {
  get: () => api<Dashboard>('/dashboard'),
};
