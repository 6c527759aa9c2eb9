import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { unitsApi } from '../api/endpoints';
import { t } from '../i18n';

export type PickedUnit = { id: number; name: string };

type Props = Omit<SelectProps, 'value' | 'onChange' | 'data' | 'searchValue' | 'onSearchChange' | 'filter'> & {
  value: PickedUnit | null;
  onChange: (unit: PickedUnit | null) => void;
  excludeId?: number;
};

/** Pick a unit by typing part of its name or code (accent-insensitive search on the server). */
export function UnitPicker({ value, onChange, excludeId, ...rest }: Props) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const isSearching = debounced.length > 0 && debounced !== value?.name;
  const hits = useQuery({
    queryKey: ['units', 'search', debounced],
    queryFn: ({ signal }) => unitsApi.search(debounced, signal),
    enabled: isSearching,
    staleTime: 30_000,
  });
  const data = useMemo(() => {
    const options = new Map<string, { value: string; label: string }>();
    if (value) options.set(String(value.id), { value: String(value.id), label: value.name });
    for (const h of hits.data?.items ?? []) {
      if (h.id === excludeId) continue;
      if (!options.has(String(h.id))) options.set(String(h.id), { value: String(h.id), label: h.name });
    }
    return [...options.values()];
  }, [hits.data, value, excludeId]);
  return (
    <Select
      searchable
      clearable
      placeholder={t('unitPicker.placeholder')}
      nothingFoundMessage={isSearching && !hits.isFetching ? t('unitPicker.nothing') : undefined}
      {...rest}
      data={data}
      value={value ? String(value.id) : null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      onChange={(id, option) => onChange(id ? { id: Number(id), name: option?.label ?? '' } : null)}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
