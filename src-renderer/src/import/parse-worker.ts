/// <reference lib="webworker" />
import { CsvRefusal, refuseNonCsv } from '../../../src-shared/import/csv-bytes';
import { readCsvBytes } from '../../../src-shared/import/csv-table';
import type { ParseReply, ParseRequest } from './parse-messages';

/**
 * Reads and parses a dropped file off the UI thread: a 50 MB file decodes and
 * parses here while the wizard keeps drawing its progress bar.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.addEventListener('message', (event: MessageEvent<ParseRequest>) => {
  void parse(event.data.file).then((reply) => scope.postMessage(reply));
});

async function parse(file: File): Promise<ParseReply> {
  try {
    // Refuse an oversized file before reading a byte of it.
    refuseNonCsv(new Uint8Array(0), file.size);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const table = readCsvBytes(bytes, (progress) =>
      scope.postMessage({ kind: 'progress', progress } satisfies ParseReply),
    );
    return { kind: 'done', table };
  } catch (error) {
    if (error instanceof CsvRefusal) return { kind: 'refused', message: error.message };
    return {
      kind: 'refused',
      message: 'This file could not be read as CSV. Nothing was imported.',
    };
  }
}
