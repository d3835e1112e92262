// CSV import at scale: a 50,000-row file against 50,000 clients, through the dispatcher
// as the wizard calls it (zod validation included). Targets: preview ≤ 1 s, commit ≤ 2 s.
// Read, never asserted.
import { fileURLToPath } from 'node:url';
import { autoMapColumns } from '../../src-shared/import/column-synonyms';
import { readCsvBytes } from '../../src-shared/import/csv-table';
import { applyMapping } from '../../src-shared/import/mapped-rows';
import { insertManyClients } from '../../src-main/clients/client-fixtures';
import { createTestCore } from '../../src-main/clients/test-core';

const CLIENTS = 50_000;
const ROWS = 50_000;
const PREVIEW_TARGET_MS = 1000;
const COMMIT_TARGET_MS = 2000;

/** Peak memory, sampled between awaits and at each step. */
function memoryPeaks() {
  const peak = { rss: 0, heapUsed: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
  };
  const timer = setInterval(sample, 5);
  return { peak, sample, stop: () => clearInterval(timer) };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const vs = (ms: number, target: number) =>
  `${Math.round(ms)} ms (target ≤ ${target} ms, ${(ms / target).toFixed(2)}× of target)`;

/** A barn's export: a third match QuickBooks emails (some in other case), most are new, a few are broken. */
function buildCsv(qbEmails: string[]): string {
  const lines = ['Client Name,E-mail Address,Phone #,City,Horses,Notes'];
  for (let i = 0; i < ROWS; i++) {
    const roll = i % 20;
    let email = `new.person${i}@import.example`;
    if (roll < 7 && qbEmails.length > 0) email = qbEmails[i % qbEmails.length]!;
    if (roll === 7) email = email.toUpperCase();
    if (roll === 8) email = 'not-an-email';
    const name = roll === 9 ? '' : `Imported Person ${i}`;
    const horses = i % 5 === 0 ? `"Horse ${i % 7000}, Pony ${i}"` : '';
    const notes = i % 10 === 0 ? `"Imported, row ${i}"` : '';
    lines.push(
      `${name},${email},(555) 010-${String(i % 10000).padStart(4, '0')},Lexington,${horses},${notes}`,
    );
  }
  return lines.join('\r\n');
}

export async function benchImport(): Promise<{ name: string; figures: Record<string, string> }> {
  const core = await createTestCore();
  const memory = memoryPeaks();
  try {
    await insertManyClients(core.db, CLIENTS, 11);
    const qbEmails = (
      await core.db
        .selectFrom('clients')
        .select('email')
        .where('source', '=', 'quickbooks')
        .where('email', 'is not', null)
        .execute()
    ).map((r) => r.email!);
    const bytes = new TextEncoder().encode(buildCsv(qbEmails));
    memory.sample();

    let started = performance.now();
    const table = readCsvBytes(bytes);
    const parseMs = performance.now() - started;
    const mapped = applyMapping(table.rows, autoMapColumns(table.columns));
    const requestBytes = Buffer.byteLength(JSON.stringify(mapped));
    memory.sample();

    started = performance.now();
    const preview = await core.dispatcher.invoke('import.preview', mapped);
    const previewMs = performance.now() - started;
    if (!preview.ok) throw new Error(preview.error.message);
    const counts = (preview.value as { counts: { green: number; blue: number; red: number } })
      .counts;
    const replyBytes = Buffer.byteLength(JSON.stringify(preview.value));
    memory.sample();

    started = performance.now();
    const commit = await core.dispatcher.invoke('import.commit', {
      ...mapped,
      fileName: 'bench.csv',
      excluded: [],
    });
    const commitMs = performance.now() - started;
    if (!commit.ok) throw new Error(commit.error.message);
    memory.sample();
    const summary = commit.value as {
      batchId: number;
      created: number;
      linked: number;
      horsesLinked: number;
      notesAdded: number;
    };

    started = performance.now();
    const undo = await core.dispatcher.invoke('import.undo', { batchId: summary.batchId });
    const undoMs = performance.now() - started;
    if (!undo.ok) throw new Error(undo.error.message);
    memory.sample();

    return {
      name: `CSV import: ${ROWS.toLocaleString('en-US')} rows against ${CLIENTS.toLocaleString('en-US')} clients`,
      figures: {
        'file size': mb(bytes.length),
        'parse (detect + papaparse)': `${Math.round(parseMs)} ms`,
        'preview request / reply JSON': `${mb(requestBytes)} / ${mb(replyBytes)}`,
        'import.preview': vs(previewMs, PREVIEW_TARGET_MS),
        'colors (green/blue/red)': `${counts.green} / ${counts.blue} / ${counts.red}`,
        'import.commit': vs(commitMs, COMMIT_TARGET_MS),
        committed: `${summary.created} created, ${summary.linked} linked, ${summary.horsesLinked} horse links, ${summary.notesAdded} notes`,
        'import.undo': `${Math.round(undoMs)} ms`,
        'peak rss / heapUsed': `${mb(memory.peak.rss)} / ${mb(memory.peak.heapUsed)}`,
      },
    };
  } finally {
    memory.stop();
    await core.dispose();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await benchImport();
  console.log(result.name);
  for (const [label, value] of Object.entries(result.figures))
    console.log(`  ${label.padEnd(30)} ${value}`);
}
