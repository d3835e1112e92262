import { useId, useMemo, useState } from 'react';
import {
  ActionIcon,
  Badge,
  Button,
  Collapse,
  Group,
  SegmentedControl,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useDisclosure } from '@mantine/hooks';
import type { ImportColor, ImportPreview } from '../../../src-shared/contract';
import { importColors } from './import-colors';
import { PreviewTable } from './PreviewTable';
import { suggestedAnswers, type RowAnswer } from './suggestions';

type Filter = 'all' | ImportColor;

interface PreviewStepProps {
  preview: ImportPreview;
  emails: readonly string[];
  rowNumbers: readonly number[];
  excluded: ReadonlySet<number>;
  onToggle: (index: number) => void;
  onResolve: (answers: readonly RowAnswer[]) => void;
  onBack: () => void;
  onImport: () => void;
  importing: boolean;
}

/** Step 3: every row's color and reason, a filter by color, and rows to leave out. */
export function PreviewStep({
  preview,
  emails,
  rowNumbers,
  excluded,
  onToggle,
  onResolve,
  onBack,
  onImport,
  importing,
}: PreviewStepProps) {
  const [filter, setFilter] = useState<Filter>('all');
  const [meaningsShown, meanings] = useDisclosure(false);
  const meaningsId = useId();
  const visible = useMemo(() => {
    const indexes: number[] = [];
    preview.rows.forEach((row, i) => {
      if (filter === 'all' || row.color === filter) indexes.push(i);
    });
    return indexes;
  }, [preview.rows, filter]);

  const willImport = useMemo(() => {
    const counts = { green: 0, blue: 0, amber: 0 };
    for (const row of preview.rows) {
      if (row.color !== 'red' && !excluded.has(row.index)) counts[row.color]++;
    }
    return counts;
  }, [preview.rows, excluded]);
  // Amber rows whose name is one customer's very name: confirmed together with one click, never unasked.
  const suggestions = useMemo(
    () => suggestedAnswers(preview.rows, excluded),
    [preview.rows, excluded],
  );
  // A row several QuickBooks customers could be waits for a choice; the legend shows it only then.
  const colors: ImportColor[] =
    preview.counts.amber > 0 ? ['amber', 'green', 'blue', 'red'] : ['green', 'blue', 'red'];

  return (
    <Stack gap="sm" style={{ flex: 1, minHeight: 0 }}>
      {/* One line of counts, the guide's full wording one click away: at 1024 × 720 the whole
          legend took four lines and pushed the Import button below the window. */}
      <Group gap="md" style={{ rowGap: 4 }} aria-label="Legend" data-testid="import-legend">
        {colors.map((color) => (
          <Group key={color} gap={6} wrap="nowrap">
            <Badge
              color={importColors[color].color}
              variant="filled"
              data-testid={`count-${color}`}
            >
              {preview.counts[color].toLocaleString('en-US')}
            </Badge>
            <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
              <b>{importColors[color].label}</b> {importColors[color].short}
            </Text>
          </Group>
        ))}
        <Tooltip label={meaningsShown ? 'Hide what the colors mean' : 'What the colors mean'}>
          <ActionIcon
            variant="subtle"
            size="sm"
            onClick={meanings.toggle}
            aria-label={meaningsShown ? 'Hide what the colors mean' : 'What the colors mean'}
            aria-expanded={meaningsShown}
            aria-controls={meaningsId}
          >
            <IconInfoCircle size={16} aria-hidden />
          </ActionIcon>
        </Tooltip>
      </Group>
      <Collapse expanded={meaningsShown} id={meaningsId}>
        <Stack gap={2}>
          {colors.map((color) => (
            <Text key={color} size="sm">
              <b>{importColors[color].label}</b>: {importColors[color].meaning}
            </Text>
          ))}
        </Stack>
      </Collapse>
      <SegmentedControl
        aria-label="Show rows"
        value={filter}
        onChange={(value) => setFilter(value as Filter)}
        data={[
          { value: 'all', label: `All (${preview.rows.length.toLocaleString('en-US')})` },
          ...colors.map((color) => ({
            value: color,
            label: `${importColors[color].label} (${preview.counts[color].toLocaleString('en-US')})`,
          })),
        ]}
        w="fit-content"
      />
      {suggestions.length > 1 && (
        <Group gap="sm">
          <Button size="xs" variant="light" color="orange" onClick={() => onResolve(suggestions)}>
            Use suggestions for all {suggestions.length.toLocaleString('en-US')} rows
          </Button>
          <Text size="sm" c="dimmed">
            Each links to the customer with its very name; still changeable.
          </Text>
        </Group>
      )}
      <PreviewTable
        rows={preview.rows}
        visible={visible}
        emails={emails}
        rowNumbers={rowNumbers}
        excluded={excluded}
        onToggle={onToggle}
        onResolve={onResolve}
      />
      {/* One row: the plan wraps beside the buttons rather than pushing Import onto a line of its own. */}
      <Group justify="space-between" wrap="nowrap">
        <Button variant="default" onClick={onBack} style={{ flexShrink: 0 }}>
          Back to columns
        </Button>
        <Group gap="md" wrap="nowrap" style={{ minWidth: 0 }}>
          <Text
            size="sm"
            ta="right"
            c={willImport.amber > 0 ? 'orange' : 'dimmed'}
            data-testid="import-plan"
          >
            {willImport.amber > 0
              ? `Choose a QuickBooks customer (or a new client) for ${willImport.amber.toLocaleString('en-US')} ${willImport.amber === 1 ? 'row' : 'rows'} with a shared email, or untick ${willImport.amber === 1 ? 'it' : 'them'}`
              : `Will link ${willImport.green.toLocaleString('en-US')} QuickBooks clients and create ${willImport.blue.toLocaleString('en-US')} manual clients`}
            {excluded.size > 0 ? ` (${excluded.size.toLocaleString('en-US')} rows left out)` : ''}
          </Text>
          <Button
            onClick={onImport}
            style={{ flexShrink: 0 }}
            loading={importing}
            disabled={willImport.amber > 0 || willImport.green + willImport.blue === 0}
          >
            Import
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
