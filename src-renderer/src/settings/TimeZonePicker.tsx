import { useMemo } from 'react';
import { Select, type ComboboxItem, type OptionsFilter } from '@mantine/core';
import { todaysTimeZoneOptions, type TimeZoneOption } from './time-zones';
import { timeZonesShown } from './time-zones-shown';
import classes from './TimeZonePicker.module.css';

interface TimeZonePickerProps {
  value: string;
  onChange: (zone: string) => void;
  error?: string;
  label?: string;
  description?: string;
}

/** A time zone chosen by city, zone name or abbreviation, each shown with its offset today. */
export function TimeZonePicker({
  value,
  onChange,
  error,
  label = 'Time zone',
  description,
}: TimeZonePickerProps) {
  // Offsets are those of today: enough to tell zones apart.
  const options = useMemo(() => todaysTimeZoneOptions(value ? [value] : []), [value]);
  const byValue = useMemo(() => new Map(options.map((o) => [o.value, o])), [options]);
  const filter: OptionsFilter = ({ options: items, search, limit }) => {
    const described = (items as ComboboxItem[])
      .map((item) => byValue.get(item.value))
      .filter((o): o is TimeZoneOption => o !== undefined);
    return timeZonesShown(described, search, limit ?? Infinity).map((o) => ({
      value: o.value,
      label: o.label,
    }));
  };

  return (
    <Select
      label={label}
      description={description}
      placeholder="Type a city, like New York, or a zone, like Eastern or CET"
      searchable
      required
      data={options.map((o) => ({ value: o.value, label: o.label }))}
      value={value || null}
      onChange={(zone) => zone && onChange(zone)}
      filter={filter}
      limit={50}
      // Mantine opens the list scrolled to the chosen (active) zone, and the arrow keys go on from it.
      classNames={{ option: classes.option }}
      allowDeselect={false}
      error={error}
      nothingFoundMessage="No time zone matches. Try a nearby big city."
      data-testid="time-zone-picker"
    />
  );
}
