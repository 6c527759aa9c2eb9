import { api } from '../../api/client';

export const eventKinds = ['conference', 'training', 'contest', 'other'] as const;
export type EventKind = (typeof eventKinds)[number];
export const eventStatuses = ['planned', 'held', 'cancelled'] as const;
export type EventStatus = (typeof eventStatuses)[number];
export type EventResponse = 'pending' | 'accepted' | 'declined';
export const eventReminders = ['none', '1h', '1d', '3d'] as const;
export type EventReminder = (typeof eventReminders)[number];
export type FeedStatus = { isActive: boolean; unitId: number | null; unitName: string | null; createdAt: string | null; lastUsedAt: string | null };

export type EventListItem = {
  id: number; unitId: number; unitName: string; kind: EventKind; title: string; startsAt: string; endsAt: string | null;
  place: string | null; onlineUrl: string | null; status: EventStatus; planTaskId: number | null; isOrganisedHere: boolean; invited: number; attended: number;
};
export type BriefingItem = { id: number; kind: 'briefing' | 'conference'; title: string; startsAt: string; place: string | null; status: string };
export type Invitee = {
  id: number; unitId: number; unitName: string; userId: number | null; userName: string | null; response: EventResponse; responseNote: string | null;
  respondedAt: string | null; respondedByName: string | null; attended: boolean; attendees: number;
};
export type Material = { id: number; kind: 'file' | 'link'; title: string; url: string; fileName: string | null; mime: string | null; size: number | null; createdAt: string };
export type EventDetail = {
  id: number; unitId: number; unitName: string; kind: EventKind; title: string; description: string | null; startsAt: string; endsAt: string | null;
  place: string | null; onlineUrl: string | null; planTaskId: number | null; planTaskTopic: string | null; planId: number | null; status: EventStatus; reminder: EventReminder; version: number;
  createdByName: string | null; invitees: Invitee[]; materials: Material[];
  totals: { invited: number; accepted: number; declined: number; attended: number; people: number };
  can: { edit: boolean; respondInviteeIds: number[] };
};
export type EventInput = {
  kind: EventKind; title: string; description?: string | null; startsAt: string; endsAt?: string | null; place?: string | null; onlineUrl?: string | null;
  planTaskId?: number | null; status?: EventStatus; reminder?: EventReminder;
};
export type Invitation = { inviteeId: number; eventId: number; title: string; kind: EventKind; startsAt: string; organiserName: string; unitName: string; isPersonal: boolean; response: EventResponse };

export const eventsKey = ['events'] as const;

export const eventsApi = {
  list: (q: { unitId: number; from: string; to: string; kind?: EventKind | null }) =>
    api<{ items: EventListItem[]; briefings: BriefingItem[] }>('/events', { query: q }),
  invitations: () => api<{ items: Invitation[] }>('/events/invitations'),
  get: (id: number) => api<EventDetail>(`/events/${id}`),
  create: (body: EventInput & { unitId: number }) => api<EventDetail>('/events', { method: 'POST', body }),
  update: (id: number, body: EventInput & { version: number }) => api<EventDetail>(`/events/${id}`, { method: 'PUT', body }),
  candidates: (id: number, q: string) =>
    api<{ units: { id: number; name: string; type: string }[]; people: { id: number; name: string; unitName: string }[] }>(`/events/${id}/candidates`, { query: { q } }),
  invite: (id: number, body: { unitIds?: number[]; userIds?: number[] }) => api<EventDetail>(`/events/${id}/invitees`, { method: 'POST', body }),
  uninvite: (id: number, inviteeId: number) => api<EventDetail>(`/events/${id}/invitees/${inviteeId}`, { method: 'DELETE' }),
  respond: (inviteeId: number, body: { response: 'accepted' | 'declined'; note?: string | null }) =>
    api<EventDetail>(`/events/invitees/${inviteeId}/respond`, { method: 'POST', body }),
  attendance: (id: number, items: { inviteeId: number; attended: boolean; attendees?: number }[]) =>
    api<EventDetail>(`/events/${id}/attendance`, { method: 'PUT', body: { items } }),
  upload: (id: number, file: File, title: string) => {
    const form = new FormData();
    form.append('file', file);
    if (title) form.append('title', title);
    return api<EventDetail>(`/events/${id}/materials`, { method: 'POST', form });
  },
  addLink: (id: number, body: { title: string; url: string }) => api<EventDetail>(`/events/${id}/links`, { method: 'POST', body }),
  removeMaterial: (id: number, materialId: number) => api<EventDetail>(`/events/${id}/materials/${materialId}`, { method: 'DELETE' }),
  /** the .ics download of one event (a plain link: the session cookie goes with it) */
  icsUrl: (id: number) => `/api/events/${id}/ics`,
  feedStatus: () => api<FeedStatus>('/events/calendar-feed'),
  makeFeed: (unitId: number) => api<FeedStatus & { token: string; url: string }>('/events/calendar-feed', { method: 'POST', body: { unitId } }),
  revokeFeed: () => api<FeedStatus>('/events/calendar-feed', { method: 'DELETE' }),
};
