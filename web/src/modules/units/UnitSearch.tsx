import { Badge, Loader, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { unitsApi } from '../../api/endpoints';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { statusColor, unitStatusLabel, unitTypeLabel } from '../../ui/labels';

/** Search units as you type; "le loi" finds "Trường THCS Lê Lợi". */
export function UnitSearch({ onOpen }: { onOpen: (id: number) => void }) {
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const hits = useQuery({
    queryKey: ['units', 'search', debounced],
    queryFn: ({ signal }) => unitsApi.search(debounced, signal),
    enabled: debounced.length > 0,
    staleTime: 30_000,
  });
  return (
    <Stack gap="xs">
      <TextInput
        type="search"
        label={t('units.searchLabel')}
        placeholder={t('units.searchPlaceholder')}
        leftSection={<IconSearch size={16} />}
        rightSection={hits.isFetching ? <Loader size="xs" /> : null}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
      />
      {debounced && hits.isError ? <ErrorAlert error={hits.error} /> : null}
      {debounced && hits.data ? (
        <Stack gap={2} role="list" aria-label={t('units.searchResults')}>
          {hits.data.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('units.noResults')}
            </Text>
          ) : (
            hits.data.items.map((h) => (
              <UnstyledButton
                key={h.id}
                role="listitem"
                className="loa-tree-row"
                p={6}
                onClick={() => onOpen(h.id)}
              >
                <Text size="sm" fw={500} c={h.status === 'active' ? undefined : 'dimmed'} className="loa-break">
                  {h.name}{' '}
                  {h.status !== 'active' ? (
                    <Badge size="xs" color={statusColor(h.status)} variant="light">
                      {unitStatusLabel(h.status)}
                    </Badge>
                  ) : null}
                </Text>
                <Text size="xs" c="dimmed" className="loa-break">
                  {unitTypeLabel(h.type)}
                  {' · '}
                  {h.code}
                  {h.trail ? ` · ${h.trail}` : ''}
                </Text>
              </UnstyledButton>
            ))
          )}
        </Stack>
      ) : null}
    </Stack>
  );
}
