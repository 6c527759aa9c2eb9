import { Table, Text } from '@mantine/core';
import { t } from '../../i18n';

function asRecord(v: unknown): Record<string, unknown> {
  if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  return v == null ? {} : { value: v };
}

function show(v: unknown): string {
  if (v === undefined || v === null || v === '') return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Field-by-field before/after; changed fields are highlighted and listed first. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const b = asRecord(before);
  const a = asRecord(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const rows = keys
    .map((k) => ({ key: k, before: show(b[k]), after: show(a[k]) }))
    .map((r) => ({ ...r, isChanged: before != null && after != null ? r.before !== r.after : true }))
    .sort((x, y) => Number(y.isChanged) - Number(x.isChanged));
  if (!rows.length) return <Text size="sm" c="dimmed">{t('audit.noDetails')}</Text>;
  return (
    <Table.ScrollContainer minWidth={320}>
      <Table withTableBorder fz="xs" aria-label={t('audit.diff')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audit.field')}</Table.Th>
            <Table.Th>{t('audit.before')}</Table.Th>
            <Table.Th>{t('audit.after')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key} className={r.isChanged ? 'loa-diff-changed' : undefined} data-changed={r.isChanged}>
              <Table.Td fw={r.isChanged ? 700 : undefined}>{r.key}</Table.Td>
              <Table.Td className="loa-break" c={r.isChanged ? 'red.8' : undefined}>
                {r.before}
              </Table.Td>
              <Table.Td className="loa-break" c={r.isChanged ? 'teal.8' : undefined}>
                {r.after}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
