// TEST ONLY: the process the crash test kills. It opens the core on a data
// folder and runs one customer sync against the parent's sandbox; the parent
// SIGKILLs it at a random moment and starts it again.
import { createCore } from '../../core';
import type { PostgresTarget } from '../../db/database-target';
import { createNodePorts } from '../../platform/node/node-ports';
import { sandboxEndpoints } from '../../quickbooks/quickbooks-config';
import { createFileSecretStoreForTests } from './file-secret-store-for-tests';

interface ChildArgs {
  dataDir: string;
  sandboxUrl: string;
  clientId: string;
  clientSecret: string;
  secretsFile: string;
  /** The parent's shared database in the PostgreSQL run; null: the data folder's file. */
  database: PostgresTarget | null;
  mode: 'auto' | 'full';
}

// What the child prints once a page is in (crash-resume.test.ts waits for these very words):
// not a word the core's own log lines use, as "started" is ("[sync] run 3 started").
const PAGE_APPLIED = 'crash-child: a page is applied';

const args = JSON.parse(process.env.CRASH_CHILD_ARGS ?? '{}') as ChildArgs;
const core = await createCore({
  dataDir: args.dataDir,
  database: args.database ?? undefined,
  host: 'browser',
  warmWorker: true,
  ports: createNodePorts({
    secrets: createFileSecretStoreForTests(args.secretsFile),
    launchBrowser: false,
  }),
  quickbooks: {
    clientId: args.clientId,
    clientSecret: args.clientSecret,
    environment: 'sandbox',
    redirectUri: null,
    endpoints: sandboxEndpoints(args.sandboxUrl),
  },
});
let announced = false;
core.events.subscribe((event, payload) => {
  // The parent starts its kill timer once a page is in: on a busy computer a page can take
  // longer than the kill window, and kills must land mid-pass, not before the first page.
  if (event === 'sync.progress' && (payload as { applied: number }).applied > 0 && !announced) {
    announced = true;
    process.stdout.write(`${PAGE_APPLIED}\n`);
  }
});
const run = await core.sync.run('manual', { mode: args.mode });
process.stdout.write(
  `${JSON.stringify({ result: run.result, kind: run.kind, counts: run.counts, message: run.message, detail: run.detail })}\n`,
);
await core.close();
process.exit(0);
