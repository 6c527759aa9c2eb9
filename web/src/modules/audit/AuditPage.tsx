import { ActionIcon, Badge, Button, Card, Collapse, Group, Loader, Select, Stack, Table, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { auditApi } from '../../api/endpoints';
import type { AuditEntry } from '../../api/types';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { auditActionLabel, auditEntityLabel } from '../../ui/labels';
import { PageHeader } from '../../ui/PageHeader';
import { useIsMobile } from '../../ui/useMobile';
import { AuditDiff } from './AuditDiff';

const pageSize = 50;
const entities = ['unit', 'person', 'import'];

/** Who changed what and when, newest first, with the before/after of each change. */
export function AuditPage() {
  const [entity, setEntity] = useState<string | null>(null);
  const isMobile = useIsMobile();
  const log = useInfiniteQuery({
    queryKey: ['audit', entity],
    queryFn: ({ pageParam }) => auditApi.list({ entity, beforeId: pageParam, limit: pageSize }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => (last.items.length < pageSize ? undefined : last.items[last.items.length - 1]?.id),
  });
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader title={t('audit.title')} />
      <Stack gap="md">
        <Select
          label={t('audit.entity')}
          placeholder={t('audit.allEntities')}
          data={entities.map((e) => ({ value: e, label: auditEntityLabel(e) }))}
          value={entity}
          onChange={setEntity}
          clearable
          maw={{ base: '100%', sm: 280 }}
        />
        <ErrorAlert error={log.error} />
        {log.isPending ? <Loader aria-label={t('common.loading')} /> : null}
        {log.data && items.length === 0 ? <Text c="dimmed">{t('audit.none')}</Text> : null}
        {items.length ? isMobile ? <AuditCards items={items} /> : <AuditTable items={items} /> : null}
        {log.hasNextPage ? (
          <Group>
            <Button variant="light" onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
              {t('audit.more')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </>
  );
}

function subject(e: AuditEntry): string {
  const entity = auditEntityLabel(e.entity);
  return [entity + (e.entityId ? ` #${e.entityId}` : ''), e.unitName].filter(Boolean).join(' · ');
}

function hasDiff(e: AuditEntry) {
  return e.before != null || e.after != null;
}

function AuditTable({ items }: { items: AuditEntry[] }) {
  const [open, setOpen] = useState<number | null>(null);
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="xs" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={36} />
            <Table.Th>{t('audit.at')}</Table.Th>
            <Table.Th>{t('audit.actor')}</Table.Th>
            <Table.Th>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.subject')}</Table.Th>
            <Table.Th>{t('audit.ip')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((e) => (
            <Fragment key={e.id}>
              <Table.Tr>
                <Table.Td>
                  {hasDiff(e) ? (
                    <ActionIcon
                      variant="subtle"
                      size="sm"
                      onClick={() => setOpen(open === e.id ? null : e.id)}
                      aria-expanded={open === e.id}
                      aria-label={t('audit.toggleDiff')}
                    >
                      {open === e.id ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
                    </ActionIcon>
                  ) : null}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</Table.Td>
                <Table.Td>{e.actorName ?? t('audit.system')}</Table.Td>
                <Table.Td>
                  <Badge variant="light" tt="none" h="auto" styles={{ label: { whiteSpace: 'normal' } }}>
                    {auditActionLabel(e.action)}
                  </Badge>
                </Table.Td>
                <Table.Td>{subject(e)}</Table.Td>
                <Table.Td>{e.ip}</Table.Td>
              </Table.Tr>
              {open === e.id ? (
                <Table.Tr>
                  <Table.Td colSpan={6} bg="gray.0">
                    <AuditDiff before={e.before} after={e.after} />
                  </Table.Td>
                </Table.Tr>
              ) : null}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function AuditCards({ items }: { items: AuditEntry[] }) {
  return (
    <Stack gap="xs">
      {items.map((e) => (
        <AuditCard key={e.id} entry={e} />
      ))}
    </Stack>
  );
}

function AuditCard({ entry: e }: { entry: AuditEntry }) {
  const [isOpen, setOpen] = useState(false);
  return (
    <Card withBorder padding="sm">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Badge variant="light" tt="none" h="auto" styles={{ label: { whiteSpace: 'normal' } }}>
                    {auditActionLabel(e.action)}
                  </Badge>
          <Text size="sm" className="loa-break">
            {subject(e)}
          </Text>
          <Text size="xs" c="dimmed">
            {formatDateTime(e.at)}
            {' · '}
            {e.actorName ?? t('audit.system')}
          </Text>
        </Stack>
        {hasDiff(e) ? (
          <ActionIcon variant="subtle" onClick={() => setOpen((v) => !v)} aria-expanded={isOpen} aria-label={t('audit.toggleDiff')}>
            {isOpen ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
          </ActionIcon>
        ) : null}
      </Group>
      <Collapse expanded={isOpen}>
        <AuditDiff before={e.before} after={e.after} />
      </Collapse>
    </Card>
  );
}
