/**
 * Who may do what, as pure functions over role assignments. A role is held in
 * a unit; most roles reach the unit's whole subtree (a Sở editor edits what its
 * schools send), a contributor or a spokesperson acts for their own unit only.
 */
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

const ownUnitOnly: ReadonlySet<Role> = new Set(['contributor', 'spokesperson']);
export function doesRoleReachSubtree(role: Role): boolean {
  return !ownUnitOnly.has(role);
}

export const permissions = {
  'units.read': roles,
  'units.write': ['administrator'],
  'people.read': ['administrator', 'leader', 'focal_point'],
  'people.write': ['administrator'],
  'imports.write': ['administrator'],
  'audit.read': ['administrator', 'leader'],
  'dashboard.read': roles,
  'plans.read': roles,
  'plans.write': ['administrator', 'leader', 'focal_point'],
  'plans.approve': ['leader'],
  'settings.write': ['administrator'],
  'articles.read': roles,
  'articles.write': ['contributor', 'editor', 'focal_point', 'leader', 'administrator'],
  'articles.approve': ['editor', 'leader'],
  'channels.write': ['administrator', 'focal_point', 'leader'],
  'sites.write': ['administrator', 'leader', 'focal_point', 'editor'],
  'monitoring.read': ['leader', 'focal_point', 'spokesperson', 'editor', 'analyst', 'administrator', 'viewer'],
  'monitoring.write': ['administrator', 'focal_point', 'analyst', 'leader'],
  'documents.write': ['administrator', 'leader', 'focal_point', 'editor'],
  'disclosure.write': ['administrator', 'leader', 'focal_point'],
  'notices.write': ['administrator', 'leader', 'focal_point', 'spokesperson'],
  'notices.approve': ['leader', 'spokesperson'],
  'press.write': ['administrator', 'leader', 'focal_point', 'spokesperson', 'editor'],
  'press.approve': ['leader', 'spokesperson'],
  'incidents.read': ['leader', 'focal_point', 'spokesperson', 'editor', 'analyst', 'administrator', 'viewer'],
  'incidents.write': ['administrator', 'leader', 'focal_point', 'spokesperson'],
  'feedback.read': ['leader', 'focal_point', 'spokesperson', 'editor', 'analyst', 'administrator', 'viewer'],
  'feedback.write': ['administrator', 'leader', 'focal_point', 'spokesperson', 'editor'],
  'feedback.analyse': ['administrator', 'leader', 'focal_point', 'spokesperson', 'editor', 'analyst'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof permissions;

export type Assignment = { role: Role; unitId: number; unitPath: string };

/** ltree containment on the dotted label paths: is `path` at or under `ancestor`? */
export function isPathWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}.`);
}

export function canOnUnit(assignments: readonly Assignment[], permission: Permission, unitPath: string): boolean {
  const allowed: readonly Role[] = permissions[permission];
  return assignments.some(
    (a) =>
      allowed.includes(a.role) &&
      (a.unitPath === unitPath || (doesRoleReachSubtree(a.role) && isPathWithin(unitPath, a.unitPath))),
  );
}

/** Creating a root unit (a ministry) needs an administrator at a root. */
export function canCreateRoot(assignments: readonly Assignment[]): boolean {
  return assignments.some((a) => a.role === 'administrator' && !a.unitPath.includes('.'));
}

/**
 * The units whose subtrees (or, for own-unit roles, the units themselves) a
 * user may read under a permission: the input to every scoped SQL query.
 */
export function scopeOf(
  assignments: readonly Assignment[],
  permission: Permission,
): { subtreePaths: string[]; unitIds: number[] } {
  const allowed: readonly Role[] = permissions[permission];
  const subtreePaths = new Set<string>();
  const unitIds = new Set<number>();
  for (const a of assignments) {
    if (!allowed.includes(a.role)) continue;
    if (doesRoleReachSubtree(a.role)) subtreePaths.add(a.unitPath);
    else unitIds.add(a.unitId);
  }
  return { subtreePaths: [...subtreePaths], unitIds: [...unitIds] };
}
