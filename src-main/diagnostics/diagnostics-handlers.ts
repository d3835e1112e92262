import { arch, release, type } from 'node:os';
import type { AboutInfo } from '../../src-shared/contract';
import { bundledLicenses, findAppRoot } from '../about/bundled-licenses';
import { AppError } from '../errors';
import type { HandlerGroup } from '../api/handlers';
import type { CoreContext } from '../core-context';
import { readLogFolder } from '../logging/file-log';
import { readDesktopSettings } from '../settings/desktop-settings';
import { readOrganizationSettings } from '../settings/settings-repository';
import { listRuns } from '../sync/sync-log-repository';
import { integrityCheck, readAllSettings } from './diagnostics-repository';
import { buildSupportBundle, bundleFileName } from './support-bundle';

export interface DiagnosticsOptions {
  dataDir: string;
  /** Where the host writes its log file (see logging/file-log.ts). */
  logDir: string;
}

/** The runs a support bundle carries: enough to see a pattern, few enough to read. */
export const BUNDLE_SYNC_RUNS = 20;

/** The app, operating system and Electron (or Node, in the browser host) versions. */
export function runtimeVersions(
  ctx: Pick<CoreContext, 'host' | 'version'>,
): AboutInfo['versions'] & {
  app: string;
  host: string;
} {
  return {
    app: ctx.version,
    host: ctx.host,
    electron: process.versions.electron ?? null,
    chrome: process.versions.chrome ?? null,
    node: process.versions.node,
    os: `${type()} ${release()} (${arch()})`,
  };
}

/** Builds the support bundle zip; the Electron host's Help menu saves it with a dialog. */
export async function createSupportBundle(
  ctx: CoreContext,
  options: DiagnosticsOptions,
): Promise<{ fileName: string; zip: Uint8Array }> {
  const now = ctx.ports.clock.now();
  const [organization, storedSettings, desktop, runs, integrity] = await Promise.all([
    readOrganizationSettings(ctx.db, ctx.computer.id),
    readAllSettings(ctx.db),
    ctx.host === 'electron' ? readDesktopSettings(ctx.db) : Promise.resolve(null),
    listRuns(ctx.db, 0, BUNDLE_SYNC_RUNS),
    // A damaged file must not stop the bundle that would explain it.
    integrityCheck(ctx.db).catch((error: unknown) => [
      `The check could not run: ${error instanceof Error ? error.message : String(error)}`,
    ]),
  ]);
  const zip = buildSupportBundle({
    createdAt: now,
    log: readLogFolder(options.logDir),
    versions: runtimeVersions(ctx),
    organization,
    storedSettings,
    desktop: desktop ? { ...desktop } : null,
    syncRuns: runs.runs,
    integrity,
  });
  return { fileName: bundleFileName(now), zip };
}

export function diagnosticsHandlers(ctx: CoreContext, options: DiagnosticsOptions): HandlerGroup {
  return {
    'diagnostics.bundle': async () => {
      const { fileName, zip } = await createSupportBundle(ctx, options);
      return { fileName, zipBase64: Buffer.from(zip).toString('base64') };
    },
    'diagnostics.save': async () => {
      const files = ctx.ports.files;
      if (!files) {
        throw new AppError(
          'validation',
          'This window cannot show a save dialog; use Save diagnostics… to download the file instead.',
        );
      }
      const { fileName, zip } = await createSupportBundle(ctx, options);
      return { path: await files.saveAs(fileName, zip) };
    },
    'app.about': () => {
      const { electron, chrome, node, os } = runtimeVersions(ctx);
      return {
        host: ctx.host,
        version: ctx.version,
        dataFolder: options.dataDir,
        logFolder: options.logDir,
        versions: { electron, chrome, node, os },
        licenses: bundledLicenses(findAppRoot(import.meta.dirname), electron),
      };
    },
  };
}
