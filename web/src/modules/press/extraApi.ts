import { api } from '../../api/client';

/** Briefing invitations and attendance, the rebuttal's thread picker and the press e-mail address (issue 7, last part). */
export type Invitee = {
  id: number; outletId: number; outletName: string; journalistId: number | null; journalistName: string | null; email: string | null;
  invitedAt: string; attended: boolean | null; note: string | null;
};
export type Invitees = { items: Invitee[]; invited: number; attended: number; absent: number };
export type ThreadOption = { id: number; title: string; itemCount: number; storyCount: number; lastSeenAt: string; isOwn: boolean };

export const pressExtraApi = {
  invitees: (briefingId: number) => api<Invitees>(`/press/briefings/${briefingId}/invitees`),
  invite: (briefingId: number, invites: { outletId: number; journalistId?: number | null }[], sendMail = true) =>
    api<{ added: number; mailed: number; invitees: Invitees }>(`/press/briefings/${briefingId}/invitees`, { method: 'POST', body: { invites, sendMail } }),
  uninvite: (briefingId: number, inviteeId: number) => api<Invitees>(`/press/briefings/${briefingId}/uninvite`, { method: 'POST', body: { inviteeId } }),
  attendance: (briefingId: number, entries: { inviteeId: number; attended: boolean | null; note?: string | null }[]) =>
    api<Invitees>(`/press/briefings/${briefingId}/attendance`, { method: 'PUT', body: { entries } }),
  threads: (unitId: number, q: string) => api<{ items: ThreadOption[]; total: number }>('/press/threads', { query: { unitId, q: q || undefined } }),
  inboundAddress: (unitId: number) => api<{ address: string | null; deadlineHours: number }>('/press/inbound-address', { query: { unitId } }),
};
