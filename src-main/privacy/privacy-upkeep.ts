import type { CoreContext } from '../core-context';
import { removeOldOpenedCopies, type ClientDocuments } from '../documents/client-documents';
import { log } from '../logging/core-log';
import { describeUnexpected } from '../logging/unexpected-error';
import { pruneAccessLog } from './access-log';

const DAY_MS = 86_400_000;

/**
 * Once at start and then every day: access entries older than the retention
 * setting go, and documents removed longer ago than their undo window go
 * with their files (unless another document uses the same file), and so do
 * the temporary copies a day after they were opened with the system's app.
 */
export function startPrivacyUpkeep(
  ctx: CoreContext,
  documents: ClientDocuments,
): { run(): Promise<void>; stop(): void } {
  const run = async () => {
    try {
      await pruneAccessLog(ctx.db, ctx.ports.clock.now());
      await documents.purge();
      await documents.blobs.removeUnfinished();
      await removeOldOpenedCopies(ctx.ports.clock.now());
    } catch (error) {
      log.error('privacy', `daily upkeep failed: ${describeUnexpected(error)}`);
    }
  };
  const timer = setInterval(() => void run(), DAY_MS);
  timer.unref();
  return { run, stop: () => clearInterval(timer) };
}
