import { useState, type FormEvent } from 'react';
import { Button, Checkbox, Group, Select, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ClientPreferences } from '../../../../src-shared/contract';
import { ApiError } from '../../api';
import { useReloadClient, useUpdatePreferences } from '../../api/clients';
import { useUnsavedChanges } from '../../unsaved-changes/unsaved-changes';
import { EditConflictAlert } from './EditConflictAlert';
import { ProfileSection } from './ProfileSection';

const contactMethods: { value: ClientPreferences['contactMethod']; label: string }[] = [
  { value: 'email', label: 'Email' },
  { value: 'phone', label: 'Phone call' },
  { value: 'text', label: 'Text message' },
  { value: 'none', label: 'Do not contact' },
];

interface Loaded {
  preferences: ClientPreferences;
  version: number;
}

/**
 * Like the contact form: follows others' saves while untouched, keeps what
 * was chosen once touched, and a save someone else's overtook is refused
 * with "Reload" to bring in theirs.
 */
export function PreferencesSection({
  clientId,
  preferences,
  version,
}: {
  clientId: number;
  preferences: ClientPreferences;
  /** The stored version the form's save sends back: 0 while none are saved. */
  version: number;
}) {
  const [base, setBase] = useState<Loaded>({ preferences, version });
  const [values, setValues] = useState(preferences);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const update = useUpdatePreferences();
  const reload = useReloadClient(clientId);
  const dirty = JSON.stringify(values) !== JSON.stringify(base.preferences);
  useUnsavedChanges(dirty);

  if (!dirty && !conflict && version !== base.version) {
    // Someone saved (here or on another computer) while nothing was chosen: show theirs.
    // Set while rendering, as React advises for state that follows a prop.
    setBase({ preferences, version });
    setValues(preferences);
  }

  function load(next: Loaded) {
    setBase(next);
    setValues(next.preferences);
    setError(null);
    setConflict(null);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = ClientPreferences.safeParse(values);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Check the preferences');
      return;
    }
    setError(null);
    setConflict(null);
    update.mutate(
      { clientId, preferences: parsed.data, version: base.version },
      {
        onSuccess: ({ version: saved, ...stored }) => {
          load({ preferences: stored, version: saved });
          notifications.show({ color: 'teal', message: 'Preferences saved' });
        },
        onError: (failure) => {
          if (failure instanceof ApiError && failure.code === 'edit_conflict')
            setConflict(failure.message);
        },
      },
    );
  }

  return (
    <ProfileSection title="Preferences" testId="preferences-section">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Select
            label="Preferred contact method"
            data={contactMethods}
            value={values.contactMethod}
            onChange={(value) =>
              value &&
              setValues({ ...values, contactMethod: value as ClientPreferences['contactMethod'] })
            }
            allowDeselect={false}
          />
          <Checkbox
            label="Receives the newsletter"
            checked={values.newsletter}
            onChange={(event) => setValues({ ...values, newsletter: event.currentTarget.checked })}
          />
          <Checkbox
            label="Send appointment reminders"
            checked={values.remindersEnabled}
            onChange={(event) =>
              setValues({ ...values, remindersEnabled: event.currentTarget.checked })
            }
          />
          <Textarea
            label="Preference notes"
            autosize
            minRows={2}
            value={values.notes}
            onChange={(event) => setValues({ ...values, notes: event.currentTarget.value })}
            error={error}
          />
          {conflict && (
            <EditConflictAlert
              message={conflict}
              reloading={reload.isPending}
              onReload={() =>
                reload.mutate(undefined, {
                  onSuccess: (detail) =>
                    load({ preferences: detail.preferences, version: detail.preferencesVersion }),
                })
              }
            />
          )}
          <Group justify="flex-end">
            <Button type="submit" size="xs" disabled={!dirty} loading={update.isPending}>
              Save preferences
            </Button>
          </Group>
        </Stack>
      </form>
    </ProfileSection>
  );
}
