import type { DeliveryStatus, TargetKind } from '../../api/distribution';
import { tOr } from '../../i18n';

/** Vietnamese names and colours for the distribution API's values. */
export const targetKindLabel = (k: string) => tOr(`channelKind.${k}`, k);
export const deliveryStatusLabel = (s: string) => tOr(`deliveryStatus.${s}`, s);
const statusColors: Record<DeliveryStatus, string> = { pending: 'blue', sending: 'indigo', sent: 'teal', failed: 'orange', dead: 'red' };
export const deliveryStatusColor = (s: string) => statusColors[s as DeliveryStatus] ?? 'gray';
export const isShareKind = (k: TargetKind) => k === 'facebook_group' || k === 'zalo_group';
export const isApiKind = (k: TargetKind) => k === 'facebook_page' || k === 'zalo_oa';
