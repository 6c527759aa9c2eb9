import { Alert, Button, Card, Code, CopyButton, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconCalendarShare, IconCopy } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { eventsApi, eventsKey } from './api';

const feedKey = [...eventsKey, 'feed'] as const;

/**
 * The person's secret calendar link (Google Calendar, Outlook, iPhone): what it is, that it
 * is secret and read-only, make / remake / revoke. The link is shown once, right after it is made.
 */
export function CalendarFeedCard({ unit }: { unit: { id: number; name: string } | null }) {
  const qc = useQueryClient();
  const status = useQuery({ queryKey: feedKey, queryFn: eventsApi.feedStatus });
  const [url, setUrl] = useState<string | null>(null);
  const make = useMutation({
    mutationFn: () => eventsApi.makeFeed(unit?.id as number),
    onSuccess: (r) => {
      setUrl(r.url);
      qc.setQueryData(feedKey, r);
      notifySuccess(t('evcal.made'));
    },
  });
  const revoke = useMutation({
    mutationFn: eventsApi.revokeFeed,
    onSuccess: (r) => {
      setUrl(null);
      qc.setQueryData(feedKey, r);
      notifySuccess(t('evcal.revoked'));
    },
  });
  const s = status.data;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="evcal-title">
      <Stack gap="xs">
        <Group gap="xs" wrap="nowrap">
          <IconCalendarShare size={20} aria-hidden />
          <Title order={2} fz="h5" id="evcal-title">
            {t('evcal.title')}
          </Title>
        </Group>
        <Text size="sm">{t('evcal.lead')}</Text>
        <List size="sm" spacing={2}>
          <List.Item>{t('evcal.point.secret')}</List.Item>
          <List.Item>{t('evcal.point.readOnly')}</List.Item>
          <List.Item>{t('evcal.point.scope')}</List.Item>
          <List.Item>{t('evcal.point.howto')}</List.Item>
        </List>
        {unit ? (
          <Text size="sm" className="loa-break">
            {t('evcal.forUnit', { unit: unit.name })}
          </Text>
        ) : null}
        <ErrorAlert error={status.error ?? make.error ?? revoke.error} />
        {s?.isActive ? (
          <Text size="sm" c="dimmed" className="loa-break">
            {t('evcal.active', { unit: s.unitName ?? '', created: formatDateTime(s.createdAt), used: s.lastUsedAt ? formatDateTime(s.lastUsedAt) : t('evcal.neverUsed') })}
          </Text>
        ) : s ? (
          <Text size="sm" c="dimmed">
            {t('evcal.inactive')}
          </Text>
        ) : null}
        {url ? (
          <Stack gap={6}>
            <Alert color="yellow" title={t('evcal.onceTitle')}>
              {t('evcal.once')}
            </Alert>
            <Code block data-testid="evcal-url" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', overflow: 'visible' }}>
              {url}
            </Code>
            <CopyButton value={url}>
              {({ copied, copy }) => (
                <Button leftSection={<IconCopy size={16} />} onClick={copy} style={{ alignSelf: 'flex-start' }}>
                  {copied ? t('evcal.copied') : t('evcal.copy')}
                </Button>
              )}
            </CopyButton>
          </Stack>
        ) : null}
        <Group gap="xs" wrap="wrap">
          <Button
            variant={s?.isActive ? 'default' : 'filled'}
            disabled={!unit}
            loading={make.isPending}
            onClick={() => (!s?.isActive || window.confirm(t('evcal.confirmRemake'))) && make.mutate()}
          >
            {s?.isActive ? t('evcal.remake') : t('evcal.make')}
          </Button>
          {s?.isActive ? (
            <Button variant="subtle" color="red" loading={revoke.isPending} onClick={() => window.confirm(t('evcal.confirmRevoke')) && revoke.mutate()}>
              {t('evcal.revoke')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Card>
  );
}
