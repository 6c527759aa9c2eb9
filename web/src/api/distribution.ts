import { api } from './client';

/** Shapes of the distribution API (mirrors src/modules/distribution/distribution.routes.ts). */
export const targetKinds = ['facebook_page', 'zalo_oa', 'newsletter', 'facebook_group', 'zalo_group'] as const;
export type TargetKind = (typeof targetKinds)[number];
export const deliveryStatuses = ['pending', 'sending', 'sent', 'failed', 'dead'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export type TargetSettings = { postAs?: 'link' | 'photo'; isBroadcasting?: boolean; monthlyQuota?: number | null; appId?: string | null };

export type ChannelTarget = {
  id: number;
  unitId: number;
  kind: TargetKind;
  name: string;
  externalId: string | null;
  url: string | null;
  hasToken: boolean;
  tokenHint: string | null;
  tokenExpiresAt: string | null;
  tokenDaysLeft: number | null;
  isTokenExpiring: boolean;
  settings: TargetSettings;
  /** zalo_oa: automatic refreshing of the access token. */
  refresh: { hasRefreshToken: boolean; hasAppSecret: boolean; isAutomatic: boolean; lastRefreshedAt: string | null; failedAt: string | null; error: string | null } | null;
  attention: string | null;
  attentionMessage: string | null;
  attentionAt: string | null;
  isActive: boolean;
  createdAt: string;
  updatedAt: string;
  quota: { monthlyQuota: number | null; usedThisMonth: number; exhaustedUntil: string | null } | null;
  subscribers: { confirmed: number; pending: number } | null;
  deliveries: { pending: number; sent: number; failed: number; dead: number };
};

export type TargetInput = {
  name?: string;
  externalId?: string | null;
  url?: string | null;
  token?: string | null;
  tokenExpiresAt?: string | null;
  settings?: TargetSettings;
  isActive?: boolean;
  refreshToken?: string | null;
  appSecret?: string | null;
};

export type Delivery = {
  id: number;
  articleId: number;
  targetId: number;
  targetKind: TargetKind;
  targetName: string;
  unitId: number;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  remoteId: string | null;
  remoteUrl: string | null;
  lastError: string | null;
  lastErrorCode: string | null;
  sentAt: string | null;
  createdAt: string;
  updatedAt: string;
  recipients: number | null;
  isRecovered: boolean;
  isBroadcast: boolean;
  /** After the article was withdrawn: taking the post down (not_possible: a newsletter cannot be unsent). */
  removal: { status: RemovalStatus; error: string | null; removedAt: string | null; attempts: number } | null;
};
export type RemovalStatus = 'pending' | 'sending' | 'removed' | 'failed' | 'dead' | 'manual_done' | 'not_possible';
export type UnitDelivery = Delivery & { articleTitle: string };

export type ShareProof = { id: number; url: string; note: string | null; sharedAt: string; recordedByName: string | null };
export type ShareKit = {
  isPublished: boolean;
  text: string;
  link: string;
  targets: { id: number; kind: 'facebook_group' | 'zalo_group'; name: string; url: string | null; isActive: boolean; shareUrl: string | null; proofs: ShareProof[] }[];
};
export type ArticleDeliveries = { items: Delivery[]; shareKit: ShareKit; isWithdrawn: boolean; can: { retry: boolean; recordProof: boolean; confirmRemoval: boolean } };

export const channelsApi = {
  list: (unitId: number, isIncludingInactive = false) =>
    api<{ items: ChannelTarget[] }>('/channel-targets', { query: { unitId, inactive: isIncludingInactive ? '1' : undefined } }),
  create: (body: TargetInput & { unitId: number; kind: TargetKind; name: string }) => api<ChannelTarget>('/channel-targets', { method: 'POST', body }),
  update: (id: number, body: TargetInput) => api<ChannelTarget>(`/channel-targets/${id}`, { method: 'PATCH', body }),
  disable: (id: number) => api<ChannelTarget>(`/channel-targets/${id}/disable`, { method: 'POST', body: {} }),
};

export const deliveriesApi = {
  ofArticle: (articleId: number) => api<ArticleDeliveries>(`/articles/${articleId}/deliveries`),
  ofUnit: (unitId: number, status?: DeliveryStatus | null, limit = 100, removal?: 'stuck') =>
    api<{ items: UnitDelivery[] }>('/deliveries', { query: { unitId, status, limit, removal } }),
  retry: (id: number) => api<Delivery>(`/deliveries/${id}/retry`, { method: 'POST', body: {} }),
  retryRemoval: (id: number) => api<Delivery>(`/deliveries/${id}/removal/retry`, { method: 'POST', body: {} }),
  confirmRemoval: (id: number) => api<Delivery>(`/deliveries/${id}/removal/done`, { method: 'POST', body: {} }),
  recordProof: (articleId: number, body: { targetId: number; url: string; sharedAt?: string | null; note?: string | null }) =>
    api<{ id: number }>(`/articles/${articleId}/share-proofs`, { method: 'POST', body }),
};
