import { Anchor, Badge, Button, Card, Group, Loader, Modal, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { IconDownload, IconEdit, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate, formatDateTime } from '../../ui/format';
import { unitTypeLabel } from '../../ui/labels';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { useIsMobile } from '../../ui/useMobile';
import { useUnitAccess } from '../plans/usePlanUnit';
import { type Cell, type Criterion, type RankRow, emulationApi, emulationKey } from './api';
import { formatPoints, formatValue, metricLabel, periodKindLabel } from './labels';

type Open = { row: RankRow; criterion: Criterion; cell: Cell } | null;

function CellButton({ cell, criterion, row, onOpen }: { cell: Cell; criterion: Criterion; row: RankRow; onOpen: (o: Open) => void }) {
  return (
    <UnstyledButton
      onClick={() => onOpen({ row, criterion, cell })}
      aria-label={t('emu.cellLabel', { unit: row.unitName, criterion: criterion.label, value: formatValue(cell.value, criterion.kind), points: formatPoints(cell.points) })}
      style={{ textDecoration: 'underline dotted', textUnderlineOffset: 3 }}
    >
      <Text size="sm" span>
        {formatValue(cell.value, criterion.kind)}
      </Text>
      <Text size="xs" c="dimmed" span>
        {` · ${t('emu.points', { n: formatPoints(cell.points) })}`}
      </Text>
    </UnstyledButton>
  );
}

/** One scheme: its criteria and the ranked table; every cell opens its evidence; export XLSX. */
export function SchemePage({ id }: { id: number }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const [open, setOpen] = useState<Open>(null);
  const r = useQuery({ queryKey: [...emulationKey, 'ranking', id], queryFn: () => emulationApi.ranking(id) });
  const s = r.data?.scheme;
  const access = useUnitAccess(s?.unitId);
  const remove = useMutation({
    mutationFn: () => emulationApi.remove(id),
    onSuccess: () => {
      notifySuccess(t('emu.deleted'));
      void qc.invalidateQueries({ queryKey: emulationKey });
      void navigate({ to: '/thi-dua' as '/' });
    },
    onError: notifyError,
  });
  const exportFile = useMutation({ mutationFn: () => emulationApi.exportXlsx(id), onError: notifyError });
  return (
    <>
      <PageHeader
        title={s?.title ?? t('emu.title')}
        actions={
          s ? (
            <>
              <Button variant="light" leftSection={<IconDownload size={16} />} onClick={() => exportFile.mutate()} loading={exportFile.isPending}>
                {t('emu.export')}
              </Button>
              {access.canWrite ? (
                <>
                  <Button variant="default" component={Link} to={`/thi-dua/${id}/sua` as '/'} leftSection={<IconEdit size={16} />}>
                    {t('emu.edit')}
                  </Button>
                  <Button
                    variant="subtle"
                    color="red"
                    leftSection={<IconTrash size={16} />}
                    onClick={() => {
                      if (window.confirm(t('emu.confirmDelete'))) remove.mutate();
                    }}
                  >
                    {t('emu.delete')}
                  </Button>
                </>
              ) : null}
            </>
          ) : null
        }
      />
      <ErrorAlert error={r.error} />
      {r.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {s && r.data ? (
        <Stack gap="sm">
          <Text size="sm" c="dimmed" className="loa-break">
            {t('emu.summary', { unit: s.unitName, level: unitTypeLabel(s.unitType), period: periodKindLabel(s.periodKind), from: formatDate(s.startsOn), to: formatDate(s.endsOn), max: formatPoints(s.maxPoints) })}
          </Text>
          <Group gap={6} wrap="wrap" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('emu.form.criteria')}>
            {s.criteria.map((c) => (
              <Badge key={c.id} component="li" variant="light" style={{ textTransform: 'none', height: 'auto', whiteSpace: 'normal' }}>
                {t('emu.criterionBadge', { label: c.label, weight: formatPoints(c.weight), metric: metricLabel(c.metric) })}
              </Badge>
            ))}
          </Group>
          <Text size="xs" c="dimmed">
            {t('emu.computedAt', { at: formatDateTime(r.data.computedAt) })}
          </Text>
          {!r.data.rows.length ? <Text c="dimmed">{t('emu.noUnits')}</Text> : null}
          {isMobile ? (
            <Stack gap="xs" component="ol" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('emu.ranking')}>
              {r.data.rows.map((row) => (
                <Card key={row.unitId} withBorder padding="sm" component="li">
                  <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                    <Text fw={600} className="loa-break" style={{ minWidth: 0 }}>
                      {`${row.rank}. ${row.unitName}`}
                    </Text>
                    <Badge size="lg" variant="filled" style={{ flex: 'none' }}>
                      {formatPoints(row.total)}
                    </Badge>
                  </Group>
                  <Stack gap={4} mt={6}>
                    {s.criteria.map((c, i) => (
                      <Group key={c.id} justify="space-between" gap="xs" wrap="wrap">
                        <Text size="sm" c="dimmed" className="loa-break" style={{ minWidth: 0, flex: 1 }}>
                          {c.label}
                        </Text>
                        <CellButton cell={row.cells[i]} criterion={c} row={row} onOpen={setOpen} />
                      </Group>
                    ))}
                  </Stack>
                </Card>
              ))}
            </Stack>
          ) : (
            <Table.ScrollContainer minWidth={600}>
              <Table striped highlightOnHover aria-label={t('emu.ranking')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('emu.col.rank')}</Table.Th>
                    <Table.Th>{t('emu.col.unit')}</Table.Th>
                    {s.criteria.map((c) => (
                      <Table.Th key={c.id}>{t('emu.col.criterion', { label: c.label, weight: formatPoints(c.weight) })}</Table.Th>
                    ))}
                    <Table.Th>{t('emu.col.total')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.data.rows.map((row) => (
                    <Table.Tr key={row.unitId}>
                      <Table.Td fw={700}>{row.rank}</Table.Td>
                      <Table.Td className="loa-break">{row.unitName}</Table.Td>
                      {s.criteria.map((c, i) => (
                        <Table.Td key={c.id}>
                          <CellButton cell={row.cells[i]} criterion={c} row={row} onOpen={setOpen} />
                        </Table.Td>
                      ))}
                      <Table.Td fw={700}>{formatPoints(row.total)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      ) : null}
      <Modal opened={!!open} onClose={() => setOpen(null)} title={open ? t('emu.evidenceTitle', { unit: open.row.unitName, criterion: open.criterion.label }) : ''} size="lg">
        {open ? (
          <Stack gap="xs">
            <Text size="sm">
              {t('emu.evidenceSummary', {
                value: formatValue(open.cell.value, open.criterion.kind),
                points: formatPoints(open.cell.points),
                weight: formatPoints(open.criterion.weight),
                target: formatPoints(open.criterion.target),
              })}
            </Text>
            {!open.cell.evidence.length ? <Text c="dimmed">{t('emu.noEvidence')}</Text> : null}
            <Stack gap={4} component="ul" style={{ margin: 0, paddingLeft: 18 }} aria-label={t('emu.evidence')}>
              {open.cell.evidence.map((e, i) => (
                <li key={`${e.url}-${i}`}>
                  <Group gap={6} wrap="wrap">
                    <Anchor component={Link} to={e.url.replace(/^\/admin/, '') as '/'} size="sm" className="loa-break" onClick={() => setOpen(null)}>
                      {e.label}
                    </Anchor>
                    {e.isMet === false ? (
                      <Badge size="xs" color="red" variant="light">
                        {t('emu.notMet')}
                      </Badge>
                    ) : null}
                  </Group>
                </li>
              ))}
            </Stack>
          </Stack>
        ) : null}
      </Modal>
    </>
  );
}
