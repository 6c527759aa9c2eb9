import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Checkbox,
  Chip,
  Group,
  Input,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  UnstyledButton,
} from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconPlus, IconTrash } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import type { ObjectiveKind, Recurrence } from '../../api/plans';
import { t } from '../../i18n';
import { DateField } from '../../ui/DateField';
import { unitTypeLabel } from '../../ui/labels';
import {
  objectiveKindOptions,
  quarterLabel,
  quartersLabel,
  recurrenceOptions,
  ruleLabel,
  unitTypeMultiOptions,
} from './labels';
import { type PlanForm, emptyObjective, emptyObligation, emptyTask } from './planForm';
import { RowTools } from './RowTools';

/**
 * A long list edited one row at a time: every row shows a one-line summary,
 * the open one its fields. Keeps plans with dozens of tasks quick on a phone.
 */
function CollapsibleRow({
  isOpen,
  onToggle,
  title,
  summary,
  tools,
  hasError,
  children,
}: {
  isOpen: boolean;
  onToggle: () => void;
  title: string;
  summary: ReactNode;
  tools: ReactNode;
  hasError: boolean;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="xs" style={hasError ? { borderColor: 'var(--mantine-color-red-5)' } : undefined}>
      <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
        <UnstyledButton onClick={onToggle} aria-expanded={isOpen} style={{ flex: 1, minWidth: 0 }}>
          {/* Only phrasing elements inside a button. */}
          <Group component="span" gap={6} wrap="nowrap" align="flex-start">
            <Box component="span" mt={2}>
              {isOpen ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
            </Box>
            <Stack component="span" gap={2} style={{ minWidth: 0 }}>
              <Text component="span" size="sm" fw={600} className="loa-break">
                {title}
              </Text>
              {summary}
            </Stack>
          </Group>
        </UnstyledButton>
        {tools}
      </Group>
      {isOpen ? (
        <Box mt="sm" pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
          {children}
        </Box>
      ) : null}
    </Paper>
  );
}

const hasErrorUnder = (form: PlanForm, prefix: string) => Object.keys(form.errors).some((k) => k.startsWith(prefix));

/** The appendix: tasks with their group, products, lead and partner units, quarters, unit types and objectives. */
export function TasksEditor({ form }: { form: PlanForm }) {
  const [open, setOpen] = useState<number | null>(null);
  const tasks = form.values.tasks;
  const move = (from: number, to: number) => {
    form.reorderListItem('tasks', { from, to });
    if (open === from) setOpen(to);
  };
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t('planForm.tasksHint')}
      </Text>
      {tasks.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('planForm.noTasks')}
        </Text>
      ) : null}
      {tasks.map((task, i) => {
        const name = t('planForm.taskName', { n: i + 1 });
        return (
          <CollapsibleRow
            key={form.key(`tasks.${i}`)}
            isOpen={open === i}
            onToggle={() => setOpen(open === i ? null : i)}
            title={`${i + 1}. ${task.topic || t('planForm.untitledTask')}`}
            hasError={hasErrorUnder(form, `tasks.${i}.`)}
            summary={
              <Group component="span" gap={4}>
                {task.group ? (
                  <Text component="span" size="xs" c="dimmed" className="loa-break">
                    {task.group}
                  </Text>
                ) : null}
                <Badge component="span" size="xs" variant="light">
                  {quartersLabel(task.quarters.map(Number))}
                </Badge>
                {task.lead.length ? (
                  <Text component="span" size="xs" c="dimmed" className="loa-break">
                    {t('planForm.leadShort', { lead: task.lead.join(', ') })}
                  </Text>
                ) : null}
              </Group>
            }
            tools={
              <RowTools
                index={i}
                count={tasks.length}
                onMove={move}
                onRemove={() => {
                  form.removeListItem('tasks', i);
                  setOpen(null);
                }}
                name={name}
              />
            }
          >
            <TaskFields form={form} i={i} />
          </CollapsibleRow>
        );
      })}
      <Button
        variant="light"
        size="xs"
        leftSection={<IconPlus size={14} />}
        style={{ alignSelf: 'flex-start' }}
        onClick={() => {
          form.insertListItem('tasks', emptyTask());
          setOpen(tasks.length);
        }}
      >
        {t('planForm.addTask')}
      </Button>
    </Stack>
  );
}

function TaskFields({ form, i }: { form: PlanForm; i: number }) {
  const p = `tasks.${i}`;
  const task = form.values.tasks[i];
  return (
    <Stack gap="sm">
      <Textarea label={t('planForm.taskTopic')} required autosize minRows={1} {...form.getInputProps(`${p}.topic`)} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label={t('planForm.taskGroup')} description={t('planForm.taskGroupHint')} {...form.getInputProps(`${p}.group`)} />
        <TextInput label={t('planForm.taskProducts')} description={t('planForm.taskProductsHint')} {...form.getInputProps(`${p}.products`)} />
        <TagsInput label={t('planForm.taskLead')} description={t('planForm.tagsHint')} {...form.getInputProps(`${p}.lead`)} />
        <TagsInput label={t('planForm.taskPartners')} description={t('planForm.tagsHint')} {...form.getInputProps(`${p}.partners`)} />
      </SimpleGrid>
      <Input.Wrapper label={t('planForm.taskQuarters')} description={t('planForm.taskQuartersHint')}>
        <Chip.Group multiple value={task.quarters} onChange={(v) => form.setFieldValue(`${p}.quarters`, v)}>
          <Group gap="xs" mt={6}>
            {[1, 2, 3, 4].map((q) => (
              <Chip key={q} value={String(q)} size="sm">
                {quarterLabel(q)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </Input.Wrapper>
      <MultiSelect
        label={t('planForm.taskUnitTypes')}
        description={t('planForm.taskUnitTypesHint')}
        data={unitTypeMultiOptions()}
        clearable
        comboboxProps={{ withinPortal: true }}
        {...form.getInputProps(`${p}.unitTypes`)}
      />
      <ObjectivesEditor form={form} i={i} />
    </Stack>
  );
}

function ObjectivesEditor({ form, i }: { form: PlanForm; i: number }) {
  const p = `tasks.${i}.objectives`;
  const objectives = form.values.tasks[i].objectives;
  return (
    <Input.Wrapper label={t('planForm.objectives')} description={t('planForm.objectivesHint')}>
      <Stack gap="xs" mt={6}>
        {objectives.map((_, j) => (
          <Group key={form.key(`${p}.${j}`)} gap="xs" align="flex-end" wrap="wrap">
            <Select
              label={t('planForm.objectiveKind')}
              data={objectiveKindOptions()}
              allowDeselect={false}
              w={{ base: '100%', xs: 190 }}
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps(`${p}.${j}.kind`)}
              onChange={(v) => v && form.setFieldValue(`${p}.${j}.kind`, v as ObjectiveKind)}
            />
            <TextInput label={t('planForm.objectiveIndicator')} style={{ flex: '2 1 180px' }} {...form.getInputProps(`${p}.${j}.indicator`)} />
            <TextInput label={t('planForm.objectiveTarget')} style={{ flex: '1 1 100px' }} {...form.getInputProps(`${p}.${j}.target`)} />
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              mb={2}
              onClick={() => form.removeListItem(p, j)}
              aria-label={t('planForm.removeObjective', { n: j + 1 })}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconPlus size={14} />}
          style={{ alignSelf: 'flex-start' }}
          onClick={() => form.insertListItem(p, emptyObjective())}
        >
          {t('planForm.addObjective')}
        </Button>
      </Stack>
    </Input.Wrapper>
  );
}

/** Obligations: duties with a time rule that become dated deadlines for the units they bind when the plan is issued. */
export function ObligationsEditor({ form }: { form: PlanForm }) {
  const [open, setOpen] = useState<number | null>(null);
  const obligations = form.values.obligations;
  const move = (from: number, to: number) => {
    form.reorderListItem('obligations', { from, to });
    if (open === from) setOpen(to);
  };
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t('planForm.obligationsHint')}
      </Text>
      {obligations.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('planForm.noObligations')}
        </Text>
      ) : null}
      {obligations.map((o, i) => (
        <CollapsibleRow
          key={form.key(`obligations.${i}`)}
          isOpen={open === i}
          onToggle={() => setOpen(open === i ? null : i)}
          title={`${i + 1}. ${o.what || t('planForm.untitledObligation')}`}
          hasError={hasErrorUnder(form, `obligations.${i}.`)}
          summary={
            <Text component="span" size="xs" c="dimmed" className="loa-break">
              {[
                o.who || (o.unitTypes.length ? o.unitTypes.map(unitTypeLabel).join(', ') : t('planForm.issuingUnitItself')),
                ruleLabel({ ...o, dayOfMonth: o.dayOfMonth === '' ? null : Number(o.dayOfMonth) }),
              ].join(' · ')}
            </Text>
          }
          tools={
            <RowTools
              index={i}
              count={obligations.length}
              onMove={move}
              onRemove={() => {
                form.removeListItem('obligations', i);
                setOpen(null);
              }}
              name={t('planForm.obligationName', { n: i + 1 })}
            />
          }
        >
          <ObligationFields form={form} i={i} />
        </CollapsibleRow>
      ))}
      <Button
        variant="light"
        size="xs"
        leftSection={<IconPlus size={14} />}
        style={{ alignSelf: 'flex-start' }}
        onClick={() => {
          form.insertListItem('obligations', emptyObligation());
          setOpen(obligations.length);
        }}
      >
        {t('planForm.addObligation')}
      </Button>
    </Stack>
  );
}

function ObligationFields({ form, i }: { form: PlanForm; i: number }) {
  const p = `obligations.${i}`;
  const o = form.values.obligations[i];
  const isDated = o.recurrence !== 'on_event' && o.recurrence !== 'on_request';
  return (
    <Stack gap="sm">
      <Textarea label={t('planForm.obligationWhat')} required autosize minRows={1} {...form.getInputProps(`${p}.what`)} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label={t('planForm.obligationWho')} description={t('planForm.obligationWhoHint')} {...form.getInputProps(`${p}.who`)} />
        <MultiSelect
          label={t('planForm.obligationUnitTypes')}
          description={t('planForm.obligationUnitTypesHint')}
          data={unitTypeMultiOptions()}
          clearable
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps(`${p}.unitTypes`)}
        />
        <Select
          label={t('planForm.recurrence')}
          data={recurrenceOptions()}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps(`${p}.recurrence`)}
          onChange={(v) => v && form.setFieldValue(`${p}.recurrence`, v as Recurrence)}
        />
        {o.recurrence === 'once' ? (
          <DateField label={t('planForm.dueDate')} {...form.getInputProps(`${p}.dueDate`)} />
        ) : isDated ? (
          <Group gap="sm" align="flex-end" wrap="nowrap">
            <NumberInput
              label={t('planForm.dayOfMonth')}
              min={1}
              max={31}
              allowDecimal={false}
              w={160}
              {...form.getInputProps(`${p}.dayOfMonth`)}
            />
            <Checkbox
              label={t('planForm.isBeforeDay')}
              mb={8}
              {...form.getInputProps(`${p}.isBeforeDay`, { type: 'checkbox' })}
            />
          </Group>
        ) : null}
        <NumberInput
          label={t('planForm.quantity')}
          description={t('planForm.quantityHint')}
          min={0}
          allowDecimal={false}
          {...form.getInputProps(`${p}.quantity`)}
        />
        <NumberInput
          label={t('planForm.reminderDays')}
          description={t('planForm.reminderDaysHint')}
          min={0}
          max={60}
          allowDecimal={false}
          {...form.getInputProps(`${p}.reminderDays`)}
        />
      </SimpleGrid>
      {isDated ? (
        <Checkbox label={t('planForm.isWorkingDaysOnly')} {...form.getInputProps(`${p}.isWorkingDaysOnly`, { type: 'checkbox' })} />
      ) : null}
      <Text size="xs" c="dimmed">
        {t('planForm.ruleNow', { rule: ruleLabel({ ...o, dayOfMonth: o.dayOfMonth === '' ? null : Number(o.dayOfMonth) }) })}
      </Text>
    </Stack>
  );
}
