import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

/**
 * Where the Electron executable is, without `require('electron')`: that
 * module tries to download the binary when it is missing, which cannot work
 * on these machines and must not be attempted from a test run.
 */
export function findElectronBinary(): ElectronBinary {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { found: false, reason: 'the electron package is not installed' };
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!relative && !override) {
    return {
      found: false,
      reason: 'no Electron binary was downloaded (node_modules/electron/path.txt is missing)',
    };
  }
  const binary = override
    ? join(override, relative || 'electron')
    : join(packageDir, 'dist', relative);
  return existsSync(binary)
    ? { found: true, path: binary }
    : { found: false, reason: `no Electron binary at ${binary}` };
}
