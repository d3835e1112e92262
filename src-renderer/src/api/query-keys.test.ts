import { describe, expect, it } from 'vitest';
import { isQueryOfClient, queryKeys } from './query-keys';

describe("which queries read one client's own records (dropped when it is erased)", () => {
  it('takes its profile, documents, access log, merges and merge previews', () => {
    for (const key of [
      queryKeys.clientDetail(7),
      // documentKeys.list and .access (documents.ts needs a window to import).
      [...queryKeys.clientDetail(7), 'documents'],
      [...queryKeys.clientDetail(7), 'access'],
      queryKeys.mergeHistory(7),
      queryKeys.mergePreview(7, 9),
      queryKeys.mergePreview(9, 7),
    ])
      expect(isQueryOfClient(key, 7), JSON.stringify(key)).toBe(true);
  });

  it('leaves other clients, the lists and settings alone', () => {
    for (const key of [
      queryKeys.clientDetail(70),
      [...queryKeys.clientDetail(8), 'documents'],
      queryKeys.mergeHistory(null),
      queryKeys.clientLists,
      queryKeys.duplicatePairs(7),
      queryKeys.settings,
    ])
      expect(isQueryOfClient(key, 7), JSON.stringify(key)).toBe(false);
  });
});
