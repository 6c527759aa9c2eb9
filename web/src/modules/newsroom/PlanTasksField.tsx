import { MultiSelect } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { plansApi } from '../../api/plans';
import { t } from '../../i18n';

/**
 * Tag the article with tasks of the communication plans that bind its unit
 * (its own issued plans and those sent to it), so the article counts as
 * evidence for the task. Plans are read only once the list is opened.
 */
export function PlanTasksField({
  unitId,
  value,
  onChange,
}: {
  unitId: number;
  value: number[];
  onChange: (ids: number[]) => void;
}) {
  const [isWanted, setWanted] = useState(value.length > 0);
  const own = useQuery({ queryKey: ['plans', 'list', unitId], queryFn: () => plansApi.list(unitId), enabled: isWanted, retry: false });
  const received = useQuery({
    queryKey: ['plans', 'received', unitId],
    queryFn: () => plansApi.received(unitId),
    enabled: isWanted,
    retry: false,
  });
  const planIds = useMemo(() => {
    const ids = new Set<number>();
    for (const p of own.data?.items ?? []) if (p.status === 'issued') ids.add(p.id);
    for (const r of received.data?.items ?? []) ids.add(r.planId);
    return [...ids].slice(0, 20);
  }, [own.data, received.data]);
  const plans = useQueries({
    queries: planIds.map((id) => ({ queryKey: ['plans', 'detail', id], queryFn: () => plansApi.get(id), staleTime: 60_000, retry: false })),
  });
  const isLoading = isWanted && (own.isPending || received.isPending || plans.some((p) => p.isPending));
  const data = useMemo(() => {
    const groups = plans
      .map((q) => q.data)
      .filter((p): p is NonNullable<typeof p> => !!p && p.tasks.length > 0)
      .map((p) => ({
        group: p.numberLabel ? `${p.numberLabel} — ${p.title}` : p.title,
        items: p.tasks.map((task) => ({ value: String(task.id), label: task.topic })),
      }));
    // Tasks already tagged but not found (plan superseded or out of reach) keep a plain label.
    const known = new Set(groups.flatMap((g) => g.items.map((i) => i.value)));
    const unknown = value.filter((id) => !known.has(String(id)));
    if (unknown.length && !isLoading) {
      groups.push({ group: t('articleForm.otherTasks'), items: unknown.map((id) => ({ value: String(id), label: t('articleForm.taskN', { n: id }) })) });
    }
    return groups;
  }, [plans, value, isLoading]);
  return (
    <MultiSelect
      label={t('articleForm.planTasks')}
      description={t('articleForm.planTasksHint')}
      placeholder={value.length ? undefined : t('articleForm.planTasksPlaceholder')}
      data={data}
      value={value.map(String)}
      onChange={(v) => onChange(v.map(Number))}
      onDropdownOpen={() => setWanted(true)}
      searchable
      clearable
      maxValues={20}
      nothingFoundMessage={isLoading ? t('common.loading') : t('articleForm.noTasks')}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
