/**
 * Finding a time zone the way people say it: by city ("New York", "Berlin"),
 * by the zone's name ("Eastern", "Central European") or by its abbreviation
 * ("EST", "CET"). The names come from the browser's own Intl data, so they
 * follow daylight saving; only the abbreviations need a table, because Intl
 * gives "EST" for New York but "GMT+1" for Berlin.
 */

export interface TimeZoneOption {
  /** The IANA id stored in settings: "America/New_York". */
  value: string;
  /** "America/New_York — Eastern Time (UTC−05:00)" */
  label: string;
  /** "UTC−05:00" today (it changes with daylight saving). */
  offset: string;
  /** Lower-case words a search is matched against: city, region, zone names. */
  words: string;
  /** The zone's own names, lower-case ("eastern time", "eastern standard time"), which abbreviations point to. */
  names: readonly string[];
  city: string;
}

/**
 * Abbreviations people type, mapped to the generic zone name Intl reports
 * (en-US `longGeneric` or `long`). Daylight and standard forms both point to
 * the zone, since a barn in New York says "EST" in July too.
 */
const ABBREVIATIONS: Record<string, readonly string[]> = {
  est: ['Eastern Time'],
  edt: ['Eastern Time'],
  et: ['Eastern Time'],
  cst: ['Central Time'],
  cdt: ['Central Time'],
  ct: ['Central Time'],
  mst: ['Mountain Time', 'Mountain Standard Time'],
  mdt: ['Mountain Time'],
  mt: ['Mountain Time', 'Mountain Standard Time'],
  pst: ['Pacific Time'],
  pdt: ['Pacific Time'],
  pt: ['Pacific Time'],
  akst: ['Alaska Time'],
  akdt: ['Alaska Time'],
  hst: ['Hawaii-Aleutian Standard Time', 'Hawaii-Aleutian Time'],
  ast: ['Atlantic Time'],
  adt: ['Atlantic Time'],
  nst: ['Newfoundland Time'],
  gmt: ['Greenwich Mean Time', 'United Kingdom Time'],
  bst: ['United Kingdom Time'],
  ist: ['India Standard Time', 'Irish Standard Time', 'Ireland Time'],
  wet: ['Western European Time'],
  west: ['Western European Time'],
  cet: ['Central European Time'],
  cest: ['Central European Time'],
  eet: ['Eastern European Time'],
  eest: ['Eastern European Time'],
  msk: ['Moscow Standard Time', 'Moscow Time'],
  jst: ['Japan Standard Time', 'Japan Time'],
  aest: ['Australian Eastern Time'],
  aedt: ['Australian Eastern Time'],
  acst: ['Australian Central Time'],
  awst: ['Australian Western Standard Time', 'Australian Western Time'],
  nzst: ['New Zealand Time'],
  nzdt: ['New Zealand Time'],
  utc: ['Coordinated Universal Time'],
};

/** The zone most people mean by a name, listed before the others that share it. */
const PREFERRED = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
  'America/Halifax',
  'America/Toronto',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Berlin',
  'Europe/Paris',
  'Europe/Athens',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Auckland',
  'UTC',
];

function zoneName(zone: string, style: string, at: Date): string {
  try {
    return (
      new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        timeZoneName: style as Intl.DateTimeFormatOptions['timeZoneName'],
      })
        .formatToParts(at)
        .find((part) => part.type === 'timeZoneName')?.value ?? ''
    );
  } catch {
    return '';
  }
}

/** "GMT-05:00" → "UTC−05:00" (a true minus sign, as printed clocks show it). */
export function utcOffsetOf(zone: string, at: Date): string {
  const raw = zoneName(zone, 'longOffset', at);
  const match = /([+-])(\d{2}):(\d{2})/.exec(raw);
  if (!match) return 'UTC+00:00';
  return `UTC${match[1] === '-' ? '−' : '+'}${match[2]}:${match[3]}`;
}

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[_/\-.,()]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function describeTimeZone(zone: string, at: Date): TimeZoneOption {
  const generic = zoneName(zone, 'longGeneric', at);
  const long = zoneName(zone, 'long', at);
  const short = zoneName(zone, 'short', at);
  const offset = utcOffsetOf(zone, at);
  // Intl's generic name for UTC is an offset; its long name reads better.
  const name = generic.startsWith('GMT') ? long : generic;
  const city = zone.split('/').pop() ?? zone;
  return {
    value: zone,
    label: `${zone} — ${name} (${offset})`,
    offset,
    city: normalize(city),
    words: normalize([zone, generic, long, short, offset].join(' ')),
    names: [normalize(generic), normalize(long)],
  };
}

/** Every zone this browser knows, described (UTC too, which Intl leaves out of its list). */
export function allTimeZoneOptions(at: Date, extra: readonly string[] = []): TimeZoneOption[] {
  const zones = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC', ...extra]);
  return [...zones].map((zone) => describeTimeZone(zone, at));
}

let described: { day: string; options: TimeZoneOption[] } | null = null;

/**
 * The same, made once a day: describing ~420 zones builds ~1,700 Intl
 * formatters, too slow to repeat on every pick. Offsets change only with
 * daylight saving, so the day's list is right all day.
 */
export function todaysTimeZoneOptions(extra: readonly string[] = []): TimeZoneOption[] {
  const now = new Date();
  const day = now.toISOString().slice(0, 10);
  if (described?.day !== day) described = { day, options: allTimeZoneOptions(now) };
  const missing = extra.filter((zone) => !described!.options.some((o) => o.value === zone));
  return missing.length === 0
    ? described.options
    : [...described.options, ...missing.map((zone) => describeTimeZone(zone, now))];
}

function rankOf(option: TimeZoneOption, query: string, namesForAbbreviation: readonly string[]) {
  if (option.city === query) return 0;
  // The whole name, not a part of one: "Eastern Time" is not "Australian Eastern Time".
  const byAbbreviation = namesForAbbreviation.some((name) =>
    option.names.includes(normalize(name)),
  );
  if (byAbbreviation) return 1;
  if (option.city.startsWith(query)) return 2;
  if (option.words.split(' ').some((word) => word.startsWith(query))) return 3;
  // Letters inside a word only for longer, non-abbreviation searches: "est" is not "West Africa".
  if (namesForAbbreviation.length === 0 && query.length >= 4 && option.words.includes(query))
    return 4;
  return null;
}

/**
 * The options matching what was typed, best first: an exact city, then zones
 * named by the abbreviation, then cities and names starting with it, then (for
 * searches of four letters or more that are no abbreviation) any zone containing it. Among equals the zone most people mean comes first.
 */
export function matchTimeZones(
  options: readonly TimeZoneOption[],
  search: string,
): TimeZoneOption[] {
  const query = normalize(search);
  if (query === '') return [...options];
  const namesForAbbreviation = ABBREVIATIONS[query.replace(/ /g, '')] ?? [];
  const ranked: { option: TimeZoneOption; rank: number }[] = [];
  for (const option of options) {
    const rank = rankOf(option, query, namesForAbbreviation);
    if (rank !== null) ranked.push({ option, rank });
  }
  const preference = (zone: string) => {
    const index = PREFERRED.indexOf(zone);
    return index === -1 ? PREFERRED.length : index;
  };
  ranked.sort(
    (a, b) =>
      a.rank - b.rank ||
      preference(a.option.value) - preference(b.option.value) ||
      a.option.value.localeCompare(b.option.value),
  );
  return ranked.map((r) => r.option);
}
