import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { unitsApi } from '../../api/endpoints';
import type { PickedUnit } from '../../ui/UnitPicker';
import { type Permission, canOnUnit, topUnitFor } from '../auth/permissions';
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
 * What the user may do on a plan's unit, from the unit's ancestors; a unit the
 * user cannot open (a plan received from above) grants nothing.
 */
export function useUnitAccess(unitId: number | null | undefined) {
  const user = useUser();
  const unit = useQuery({
    queryKey: ['units', 'detail', unitId],
    queryFn: () => unitsApi.get(unitId as number),
    enabled: !!unitId,
    retry: false,
  });
  const ancestors = unit.data?.ancestors.map((a) => a.id) ?? [];
  const on = (p: Permission) => !!unit.data && canOnUnit(user, p, unit.data.id, ancestors);
  return { isPending: unit.isPending && !!unitId, canRead: on('plans.read'), canWrite: on('plans.write'), canApprove: on('plans.approve') };
}
