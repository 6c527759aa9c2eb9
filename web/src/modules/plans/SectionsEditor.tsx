import { ActionIcon, Box, Button, Group, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconCornerDownRight, IconPlus, IconRowInsertBottom } from '@tabler/icons-react';
import { t } from '../../i18n';
import { roman } from './labels';
import { type PlanForm, type SectionValues, emptySection } from './planForm';
import { RowTools } from './RowTools';

/** Sections nest four levels deep (I. → 1. → 1.1. → a)), as the API allows. */
const maxDepth = 4;

/** A suggested number for the n-th (1-based) section at a depth, under a parent numbered `parent`. */
function suggestNumber(depth: number, n: number, parent: string): string {
  if (depth === 0) return roman(n);
  if (depth === 1) return String(n);
  if (depth === 2) return `${parent.replace(/\.$/, '')}.${n}`;
  return `${String.fromCharCode(96 + Math.min(n, 26))})`;
}

const fieldPath = (path: number[]) => `sections.${path.join('.children.')}`;

/** The list holding the node at `path` (its parent's children, or the top level). */
function withList(tree: SectionValues[], parent: number[], fn: (list: SectionValues[]) => SectionValues[]): SectionValues[] {
  if (parent.length === 0) return fn(tree);
  const [head, ...rest] = parent;
  return tree.map((node, i) => (i === head ? { ...node, children: withList(node.children, rest, fn) } : node));
}

function nodeAt(tree: SectionValues[], path: number[]): SectionValues | undefined {
  let list = tree;
  let node: SectionValues | undefined;
  for (const i of path) {
    node = list[i];
    if (!node) return undefined;
    list = node.children;
  }
  return node;
}

/** The plan's body as an ordered tree: number, title, plain-text body; add, move and remove parts. */
export function SectionsEditor({ form }: { form: PlanForm }) {
  const sections = form.values.sections;
  const set = (next: SectionValues[]) => form.setFieldValue('sections', next);
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('planForm.sectionsHint')}
      </Text>
      {sections.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('planForm.noSections')}
        </Text>
      ) : null}
      {sections.map((_, i) => (
        <SectionNode key={i} form={form} path={[i]} onChange={set} />
      ))}
      <Button
        variant="light"
        size="xs"
        leftSection={<IconPlus size={14} />}
        style={{ alignSelf: 'flex-start' }}
        onClick={() => set([...sections, emptySection(suggestNumber(0, sections.length + 1, ''))])}
      >
        {t('planForm.addSection')}
      </Button>
    </Stack>
  );
}

function SectionNode({ form, path, onChange }: { form: PlanForm; path: number[]; onChange: (next: SectionValues[]) => void }) {
  const tree = form.values.sections;
  const node = nodeAt(tree, path);
  if (!node) return null;
  const depth = path.length - 1;
  const parentPath = path.slice(0, -1);
  const index = path[path.length - 1];
  const siblings = parentPath.length ? (nodeAt(tree, parentPath)?.children ?? []) : tree;
  const parentNumber = parentPath.length ? (nodeAt(tree, parentPath)?.number ?? '') : '';
  const p = fieldPath(path);
  const name = node.number || node.title || String(index + 1);
  const move = (from: number, to: number) =>
    onChange(
      withList(tree, parentPath, (list) => {
        const next = [...list];
        const [item] = next.splice(from, 1);
        next.splice(to, 0, item);
        return next;
      }),
    );
  const remove = () => onChange(withList(tree, parentPath, (list) => list.filter((_, i) => i !== index)));
  const addSibling = () =>
    onChange(
      withList(tree, parentPath, (list) => {
        const next = [...list];
        next.splice(index + 1, 0, emptySection(suggestNumber(depth, index + 2, parentNumber)));
        return next;
      }),
    );
  const addChild = () =>
    onChange(
      withList(tree, path, (children) => [...children, emptySection(suggestNumber(depth + 1, children.length + 1, node.number))]),
    );
  return (
    <Box
      pl={depth === 0 ? 0 : { base: 6, sm: 'md' }}
      style={depth === 0 ? undefined : { borderLeft: '2px solid var(--mantine-color-indigo-1)' }}
    >
      <Stack gap={6} p={depth === 0 ? 'sm' : 0} pt={depth === 0 ? 'sm' : 4} style={depth === 0 ? { border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-sm)' } : undefined}>
        <Group gap="xs" wrap="nowrap" align="flex-end">
          <TextInput
            label={t('planForm.sectionNumber')}
            w={64}
            style={{ flexShrink: 0 }}
            {...form.getInputProps(`${p}.number`)}
          />
          <TextInput label={t('planForm.sectionTitle')} style={{ flex: 1, minWidth: 0 }} {...form.getInputProps(`${p}.title`)} />
        </Group>
        <Textarea
          label={t('planForm.sectionBody')}
          description={t('planForm.sectionBodyHint')}
          autosize
          minRows={2}
          maxRows={14}
          {...form.getInputProps(`${p}.body`)}
        />
        <Group justify="space-between" gap={4}>
          <Group gap={2}>
            <ActionIcon
              variant="subtle"
              onClick={addChild}
              disabled={depth + 1 >= maxDepth}
              aria-label={t('planForm.addChildSection', { name })}
              title={t('planForm.addChildSection', { name })}
            >
              <IconCornerDownRight size={16} />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              onClick={addSibling}
              aria-label={t('planForm.addSiblingSection', { name })}
              title={t('planForm.addSiblingSection', { name })}
            >
              <IconRowInsertBottom size={16} />
            </ActionIcon>
          </Group>
          <RowTools
            index={index}
            count={siblings.length}
            onMove={move}
            onRemove={remove}
            name={t('planForm.sectionName', { name })}
          />
        </Group>
        {node.children.map((_, i) => (
          <SectionNode key={i} form={form} path={[...path, i]} onChange={onChange} />
        ))}
      </Stack>
    </Box>
  );
}
