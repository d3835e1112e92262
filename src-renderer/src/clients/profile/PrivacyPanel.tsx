import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconDownload, IconTrash } from '@tabler/icons-react';
import { confirmsErasureName, type Client } from '../../../../src-shared/contract';
import { readableMessage } from '../../api';
import { useDatabaseStatus } from '../../api/database';
import { useEraseClient, useExportClient } from '../../api/documents';
import { useMergeHistory } from '../../api/duplicates';
import { navigate } from '../../routing/hash-route';
import { ProfileSection } from './ProfileSection';

/** Privacy requests: hand a client their data (right of access), or erase them (right to erasure). */
export function PrivacyPanel({ client }: { client: Client }) {
  const exportData = useExportClient();
  const [erasing, setErasing] = useState(false);

  function exportClient() {
    exportData.mutate(client.id, {
      onSuccess: (result) => {
        if (result.kind === 'saved')
          notifications.show({ color: 'teal', message: `Saved the data export to ${result.path}` });
        if (result.kind === 'download')
          notifications.show({ color: 'teal', message: 'The data export is downloading.' });
      },
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: 'The data was not exported',
          message: readableMessage(error),
        }),
    });
  }

  return (
    <ProfileSection title="Privacy requests" testId="privacy-section">
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          Give the client everything held about them as one zip (a readable summary, the data as
          JSON and their documents), or erase them for good.
        </Text>
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            leftSection={<IconDownload size={14} aria-hidden />}
            loading={exportData.isPending}
            onClick={exportClient}
          >
            Export client data
          </Button>
          <Button
            size="xs"
            color="red"
            variant="light"
            leftSection={<IconTrash size={14} aria-hidden />}
            onClick={() => setErasing(true)}
          >
            Erase client…
          </Button>
        </Group>
      </Stack>
      <EraseClientModal client={client} opened={erasing} onClose={() => setErasing(false)} />
    </ProfileSection>
  );
}

function EraseClientModal({
  client,
  opened,
  onClose,
}: {
  client: Client;
  opened: boolean;
  onClose: () => void;
}) {
  const erase = useEraseClient();
  // On a shared database the copies that outlive an erasure are the server's, not this computer's.
  const shared = useDatabaseStatus().data?.kind === 'postgres';
  const [typed, setTyped] = useState('');
  const fromQuickBooks = client.source === 'quickbooks';
  const confirmed = confirmsErasureName(typed, client.displayName);
  // A merge said these records are the same person: each is erased on its own.
  const merges = (useMergeHistory(client.id).data ?? []).filter((m) => m.undoneAt === null);
  const mergedIn = merges.filter((m) => m.keptClientId === client.id);
  const mergedInto = merges.find((m) => m.archivedClientId === client.id);

  function close() {
    setTyped('');
    erase.reset();
    onClose();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    // Enter in the field submits the form: the same rule as the disabled button.
    if (!confirmed) return;
    erase.mutate(
      { clientId: client.id, confirmName: typed },
      {
        onSuccess: (result) => {
          close();
          notifications.show({
            color: fromQuickBooks ? 'yellow' : 'teal',
            title: 'Client erased',
            message: result.message,
            autoClose: fromQuickBooks ? false : 10_000,
          });
          navigate({ page: 'clients' });
        },
      },
    );
  }

  return (
    <Modal opened={opened} onClose={close} title={`Erase ${client.displayName}?`} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Alert color="red" icon={<IconAlertTriangle aria-hidden />}>
            This removes the client for good: notes, documents, preferences, portal settings, horse
            links, and the activity and access entries about them. It cannot be undone. Only a line
            “a client was erased” stays in the audit log.
          </Alert>
          {fromQuickBooks && (
            <Alert color="yellow" title="This client comes from QuickBooks">
              Its contact details belong to QuickBooks. After erasing it here, delete or anonymize
              the customer in QuickBooks too; otherwise the next sync brings back what QuickBooks
              still holds.
            </Alert>
          )}
          {mergedIn.length > 0 && (
            <Alert color="yellow" title="Merged records stay" data-testid="erase-merged-in">
              {mergedIn.map((m) => m.archivedClientName).join(', ')}{' '}
              {mergedIn.length === 1 ? 'was' : 'were'} merged into this client and{' '}
              {mergedIn.length === 1 ? 'is' : 'are'} kept archived with{' '}
              {mergedIn.length === 1 ? 'its' : 'their'} own details and notes. Erasing this client
              does not erase {mergedIn.length === 1 ? 'it' : 'them'}: open{' '}
              {mergedIn.length === 1 ? 'it' : 'each'} (Clients → Archived) and erase{' '}
              {mergedIn.length === 1 ? 'it' : 'them'} too.
            </Alert>
          )}
          {mergedInto && (
            <Text size="sm" data-testid="erase-merged-into">
              This client was merged into {mergedInto.keptClientName}: the copies of its notes made
              there are erased too. {mergedInto.keptClientName} keeps its own notes, horses and
              documents.
            </Text>
          )}
          <Text size="sm">
            {shared
              ? 'The client leaves the shared database at once, but the server’s own backups still hold it until they age out: ask whoever runs the server how long.'
              : 'Backups made before now still hold the client until they are pruned; Settings → Data says until when.'}
          </Text>
          <TextInput
            label={`Type the client's name (${client.displayName}) to confirm`}
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            description={
              typed.trim() !== '' && !confirmed
                ? 'Not the name yet: the Erase button unlocks when it matches.'
                : undefined
            }
            error={erase.error ? readableMessage(erase.error) : undefined}
            autoComplete="off"
            spellCheck={false}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={erase.isPending} disabled={!confirmed}>
              Erase for good
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
