import {
  ContactFields,
  type Address,
  type Client,
  type ContactFieldsInput,
} from '../../../src-shared/contract';

/** What the contact inputs hold: plain strings, blank meaning "none". */
export interface AddressValues {
  street: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

export interface ContactFormValues {
  displayName: string;
  givenName: string;
  familyName: string;
  companyName: string;
  contactPerson: string;
  email: string;
  phone: string;
  mobile: string;
  customerType: string;
  billingAddress: AddressValues;
  shippingAddress: AddressValues;
  shippingSameAsBilling: boolean;
}

/** Field errors keyed by the contract's paths ("email", "billingAddress.city"), as the server sends them. */
export type ContactErrors = Record<string, string>;

const blankAddress: AddressValues = {
  street: '',
  city: '',
  region: '',
  postalCode: '',
  country: '',
};

export const emptyContactValues: ContactFormValues = {
  displayName: '',
  givenName: '',
  familyName: '',
  companyName: '',
  contactPerson: '',
  email: '',
  phone: '',
  mobile: '',
  customerType: '',
  billingAddress: blankAddress,
  shippingAddress: blankAddress,
  shippingSameAsBilling: true,
};

function addressValues(address: Address | null): AddressValues {
  return {
    street: address?.street ?? '',
    city: address?.city ?? '',
    region: address?.region ?? '',
    postalCode: address?.postalCode ?? '',
    country: address?.country ?? '',
  };
}

export function contactValuesOf(client: Client): ContactFormValues {
  const billing = addressValues(client.billingAddress);
  const shipping = addressValues(client.shippingAddress);
  return {
    displayName: client.displayName,
    givenName: client.givenName ?? '',
    familyName: client.familyName ?? '',
    companyName: client.companyName ?? '',
    contactPerson: client.contactPerson ?? '',
    email: client.email ?? '',
    phone: client.phone ?? '',
    mobile: client.mobile ?? '',
    customerType: client.customerType ?? '',
    billingAddress: billing,
    shippingAddress: shipping,
    shippingSameAsBilling:
      client.shippingAddress === null || JSON.stringify(billing) === JSON.stringify(shipping),
  };
}

function orNull(value: string): string | null {
  return value.trim() === '' ? null : value.trim();
}

function addressOrNull(values: AddressValues): Address | null {
  const address: Address = {
    street: orNull(values.street),
    city: orNull(values.city),
    region: orNull(values.region),
    postalCode: orNull(values.postalCode),
    country: orNull(values.country),
  };
  return Object.values(address).every((part) => part === null) ? null : address;
}

export function contactInputOf(values: ContactFormValues): ContactFieldsInput {
  const billingAddress = addressOrNull(values.billingAddress);
  return {
    displayName: values.displayName,
    givenName: orNull(values.givenName),
    familyName: orNull(values.familyName),
    companyName: orNull(values.companyName),
    contactPerson: orNull(values.contactPerson),
    email: orNull(values.email),
    phone: orNull(values.phone),
    mobile: orNull(values.mobile),
    customerType: orNull(values.customerType),
    billingAddress,
    shippingAddress: values.shippingSameAsBilling
      ? billingAddress
      : addressOrNull(values.shippingAddress),
  };
}

/** Checks the values with the contract's own schema, the one the core applies too. */
export function validateContact(
  values: ContactFormValues,
): { ok: true; fields: ContactFields } | { ok: false; errors: ContactErrors } {
  const parsed = ContactFields.safeParse(contactInputOf(values));
  if (parsed.success) return { ok: true, fields: parsed.data };
  const errors: ContactErrors = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.join('.');
    errors[path] ??=
      issue.code === 'too_big'
        ? `Keep this under ${String(issue.maximum)} characters`
        : issue.message;
  }
  return { ok: false, errors };
}

/** The fields whose value differs from the client's, for a partial update. */
export function changedContactFields(
  client: Client,
  fields: ContactFields,
): Partial<ContactFields> {
  const changed: Partial<Record<keyof ContactFields, unknown>> = {};
  for (const key of Object.keys(fields) as (keyof ContactFields)[]) {
    const before =
      key === 'billingAddress' || key === 'shippingAddress'
        ? addressOrNull(addressValues(client[key]))
        : client[key];
    if (JSON.stringify(fields[key]) !== JSON.stringify(before)) changed[key] = fields[key];
  }
  return changed as Partial<ContactFields>;
}

function valueAt(values: ContactFormValues, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (at, key) =>
        at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined,
      values,
    );
}

/**
 * The errors still true after an edit: a changed field is re-checked with the shared rule (so a
 * fixed address loses its message and a still-wrong one says why now); untouched fields keep theirs.
 */
export function errorsAfterChange(
  before: ContactFormValues,
  after: ContactFormValues,
  errors: ContactErrors,
): ContactErrors {
  const paths = Object.keys(errors);
  if (paths.length === 0) return errors;
  const changed = paths.filter(
    (path) => JSON.stringify(valueAt(before, path)) !== JSON.stringify(valueAt(after, path)),
  );
  if (changed.length === 0) return errors;
  const checked = validateContact(after);
  const next: ContactErrors = { ...errors };
  for (const path of changed) {
    const now = checked.ok ? undefined : checked.errors[path];
    if (now === undefined) delete next[path];
    else next[path] = now;
  }
  return next;
}
