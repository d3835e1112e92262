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
      <TextInput
        label="Your name"
        description="Signs the notes, imports and merges you make on this computer."
        placeholder={firstRun ? 'Jane Miller' : undefined}
        required
        autoComplete="name"
        value={values.staffName}
        onChange={(e) => onChange({ ...values, staffName: e.currentTarget.value })}
        error={errors.staffName}
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
