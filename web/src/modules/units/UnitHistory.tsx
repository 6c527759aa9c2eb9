import { Text, Timeline } from '@mantine/core';
import type { UnitEvent } from '../../api/types';
import { t } from '../../i18n';
import { formatDate } from '../../ui/format';
import { eventKindLabel } from '../../ui/labels';

/** The unit's life: created, moved, merged, closed, reopened — with dates. */
export function UnitHistory({ events }: { events: UnitEvent[] }) {
  if (!events.length) return <Text c="dimmed">{t('units.noHistory')}</Text>;
  return (
    <Timeline active={events.length} bulletSize={14} lineWidth={2}>
      {events.map((e) => (
        <Timeline.Item key={e.id} title={eventKindLabel(e.kind)}>
          <Text size="xs" c="dimmed">
            {formatDate(e.occurredOn)}
          </Text>
          {e.fromParent || e.toParent ? (
            <Text size="sm" className="loa-break">
              {e.fromParent && e.toParent
                ? t('units.eventFromTo', { from: e.fromParent, to: e.toParent })
                : e.toParent
                  ? t('units.eventUnder', { to: e.toParent })
                  : t('units.eventFrom', { from: e.fromParent ?? '' })}
            </Text>
          ) : null}
          {e.relatedUnit ? (
            <Text size="sm" className="loa-break">
              {t('units.eventRelated', { name: e.relatedUnit })}
            </Text>
          ) : null}
          {e.note ? (
            <Text size="sm" c="dimmed" fs="italic" className="loa-break">
              {e.note}
            </Text>
          ) : null}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
