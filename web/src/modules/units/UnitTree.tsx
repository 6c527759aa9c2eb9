import { ActionIcon, Badge, Box, Group, Loader, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { unitsApi } from '../../api/endpoints';
import type { Unit } from '../../api/types';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { statusColor, unitStatusLabel } from '../../ui/labels';

type OpenProps = { selectedId?: number; onOpen: (id: number) => void };

/** The unit tree of the user's scope; children load when a node is expanded. */
export function UnitTree(props: OpenProps) {
  const roots = useQuery({ queryKey: ['units', 'children', 'roots'], queryFn: unitsApi.roots });
  return (
    <Box>
      <Text size="sm" fw={500} mb={4}>
        {t('units.treeLabel')}
      </Text>
      {roots.isPending ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
      <ErrorAlert error={roots.error} />
      <Stack gap={0} role="tree" aria-label={t('units.treeLabel')}>
        {roots.data?.items.map((u) => <TreeNode key={u.id} unit={u} depth={0} isInitiallyOpen {...props} />)}
      </Stack>
    </Box>
  );
}

function TreeNode({ unit, depth, isInitiallyOpen = false, selectedId, onOpen }: OpenProps & { unit: Unit; depth: number; isInitiallyOpen?: boolean }) {
  const [isOpen, setOpen] = useState(isInitiallyOpen && unit.childCount > 0);
  const children = useQuery({
    queryKey: ['units', 'children', unit.id],
    queryFn: () => unitsApi.children(unit.id),
    enabled: isOpen,
  });
  const isInactive = unit.status !== 'active';
  return (
    <div role="treeitem" aria-expanded={unit.childCount > 0 ? isOpen : undefined} aria-selected={selectedId === unit.id}>
      <Group
        gap={4}
        wrap="nowrap"
        className="loa-tree-row"
        data-selected={selectedId === unit.id}
        pl={Math.min(depth, 6) * 14}
      >
        {unit.childCount > 0 ? (
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            onClick={() => setOpen((v) => !v)}
            aria-label={isOpen ? t('units.collapse', { name: unit.name }) : t('units.expand', { name: unit.name })}
          >
            {isOpen ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
          </ActionIcon>
        ) : (
          <Box w={22} style={{ flexShrink: 0 }} />
        )}
        <UnstyledButton onClick={() => onOpen(unit.id)} py={4} style={{ minWidth: 0, flex: 1 }}>
          <Text size="sm" c={isInactive ? 'dimmed' : undefined} td={isInactive ? 'line-through' : undefined} className="loa-break">
            {unit.name}
            {unit.childCount > 0 ? <Text span size="xs" c="dimmed">{` (${unit.childCount})`}</Text> : null}
          </Text>
        </UnstyledButton>
        {isInactive ? (
          <Badge size="xs" color={statusColor(unit.status)} variant="light" style={{ flexShrink: 0 }}>
            {unitStatusLabel(unit.status)}
          </Badge>
        ) : null}
      </Group>
      {isOpen ? (
        <div role="group">
          {children.isPending ? <Loader size="xs" ml={(depth + 1) * 14 + 8} my={4} aria-label={t('common.loading')} /> : null}
          <ErrorAlert error={children.error} />
          {children.data?.items.map((c) => (
            <TreeNode key={c.id} unit={c} depth={depth + 1} selectedId={selectedId} onOpen={onOpen} />
          ))}
        </div>
      ) : null}
    </div>
  );
}
