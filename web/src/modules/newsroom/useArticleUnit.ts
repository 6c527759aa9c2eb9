import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { unitsApi } from '../../api/endpoints';
import type { PickedUnit } from '../../ui/UnitPicker';
import { type Permission, topUnitFor } from '../auth/permissions';
import { useUser } from '../auth/session';

const storageKey = 'loa.articles.unit';

function stored(): PickedUnit | null {
  try {
    const v = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null') as PickedUnit | null;
    return v && typeof v.id === 'number' && typeof v.name === 'string' ? v : null;
  } catch {
    return null;
  }
}

/**
 * The unit whose articles the user works on: the last one picked in this tab,
 * else the user's own unit where they hold the permission (the highest one).
 */
export function useArticleUnit(permission: Permission, { isRemembered = true } = {}) {
  const user = useUser();
  const topId = topUnitFor(user, permission) ?? user.unitId ?? user.assignments[0]?.unitId ?? null;
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
  return [unit, pick, { isPending: !isTouched && !!topId && top.isPending }] as const;
}
