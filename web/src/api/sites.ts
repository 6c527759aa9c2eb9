import { api } from './client';

/** Shapes of the unit-sites API (mirrors src/modules/sites/sites.schemas.ts). */
export type SiteImage = { mediaId: number; url: string; small: string };
export type SiteMenuItem = { label: string; href: string };

export type SiteSettings = {
  unitId: number;
  unitName: string;
  unitType: string;
  slug: string;
  domains: string[];
  primaryColor: string;
  tagline: string;
  logo: SiteImage | null;
  banner: SiteImage | null;
  menu: SiteMenuItem[];
  introHtml: string;
  historyHtml: string;
  functionsHtml: string;
  version: number;
  updatedAt: string;
  publicPath: string;
  canEdit: boolean;
  canMapDomains: boolean;
};

export type SiteSettingsInput = Partial<{
  slug: string;
  primaryColor: string;
  tagline: string;
  logoMediaId: number | null;
  bannerMediaId: number | null;
  menu: SiteMenuItem[];
  introHtml: string;
  historyHtml: string;
  functionsHtml: string;
}> & { version: number };

export type SiteLeader = {
  id: number;
  unitId: number;
  name: string;
  position: string;
  photo: SiteImage | null;
  bioHtml: string;
  dutiesHtml: string;
  sortOrder: number;
  updatedAt: string;
};
export type SiteLeaderInput = { name: string; position: string; photoMediaId: number | null; bioHtml: string; dutiesHtml: string; sortOrder: number };

export const sitesApi = {
  list: (q = '') => api<{ items: { unitId: number; unitName: string; unitType: string; slug: string; domains: string[] }[] }>('/sites', { query: { q } }),
  get: (unitId: number) => api<SiteSettings>(`/sites/${unitId}`),
  update: (unitId: number, body: SiteSettingsInput) => api<SiteSettings>(`/sites/${unitId}`, { method: 'PUT', body }),
  setDomains: (unitId: number, domains: string[]) => api<SiteSettings>(`/sites/${unitId}/domains`, { method: 'PUT', body: { domains } }),
  uploadImage: (unitId: number, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api<SiteImage>(`/sites/${unitId}/images`, { method: 'POST', form });
  },
  leaders: (unitId: number) => api<{ items: SiteLeader[] }>(`/sites/${unitId}/leaders`),
  addLeader: (unitId: number, body: SiteLeaderInput) => api<SiteLeader>(`/sites/${unitId}/leaders`, { method: 'POST', body }),
  updateLeader: (id: number, body: SiteLeaderInput) => api<SiteLeader>(`/sites/leaders/${id}`, { method: 'PUT', body }),
  removeLeader: (id: number) => api<{ ok: true }>(`/sites/leaders/${id}`, { method: 'DELETE' }),
};

/** WCAG contrast of white text on a colour (the server refuses below 4.5:1). */
export function contrastWithWhite(hex: string): number | null {
  if (!/^#[0-9a-fA-F]{6}$/.test(hex)) return null;
  const n = parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05);
}
