import { ActionIcon, Button, Fieldset, Group, Select, SimpleGrid, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ChannelKind, UnitLevel, UnitType } from '../../api/types';
import { t } from '../../i18n';
import { DateField } from '../../ui/DateField';
import { channelKindOptions, unitLevelOptions, unitTypeOptions } from '../../ui/labels';
import type { UnitForm } from './unitForm';

/** Every editable field of a unit: identity, contacts and channels. */
export function UnitFields({ form, isReadOnly = false }: { form: UnitForm; isReadOnly?: boolean }) {
  const ro = { readOnly: isReadOnly };
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label={t('unitForm.name')} required {...ro} {...form.getInputProps('name')} />
        <TextInput label={t('unitForm.code')} required {...ro} {...form.getInputProps('code')} />
        <Select
          label={t('unitForm.type')}
          data={unitTypeOptions()}
          allowDeselect={false}
          disabled={isReadOnly}
          {...form.getInputProps('type')}
          onChange={(v) => v && form.setFieldValue('type', v as UnitType)}
        />
        <Select
          label={t('unitForm.level')}
          data={unitLevelOptions()}
          clearable
          disabled={isReadOnly}
          {...form.getInputProps('level')}
          value={form.values.level || null}
          onChange={(v) => form.setFieldValue('level', (v ?? '') as UnitLevel | '')}
        />
        <TextInput label={t('unitForm.shortName')} {...ro} {...form.getInputProps('shortName')} />
        <TextInput
          label={t('unitForm.docAbbr')}
          description={t('unitForm.docAbbrHint')}
          {...ro}
          {...form.getInputProps('docAbbr')}
        />
        <DateField label={t('unitForm.establishedOn')} disabled={isReadOnly} {...form.getInputProps('establishedOn')} />
      </SimpleGrid>
      <TagsInput
        label={t('unitForm.aliases')}
        description={t('unitForm.aliasesHint')}
        readOnly={isReadOnly}
        clearable={!isReadOnly}
        {...form.getInputProps('aliases')}
      />
      <Fieldset legend={t('unitForm.contacts')} p="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('unitForm.address')} {...ro} {...form.getInputProps('contacts.address')} />
          <TextInput label={t('unitForm.phone')} type="tel" {...ro} {...form.getInputProps('contacts.phone')} />
          <TextInput label={t('unitForm.email')} type="email" {...ro} {...form.getInputProps('contacts.email')} />
          <TextInput label={t('unitForm.website')} {...ro} {...form.getInputProps('contacts.website')} />
        </SimpleGrid>
      </Fieldset>
      <ChannelsEditor form={form} isReadOnly={isReadOnly} />
    </Stack>
  );
}

function ChannelsEditor({ form, isReadOnly }: { form: UnitForm; isReadOnly: boolean }) {
  return (
    <Fieldset legend={t('unitForm.channels')} p="sm">
      <Stack gap="sm">
        {form.values.channels.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('unitForm.noChannels')}
          </Text>
        ) : null}
        {form.values.channels.map((_, i) => (
          <Group key={form.key(`channels.${i}`)} align="flex-end" gap="xs" wrap="wrap">
            <Select
              label={t('unitForm.channelKind')}
              data={channelKindOptions()}
              allowDeselect={false}
              disabled={isReadOnly}
              w={{ base: '100%', xs: 150 }}
              {...form.getInputProps(`channels.${i}.kind`)}
              onChange={(v) => v && form.setFieldValue(`channels.${i}.kind`, v as ChannelKind)}
            />
            <TextInput
              label={t('unitForm.channelName')}
              readOnly={isReadOnly}
              style={{ flex: '1 1 140px' }}
              {...form.getInputProps(`channels.${i}.name`)}
            />
            <TextInput
              label={t('unitForm.channelAddress')}
              readOnly={isReadOnly}
              style={{ flex: '2 1 180px' }}
              {...form.getInputProps(`channels.${i}.address`)}
            />
            {!isReadOnly ? (
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                mb={2}
                onClick={() => form.removeListItem('channels', i)}
                aria-label={t('unitForm.removeChannel')}
              >
                <IconTrash size={18} />
              </ActionIcon>
            ) : null}
          </Group>
        ))}
        {!isReadOnly ? (
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} />}
            style={{ alignSelf: 'flex-start' }}
            onClick={() => form.insertListItem('channels', { kind: 'website', name: '', address: '' })}
          >
            {t('unitForm.addChannel')}
          </Button>
        ) : null}
      </Stack>
    </Fieldset>
  );
}
