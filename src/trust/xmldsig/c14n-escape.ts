/** Exclusive c14n escaping (c14n spec §2.3), for text and attribute values. */
const TEXT_SPECIALS = /[&<>\r]/;
const ATTRIBUTE_SPECIALS = /[&<"\t\n\r]/;
const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#x9;', '\n': '&#xA;', '\r': '&#xD;' };
const escapeSpecial = (c: string): string => ESCAPES[c]!;

export function escapeCanonicalText(value: string): string {
  return TEXT_SPECIALS.test(value) ? value.replace(/[&<>\r]/g, escapeSpecial) : value;
}

export function escapeCanonicalAttribute(value: string): string {
  return ATTRIBUTE_SPECIALS.test(value) ? value.replace(/[&<"\t\n\r]/g, escapeSpecial) : value;
}
