import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ApiError } from '../api';
import { useCreateClient } from '../api/clients';
import { navigate } from '../routing/hash-route';
import { ContactFieldsForm, focusFirstInvalidField } from './ContactFieldsForm';
import { emptyContactValues, validateContact, type ContactErrors } from './contact-form';

interface NewClientModalProps {
  opened: boolean;
  onClose: () => void;
}

/** A manual client: kept here only, never sent to QuickBooks. */
export function NewClientModal({ opened, onClose }: NewClientModalProps) {
  const [values, setValues] = useState(emptyContactValues);
  const [errors, setErrors] = useState<ContactErrors>({});
  const create = useCreateClient();

  function close() {
    setValues(emptyContactValues);
    setErrors({});
    create.reset();
    onClose();
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
    create.mutate(checked.fields, {
      onSuccess: (client) => {
        notifications.show({ color: 'teal', message: 'Client created' });
        close();
        navigate({ page: 'client', id: client.id });
      },
      onError: (error) => {
        if (error instanceof ApiError) {
          setErrors(error.fields);
          focusFirstInvalidField(form);
        }
      },
    });
  }

  return (
    <Modal opened={opened} onClose={close} title="New client" size="lg">
      <form onSubmit={submit} noValidate data-testid="new-client-form">
        <Text size="sm" c="dimmed" mb="md">
          A custom client lives only in EquineOps and is not synced to QuickBooks. If this person is
          billed through QuickBooks, create them there instead and sync.
        </Text>
        <ContactFieldsForm values={values} errors={errors} onChange={setValues} />
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Create client
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
