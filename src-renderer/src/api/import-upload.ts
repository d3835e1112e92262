import {
  IMPORT_UPLOAD_CHUNK_ROWS,
  type ImportField,
  type MethodInput,
} from '../../../src-shared/contract';
import { ApiError } from './api-error';
import { api } from './index';

type MappedFile = { fields: ImportField[]; rows: string[][] };

/** One upload per mapped file (the wizard keeps the same rows object from preview to commit). */
const uploads = new WeakMap<string[][], { fields: string; uploadId: Promise<string> }>();

async function sendRows(file: MappedFile): Promise<string> {
  let uploadId: string | null = null;
  for (let start = 0; start < file.rows.length; start += IMPORT_UPLOAD_CHUNK_ROWS) {
    const chunk = file.rows.slice(start, start + IMPORT_UPLOAD_CHUNK_ROWS);
    uploadId = (await api['import.stageRows']({ uploadId, fields: file.fields, rows: chunk }))
      .uploadId;
  }
  return uploadId as string;
}

function uploadOf(file: MappedFile, fresh = false): Promise<string> {
  const fields = file.fields.join(',');
  const known = uploads.get(file.rows);
  if (!fresh && known && known.fields === fields) return known.uploadId;
  const uploadId = sendRows(file);
  uploads.set(file.rows, { fields, uploadId });
  uploadId.catch(() => uploads.delete(file.rows));
  return uploadId;
}

/**
 * Sends a big file's rows ahead in chunks (import.stageRows), once, then the
 * call names the upload instead of carrying 200,000 rows: the app keeps
 * answering while it receives them. A small file goes in the call itself.
 */
export async function withUploadedRows<I extends MappedFile, O>(
  input: I,
  call: (input: I & { uploadId?: string }) => Promise<O>,
): Promise<O> {
  if (input.rows.length <= IMPORT_UPLOAD_CHUNK_ROWS) return call(input);
  const send = async (fresh: boolean) =>
    call({ ...input, rows: [], uploadId: await uploadOf(input, fresh) });
  try {
    return await send(false);
  } catch (error) {
    // The app restarted (or dropped the upload) since: send the rows again, once.
    if (error instanceof ApiError && error.code === 'not_found') return send(true);
    throw error;
  }
}

export type PreviewInput = MethodInput<'import.preview'> & MappedFile;
export type CommitInput = MethodInput<'import.commit'> & MappedFile;
