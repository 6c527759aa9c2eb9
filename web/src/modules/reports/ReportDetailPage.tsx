import { Alert, Anchor, Button, Card, Group, List, Loader, Modal, Progress, ScrollArea, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { IconArrowBack, IconArrowBackUp, IconArrowLeft, IconCheck, IconDownload, IconRefresh, IconSend } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { type Report, type ReportMove, type ReportSection, reportsApi } from '../../api/reports';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate, formatDateTime } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { useIsMobile } from '../../ui/useMobile';
import { PunctualityBadge, ReportStatusBadge } from './ReportsPage';
import { reportKey, reportKindLabel, reportsKey } from './labels';

const roman = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
const wrapping = { h: 'auto', mih: 36, py: 6, styles: { label: { whiteSpace: 'normal' as const, lineHeight: 1.3 } } };

function BackToReports() {
  return (
    <Anchor component={Link} to="/bao-cao" size="sm" style={{ alignSelf: 'flex-start' }}>
      <Group gap={4} wrap="nowrap">
        <IconArrowLeft size={16} />
        {t('rp.back')}
      </Group>
    </Anchor>
  );
}

/** One report: progress while its numbers are drawn, its sections (numbers + editable text), sign-off, exports, submission. */
export function ReportDetailPage({ id }: { id: number }) {
  const one = useQuery({
    queryKey: reportKey(id),
    queryFn: () => reportsApi.get(id),
    refetchInterval: (q) => (q.state.data?.status === 'generating' && !q.state.data.generationError ? 1000 : false),
  });
  if (one.isPending) return <Loader aria-label={t('common.loading')} />;
  if (one.isError) {
    return (
      <Stack gap="sm">
        <BackToReports />
        <ErrorAlert error={one.error} />
      </Stack>
    );
  }
  const r = one.data;
  return (
    <Stack gap="sm" maw={1000}>
      <BackToReports />
      <Card withBorder padding="md">
        <Stack gap="sm">
          <Group gap="xs" wrap="wrap">
            <ReportStatusBadge r={r} />
            <PunctualityBadge r={r} />
          </Group>
          <Title order={2} fz={{ base: 'h4', sm: 'h3' }} className="loa-break">
            {t('rp.docTitle', { title: r.title })}
          </Title>
          <Meta r={r} />
          {r.recalledAt ? <RecallNote r={r} /> : null}
          {r.status === 'generating' ? <Generating r={r} /> : null}
          <Actions r={r} />
        </Stack>
      </Card>
      {r.status !== 'generating' ? <Sections key={`${r.id}-${r.version}`} r={r} /> : null}
    </Stack>
  );
}

function Meta({ r }: { r: Report }) {
  const rows: [string, string][] = [
    [t('rp.meta.kind'), reportKindLabel(r.kind)],
    [t('rp.meta.unit'), r.unitName],
    [t('rp.meta.period'), `${r.periodLabel} (${formatDate(r.periodStart)} – ${formatDate(r.periodEnd)})`],
    [t('rp.meta.due'), r.dueAt ? formatDateTime(r.dueAt) : t('rp.meta.noDue')],
  ];
  if (r.approvedAt) rows.push([t('rp.meta.approved'), `${r.approvedByName ?? '—'} · ${formatDateTime(r.approvedAt)}`]);
  if (r.submittedAt) rows.push([t('rp.meta.submitted'), `${r.submittedToUnitName ?? '—'} · ${formatDateTime(r.submittedAt)}`]);
  return (
    <Stack gap={2}>
      {rows.map(([k, v]) => (
        <Text key={k} size="sm" className="loa-break">
          <Text span c="dimmed" size="sm">
            {k}:{' '}
          </Text>
          {v}
        </Text>
      ))}
    </Stack>
  );
}

function Generating({ r }: { r: Report }) {
  const pct = r.progressTotal ? Math.round((r.progressDone / r.progressTotal) * 100) : 0;
  return (
    <Stack gap={4}>
      <Text size="sm" aria-live="polite">
        {t('rp.generating', { done: r.progressDone, total: r.progressTotal })}
      </Text>
      <Progress value={pct} aria-label={t('rp.progressLabel')} animated striped />
      {r.generationError ? (
        <Alert color="red" p="xs">
          {t('rp.generationFailed')}
        </Alert>
      ) : null}
    </Stack>
  );
}

const moveMessage: Record<ReportMove, () => string> = {
  regenerate: () => t('rp.done.regenerate'),
  approve: () => t('rp.done.approve'),
  reopen: () => t('rp.done.reopen'),
  submit: () => t('rp.done.submit'),
};

const downloadLabel = { docx: () => t('rp.download.docx'), xlsx: () => t('rp.download.xlsx'), pdf: () => t('rp.download.pdf') };

function Actions({ r }: { r: Report }) {
  const qc = useQueryClient();
  const [downloading, setDownloading] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [isRecalling, setRecalling] = useState(false);
  const move = useMutation({
    mutationFn: (action: ReportMove) => reportsApi.move(r.id, action),
    onSuccess: async (updated, action) => {
      notifySuccess(moveMessage[action]());
      qc.setQueryData(reportKey(r.id), updated);
      await qc.invalidateQueries({ queryKey: reportsKey });
    },
    onError: setError,
  });
  const download = async (format: 'docx' | 'xlsx' | 'pdf') => {
    setDownloading(format);
    setError(null);
    try {
      await reportsApi.exportFile(r.id, format);
    } catch (err) {
      setError(err);
    } finally {
      setDownloading(null);
    }
  };
  const c = r.can;
  return (
    <Stack gap="xs">
      <Group gap="xs">
        {c.approve ? (
          <Button {...wrapping} leftSection={<IconCheck size={16} />} color="teal" loading={move.isPending && move.variables === 'approve'} onClick={() => move.mutate('approve')}>
            {t('rp.approve')}
          </Button>
        ) : null}
        {c.submit ? (
          <Button {...wrapping} leftSection={<IconSend size={16} />} loading={move.isPending && move.variables === 'submit'} onClick={() => move.mutate('submit')}>
            {t('rp.submit')}
          </Button>
        ) : null}
        {c.reopen ? (
          <Button {...wrapping} variant="default" leftSection={<IconArrowBackUp size={16} />} loading={move.isPending && move.variables === 'reopen'} onClick={() => move.mutate('reopen')}>
            {t('rp.reopen')}
          </Button>
        ) : null}
        {c.recall ? (
          <Button {...wrapping} variant="default" leftSection={<IconArrowBack size={16} />} onClick={() => setRecalling(true)}>
            {t('rp.recall')}
          </Button>
        ) : null}
        {c.regenerate ? (
          <Button {...wrapping} variant="default" leftSection={<IconRefresh size={16} />} loading={move.isPending && move.variables === 'regenerate'} onClick={() => move.mutate('regenerate')}>
            {t('rp.regenerate')}
          </Button>
        ) : null}
      </Group>
      {r.status !== 'generating' ? (
        <Group gap="xs">
          {(['docx', 'xlsx', 'pdf'] as const).map((f) => (
            <Button key={f} {...wrapping} variant="light" leftSection={<IconDownload size={16} />} loading={downloading === f} onClick={() => void download(f)}>
              {downloadLabel[f]()}
            </Button>
          ))}
        </Group>
      ) : null}
      {!c.approve && r.status === 'draft' ? (
        <Text size="xs" c="dimmed">
          {t('rp.leaderSigns')}
        </Text>
      ) : null}
      <ErrorAlert error={error} />
      {isRecalling ? <RecallDialog r={r} onClose={() => setRecalling(false)} /> : null}
    </Stack>
  );
}

/** The latest recall (thu hồi): when, by whom, why. */
function RecallNote({ r }: { r: Report }) {
  return (
    <Alert color="yellow" p="xs" className="loa-break">
      {t('rp.recalledNote', { at: formatDateTime(r.recalledAt!), by: r.recalledByName ? t('rp.recalledBy', { name: r.recalledByName }) : '', reason: r.recallReason ?? '—' })}
    </Alert>
  );
}

/** Asks for the reason, then recalls the submitted report back to draft. */
function RecallDialog({ r, onClose }: { r: Report; onClose: () => void }) {
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const [reason, setReason] = useState('');
  const recall = useMutation({
    mutationFn: () => reportsApi.recall(r.id, reason.trim()),
    onSuccess: async (updated) => {
      notifySuccess(t('rp.done.recall'));
      qc.setQueryData(reportKey(r.id), updated);
      await qc.invalidateQueries({ queryKey: reportsKey });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('rp.recallTitle')} closeButtonProps={{ 'aria-label': t('rp.recallClose') }} fullScreen={isMobile} centered size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim()) recall.mutate();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('rp.recallLead', { unit: r.submittedToUnitName ?? '—' })}</Text>
          <Textarea
            label={t('rp.recallReason')}
            description={t('rp.recallReasonHint')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            required
            maxLength={1000}
            autosize
            minRows={3}
            maxRows={8}
            data-autofocus
          />
          <ErrorAlert error={recall.error} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={recall.isPending} disabled={!reason.trim()}>
              {t('rp.recallConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function Sections({ r }: { r: Report }) {
  const qc = useQueryClient();
  const [texts, setTexts] = useState<Record<string, string>>(() => Object.fromEntries(r.sections.map((s) => [s.key, s.text])));
  useEffect(() => setTexts(Object.fromEntries(r.sections.map((s) => [s.key, s.text]))), [r.sections]);
  const isDirty = r.sections.some((s) => (texts[s.key] ?? '') !== s.text);
  const save = useMutation({
    mutationFn: () => reportsApi.update(r.id, { version: r.version, sections: r.sections.map((s) => ({ key: s.key, text: texts[s.key] ?? '' })) }),
    onSuccess: async (updated) => {
      notifySuccess(t('rp.saved'));
      qc.setQueryData(reportKey(r.id), updated);
      await qc.invalidateQueries({ queryKey: reportsKey });
    },
  });
  return (
    <Stack gap="sm">
      {r.sections.map((s, i) => (
        <SectionCard key={s.key} s={s} n={roman[i] ?? String(i + 1)} isEditable={r.can.edit} text={texts[s.key] ?? ''} onText={(v) => setTexts((x) => ({ ...x, [s.key]: v }))} />
      ))}
      {r.can.edit ? (
        <Group gap="xs" style={{ position: 'sticky', bottom: 8 }}>
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!isDirty}>
            {t('rp.save')}
          </Button>
          <ErrorAlert error={save.error} />
        </Group>
      ) : null}
    </Stack>
  );
}

function SectionCard({ s, n, isEditable, text, onText }: { s: ReportSection; n: string; isEditable: boolean; text: string; onText: (v: string) => void }) {
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={`rp-sec-${s.key}`}>
      <Stack gap="xs">
        <Title order={3} fz="h5" id={`rp-sec-${s.key}`} className="loa-break">
          {`${n}. ${s.title}`}
        </Title>
        {s.lines.length ? (
          <List size="sm" spacing={2} listStyleType="none" className="loa-break">
            {s.lines.map((l, i) => (
              <List.Item key={i}>{l}</List.Item>
            ))}
          </List>
        ) : null}
        {s.tables
          .filter((tb) => tb.rows.length)
          .map((tb) => (
            <Stack key={tb.key} gap={4}>
              <Text size="sm" fw={600}>
                {tb.title}
              </Text>
              <ScrollArea type="auto" offsetScrollbars>
                <Table striped withTableBorder fz="xs" miw={tb.columns.length * 110} aria-label={tb.title}>
                  <Table.Thead>
                    <Table.Tr>
                      {tb.columns.map((c) => (
                        <Table.Th key={c}>{c}</Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {tb.rows.slice(0, 100).map((row, ri) => (
                      <Table.Tr key={ri}>
                        {row.map((cell, ci) => (
                          <Table.Td key={ci}>{cell}</Table.Td>
                        ))}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea>
              {tb.rows.length > 100 ? (
                <Text size="xs" c="dimmed">
                  {t('rp.moreRows', { n: tb.rows.length - 100 })}
                </Text>
              ) : null}
            </Stack>
          ))}
        {isEditable ? (
          <Textarea label={t('rp.sectionText')} description={t('rp.sectionTextHint')} value={text} onChange={(e) => onText(e.currentTarget.value)} autosize minRows={3} maxRows={16} />
        ) : text ? (
          <Stack gap={4}>
            {text.split('\n').filter(Boolean).map((p, i) => (
              <Text key={i} size="sm" className="loa-break">
                {p}
              </Text>
            ))}
          </Stack>
        ) : null}
      </Stack>
    </Card>
  );
}
