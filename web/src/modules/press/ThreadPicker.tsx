import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { pressKey } from '../../api/press';
import { t } from '../../i18n';
import { formatDate } from '../../ui/format';
import { pressExtraApi } from './extraApi';

/**
 * Picks the monitoring thread a rebuttal answers: threads about the unit's subtree first,
 * searched by title without diacritics (server side, GET /api/press/threads).
 */
export function ThreadPicker({ unitId, value, onChange }: { unitId: number; value: string | null; onChange: (id: string | null, title: string | null) => void }) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const term = picked && q === picked.label ? '' : q; // the chosen option's label is not a search
  const list = useQuery({ queryKey: [...pressKey, 'threads', unitId, term], queryFn: () => pressExtraApi.threads(unitId, term) });
  const data = (list.data?.items ?? []).map((x) => ({
    value: String(x.id),
    label: t(x.isOwn ? 'press.rb.threadOptionOwn' : 'press.rb.threadOption', { title: x.title, items: x.itemCount, date: formatDate(x.lastSeenAt) }),
  }));
  if (picked && value === picked.value && !data.some((d) => d.value === picked.value)) data.unshift(picked);
  return (
    <Select
      label={t('press.rb.threadPick')}
      description={t('press.rb.threadPickHint')}
      placeholder={t('press.rb.threadSearch')}
      data={data}
      value={value}
      onChange={(v, option) => {
        setPicked(v && option ? { value: v, label: option.label } : null);
        onChange(v, option?.label ?? null);
      }}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={list.isPending ? t('common.loading') : t('press.rb.threadNone')}
      comboboxProps={{ withinPortal: true, hideDetached: false }}
    />
  );
}
