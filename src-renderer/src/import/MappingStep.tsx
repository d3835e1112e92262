import { Alert, Badge, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { importFields, type ColumnMapping, type ImportField } from '../../../src-shared/contract';
import { importFieldLabels, mappingHasName } from '../../../src-shared/import/column-synonyms';
import type { CsvTable } from '../../../src-shared/import/csv-table';
import { describeEncoding } from '../../../src-shared/import/csv-bytes';

const DONT_IMPORT = '';
const options = [
  { value: DONT_IMPORT, label: "Don't import" },
  ...importFields.map((field) => ({ value: field, label: importFieldLabels[field] })),
];
const delimiterNames: Record<string, string> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
};

interface MappingStepProps {
  fileName: string;
  table: CsvTable;
  mapping: ColumnMapping;
  onChange: (mapping: ColumnMapping) => void;
  onBack: () => void;
  onNext: () => void;
  busy: boolean;
}

/** Step 2: a field per CSV column, auto-mapped and adjustable; Name is required. */
export function MappingStep({
  fileName,
  table,
  mapping,
  onChange,
  onBack,
  onNext,
  busy,
}: MappingStepProps) {
  const hasName = mappingHasName(mapping);
  const hasEmail = mapping.includes('email');

  function choose(column: number, value: string | null) {
    const field = value ? (value as ImportField) : null;
    // A field feeds from one column: choosing it here frees it elsewhere.
    onChange(
      mapping.map((current, i) => (i === column ? field : current === field ? null : current)),
    );
  }

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" data-testid="file-facts">
        {fileName}: {table.rows.length.toLocaleString('en-US')} rows ·{' '}
        {describeEncoding(table.encoding)} · {delimiterNames[table.delimiter]} separated ·{' '}
        {table.lineEnding} line endings ·{' '}
        {table.hasHeader ? 'first row is the header' : 'no header row'}
      </Text>
      {!hasName && (
        <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title="Name is required">
          Choose the column with the client name, or the First name and Last name columns.
        </Alert>
      )}
      {hasName && !hasEmail && (
        <Alert color="yellow" icon={<IconAlertTriangle aria-hidden />} title="No email column">
          Email is how rows are matched to QuickBooks clients. Without it, rows are matched by exact
          name only.
        </Alert>
      )}
      <Table striped withTableBorder aria-label="Column mapping">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>CSV column</Table.Th>
            <Table.Th>Example values</Table.Th>
            <Table.Th>Import as</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {table.columns.map((column, i) => (
            <Table.Tr key={`${i}-${column}`}>
              <Table.Td fw={600}>{column}</Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed" lineClamp={1} maw={360}>
                  {table.rows
                    .slice(0, 3)
                    .map((r) => r[i] ?? '')
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Select
                    aria-label={`Import ${column} as`}
                    data={options}
                    value={mapping[i] ?? DONT_IMPORT}
                    onChange={(value) => choose(i, value)}
                    allowDeselect={false}
                    w={200}
                  />
                  {mapping[i] === 'email' && (
                    <Badge color="orange" variant="light">
                      Critical for matching
                    </Badge>
                  )}
                  {(mapping[i] === 'name' ||
                    mapping[i] === 'firstName' ||
                    mapping[i] === 'lastName') && <Badge variant="light">Required</Badge>}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group justify="space-between">
        <Button variant="default" onClick={onBack}>
          Choose another file
        </Button>
        <Button onClick={onNext} disabled={!hasName} loading={busy}>
          Preview
        </Button>
      </Group>
    </Stack>
  );
}
