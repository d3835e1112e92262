import { useState, type FormEvent } from 'react';
import { Button, Group, Paper, Skeleton, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { OrganizationSettings } from '../../../src-shared/contract';
import { ApiError } from '../api';
import { useSettings, useUpdateSettings } from '../api/settings';
import { LoadError } from '../shell/LoadError';
import { DesktopSettingsPanel } from './DesktopSettingsPanel';
import { useUnsavedChanges } from '../unsaved-changes/unsaved-changes';
import { OrganizationFields } from './OrganizationFields';

export function SettingsPage() {
  const settings = useSettings();
  return (
    <Stack maw={640} gap="md">
      <Title order={2}>General</Title>
      {settings.data ? (
        <SettingsForm key={JSON.stringify(settings.data)} saved={settings.data} />
      ) : settings.isError ? (
        <LoadError
          title="Settings could not be loaded"
          error={settings.error}
          onRetry={() => void settings.refetch()}
        />
      ) : (
        <Skeleton height={260} />
      )}
      <DesktopSettingsPanel />
    </Stack>
  );
}

function SettingsForm({ saved }: { saved: OrganizationSettings }) {
  const [values, setValues] = useState(saved);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const update = useUpdateSettings();
  const dirty = JSON.stringify(values) !== JSON.stringify(saved);
  useUnsavedChanges(dirty);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const parsed = OrganizationSettings.safeParse(values);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message])));
      requestAnimationFrame(() =>
        form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    setErrors({});
    update.mutate(parsed.data, {
      onSuccess: () => notifications.show({ color: 'teal', message: 'Settings saved' }),
      onError: (error) => {
        if (error instanceof ApiError) setErrors(error.fields);
      },
    });
  }

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate data-testid="settings-form">
        <Stack gap="sm">
          <OrganizationFields values={values} errors={errors} onChange={setValues} />
          <Group justify="flex-end">
            <Button type="submit" disabled={!dirty} loading={update.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
