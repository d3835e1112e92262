/**
 * QBO reports times in the company's zone; the sandbox company sits in
 * Pacific Standard Time all year so every timestamp carries "-08:00",
 * which is what clients must be able to parse.
 */
const PACIFIC_OFFSET_MS = 8 * 60 * 60 * 1000;

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * MetaData times have whole seconds: "2026-11-20T10:15:00-08:00".
 * Hand-rolled (civil-from-days) because seeding 100,000 customers formats
 * 200,000 of these and Date#toISOString dominated the profile.
 */
export function formatQboTime(ms: number): string {
  const local = Math.floor((ms - PACIFIC_OFFSET_MS) / 1000);
  const days = Math.floor(local / 86400);
  const secs = local - days * 86400;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hh = Math.floor(secs / 3600);
  const mm = Math.floor((secs % 3600) / 60);
  return `${year}-${pad2(month)}-${pad2(day)}T${pad2(hh)}:${pad2(mm)}:${pad2(secs % 60)}-08:00`;
}

/** The response `time` field has milliseconds: "2026-11-20T10:15:00.123-08:00". */
export function formatResponseTime(ms: number): string {
  return new Date(ms - PACIFIC_OFFSET_MS).toISOString().slice(0, 23) + '-08:00';
}

/** Accepts any ISO 8601 form clients send (Z, offsets, date only). NaN when unreadable. */
export function parseQboTime(text: string): number {
  const trimmed = text.trim();
  // A bare date means midnight in the company's zone, as QBO reads it.
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return Date.parse(`${trimmed}T00:00:00-08:00`);
  return Date.parse(trimmed);
}
