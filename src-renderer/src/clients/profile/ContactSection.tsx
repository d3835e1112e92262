import { useState, type FormEvent } from 'react';
import { Alert, Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import type { Client } from '../../../../src-shared/contract';
import { ApiError } from '../../api';
import { useReloadClient, useUpdateClient } from '../../api/clients';
import { useQuickBooksStatus } from '../../api/quickbooks';
import { useUnsavedChanges } from '../../unsaved-changes/unsaved-changes';
import { ContactFieldsForm, focusFirstInvalidField } from '../ContactFieldsForm';
import {
  changedContactFields,
  contactInputOf,
  contactValuesOf,
  errorsAfterChange,
  validateContact,
  type ContactErrors,
} from '../contact-form';
import { ContactCard } from './ContactCard';
import { EditConflictAlert } from './EditConflictAlert';
import { ProfileSection } from './ProfileSection';
import { quickBooksChangesWording } from './quickbooks-wording';

/** Contact details: a read-only card for QuickBooks clients, a form for custom ones. */
export function ContactSection({ client }: { client: Client }) {
  return client.source === 'quickbooks' ? (
    <QuickBooksContact client={client} />
  ) : (
    <EditableContact client={client} />
  );
}

function QuickBooksContact({ client }: { client: Client }) {
  const status = useQuickBooksStatus();
  return (
    <ProfileSection title="Contact details" testId="contact-section">
      <Alert color="gray" icon={<IconLock aria-hidden />} mb="md" data-testid="read-only-alert">
        {quickBooksChangesWording(status.data)}
      </Alert>
      <ContactCard client={client} />
    </ProfileSection>
  );
}

/**
 * The form keeps what is typed whatever arrives meanwhile: while it is
 * untouched it follows the client as others change it; once typed in, it
 * stays on the version it loaded, and a save someone else's has overtaken
 * is refused (edit_conflict) with the typed values left in place and a
 * "Reload" that brings in theirs.
 */
function EditableContact({ client }: { client: Client }) {
  // The client the form's values were loaded from: its version goes with the save.
  const [base, setBase] = useState(client);
  const initial = contactValuesOf(base);
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<ContactErrors>({});
  const [conflict, setConflict] = useState<string | null>(null);
  const update = useUpdateClient();
  const reload = useReloadClient(client.id);
  const dirty = JSON.stringify(contactInputOf(values)) !== JSON.stringify(contactInputOf(initial));
  useUnsavedChanges(dirty);

  if (!dirty && !conflict && client.version !== base.version) {
    // Someone saved (here or on another computer) while nothing was typed: show theirs.
    // Set while rendering, as React advises for state that follows a prop.
    setBase(client);
    setValues(contactValuesOf(client));
  }

  function load(next: Client) {
    setBase(next);
    setValues(contactValuesOf(next));
    setErrors({});
    setConflict(null);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const checked = validateContact(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstInvalidField(form);
      return;
    }
    setErrors({});
    setConflict(null);
    update.mutate(
      {
        id: client.id,
        fields: changedContactFields(base, checked.fields),
        version: base.version,
      },
      {
        onSuccess: (saved) => {
          load(saved);
          notifications.show({ color: 'teal', message: 'Client saved' });
        },
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'edit_conflict') {
            setConflict(error.message);
          } else if (error instanceof ApiError) {
            setErrors(error.fields);
            focusFirstInvalidField(form);
          }
        },
      },
    );
  }

  function cancel() {
    // Back to the client as last fetched, which is theirs after a refused save.
    load(client);
  }

  return (
    <ProfileSection title="Contact details" testId="contact-section">
      <form onSubmit={submit} noValidate>
        <ContactFieldsForm
          values={values}
          errors={errors}
          onChange={(next) => {
            setErrors((shown) => errorsAfterChange(values, next, shown));
            setValues(next);
          }}
        />
        {conflict && (
          <EditConflictAlert
            mt="md"
            message={conflict}
            reloading={reload.isPending}
            onReload={() =>
              reload.mutate(undefined, { onSuccess: (detail) => load(detail.client) })
            }
          />
        )}
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={cancel} disabled={!dirty || update.isPending}>
            Cancel
          </Button>
          <Button type="submit" disabled={!dirty} loading={update.isPending}>
            Save
          </Button>
        </Group>
      </form>
    </ProfileSection>
  );
}
