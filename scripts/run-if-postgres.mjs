// Runs a command only when a PostgreSQL server for tests is at hand
// (scripts/with-postgres.sh sets EQUINEOPS_TEST_POSTGRES_URL). Without one it
// says how to get one and succeeds, so `npm test` works on a machine without
// PostgreSQL, unless EQUINEOPS_REQUIRE_POSTGRES=1 (CI) makes that a failure.
import { spawnSync } from 'node:child_process';

const [command, ...args] = process.argv.slice(2);
if (!process.env.EQUINEOPS_TEST_POSTGRES_URL) {
  const message =
    "PostgreSQL tests skipped: no test server. Run `bash scripts/with-postgres.sh npm test` (needs Debian's postgresql).";
  if (process.env.EQUINEOPS_REQUIRE_POSTGRES === '1') {
    console.error(message.replace('skipped', 'required'));
    process.exit(1);
  }
  console.log(message);
  process.exit(0);
}
const run = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(run.status ?? 1);
