// Search over 50,000 clients through the dispatcher, as the Clients page calls it.
// Target: p95 ≤ 50 ms for total count + first page (limit 100). Read, never asserted.
import { fileURLToPath } from 'node:url';
import { insertManyClients } from '../../src-main/clients/client-fixtures';
import { createTestCore } from '../../src-main/clients/test-core';

const TARGET_P95_MS = 50;

/** Varied like real typing: whole and partial names, accents, emails, phone digits in several formats. */
const TERMS = [
  'smith',
  'smi',
  'sm',
  'johnson',
  'john',
  'emma',
  'em',
  'e',
  'zoe',
  'zoë',
  'jose',
  'hernandez',
  'perez',
  "o'brien",
  'obr',
  'lefevre',
  'muller',
  'ostergaard',
  'emma smith',
  'smith emma',
  'liam jo',
  'oak farm',
  'willow stables',
  'riding club',
  'ranch',
  'acres',
  'meadow',
  'sil',
  'cedar hollow',
  'fox downs',
  'emma.smith',
  'noah.lee',
  'example.com',
  'barnmail',
  'horsemail.example',
  'olivia.brown1',
  'grace@',
  'hannah.hall2',
  '555',
  '(555)',
  '555-01',
  '859',
  '(859) 4',
  '859-4',
  '+1 859',
  '212.5',
  '0142',
  '5550',
  '1 (702) 555',
  'nobody-matches-this',
  'xyz',
  'mason wright',
  'claire',
  'ashford',
  'pemberton',
  'whitaker',
  'hollis',
  'kowalski 12',
  'martin 4',
  'lee 100',
  'w',
  'a',
  'ma',
  'mar',
];

export async function benchClientsSearch(CLIENTS = 50_000): Promise<{
  name: string;
  figures: Record<string, string>;
}> {
  const core = await createTestCore();
  try {
    const seeded = performance.now();
    await insertManyClients(core.db, CLIENTS, 7);
    const seedMs = performance.now() - seeded;

    const statuses = ['active', 'active', 'active', 'inactive', 'archived'] as const;
    const timings: number[] = [];
    let matched = 0;
    for (let i = 0; i < 200; i++) {
      const search = TERMS[i % TERMS.length]!;
      const status = statuses[i % statuses.length]!;
      const started = performance.now();
      const result = await core.dispatcher.invoke('clients.list', { search, status, limit: 100 });
      timings.push(performance.now() - started);
      if (!result.ok)
        throw new Error(`clients.list failed for "${search}": ${result.error.message}`);
      matched += (result.value as { total: number }).total;
    }
    timings.sort((a, b) => a - b);
    const at = (q: number) =>
      timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]!;
    const p95 = at(0.95);
    return {
      name: `Client search over ${CLIENTS.toLocaleString('en-US')} clients (${timings.length} searches, limit 100)`,
      figures: {
        'seed clients': `${Math.round(seedMs)} ms`,
        p50: `${at(0.5).toFixed(1)} ms`,
        p95: `${p95.toFixed(1)} ms (target ≤ ${TARGET_P95_MS} ms, ${(p95 / TARGET_P95_MS).toFixed(2)}× of target)`,
        max: `${timings[timings.length - 1]!.toFixed(1)} ms`,
        'average matches a search': String(Math.round(matched / timings.length)),
      },
    };
  } finally {
    await core.dispose();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await benchClientsSearch();
  console.log(result.name);
  for (const [label, value] of Object.entries(result.figures))
    console.log(`  ${label.padEnd(28)} ${value}`);
}
