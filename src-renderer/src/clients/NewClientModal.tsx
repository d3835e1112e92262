import { useRef, useState } from 'react';
import { Button, Group, Modal, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import type { ContactMatch, ContactMatchQuery } from '../../../src-shared/contract';
import { api, ApiError } from '../api';
import { useContactMatches, useCreateClient } from '../api/clients';
import { queryKeys } from '../api/query-keys';
import { navigate } from '../routing/hash-route';
import { leaveUnlessUnsaved, useUnsavedChanges } from '../unsaved-changes/unsaved-changes';
import { ContactFieldsForm, focusFirstInvalidField } from './ContactFieldsForm';
import { DuplicateContactWarning } from './DuplicateContactWarning';
import {
  contactInputOf,
  emptyContactValues,
  errorsAfterChange,
  validateContact,
  type ContactErrors,
  type ContactFormValues,
} from './contact-form';

interface NewClientModalProps {
  opened: boolean;
  onClose: () => void;
}

/** Pause after typing before the email and phone are checked against the clients here. */
const MATCH_DELAY_MS = 300;

function matchQueryOf(values: ContactFormValues): ContactMatchQuery {
  return {
    email: values.email.trim() || null,
    phone: values.phone.trim() || null,
    mobile: values.mobile.trim() || null,
  };
}

/** A manual client: kept here only, never sent to QuickBooks. */
export function NewClientModal({ opened, onClose }: NewClientModalProps) {
  const [values, setValues] = useState(emptyContactValues);
  const [errors, setErrors] = useState<ContactErrors>({});
  const [submitMatches, setSubmitMatches] = useState<ContactMatch[] | null>(null);
  const create = useCreateClient();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [typed] = useDebouncedValue(matchQueryOf(values), MATCH_DELAY_MS);
  const matches = useContactMatches(typed);
  const dirty =
    opened &&
    JSON.stringify(contactInputOf(values)) !== JSON.stringify(contactInputOf(emptyContactValues));
  const forgetUnsaved = useUnsavedChanges(dirty);
  // Kept while a new check runs (no flicker), but gone once the email and phones are cleared.
  const asked = Boolean(typed.email ?? typed.phone ?? typed.mobile);
  const found = asked && matches.data && matches.data.length > 0 ? matches.data : null;
  const shown = submitMatches ?? found;

  function reset() {
    setValues(emptyContactValues);
    setErrors({});
    setSubmitMatches(null);
    create.reset();
  }

  function close() {
    forgetUnsaved();
    reset();
    onClose();
  }

  function askThenClose() {
    if (dirty) leaveUnlessUnsaved(close);
    else close();
  }

  function openMatch(match: ContactMatch) {
    close();
    navigate({ page: 'client', id: match.id });
  }

  /** Creates the client; unless `anyway`, first shows clients with the same email or phone. */
  async function save(form: HTMLFormElement, anyway: boolean) {
    const checked = validateContact(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstInvalidField(form);
      return;
    }
    setErrors({});
    if (!anyway) {
      // Checked again on submit: a quick typist can be faster than the pause above.
      const query = matchQueryOf(values);
      const found =
        query.email || query.phone || query.mobile
          ? await queryClient
              .fetchQuery({
                queryKey: queryKeys.contactMatches(query),
                queryFn: () => api['clients.contactMatches'](query),
              })
              .catch(() => [])
          : [];
      if (found.length > 0) {
        setSubmitMatches(found);
        // The warning sits under the email and phones, maybe scrolled out of the dialog: bring it to the keyboard.
        requestAnimationFrame(() => {
          const warning = form.querySelector<HTMLElement>(
            '[data-testid="duplicate-contact-warning"]',
          );
          warning?.scrollIntoView({ block: 'center' });
          warning?.querySelector<HTMLElement>('button')?.focus();
        });
        return;
      }
    }
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
    <Modal opened={opened} onClose={askThenClose} title="New client" size="lg">
      <form
        ref={formRef}
        onSubmit={(event) => {
          event.preventDefault();
          // Submitting again with the warning on screen is the user's "create anyway".
          void save(event.currentTarget, submitMatches !== null);
        }}
        noValidate
        data-testid="new-client-form"
      >
        <Text size="sm" c="dimmed" mb="md">
          A custom client lives only in EquineOps and is not synced to QuickBooks. If this person is
          billed through QuickBooks, create them there instead and sync.
        </Text>
        <ContactFieldsForm
          focusNameFirst
          values={values}
          errors={errors}
          onChange={(next) => {
            setErrors((shown) => errorsAfterChange(values, next, shown));
            setValues(next);
            setSubmitMatches(null);
          }}
          afterContact={
            shown && (
              <DuplicateContactWarning
                matches={shown}
                onOpen={openMatch}
                creating={create.isPending}
                onCreateAnyway={() => {
                  if (formRef.current) void save(formRef.current, true);
                }}
              />
            )
          }
        />
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={askThenClose}>
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
