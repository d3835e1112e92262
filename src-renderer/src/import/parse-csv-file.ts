import type { CsvTable, ParseProgress } from '../../../src-shared/import/csv-table';
import type { ParseReply } from './parse-messages';

export type ParseOutcome = { ok: true; table: CsvTable } | { ok: false; message: string };

/** Parses the file in a Web Worker; one worker per file, ended when it answers. */
export function parseCsvFile(
  file: File,
  onProgress: (progress: ParseProgress) => void,
): Promise<ParseOutcome> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./parse-worker.ts', import.meta.url), { type: 'module' });
    const finish = (outcome: ParseOutcome) => {
      worker.terminate();
      resolve(outcome);
    };
    worker.addEventListener('message', (event: MessageEvent<ParseReply>) => {
      const reply = event.data;
      if (reply.kind === 'progress') onProgress(reply.progress);
      else if (reply.kind === 'done') finish({ ok: true, table: reply.table });
      else finish({ ok: false, message: reply.message });
    });
    worker.addEventListener('error', () =>
      finish({ ok: false, message: 'This file could not be read. Nothing was imported.' }),
    );
    worker.postMessage({ file });
  });
}
