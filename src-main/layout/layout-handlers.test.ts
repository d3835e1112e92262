import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../clients/test-core';

let core: TestCore | undefined;
afterEach(async () => {
  await core?.dispose();
  core = undefined;
});

describe('remembered table layouts (browser host)', () => {
  it('keeps column widths and the sort per table, merging widths by column', async () => {
    core = await createTestCore();
    expect(await core.call('layout.get', { table: 'clients' })).toEqual({
      columnWidths: {},
      sort: null,
    });
    await core.call('layout.save', { table: 'clients', columnWidths: { name: 300, email: 220 } });
    await core.call('layout.save', {
      table: 'clients',
      columnWidths: { email: 260 },
      sort: { column: 'email', direction: 'asc' },
    });
    await core.call('layout.save', {
      table: 'sync-log',
      sort: { column: 'started', direction: 'desc' },
    });
    expect(await core.call('layout.get', { table: 'clients' })).toEqual({
      columnWidths: { name: 300, email: 260 },
      sort: { column: 'email', direction: 'asc' },
    });
    // sort: null clears it; the widths stay.
    await core.call('layout.save', { table: 'clients', sort: null });
    expect((await core.call('layout.get', { table: 'clients' })).sort).toBeNull();
    const file = JSON.parse(readFileSync(join(core.dataDir, 'table-layout.json'), 'utf8'));
    expect(Object.keys(file).sort()).toEqual(['clients', 'sync-log']);
  });

  it('refuses an unusable width or table name with a clear message, and loses nothing', async () => {
    core = await createTestCore();
    await core.call('layout.save', { table: 'clients', columnWidths: { name: 300 } });
    const tooNarrow = await core.invoke('layout.save', {
      table: 'clients',
      columnWidths: { name: 3 },
    });
    expect(tooNarrow.ok).toBe(false);
    const badTable = await core.invoke('layout.get', { table: '../etc' });
    expect(badTable.ok).toBe(false);
    if (!badTable.ok)
      expect(badTable.error.message).toMatch(/lowercase letters, digits and dashes/);
    expect((await core.call('layout.get', { table: 'clients' })).columnWidths).toEqual({
      name: 300,
    });
  });
});
