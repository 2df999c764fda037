/**
 * Personal identifiers as one person writes them in different ways, brought to one form so that
 * two sources (or two parcels) naming the same person can be linked: case, whitespace and
 * punctuation do not count, nor do the dots and the `+tag` of an e-mail's local part (most
 * mail providers deliver `a.da+shop@x` to `ada@x`). The forms are for matching only, never shown
 * back as what a sender declared (SECURITY.md, "Personal data in analytics").
 */

const words = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** `A.Da+Shop@Example.ORG ` → `ada@example.org`. */
export function normaliseEmail(email: string): string {
  const trimmed = email.trim().toLowerCase();
  const at = trimmed.lastIndexOf('@');
  if (at < 0) return words(trimmed);
  const local = trimmed.slice(0, at).split('+')[0]?.replace(/\./g, '') ?? '';
  return `${local}@${trimmed.slice(at + 1)}`;
}

/** An address's line, postcode, city and country as one lower-case string of words. */
export function normaliseAddress(address: { line: string; city: string; postcode?: string; country: string }): string {
  return [address.line, address.postcode ?? '', address.city, address.country].map(words).filter(Boolean).join(' ');
}

/** A payment or tracking reference: its letters and digits, upper case. */
export function normaliseReference(reference: string): string {
  return reference.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** Free text (a goods description, a carrier's name) as lower-case words. */
export const normaliseText = words;
