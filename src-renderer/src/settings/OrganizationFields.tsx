import { TextInput } from '@mantine/core';
import type { OrganizationSettings } from '../../../src-shared/contract';
import { TimeZonePicker } from './TimeZonePicker';

type OrganizationErrors = Partial<Record<keyof OrganizationSettings, string>>;

/**
 * The organization's name, the staff member's name and the time zone, worded
 * the same in the first-run setup and in Settings → General. `firstRun` adds
 * example placeholders and puts the cursor in the first field.
 */
export function OrganizationFields({
  values,
  errors,
  onChange,
  firstRun = false,
}: {
  values: OrganizationSettings;
  errors: OrganizationErrors;
  onChange: (values: OrganizationSettings) => void;
  firstRun?: boolean;
}) {
  return (
    <>
      <TextInput
        label="Organization name"
        description="Shown at the top of every page."
        placeholder={firstRun ? 'Sunny Acres Stables' : undefined}
        required
        data-autofocus={firstRun || undefined}
        autoFocus={firstRun}
        value={values.organizationName}
        onChange={(e) => onChange({ ...values, organizationName: e.currentTarget.value })}
        error={errors.organizationName}
      />
      <StaffNameField
        value={values.staffName}
        onChange={(staffName) => onChange({ ...values, staffName })}
        error={errors.staffName}
        firstRun={firstRun}
      />
      <TimeZonePicker
        description="Times are shown in this zone, and the nightly QuickBooks sync runs at 2:00 AM in it."
        value={values.timeZone}
        onChange={(timeZone) => onChange({ ...values, timeZone })}
        error={errors.timeZone}
      />
    </>
  );
}

/**
 * Each computer has its own name (its own row in a shared database): the
 * person at the front desk signs as themselves, the barn manager as themselves.
 */
export function StaffNameField({
  value,
  onChange,
  error,
  firstRun = false,
  autoFocus = false,
}: {
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  firstRun?: boolean;
  autoFocus?: boolean;
}) {
  return (
    <TextInput
      label="Your name (this computer)"
      description="Signs the notes, imports and merges made on this computer. Each computer keeps its own."
      placeholder={firstRun ? 'Jane Miller' : undefined}
      required
      autoComplete="name"
      data-autofocus={autoFocus || undefined}
      autoFocus={autoFocus}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
    />
  );
}
