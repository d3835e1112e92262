import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  List,
  NumberInput,
  Paper,
  PasswordInput,
  Radio,
  Stack,
  Table,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { IconAlertCircle, IconCheck, IconX } from '@tabler/icons-react';
import type {
  ConnectionTestResult,
  DatabaseStatus,
  MoveResult,
  SharedDatabaseDetails,
  SharedDatabaseShown,
  SharedDatabaseTls,
} from '../../../src-shared/contract';
import { ApiError, readableMessage } from '../api';
import {
  useJoinShared,
  useMoveToShared,
  useTestConnection,
  useUseLocalFile,
} from '../api/database';
import { ConfirmDialog } from '../shell/ConfirmDialog';

const SHARED_BACKUPS =
  'Backups of a shared database are the server’s job: ask whoever runs it (pg_dump, or the hosting’s own backups). EquineOps copies only this computer’s own file.';

/**
 * Settings → Data: one computer or several. On this computer's file, the form
 * for a shared PostgreSQL database (Test connection first, then Move my data
 * there, or Use this shared list); on a shared database, which one, its server,
 * and the way back to the file.
 */
export function SharedDatabasePanel({ status }: { status: DatabaseStatus }) {
  const [moved, setMoved] = useState<MoveResult | null>(null);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="shared-database-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="shared-database-title">
          {status.kind === 'postgres' ? 'Shared database' : 'Use a shared database'}
        </Title>
        {moved && <MovedCounts result={moved} onClose={() => setMoved(null)} />}
        {status.kind === 'postgres' ? (
          <InUse status={status} />
        ) : (
          <SharedDatabaseForm onMoved={setMoved} last={status.lastShared} />
        )}
      </Stack>
    </Paper>
  );
}

function InUse({ status }: { status: DatabaseStatus }) {
  const local = useUseLocalFile();
  const [confirming, setConfirming] = useState(false);
  const shared = status.shared!;
  const managed = status.source === 'environment';
  return (
    <>
      <Text size="sm">
        This computer’s clients, horses, notes and settings are in the shared database{' '}
        <strong>{shared.database}</strong> on{' '}
        <strong>
          {shared.host}:{shared.port}
        </strong>{' '}
        (user {shared.user}), with every other computer that uses it.
      </Text>
      <Group gap="xs">
        <Badge variant="light" data-testid="shared-database-version">
          {status.serverVersion ?? 'Server version unknown while it cannot be reached'}
        </Badge>
        {status.encrypted !== null && (
          <Badge variant="light" color={status.encrypted ? 'teal' : 'red'}>
            {status.encrypted
              ? shared.sslmode === 'verify-full'
                ? 'Encrypted, certificate verified'
                : 'Encrypted'
              : 'Not encrypted'}
          </Badge>
        )}
      </Group>
      <Text size="sm" data-testid="shared-backups">
        {SHARED_BACKUPS}
      </Text>
      {managed ? (
        <Text size="sm" c="dimmed">
          Set by your IT administrator (EQUINEOPS_DATABASE_URL on this computer): ask them to change
          it.
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            This computer’s own file is kept, unused: <Code>{status.dataFile}</Code>
          </Text>
          <Group>
            <Button variant="default" onClick={() => setConfirming(true)}>
              Use this computer’s own file
            </Button>
          </Group>
        </>
      )}
      <ConfirmDialog
        opened={confirming}
        title="Use this computer’s own file?"
        confirmLabel="Use this computer’s file"
        confirmColor="orange"
        loading={local.isPending}
        onConfirm={() => local.mutate(undefined, { onSuccess: () => setConfirming(false) })}
        onCancel={() => setConfirming(false)}
      >
        <Stack gap="xs">
          <Text size="sm">
            This computer goes back to its own file, as it was before it used the shared database.
            What was added since stays in the shared list, for the other computers; it does not show
            here.
          </Text>
          {local.isError && (
            <Alert color="red" role="alert">
              {readableMessage(local.error)}
            </Alert>
          )}
        </Stack>
      </ConfirmDialog>
    </>
  );
}

const emptyDetails: SharedDatabaseDetails = {
  host: '',
  port: 5432,
  database: 'equineops',
  user: 'equineops',
  password: '',
  sslmode: 'verify-full',
  caFile: '',
};

/**
 * The shared database's details, Test connection, then Move my data there or
 * Use this shared list. `joinOnly` (the welcome screen): a new computer joins
 * a list another computer moved; it has no data of its own to move.
 */
export function SharedDatabaseForm({
  onMoved,
  last,
  joinOnly = false,
}: {
  onMoved?: (result: MoveResult) => void;
  /** The shared database this computer just left: its details again, never its password. */
  last?: SharedDatabaseShown;
  joinOnly?: boolean;
}) {
  const [details, setDetails] = useState<SharedDatabaseDetails>(() =>
    last ? { ...emptyDetails, ...last, password: '', caFile: last.caFile ?? '' } : emptyDetails,
  );
  const [tested, setTested] = useState<ConnectionTestResult | null>(null);
  const [confirmMove, setConfirmMove] = useState(false);
  const test = useTestConnection();
  const move = useMoveToShared();
  const join = useJoinShared();

  // Changing a detail makes the last test stale: test again before moving.
  function change(patch: Partial<SharedDatabaseDetails>) {
    setDetails((old) => ({ ...old, ...patch }));
    setTested(null);
    // The last test's "Enter the password" (or any failure) is about the old details.
    test.reset();
    move.reset();
    join.reset();
  }

  const sent = (): SharedDatabaseDetails => ({
    ...details,
    caFile: details.sslmode === 'verify-full' && details.caFile ? details.caFile : undefined,
  });
  const fieldError = (field: string) =>
    test.error instanceof ApiError ? test.error.fields[field] : undefined;

  return (
    <>
      {joinOnly ? (
        <Text size="sm">
          The details of the shared database the other office computers use (whoever set it up has
          them). Test the connection, then use its client list.
        </Text>
      ) : (
        <Text size="sm">
          For several office computers on one client list: a PostgreSQL server the barn or its IT
          provider runs (see “One computer or several” in the README). Test the connection first;
          then move this computer’s data there, or use the list another computer already moved.
        </Text>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          test.mutate(sent(), { onSuccess: setTested });
        }}
      >
        <Stack gap="xs" maw={560}>
          <Group grow align="flex-start">
            <TextInput
              label="Server"
              description="Name or address"
              placeholder="db.barn.local"
              required
              value={details.host}
              onChange={(e) => change({ host: e.currentTarget.value })}
            />
            <NumberInput
              label="Port"
              description="Usually 5432"
              min={1}
              max={65535}
              allowDecimal={false}
              required
              value={details.port}
              onChange={(value) => change({ port: Number(value) || 5432 })}
              maw={140}
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput
              label="Database"
              required
              value={details.database}
              onChange={(e) => change({ database: e.currentTarget.value })}
            />
            <TextInput
              label="User"
              required
              value={details.user}
              onChange={(e) => change({ user: e.currentTarget.value })}
            />
          </Group>
          <PasswordInput
            label="Password"
            description="Kept in this computer’s keychain, never in a file."
            value={details.password}
            error={fieldError('password')}
            onChange={(e) => change({ password: e.currentTarget.value })}
          />
          <Radio.Group
            label="Encryption (TLS)"
            value={details.sslmode}
            onChange={(value) => change({ sslmode: value as SharedDatabaseTls })}
          >
            <Stack gap={4} mt={4}>
              <Radio
                value="verify-full"
                label="Encrypted, and check the server’s certificate (verify-full)"
              />
              <Radio
                value="require"
                label="Encrypted, without checking the certificate (require)"
              />
            </Stack>
          </Radio.Group>
          {details.sslmode === 'verify-full' && (
            <TextInput
              label="CA file"
              description="The certificate authority that signed the server’s certificate, as a file on this computer. Leave empty when a public authority signed it."
              placeholder="/etc/equineops/barn-ca.pem"
              value={details.caFile ?? ''}
              onChange={(e) => change({ caFile: e.currentTarget.value })}
            />
          )}
          <Group>
            <Button type="submit" loading={test.isPending}>
              Test connection
            </Button>
          </Group>
        </Stack>
      </form>
      {test.isError && (
        <Alert color="red" icon={<IconAlertCircle aria-hidden />} role="alert">
          {readableMessage(test.error)}
        </Alert>
      )}
      {/* Always mounted, so a screen reader reads what Test connection found, not only a failure. */}
      <div role="status">{tested && <TestResult result={tested} />}</div>
      {tested?.canMove && joinOnly && (
        <Alert color="yellow" role="alert">
          This database holds no EquineOps list yet. Go back and set up this computer first; then
          move its data there under Settings → Data.
        </Alert>
      )}
      {tested?.canMove && !joinOnly && (
        <Group>
          <Button color="blue" onClick={() => setConfirmMove(true)}>
            Move my data there
          </Button>
        </Group>
      )}
      {tested?.canJoin && (
        <Group>
          <Button loading={join.isPending} onClick={() => join.mutate(sent())}>
            Use this shared list
          </Button>
          <Text size="xs" c="dimmed">
            This computer’s own file stays here, unused.
          </Text>
        </Group>
      )}
      {join.isError && (
        <Alert color="red" role="alert">
          {readableMessage(join.error)}
        </Alert>
      )}
      <ConfirmDialog
        opened={confirmMove}
        title="Move this computer’s data to the shared database?"
        confirmLabel="Move my data there"
        confirmColor="blue"
        loading={move.isPending}
        onConfirm={() =>
          move.mutate(sent(), {
            onSuccess: (result) => {
              setConfirmMove(false);
              onMoved?.(result);
            },
          })
        }
        onCancel={() => setConfirmMove(false)}
      >
        <Stack gap="xs">
          <Text size="sm">
            Every client, horse, note, document and setting is copied to{' '}
            <strong>{details.database}</strong> on <strong>{details.host}</strong>, and the counts
            are checked table by table before anything is kept. Then this computer uses the shared
            database.
          </Text>
          <Text size="sm">
            This computer’s file is only read: it stays as it is, and “Use this computer’s own file”
            goes back to it.
          </Text>
          {move.isError && (
            <Alert color="red" role="alert">
              {readableMessage(move.error)}
            </Alert>
          )}
        </Stack>
      </ConfirmDialog>
    </>
  );
}

function TestResult({ result }: { result: ConnectionTestResult }) {
  return (
    <List spacing={4} size="sm" center data-testid="connection-checks" aria-label="Connection test">
      {result.checks.map((check) => (
        <List.Item
          key={check.check}
          icon={
            <ThemeIcon color={check.ok ? 'teal' : 'red'} size={20} radius="xl" aria-hidden>
              {check.ok ? <IconCheck size={14} /> : <IconX size={14} />}
            </ThemeIcon>
          }
        >
          <Text size="sm" span c={check.ok ? undefined : 'red'}>
            {check.message}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

/** The moved tables as staff know them. */
const tableWords: Record<string, string> = {
  settings: 'Settings',
  computers: 'Computers',
  connection: 'QuickBooks connection',
  sync_state: 'Sync progress',
  clients: 'Clients',
  horses: 'Horses',
  client_horses: 'Horse links',
  staff_notes: 'Staff notes',
  portal_settings: 'Portal settings',
  client_preferences: 'Preferences',
  activity: 'Activity',
  sync_runs: 'Sync runs',
  sync_items: 'Sync Log lines',
  duplicate_dismissals: 'Dismissed duplicates',
  client_merges: 'Merges',
  import_batches: 'Imports',
  import_batch_items: 'Imported rows',
  client_documents: 'Documents',
  access_log: 'Access log',
};

function MovedCounts({ result, onClose }: { result: MoveResult; onClose: () => void }) {
  return (
    <Alert
      color="teal"
      title={`Moved to ${result.server}`}
      withCloseButton
      onClose={onClose}
      role="status"
      data-testid="move-done"
    >
      <Stack gap="xs">
        <Text size="sm">
          Every table was counted in both places before the move was kept. This computer now uses
          the shared database; on another computer, enter the same details and choose “Use this
          shared list”.
        </Text>
        <Table withTableBorder={false} verticalSpacing={2} fz="sm" data-testid="move-counts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Table</Table.Th>
              <Table.Th ta="right">Rows</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.tables
              .filter((t) => t.rows > 0)
              .map((t) => (
                <Table.Tr key={t.table}>
                  <Table.Td>{tableWords[t.table] ?? t.table.replace(/_/g, ' ')}</Table.Td>
                  <Table.Td ta="right">{t.rows.toLocaleString('en-US')}</Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
        <Text size="sm">
          Document files: {result.documentFiles.toLocaleString('en-US')}
          {result.missingDocumentFiles > 0 &&
            ` (${result.missingDocumentFiles} were already missing on this computer)`}
          .
        </Text>
      </Stack>
    </Alert>
  );
}
