import { useRef, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  NumberInput,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCopy, IconFolderOpen } from '@tabler/icons-react';
import {
  accessRetentionProblem,
  MAX_ACCESS_RETENTION_DAYS,
  MIN_ACCESS_RETENTION_DAYS,
  type BackupSummary,
  type DataOverview,
  type RestoreResult,
} from '../../../src-shared/contract';
import { formatFileSize } from '../../../src-shared/file-size';
import { readableMessage } from '../api';
import {
  useCreateBackup,
  useDataOverview,
  useOpenDataFolder,
  useRestoreBackup,
} from '../api/backups';
import { usePrivacySettings, useUpdatePrivacySettings } from '../api/documents';
import { useOrganizationTimeZone } from '../api/settings';
import { useDatabaseStatus } from '../api/database';
import { formatDateTime } from '../format/time';
import { ConfirmDialog } from '../shell/ConfirmDialog';
import { LoadError } from '../shell/LoadError';
import { useFocusFallback } from '../shell/focus-fallback';
import { backupKindLabels, backupKindPhrases, describeCounts } from './backup-words';
import { SharedDatabasePanel } from './SharedDatabasePanel';

/**
 * Settings → Data: where the client database lives (this computer's file or a
 * shared database), its backups, restoring one, one computer or several, and privacy.
 */
export function DataPage() {
  const overview = useDataOverview();
  const database = useDatabaseStatus();
  // On a shared database the file and its backups are not in use: the panel says where the data is.
  const onFile = database.data?.kind !== 'postgres';
  return (
    <Stack maw={960} gap="md">
      <Title order={2}>Data</Title>
      {overview.data ? (
        <>
          {onFile && <DataLocation overview={overview.data} />}
          {onFile && <BackupList backups={overview.data.backups} />}
          {database.data && <SharedDatabasePanel status={database.data} />}
          <PrivacyRetention />
        </>
      ) : overview.isError ? (
        <LoadError
          title="Backups could not be loaded"
          error={overview.error}
          onRetry={() => void overview.refetch()}
        />
      ) : (
        <Skeleton height={320} />
      )}
    </Stack>
  );
}

function DataLocation({ overview }: { overview: DataOverview }) {
  const openFolder = useOpenDataFolder();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="data-location-title">
      <Stack gap="xs">
        <Title order={3} size="h4" id="data-location-title">
          Where your data lives
        </Title>
        <Text size="sm">
          Clients, horses, notes and settings are kept in one file on this computer:
        </Text>
        <Code block data-testid="data-file-path">
          {overview.dataFile}
        </Code>
        <Text size="sm">
          Backups are kept beside it, in <Code>{overview.backupsFolder}</Code>.
        </Text>
        <Group gap="sm">
          {overview.canOpenFolder ? (
            <Button
              variant="default"
              leftSection={<IconFolderOpen size={16} aria-hidden />}
              loading={openFolder.isPending}
              onClick={() => openFolder.mutate()}
            >
              Open data folder
            </Button>
          ) : (
            <>
              <CopyButton value={overview.dataFolder}>
                {({ copied, copy }) => (
                  <Button
                    variant="default"
                    leftSection={<IconCopy size={16} aria-hidden />}
                    onClick={copy}
                  >
                    {copied ? 'Copied' : 'Copy folder path'}
                  </Button>
                )}
              </CopyButton>
              <Text size="xs" c="dimmed">
                A browser cannot open folders: paste the path into your file manager.
              </Text>
            </>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

function BackupList({ backups }: { backups: BackupSummary[] }) {
  const timeZone = useOrganizationTimeZone();
  const create = useCreateBackup();
  const restore = useRestoreBackup();
  const privacy = usePrivacySettings();
  const [confirming, setConfirming] = useState<BackupSummary | null>(null);
  // Erasures after the chosen backup was taken: restoring it brings those clients back.
  const erasedSince = confirming
    ? (privacy.data?.erasures ?? []).filter(
        (e) => new Date(e.at).getTime() > new Date(confirming.takenAt).getTime(),
      )
    : [];
  const [restored, setRestored] = useState<RestoreResult | null>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const armFocusFallback = useFocusFallback(titleRef);

  function backUpNow() {
    create.mutate(undefined, {
      onSuccess: (backup) =>
        notifications.show({
          color: 'teal',
          message: `Backed up: ${backup.counts ? describeCounts(backup.counts) : 'done'}`,
        }),
    });
  }

  function confirmRestore() {
    if (!confirming) return;
    restore.mutate(confirming.name, {
      onSuccess: (result) => {
        armFocusFallback();
        setRestored(result);
        setConfirming(null);
      },
    });
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="backups-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4" id="backups-title" ref={titleRef} tabIndex={-1}>
            Backups
          </Title>
          <Button onClick={backUpNow} loading={create.isPending}>
            Back up now
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          EquineOps copies the file every day and before each upgrade, import and merge. It keeps
          the last 7 days, one copy for each of the 4 weeks before, and the last 5 copies made
          before a change.
        </Text>
        {restored && (
          <Alert
            color="teal"
            title={`Restored the backup of ${formatDateTime(restored.restored.takenAt, timeZone)}`}
            withCloseButton
            onClose={() => setRestored(null)}
            role="status"
            data-testid="restore-done"
          >
            <Text size="sm">
              Every screen now shows the restored data. The file it replaced is kept in the backups
              folder as <Code>{restored.setAsideName}</Code>; restore it from this list to go back.
            </Text>
          </Alert>
        )}
        {backups.length === 0 ? (
          <Text size="sm" data-testid="backups-empty">
            No backups yet. The first daily copy is made shortly after EquineOps starts; choose
            “Back up now” to make one at once.
          </Text>
        ) : (
          <Table striped highlightOnHover data-testid="backups-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Date</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Contents</Table.Th>
                <Table.Th>Size</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {backups.map((backup) => (
                <Table.Tr key={backup.name} data-testid="backup-row">
                  <Table.Td>{formatDateTime(backup.takenAt, timeZone)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={backup.kind === 'set-aside' ? 'gray' : 'blue'}>
                      {backupKindLabels[backup.kind]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {backup.counts ? (
                      describeCounts(backup.counts)
                    ) : (
                      <Text size="sm" c="red">
                        Cannot be read
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{formatFileSize(backup.sizeBytes)}</Table.Td>
                  <Table.Td>
                    {backup.counts && (
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => {
                          restore.reset();
                          setConfirming(backup);
                        }}
                        aria-label={`Restore the backup of ${formatDateTime(backup.takenAt, timeZone)}`}
                      >
                        Restore…
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <ConfirmDialog
        opened={confirming !== null}
        title="Restore this backup?"
        confirmLabel="Restore"
        confirmColor="orange"
        loading={restore.isPending}
        onConfirm={confirmRestore}
        onCancel={() => setConfirming(null)}
      >
        {confirming && (
          <Stack gap="xs">
            <Text size="sm">
              The client database goes back to the backup of{' '}
              <strong>{formatDateTime(confirming.takenAt, timeZone)}</strong> (
              {backupKindPhrases[confirming.kind]}), with{' '}
              {confirming.counts ? describeCounts(confirming.counts) : 'its data'}.
            </Text>
            <Text size="sm">
              Changes made since then will not show. The current file is not deleted: it is kept in
              the backups folder, and you can restore it from this list.
            </Text>
            {erasedSince.length > 0 && (
              <Alert
                color="yellow"
                icon={<IconAlertCircle aria-hidden />}
                data-testid="restore-erasure-warning"
              >
                This backup was made before{' '}
                {erasedSince.length === 1
                  ? `a client was erased (on ${formatDateTime(erasedSince[0]!.at, timeZone)})`
                  : `${erasedSince.length} clients were erased`}
                . Restoring it brings {erasedSince.length === 1 ? 'that client' : 'those clients'}{' '}
                back, and the restored file does not list the erasure: erase{' '}
                {erasedSince.length === 1 ? 'the client' : 'them'} again afterwards.
              </Alert>
            )}
            {restore.isError && (
              <Alert color="red" icon={<IconAlertCircle aria-hidden />} role="alert">
                {readableMessage(restore.error)}
              </Alert>
            )}
          </Stack>
        )}
      </ConfirmDialog>
    </Paper>
  );
}

/**
 * How long the access log is kept, and what backups still hold about erased
 * clients: an erasure cannot reach into copies made before it.
 */
function PrivacyRetention() {
  const timeZone = useOrganizationTimeZone();
  // On a shared database the copies that outlive an erasure are the server's, not this computer's.
  const shared = useDatabaseStatus().data?.kind === 'postgres';
  const settings = usePrivacySettings();
  const update = useUpdatePrivacySettings();
  const [days, setDays] = useState<number | string | null>(null);
  // Said on leaving the box or saving, not while a longer number is still being typed.
  const [checkDays, setCheckDays] = useState(false);
  if (!settings.data) {
    return settings.isError ? (
      <LoadError
        title="Privacy settings could not be loaded"
        error={settings.error}
        onRetry={() => void settings.refetch()}
      />
    ) : (
      <Skeleton height={120} />
    );
  }
  const shown = days ?? settings.data.accessRetentionDays;
  const problem = days === null ? null : accessRetentionProblem(days);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="privacy-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="privacy-title">
          Access log and erased clients
        </Title>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (problem) {
              setCheckDays(true);
              return;
            }
            update.mutate(Number(shown), {
              onSuccess: () => {
                setDays(null);
                notifications.show({ color: 'teal', message: 'Access log retention saved.' });
              },
            });
          }}
        >
          <Group align="flex-end" gap="xs">
            <NumberInput
              label="Keep access log entries for (days)"
              description="Who opened a profile or a document, and who exported a client's data. Older entries are removed every day. Default 365."
              min={MIN_ACCESS_RETENTION_DAYS}
              max={MAX_ACCESS_RETENTION_DAYS}
              // Never turn a typed 10 into 30 unasked: the error says the minimum instead.
              clampBehavior="none"
              allowDecimal={false}
              value={shown}
              onChange={(value) => {
                setDays(value);
                setCheckDays(false);
              }}
              onBlur={() => setCheckDays(true)}
              error={
                (checkDays && problem) || (update.error ? readableMessage(update.error) : undefined)
              }
              w={360}
            />
            <Button type="submit" size="sm" loading={update.isPending} disabled={days === null}>
              Save
            </Button>
          </Group>
        </form>
        {settings.data.erasures.length === 0 ? (
          <Text size="sm" c="dimmed">
            {shared
              ? 'No client has been erased. When one is, it leaves the shared database at once, but the server’s own backups still hold it until they age out (ask whoever runs the server how long), and so do the file and backups of the computer whose data was moved there, as they were before the move.'
              : 'No client has been erased. When one is, backups made before the erasure still hold that client until they are pruned; this page will say until when.'}
          </Text>
        ) : (
          <Stack gap="xs" data-testid="erasure-notices">
            {settings.data.erasures.map((erasure) => (
              <Alert key={erasure.at} color="yellow" icon={<IconAlertCircle aria-hidden />}>
                A client was erased by {erasure.by} on {formatDateTime(erasure.at, timeZone)}.{' '}
                {erasure.backupsHoldingIt === 0
                  ? 'No backup made before it is left.'
                  : `${erasure.backupsHoldingIt === 1 ? '1 backup made before it still holds' : `${erasure.backupsHoldingIt} backups made before it still hold`} that client's data. Daily and weekly copies are all pruned by ${formatDateTime(erasure.dailyCopiesGoneBy, timeZone)} (if the app runs every day).`}
                {erasure.lastingBackups > 0 &&
                  ` ${erasure.lastingBackups} of them (made before an import, merge or upgrade, by Back up now, or set aside by a restore) go only after five newer ones of that kind, or stay until deleted by hand from the backups folder.`}
              </Alert>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
