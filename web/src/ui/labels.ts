import { t, tOr } from '../i18n';
import { channelKinds, roles, unitLevels, unitTypes } from '../api/types';

/** Vietnamese (or English) names for the API's enum values. */
export const unitTypeLabel = (type: string) => tOr(`unitType.${type}`, type);
export const unitLevelLabel = (level: string | null | undefined) => (level ? tOr(`unitLevel.${level}`, level) : '');
export const roleLabel = (role: string) => tOr(`role.${role}`, role);
export const channelKindLabel = (kind: string) => tOr(`channel.${kind}`, kind);
export const unitStatusLabel = (status: string) => tOr(`unitStatus.${status}`, status);
export const auditActionLabel = (action: string) => tOr(`auditAction.${action}`, action);
export const auditEntityLabel = (entity: string) => tOr(`auditEntity.${entity}`, entity);
export const eventKindLabel = (kind: string) => tOr(`unitEvent.${kind}`, kind);

export const unitTypeOptions = () => unitTypes.map((value) => ({ value, label: unitTypeLabel(value) }));
export const unitLevelOptions = () => unitLevels.map((value) => ({ value, label: unitLevelLabel(value) }));
export const roleOptions = () => roles.map((value) => ({ value, label: roleLabel(value) }));
export const channelKindOptions = () => channelKinds.map((value) => ({ value, label: channelKindLabel(value) }));

export const statusColor = (status: string) => (status === 'active' ? 'teal' : status === 'merged' ? 'grape' : 'gray');
export const yesNo = (v: boolean) => (v ? t('common.yes') : t('common.no'));
