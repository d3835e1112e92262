import { useState, type FormEvent } from 'react';
import { Alert, Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import type { Client } from '../../../../src-shared/contract';
import { ApiError } from '../../api';
import { useUpdateClient } from '../../api/clients';
import { ContactFieldsForm, focusFirstInvalidField } from '../ContactFieldsForm';
import {
  changedContactFields,
  contactInputOf,
  contactValuesOf,
  validateContact,
  type ContactErrors,
} from '../contact-form';
import { ProfileSection } from './ProfileSection';

/** Contact details: grayed for QuickBooks clients, editable for custom ones. */
export function ContactSection({ client }: { client: Client }) {
  const initial = contactValuesOf(client);
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<ContactErrors>({});
  const update = useUpdateClient();
  const readOnly = client.source === 'quickbooks';
  const dirty = JSON.stringify(contactInputOf(values)) !== JSON.stringify(contactInputOf(initial));

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
      {readOnly && (
        <Alert color="gray" icon={<IconLock aria-hidden />} mb="md" data-testid="read-only-alert">
          Contact details come from QuickBooks and are read-only here. Edit them in QuickBooks; the
          changes arrive here with the next sync.
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <ContactFieldsForm
          values={values}
          errors={errors}
          onChange={setValues}
          readOnly={readOnly}
        />
        {!readOnly && (
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={cancel} disabled={!dirty || update.isPending}>
              Cancel
            </Button>
            <Button type="submit" disabled={!dirty} loading={update.isPending}>
              Save
            </Button>
          </Group>
        )}
      </form>
    </ProfileSection>
  );
}
