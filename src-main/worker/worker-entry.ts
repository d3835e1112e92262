import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Where the database worker's code is. In a build, db-worker.js sits beside
 * the main bundle (electron.vite.config.ts names it as a second entry). Run
 * from TypeScript sources (tests, `npm run host` under tsx), the worker is
 * bundled with esbuild, once for each state of the sources: loaded through
 * tsx's loader instead, a worker took 1.5–2 s to start; bundled, ~0.5 s.
 */
export function databaseWorkerUrl(): Promise<URL> {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.ts')) {
    const bundled = 'db-worker.js';
    return Promise.resolve(pathToFileURL(join(dirname(here), bundled)));
  }
  fromSources ??= bundleFromSources(join(dirname(here), 'db-worker.ts'));
  return fromSources;
}

let fromSources: Promise<URL> | null = null;

async function bundleFromSources(entry: string): Promise<URL> {
  const sources = resolve(dirname(entry), '../..');
  // Inside the project so the bundle's bare imports (better-sqlite3) resolve to its node_modules.
  const folder = join(sources, 'node_modules/.cache/equineops');
  // One bundle per state of the sources, shared by every process (test files, children).
  const outfile = join(folder, `db-worker-${sourcesFingerprint(sources)}.mjs`);
  if (existsSync(outfile)) return pathToFileURL(outfile);
  const { build } = await import('esbuild');
  mkdirSync(folder, { recursive: true });
  const partial = `${outfile}.${process.pid}.tmp`;
  await build({
    entryPoints: [entry],
    outfile: partial,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    logLevel: 'silent',
  });
  renameSync(partial, outfile);
  return pathToFileURL(outfile);
}

function sourcesFingerprint(root: string): string {
  const hash = createHash('sha1');
  for (const folder of ['src-main', 'src-shared']) {
    for (const name of readdirSync(join(root, folder), { recursive: true }) as string[]) {
      if (!name.endsWith('.ts')) continue;
      const stat = statSync(join(root, folder, name));
      hash.update(`${folder}/${name}:${stat.size}:${stat.mtimeMs}\n`);
    }
  }
  return hash.digest('hex').slice(0, 16);
}
