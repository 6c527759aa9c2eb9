/** Shapes the API returns (mirrors src/modules/org/org.schemas.ts and the route files). */
export const unitTypes = ['ministry', 'department', 'office', 'commune', 'school', 'affiliated'] as const;
export type UnitType = (typeof unitTypes)[number];
export const unitLevels = [
  'preschool',
  'primary',
  'lower_secondary',
  'upper_secondary',
  'multi_level',
  'continuing',
  'vocational',
] as const;
export type UnitLevel = (typeof unitLevels)[number];
export const channelKinds = ['portal', 'website', 'fanpage', 'group', 'zalo', 'email', 'hotline'] as const;
export type ChannelKind = (typeof channelKinds)[number];
export const roles = [
  'leader',
  'focal_point',
  'spokesperson',
  'editor',
  'contributor',
  'analyst',
  'administrator',
  'viewer',
] as const;
export type Role = (typeof roles)[number];
export type UnitStatus = 'active' | 'closed' | 'merged';

export type Assignment = { role: string; unitId: number; unitPath: string };
export type SessionUser = {
  id: number;
  email: string;
  name: string;
  locale: 'vi' | 'en';
  unitId: number | null;
  isTotpEnabled: boolean;
  assignments: Assignment[];
};
export type Session = { user: SessionUser | null; csrfToken: string | null; isMfaPending: boolean };

export type Channel = { kind: ChannelKind; name: string; address: string };
export type Contacts = { address?: string; phone?: string; email?: string; website?: string };

export type Unit = {
  id: number;
  code: string;
  name: string;
  type: UnitType;
  level: UnitLevel | null;
  parentId: number | null;
  shortName: string | null;
  docAbbr: string | null;
  aliases: string[];
  contacts: Contacts;
  channels: Channel[];
  status: UnitStatus;
  establishedOn: string | null;
  closedOn: string | null;
  mergedIntoId: number | null;
  childCount: number;
  version: number;
};
export type UnitRef = { id: number; code: string; name: string; type: UnitType };
export type UnitEvent = {
  id: number;
  kind: string;
  occurredOn: string;
  fromParent: string | null;
  toParent: string | null;
  relatedUnit: string | null;
  note: string | null;
};
export type UnitDetail = Unit & { ancestors: UnitRef[]; events: UnitEvent[] };
export type UnitSearchHit = UnitRef & { status: UnitStatus; trail: string };

export type UnitInput = {
  code: string;
  name: string;
  type: UnitType;
  level: UnitLevel | null;
  shortName: string | null;
  docAbbr: string | null;
  aliases: string[];
  contacts: Contacts;
  channels: Channel[];
  establishedOn: string | null;
};

export type RoleAssignment = { id: number; role: Role; unitId: number; unitName: string; unitCode: string };
export type Person = {
  id: number;
  email: string;
  name: string;
  title: string | null;
  phone: string | null;
  unitId: number | null;
  unitName: string | null;
  isActive: boolean;
  hasPassword: boolean;
  isTotpEnabled: boolean;
  roles: RoleAssignment[];
  version: number;
};

export type ImportKind = 'units' | 'people';
export type ImportRowError = { row: number; field: string; code: string; message: string };
export type ImportRun = {
  id: string;
  kind: ImportKind;
  status: 'invalid' | 'ready' | 'running' | 'done' | 'failed';
  fileName: string;
  isSkippingInvalid: boolean;
  total: number;
  processed: number;
  errors: ImportRowError[];
  summary: { message?: string; created?: number; updated?: number; skipped?: number } | null;
  createdAt: string;
  finishedAt: string | null;
  preview?: { total: number; valid: number; creates: number; updates: number; sample: Record<string, unknown>[] };
};

export type AuditEntry = {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  unitId: number | null;
  unitName: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
};

export type Dashboard = {
  unitsByType: { type: string; level: string | null; n: number }[];
  people: number;
  spokespersons: number;
};
