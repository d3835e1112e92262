// Duplicate scan over 50,000 clients through the dispatcher, as the Clients page calls it.
// Target: ≤ 1 s for the whole scan (one query, hash maps in memory). Read, never asserted.
import { fileURLToPath } from 'node:url';
import {
  insertManualClient,
  insertManyClients,
  insertQuickBooksClient,
} from '../../src-main/clients/client-fixtures';
import { createTestCore } from '../../src-main/clients/test-core';

const PLANTED = 300;
const RUNS = 10;
const TARGET_MS = 1000;

export async function benchDuplicateScan(CLIENTS = 50_000): Promise<{
  name: string;
  figures: Record<string, string>;
}> {
  const core = await createTestCore();
  try {
    await insertManyClients(core.db, CLIENTS - 2 * PLANTED, 11);
    // Planted pairs, one kind of match each, in the formats staff really type.
    for (let i = 0; i < PLANTED; i++) {
      const kind = i % 3;
      await insertQuickBooksClient(core.db, {
        displayName: kind === 2 ? `Planted, Rider${i}` : `Planted QB ${i}`,
        email: kind === 0 ? `Planted${i}@Dup.example, office@dup.example` : null,
        phone: kind === 1 ? `+1 (859) 7${String(i).padStart(2, '0')}-${String(1000 + i)}` : null,
      });
      await insertManualClient(core.db, {
        displayName: kind === 2 ? `rider${i}  planted` : `Planted manual ${i}`,
        email: kind === 0 ? ` planted${i}@dup.example` : null,
        mobile: kind === 1 ? `859.7${String(i).padStart(2, '0')}.${String(1000 + i)}` : null,
      });
    }

    const timings: number[] = [];
    let total = 0;
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const result = await core.dispatcher.invoke('duplicates.list', {});
      timings.push(performance.now() - started);
      if (!result.ok) throw new Error(`duplicates.list failed: ${result.error.message}`);
      total = (result.value as { total: number }).total;
    }
    timings.sort((a, b) => a - b);
    const median = timings[Math.floor(timings.length / 2)]!;
    const max = timings[timings.length - 1]!;
    return {
      name: `Duplicate scan over ${CLIENTS.toLocaleString('en-US')} clients (${RUNS} scans, ${PLANTED} planted pairs)`,
      figures: {
        median: `${median.toFixed(0)} ms (target ≤ ${TARGET_MS} ms, ${(median / TARGET_MS).toFixed(2)}× of target)`,
        max: `${max.toFixed(0)} ms`,
        'pairs found': String(total),
      },
    };
  } finally {
    await core.dispose();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await benchDuplicateScan();
  console.log(result.name);
  for (const [label, value] of Object.entries(result.figures))
    console.log(`  ${label.padEnd(28)} ${value}`);
}
