import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  INTUIT_TID,
  invalidGrantJson,
  jsonParseSnippet,
  quotedRevokeBody,
  quotedTokenRequest,
  quotedTokenResponse,
  secretFragments,
  tokenExpiredJson,
  tokenExpiredXml,
} from '../tests/support/intuit-bodies';
import { recordActivity } from './activity/activity-log';
import { createCore, type Core } from './core';
import { AppError } from './errors';
import { createMemorySecretStoreForTests } from './platform/node/memory-secret-store';
import { createNodePorts } from './platform/node/node-ports';
import { finishRun, insertItems, insertRun } from './sync/sync-log-repository';

/*
 * Every path that stores or shows text, fed what Intuit and its libraries
 * really send back: the Sync Log (run and items), the audit log, error
 * messages and detail, and the CSV export. Redaction is by shape, so none of
 * these bodies needs a field name the app knows.
 */
const bodies = {
  tokenExpiredJson,
  tokenExpiredXml,
  invalidGrantJson,
  quotedTokenRequest,
  quotedTokenResponse,
  quotedRevokeBody,
  jsonParseSnippet,
};

let dataDir: string;
let core: Core;
beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'equineops-redaction-'));
  core = await createCore({
    dataDir,
    host: 'browser',
    quickbooks: null,
    ports: createNodePorts({ secrets: createMemorySecretStoreForTests(), launchBrowser: false }),
  });
});
afterEach(async () => {
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function expectNoSecret(text: string, where: string): void {
  for (const fragment of secretFragments()) expect(text, where).not.toContain(fragment);
}

async function call<T>(method: string, input: unknown): Promise<T> {
  const result = await core.dispatcher.invoke(method, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

describe('no token-bearing text is stored or shown', () => {
  for (const [name, body] of Object.entries(bodies)) {
    it(`${name}: the Sync Log, its CSV, the audit log and error detail keep no secret`, async () => {
      const at = new Date('2026-11-20T10:00:00Z');
      const runId = await insertRun(core.db, 'manual', '9341455130122187', at);
      await insertItems(core.db, runId, at, [
        {
          qbId: '58',
          clientId: null,
          clientName: 'Amy Alvarez',
          action: 'error',
          message: 'QuickBooks customer 58 could not be read.',
          detail: body,
        },
      ]);
      const error = new AppError('quickbooks', `QuickBooks answered: ${body}`, {
        detail: `HTTP 200; ${body}; intuit_tid ${INTUIT_TID}`,
      });
      await finishRun(core.db, runId, 'failed', at, {
        message: error.message,
        detail: error.options.detail ?? null,
      });
      await recordActivity(core.db, at, {
        actor: 'Scheduled sync',
        action: 'sync.run',
        summary: `Customer sync failed: ${body}`,
        detail: { support: body, nested: { response: body } },
      });

      const shown = JSON.stringify([
        error.toShape(),
        await call('sync.run.get', { runId }),
        await call('sync.items', { runId }),
      ]);
      const csv = (await call<{ csv: string }>('sync.exportCsv', { runId })).csv;
      const stored = JSON.stringify([
        await core.db.selectFrom('sync_runs').selectAll().execute(),
        await core.db.selectFrom('sync_items').selectAll().execute(),
        await core.db.selectFrom('activity').selectAll().execute(),
      ]);
      expectNoSecret(shown, 'shown');
      expectNoSecret(csv, 'csv');
      expectNoSecret(stored, 'stored');
      // What support needs is still there.
      expect(shown).toContain(INTUIT_TID);
      expect(csv).toContain('Amy Alvarez');
    });
  }
});
