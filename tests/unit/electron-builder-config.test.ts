import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The installers' configuration (electron-builder.json), checked where no
 * installer can be built: `npm run package` needs Electron's download host.
 * The checks use electron-builder's own schema validation and its own file
 * matcher, so they read the file the way `npm run package` will.
 */
const root = resolve(import.meta.dirname, '../..');
const config = JSON.parse(readFileSync(join(root, 'electron-builder.json'), 'utf8')) as {
  appId: string;
  productName: string;
  icon: string;
  directories: { buildResources: string; output: string };
  files: string[];
  asarUnpack: string[];
  win: { target: { target: string; arch: string[] }[]; icon: string };
  nsis: Record<string, unknown>;
  mac: { target: { target: string; arch: string[] }[]; icon: string };
  linux: { target: { target: string; arch: string[] }[]; icon: string };
};
const require = createRequire(import.meta.url);

type Filter = (file: string, stat: { isDirectory(): boolean }) => boolean;
function packedFilter(): Filter {
  const { FileMatcher } = require('app-builder-lib/out/fileMatcher') as {
    FileMatcher: new (
      from: string,
      to: string,
      expand: (s: string) => string,
      patterns: string[],
    ) => { createFilter(): Filter };
  };
  return new FileMatcher(root, root, (s) => s, config.files).createFilter();
}
const file = { isDirectory: () => false };

describe('the installers configuration', () => {
  it('is valid for electron-builder’s own schema', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as {
      DebugLogger: new (on: boolean) => unknown;
    };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(
      validateConfiguration({ ...config, nsis: { oneClik: false } }, new DebugLogger(false)),
    ).rejects.toThrow(/configuration\.nsis/);
  });

  it('builds a per-user Windows installer with a Start-menu entry, a universal dmg, an AppImage and a deb', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowElevation: false,
      createStartMenuShortcut: true,
    });
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['universal'] }]);
    expect(config.linux.target.map((t) => t.target)).toEqual(['AppImage', 'deb']);
  });

  it('offers to start at sign-in on the installer’s finish page, under the app’s own login-item name', () => {
    expect(config.nsis.include).toBe('resources/installer.nsh');
    const script = readFileSync(join(root, config.nsis.include as string), 'utf8');
    expect(script).toMatch(/!macro customFinishPage[\s\S]*MUI_FINISHPAGE_SHOWREADME_FUNCTION/);
    // The value the app's setLoginItemSettings writes (named by the AppUserModelId = appId).
    expect(script).toMatch(
      /WriteRegStr HKCU "Software\\Microsoft\\Windows\\CurrentVersion\\Run" "\$\{APP_ID\}" .*--in-tray/,
    );
    expect(script).toMatch(/!macro customUnInstall[\s\S]*DeleteRegValue HKCU/);
  });

  it('takes its id, name and icons from resources/', () => {
    expect(config.appId).toBe('com.equineops.clientsync');
    expect(config.productName).toBe('EquineOps Client Sync');
    expect(config.directories.buildResources).toBe('resources');
    for (const icon of [config.icon, config.win.icon, config.mac.icon, config.linux.icon]) {
      expect(icon).toBe('resources/icon.png');
      expect(existsSync(join(root, icon))).toBe(true);
    }
    // electron-builder makes the .ico and .icns from a PNG of at least 512 pixels.
    const png = readFileSync(join(root, config.icon));
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
  });

  it('unpacks the native modules from the asar so they can be loaded', () => {
    const { minimatch } = require('minimatch') as {
      minimatch(path: string, pattern: string): boolean;
    };
    const unpacked = (path: string) => config.asarUnpack.some((p) => minimatch(path, p));
    expect(unpacked('node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(true);
    expect(unpacked('node_modules/keytar/build/Release/keytar.node')).toBe(true);
    expect(unpacked('node_modules/better-sqlite3/lib/database.js')).toBe(false);
    // …and rebuilt for Electron's Node ABI from the prebuilt binaries, not from source.
    expect(config).toMatchObject({ npmRebuild: true, buildDependenciesFromSource: false });
    const app = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    for (const native of ['better-sqlite3', 'keytar']) {
      expect({ ...app.dependencies, ...app.optionalDependencies }, native).toHaveProperty(native);
    }
  });

  it('packs the built app and leaves out tests, the sandbox, fixtures and benchmarks', () => {
    const packed = packedFilter();
    const ships = (path: string) => packed(join(root, path), file);
    expect(ships('out/main/index.js')).toBe(true);
    expect(ships('out/preload/index.cjs')).toBe(true);
    expect(ships('out/renderer/index.html')).toBe(true);
    expect(ships('package.json')).toBe(true);
    for (const path of [
      'tests/e2e/clients.spec.ts',
      'tests/support/electron-double/electron.ts',
      'tests/bench/run.ts',
      'qbo-sandbox/cli.ts',
      'qbo-sandbox/fixtures/customers.json',
      'tests/unit/import-corpus/fixtures/barn.csv',
      'src-main/core.ts',
      'src-main/core.test.ts',
      'bench-results/latest.json',
      'out/main/index.js.map',
    ]) {
      expect(ships(path), path).toBe(false);
    }
  });
});
