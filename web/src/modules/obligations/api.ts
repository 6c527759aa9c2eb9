import { api } from '../../api/client';

/** Shapes of the obligations calendar API (src/modules/plans/obligations.routes.ts). */
export type DeadlineStatus = 'done' | 'done_late' | 'late' | 'pending';
export type CalendarItem = {
  id: number;
  obligationId: number;
  planId: number;
  planTitle: string;
  what: string;
  recurrence: string;
  label: string;
  dueDate: string;
  dueAt: string;
  fulfilledAt: string | null;
  status: DeadlineStatus;
  lastChasedAt: string | null;
};
export type BoardUnit = { deadlineId: number; unitId: number; unitName: string; status: DeadlineStatus; fulfilledAt: string | null; lastChasedAt: string | null; canChase: boolean };
export type BoardRow = {
  obligationId: number;
  planId: number;
  planTitle: string;
  what: string;
  label: string;
  dueDate: string;
  counts: Record<DeadlineStatus, number>;
  units: BoardUnit[];
};
export type DeadlineDetail = {
  id: number;
  unitId: number;
  unitName: string;
  obligationId: number;
  planId: number;
  planTitle: string;
  what: string;
  recurrence: string;
  label: string;
  dueDate: string;
  dueAt: string;
  fulfilledAt: string | null;
  fulfilledByName: string | null;
  remindedAt: string | null;
  overdueRemindedAt: string | null;
  status: DeadlineStatus;
  chases: { id: number; chasedAt: string; chasedByName: string | null; recipients: number; note: string | null }[];
};
export type ChaseResult = { chased: number[]; skipped: { deadlineId: number; reason: 'not_late' | 'recently_chased' }[]; recipients: number };

export const obligationsApi = {
  calendar: (q: { unitId: number; from: string; to: string }) => api<{ items: CalendarItem[] }>('/obligations/calendar', { query: q }),
  board: (q: { unitId: number; from: string; to: string; state: 'late' | 'all' }) => api<{ items: BoardRow[]; chaseWindowHours: number }>('/obligations/board', { query: q }),
  deadline: (id: number) => api<DeadlineDetail>(`/obligations/deadlines/${id}`),
  chase: (deadlineIds: number[], note?: string | null) => api<ChaseResult>('/obligations/chase', { method: 'POST', body: { deadlineIds, note: note || null } }),
};

export const obligationsKey = ['obligations'] as const;
