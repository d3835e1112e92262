import { useState, type ReactNode } from 'react';
import {
  Alert,
  Box,
  Button,
  Container,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';
import type { DatabaseHealth } from '../../../src-shared/contract';
import { readableMessage } from '../api';
import { useDatabaseStatus, useRetryDatabase, useUseLocalFile } from '../api/database';

/** "10:42 AM" today, else the date too: when the connection was lost, in this computer's time. */
function sinceWords(iso: string): string {
  const at = new Date(iso);
  const sameDay = at.toDateString() === new Date().toDateString();
  return sameDay
    ? at.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' })
    : at.toLocaleString('en-US', {
        month: 'short',
        day: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
      });
}

/**
 * Above every page while the shared database cannot be reached: since when,
 * that EquineOps keeps trying, and that what is being typed stays. It goes
 * away by itself once the server answers (every screen then refreshes).
 */
export function DatabaseBanner() {
  const status = useDatabaseStatus();
  const retry = useRetryDatabase();
  const health = status.data?.health;
  if (!health || health.state !== 'lost' || !health.since) return null;
  return (
    // Sticky under the header: a long page (a client profile at 1024 px) must not scroll it away.
    // The solid background keeps what scrolls beneath from showing through the light alert.
    <Box
      pos="sticky"
      top="var(--app-shell-header-height, 56px)"
      pb="md"
      bg="var(--mantine-color-body)"
      style={{ zIndex: 50 }}
      data-testid="database-banner-bar"
    >
      <Alert
        color="orange"
        icon={<IconPlugConnectedX aria-hidden />}
        title={`The shared database cannot be reached (since ${sinceWords(health.since)})`}
        role="alert"
        data-testid="database-banner"
      >
        <Group justify="space-between" align="flex-end" gap="sm">
          <Text size="sm" maw={640}>
            EquineOps keeps trying to reach {health.server ?? 'it'}. Nothing is saved until it
            answers; what you are typing stays in the form: save it again once this message is gone.
          </Text>
          <Button
            size="xs"
            variant="default"
            loading={retry.isPending}
            onClick={() => retry.mutate(undefined)}
          >
            Try now
          </Button>
        </Group>
      </Alert>
    </Box>
  );
}

/**
 * At start-up, a shared database that could not be opened: a waiting screen
 * instead of the app, with Retry and the way back to this computer's own file.
 */
export function DatabaseWaitGate({ children }: { children: ReactNode }) {
  const status = useDatabaseStatus();
  const health = status.data?.health;
  if (health?.state === 'lost' && health.neverOpened) return <WaitingScreen health={health} />;
  return children;
}

function WaitingScreen({ health }: { health: DatabaseHealth }) {
  const retry = useRetryDatabase();
  const local = useUseLocalFile();
  const error = retry.error ?? local.error;
  const [password, setPassword] = useState('');
  // Settings → Data cannot be reached from here, so the password is typed here.
  const asksPassword =
    health.reasonCode === 'password_missing' || health.reasonCode === 'password_refused';
  const tryWithPassword = () => {
    if (password === '') return;
    retry.mutate(password, { onSuccess: () => setPassword('') });
  };
  return (
    <Container size="sm" py="xl">
      <Paper withBorder p="lg" component="section" aria-labelledby="database-waiting-title">
        <Stack gap="sm">
          <Title order={1} size="h3" id="database-waiting-title">
            Waiting for the shared database
          </Title>
          <Text size="sm">
            {/* Not "does not answer": a server that answers but refuses (no saved password) waits here too; the reason below says which. */}
            EquineOps uses the shared database{health.server ? ` ${health.server}` : ''}, and cannot
            open it yet{health.since ? ` (since ${sinceWords(health.since)})` : ''}. It tries again
            every few seconds and opens the client list as soon as it can.
          </Text>
          {health.reason && (
            <Text size="sm" c="dimmed" data-testid="database-waiting-reason">
              {health.reason}
            </Text>
          )}
          {asksPassword && (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                tryWithPassword();
              }}
            >
              <Group align="flex-end" gap="sm">
                <PasswordInput
                  label="Password of the database user"
                  description="Kept in this computer’s keychain once the database opens with it."
                  value={password}
                  onChange={(event) => setPassword(event.currentTarget.value)}
                  autoComplete="current-password"
                  style={{ flex: 1 }}
                  data-autofocus
                />
                <Button type="submit" loading={retry.isPending} disabled={password === ''}>
                  Open with this password
                </Button>
              </Group>
            </form>
          )}
          <Text size="sm">
            To work meanwhile, use this computer’s own file: it holds the data as it was before this
            computer used the shared database. What is added there stays on this computer.
          </Text>
          {error && (
            <Alert color="red" role="alert">
              {readableMessage(error)}
            </Alert>
          )}
          <Group gap="sm">
            <Button
              variant={asksPassword ? 'default' : 'filled'}
              loading={retry.isPending}
              onClick={() => retry.mutate(undefined)}
            >
              Retry
            </Button>
            <Button variant="default" loading={local.isPending} onClick={() => local.mutate()}>
              Use this computer’s own file instead
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Container>
  );
}
