import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { unitsApi } from '../../api/endpoints';
import type { PickedUnit } from '../../ui/UnitPicker';
import type { SessionUser } from '../../api/types';
import { type Permission, canOnUnit, doesReachSubtree, topUnitFor } from '../auth/permissions';
import { useUser } from '../auth/session';

const storageKey = 'loa.plans.unit';

function stored(): PickedUnit | null {
  try {
    const v = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null') as PickedUnit | null;
    return v && typeof v.id === 'number' && typeof v.name === 'string' ? v : null;
  } catch {
    return null;
  }
}

/** The unit whose plans the user works on: the last one picked in this tab, else the highest unit where they hold the permission. */
export function usePlanUnit(permission: Permission, { isRemembered = true } = {}) {
  const user = useUser();
  const topId = topUnitFor(user, permission) ?? user.assignments[0]?.unitId ?? null;
  const [unit, setUnit] = useState<PickedUnit | null>(() => (isRemembered ? stored() : null));
  const [isTouched, setTouched] = useState(unit !== null);
  const top = useQuery({
    queryKey: ['units', 'detail', topId],
    queryFn: () => unitsApi.get(topId as number),
    enabled: !!topId && !isTouched,
  });
  useEffect(() => {
    if (!isTouched && top.data) setUnit({ id: top.data.id, name: top.data.name });
  }, [top.data, isTouched]);
  const pick = (u: PickedUnit | null) => {
    setTouched(true);
    setUnit(u);
    if (isRemembered) {
      try {
        if (u) sessionStorage.setItem(storageKey, JSON.stringify(u));
        else sessionStorage.removeItem(storageKey);
      } catch {
        // private mode: the choice lasts for this page only
      }
    }
  };
  return [unit, pick] as const;
}

/**
 * The unit's ancestor ids (root first) when the session alone tells them: the
 * unit lies on the path of one of the user's assignments (it is an assigned
 * unit or one above it). Paths are dotted internal ids, so the labels before
 * the unit are its ancestors. `null` when the unit is on no such path.
 */
export function ancestorsFromSession(user: SessionUser, unitId: number): number[] | null {
  for (const a of user.assignments) {
    const ids = a.unitPath.split('.').map(Number);
    const at = ids.indexOf(unitId);
    if (at >= 0) return ids.slice(0, at);
  }
  return null;
}

/**
 * What the user may do on a plan's unit, from the unit's ancestors; a unit the
 * user cannot open (a plan received from above) grants nothing.
 *
 * The unit is fetched only when the session cannot answer and reading it may be
 * allowed: a unit on an assignment's path (the user's own unit, or one above it
 * such as the Sở for a school) is answered from the session, so opening a plan
 * received from above makes no request that would be refused; a unit elsewhere
 * can only be readable from below a unit where the user holds a role that
 * reaches its subtree.
 */
export function useUnitAccess(unitId: number | null | undefined) {
  const user = useUser();
  const known = unitId ? ancestorsFromSession(user, unitId) : null;
  const mayBeBelow = user.assignments.some((a) => doesReachSubtree(a.role));
  const unit = useQuery({
    queryKey: ['units', 'detail', unitId],
    queryFn: () => unitsApi.get(unitId as number),
    enabled: !!unitId && !known && mayBeBelow,
    retry: false,
  });
  const ancestors = known ?? unit.data?.ancestors.map((a) => a.id) ?? null;
  const on = (p: Permission) => !!unitId && !!ancestors && canOnUnit(user, p, unitId, ancestors);
  return {
    isPending: !!unitId && !known && mayBeBelow && unit.isPending,
    canRead: on('plans.read'),
    canWrite: on('plans.write'),
    canApprove: on('plans.approve'),
  };
}
