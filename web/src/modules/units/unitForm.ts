import { useForm } from '@mantine/form';
import type { Channel, ChannelKind, Unit, UnitInput, UnitLevel, UnitType } from '../../api/types';
import { t } from '../../i18n';

/** The editable fields of a unit as the form holds them (empty strings, not nulls). */
export type UnitFormValues = {
  code: string;
  name: string;
  type: UnitType;
  level: UnitLevel | '';
  shortName: string;
  docAbbr: string;
  aliases: string[];
  establishedOn: string | null;
  contacts: { address: string; phone: string; email: string; website: string };
  channels: { kind: ChannelKind; name: string; address: string }[];
};

export function valuesFromUnit(u: Unit | null, defaults?: Partial<UnitFormValues>): UnitFormValues {
  return {
    code: u?.code ?? '',
    name: u?.name ?? '',
    type: u?.type ?? 'school',
    level: u?.level ?? '',
    shortName: u?.shortName ?? '',
    docAbbr: u?.docAbbr ?? '',
    aliases: u?.aliases ?? [],
    establishedOn: u?.establishedOn ?? null,
    contacts: {
      address: u?.contacts.address ?? '',
      phone: u?.contacts.phone ?? '',
      email: u?.contacts.email ?? '',
      website: u?.contacts.website ?? '',
    },
    channels: (u?.channels ?? []).map((c) => ({ ...c })),
    ...defaults,
  };
}

const orNull = (s: string) => (s.trim() ? s.trim() : null);

export function inputFromValues(v: UnitFormValues): UnitInput {
  const contacts: UnitInput['contacts'] = {};
  for (const [k, val] of Object.entries(v.contacts) as [keyof UnitFormValues['contacts'], string][]) {
    if (val.trim()) contacts[k] = val.trim();
  }
  return {
    code: v.code.trim(),
    name: v.name.trim(),
    type: v.type,
    level: v.level || null,
    shortName: orNull(v.shortName),
    docAbbr: orNull(v.docAbbr),
    aliases: v.aliases.map((a) => a.trim()).filter(Boolean),
    establishedOn: v.establishedOn || null,
    contacts,
    channels: v.channels
      .filter((c) => c.address.trim())
      .map((c): Channel => ({ kind: c.kind, name: c.name.trim(), address: c.address.trim() })),
  };
}

export function useUnitForm(initialValues: UnitFormValues) {
  return useForm<UnitFormValues>({
    initialValues,
    validate: {
      code: (v) => (v.trim() ? null : t('unitForm.codeRequired')),
      name: (v) => (v.trim() ? null : t('unitForm.nameRequired')),
      contacts: {
        email: (v) => (!v.trim() || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) ? null : t('unitForm.emailInvalid')),
      },
      channels: {
        address: (v) => (v.trim() ? null : t('unitForm.channelAddressRequired')),
      },
    },
  });
}
export type UnitForm = ReturnType<typeof useUnitForm>;
