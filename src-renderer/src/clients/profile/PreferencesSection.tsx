import { useState, type FormEvent } from 'react';
import { Button, Checkbox, Group, Select, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ClientPreferences } from '../../../../src-shared/contract';
import { useUpdatePreferences } from '../../api/clients';
import { useUnsavedChanges } from '../../unsaved-changes/unsaved-changes';
import { ProfileSection } from './ProfileSection';

const contactMethods: { value: ClientPreferences['contactMethod']; label: string }[] = [
  { value: 'email', label: 'Email' },
  { value: 'phone', label: 'Phone call' },
  { value: 'text', label: 'Text message' },
  { value: 'none', label: 'Do not contact' },
];

export function PreferencesSection({
  clientId,
  preferences,
}: {
  clientId: number;
  preferences: ClientPreferences;
}) {
  const [values, setValues] = useState(preferences);
  const [error, setError] = useState<string | null>(null);
  const update = useUpdatePreferences();
  const dirty = JSON.stringify(values) !== JSON.stringify(preferences);
  useUnsavedChanges(dirty);

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = ClientPreferences.safeParse(values);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Check the preferences');
      return;
    }
    setError(null);
    update.mutate(
      { clientId, preferences: parsed.data },
      { onSuccess: () => notifications.show({ color: 'teal', message: 'Preferences saved' }) },
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
