// TEST ONLY: the process the migration kill test kills. It opens the data file
// in KILL_CHILD_FILE (running every pending migration) and SIGKILLs itself
// right after SQLite statement number KILL_AFTER_STATEMENT completes. Run to
// the end (no KILL_AFTER_STATEMENT), it prints how many statements it ran.
import SQLite from 'better-sqlite3';
import { openDatabase } from '../open-database';

const file = process.env.KILL_CHILD_FILE;
if (!file) throw new Error('KILL_CHILD_FILE is required');
const killAfter = Number(process.env.KILL_AFTER_STATEMENT ?? Infinity);

let statements = 0;
function countedOne(): void {
  statements += 1;
  if (statements >= killAfter) process.kill(process.pid, 'SIGKILL');
}

// Every statement better-sqlite3 runs goes through a Statement's run/all/get/
// iterate (pragma() too) or Database#exec; count each as it completes.
const probe = new SQLite(':memory:');
const statementMethods = Object.getPrototypeOf(probe.prepare('select 1')) as Record<
  string,
  (...args: unknown[]) => unknown
>;
probe.close();
for (const method of ['run', 'all', 'get', 'iterate']) {
  const original = statementMethods[method]!;
  statementMethods[method] = function (this: unknown, ...args: unknown[]) {
    const result = original.apply(this, args);
    countedOne();
    return result;
  };
}
const databaseMethods = SQLite.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
const originalExec = databaseMethods.exec!;
databaseMethods.exec = function (this: unknown, ...args: unknown[]) {
  const result = originalExec.apply(this, args);
  countedOne();
  return result;
};

const opened = await openDatabase(file);
await opened.close();
process.stdout.write(`${JSON.stringify({ statements })}\n`);
