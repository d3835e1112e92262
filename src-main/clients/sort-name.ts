/**
 * The form a display name is sorted and compared by: lower case, accents
 * removed, spaces collapsed, so "Émile Zola" sorts with the e's and not after z.
 */
export function foldForSort(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
