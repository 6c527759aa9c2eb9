import { api } from './client';
import type { MediaItem } from './newsroom';

/** Shapes of the site-content API (mirrors src/modules/sitecontent/sitecontent.routes.ts). */
export type Attachment = { key: string; name: string; size: number; mime: string };
export type PublishStatus = 'draft' | 'published';
export type AdmissionPhase = 'upcoming' | 'open' | 'closed' | 'undated';

export type Admission = {
  id: number;
  unitId: number;
  title: string;
  slug: string;
  schoolYear: string;
  grade: string | null;
  summary: string | null;
  bodyHtml: string;
  applyFrom: string | null;
  applyTo: string | null;
  examOn: string | null;
  resultOn: string | null;
  attachments: Attachment[];
  status: PublishStatus;
  phase: AdmissionPhase;
  publishedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
};
export type AdmissionInput = {
  title: string;
  schoolYear?: string;
  grade?: string | null;
  summary?: string | null;
  bodyHtml?: string;
  applyFrom?: string | null;
  applyTo?: string | null;
  examOn?: string | null;
  resultOn?: string | null;
  attachments?: Attachment[];
};

export type ScheduleItem = { id: number; unitId: number; day: string; startTime: string; endTime: string | null; content: string; chair: string | null; participants: string | null; place: string | null };
export type ScheduleInput = Omit<ScheduleItem, 'id' | 'unitId'>;
export type ScheduleWeek = { from: string; to: string; prev: string; next: string; items: ScheduleItem[] };

export type AlbumPhoto = MediaItem & { position: number; gaps: string[] };
export type AlbumBase = {
  id: number;
  unitId: number;
  title: string;
  slug: string;
  description: string | null;
  takenOn: string | null;
  status: PublishStatus;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  photoCount: number;
  coverMediaId: number | null;
};
export type Album = AlbumBase & { photos: AlbumPhoto[]; consentGaps: string[] };
export type AlbumListItem = AlbumBase & { cover: MediaItem | null };
export type AlbumInput = { title: string; description?: string | null; takenOn?: string | null };

export type Video = {
  id: number;
  unitId: number;
  title: string;
  description: string | null;
  source: 'file' | 'youtube';
  fileKey: string | null;
  mime: string | null;
  size: number | null;
  youtubeId: string | null;
  status: PublishStatus;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type Faq = { id: number; unitId: number; question: string; answer: string; groupName: string | null; position: number; isPublished: boolean };
export type FaqInput = { question: string; answer: string; groupName?: string | null; position?: number; isPublished?: boolean };
export type SiteLink = { id: number; unitId: number; title: string; url: string; groupName: string | null; position: number };
export type LinkInput = { title: string; url: string; groupName?: string | null; position?: number };

export type MessageStatus = 'new' | 'handled';
export type ContactMessage = {
  id: number;
  unitId: number;
  name: string;
  email: string | null;
  phone: string | null;
  subject: string;
  message: string;
  pagePath: string | null;
  status: MessageStatus;
  assignedTo: number | null;
  assignedToName: string | null;
  replyNote: string | null;
  handledBy: number | null;
  handledByName: string | null;
  handledAt: string | null;
  createdAt: string;
};

export type RatingReport = {
  from: string;
  to: string;
  count: number;
  average: number | null;
  distribution: number[];
  pages: { pagePath: string; count: number; average: number; useful: number; lastAt: string }[];
  daily: { day: string; count: number; average: number }[];
  comments: { pagePath: string; score: number; comment: string; day: string }[];
};

const B = '/site-content';
type Publishable = 'admissions' | 'albums' | 'videos';
type Deletable = Publishable | 'schedule' | 'faqs' | 'links';

export const siteContentApi = {
  admissions: (unitId: number) => api<{ items: Admission[] }>(`${B}/admissions`, { query: { unitId } }),
  admission: (id: number) => api<Admission>(`${B}/admissions/${id}`),
  createAdmission: (unitId: number, body: AdmissionInput) => api<Admission>(`${B}/admissions`, { method: 'POST', body: { unitId, ...body } }),
  updateAdmission: (id: number, body: AdmissionInput & { version: number }) => api<Admission>(`${B}/admissions/${id}`, { method: 'PUT', body }),
  uploadFile: (unitId: number, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api<Attachment>(`${B}/files`, { method: 'POST', query: { unitId }, form });
  },
  setPublished: (kind: Publishable, id: number, isPublished: boolean) => api<{ ok: true }>(`${B}/${kind}/${id}/${isPublished ? 'publish' : 'unpublish'}`, { method: 'POST', body: {} }),
  remove: (kind: Deletable, id: number) => api<{ ok: true }>(`${B}/${kind}/${id}`, { method: 'DELETE' }),

  schedule: (unitId: number, week?: string) => api<ScheduleWeek>(`${B}/schedule`, { query: { unitId, week } }),
  createScheduleItem: (unitId: number, body: ScheduleInput) => api<ScheduleItem>(`${B}/schedule`, { method: 'POST', body: { unitId, ...body } }),
  updateScheduleItem: (id: number, body: ScheduleInput) => api<ScheduleItem>(`${B}/schedule/${id}`, { method: 'PUT', body }),

  albums: (unitId: number) => api<{ items: AlbumListItem[]; total: number }>(`${B}/albums`, { query: { unitId } }),
  album: (id: number) => api<Album>(`${B}/albums/${id}`),
  createAlbum: (unitId: number, body: AlbumInput) => api<Album>(`${B}/albums`, { method: 'POST', body: { unitId, ...body } }),
  updateAlbum: (id: number, body: AlbumInput) => api<Album>(`${B}/albums/${id}`, { method: 'PUT', body }),
  addPhoto: (id: number, file: File, caption: string, isIdentifyingPupils: boolean) => {
    const form = new FormData();
    form.append('file', file);
    if (caption) form.append('caption', caption);
    form.append('isIdentifyingPupils', String(isIdentifyingPupils));
    return api<Album>(`${B}/albums/${id}/photos`, { method: 'POST', form });
  },
  updatePhoto: (id: number, mediaId: number, body: { caption?: string | null; isIdentifyingPupils?: boolean; consentIds?: number[]; position?: number }) =>
    api<Album>(`${B}/albums/${id}/photos/${mediaId}`, { method: 'PATCH', body }),
  removePhoto: (id: number, mediaId: number) => api<Album>(`${B}/albums/${id}/photos/${mediaId}`, { method: 'DELETE' }),

  videos: (unitId: number) => api<{ items: Video[] }>(`${B}/videos`, { query: { unitId } }),
  createVideo: (unitId: number, input: { title: string; description?: string; youtubeUrl?: string; file?: File | null }) => {
    const form = new FormData();
    form.append('title', input.title);
    if (input.description) form.append('description', input.description);
    if (input.youtubeUrl) form.append('youtubeUrl', input.youtubeUrl);
    if (input.file) form.append('file', input.file);
    return api<Video>(`${B}/videos`, { method: 'POST', query: { unitId }, form });
  },
  updateVideo: (id: number, body: { title: string; description?: string | null }) => api<Video>(`${B}/videos/${id}`, { method: 'PUT', body }),

  faqs: (unitId: number) => api<{ items: Faq[] }>(`${B}/faqs`, { query: { unitId } }),
  createFaq: (unitId: number, body: FaqInput) => api<Faq>(`${B}/faqs`, { method: 'POST', body: { unitId, ...body } }),
  updateFaq: (id: number, body: FaqInput) => api<Faq>(`${B}/faqs/${id}`, { method: 'PUT', body }),
  links: (unitId: number) => api<{ items: SiteLink[] }>(`${B}/links`, { query: { unitId } }),
  createLink: (unitId: number, body: LinkInput) => api<SiteLink>(`${B}/links`, { method: 'POST', body: { unitId, ...body } }),
  updateLink: (id: number, body: LinkInput) => api<SiteLink>(`${B}/links/${id}`, { method: 'PUT', body }),

  messages: (unitId: number, status?: MessageStatus | null, offset = 0) =>
    api<{ items: ContactMessage[]; total: number; newCount: number; handledCount: number }>(`${B}/messages`, { query: { unitId, status, limit: 30, offset } }),
  assignees: (unitId: number) => api<{ items: { id: number; name: string }[] }>(`${B}/messages/assignees`, { query: { unitId } }),
  updateMessage: (id: number, body: { status?: MessageStatus; replyNote?: string | null; assignedTo?: number | null }) => api<ContactMessage>(`${B}/messages/${id}`, { method: 'PATCH', body }),

  ratings: (unitId: number, from?: string, to?: string) => api<RatingReport>(`${B}/ratings`, { query: { unitId, from, to } }),
};
