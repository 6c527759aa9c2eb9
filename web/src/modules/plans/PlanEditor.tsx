import {
  ActionIcon,
  Autocomplete,
  Button,
  Card,
  Fieldset,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconPlus, IconTrash } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import type { PlanChannelKind } from '../../api/plans';
import { t } from '../../i18n';
import { DateField } from '../../ui/DateField';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { authorityOptions, basisKindSuggestions, formatVnd, planChannelOptions, schoolYearLabel } from './labels';
import {
  type PlanForm,
  type PlanFormValues,
  currentSchoolYear,
  emptyBasis,
  emptyBudget,
  emptyChannel,
  tabOfField,
} from './planForm';
import { RowTools } from './RowTools';
import { SectionsEditor } from './SectionsEditor';
import { ObligationsEditor, TasksEditor } from './TasksEditor';

type Props = {
  form: PlanForm;
  /** The issuing unit: a picker for a new plan, its name when editing. */
  unitField: ReactNode;
  onSave: (values: PlanFormValues) => void;
  isSaving: boolean;
  error: unknown;
  saveLabel: string;
  onCancel?: () => void;
  /** Shown above the tabs (e.g. the import's unit matches). */
  before?: ReactNode;
};

/** The plan editor: the structured plan in tabs, so a phone shows one part at a time. */
export function PlanEditor({ form, unitField, onSave, isSaving, error, saveLabel, onCancel, before }: Props) {
  const [tab, setTab] = useState<string>('general');
  const count = (n: number) => (n ? ` (${n})` : '');
  return (
    <form
      onSubmit={form.onSubmit(onSave, (errors) => {
        const first = Object.keys(errors)[0];
        if (first) setTab(tabOfField(first));
        notifications.show({ color: 'red', message: t('planForm.invalid') });
      })}
      noValidate
    >
      <Stack gap="md">
        {before}
        <Tabs value={tab} onChange={(v) => v && setTab(v)} keepMounted={false} variant="pills">
          <Tabs.List aria-label={t('planForm.parts')} style={{ gap: 4 }}>
            <Tabs.Tab value="general">{t('planForm.tabGeneral')}</Tabs.Tab>
            <Tabs.Tab value="basis">{t('planForm.tabBasis') + count(form.values.basis.length)}</Tabs.Tab>
            <Tabs.Tab value="sections">{t('planForm.tabSections') + count(form.values.sections.length)}</Tabs.Tab>
            <Tabs.Tab value="channels">{t('planForm.tabChannels')}</Tabs.Tab>
            <Tabs.Tab value="tasks">{t('planForm.tabTasks') + count(form.values.tasks.length)}</Tabs.Tab>
            <Tabs.Tab value="obligations">{t('planForm.tabObligations') + count(form.values.obligations.length)}</Tabs.Tab>
            <Tabs.Tab value="signing">{t('planForm.tabSigning')}</Tabs.Tab>
          </Tabs.List>
          <Card withBorder mt="sm" padding="sm">
            <Tabs.Panel value="general">
              <GeneralFields form={form} unitField={unitField} />
            </Tabs.Panel>
            <Tabs.Panel value="basis">
              <BasisEditor form={form} />
            </Tabs.Panel>
            <Tabs.Panel value="sections">
              <SectionsEditor form={form} />
            </Tabs.Panel>
            <Tabs.Panel value="channels">
              <Stack gap="md">
                <ChannelsEditor form={form} />
                <BudgetEditor form={form} />
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="tasks">
              <TasksEditor form={form} />
            </Tabs.Panel>
            <Tabs.Panel value="obligations">
              <ObligationsEditor form={form} />
            </Tabs.Panel>
            <Tabs.Panel value="signing">
              <SigningFields form={form} />
            </Tabs.Panel>
          </Card>
        </Tabs>
        <ErrorAlert error={error} />
        <Group justify="flex-end" gap="xs">
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          ) : null}
          <Button type="submit" loading={isSaving} leftSection={<IconDeviceFloppy size={16} />}>
            {saveLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function yearOptions(current: string) {
  const now = new Date().getFullYear();
  const years = new Set<string>([current]);
  for (let y = now - 3; y <= now + 3; y++) years.add(String(y));
  return [...years].filter((y) => /^\d{4}$/.test(y)).sort();
}

function schoolYearOptions(current: string) {
  const start = Number(currentSchoolYear().slice(0, 4));
  const values = new Set<string>([current]);
  for (let y = start - 3; y <= start + 3; y++) values.add(`${y}-${y + 1}`);
  return [...values].sort().map((value) => ({ value, label: schoolYearLabel(value) }));
}

function GeneralFields({ form, unitField }: { form: PlanForm; unitField: ReactNode }) {
  const v = form.values;
  return (
    <Stack gap="sm">
      {unitField}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label={t('planForm.symbol')} description={t('planForm.symbolHint')} {...form.getInputProps('symbol')} />
        <TextInput label={t('planForm.place')} description={t('planForm.placeHint')} {...form.getInputProps('place')} />
      </SimpleGrid>
      <Textarea
        label={t('planForm.title')}
        description={t('planForm.titleHint')}
        required
        autosize
        minRows={2}
        {...form.getInputProps('title')}
      />
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('planForm.period')}
        </Text>
        <Group gap="sm" align="flex-start">
          <SegmentedControl
            value={v.periodKind}
            onChange={(k) => form.setFieldValue('periodKind', k as PlanFormValues['periodKind'])}
            data={[
              { value: 'year', label: t('planForm.periodYear') },
              { value: 'schoolYear', label: t('planForm.periodSchoolYear') },
            ]}
            aria-label={t('planForm.periodKind')}
          />
          {v.periodKind === 'year' ? (
            <Select
              aria-label={t('planForm.periodYear')}
              data={yearOptions(v.year)}
              allowDeselect={false}
              w={120}
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps('year')}
            />
          ) : (
            <Select
              aria-label={t('planForm.periodSchoolYear')}
              data={schoolYearOptions(v.schoolYear)}
              allowDeselect={false}
              w={150}
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps('schoolYear')}
            />
          )}
        </Group>
      </Stack>
      <DateField
        label={t('planForm.subplanDueOn')}
        description={t('planForm.subplanDueOnHint')}
        maw={320}
        {...form.getInputProps('subplanDueOn')}
      />
    </Stack>
  );
}

function BasisEditor({ form }: { form: PlanForm }) {
  const basis = form.values.basis;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('planForm.basisHint')}
      </Text>
      {basis.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('planForm.noBasis')}
        </Text>
      ) : null}
      {basis.map((b, i) => (
        <Paper key={form.key(`basis.${i}`)} withBorder p="xs">
          <Stack gap="xs">
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm" fw={600} className="loa-break">
                {`${i + 1}. ${[b.kind, b.ref].filter(Boolean).join(' ') || t('planForm.newBasis')}`}
              </Text>
              <RowTools
                index={i}
                count={basis.length}
                onMove={(from, to) => form.reorderListItem('basis', { from, to })}
                onRemove={() => form.removeListItem('basis', i)}
                name={t('planForm.basisName', { n: i + 1 })}
              />
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
              <Autocomplete
                label={t('planForm.basisKind')}
                data={basisKindSuggestions()}
                comboboxProps={{ withinPortal: true }}
                {...form.getInputProps(`basis.${i}.kind`)}
              />
              <TextInput label={t('planForm.basisRef')} placeholder={t('planForm.basisRefPlaceholder')} {...form.getInputProps(`basis.${i}.ref`)} />
              <DateField label={t('planForm.basisDate')} {...form.getInputProps(`basis.${i}.date`)} />
            </SimpleGrid>
            <TextInput label={t('planForm.basisIssuer')} {...form.getInputProps(`basis.${i}.issuer`)} />
            <Textarea label={t('planForm.basisSummary')} autosize minRows={1} {...form.getInputProps(`basis.${i}.summary`)} />
          </Stack>
        </Paper>
      ))}
      <Button
        variant="light"
        size="xs"
        leftSection={<IconPlus size={14} />}
        style={{ alignSelf: 'flex-start' }}
        onClick={() => form.insertListItem('basis', emptyBasis())}
      >
        {t('planForm.addBasis')}
      </Button>
    </Stack>
  );
}

function ChannelsEditor({ form }: { form: PlanForm }) {
  return (
    <Fieldset legend={t('planForm.channels')} p="sm">
      <Stack gap="sm">
        {form.values.channels.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('planForm.noChannels')}
          </Text>
        ) : null}
        {form.values.channels.map((_, i) => (
          <Group key={form.key(`channels.${i}`)} align="flex-end" gap="xs" wrap="wrap">
            <Select
              label={t('planForm.channelKind')}
              data={planChannelOptions()}
              allowDeselect={false}
              w={{ base: '100%', xs: 170 }}
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps(`channels.${i}.kind`)}
              onChange={(v) => v && form.setFieldValue(`channels.${i}.kind`, v as PlanChannelKind)}
            />
            <TextInput label={t('planForm.channelLabel')} style={{ flex: '2 1 180px' }} {...form.getInputProps(`channels.${i}.label`)} />
            <TextInput label={t('planForm.channelAddress')} style={{ flex: '1 1 160px' }} {...form.getInputProps(`channels.${i}.address`)} />
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              mb={2}
              onClick={() => form.removeListItem('channels', i)}
              aria-label={t('planForm.removeChannel', { n: i + 1 })}
            >
              <IconTrash size={18} />
            </ActionIcon>
          </Group>
        ))}
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          style={{ alignSelf: 'flex-start' }}
          onClick={() => form.insertListItem('channels', emptyChannel())}
        >
          {t('planForm.addChannel')}
        </Button>
      </Stack>
    </Fieldset>
  );
}

function BudgetEditor({ form }: { form: PlanForm }) {
  const total = form.values.budget.reduce((sum, b) => sum + (Number(b.amount) || 0), 0);
  return (
    <Fieldset legend={t('planForm.budget')} p="sm">
      <Stack gap="sm">
        {form.values.budget.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('planForm.noBudget')}
          </Text>
        ) : null}
        {form.values.budget.map((_, i) => (
          <Group key={form.key(`budget.${i}`)} align="flex-end" gap="xs" wrap="wrap">
            <TextInput label={t('planForm.budgetItem')} style={{ flex: '3 1 200px' }} {...form.getInputProps(`budget.${i}.item`)} />
            <NumberInput
              label={t('planForm.budgetAmount')}
              thousandSeparator="."
              decimalSeparator=","
              allowDecimal={false}
              allowNegative={false}
              min={0}
              style={{ flex: '1 1 140px' }}
              {...form.getInputProps(`budget.${i}.amount`)}
            />
            <TextInput label={t('planForm.budgetSource')} style={{ flex: '2 1 160px' }} {...form.getInputProps(`budget.${i}.source`)} />
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              mb={2}
              onClick={() => form.removeListItem('budget', i)}
              aria-label={t('planForm.removeBudget', { n: i + 1 })}
            >
              <IconTrash size={18} />
            </ActionIcon>
          </Group>
        ))}
        <Group justify="space-between">
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => form.insertListItem('budget', emptyBudget())}
          >
            {t('planForm.addBudget')}
          </Button>
          {total ? (
            <Text size="sm" fw={600}>
              {t('planForm.budgetTotal', { total: formatVnd(total) })}
            </Text>
          ) : null}
        </Group>
      </Stack>
    </Fieldset>
  );
}

function SigningFields({ form }: { form: PlanForm }) {
  return (
    <Stack gap="sm">
      <Fieldset legend={t('planForm.signer')} p="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t('planForm.authority')}
            description={t('planForm.authorityHint')}
            data={authorityOptions()}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('signer.authority')}
            onChange={(v) => form.setFieldValue('signer.authority', v ?? '')}
          />
          <TextInput label={t('planForm.signerTitle')} description={t('planForm.signerTitleHint')} {...form.getInputProps('signer.title')} />
          <TextInput
            label={t('planForm.signerDeputyTitle')}
            description={t('planForm.signerDeputyTitleHint')}
            {...form.getInputProps('signer.deputyTitle')}
          />
          <TextInput label={t('planForm.signerName')} {...form.getInputProps('signer.name')} />
        </SimpleGrid>
      </Fieldset>
      <Textarea
        label={t('planForm.recipients')}
        description={t('planForm.recipientsHint')}
        autosize
        minRows={4}
        {...form.getInputProps('recipients')}
      />
    </Stack>
  );
}
