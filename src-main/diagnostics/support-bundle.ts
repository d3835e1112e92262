import { strToU8, zipSync } from 'fflate';
import type { OrganizationSettings, SyncRun } from '../../src-shared/contract';
import { redactSecrets } from '../secret-redaction';

/** What goes into the bundle; gathered by diagnostics-handlers.ts, packed here. */
export interface SupportBundleParts {
  createdAt: Date;
  /** The redacted log files, oldest line first. */
  log: string;
  versions: Record<string, string | null>;
  organization: OrganizationSettings;
  /** Every other stored setting; secret-looking ones are left out here. */
  storedSettings: { key: string; value: string }[];
  desktop: Record<string, unknown> | null;
  /** The last sync runs, newest first. */
  syncRuns: SyncRun[];
  /** PRAGMA integrity_check: ["ok"] for a sound file. */
  integrity: string[];
}

export const BUNDLE_FILES = [
  'README.txt',
  'log.txt',
  'versions.json',
  'settings.json',
  'sync-runs.json',
  'database-check.txt',
] as const;

/** Support needs what went wrong, not whom it was about: client addresses are masked. */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/** A setting whose name says it holds a key, token or password never leaves the computer. */
const SECRET_SETTING = /token|secret|password|passphrase|credential|key$/i;

/**
 * The zip staff send to support. Secrets live in the OS keychain and never in
 * these sources, but every file still passes through the redaction once more:
 * a token quoted in an error message or a sync run's detail must not leave
 * the barn inside a support bundle. No client records go in; an email address
 * an error message quoted is masked.
 */
export function buildSupportBundle(parts: SupportBundleParts): Uint8Array {
  const settings = {
    organization: parts.organization,
    desktop: parts.desktop,
    stored: Object.fromEntries(
      parts.storedSettings
        .filter(({ key }) => !SECRET_SETTING.test(key))
        .map(({ key, value }) => [key, value]),
    ),
  };
  const texts: Record<(typeof BUNDLE_FILES)[number], string> = {
    'README.txt': [
      'EquineOps Client Sync diagnostics',
      `Made ${parts.createdAt.toISOString()}.`,
      '',
      'log.txt          the app log (secrets and email addresses removed)',
      'versions.json    app, operating system and Electron or Node versions',
      'settings.json    settings, without passwords, tokens or keys',
      `sync-runs.json   the last ${parts.syncRuns.length} QuickBooks sync runs`,
      'database-check.txt  SQLite integrity check of the client database',
      '',
    ].join('\n'),
    'log.txt': parts.log || '(the log is empty)\n',
    'versions.json': json(parts.versions),
    'settings.json': json(settings),
    'sync-runs.json': json(parts.syncRuns),
    'database-check.txt': `${parts.integrity.join('\n')}\n`,
  };
  const files = Object.fromEntries(
    Object.entries(texts).map(([name, text]) => [
      name,
      strToU8(redactSecrets(text).replace(EMAIL, '[email]')),
    ]),
  );
  return zipSync(files, { level: 6, mtime: parts.createdAt });
}

/** e.g. equineops-diagnostics-2026-03-02-1015.zip (local time, as staff would look for it). */
export function bundleFileName(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  return `equineops-diagnostics-${day}-${pad(at.getHours())}${pad(at.getMinutes())}.zip`;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
