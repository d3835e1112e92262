import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { insertManyClients } from '../clients/client-fixtures';
import { countAllClients } from '../clients/clients-repository';
import type { Db } from '../db/open-database';
import { createNodePorts } from '../platform/node/node-ports';
import { createMemorySecretStoreForTests } from '../platform/node/memory-secret-store';
import { createKeytarSecretStore } from '../platform/keychain/keytar-secret-store';
import type { SecretStore } from '../platform/ports';
import { loadQuickBooksConfig } from '../quickbooks/quickbooks-config';
import { captureConsole } from '../logging/console-capture';
import { openFileLog } from '../logging/file-log';
import { log } from '../logging/core-log';
import { describeUnexpected } from '../logging/unexpected-error';
import { redactSecrets } from '../secret-redaction';
import { parsePostgresUrl } from '../db/database-target';
import { DatabasePasswords } from '../shared-database/database-password';
import { startBrowserHost } from './browser-host';
import { chooseDemoSecretStore } from './demo-token-place';

/**
 * `npm run host -- --data-dir DIR [--port 5180] [--seed-clients N]`
 * Starts the browser host and prints the address to open. Ctrl+C closes the
 * database cleanly.
 */
const usage = `Usage: npm run host -- --data-dir DIR [options]

  --data-dir DIR        folder for the client database (created if missing)
  --port N              port on 127.0.0.1 (default 5180; 0 = any free port)
  --static-dir DIR      built renderer to serve (default out/renderer)
  --seed-clients N      add N generated clients to an empty database (demo, benchmarks)
  --allow-origin URL    also accept calls from this origin (e.g. a Vite dev server); repeatable
  --test-hooks          expose GET /api/test/outbox for e2e tests (opened links, notifications)
  --memory-secrets      keep QuickBooks tokens in memory instead of the OS keychain (e2e only)
  --database-url URL    use a shared PostgreSQL database instead of the data folder's file:
                        postgres://USER@HOST:5432/DATABASE?sslmode=verify-full&sslrootcert=/ca.pem
                        (leave the password out: it is read from the OS keychain, entry
                        "EquineOps Database", account USER@HOST:PORT/DATABASE; a password in
                        the URL is visible to everyone on this computer in the process list).
                        Without it: EQUINEOPS_DATABASE_URL, then Settings → Data's choice.
  --demo                started by \`npm run demo\`: without an OS keychain, keep the local
                        sandbox company's tokens in memory (refused for any other QuickBooks address)
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string', default: '5180' },
      'static-dir': { type: 'string' },
      'seed-clients': { type: 'string' },
      'allow-origin': { type: 'string', multiple: true },
      'test-hooks': { type: 'boolean', default: false },
      'memory-secrets': { type: 'boolean', default: false },
      'database-url': { type: 'string' },
      demo: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || !values['data-dir']) {
    process.stdout.write(usage);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const port = wholeNumber(values.port, '--port');
  const seedClients =
    values['seed-clients'] === undefined
      ? 0
      : wholeNumber(values['seed-clients'], '--seed-clients');

  const dataDir = resolve(values['data-dir']);
  // Checked before anything starts; the message never repeats the URL (it may hold a password).
  const databaseUrl = values['database-url'];
  const database = databaseUrl ? parsePostgresUrl(databaseUrl, 'environment') : undefined;
  // The same rotated, redacted log file as the desktop app, in <data-dir>/logs (Settings → About shows it).
  captureConsole(openFileLog(join(dataDir, 'logs')));
  console.info('EquineOps browser host starting');

  let secrets: SecretStore | undefined;
  if (values['memory-secrets']) secrets = createMemorySecretStoreForTests();
  else if (values.demo) {
    // The same configuration the core would load (core.ts), so the address checked is the one used.
    const quickbooks = loadQuickBooksConfig(process.env, join(dataDir, 'quickbooks.json'));
    // A short probe: a server without D-Bus should not hold the demo's start for a minute.
    secrets = await chooseDemoSecretStore(
      createKeytarSecretStore(),
      quickbooks,
      createKeytarSecretStore({ timeoutMs: 10_000 }),
    );
    if (secrets.kept === 'memory')
      process.stdout.write(
        "Demo: this computer has no keychain, so the sandbox company's tokens are kept in memory " +
          'and forgotten when the demo stops.\n',
      );
  }

  const ports = createNodePorts({
    // The page opens links itself (see browser-host.ts); never launch a second browser.
    launchBrowser: false,
    secrets,
    ...(values['memory-secrets'] ? { databaseSecrets: createMemorySecretStoreForTests() } : {}),
  });
  const host = await startBrowserHost({
    dataDir,
    database:
      database && (await new DatabasePasswords(ports.databaseSecrets).withPassword(database)),
    port,
    host: '127.0.0.1',
    staticDir: values['static-dir'] ? resolve(values['static-dir']) : undefined,
    extraOrigins: values['allow-origin'],
    testHooks: values['test-hooks'],
    ports,
  });

  if (seedClients > 0) {
    await seedDemoClients(host.core.db, seedClients).catch(async (error: unknown) => {
      await host.close();
      throw error;
    });
  }

  // The address carries this launch's key: without it the host answers nothing (see launch-key.ts).
  process.stdout.write(
    `EquineOps browser host: open this address in a browser on this computer:\n\n  ${host.url}\n\n` +
      'It works until the host stops; each start makes a new one. Press Ctrl+C to stop.\n',
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1); // a second Ctrl+C means "now"
    stopping = true;
    process.stdout.write(`\n${signal}: closing the database…\n`);
    host.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('storage', `closing the database failed: ${describeUnexpected(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** Seeds only an empty database, so restarting with the same flags does not double the list. */
async function seedDemoClients(db: Db, count: number): Promise<void> {
  const n = await countAllClients(db);
  if (n > 0) {
    process.stdout.write(
      `--seed-clients: the database already has ${n} clients; not adding more.\n`,
    );
    return;
  }
  await insertManyClients(db, count, 1);
  process.stdout.write(`Added ${count} generated clients.\n`);
}

function wholeNumber(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${flag} must be a whole number, got "${value}".`);
  return n;
}

main().catch((error: unknown) => {
  console.error(redactSecrets(error instanceof Error ? error.message : String(error)));
  process.exit(1);
});
