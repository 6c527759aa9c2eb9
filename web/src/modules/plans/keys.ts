/** React Query keys of the plans pages: invalidating `plansKey` refreshes every plan view. */
export const plansKey = ['plans'] as const;
export const planKey = (id: number) => [...plansKey, 'detail', id] as const;
export const planPartKey = (id: number, part: string) => [...plansKey, 'part', id, part] as const;
