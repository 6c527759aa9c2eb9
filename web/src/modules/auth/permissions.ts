import type { Assignment, SessionUser } from '../../api/types';

/** What the interface offers; the server decides anyway (mirrors src/modules/org/org.policy.ts). */
const allRoles = ['leader', 'focal_point', 'spokesperson', 'editor', 'contributor', 'analyst', 'administrator', 'viewer'];
export const permissions = {
  'units.read': allRoles,
  'units.write': ['administrator'],
  'people.read': ['administrator', 'leader', 'focal_point'],
  'people.write': ['administrator'],
  'imports.write': ['administrator'],
  'audit.read': ['administrator', 'leader'],
  'dashboard.read': allRoles,
  'plans.read': allRoles,
  'plans.write': ['administrator', 'leader', 'focal_point'],
  'plans.approve': ['leader'],
  'settings.write': ['administrator'],
  'articles.read': allRoles,
  'articles.write': ['contributor', 'editor', 'focal_point', 'leader', 'administrator'],
  'articles.approve': ['editor', 'leader'],
  'channels.write': ['administrator', 'focal_point', 'leader'],
  'sites.write': ['administrator', 'leader', 'focal_point', 'editor'],
  'documents.write': ['administrator', 'leader', 'focal_point', 'editor'],
  'disclosure.write': ['administrator', 'leader', 'focal_point'],
  'monitoring.read': ['leader', 'focal_point', 'spokesperson', 'editor', 'analyst', 'administrator', 'viewer'],
  'monitoring.write': ['administrator', 'focal_point', 'analyst', 'leader'],
  'incidents.read': ['leader', 'focal_point', 'spokesperson', 'editor', 'analyst', 'administrator', 'viewer'],
  'incidents.write': ['administrator', 'leader', 'focal_point', 'spokesperson'],
  'press.write': ['administrator', 'leader', 'focal_point', 'spokesperson', 'editor'],
  'press.approve': ['leader', 'spokesperson'],
  'notices.write': ['administrator', 'leader', 'focal_point', 'spokesperson'],
  'notices.approve': ['leader', 'spokesperson'],
  'feedback.read': ['leader', 'focal_point', 'spokesperson', 'editor', 'analyst', 'administrator', 'viewer'],
  'feedback.write': ['administrator', 'leader', 'focal_point', 'spokesperson', 'editor'],
  'feedback.analyse': ['administrator', 'leader', 'focal_point', 'spokesperson', 'editor', 'analyst'],
} as const satisfies Record<string, readonly string[]>;
export type Permission = keyof typeof permissions;

const ownUnitOnly = new Set(['contributor', 'spokesperson']);
/** Does a role held in a unit reach the unit's subtree? (Contributors and spokespersons act for their own unit only.) */
export function doesReachSubtree(role: string): boolean {
  return !ownUnitOnly.has(role);
}

function grants(a: Assignment, permission: Permission): boolean {
  return (permissions[permission] as readonly string[]).includes(a.role);
}

/** Does the user hold the permission anywhere? */
export function can(user: SessionUser | null | undefined, permission: Permission): boolean {
  return !!user?.assignments.some((a) => grants(a, permission));
}

/** Does the user hold the permission on this unit, given the unit's ancestor ids (root first)? */
export function canOnUnit(
  user: SessionUser | null | undefined,
  permission: Permission,
  unitId: number,
  ancestorIds: readonly number[],
): boolean {
  return !!user?.assignments.some(
    (a) =>
      grants(a, permission) &&
      (a.unitId === unitId || (doesReachSubtree(a.role) && ancestorIds.includes(a.unitId))),
  );
}

/** The highest unit where the user holds the permission (fewest path labels), e.g. the default import target. */
export function topUnitFor(user: SessionUser | null | undefined, permission: Permission): number | null {
  const held = (user?.assignments ?? []).filter((a) => grants(a, permission));
  held.sort((a, b) => a.unitPath.split('.').length - b.unitPath.split('.').length);
  return held[0]?.unitId ?? null;
}
