import { useState, type FormEvent } from 'react';
import { Alert, Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import type { Client } from '../../../../src-shared/contract';
import { ApiError } from '../../api';
import { useUpdateClient } from '../../api/clients';
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

function EditableContact({ client }: { client: Client }) {
  const initial = contactValuesOf(client);
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<ContactErrors>({});
  const update = useUpdateClient();
  const dirty = JSON.stringify(contactInputOf(values)) !== JSON.stringify(contactInputOf(initial));
  useUnsavedChanges(dirty);

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
    update.mutate(
      { id: client.id, fields: changedContactFields(client, checked.fields) },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: 'Client saved' }),
        onError: (error) => {
          if (error instanceof ApiError) {
            setErrors(error.fields);
            focusFirstInvalidField(form);
          }
        },
      },
    );
  }

  function cancel() {
    setValues(initial);
    setErrors({});
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
