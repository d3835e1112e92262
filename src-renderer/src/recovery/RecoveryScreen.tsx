import { useState } from 'react';
import {
  Alert,
  Button,
  Code,
  Container,
  Group,
  Paper,
  Spoiler,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { AppStatus } from '../../../src-shared/contract';
import { readableMessage } from '../api';
import { useRecoveryChoice } from '../api/backups';
import { formatDateTime } from '../format/time';
import { backupKindPhrases, describeCounts } from '../settings/backup-words';
import { ConfirmDialog } from '../shell/ConfirmDialog';

type Recovery = Extract<AppStatus, { state: 'recovery' }>;

/**
 * Shown instead of the app when the client database could not be opened at
 * start: what happened, and the two ways on. Neither deletes the old file.
 */
export function RecoveryScreen({ status }: { status: Recovery }) {
  const choose = useRecoveryChoice();
  const [confirmNew, setConfirmNew] = useState(false);
  // Settings live in the file that could not be opened: times are in this computer's zone.
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const backup = status.newestGoodBackup;

  return (
    <Container size="sm" py="xl">
      <Stack gap="md">
        <Title order={1} size="h2">
          Your client list could not be opened
        </Title>
        <Alert
          color="orange"
          icon={<IconAlertTriangle aria-hidden />}
          title="What happened"
          data-testid="recovery-problem"
        >
          <Stack gap="xs">
            <Text size="sm">{status.problem.message}</Text>
            <Text size="sm">
              The file: <Code>{status.problem.file}</Code>
            </Text>
            {status.problem.detail && (
              <Spoiler maxHeight={0} showLabel="Details for support" hideLabel="Hide details">
                <Code block>{status.problem.detail}</Code>
              </Spoiler>
            )}
          </Stack>
        </Alert>
        {choose.isError && (
          <Alert color="red" role="alert" title="That did not work">
            {readableMessage(choose.error)}
          </Alert>
        )}

        <Paper withBorder p="md" component="section" aria-labelledby="recovery-restore">
          <Stack gap="xs">
            <Title order={2} size="h4" id="recovery-restore">
              Restore the newest good backup
            </Title>
            {backup && backup.counts ? (
              <>
                <Text size="sm" data-testid="recovery-backup">
                  The backup of <strong>{formatDateTime(backup.takenAt, timeZone)}</strong> (
                  {backupKindPhrases[backup.kind]}) with {describeCounts(backup.counts)}. Changes
                  made after it are not in it.
                </Text>
                <Group>
                  <Button
                    onClick={() => choose.mutate({ action: 'restore', name: backup.name })}
                    loading={choose.isPending && choose.variables?.action === 'restore'}
                    disabled={choose.isPending}
                  >
                    Restore this backup
                  </Button>
                </Group>
              </>
            ) : (
              <Text size="sm">No backup that opens cleanly was found in the backups folder.</Text>
            )}
          </Stack>
        </Paper>

        <Paper withBorder p="md" component="section" aria-labelledby="recovery-new">
          <Stack gap="xs">
            <Title order={2} size="h4" id="recovery-new">
              Start a new empty file
            </Title>
            <Text size="sm">
              EquineOps starts with an empty client list. The current file is moved to the backups
              folder under a new name and kept: support may still recover data from it.
            </Text>
            <Group>
              <Button
                variant="default"
                onClick={() => setConfirmNew(true)}
                disabled={choose.isPending}
              >
                Start a new empty file
              </Button>
            </Group>
          </Stack>
        </Paper>

        <Group>
          <Button
            variant="subtle"
            onClick={() => choose.mutate({ action: 'retry' })}
            loading={choose.isPending && choose.variables?.action === 'retry'}
            disabled={choose.isPending}
          >
            Try again
          </Button>
          <Text size="xs" c="dimmed">
            After closing another program that uses the file, or fixing its permissions.
          </Text>
        </Group>
      </Stack>
      <ConfirmDialog
        opened={confirmNew}
        title="Start a new empty file?"
        confirmLabel="Start empty"
        confirmColor="orange"
        loading={choose.isPending}
        onCancel={() => setConfirmNew(false)}
        onConfirm={() =>
          choose.mutate({ action: 'new' }, { onSettled: () => setConfirmNew(false) })
        }
      >
        The client list will be empty. The current file is kept in the backups folder; nothing is
        deleted.
      </ConfirmDialog>
    </Container>
  );
}
