/** React Query keys of the newsroom pages: invalidating `articlesKey` refreshes every article view. */
export const articlesKey = ['articles'] as const;
export const articleKey = (id: number) => [...articlesKey, 'detail', id] as const;
export const articlePartKey = (id: number, part: string) => [...articlesKey, 'part', id, part] as const;
export const consentsKey = (unitId: number) => ['consents', unitId] as const;
export const quotaKey = (unitId: number, weeks: number) => [...articlesKey, 'quota', unitId, weeks] as const;
