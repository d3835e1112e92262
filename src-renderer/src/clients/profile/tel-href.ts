/**
 * A `tel:` link for a phone number as staff typed it or QuickBooks holds it.
 * An extension is kept apart (RFC 3966 `;ext=`): run into the number, its
 * digits would dial a different number.
 */
export function telHref(phone: string): string {
  const extension = /^(.*?)\s*(?:ext\.?|extension|x|#)\s*(\d+)\s*$/i.exec(phone);
  const main = (extension ? extension[1]! : phone).replace(/[^\d+]/g, '');
  return extension ? `tel:${main};ext=${extension[2]}` : `tel:${main}`;
}
