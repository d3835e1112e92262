const sizes = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/**
 * A file's size as people read it, the one wording for the whole app (documents, backups, the
 * export's summary): "125 bytes", "4.2 KB", "3.1 MB". Below 1 KB the bytes are shown, because a
 * rounded "1 KB" hides that a file is nearly empty.
 */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return bytes === 1 ? '1 byte' : `${sizes.format(bytes)} bytes`;
  if (bytes < 1024 * 1024) return `${sizes.format(bytes / 1024)} KB`;
  return `${sizes.format(bytes / (1024 * 1024))} MB`;
}
