import { Alert, Anchor, Badge, Button, Card, Group, List, Loader, Stack, Text } from '@mantine/core';
import { IconChecks } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { noticesApi, receivedKey } from '../../api/notices';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { noticeKindColor, noticeKindLabel } from './labels';

/** Reading a received notice: opening it records the read (once); instructions ask for "Xác nhận đã nhận". */
export function ReceivedNoticePage({ id }: { id: number }) {
  const qc = useQueryClient();
  const key = [...receivedKey, 'detail', id];
  const q = useQuery({ queryKey: key, queryFn: () => noticesApi.receivedOne(id) });
  const isMarked = useRef(false);
  useEffect(() => {
    if (!q.data || q.data.readAt || isMarked.current) return;
    isMarked.current = true;
    noticesApi
      .read(id)
      .then(async (n) => {
        qc.setQueryData(key, n);
        await qc.invalidateQueries({ queryKey: receivedKey, exact: true });
      })
      .catch(() => {
        isMarked.current = false;
      });
  }, [q.data, id, qc]); // eslint-disable-line react-hooks/exhaustive-deps
  const ack = useMutation({
    mutationFn: () => noticesApi.acknowledge(id),
    onSuccess: async (n) => {
      notifySuccess(t('nt.done.ack'));
      qc.setQueryData(key, n);
      await qc.invalidateQueries({ queryKey: receivedKey, exact: true });
    },
    onError: notifyError,
  });
  if (q.isPending) return <Loader aria-label={t('common.loading')} />;
  if (q.isError) return <ErrorAlert error={q.error} />;
  const n = q.data;
  return (
    <>
      <PageHeader title={n.title} />
      <Stack gap="sm" maw={820}>
        <Group gap="xs" wrap="wrap">
          <Badge variant="light" color={noticeKindColor(n.kind)}>
            {noticeKindLabel(n.kind)}
          </Badge>
          {n.isPublic ? (
            <Badge variant="outline" color="grape">
              {t('nt.public')}
            </Badge>
          ) : null}
          {n.revision > 1 ? <Badge variant="outline">{t('nt.revision', { n: n.revision })}</Badge> : null}
        </Group>
        <Text size="sm" c="dimmed">
          {t('nt.received.fromFor', { unit: n.unitName, date: formatDateTime(n.sentAt), for: n.forUnitName })}
        </Text>
        {n.status === 'withdrawn' ? (
          <Alert color="red" title={t('nt.withdrawnTitle')}>
            {n.withdrawNote}
          </Alert>
        ) : null}
        {n.status === 'superseded' ? (
          <Alert color="orange" title={t('nt.supersededTitle')}>
            {n.supersededById ? (
              <Anchor component={Link} to={`/thong-bao/nhan/${n.supersededById}`}>
                {t('nt.openNewVersion')}
              </Anchor>
            ) : (
              t('nt.supersededHelp')
            )}
          </Alert>
        ) : null}
        <Card withBorder padding="md">
          {/* sanitised by the server (sanitizeArticleHtml) */}
          <div className="loa-notice-body" dangerouslySetInnerHTML={{ __html: n.bodyHtml || `<p>${t('nt.noBody')}</p>` }} />
          {n.attachments.length ? (
            <List mt="sm" size="sm">
              {n.attachments.map((a) => (
                <List.Item key={a.url}>
                  <Anchor href={a.url} target="_blank" rel="noopener">
                    {a.name}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          ) : null}
        </Card>
        <Text size="sm" c="dimmed">
          {n.readAt ? t('nt.readAt', { date: formatDateTime(n.readAt) }) : t('nt.marking')}
        </Text>
        {n.isAckRequired ? (
          n.acknowledgedAt ? (
            <Alert color="teal" icon={<IconChecks size={18} />}>
              {t('nt.ackedAt', { date: formatDateTime(n.acknowledgedAt) })}
            </Alert>
          ) : n.status === 'sent' ? (
            <Button size="md" color="teal" leftSection={<IconChecks size={18} />} loading={ack.isPending} onClick={() => ack.mutate()} fullWidth={false}>
              {t('nt.action.ack')}
            </Button>
          ) : null
        ) : null}
        <Anchor component={Link} to="/thong-bao" size="sm">
          {t('nt.backToList')}
        </Anchor>
      </Stack>
    </>
  );
}
