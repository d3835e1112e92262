import { describe, expect, it } from 'vitest';
import { formatFileSize } from './file-size';

describe('a file size as people read it', () => {
  it('shows bytes below 1 KB instead of rounding a nearly empty file up to "1 KB"', () => {
    expect(formatFileSize(125)).toBe('125 bytes');
    expect(formatFileSize(0)).toBe('0 bytes');
    expect(formatFileSize(1)).toBe('1 byte');
    expect(formatFileSize(1023)).toBe('1,023 bytes');
  });

  it('shows KB and MB with one decimal at most', () => {
    expect(formatFileSize(1024)).toBe('1 KB');
    expect(formatFileSize(4300)).toBe('4.2 KB');
    expect(formatFileSize(3.25 * 1024 * 1024)).toBe('3.3 MB');
  });
});
