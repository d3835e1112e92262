import type { ReactNode } from 'react';
import { Checkbox, Fieldset, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { AddressValues, ContactErrors, ContactFormValues } from './contact-form';

interface ContactFieldsFormProps {
  values: ContactFormValues;
  errors: ContactErrors;
  onChange: (values: ContactFormValues) => void;
  /** Shown right under the email and phones, where what it says about them is seen while typing. */
  afterContact?: ReactNode;
  /** A dialog opens with the cursor in Display name (Mantine's `data-autofocus`), not on its close button. */
  focusNameFirst?: boolean;
}

type TextField = Exclude<
  keyof ContactFormValues,
  'billingAddress' | 'shippingAddress' | 'shippingSameAsBilling'
>;

const addressParts: { key: keyof AddressValues; label: string; autoComplete: string }[] = [
  { key: 'street', label: 'Street', autoComplete: 'street-address' },
  { key: 'city', label: 'City', autoComplete: 'address-level2' },
  { key: 'region', label: 'State / region', autoComplete: 'address-level1' },
  { key: 'postalCode', label: 'Postal code', autoComplete: 'postal-code' },
  { key: 'country', label: 'Country', autoComplete: 'country-name' },
];

/**
 * After a refused save, puts the cursor in the first field marked wrong: in a
 * long form (or a scrolled dialog) the message may be out of sight.
 */
export function focusFirstInvalidField(form: HTMLFormElement): void {
  requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}

/** The contact inputs of a custom client, shared by "New client" and the profile. */
export function ContactFieldsForm({
  values,
  errors,
  onChange,
  afterContact,
  focusNameFirst = false,
}: ContactFieldsFormProps) {
  function text(
    field: TextField,
    label: string,
    extra: { required?: boolean; type?: string; autoFocus?: boolean } = {},
  ) {
    return (
      <TextInput
        label={label}
        value={values[field]}
        onChange={(event) => onChange({ ...values, [field]: event.currentTarget.value })}
        error={errors[field]}
        required={extra.required}
        type={extra.type}
        name={field}
        data-autofocus={extra.autoFocus || undefined}
      />
    );
  }

  function address(which: 'billingAddress' | 'shippingAddress', legend: string) {
    const current = values[which];
    return (
      <Fieldset legend={legend} variant="filled">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {addressParts.map((part) => (
            <TextInput
              key={part.key}
              label={part.label}
              aria-label={`${legend}: ${part.label}`}
              autoComplete={part.autoComplete}
              value={current[part.key]}
              onChange={(event) =>
                onChange({
                  ...values,
                  [which]: { ...current, [part.key]: event.currentTarget.value },
                })
              }
              error={errors[`${which}.${part.key}`]}
              name={`${which}.${part.key}`}
            />
          ))}
        </SimpleGrid>
      </Fieldset>
    );
  }

  return (
    <Stack gap="sm">
      {text('displayName', 'Display name', { required: true, autoFocus: focusNameFirst })}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {text('givenName', 'First name')}
        {text('familyName', 'Last name')}
        {text('companyName', 'Company')}
        {text('contactPerson', 'Contact person')}
        {text('email', 'Email', { type: 'email' })}
        {text('phone', 'Phone', { type: 'tel' })}
        {text('mobile', 'Mobile', { type: 'tel' })}
        {text('customerType', 'Customer type')}
      </SimpleGrid>
      {afterContact}
      {address('billingAddress', 'Billing address')}
      <Checkbox
        label="Shipping address same as billing"
        checked={values.shippingSameAsBilling}
        onChange={(event) =>
          onChange({ ...values, shippingSameAsBilling: event.currentTarget.checked })
        }
      />
      {!values.shippingSameAsBilling && address('shippingAddress', 'Shipping address')}
    </Stack>
  );
}
