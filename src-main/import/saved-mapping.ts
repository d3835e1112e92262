import { ColumnMapping, ImportField } from '../../src-shared/contract';
import { headerSetKey, normalizeHeader } from '../../src-shared/import/column-synonyms';
import type { Db } from '../db/open-database';
import { readSetting, writeSettings } from '../settings/settings-repository';

/**
 * The last mapping chosen for a set of columns, kept in the settings table
 * under the folded header names, so next month's export of the same list maps
 * itself even if its columns moved.
 */

function settingKey(headers: readonly string[]): string {
  return `import.mapping:${headerSetKey(headers)}`;
}

export async function readSavedMapping(
  db: Db,
  headers: readonly string[],
): Promise<ColumnMapping | null> {
  const saved = await readSetting(db, settingKey(headers));
  if (saved === undefined) return null;
  let byHeader: Record<string, unknown>;
  try {
    byHeader = JSON.parse(saved) as Record<string, unknown>;
  } catch {
    return null;
  }
  const mapping = headers.map((h) => {
    const parsed = ImportField.safeParse(byHeader[normalizeHeader(h)]);
    return parsed.success ? parsed.data : null;
  });
  return ColumnMapping.parse(mapping);
}

export async function saveMapping(
  db: Db,
  headers: readonly string[],
  mapping: ColumnMapping,
): Promise<void> {
  const byHeader = Object.fromEntries(
    headers.map((h, i) => [normalizeHeader(h), mapping[i] ?? null]),
  );
  await writeSettings(db, { [settingKey(headers)]: JSON.stringify(byHeader) });
}
