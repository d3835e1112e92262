import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertManualClient, insertManyClients, insertQuickBooksClient } from './client-fixtures';
import { foldForSort } from './sort-name';
import { createTestCore, type TestCore } from './test-core';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(async () => {
  await core.dispose();
});

async function namesFound(search: string, extra: Record<string, unknown> = {}): Promise<string[]> {
  const page = await core.call('clients.list', { search, ...extra });
  return page.rows.map((r) => r.displayName);
}

describe('searching clients', () => {
  beforeEach(async () => {
    await insertQuickBooksClient(core.db, {
      displayName: 'Renée Lefèvre',
      givenName: 'Renée',
      familyName: 'Lefèvre',
      email: 'renee@lefevre.example',
      phone: '+1 (555) 555-0142',
    });
    await insertManualClient(core.db, {
      displayName: 'Sunny Acres Riding Club',
      companyName: 'Sunny Acres LLC',
      contactPerson: 'Marta Ochoa',
      email: 'office@sunnyacres.example',
      mobile: '555.010.0199',
    });
    await insertQuickBooksClient(core.db, {
      displayName: "Sean O'Brien",
      email: 'sean.obrien@mail.example',
      phone: '859-555-7777',
    });
  });

  it('finds a client by the start of a name, without caring about accents or case', async () => {
    expect(await namesFound('renee')).toEqual(['Renée Lefèvre']);
    expect(await namesFound('LEFEV')).toEqual(['Renée Lefèvre']);
    expect(await namesFound('Lefèvre')).toEqual(['Renée Lefèvre']);
  });

  it('needs every word typed to match, in any order', async () => {
    expect(await namesFound('lef ren')).toEqual(['Renée Lefèvre']);
    expect(await namesFound('renee sunny')).toEqual([]);
  });

  it('finds a client by company, contact person and email', async () => {
    expect(await namesFound('sunny acres llc')).toEqual(['Sunny Acres Riding Club']);
    expect(await namesFound('marta')).toEqual(['Sunny Acres Riding Club']);
    expect(await namesFound('office@sunnyacres.example')).toEqual(['Sunny Acres Riding Club']);
    expect(await namesFound('sean.obrien')).toEqual(["Sean O'Brien"]);
  });

  it('treats quotes and search operators as plain text', async () => {
    expect(await namesFound("o'brien")).toEqual(["Sean O'Brien"]);
    expect(await namesFound('"sean')).toEqual(["Sean O'Brien"]);
    expect(await namesFound('sean OR renee')).toEqual([]);
    expect(await namesFound('NEAR(sean')).toEqual([]);
  });

  it('finds a phone number however it is typed', async () => {
    for (const typed of [
      '5550142',
      '555-0142',
      '(555) 555-0142',
      '555 555 0142',
      '1-555-555-0142',
      '+1 555',
    ]) {
      expect(await namesFound(typed), typed).toContain('Renée Lefèvre');
    }
    expect(await namesFound('010 0199')).toEqual(['Sunny Acres Riding Club']);
    expect(await namesFound('859.555.77')).toEqual(["Sean O'Brien"]);
    expect(await namesFound('000-1234')).toEqual([]);
  });

  it('shows everyone when the search is blank or only punctuation', async () => {
    expect(await namesFound('')).toHaveLength(3);
    expect(await namesFound('  - ')).toHaveLength(3);
  });

  it('keeps search in step with edits', async () => {
    const [row] = (await core.call('clients.list', { search: 'sunny' })).rows;
    await core.call('clients.update', {
      id: row!.id,
      fields: { displayName: 'Moonlight Stables' },
    });
    expect(await namesFound('sunny acres riding')).toEqual([]);
    expect(await namesFound('moonlight')).toEqual(['Moonlight Stables']);
  });
});

describe('filtering and sorting the list', () => {
  it('shows active clients by default, inactive and archived ones on their own tabs', async () => {
    await insertQuickBooksClient(core.db, { displayName: 'Active QB' });
    await insertQuickBooksClient(core.db, {
      displayName: 'Inactive QB',
      active: false,
      inactiveReason: 'Made inactive in QuickBooks',
    });
    await insertManualClient(core.db, {
      displayName: 'Archived Manual',
      archivedAt: '2026-01-01T00:00:00.000Z',
    });
    await insertQuickBooksClient(core.db, {
      displayName: 'Archived Inactive QB',
      active: false,
      archivedAt: '2026-01-01T00:00:00.000Z',
    });
    await insertManualClient(core.db, { displayName: 'Active Manual' });

    expect(await namesFound('')).toEqual(['Active Manual', 'Active QB']);
    expect(await namesFound('', { status: 'inactive' })).toEqual(['Inactive QB']);
    expect(await namesFound('', { status: 'archived' })).toEqual([
      'Archived Inactive QB',
      'Archived Manual',
    ]);
    expect(await namesFound('', { source: 'manual' })).toEqual(['Active Manual']);
    expect(await namesFound('', { source: 'quickbooks' })).toEqual(['Active QB']);
    expect(await namesFound('archived', { status: 'archived', source: 'manual' })).toEqual([
      'Archived Manual',
    ]);
  });

  it('sorts names without regard to accents or case, either way', async () => {
    for (const name of ['zeta farm', 'Émile Zola', 'ash hollow', 'Ben Hur']) {
      await insertManualClient(core.db, { displayName: name });
    }
    expect(await namesFound('')).toEqual(['ash hollow', 'Ben Hur', 'Émile Zola', 'zeta farm']);
    expect(await namesFound('', { direction: 'desc' })).toEqual([
      'zeta farm',
      'Émile Zola',
      'Ben Hur',
      'ash hollow',
    ]);
    expect(foldForSort('  Émile   ZOLA ')).toBe('emile zola');
  });

  it('sorts by email with clients without one last, then by name', async () => {
    await insertManualClient(core.db, { displayName: 'No Email' });
    await insertManualClient(core.db, { displayName: 'Bea', email: 'b@example.com' });
    await insertManualClient(core.db, { displayName: 'Al', email: 'a@example.com' });
    expect(await namesFound('', { sort: 'email' })).toEqual(['Al', 'Bea', 'No Email']);
    expect(await namesFound('', { sort: 'email', direction: 'desc' })).toEqual([
      'Bea',
      'Al',
      'No Email',
    ]);
    expect(await namesFound('', { sort: 'source' })).toEqual(['Al', 'Bea', 'No Email']);
  });

  it('sorts by when clients were created and by last sync', async () => {
    await insertManualClient(core.db, {
      displayName: 'Newer',
      createdAt: '2026-02-01T00:00:00.000Z',
    });
    await insertQuickBooksClient(core.db, {
      displayName: 'Older',
      createdAt: '2025-02-01T00:00:00.000Z',
    });
    expect(await namesFound('', { sort: 'created' })).toEqual(['Older', 'Newer']);
    expect(await namesFound('', { sort: 'lastSynced' })).toEqual(['Older', 'Newer']);
  });

  it('pages through many clients with a stable total and no overlap', async () => {
    await insertManyClients(core.db, 1_000, 3);
    const total = (await core.call('clients.list', { limit: 1 })).total;
    const seen = new Set<number>();
    for (let offset = 0; offset < total; offset += 250) {
      const page = await core.call('clients.list', { offset, limit: 250 });
      expect(page.total).toBe(total);
      expect(page.offset).toBe(offset);
      for (const row of page.rows) seen.add(row.id);
    }
    expect(seen.size).toBe(total);
    expect(total).toBeGreaterThan(900);
  });

  it('counts each client’s horses and shows its parent customer', async () => {
    const parent = await insertQuickBooksClient(core.db, { displayName: 'Hollis Family' });
    const child = await insertQuickBooksClient(core.db, {
      displayName: 'Hollis Family:Jo',
      parentId: parent.id,
    });
    const a = await core.call('horses.create', { name: 'Biscuit' });
    const b = await core.call('horses.create', { name: 'Pepper' });
    await core.call('horses.link', { clientId: child.id, horseId: a.id });
    await core.call('horses.link', { clientId: child.id, horseId: b.id });

    const rows = (await core.call('clients.list', {})).rows;
    expect(rows.map((r) => [r.displayName, r.horseCount, r.parentName])).toEqual([
      ['Hollis Family', 0, null],
      ['Hollis Family:Jo', 2, 'Hollis Family'],
    ]);
  });
});
