/** React Query keys of the distribution views: invalidating `distributionKey` refreshes all of them. */
export const distributionKey = ['distribution'] as const;
export const targetsKey = (unitId: number, isIncludingInactive: boolean) => [...distributionKey, 'targets', unitId, isIncludingInactive] as const;
export const unitDeliveriesKey = (unitId: number, status: string) => [...distributionKey, 'deliveries', unitId, status] as const;
export const articleDeliveriesKey = (articleId: number) => [...distributionKey, 'article', articleId] as const;
