import '@mantine/dropzone/styles.css';
import { useMemo, useRef, useState } from 'react';
import { Alert, Button, Divider, Group, Stack, Stepper, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck } from '@tabler/icons-react';
import type {
  ColumnMapping,
  ImportPreview,
  ImportResolution,
  ImportSummary,
} from '../../../src-shared/contract';
import { autoMapColumns } from '../../../src-shared/import/column-synonyms';
import { CsvRefusal } from '../../../src-shared/import/csv-bytes';
import { tableWithHeaderAt, type CsvTable } from '../../../src-shared/import/csv-table';
import { mappedFile } from './mapped-file';
import { readableMessage } from '../api';
import {
  fetchSavedMapping,
  saveMapping,
  useCommitImport,
  useImportHistory,
  usePreviewImport,
} from '../api/import';
import { formatCount } from '../format/time';
import { routeHref } from '../routing/hash-route';
import { BackLink } from '../shell/BackLink';
import { FileStep } from './FileStep';
import { ImportHistory } from './ImportHistory';
import { MappingStep } from './MappingStep';
import { parseCsvFile } from './parse-csv-file';
import { PreviewStep } from './PreviewStep';
import type { RowAnswer } from './suggestions';

type Wizard =
  | {
      step: 'file';
      parsing: { fileName: string; fraction: number; rows: number } | null;
      refusal: string | null;
    }
  | {
      step: 'map';
      fileName: string;
      table: CsvTable;
      mapping: ColumnMapping;
      /** Why the header row last chosen could not be used (no rows under it). */
      headerProblem?: string;
    }
  | {
      step: 'preview';
      fileName: string;
      table: CsvTable;
      mapping: ColumnMapping;
      preview: ImportPreview;
      excluded: Set<number>;
      /** Shared emails resolved: row index → the QuickBooks client chosen, or null for a new client. */
      resolutions: Map<number, number | null>;
    }
  | { step: 'done'; fileName: string; summary: ImportSummary };

// Past the last step once imported, so all four show as done.
const stepIndex = { file: 0, map: 1, preview: 2, done: 4 } as const;

/** Clients → Import: file, columns, preview, import; the history with undo below. */
export function ImportPage() {
  const [wizard, setWizard] = useState<Wizard>({ step: 'file', parsing: null, refusal: null });
  const previewImport = usePreviewImport();
  const commit = useCommitImport();

  async function readFile(file: File) {
    setWizard({
      step: 'file',
      parsing: { fileName: file.name, fraction: 0, rows: 0 },
      refusal: null,
    });
    const outcome = await parseCsvFile(file, (progress) =>
      setWizard({ step: 'file', parsing: { fileName: file.name, ...progress }, refusal: null }),
    );
    if (!outcome.ok) {
      setWizard({ step: 'file', parsing: null, refusal: outcome.message });
      return;
    }
    const { table } = outcome;
    // A mapping chosen before for the same columns wins over the guess.
    const saved = await fetchSavedMapping(table.columns).catch(() => null);
    setWizard({
      step: 'map',
      fileName: file.name,
      table,
      mapping: saved ?? autoMapColumns(table.columns),
    });
  }

  /** Another row chosen as the header: the columns change, so they are mapped again. */
  async function chooseHeaderRow(state: Extract<Wizard, { step: 'map' }>, headerRow: number) {
    let table: CsvTable;
    try {
      table = tableWithHeaderAt(state.table, headerRow);
    } catch (error) {
      if (!(error instanceof CsvRefusal)) throw error;
      setWizard({ ...state, headerProblem: error.message });
      return;
    }
    const guess = autoMapColumns(table.columns);
    setWizard({ ...state, table, mapping: guess, headerProblem: undefined });
    const saved = await fetchSavedMapping(table.columns).catch(() => null);
    if (saved)
      setWizard((current) =>
        current.step === 'map' && current.table === table
          ? { ...current, mapping: saved }
          : current,
      );
  }

  function runPreview(state: Extract<Wizard, { step: 'map' }>) {
    void saveMapping(state.table.columns, state.mapping).catch(() => undefined);
    previewImport.mutate(mappedFile(state.table, state.mapping), {
      onSuccess: (preview) =>
        setWizard({
          ...state,
          step: 'preview',
          preview,
          excluded: new Set(),
          resolutions: new Map(),
        }),
    });
  }

  /** Shared emails resolved in the preview: classified again at once, the choices carried to the commit. */
  function resolveRows(state: Extract<Wizard, { step: 'preview' }>, answers: readonly RowAnswer[]) {
    const resolutions = new Map(state.resolutions);
    for (const [index, clientId] of answers) resolutions.set(index, clientId);
    setWizard({ ...state, resolutions });
    previewImport.mutate(
      {
        ...mappedFile(state.table, state.mapping),
        excluded: [...state.excluded],
        resolutions: resolutionList(resolutions),
      },
      {
        onSuccess: (preview) =>
          setWizard((current) =>
            current.step === 'preview' && current.resolutions === resolutions
              ? { ...current, preview }
              : current,
          ),
      },
    );
  }

  /**
   * Unticking a row can change the rows after it (a repeat of an unticked row is
   * no longer a repeat), so the preview is classified again, a moment after the last click.
   */
  const reclassifyTimer = useRef<number | undefined>(undefined);
  function toggleRow(state: Extract<Wizard, { step: 'preview' }>, index: number) {
    const excluded = new Set(state.excluded);
    if (!excluded.delete(index)) excluded.add(index);
    setWizard({ ...state, excluded });
    window.clearTimeout(reclassifyTimer.current);
    reclassifyTimer.current = window.setTimeout(() => {
      previewImport.mutate(
        {
          ...mappedFile(state.table, state.mapping),
          excluded: [...excluded],
          resolutions: resolutionList(state.resolutions),
        },
        {
          onSuccess: (preview) =>
            setWizard((current) =>
              current.step === 'preview' &&
              current.excluded === excluded &&
              current.resolutions === state.resolutions
                ? { ...current, preview }
                : current,
            ),
        },
      );
    }, 300);
  }

  function runImport(state: Extract<Wizard, { step: 'preview' }>) {
    commit.mutate(
      {
        ...mappedFile(state.table, state.mapping),
        fileName: state.fileName,
        excluded: [...state.excluded],
        resolutions: resolutionList(state.resolutions),
      },
      { onSuccess: (summary) => setWizard({ step: 'done', fileName: state.fileName, summary }) },
    );
  }

  const emails = useMemo(() => {
    if (wizard.step !== 'preview') return [];
    const column = wizard.mapping.indexOf('email');
    return wizard.table.rows.map((row) => (column === -1 ? '' : (row[column] ?? '').trim()));
  }, [wizard]);

  const error = previewImport.error ?? commit.error;
  // Undone from the history below: the summary above must not still say "Imported".
  const history = useImportHistory();
  const undone =
    wizard.step === 'done' &&
    (history.data ?? []).some((b) => b.id === wizard.summary.batchId && b.undoneAt !== null);
  return (
    <Stack
      gap="md"
      mih="calc(100dvh - var(--app-shell-header-height) - 2 * var(--mantine-spacing-md))"
    >
      <Group justify="space-between" align="flex-end">
        <div>
          <BackLink to={{ page: 'clients' }} label="Back to clients" />
          <Title order={2}>Import clients</Title>
          <Text size="sm" c="dimmed">
            Rows whose email matches a QuickBooks customer are linked to it, never duplicated.
          </Text>
        </div>
      </Group>
      <Stepper active={stepIndex[wizard.step]} size="sm" allowNextStepsSelect={false}>
        <Stepper.Step label="File" description="Choose or drop a CSV" />
        <Stepper.Step label="Columns" description="Map to client fields" />
        <Stepper.Step label="Preview" description="Green, blue, red" />
        <Stepper.Step label="Import" description="Summary" />
      </Stepper>
      {error && (
        <Alert
          color="red"
          icon={<IconAlertCircle aria-hidden />}
          title="Nothing was imported"
          role="alert"
        >
          {readableMessage(error)}
        </Alert>
      )}
      {wizard.step === 'file' && (
        <FileStep
          onFile={(f) => void readFile(f)}
          parsing={wizard.parsing}
          refusal={wizard.refusal}
        />
      )}
      {wizard.step === 'map' && (
        <MappingStep
          fileName={wizard.fileName}
          table={wizard.table}
          mapping={wizard.mapping}
          onChange={(mapping) => setWizard({ ...wizard, mapping })}
          onHeaderRow={(row) => void chooseHeaderRow(wizard, row)}
          headerProblem={wizard.headerProblem ?? null}
          onBack={() => setWizard({ step: 'file', parsing: null, refusal: null })}
          onNext={() => runPreview(wizard)}
          busy={previewImport.isPending}
        />
      )}
      {wizard.step === 'preview' && (
        <PreviewStep
          preview={wizard.preview}
          emails={emails}
          excluded={wizard.excluded}
          onToggle={(index) => toggleRow(wizard, index)}
          rowNumbers={wizard.table.rowNumbers}
          onResolve={(answers) => resolveRows(wizard, answers)}
          onBack={() =>
            setWizard({
              step: 'map',
              fileName: wizard.fileName,
              table: wizard.table,
              mapping: wizard.mapping,
            })
          }
          onImport={() => runImport(wizard)}
          importing={commit.isPending}
        />
      )}
      {wizard.step === 'done' && undone && (
        <Alert color="gray" title={`The import of ${wizard.fileName} was undone`} role="status">
          <Text size="sm">
            See the import history below for what was removed and what was kept.
          </Text>
          <Button
            mt="sm"
            size="xs"
            variant="default"
            onClick={() => setWizard({ step: 'file', parsing: null, refusal: null })}
          >
            Import another file
          </Button>
        </Alert>
      )}
      {wizard.step === 'done' && !undone && (
        <Alert
          color="green"
          icon={<IconCircleCheck aria-hidden />}
          title={`Imported ${wizard.fileName}`}
          role="status"
          data-testid="import-summary"
        >
          <Text size="sm">
            Linked {formatCount(wizard.summary.linked, 'QuickBooks client', 'QuickBooks clients')},
            created {formatCount(wizard.summary.created, 'manual client', 'manual clients')},
            skipped {formatCount(wizard.summary.skipped + wizard.summary.excluded, 'row', 'rows')}.
            Added {formatCount(wizard.summary.horsesLinked, 'horse link', 'horse links')} (
            {formatCount(wizard.summary.horsesCreated, 'new horse', 'new horses')}) and{' '}
            {formatCount(wizard.summary.notesAdded, 'note', 'notes')}.
          </Text>
          <Group mt="sm">
            <Button component="a" href={routeHref({ page: 'clients' })} size="xs">
              View clients
            </Button>
            <Button
              size="xs"
              variant="default"
              onClick={() => setWizard({ step: 'file', parsing: null, refusal: null })}
            >
              Import another file
            </Button>
          </Group>
        </Alert>
      )}
      <Divider />
      <ImportHistory />
    </Stack>
  );
}

function resolutionList(resolutions: ReadonlyMap<number, number | null>): ImportResolution[] {
  return [...resolutions].map(([index, clientId]) => ({ index, clientId }));
}
