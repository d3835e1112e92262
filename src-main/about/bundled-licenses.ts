import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LibraryLicense } from '../../src-shared/contract';

const APP_PACKAGE_NAME = 'equineops-client-sync';

interface PackageJson {
  name?: string;
  version?: string;
  license?: string | { type?: string };
  licenses?: { type?: string }[];
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/**
 * The app's own folder (the one with its package.json): the repository in
 * development and for the browser host, `resources/app.asar` in an installed
 * app, where Electron reads files inside the archive like a folder.
 */
export function findAppRoot(from: string): string | null {
  let dir = from;
  for (;;) {
    const manifest = readPackage(join(dir, 'package.json'));
    if (manifest?.name === APP_PACKAGE_NAME) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * The libraries shipped with the app and their licenses: the production
 * dependencies and everything they depend on, read from the installed
 * packages' package.json (the same files electron-builder packs), sorted by
 * name. Dev tools (vite, vitest, electron-builder) are not shipped and not listed.
 */
export function readBundledLicenses(appRoot: string): LibraryLicense[] {
  const app = readPackage(join(appRoot, 'package.json'));
  if (!app) return [];
  const found = new Map<string, LibraryLicense>();
  const queue = dependencyNames(app).map((name) => ({ name, from: appRoot }));
  while (queue.length > 0) {
    const { name, from } = queue.shift()!;
    const dir = packageDir(name, from, appRoot);
    if (!dir || found.has(dir)) continue;
    const manifest = readPackage(join(dir, 'package.json'));
    if (!manifest) continue;
    found.set(dir, {
      name,
      version: manifest.version ?? 'unknown',
      license: licenseOf(manifest),
    });
    for (const child of dependencyNames(manifest)) queue.push({ name: child, from: dir });
  }
  const unique = new Map<string, LibraryLicense>();
  for (const entry of found.values()) unique.set(`${entry.name}@${entry.version}`, entry);
  return [...unique.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version),
  );
}

let cached: LibraryLicense[] | null = null;

/**
 * Read once per run: the installed packages do not change while the app is
 * open. The desktop app also ships Electron itself (a devDependency, since
 * electron-builder adds it), so it is listed when running in it.
 */
export function bundledLicenses(
  appRoot: string | null,
  electronVersion: string | null = null,
): LibraryLicense[] {
  cached ??= appRoot ? readBundledLicenses(appRoot) : [];
  if (!electronVersion) return cached;
  const electron = { name: 'electron', version: electronVersion, license: 'MIT' };
  return [...cached, electron].sort(
    (a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version),
  );
}

/** Installed peers ship too (npm installs them beside the package that asks, as electron-builder packs them). */
function dependencyNames(manifest: PackageJson): string[] {
  return [
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.optionalDependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ];
}

/** Node's lookup: the package's own node_modules first, then each folder up to the app's. */
function packageDir(name: string, from: string, appRoot: string): string | null {
  let dir = from;
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === appRoot) return null;
    const parent = dirname(dir);
    // Stop at the app: node_modules above it are not shipped.
    if (parent === dir || !parent.startsWith(appRoot)) return null;
    dir = parent;
  }
}

function licenseOf(manifest: PackageJson): string {
  if (typeof manifest.license === 'string' && manifest.license) return manifest.license;
  if (typeof manifest.license === 'object' && manifest.license?.type) return manifest.license.type;
  const types = (manifest.licenses ?? []).map((l) => l.type).filter(Boolean);
  return types.length > 0 ? types.join(' OR ') : 'Unknown';
}

function readPackage(file: string): PackageJson | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
  } catch {
    return null;
  }
}
