import { matchTimeZones, type TimeZoneOption } from './time-zones';

/**
 * The zones the picker lists. A search shows its best `limit` matches; with nothing typed (the
 * picker just opened on the chosen zone) every zone is listed, because a cut-off list could
 * leave out the chosen one and the picker could not open scrolled to it.
 */
export function timeZonesShown(
  options: readonly TimeZoneOption[],
  search: string,
  limit: number,
): TimeZoneOption[] {
  const matches = matchTimeZones(options, search);
  return search.trim() === '' ? matches : matches.slice(0, limit);
}
