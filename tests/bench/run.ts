// `npm run bench`: every benchmark, printed as figures and ratios against its target.
// Timings are never asserted in the test suite; they are read here.
import { benchClientsSearch } from './clients-search.bench';
import { benchDuplicateScan } from './duplicates.bench';
import { benchFullSync } from './full-sync.bench';
import { benchImport } from './import.bench';

export interface BenchResult {
  name: string;
  figures: Record<string, string>;
}

const benches: (() => Promise<BenchResult>)[] = [
  benchClientsSearch,
  benchDuplicateScan,
  benchFullSync,
  benchImport,
];

for (const bench of benches) {
  const result = await bench();
  console.log(`\n${result.name}`);
  for (const [label, value] of Object.entries(result.figures))
    console.log(`  ${label.padEnd(32)} ${value}`);
}
