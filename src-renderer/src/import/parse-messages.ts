import type { CsvTable, ParseProgress } from '../../../src-shared/import/csv-table';

export interface ParseRequest {
  file: File;
}

export type ParseReply =
  | { kind: 'progress'; progress: ParseProgress }
  | { kind: 'done'; table: CsvTable }
  | { kind: 'refused'; message: string };
