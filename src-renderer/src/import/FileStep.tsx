import { Alert, Group, Progress, Stack, Text } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { IconAlertCircle, IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { describeSizeLimit } from '../../../src-shared/import/csv-bytes';

interface FileStepProps {
  onFile: (file: File) => void;
  parsing: { fileName: string; fraction: number; rows: number } | null;
  refusal: string | null;
}

/** Step 1: drop a file anywhere on the window or on the zone, or pick one. */
export function FileStep({ onFile, parsing, refusal }: FileStepProps) {
  const onDrop = (files: File[]) => {
    const file = files[0];
    if (file) onFile(file);
  };
  return (
    <Stack gap="md">
      <Dropzone
        onDrop={onDrop}
        multiple={false}
        useFsAccessApi={false}
        loading={parsing !== null}
        inputProps={
          { 'aria-label': 'Choose a CSV file' } as React.InputHTMLAttributes<HTMLInputElement>
        }
        data-testid="import-dropzone"
      >
        <Group justify="center" gap="xl" mih={160} style={{ pointerEvents: 'none' }}>
          <Dropzone.Accept>
            <IconUpload size={48} aria-hidden />
          </Dropzone.Accept>
          <Dropzone.Idle>
            <IconFileSpreadsheet size={48} aria-hidden />
          </Dropzone.Idle>
          <div>
            <Text size="lg">Drag a CSV file here, or click to choose one</Text>
            <Text size="sm" c="dimmed" mt={4}>
              Comma, semicolon or tab separated; UTF-8, UTF-16 or Windows (Excel) encoding; up to{' '}
              {describeSizeLimit()}. Excel workbooks: save as "CSV UTF-8" first.
            </Text>
          </div>
        </Group>
      </Dropzone>
      {/* Dropping anywhere on the window works too. */}
      <Dropzone.FullScreen onDrop={onDrop} multiple={false} active={parsing === null}>
        <Group justify="center" mih="100%">
          <Text size="xl">Drop the CSV file to import it</Text>
        </Group>
      </Dropzone.FullScreen>
      {parsing && (
        <Stack gap={4} aria-live="polite">
          <Text size="sm">
            Reading {parsing.fileName}… {parsing.rows.toLocaleString('en-US')} rows
          </Text>
          <Progress value={parsing.fraction * 100} aria-label="Reading the file" />
        </Stack>
      )}
      {refusal && (
        <Alert
          color="red"
          icon={<IconAlertCircle aria-hidden />}
          title="This file cannot be imported"
          role="alert"
        >
          {refusal} Nothing was changed.
        </Alert>
      )}
    </Stack>
  );
}
