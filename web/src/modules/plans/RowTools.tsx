import { ActionIcon, Group } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { t } from '../../i18n';

/** Move up / move down / remove for one row of an ordered list in the plan editor. */
export function RowTools({
  index,
  count,
  onMove,
  onRemove,
  name,
  children,
}: {
  index: number;
  count: number;
  onMove: (from: number, to: number) => void;
  onRemove: () => void;
  /** What the row is, read by screen readers: "mục II", "nhiệm vụ 3". */
  name: string;
  children?: ReactNode;
}) {
  return (
    <Group gap={2} wrap="nowrap">
      {children}
      <ActionIcon
        variant="subtle"
        color="gray"
        onClick={() => onMove(index, index - 1)}
        disabled={index === 0}
        aria-label={t('planForm.moveUp', { name })}
      >
        <IconArrowUp size={16} />
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        color="gray"
        onClick={() => onMove(index, index + 1)}
        disabled={index >= count - 1}
        aria-label={t('planForm.moveDown', { name })}
      >
        <IconArrowDown size={16} />
      </ActionIcon>
      <ActionIcon variant="subtle" color="red" onClick={onRemove} aria-label={t('planForm.remove', { name })}>
        <IconTrash size={16} />
      </ActionIcon>
    </Group>
  );
}
