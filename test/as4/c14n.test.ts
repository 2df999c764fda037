/**
 * as4/c14n.ts against xml-crypto's exclusive canonicaliser on every element of every corpus
 * envelope: the same bytes, but for the order of namespace declarations where xml-crypto sorts
 * by localeCompare (eb3 before S12) and c14n, libxml2 and Santuario by code point (S12 first);
 * dataport1-mustunderstand (Holodeck B2B) verifies only with the code-point order. The
 * PrefixList cases are proven by the corpus signatures that use one (TestReceipt11: S11).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ExclusiveCanonicalization } from 'xml-crypto';
import { describe, expect, it } from 'vitest';
import { excC14n } from '../../src/as4/c14n.js';
import { readTransport } from '../../src/as4/mime.js';
import { parseDom } from '../../src/trust/xmldsig/xml-dom.js';
import { AS4_FIXTURES, fixture } from './support.js';

const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
const files = walk(AS4_FIXTURES)
  .filter((f) => /\.(xml|as4in|as4out|mime)$/.test(f))
  .map((f) => f.slice(AS4_FIXTURES.length + 1));

/** Start tags with their namespace declarations sorted one way, to compare outputs modulo that order. */
const declarationsSorted = (xml: string) =>
  xml.replace(
    /<([^\s>/!?]+)((?:\s+xmlns(?::[^=]+)?="[^"]*")+)/g,
    (_m, name: string, decls: string) =>
      `<${name} ${decls
        .trim()
        .split(/\s+(?=xmlns)/)
        .sort()
        .join(' ')}`,
  );

describe('exclusive c14n of every corpus element', () => {
  it.each(files)('%s', (file) => {
    const { document } = parseDom(readTransport(fixture(file)).soap);
    const elements = document.getElementsByTagName('*');
    for (let i = 0; i < elements.length; i++) {
      const element = elements.item(i)!;
      const ours = excC14n(element);
      const theirs = new ExclusiveCanonicalization().process(element, {}).toString();
      expect(declarationsSorted(ours)).toBe(declarationsSorted(theirs));
    }
  });
});
