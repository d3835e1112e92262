import {
  IMPORT_UPLOAD_CHUNK_ROWS,
  type ImportField,
  type MethodInput,
} from '../../../src-shared/contract';
import { ApiError } from './api-error';
import { api } from './index';

type MappedFile = { fields: ImportField[]; rows: string[][] };

/** One upload per mapped file (the wizard keeps the same rows object from preview to commit). */
const uploads = new WeakMap<
  string[][],
  { fields: string; uploadId: Promise<string>; imported: boolean }
>();

async function sendRows(file: MappedFile): Promise<string> {
  let uploadId: string | null = null;
  for (let start = 0; start < file.rows.length; start += IMPORT_UPLOAD_CHUNK_ROWS) {
    const chunk = file.rows.slice(start, start + IMPORT_UPLOAD_CHUNK_ROWS);
    uploadId = (await api['import.stageRows']({ uploadId, fields: file.fields, rows: chunk }))
      .uploadId;
  }
  return uploadId as string;
}

function uploadOf(file: MappedFile, fresh = false) {
  const fields = file.fields.join(',');
  const known = uploads.get(file.rows);
  if (!fresh && known && known.fields === fields) return known;
  const entry = { fields, uploadId: sendRows(file), imported: false };
  uploads.set(file.rows, entry);
  entry.uploadId.catch(() => uploads.delete(file.rows));
  return entry;
}

/** The app no longer holds the rows (it restarted): they can be sent again. */
function isMissingUpload(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.code === 'not_found' &&
    (error.detail ?? '').startsWith('import upload')
  );
}

/**
 * Sends a big file's rows ahead in chunks (import.stageRows), once, then the
 * call names the upload instead of carrying 200,000 rows: the app keeps
 * answering while it receives them. A small file goes in the call itself.
 * `imports` marks the commit: a file once imported is never sent to be imported again.
 */
export async function withUploadedRows<I extends MappedFile, O>(
  input: I,
  call: (input: I & { uploadId?: string }) => Promise<O>,
  options: { imports?: boolean } = {},
): Promise<O> {
  if (input.rows.length <= IMPORT_UPLOAD_CHUNK_ROWS) return call(input);
  if (options.imports && uploads.get(input.rows)?.imported) {
    throw new ApiError({
      code: 'conflict',
      message: 'This file was already imported. Choose it again to import it once more.',
    });
  }
  const send = async (fresh: boolean) => {
    const entry = uploadOf(input, fresh);
    const result = await call({ ...input, rows: [], uploadId: await entry.uploadId });
    if (options.imports) entry.imported = true;
    return result;
  };
  try {
    return await send(false);
  } catch (error) {
    if (isMissingUpload(error)) return send(true);
    throw error;
  }
}

export type PreviewInput = MethodInput<'import.preview'> & MappedFile;
export type CommitInput = MethodInput<'import.commit'> & MappedFile;
