// `npm run demo`: builds the app and starts it against the local QuickBooks
// sandbox company. Runs the Electron app when its binary is present; otherwise
// the browser host, printing the address to open (this is the case on machines
// that cannot download Electron's binary).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const dataDir = process.env.EQUINEOPS_DATA_DIR ?? join(root, '.data', 'demo');
const sandboxPort = process.env.QBO_SANDBOX_PORT ?? '8765';
const hostPort = process.env.EQUINEOPS_PORT ?? '5180';
mkdirSync(dataDir, { recursive: true });

function electronBinary() {
  // Without its downloaded binary, requiring electron tries the download again and prints
  // a stack trace; path.txt is what the download leaves behind.
  if (!existsSync(join(root, 'node_modules', 'electron', 'path.txt'))) return null;
  try {
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function run(command, args, env = {}) {
  const child = spawn(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  children.push(child);
  return child;
}

const children = [];
const stopAll = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);

console.log('Building the app…');
const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

console.log(`Starting the QuickBooks sandbox company on port ${sandboxPort}…`);
run('npx', [
  'tsx',
  'qbo-sandbox/cli.ts',
  '--port',
  sandboxPort,
  '--customers',
  '5000',
  '--seed',
  '1',
  '--latency',
  '50',
]);

// The app reads its QuickBooks configuration from the environment (see README).
const qboEnv = {
  QBO_ENVIRONMENT: 'sandbox',
  QBO_BASE_URL: `http://127.0.0.1:${sandboxPort}`,
  // The sandbox's own development keys (qbo-sandbox/state.ts), not real Intuit keys.
  QBO_CLIENT_ID: 'ABsandboxClientId0000000000000000000000000000000000',
  QBO_CLIENT_SECRET: 'sandboxClientSecret00000000000000000000',
};

const electron = electronBinary();
if (electron) {
  console.log('Starting EquineOps Client Sync (Electron)…');
  run('npx', ['electron-vite', 'preview'], qboEnv).on('exit', (code) => {
    stopAll();
    process.exit(code ?? 0);
  });
} else {
  console.log('No Electron binary on this machine: starting the browser host instead.');
  run(
    'npx',
    // --demo: on a computer without an OS keychain the sandbox's tokens stay in memory (README, Security).
    ['tsx', 'src-main/server/cli.ts', '--data-dir', dataDir, '--port', hostPort, '--demo'],
    qboEnv,
  ).on('exit', (code) => {
    stopAll();
    process.exit(code ?? 0);
  });
  // The host prints the address to open: it carries a key made for this launch.
  console.log('The browser host prints the address to open (with its key) once it is ready.');
}
