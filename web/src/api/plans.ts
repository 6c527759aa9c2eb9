import { t } from '../i18n';
import { ApiError, api, withQuery } from './client';
import type { UnitType } from './types';

/** Shapes of the plans API (mirrors src/modules/plans/plans.schemas.ts and the contract of issue 3). */
export type Period = { year: number } | { schoolYear: string };
export type PlanSection = { number: string; title: string; body?: string | null; children: PlanSection[] };
export type Basis = {
  kind: string;
  ref: string;
  date: string | null;
  issuer: string | null;
  summary: string | null;
  planId?: number;
};
export const planChannelKinds = [
  'portal',
  'website',
  'fanpage',
  'group',
  'zalo',
  'email',
  'hotline',
  'press',
  'newsletter',
  'event',
  'other',
] as const;
export type PlanChannelKind = (typeof planChannelKinds)[number];
export type PlanChannel = { kind: PlanChannelKind; label: string; address: string | null };
export type BudgetLine = { item: string; amount: number | null; source: string | null };
export const signerAuthorities = ['KT.', 'TL.', 'TM.', 'Q.', 'TUQ.'] as const;
export type SignerAuthority = (typeof signerAuthorities)[number];
export type Signer = {
  authority: SignerAuthority | null;
  title: string | null;
  deputyTitle: string | null;
  name: string | null;
};
export const objectiveKinds = ['output', 'outtake', 'outcome'] as const;
export type ObjectiveKind = (typeof objectiveKinds)[number];
export type Objective = { kind: ObjectiveKind; indicator: string; target: string | null };
export type TaskInput = {
  id?: number;
  group?: string | null;
  topic: string;
  products?: string | null;
  lead?: string[];
  partners?: string[];
  quarters?: number[];
  unitTypes?: UnitType[];
  objectives?: Objective[];
};
export const recurrences = ['once', 'weekly', 'monthly', 'quarterly', 'semester', 'yearly', 'on_event', 'on_request'] as const;
export type Recurrence = (typeof recurrences)[number];
export type ObligationInput = {
  id?: number;
  who?: string | null;
  unitTypes?: UnitType[];
  what: string;
  recurrence: Recurrence;
  dayOfMonth?: number | null;
  isBeforeDay?: boolean;
  dueDate?: string | null;
  isWorkingDaysOnly?: boolean;
  quantity?: number | null;
  reminderDays?: number;
};
export type PlanInput = {
  title: string;
  period: Period;
  place?: string | null;
  symbol?: string | null;
  basis?: Basis[];
  sections?: PlanSection[];
  channels?: PlanChannel[];
  budget?: BudgetLine[];
  signer?: Signer | null;
  recipients?: string[];
  subplanDueOn?: string | null;
  tasks?: TaskInput[];
  obligations?: ObligationInput[];
};
export const planStatuses = ['draft', 'submitted', 'approved', 'issued', 'superseded'] as const;
export type PlanStatus = (typeof planStatuses)[number];
export const taskStatuses = ['not_started', 'in_progress', 'done', 'at_risk'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

export type PlanTask = Required<Omit<TaskInput, 'id'>> & { id: number; parentTaskId: number | null; position: number };
export type PlanObligation = Required<Omit<ObligationInput, 'id'>> & { id: number; parentObligationId: number | null };
export type PlanCan = { edit: boolean; submit: boolean; approve: boolean; return: boolean; issue: boolean; cascade: boolean };
export type Plan = {
  id: number;
  unitId: number;
  unitName: string;
  unitType: UnitType;
  parentPlanId: number | null;
  status: PlanStatus;
  number: number | null;
  numberYear: number | null;
  numberLabel: string | null;
  symbol: string | null;
  title: string;
  period: Period;
  place: string | null;
  issuedOn: string | null;
  basis: Basis[];
  sections: PlanSection[];
  channels: PlanChannel[];
  budget: BudgetLine[];
  signer: Signer | null;
  recipients: string[];
  subplanDueOn: string | null;
  authorId: number | null;
  authorName: string | null;
  approvedBy: number | null;
  version: number;
  signedFile: { fileName: string; size: number; uploadedAt: string } | null;
  tasks: PlanTask[];
  obligations: PlanObligation[];
  can: PlanCan;
};
export type PlanListItem = {
  id: number;
  unitId: number;
  unitName: string;
  title: string;
  status: PlanStatus;
  number: number | null;
  symbol: string | null;
  numberLabel: string | null;
  issuedOn: string | null;
  parentPlanId: number | null;
  period: Period;
};
export type ReceivedPlan = {
  planId: number;
  title: string;
  numberLabel: string | null;
  issuerName: string;
  issuedOn: string | null;
  unitId: number;
  unitName: string;
  readAt: string | null;
  acknowledgedAt: string | null;
};
export type PlanRecipient = {
  unitId: number;
  unitName: string;
  sentAt: string | null;
  readAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedByName: string | null;
};
export type Subplan = {
  unitId: number;
  unitName: string;
  unitType: string;
  planId: number | null;
  planStatus: PlanStatus | null;
  numberLabel: string | null;
  issuedOn: string | null;
  isOnTime: boolean | null;
  isLate: boolean;
};
export type PlanComment = { id: number; authorName: string | null; body: string; createdAt: string };
export type PlanVersion = { version: number; status: string | null; authorName: string | null; createdAt: string };
export type Evidence = { label: string; url: string };
export type Rollup = { status: TaskStatus; done: number; total: number };
export type QuarterProgress = { status: TaskStatus | null; note: string | null; evidence: Evidence[]; rollup: Rollup };
export type TaskProgress = {
  id: number;
  position: number;
  group: string | null;
  topic: string;
  quarters: number[];
  byQuarter: Record<string, QuarterProgress>;
  /** Published articles tagged with the task: evidence, linked automatically. */
  articles: { title: string; url: string; publishedAt: string; quarter: number }[];
};
export type ProgressTotals = { quarter: number } & Record<TaskStatus, number>;
export type PlanProgress = { tasks: TaskProgress[]; totals: ProgressTotals[] };
export type UnitMatch = { text: string; unitId: number | null; unitName: string | null };
export type PlanImport = { draft: Record<string, unknown>; input: PlanInput; units: UnitMatch[] };
export type DeadlineState = 'upcoming' | 'late' | 'done' | 'all';
export type Deadline = {
  id: number;
  planId: number;
  planTitle: string;
  what: string;
  unitId: number;
  unitName: string;
  label: string;
  dueDate: string;
  dueAt: string | null;
  isLate: boolean;
  remindedAt: string | null;
  fulfilledAt: string | null;
};
export type DeadlineSummary = { upcoming: number; late: number; done: number };

type Ok = { ok: true };

export const plansApi = {
  list: (unitId: number) => api<{ items: PlanListItem[] }>('/plans', { query: { unitId } }),
  received: (unitId: number) => api<{ items: ReceivedPlan[] }>('/plans/received', { query: { unitId } }),
  get: (id: number) => api<Plan>(`/plans/${id}`),
  create: (body: PlanInput & { unitId: number }) => api<Plan>('/plans', { method: 'POST', body }),
  update: (id: number, body: PlanInput & { version: number }) => api<Plan>(`/plans/${id}`, { method: 'PUT', body }),
  cascade: (id: number, unitId: number) => api<Plan>(`/plans/${id}/cascade`, { method: 'POST', body: { unitId } }),
  move: (id: number, action: 'submit' | 'return' | 'approve', comment?: string) =>
    api<Plan>(`/plans/${id}/${action}`, { method: 'POST', body: comment ? { comment } : {} }),
  issue: (id: number, body: { issuedOn: string; recipientUnitIds?: number[] }) =>
    api<Plan>(`/plans/${id}/issue`, { method: 'POST', body }),
  acknowledge: (id: number, unitId: number) => api<Ok>(`/plans/${id}/acknowledge`, { method: 'POST', body: { unitId } }),
  recipients: (id: number) => api<{ items: PlanRecipient[] }>(`/plans/${id}/recipients`),
  subplans: (id: number) => api<{ dueOn: string | null; items: Subplan[] }>(`/plans/${id}/subplans`),
  comments: (id: number) => api<{ items: PlanComment[] }>(`/plans/${id}/comments`),
  addComment: (id: number, body: string) => api<{ id: number }>(`/plans/${id}/comments`, { method: 'POST', body: { body } }),
  versions: (id: number) => api<{ items: PlanVersion[] }>(`/plans/${id}/versions`),
  progress: (id: number) => api<PlanProgress>(`/plans/${id}/progress`),
  setProgress: (id: number, taskId: number, body: { quarter: number; status: TaskStatus; note?: string; evidence?: Evidence[] }) =>
    api<Ok>(`/plans/${id}/tasks/${taskId}/progress`, { method: 'PUT', body }),
  uploadSigned: (id: number, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api<Plan>(`/plans/${id}/signed-file`, { method: 'POST', form });
  },
  import: (unitId: number, file: File, signal?: AbortSignal) => {
    const form = new FormData();
    form.append('file', file);
    return api<PlanImport>('/plans/import', { method: 'POST', query: { unitId }, form, signal });
  },
  exportFile: (id: number, format: 'docx' | 'pdf') => downloadFile(`/plans/${id}/export`, { format }),
  signedFile: (id: number) => downloadFile(`/plans/${id}/signed-file`),
};

export const deadlinesApi = {
  list: (q: { unitId: number; state: DeadlineState; planId?: number; limit?: number }) =>
    api<{ items: Deadline[]; summary: DeadlineSummary }>('/deadlines', { query: q }),
  fulfil: (id: number) => api<Ok>(`/deadlines/${id}/fulfil`, { method: 'POST', body: {} }),
};

export type Holiday = { day: string; name: string };
/** The public-holiday calendar that deadlines counted in working days skip (changes need `settings.write`). */
export const holidaysApi = {
  list: (year: number) => api<{ items: Holiday[] }>('/holidays', { query: { year } }),
  set: (day: string, name: string) => api<Ok>(`/holidays/${day}`, { method: 'PUT', body: { name } }),
  remove: (day: string) => api<Ok>(`/holidays/${day}`, { method: 'DELETE' }),
};

/** The file name a response announces (RFC 5987 `filename*=` first). */
function fileNameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain ? plain[1] : fallback;
}

/**
 * Downloads a file from the API and hands it to the browser as a download; a
 * refusal (e.g. PDF without LibreOffice) is thrown as an ApiError carrying the
 * server's Vietnamese message, so the page can show it instead of navigating away.
 */
export async function downloadFile(path: string, query?: Record<string, string>): Promise<void> {
  let res: Response;
  try {
    res = await fetch(withQuery(`/api${path}`, query), { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', t('error.network'));
  }
  if (!res.ok) {
    let e: { code?: string; message?: string } | undefined;
    try {
      e = ((await res.json()) as { error?: { code?: string; message?: string } }).error;
    } catch {
      e = undefined;
    }
    throw new ApiError(res.status, e?.code ?? `http_${res.status}`, e?.message ?? t('error.unexpected'));
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameOf(res, path.split('/').pop() ?? 'tep');
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
