import { api } from './client';

/** Shapes of the press office API (mirrors src/modules/press/press.routes.ts). */
export const questionStatuses = ['received', 'assigned', 'drafted', 'approved', 'answered', 'declined'] as const;
export type QuestionStatus = (typeof questionStatuses)[number];
export const outletKinds = ['print', 'online', 'tv', 'radio', 'magazine'] as const;
export type OutletKind = (typeof outletKinds)[number];
export const correctionOutcomes = ['pending', 'corrected', 'partly', 'refused', 'no_answer'] as const;
export type CorrectionOutcome = (typeof correctionOutcomes)[number];

export type PressQuestion = {
  id: number; unitId: number; unitName: string; channel: 'form' | 'email' | 'phone'; outletId: number | null; outletName: string | null;
  journalistId: number | null; journalistName: string; email: string | null; phone: string | null; subject: string; question: string;
  deadlineAt: string | null; status: QuestionStatus; assignedTo: number | null; assignedToName: string | null; draftAnswer: string | null;
  draftedBy: number | null; approvedBy: number | null; approvedByName: string | null; approvedAt: string | null; answer: string | null;
  answeredBy: number | null; answeredAt: string | null; declineReason: string | null; incidentId: number | null; createdAt: string; updatedAt: string;
  isOverdue: boolean; issues?: { id: number; topic: string }[];
};
export type Outlet = { id: number; unitId: number; name: string; kind: OutletKind; host: string | null; contacts?: string | null; notes?: string | null; journalistCount?: number; itemCount?: number; journalists?: Journalist[] };
export type Journalist = { id: number; outletId: number; name: string; beat: string | null; phone: string | null; email: string | null; notes: string | null };
export type Coverage = {
  outletId: number; host: string | null; total: number; byMonth: { month: string; negative: number; neutral: number; positive: number }[];
  byJournalist: { journalistId: number; name: string; total: number; negative: number; neutral: number; positive: number }[];
  latest: { id: number; title: string; url: string | null; author: string | null; tone: string; publishedAt: string; threadId: number | null }[];
};
export type PressRelease = {
  id: number; unitId: number; unitName: string; title: string; summary: string | null; bodyHtml: string; slug: string; status: 'draft' | 'approved' | 'published' | 'withdrawn';
  authorId: number | null; authorName: string | null; approvedByName: string | null; publishedAt: string | null; publicUrl: string | null; updatedAt: string;
};
export type Rebuttal = {
  id: number; unitId: number; unitName: string; threadId: number | null; threadTitle: string | null; title: string; falseClaim: string; bodyHtml: string;
  slug: string; status: 'draft' | 'published' | 'withdrawn'; authorId: number | null; publishedAt: string | null; publicUrl: string | null; updatedAt: string;
};
export type PressIssue = {
  id: number; unitId: number; unitName: string; topic: string; factsHtml: string; position: string; qa: { q: string; a: string }[]; ownerIds: number[];
  tags: string[]; reviewOn: string | null; status: 'draft' | 'approved' | 'archived'; isReviewDue: boolean; updatedAt: string;
};
export type Briefing = {
  id: number; unitId: number; kind: 'briefing' | 'conference'; title: string; startsAt: string; place: string | null; spokespersonId: number | null;
  spokespersonName: string | null; topics: string[]; outletIds: number[]; status: 'planned' | 'held' | 'cancelled'; minutes: string | null;
};
export type ComplianceState = 'done' | 'due' | 'overdue' | 'upcoming';
export type Compliance = { unitId: number; year: number; needsConference: boolean; months: { month: number; count: number; state: ComplianceState }[]; quarters: { quarter: number; count: number; state: ComplianceState }[] };
export type Correction = {
  id: number; unitId: number; outletId: number | null; outletName: string | null; itemId: number | null; itemTitle: string | null; itemUrl: string | null;
  whatWrong: string; requestedCorrection: string; sentOn: string | null; outcome: CorrectionOutcome; outcomeUrl: string | null; outcomeAt: string | null;
};
export type PressPeople = { assignees: { id: number; name: string }[]; register: { id: number; name: string; role: string }[]; isInRegister: boolean };

type List<T> = { items: T[]; total: number };
const post = <T>(path: string, body: unknown = {}) => api<T>(path, { method: 'POST', body });
const put = <T>(path: string, body: unknown) => api<T>(path, { method: 'PUT', body });

export const pressKey = ['press'] as const;
export const pressApi = {
  people: (unitId: number) => api<PressPeople>('/press/people', { query: { unitId } }),
  questions: (q: { unitId: number; status?: QuestionStatus | null; open?: boolean }) =>
    api<List<PressQuestion>>('/press/questions', { query: { unitId: q.unitId, status: q.status ?? undefined, open: q.open ? '1' : undefined } }),
  question: (id: number) => api<PressQuestion>(`/press/questions/${id}`),
  recordQuestion: (body: Record<string, unknown>) => post<PressQuestion>('/press/questions', body),
  moveQuestion: (id: number, action: 'assign' | 'draft' | 'approve' | 'answer' | 'decline' | 'link', body: Record<string, unknown> = {}) => post<PressQuestion>(`/press/questions/${id}/${action}`, body),
  outlets: (unitId: number, q?: string) => api<List<Outlet>>('/press/outlets', { query: { unitId, q } }),
  outlet: (id: number) => api<Outlet>(`/press/outlets/${id}`),
  saveOutlet: (id: number | null, body: Record<string, unknown>) => (id ? put<Outlet>(`/press/outlets/${id}`, body) : post<Outlet>('/press/outlets', body)),
  addJournalist: (body: Record<string, unknown>) => post<Outlet>('/press/journalists', body),
  coverage: (id: number) => api<Coverage>(`/press/outlets/${id}/coverage`),
  releases: (unitId: number) => api<List<PressRelease>>('/press/releases', { query: { unitId } }),
  saveRelease: (id: number | null, body: Record<string, unknown>) => (id ? put<PressRelease>(`/press/releases/${id}`, body) : post<PressRelease>('/press/releases', body)),
  moveRelease: (id: number, action: 'approve' | 'publish' | 'withdraw' | 'reopen') => post<PressRelease>(`/press/releases/${id}/${action}`),
  rebuttals: (unitId: number) => api<List<Rebuttal>>('/press/rebuttals', { query: { unitId } }),
  saveRebuttal: (id: number | null, body: Record<string, unknown>) => (id ? put<Rebuttal>(`/press/rebuttals/${id}`, body) : post<Rebuttal>('/press/rebuttals', body)),
  moveRebuttal: (id: number, action: 'publish' | 'withdraw') => post<Rebuttal>(`/press/rebuttals/${id}/${action}`),
  issues: (unitId: number, q?: string) => api<List<PressIssue>>('/press/issues', { query: { unitId, q } }),
  saveIssue: (id: number | null, body: Record<string, unknown>) => (id ? put<PressIssue>(`/press/issues/${id}`, body) : post<PressIssue>('/press/issues', body)),
  moveIssue: (id: number, action: 'approve' | 'archive' | 'reopen') => post<PressIssue>(`/press/issues/${id}/${action}`),
  briefings: (unitId: number, year: number) => api<List<Briefing>>('/press/briefings', { query: { unitId, year } }),
  saveBriefing: (id: number | null, body: Record<string, unknown>) => (id ? put<Briefing>(`/press/briefings/${id}`, body) : post<Briefing>('/press/briefings', body)),
  compliance: (unitId: number, year: number) => api<Compliance>('/press/compliance', { query: { unitId, year } }),
  corrections: (unitId: number) => api<List<Correction>>('/press/corrections', { query: { unitId } }),
  saveCorrection: (id: number | null, body: Record<string, unknown>) => (id ? put<Correction>(`/press/corrections/${id}`, body) : post<Correction>('/press/corrections', body)),
};
