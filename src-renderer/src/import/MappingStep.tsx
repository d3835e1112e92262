import { Alert, Badge, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { importFields, type ColumnMapping, type ImportField } from '../../../src-shared/contract';
import { importFieldLabels, mappingHasName } from '../../../src-shared/import/column-synonyms';
import { HEADER_SEARCH_LINES, type CsvTable } from '../../../src-shared/import/csv-table';
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
  /** Another line chosen as the header (an index into table.lines), or -1 for none. */
  onHeaderRow: (headerRow: number) => void;
  headerProblem: string | null;
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
  onHeaderRow,
  headerProblem,
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
        {table.lineEnding} line endings
      </Text>
      <HeaderRowPicker table={table} onHeaderRow={onHeaderRow} />
      {table.overlongRows.length > 0 && (
        <Alert
          color="yellow"
          icon={<IconAlertTriangle aria-hidden />}
          title={overlongTitle(table.overlongRows.length)}
          data-testid="overlong-rows"
        >
          {overlongRowList(table.overlongRows)} {table.overlongRows.length === 1 ? 'has' : 'have'}{' '}
          more cells than there are columns, so the last ones are not imported. A comma inside a
          name or note that is not in quotes does this: fix the file and choose it again, or go on
          without those cells.
        </Alert>
      )}
      {headerProblem && (
        <Alert
          color="red"
          icon={<IconAlertTriangle aria-hidden />}
          title="That row cannot be the header"
        >
          {headerProblem}
        </Alert>
      )}
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

function overlongTitle(count: number): string {
  return count === 1
    ? '1 row has cells past the last column'
    : `${count.toLocaleString('en-US')} rows have cells past the last column`;
}

/** "Row 7", "Rows 7, 9 and 12", "Rows 7, 9, 12, 15, 20 and 3 more". */
function overlongRowList(numbers: readonly number[]): string {
  if (numbers.length === 1) return `Row ${numbers[0]}`;
  const shown = numbers.slice(0, 5);
  const more = numbers.length - shown.length;
  if (more > 0) return `Rows ${shown.join(', ')} and ${more.toLocaleString('en-US')} more`;
  return `Rows ${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

const NO_HEADER = 'none';

/** Line N as the picker shows it: its first cells, enough to recognise it. */
function lineSummary(line: readonly string[]): string {
  const text = line
    .map((cell) => cell.trim())
    .filter(Boolean)
    .join(' · ');
  return text.length > 70 ? `${text.slice(0, 69)}…` : text;
}

/**
 * "Header on row N": found by itself (a QuickBooks report's title lines are
 * passed over) and changeable, with what is left out said plainly.
 */
function HeaderRowPicker({
  table,
  onHeaderRow,
}: {
  table: CsvTable;
  onHeaderRow: (headerRow: number) => void;
}) {
  // Rows are named by their number in the file, as Excel shows them: blank lines count.
  const offered = table.lines.slice(0, HEADER_SEARCH_LINES).map((line, i) => ({
    value: String(i),
    label: `Row ${table.lineNumbers[i]}: ${lineSummary(line)}`,
  }));
  return (
    <Group gap="sm" align="center" wrap="wrap" data-testid="header-row">
      <Text size="sm" fw={600}>
        {table.hasHeader ? `Header on row ${table.lineNumbers[table.headerRow]}` : 'No header row'}
      </Text>
      <Select
        aria-label="Header row"
        size="xs"
        w={420}
        data={[{ value: NO_HEADER, label: 'No header row: the first row is a client' }, ...offered]}
        value={table.hasHeader ? String(table.headerRow) : NO_HEADER}
        onChange={(value) => {
          if (value !== null) onHeaderRow(value === NO_HEADER ? -1 : Number(value));
        }}
        allowDeselect={false}
      />
      {table.skippedLines > 0 && (
        <Text size="sm" c="dimmed" data-testid="skipped-lines">
          {table.skippedLines === 1
            ? '1 line above the header or below the clients (a title, a total, a date) is not imported'
            : `${table.skippedLines.toLocaleString('en-US')} lines above the header or below the clients (titles, totals, dates) are not imported`}
        </Text>
      )}
    </Group>
  );
}
