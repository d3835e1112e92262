// `npm run bench` (or `npm run bench -- --quick` for a 5,000-customer smoke run):
// every benchmark, printed as figures beside their targets and baselines, and
// written as JSON under bench-results/. Timings are never asserted in the test suite.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { BenchRow } from './bench-row';
import { benchClientsSearch } from './clients-search.bench';
import { benchDuplicateScan } from './duplicates.bench';
import { benchImport } from './import.bench';
import { ROOT } from './support/sandbox-process';
import { benchSync } from './sync.bench';

const quick = process.argv.includes('--quick');
// `--only sync` (or import, search): one part, while working on it.
const only = process.argv[process.argv.indexOf('--only') + 1] ?? '';
const wanted = (part: string) => !process.argv.includes('--only') || only === part;
const machine = `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`;
console.log(
  `EquineOps benchmarks${quick ? ' (--quick: 5,000-customer smoke run)' : ''} on ${machine}`,
);

const table: { section: string; rows: BenchRow[] }[] = [];
function print(section: string, rows: BenchRow[]): void {
  table.push({ section, rows });
  console.log(`\n${section}`);
  for (const row of rows) {
    console.log(`  ${row.skipped ? '–' : row.met ? '✓' : '✗'} ${row.case}`);
    console.log(`      now       ${row.figure}`);
    if (row.baseline)
      console.log(`      baseline  ${row.baseline}${row.ratio ? ` → ${row.ratio}` : ''}`);
    console.log(`      target    ${row.target}`);
    if (row.notes) console.log(`      note      ${row.notes}`);
  }
}

if (wanted('sync'))
  print(
    'Customer sync (qbo-sandbox, the core and the baseline each in their own process)',
    await benchSync(quick),
  );
if (wanted('import'))
  print('CSV import (database worker; list calls made meanwhile)', await benchImport(quick));

const others: Record<string, Record<string, string>> = {};
for (const bench of wanted('search') ? [benchClientsSearch, benchDuplicateScan] : []) {
  const result = await bench(quick ? 5_000 : 50_000);
  others[result.name] = result.figures;
  console.log(`\n${result.name}`);
  for (const [label, value] of Object.entries(result.figures))
    console.log(`  ${label.padEnd(32)} ${value}`);
}

const folder = join(ROOT, 'bench-results');
mkdirSync(folder, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const report = JSON.stringify(
  { at: new Date().toISOString(), quick, machine, table, others },
  null,
  2,
);
writeFileSync(join(folder, `bench-${quick ? 'quick-' : ''}${stamp}.json`), report);
writeFileSync(join(folder, `latest${quick ? '-quick' : ''}.json`), report);
const missed = table.flatMap((s) => s.rows).filter((r) => !r.met && !r.skipped).length;
console.log(
  `\n${missed === 0 ? 'Every target met.' : `${missed} target(s) not met (see ✗ above).`} Written to bench-results/.`,
);
