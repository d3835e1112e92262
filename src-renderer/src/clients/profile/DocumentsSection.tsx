import '@mantine/dropzone/styles.css';
import { useState, type FormEvent } from 'react';
import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  Skeleton,
  Stack,
  Switch,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { notifications } from '@mantine/notifications';
import {
  IconAlertCircle,
  IconFileText,
  IconPencil,
  IconTrash,
  IconUpload,
} from '@tabler/icons-react';
import type { ClientDocument } from '../../../../src-shared/contract';
import { readableMessage } from '../../api';
import { formatFileSize } from '../../../../src-shared/file-size';
import {
  tooLargeMessage,
  useDocuments,
  useOpenDocument,
  useRemoveDocument,
  useRenameDocument,
  useRestoreDocument,
  useSetVisibleInPortal,
  useUploadDocument,
} from '../../api/documents';
import { useOrganizationTimeZone } from '../../api/settings';
import { formatDateTime } from '../../format/time';
import { ProfileSection } from './ProfileSection';

/** Coggins certificates, boarding contracts, vet records, signed releases: dropped or picked. */
export function DocumentsSection({ clientId }: { clientId: number }) {
  const documents = useDocuments(clientId);
  const upload = useUploadDocument(clientId);
  const [refusals, setRefusals] = useState<string[]>([]);
  const [sending, setSending] = useState<string | null>(null);

  async function addFiles(files: File[]) {
    const problems: string[] = [];
    for (const file of files) {
      const tooLarge = tooLargeMessage(file);
      if (tooLarge) {
        problems.push(tooLarge);
        continue;
      }
      setSending(file.name);
      try {
        await upload.mutateAsync(file);
      } catch (error) {
        problems.push(readableMessage(error));
      }
    }
    setSending(null);
    setRefusals(problems);
  }

  return (
    <ProfileSection title="Documents" testId="documents-section">
      <Stack gap="sm">
        <Dropzone
          onDrop={(files) => void addFiles(files)}
          multiple
          useFsAccessApi={false}
          loading={sending !== null}
          inputProps={
            { 'aria-label': 'Add documents' } as React.InputHTMLAttributes<HTMLInputElement>
          }
          data-testid="documents-dropzone"
          p="sm"
        >
          <Group justify="center" gap="sm" style={{ pointerEvents: 'none' }}>
            <Dropzone.Accept>
              <IconUpload size={28} aria-hidden />
            </Dropzone.Accept>
            <Dropzone.Idle>
              <IconFileText size={28} aria-hidden />
            </Dropzone.Idle>
            <div>
              <Dropzone.Accept>
                <Text size="sm" fw={600}>
                  Drop to add them to this client
                </Text>
              </Dropzone.Accept>
              <Dropzone.Idle>
                <Text size="sm">Drag files here, or click (or press Enter) to choose them</Text>
              </Dropzone.Idle>
              <Text size="xs" c="dimmed">
                Coggins certificates, contracts, vet records, releases · up to 50 MB each
              </Text>
            </div>
          </Group>
        </Dropzone>
        {sending && (
          <Text size="sm" aria-live="polite">
            Adding {sending}…
          </Text>
        )}
        {refusals.length > 0 && (
          <Alert
            color="red"
            icon={<IconAlertCircle aria-hidden />}
            title="Not added"
            role="alert"
            withCloseButton
            onClose={() => setRefusals([])}
            data-testid="documents-refusal"
          >
            {refusals.map((message) => (
              <Text key={message} size="sm">
                {message}
              </Text>
            ))}
          </Alert>
        )}
        {documents.isPending ? (
          <Skeleton height={48} aria-busy />
        ) : documents.isError ? (
          <Stack gap="xs" align="flex-start" role="alert">
            <Text size="sm" c="red">
              The documents could not be loaded: {readableMessage(documents.error)}
            </Text>
            <Button size="xs" variant="light" onClick={() => void documents.refetch()}>
              Try again
            </Button>
          </Stack>
        ) : documents.data.documents.length === 0 ? (
          <Text size="sm" c="dimmed">
            No documents yet.
          </Text>
        ) : (
          <Stack gap="xs" data-testid="documents-list">
            {documents.data.documents.map((doc) => (
              <DocumentRow key={doc.id} doc={doc} portalEnabled={documents.data.portalEnabled} />
            ))}
          </Stack>
        )}
      </Stack>
    </ProfileSection>
  );
}

function DocumentRow({ doc, portalEnabled }: { doc: ClientDocument; portalEnabled: boolean }) {
  const timeZone = useOrganizationTimeZone();
  const open = useOpenDocument();
  const rename = useRenameDocument();
  const remove = useRemoveDocument();
  const restore = useRestoreDocument();
  const portal = useSetVisibleInPortal();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(doc.name);

  function fail(title: string) {
    return (error: unknown) =>
      notifications.show({ color: 'red', title, message: readableMessage(error) });
  }

  function saveName(event: FormEvent) {
    event.preventDefault();
    rename.mutate(
      { id: doc.id, name },
      { onSuccess: () => setEditing(false), onError: fail('The document was not renamed') },
    );
  }

  function removeDoc() {
    remove.mutate(doc.id, {
      onSuccess: () => {
        const id = `document-removed-${doc.id}`;
        notifications.show({
          id,
          color: 'gray',
          title: 'Document removed',
          autoClose: 15_000,
          message: (
            <Group gap="xs" data-testid="document-removed-toast">
              <Text size="sm">{doc.name} was removed.</Text>
              <Button
                size="xs"
                variant="light"
                onClick={() => {
                  notifications.hide(id);
                  restore.mutate(doc.id, { onError: fail('The document was not brought back') });
                }}
              >
                Undo
              </Button>
            </Group>
          ),
        });
      },
      onError: fail('The document was not removed'),
    });
  }

  return (
    <Paper withBorder p="xs" data-testid="document-row">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          {editing ? (
            <form onSubmit={saveName}>
              <Group gap="xs" wrap="nowrap">
                <TextInput
                  size="xs"
                  aria-label="Document name"
                  value={name}
                  onChange={(e) => setName(e.currentTarget.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Escape') {
                      setName(doc.name);
                      setEditing(false);
                    }
                  }}
                  error={rename.error ? readableMessage(rename.error) : undefined}
                  data-autofocus
                  autoFocus
                  style={{ flex: 1 }}
                />
                <Button size="xs" type="submit" loading={rename.isPending}>
                  Save
                </Button>
              </Group>
            </form>
          ) : (
            <Anchor
              component="button"
              type="button"
              size="sm"
              fw={500}
              ta="left"
              style={{ wordBreak: 'break-word' }}
              onClick={() =>
                open.mutate(doc.id, { onError: fail('The document could not be opened') })
              }
              data-testid="document-open"
            >
              {doc.name}
            </Anchor>
          )}
          <Text size="xs" c="dimmed">
            {doc.type || 'file'} · {formatFileSize(doc.sizeBytes)} · added{' '}
            {formatDateTime(doc.addedAt, timeZone)} by {doc.addedBy}
          </Text>
          <div style={{ alignSelf: 'flex-start' }}>
            <Switch
              size="xs"
              mt={4}
              label="Visible in portal"
              // Said in words too: a disabled switch shows no tooltip to the keyboard.
              description={
                !portalEnabled && !doc.visibleInPortal
                  ? 'Turn on portal access for this client first'
                  : undefined
              }
              checked={doc.visibleInPortal}
              disabled={(!portalEnabled && !doc.visibleInPortal) || portal.isPending}
              onChange={(e) =>
                portal.mutate(
                  { id: doc.id, visible: e.currentTarget.checked },
                  { onError: fail('The portal setting was not changed') },
                )
              }
            />
          </div>
        </Stack>
        <Group gap={4} wrap="nowrap">
          <Tooltip label="Rename">
            <ActionIcon
              variant="subtle"
              aria-label={`Rename ${doc.name}`}
              onClick={() => {
                setName(doc.name);
                setEditing(true);
              }}
            >
              <IconPencil size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Remove">
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Remove ${doc.name}`}
              loading={remove.isPending}
              onClick={removeDoc}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
    </Paper>
  );
}
