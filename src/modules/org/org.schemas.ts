import { z } from '@hono/zod-openapi';
import { roles } from './org.policy';

/** Shapes of the org module's API: the server validates with them, the web client types from them. */
export const unitTypes = ['ministry', 'department', 'office', 'commune', 'school', 'affiliated'] as const;
export type UnitType = (typeof unitTypes)[number];
export const unitLevels = [
  'preschool',
  'primary',
  'lower_secondary',
  'upper_secondary',
  'multi_level',
  'continuing',
  'vocational',
] as const;
export type UnitLevel = (typeof unitLevels)[number];
export const channelKinds = ['portal', 'website', 'fanpage', 'group', 'zalo', 'email', 'hotline'] as const;

export const ChannelSchema = z.object({
  kind: z.enum(channelKinds),
  name: z.string().trim().max(200).default(''),
  address: z.string().trim().min(1).max(500),
});
export const ContactsSchema = z.object({
  address: z.string().trim().max(500).optional(),
  phone: z.string().trim().max(50).optional(),
  email: z.string().trim().max(200).optional(),
  website: z.string().trim().max(500).optional(),
});

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'yyyy-mm-dd');

export const UnitSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    type: z.enum(unitTypes),
    level: z.enum(unitLevels).nullable(),
    parentId: z.number().int().nullable(),
    shortName: z.string().nullable(),
    docAbbr: z.string().nullable(),
    aliases: z.array(z.string()),
    contacts: ContactsSchema,
    channels: z.array(ChannelSchema),
    status: z.enum(['active', 'closed', 'merged']),
    establishedOn: z.string().nullable(),
    closedOn: z.string().nullable(),
    mergedIntoId: z.number().int().nullable(),
    childCount: z.number().int(),
    version: z.number().int(),
  })
  .openapi('Unit');
export type Unit = z.infer<typeof UnitSchema>;

export const UnitRefSchema = z.object({ id: z.number().int(), code: z.string(), name: z.string(), type: z.enum(unitTypes) });

export const UnitDetailSchema = UnitSchema.extend({
  ancestors: z.array(UnitRefSchema),
  events: z.array(
    z.object({
      id: z.number().int(),
      kind: z.string(),
      occurredOn: z.string(),
      fromParent: z.string().nullable(),
      toParent: z.string().nullable(),
      relatedUnit: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
}).openapi('UnitDetail');

export const UnitSearchHitSchema = UnitRefSchema.extend({
  status: z.enum(['active', 'closed', 'merged']),
  trail: z.string(),
}).openapi('UnitSearchHit');

const unitFields = {
  code: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(300),
  type: z.enum(unitTypes),
  level: z.enum(unitLevels).nullable().optional(),
  shortName: z.string().trim().max(120).nullable().optional(),
  docAbbr: z.string().trim().max(40).nullable().optional(),
  aliases: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
  contacts: ContactsSchema.optional(),
  channels: z.array(ChannelSchema).max(50).optional(),
  establishedOn: isoDate.nullable().optional(),
};
export const CreateUnitSchema = z.object({ ...unitFields, parentId: z.number().int().nullable() }).openapi('CreateUnit');
export const UpdateUnitSchema = z
  .object({ ...unitFields, version: z.number().int() })
  .partial()
  .required({ version: true })
  .openapi('UpdateUnit');
export const MoveUnitSchema = z.object({ parentId: z.number().int(), on: isoDate, note: z.string().max(1000).optional() });
export const MergeUnitSchema = z.object({
  intoId: z.number().int(),
  on: isoDate,
  isMovingChildren: z.boolean().default(true),
  note: z.string().max(1000).optional(),
});
export const CloseUnitSchema = z.object({ on: isoDate, note: z.string().max(1000).optional() });

export const RoleEnum = z.enum(roles);
export const RoleAssignmentSchema = z.object({
  id: z.number().int(),
  role: RoleEnum,
  unitId: z.number().int(),
  unitName: z.string(),
  unitCode: z.string(),
});
export const PersonSchema = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    title: z.string().nullable(),
    phone: z.string().nullable(),
    unitId: z.number().int().nullable(),
    unitName: z.string().nullable(),
    isActive: z.boolean(),
    hasPassword: z.boolean(),
    isTotpEnabled: z.boolean(),
    roles: z.array(RoleAssignmentSchema),
    version: z.number().int(),
  })
  .openapi('Person');
export type Person = z.infer<typeof PersonSchema>;

const email = z.string().trim().toLowerCase().email().max(200);
export const CreatePersonSchema = z
  .object({
    email,
    name: z.string().trim().min(1).max(200),
    title: z.string().trim().max(200).nullable().optional(),
    phone: z.string().trim().max(50).nullable().optional(),
    unitId: z.number().int(),
    password: z.string().min(10).max(200).optional(),
  })
  .openapi('CreatePerson');
export const UpdatePersonSchema = z
  .object({
    email,
    name: z.string().trim().min(1).max(200),
    title: z.string().trim().max(200).nullable(),
    phone: z.string().trim().max(50).nullable(),
    isActive: z.boolean(),
    version: z.number().int(),
  })
  .partial()
  .required({ version: true })
  .openapi('UpdatePerson');
export const AssignRoleSchema = z.object({ unitId: z.number().int(), role: RoleEnum });

export const SpokespersonSchema = z.object({
  name: z.string(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  unitPath: z.string(),
});
export type Spokesperson = z.infer<typeof SpokespersonSchema>;
