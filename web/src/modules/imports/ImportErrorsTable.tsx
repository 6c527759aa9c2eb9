import { Table } from '@mantine/core';
import type { ImportRowError } from '../../api/types';
import { t } from '../../i18n';

/** One line per problem: row number, column and the Vietnamese explanation. */
export function ImportErrorsTable({ errors }: { errors: ImportRowError[] }) {
  return (
    <Table.ScrollContainer minWidth={420} maxHeight={360}>
      <Table striped withTableBorder aria-label={t('imports.errorsTable')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>{t('imports.row')}</Table.Th>
            <Table.Th w={120}>{t('imports.column')}</Table.Th>
            <Table.Th>{t('imports.error')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {errors.map((e, i) => (
            <Table.Tr key={`${e.row}-${e.field}-${i}`}>
              <Table.Td>{e.row}</Table.Td>
              <Table.Td>{e.field}</Table.Td>
              <Table.Td>{e.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
