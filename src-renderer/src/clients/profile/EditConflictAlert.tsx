import { Alert, Button, Stack, Text, type MantineSpacing } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';

/**
 * A save refused because someone else saved first: who and when (the
 * message), with the typed values still in the form. "Reload" puts their
 * version in the form; nothing is ever written over theirs unseen.
 */
export function EditConflictAlert({
  message,
  onReload,
  reloading,
  mt,
}: {
  message: string;
  onReload: () => void;
  reloading: boolean;
  /** Shown beside the Save button that was pressed, so it is seen where the eyes are. */
  mt?: MantineSpacing;
}) {
  return (
    <Alert
      color="orange"
      icon={<IconAlertTriangle aria-hidden />}
      title="Not saved"
      role="alert"
      data-testid="edit-conflict"
      mt={mt}
    >
      {/* The button under the sentence: beside it, the narrow Preferences column squeezed it. */}
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{message}</Text>
        <Button size="xs" variant="white" color="orange" onClick={onReload} loading={reloading}>
          Reload
        </Button>
      </Stack>
    </Alert>
  );
}
