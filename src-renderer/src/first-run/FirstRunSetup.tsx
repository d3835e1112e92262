import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Container, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconHorse } from '@tabler/icons-react';
import { OrganizationSettings, type SetupStatus } from '../../../src-shared/contract';
import { ApiError, readableMessage } from '../api';
import { useCompleteSetup, useNameThisComputer } from '../api/settings';
import { OrganizationFields, StaffNameField } from '../settings/OrganizationFields';
import { SharedDatabaseForm } from '../settings/SharedDatabasePanel';

type Errors = Partial<Record<keyof OrganizationSettings | 'form', string>>;

/**
 * Asked once, before the app opens: the organization's name (for the header),
 * the name of the person using this computer (it signs notes, imports and
 * merges) and the time zone the nightly sync and every time follow.
 */
export function FirstRunSetup({ status }: { status: SetupStatus }) {
  const [joining, setJoining] = useState(false);
  if (status.nameOnly) return <NameThisComputer />;
  // Once joined, the shared list's setup status asks only for this computer's name (nameOnly).
  if (joining) return <JoinSharedDatabase onBack={() => setJoining(false)} />;
  return <OrganizationSetup status={status} onJoin={() => setJoining(true)} />;
}

/**
 * A new computer in an office that already has a shared client list: it joins
 * that list instead of naming an organization of its own.
 */
function JoinSharedDatabase({ onBack }: { onBack: () => void }) {
  return (
    <Container size={640} py={48}>
      <Paper withBorder p="xl" radius="md" component="main" aria-labelledby="first-run-title">
        <Stack gap="md">
          <FirstRunTitle>Join the office’s shared database</FirstRunTitle>
          <SharedDatabaseForm joinOnly />
          <Group>
            <Button variant="subtle" onClick={onBack}>
              Back
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Container>
  );
}

function OrganizationSetup({ status, onJoin }: { status: SetupStatus; onJoin: () => void }) {
  // Answers an older version's Settings stored are offered again; the computer's account name never is.
  const [values, setValues] = useState<OrganizationSettings>({
    organizationName: '',
    staffName: status.storedStaffName ?? '',
    timeZone: status.storedTimeZone ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'),
  });
  const [errors, setErrors] = useState<Errors>({});
  const complete = useCompleteSetup();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const parsed = OrganizationSettings.safeParse(values);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      requestAnimationFrame(() =>
        form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    setErrors({});
    complete.mutate(parsed.data, {
      onError: (error) =>
        setErrors(
          error instanceof ApiError && Object.keys(error.fields).length > 0
            ? error.fields
            : { form: readableMessage(error) },
        ),
    });
  }

  return (
    <Container size={560} py={48}>
      <Paper withBorder p="xl" radius="md" component="main" aria-labelledby="first-run-title">
        <form onSubmit={submit} noValidate data-testid="first-run-form">
          <Stack gap="md">
            <FirstRunTitle>Welcome to EquineOps</FirstRunTitle>
            <Text c="dimmed">
              Three things before you start. You can change them later under Settings → General.
            </Text>
            <OrganizationFields firstRun values={values} errors={errors} onChange={setValues} />
            {errors.form && (
              <Text c="red" size="sm" role="alert">
                {errors.form}
              </Text>
            )}
            <Group justify="flex-end">
              <Button type="submit" loading={complete.isPending}>
                Start using EquineOps
              </Button>
            </Group>
            {/* A second computer joins the office's list instead of starting one of its own. */}
            <Group
              gap={4}
              pt="xs"
              style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
            >
              <Text size="sm" c="dimmed">
                Other computers here already use EquineOps?
              </Text>
              <Button variant="subtle" size="compact-sm" onClick={onJoin}>
                This office already uses a shared database
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Container>
  );
}

/**
 * A computer joining a shared database that is already set up: only who
 * works at it is missing (the organization and time zone are the barn's).
 */
function NameThisComputer() {
  const [staffName, setStaffName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const save = useNameThisComputer();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = OrganizationSettings.shape.staffName.safeParse(staffName);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    setError(undefined);
    save.mutate(parsed.data, {
      onError: (failure) =>
        setError(
          failure instanceof ApiError && failure.fields.staffName
            ? failure.fields.staffName
            : readableMessage(failure),
        ),
    });
  }

  return (
    <Container size={560} py={48}>
      <Paper withBorder p="xl" radius="md" component="main" aria-labelledby="first-run-title">
        <form onSubmit={submit} noValidate data-testid="first-run-form">
          <Stack gap="md">
            <FirstRunTitle>Welcome to EquineOps</FirstRunTitle>
            <Text c="dimmed">
              This computer shares the barn’s client list. Who works at it? You can change it later
              under Settings → General.
            </Text>
            <StaffNameField
              value={staffName}
              onChange={setStaffName}
              error={error}
              firstRun
              autoFocus
            />
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending}>
                Start using EquineOps
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Container>
  );
}

/** The horse and the page's title, named by the screen's main landmark (aria-labelledby). */
function FirstRunTitle({ children }: { children: ReactNode }) {
  return (
    <Group gap="sm">
      <ThemeIcon size="xl" radius="md" aria-hidden>
        <IconHorse size={26} />
      </ThemeIcon>
      <Title order={1} size="h2" id="first-run-title">
        {children}
      </Title>
    </Group>
  );
}
