import { useState, type FormEvent } from 'react';
import { Button, Group, Paper, Skeleton, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { OrganizationSettings } from '../../../src-shared/contract';
import { ApiError } from '../api';
import { useSettings, useUpdateSettings } from '../api/settings';
import { LoadError } from '../shell/LoadError';
import { DesktopSettingsPanel } from './DesktopSettingsPanel';
import { useUnsavedChanges } from '../unsaved-changes/unsaved-changes';
import { TimeZonePicker } from './TimeZonePicker';

export function SettingsPage() {
  const settings = useSettings();
  return (
    <Stack maw={640} gap="md">
      <Title order={2}>Settings</Title>
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

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = OrganizationSettings.safeParse(values);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message])));
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
          <TextInput
            label="Organization name"
            description="Shown at the top of every page."
            required
            value={values.organizationName}
            onChange={(e) => setValues({ ...values, organizationName: e.currentTarget.value })}
            error={errors.organizationName}
          />
          <TextInput
            label="Your name"
            description="Shown on the staff notes you write and in the activity log."
            required
            value={values.staffName}
            onChange={(e) => setValues({ ...values, staffName: e.currentTarget.value })}
            error={errors.staffName}
          />
          <TimeZonePicker
            description="Times are shown in this zone, and the nightly QuickBooks sync runs at 2:00 AM in it."
            value={values.timeZone}
            onChange={(timeZone) => setValues({ ...values, timeZone })}
            error={errors.timeZone}
          />
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
